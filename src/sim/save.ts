/**
 * Saves: a game is fully described by its scenario (embedded whole, so that a later edit of the
 * file cannot change a replay), its seed, the policy of each side, its length and the outside
 * actions with their ticks; the yearly hashes let a replay check every year, and a tampered save
 * fail loudly at the first year that differs.
 */
import { z } from 'zod/mini';
import { POLICY_NAMES_BY_SIDE, resolvePolicy } from './agents';
import { stateHash } from './hash';
import { createRun, playThrough, runSimulation, type Run } from './run';
import { formatIssue, parseScenario, reservedKeyMessage, reservedKeyPaths, type Result } from './scenario';
import type { Scenario } from './scenario-schema';
import type { MetricRow, TimedAction } from './types';
import { contractRecords, type ContractRecord } from './contract-records';
import { isSeed, MAX_SEED, MIN_AGENTS, MAX_AGENTS } from './seed';

export const SAVE_FORMAT = 'horizons-save';
export const SAVE_VERSION = 1;

/**
 * Most actions a save may hold: a person deciding every month of a 60-year game twenty times over
 * takes 14,400; beyond 100,000 a file is not a game played (and its replay would only take long).
 */
export const MAX_SAVE_ACTIONS = 100_000;

const hash = z.string().check(z.regex(/^[0-9a-f]{16}$/, 'a 16-digit hexadecimal hash'));
const saveSchema = z.strictObject({
  format: z.literal(SAVE_FORMAT),
  version: z.literal(SAVE_VERSION),
  scenario: z.unknown(),
  seed: z.number().check(z.refine(isSeed, `a whole number from 0 to ${MAX_SEED}`)),
  city: z.string(),
  partner: z.string(),
  years: z.int().check(z.minimum(1), z.maximum(60)),
  agents: z.optional(z.int().check(z.minimum(MIN_AGENTS), z.maximum(MAX_AGENTS))),
  actions: z.array(z.strictObject({ tick: z.int().check(z.minimum(0)), action: z.record(z.string(), z.unknown()) })).check(z.maxLength(MAX_SAVE_ACTIONS)),
  yearlyHashes: z.array(hash),
  finalHash: hash,
});

export interface SaveFile {
  format: typeof SAVE_FORMAT;
  version: typeof SAVE_VERSION;
  scenario: Scenario;
  seed: number;
  city: string;
  partner: string;
  years: number;
  agents?: number;
  actions: TimedAction[];
  yearlyHashes: string[];
  finalHash: string;
}

/** Validates a parsed save file; `source` names it in the message. */
export function parseSave(raw: unknown, source: string): Result<SaveFile> {
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format !== SAVE_FORMAT) {
    return { ok: false, error: `save ${source}: format is ${JSON.stringify((raw as { format?: unknown }).format) ?? 'missing'}, expected "${SAVE_FORMAT}" (is this a Horizons save?)` };
  }
  // A reserved key anywhere (the embedded scenario, an action) is refused, not dropped on the way.
  const reserved = reservedKeyPaths(raw);
  if (reserved.length > 0) return { ok: false, error: `save ${source} is not valid:\n${reserved.map((p) => '  ' + reservedKeyMessage(p)).join('\n')}` };
  const parsed = saveSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => '  ' + formatIssue(i, raw));
    return { ok: false, error: `save ${source} is not valid:\n${lines.join('\n')}` };
  }
  const s = parsed.data;
  const scenario = parseScenario(s.scenario, `embedded in save ${source}`);
  if (!scenario.ok) return scenario;
  for (const [side, name] of [['city', s.city], ['partner', s.partner]] as const) {
    if (!resolvePolicy(name, side)) return { ok: false, error: `save ${source}: ${side}: found the string "${name}", expected one of ${POLICY_NAMES_BY_SIDE[side].join(', ')}` };
  }
  if (s.yearlyHashes.length !== s.years) {
    return { ok: false, error: `save ${source}: yearlyHashes has ${s.yearlyHashes.length} entries, expected one per year (${s.years})` };
  }
  const tooLate = s.actions.find((a) => a.tick >= s.years * 12);
  if (tooLate) return { ok: false, error: `save ${source}: an action at tick ${tooLate.tick} lies beyond the game's ${s.years} years` };
  return { ok: true, value: { ...s, scenario: scenario.value, actions: s.actions as unknown as TimedAction[] } as SaveFile };
}

/** Builds a save from a finished run's inputs and its yearly hashes. */
export function createSave(
  scenario: Scenario,
  opts: { seed: number; city: string; partner: string; years: number; agents?: number; actions: TimedAction[] },
  yearlyHashes: string[],
): SaveFile {
  return {
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    scenario,
    seed: opts.seed,
    city: opts.city,
    partner: opts.partner,
    years: opts.years,
    ...(opts.agents !== undefined ? { agents: opts.agents } : {}),
    actions: opts.actions,
    yearlyHashes,
    finalHash: yearlyHashes[yearlyHashes.length - 1] ?? '',
  };
}

export interface ReplayReport {
  ok: boolean;
  finalHash: string;
  years: number;
  mismatches: { year: number; expected: string; got: string }[];
  error?: string;
  /** The replayed game's yearly series (one row of every reporter per finished year). */
  yearly: MetricRow[];
  /** The replayed game's contracts signed with the partner (the records of `sim --format json`). */
  contracts: ContractRecord[];
}

/** Replays a save and checks every yearly hash and the final one. */
export function replaySave(save: SaveFile): ReplayReport {
  const run = runSimulation(save.scenario, {
    seed: save.seed,
    years: save.years,
    city: save.city,
    partner: save.partner,
    actions: save.actions,
    yearlyHashes: true,
    ...(save.agents !== undefined ? { agents: save.agents } : {}),
  });
  const mismatches: ReplayReport['mismatches'] = [];
  run.yearlyHashes.forEach((got, i) => {
    const expected = save.yearlyHashes[i];
    if (expected !== got) mismatches.push({ year: i + 1, expected: expected ?? '(none)', got });
  });
  const finalHash = run.summary.stateHash;
  let error: string | undefined;
  if (finalHash !== save.finalHash) error = `final hash ${finalHash} differs from the save's ${save.finalHash}`;
  else if (mismatches.length > 0) error = `year ${mismatches[0]!.year}: hash ${mismatches[0]!.got} differs from the save's ${mismatches[0]!.expected}`;
  return { ok: mismatches.length === 0 && !error, finalHash, years: save.years, mismatches, ...(error ? { error } : {}), yearly: run.yearly, contracts: contractRecords(run.state, save.scenario) };
}

/** A save rebuilt as a run the game can play on, or the first year whose hash differs. */
export type RestoredRun = { ok: true; run: Run; yearlyHashes: string[] } | { ok: false; year: number; got: string; expected: string | undefined };

/** Rebuilds a playable run (to the scenario's horizon) from a save, checking each year's hash: the game's restore. */
export function restoreRun(save: SaveFile): RestoredRun {
  const run = createRun(save.scenario, { seed: save.seed, city: save.city, partner: save.partner, ...(save.agents !== undefined ? { agents: save.agents } : {}) });
  const yearlyHashes: string[] = [];
  let mismatch: { year: number; got: string } | null = null;
  playThrough(run, {
    actions: save.actions,
    untilTick: save.years * 12,
    onYearEnd: (year) => {
      const got = stateHash(run.state);
      if (got !== save.yearlyHashes[year - 1]) {
        mismatch = { year, got };
        return false;
      }
      yearlyHashes.push(got);
    },
  });
  const m = mismatch as { year: number; got: string } | null;
  return m ? { ok: false, year: m.year, got: m.got, expected: save.yearlyHashes[m.year - 1] } : { ok: true, run, yearlyHashes };
}
