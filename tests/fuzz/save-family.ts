/**
 * Family (b): save files, damaged as text and as structure, read as `npm run replay` reads them
 * (`readSaveFile`, then `replaySave`), and the game's autosave damaged the same way in its
 * storage. Two saves to start from: a headless run's (`sim --save`, no actions: `buildSave`, as
 * the command makes it) and a played game's (two years as the city, an action of every kind).
 *
 * A save is accepted and replays with finite numbers, or is refused with one message naming the
 * file (or field); a save that parses but no longer replays is refused by the replay, naming the
 * year. The autosave is never lost: whatever its state, its text is still in storage after the
 * menu read it, after `continueSave` refused it and after a new game's first year-end.
 *
 * A key given twice must be refused in a scenario file (the check of the loader); in a save
 * or an autosave it is not demanded (they are parsed whole before their scenario is checked).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applySet, replaySave, runSimulation, type SaveFile } from '../../src/sim';
import { readSaveFile, buildSave } from '../../src/cli/save-file';
import { UserError } from '../../src/cli/errors';
import { loadScenario } from '../../src/cli/load-scenario';
import { AUTOSAVE_FORMAT, AUTOSAVE_KEY, AUTOSAVE_VERSION } from '../../src/state/autosave';
import { applyEdits, damageText, editArb, hostileRaw, isJson, textDamageArb, type Edit, type Raw, type TextDamage } from './generators';
import { accepted, crashed, firstNonFinite, judgeRefusal, silent, thrown, type Expectation, type Family, type Verdict } from './harness';
import { driveUntil, makeGame, playedSave } from './game';
import { MemoryStorage } from '../state/game-helpers';
import { workDir } from './scenario-family';

/** The save `npm run sim -- --scenario dijon-like --seed 1 --years 2 --agents 200 --save x.json` writes. */
export function cliSave(): SaveFile {
  const loaded = loadScenario('dijon-like');
  if (!loaded.ok) throw new Error(loaded.error);
  const set = applySet(loaded.value.scenario, 'citizens.agents', 200);
  if (!set.ok) throw new Error(set.error);
  const result = runSimulation(set.value, { seed: 1, years: 2, agents: 200, yearlyHashes: true });
  return buildSave(set.value, { seed: 1, city: set.value.policies.city, partner: set.value.policies.partner, agents: 200, actions: [] }, result);
}

let bases: [SaveFile, SaveFile] | undefined;
const baseSaves = (): [SaveFile, SaveFile] => (bases ??= [cliSave(), playedSave()]);

/** Fields of a save with values chosen for them (seeds at the range's edges, years, agents). */
const FIELD_VALUES: Record<'seed' | 'years' | 'agents', string[]> = {
  seed: ['-1', '0', '4294967295', '4294967296', '2147483648', '1.5', '"1"', '1e999', 'null'],
  years: ['0', '1', '3', '61', '2.5', '"2"', '-1'],
  agents: ['0', '49', '50', '100001', '1e9', '200.5', '"200"'],
};

type SaveEdit = { kind: 'field'; field: keyof typeof FIELD_VALUES; pick: number } | { kind: 'hash'; at: number } | { kind: 'junkAction'; tick: number; action: Raw };

export interface SaveInput {
  base: 0 | 1;
  /** Where the document edits land: the save's own fields and actions, or its embedded scenario. */
  region: 'top' | 'scenario';
  edits: Edit[];
  saveEdits: SaveEdit[];
  damage: TextDamage;
  /** For the autosave: a damage of its envelope's own fields. */
  envelope: { field: 'format' | 'version' | 'role'; value: Raw } | null;
}

const saveEditArb: fc.Arbitrary<SaveEdit> = fc.oneof(
  fc.record({ kind: fc.constant('field' as const), field: fc.constantFrom('seed' as const, 'years' as const, 'agents' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('hash' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('junkAction' as const), tick: fc.integer({ min: -1, max: 30 }), action: fc.oneof(hostileRaw, fc.constantFrom('{"type":"setConcertation","level":1e999}', '{"type":"setBudget","envelopeEur":1e308,"taxChange":0}', '{"type":"propose","by":"city","terms":{}}', '{"type":"nope"}', '{}').map((raw) => ({ raw }))) }),
);

const saveInputArb: fc.Arbitrary<SaveInput> = fc.record({
  base: fc.constantFrom(0 as const, 1 as const),
  region: fc.constantFrom('top' as const, 'top' as const, 'scenario' as const),
  edits: fc.array(editArb, { minLength: 0, maxLength: 2 }),
  saveEdits: fc.array(saveEditArb, { minLength: 0, maxLength: 2 }),
  damage: textDamageArb,
  envelope: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ field: fc.constantFrom('format' as const, 'version' as const, 'role' as const), value: fc.oneof(hostileRaw, fc.constantFrom('"horizons-save"', '2', '0', '"partner"', '"watch"').map((raw) => ({ raw }))) }) }),
});

/** The damaged save as JSON text (before any text damage), what it changed, and the judge's expectation. */
function buildText(x: SaveInput): { text: string; labels: string[]; expect: Expectation } {
  const save = structuredClone(baseSaves()[x.base]) as unknown as Record<string, unknown>;
  const labels: string[] = [x.base === 0 ? 'sim --save' : 'played save'];
  const names: string[] = [];
  const injected: unknown[] = [];
  let mustRefuse: string | undefined;
  for (const e of x.saveEdits) {
    if (e.kind === 'field') {
      const values = FIELD_VALUES[e.field];
      const raw = values[e.pick % values.length]!;
      save[e.field] = `@@F${e.field}@@`;
      labels.push(`${e.field}=${raw}`);
      names.push(e.field);
      (save as { __raws?: Record<string, string> }).__raws = { ...(save as { __raws?: Record<string, string> }).__raws, [`@@F${e.field}@@`]: raw };
    } else if (e.kind === 'hash') {
      const hashes = save.yearlyHashes as string[];
      const i = e.at % hashes.length;
      const h = hashes[i]!;
      hashes[i] = h.slice(0, -1) + (h.endsWith('0') ? '1' : '0');
      labels.push(`yearlyHashes[${i}] changed`);
    } else {
      const actions = save.actions as unknown[];
      actions.push({ tick: e.tick, action: `@@JUNK${actions.length}@@` });
      (save as { __raws?: Record<string, string> }).__raws = { ...(save as { __raws?: Record<string, string> }).__raws, [`@@JUNK${actions.length - 1}@@`]: e.action.raw };
      labels.push(`action at tick ${e.tick}: ${e.action.raw.slice(0, 50)}`);
      names.push('actions', 'action', 'tick');
    }
  }
  const raws = (save as { __raws?: Record<string, string> }).__raws ?? {};
  delete (save as { __raws?: unknown }).__raws;
  let text: string;
  if (x.region === 'scenario') {
    const edited = applyEdits(save.scenario, x.edits);
    text = JSON.stringify({ ...save, scenario: '@@SCENARIO@@' }, null, 2).replace('"@@SCENARIO@@"', () => edited.text);
    labels.push(...edited.notes.labels.map((l) => `scenario.${l}`));
    names.push(...edited.notes.names);
    injected.push(...edited.notes.injected);
    mustRefuse = edited.notes.mustRefuse;
  } else {
    const scenarioText = JSON.stringify(save.scenario, null, 2);
    const edited = applyEdits({ ...save, scenario: '@@SCENARIO@@' }, x.edits);
    text = edited.text.replace('"@@SCENARIO@@"', () => scenarioText);
    labels.push(...edited.notes.labels);
    names.push(...edited.notes.names);
    injected.push(...edited.notes.injected);
    mustRefuse = edited.notes.mustRefuse;
  }
  for (const [p, raw] of Object.entries(raws)) {
    text = text.replace(`"${p}"`, () => raw);
    injected.push(isJson(raw) ? JSON.parse(raw) : raw);
  }
  return { text, labels, expect: { names, injected, ...(mustRefuse ? { mustRefuse } : {}) } };
}

function describeSave(x: SaveInput): { bytes: Buffer; label: string; expect: Expectation } {
  const { text, labels, expect } = buildText(x);
  const { bytes, notes } = damageText(text, x.damage);
  const damaged = x.damage.kind === 'bom' || x.damage.kind === 'none' ? text : bytes.toString('utf8');
  const broken = !isJson(damaged);
  const whole = x.damage.kind === 'whole';
  const clean = x.edits.length === 0 && x.saveEdits.length === 0;
  const mustRefuse = [expect.mustRefuse, notes.mustRefuse].filter(Boolean).join('; ');
  return {
    bytes,
    label: [...labels, notes.label].filter(Boolean).join('; '),
    expect: {
      names: broken || notes.reshaped || notes.refuseMatch ? [] : expect.names,
      injected: whole ? [] : expect.injected ?? [],
      ...(mustRefuse ? { mustRefuse } : {}),
      ...(notes.mustAccept && clean ? { mustAccept: notes.mustAccept } : {}),
      ...(notes.refuseNot ? { refuseNot: notes.refuseNot } : {}),
      ...(notes.refuseMatch ? { refuseMatch: notes.refuseMatch } : broken ? { refuseMatch: /line \d+, column \d+|empty/ } : {}),
    },
  };
}

let n = 0;

export const saveFamily: Family<SaveInput> = {
  name: 'save files',
  arbitrary: saveInputArb,
  label: (x) => describeSave(x).label,
  judge(x): Verdict {
    const { bytes, expect } = describeSave(x);
    const file = join(workDir(), `save-${n++}.json`);
    writeFileSync(file, bytes);
    try {
      return judgeSaveFile(file, expect);
    } finally {
      rmSync(file, { force: true });
    }
  },
};

function judgeSaveFile(file: string, expect: Expectation): Verdict {
  let save: SaveFile;
  try {
    save = readSaveFile(file);
  } catch (e) {
    if (e instanceof UserError) return judgeRefusal(e.message, { ...expect, file });
    return thrown(e, 'readSaveFile');
  }
  try {
    const report = replaySave(save);
    const bad = firstNonFinite({ yearly: report.yearly, contracts: report.contracts });
    if (bad) return crashed(`replayed, non-finite: ${bad}`);
    if (!report.ok) return { outcome: 'refused', detail: `does not replay: ${report.error ?? JSON.stringify(report.mismatches[0])}` };
    if (expect.mustRefuse) return silent(`replayed ${expect.mustRefuse}`);
    return accepted();
  } catch (e) {
    return thrown(e, 'replaySave');
  }
}

/** The autosave's text: the damaged save inside its envelope (itself maybe damaged). */
function autosaveText(x: SaveInput): { text: string; label: string; expect: Expectation } {
  const { text, labels, expect } = buildText(x);
  const env: Record<string, string> = { format: JSON.stringify(AUTOSAVE_FORMAT), version: String(AUTOSAVE_VERSION), role: '"city"' };
  if (x.envelope) env[x.envelope.field] = x.envelope.value.raw;
  const inner = `{"format":${env.format},"version":${env.version},"role":${env.role},"save":${text}}`;
  const { bytes, notes } = damageText(inner, x.damage);
  const envLabel = x.envelope ? `envelope ${x.envelope.field}=${x.envelope.value.raw.slice(0, 30)}` : '';
  // localStorage holds strings: a UTF-16 or Latin-1 file is not what a browser stores.
  const stored = ['utf16le', 'utf16be', 'latin1'].includes(x.damage.kind) ? inner : bytes.toString('utf8');
  return { text: stored, label: [...labels, envLabel, notes.label].filter(Boolean).join('; '), expect };
}

/** Where the text sits in storage, if anywhere. */
const keptUnder = (storage: MemoryStorage, text: string): string | undefined => [...storage.map].find(([, v]) => v === text)?.[0];

export const autosaveFamily: Family<SaveInput> = {
  name: 'autosaves',
  arbitrary: saveInputArb,
  label: (x) => autosaveText(x).label,
  judge(x): Verdict {
    const { text, expect } = autosaveText(x);
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, text);
    try {
      const game = makeGame(storage);
      const st = game.store.getState();
      if (st.corruptSave) {
        if (keptUnder(storage, text) === undefined) return crashed('an unreadable autosave was not kept');
        return judgeRefusal(st.corruptSave.error, { names: [], injected: expect.injected ?? [] });
      }
      if (!st.savedGame) return crashed('the autosave is neither offered nor set aside');
      const r = game.api.dispatch({ type: 'continueSave' });
      if (r.ok) {
        const bad = firstNonFinite(game.store.getState().session?.sim);
        if (bad) return crashed(`restored, non-finite: ${bad}`);
        return expect.mustRefuse ? silent(`restored ${expect.mustRefuse}`) : accepted();
      }
      const refusal = judgeRefusal(r.reason, { names: [] });
      if (keptUnder(storage, text) === undefined) return crashed(`continueSave refused (${r.code}) and the autosave is gone`);
      // A new game's first year-end must not write over the save that did not replay.
      const next = makeGame(storage);
      next.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 3 });
      driveUntil(next, (g) => (g.store.getState().session?.sim.tick ?? 0) >= 12 || g.store.getState().screen === 'yearSummary', 400);
      if (keptUnder(storage, text) === undefined) return crashed(`an autosave that does not replay (${r.code}) was overwritten at the next year-end`);
      return refusal;
    } catch (e) {
      return thrown(e, 'the game with this autosave');
    }
  },
};
