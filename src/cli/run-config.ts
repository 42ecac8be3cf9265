/**
 * What `sim` and `sweep` share: turning the flags that shape a run (scenario, `--set`,
 * `--agents`, `--years`, `--city`, `--partner`) into a validated scenario and run options, all
 * checked before any simulation starts.
 */
import { applySet, MAX_AGENTS, MIN_AGENTS, POLICY_NAMES_BY_SIDE, resolvePolicy, type Scenario } from '../sim';
import { fail, unwrap } from './errors';
import { list, parseInteger, parseSetFlag, parseYears, str, type FlagSpecs, type ParsedArgs } from './args';
import { join } from 'node:path';
import { loadScenario, looksLikePath, SCENARIOS_DIR } from './load-scenario';
import type { NamedFile } from './output';

/** Flags common to `sim` and `sweep` (the scenario and who plays). */
export const RUN_FLAGS = {
  scenario: { type: 'string', value: '<id|path>', help: 'scenario id (file in scenarios/) or path to a scenario JSON file' },
  years: { type: 'string', value: '<n>', help: 'years to simulate (1–60; default: the scenario\'s horizonYears)' },
  city: { type: 'string', value: '<personality>', help: `the city's computer player (${POLICY_NAMES_BY_SIDE.city.join(', ')})` },
  partner: { type: 'string', value: '<personality>', help: `the partner's computer player (${POLICY_NAMES_BY_SIDE.partner.join(', ')})` },
  agents: { type: 'string', value: '<n>', help: `number of citizen agents, a whole number from ${MIN_AGENTS} to ${MAX_AGENTS.toLocaleString('en-US')} (default: the scenario's citizens.agents)` },
} as const satisfies FlagSpecs;

/** The options of `runSimulation` that the flags decide (the seed comes separately). */
export interface RunShape {
  years?: number;
  city?: string;
  partner?: string;
  agents?: number;
}

/** A personality name, checked against the policies that can play that side. */
function parsePersonality(raw: string, flag: '--city' | '--partner'): string {
  const side = flag === '--city' ? 'city' : 'partner';
  if (resolvePolicy(raw, side) !== undefined) return raw;
  return fail(`${flag}: "${raw}" is not a ${side} personality; expected one of ${POLICY_NAMES_BY_SIDE[side].join(', ')}`);
}

/** Applies `--set` overrides in order; each must name a numeric field and stay within bounds. */
export function applySets(scenario: Scenario, sets: readonly { path: string; value: number }[], source: string): Scenario {
  let s = scenario;
  for (const { path, value } of sets) s = unwrap(applySet(s, path, value, source));
  return s;
}

/** Refuses a path given twice (`--set a=1 --set a=2`): which one should win is not obvious. */
export function checkDistinctPaths(paths: readonly string[]): void {
  const seen = new Set<string>();
  for (const p of paths) {
    if (seen.has(p)) fail(`--set ${p} is given more than once; give each path once`);
    seen.add(p);
  }
}

/** `--set path=value` flags (one value each, each path once), applied to `scenario` in order: what `sim` and `calibrate` share. */
export function applySetFlags(args: ParsedArgs, scenario: Scenario, source: string): Scenario {
  const sets = list(args, 'set').map((raw) => {
    const { path, values } = parseSetFlag(raw, false);
    return { path, value: values[0]! };
  });
  checkDistinctPaths(sets.map((s) => s.path));
  return applySets(scenario, sets, source);
}

/** The file `--scenario` reads (a path as given, or the shipped file of an id): an input no output may replace. */
export function scenarioInput(spec: string): NamedFile {
  return { flag: '--scenario', path: looksLikePath(spec) ? spec : join(SCENARIOS_DIR, `${spec}.json`) };
}

/** Loads `--scenario` (required) and reads the run-shaping flags; the scenario gets `--agents`. */
export function readRunFlags(args: ParsedArgs): { scenario: Scenario; source: string; shape: RunShape; input: NamedFile } {
  const spec = str(args, 'scenario');
  if (spec === undefined) return fail('flag --scenario is required: --scenario <id|path> (e.g. --scenario dijon-like)');
  const { scenario, source } = unwrap(loadScenario(spec));
  const shape: RunShape = {};
  const years = str(args, 'years');
  if (years !== undefined) shape.years = parseYears(years);
  const city = str(args, 'city');
  if (city !== undefined) shape.city = parsePersonality(city, '--city');
  const partner = str(args, 'partner');
  if (partner !== undefined) shape.partner = parsePersonality(partner, '--partner');
  let withAgents = scenario;
  const agents = str(args, 'agents');
  if (agents !== undefined) {
    const n = parseInteger(agents, '--agents', MIN_AGENTS, MAX_AGENTS, true);
    // The scenario carries the count too, so that a save of this run replays with it.
    const r = applySet(scenario, 'citizens.agents', n, source);
    if (!r.ok) {
      // The schema's line reads "citizens.agents: found n, expected …": keep the "expected" part.
      const expected = /citizens\.agents: found [^,]+, (expected .*)/.exec(r.error)?.[1];
      return fail(expected ? `--agents: found ${n}, ${expected} (the scenario's citizens.agents bounds)` : `--agents: found ${n}; ${r.error}`);
    }
    withAgents = r.value;
    shape.agents = n;
  }
  return { scenario: withAgents, source, shape, input: scenarioInput(spec) };
}
