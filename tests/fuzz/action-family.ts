/**
 * Family (c): malformed actions, for the model (a run's `act` in an open month, as the game and
 * a replay apply a person's action) and for the game's `dispatch` (what `window.horizons.dispatch`
 * receives from a page script: any JavaScript value, functions, symbols and NaN included).
 *
 * Each action starts from a well-formed one of its type and gets a field replaced, deleted or
 * added. Refused: one readable reason, and the state exactly as before (same stateHash, same
 * action log, same screen). Accepted: the month (model) or the game (dispatch) goes on with finite
 * numbers, and the action the game recorded for its save is plain JSON (a save keeps it as it is).
 */
import fc from 'fast-check';
import { createRun, REFUSAL_CODES, stateHash, suggestedOffer, type Run, type Scenario, type SimState } from '../../src/sim';
import { loadScenario } from '../../src/cli/load-scenario';
import { applySet } from '../../src/sim';
import type { Game, Role } from '../../src/state/game-types';
import { accepted, crashed, firstNonFinite, judgeRefusal, notPlainJson, thrown, type Family, type Verdict } from './harness';
import { gameAt } from './game';

/** Hostile JavaScript values, each made fresh (a circular object, a getter that throws). */
export const JS_VALUES: [string, () => unknown][] = [
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['-0', () => -0],
  ['1e308', () => 1e308],
  ['-1', () => -1],
  ['1.5', () => 1.5],
  ['2**53+2', () => 2 ** 53 + 2],
  ['4294967296', () => 4294967296],
  ['"1"', () => '1'],
  ['""', () => ''],
  ['"NaN"', () => 'NaN'],
  ['null', () => null],
  ['undefined', () => undefined],
  ['true', () => true],
  ['[]', () => []],
  ['{}', () => ({})],
  ['[NaN]', () => [NaN]],
  ['a function', () => () => 1],
  ['a symbol', () => Symbol('x')],
  ['10n', () => 10n],
  ['a Date', () => new Date(0)],
  ['a Map', () => new Map([[1, 2]])],
  ['a Float64Array', () => new Float64Array([NaN, 1])],
  ['Object.create(null)', () => Object.create(null)],
  ['a circular object', () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    return o;
  }],
  ['a getter that throws', () => Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom'); } })],
  ['a long string', () => 'x'.repeat(100_000)],
  ['a list of 100000 zeros', () => new Array(100_000).fill(0)],
  ['a frozen object', () => Object.freeze({ a: 1 })],
];

const ACTION_NAMES = ['setBudget', 'setConcertation', 'governance', 'launchAlone', 'propose', 'accept', 'walkAway', 'cancelContract', 'renegotiateContract', 'answerAmendment', 'studyPartnership', 'scalePilot'];
const GAME_NAMES = ['start', 'continueSave', 'discardCorruptSave', 'setMenuSeed', 'continue', 'endDecisions', 'openNegotiation', 'leaveNegotiation', 'advance', 'setPlaying', 'setSpeed', 'setOverlay', 'setLargeType', 'newGame'];

/** A well-formed action of each type (`terms`: the adviser's offer in the situation). */
function template(type: string, terms: unknown): Record<string, unknown> {
  const t: Record<string, Record<string, unknown>> = {
    setBudget: { envelopeEur: 8e6, taxChange: 0 },
    setConcertation: { level: 0.5 },
    governance: { measure: 'smartCityOffice', on: true },
    launchAlone: { project: 'streetLighting', districts: [0], pilot: true },
    propose: { by: 'city', terms },
    accept: { by: 'city' },
    walkAway: { by: 'city' },
    cancelContract: { contractId: 1 },
    renegotiateContract: { contractId: 1, paymentCut: 0.1 },
    answerAmendment: { by: 'partner', contractId: 1, accept: true },
    studyPartnership: { projects: ['streetLighting'], districts: [0, 1] },
    scalePilot: { contractId: 1 },
    start: { scenario: 'dijon-like', role: 'city', seed: 1 },
    setMenuSeed: { seed: 5 },
    advance: { months: 1 },
    setPlaying: { playing: true },
    setSpeed: { speed: 3 },
    setOverlay: { overlay: 'energy' },
    setLargeType: { on: true },
  };
  return { type, ...structuredClone(Object.hasOwn(t, type) ? t[type] : {}) };
}

type Op = { kind: 'set'; at: number; value: number } | { kind: 'delete'; at: number } | { kind: 'addKey'; key: string; value: number };

export interface ActionInput {
  situation: number;
  type: string;
  ops: Op[];
  /** Instead of an action object: a hostile value as the whole action. */
  whole: number | null;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.nat(JS_VALUES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), key: fc.constantFrom('junk', '__proto__', 'constructor', 'explanation', 'reason', 'by', 'type', 'terms', 'terms.junk', 'terms.grantCalls'), value: fc.nat(JS_VALUES.length - 1) }) },
);

/** Paths inside a plain action (not into the hostile values already put there). */
function paths(v: unknown, planted: ReadonlySet<unknown>, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (planted.has(v)) return out;
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, planted, [...prefix, i])));
  else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) for (const [k, x] of Object.entries(v)) out.push(...paths(x, planted, [...prefix, k]));
  return out;
}

/** The action an input describes, built fresh, and a label. */
function buildAction(x: ActionInput, terms: unknown): { action: unknown; label: string; injected: unknown[] } {
  if (x.whole !== null) {
    const [name, make] = JS_VALUES[x.whole % JS_VALUES.length]!;
    return { action: make(), label: `the action is ${name}`, injected: [] };
  }
  const action = template(x.type, terms);
  const labels: string[] = [];
  const set: [(string | number)[], unknown][] = [];
  const planted = new Set<unknown>();
  for (const op of x.ops) {
    const ps = paths(action, planted).filter((p) => !(p.length === 1 && p[0] === 'type'));
    if (op.kind === 'addKey') {
      const [name, make] = JS_VALUES[op.value]!;
      const v = make();
      planted.add(v);
      // "terms.junk": a key inside the terms of an offer.
      const keys = op.key.split('.');
      const target = keys.slice(0, -1).reduce<any>((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), action);
      // A frozen value planted by an earlier step takes no key (the generator's limit, not the game's).
      if (target === null || typeof target !== 'object' || !Object.isExtensible(target)) continue;
      Object.defineProperty(target, keys[keys.length - 1]!, { value: v, enumerable: true, writable: true, configurable: true });
      labels.push(`${op.key}: ${name}`);
      continue;
    }
    const p = ps[op.at % Math.max(1, ps.length)];
    if (!p) continue;
    const parent = p.slice(0, -1).reduce<any>((o, k) => o[k], action);
    const last = p[p.length - 1]!;
    if (op.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      labels.push(`delete ${p.join('.')}`);
    } else {
      const [name, make] = JS_VALUES[op.value]!;
      const v = make();
      parent[last] = v;
      planted.add(v);
      set.push([p, v]);
      labels.push(`${p.join('.')}: ${name}`);
    }
  }
  // The values still in the action (a later op may have replaced one).
  const at = (p: (string | number)[]) => p.reduce<any>((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), action);
  const injected = set.filter(([p, v]) => Object.is(at(p), v)).map(([, v]) => v);
  return { action, label: `${x.type}${labels.length ? ` {${labels.join(', ')}}` : ''}`, injected };
}

const actionInputArb = (types: string[], situations: number): fc.Arbitrary<ActionInput> =>
  fc.record({
    situation: fc.nat(situations - 1),
    type: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...types) }, { weight: 1, arbitrary: fc.constantFrom('', 'SETBUDGET', 'toString', '__proto__', 'nope') }),
    ops: fc.array(opArb, { minLength: 0, maxLength: 3 }),
    whole: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(JS_VALUES.length - 1) }),
  });

/** Refusal codes a well-behaved model or game gives (anything else is a bug). */
const CODES: ReadonlySet<string> = new Set(REFUSAL_CODES);

function judgeResult(r: unknown, injected: unknown[], action: unknown): Verdict | null {
  if (!r || typeof r !== 'object' || typeof (r as { ok?: unknown }).ok !== 'boolean') return crashed(`answered ${String(r)} instead of { ok }`);
  const res = r as { ok: boolean; code?: string; reason?: unknown };
  if (res.ok) return null;
  const v = judgeRefusal(res.reason, { names: [], injected });
  // An object whose "type" is wrong is not "an object with a type, found an object": name the field.
  if (v.outcome === 'refused' && action !== null && typeof action === 'object' && !Array.isArray(action) && 'type' in action && /found an object\b/.test(String(res.reason)) && /with a "type"/.test(String(res.reason))) {
    return { outcome: 'unclear', detail: `an object refused as "found an object" (its type is ${typeof (action as { type?: unknown }).type}): ${String(res.reason)}` };
  }
  if (v.outcome !== 'crashed' && !CODES.has(String(res.code))) return crashed(`refusal code ${String(res.code)} is not one of REFUSAL_CODES`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// The model: a run's act() in an open month.

interface ModelBase {
  scenario: Scenario;
  state: SimState;
  terms: unknown;
}
let modelBases: ModelBase[] | undefined;

/** Runs of the reference scenario (200 agents) at month 0, 13 and 26, with the computer players. */
function bases(): ModelBase[] {
  if (modelBases) return modelBases;
  const loaded = loadScenario('dijon-like');
  if (!loaded.ok) throw new Error(loaded.error);
  const set = applySet(loaded.value.scenario, 'citizens.agents', 200);
  if (!set.ok) throw new Error(set.error);
  const scenario = set.value;
  modelBases = [0, 13, 26].map((months) => {
    const run = createRun(scenario, { seed: 11 });
    for (let k = 0; k < months; k++) run.advanceTick([]);
    return { scenario, state: structuredClone(run.state), terms: suggestedOffer({ state: run.state, scenario, by: 'city' }) };
  });
  return modelBases;
}

export const modelActionFamily: Family<ActionInput> = {
  name: 'model actions',
  arbitrary: actionInputArb(ACTION_NAMES, 3),
  label: (x) => `month ${[0, 13, 26][x.situation]}: ${buildAction(x, {}).label}`,
  judge(x): Verdict {
    const base = bases()[x.situation]!;
    const { action, injected } = buildAction(x, structuredClone(base.terms));
    let run: Run;
    try {
      run = createRun(base.scenario, { seed: 11, from: structuredClone(base.state) });
      run.openTick();
    } catch (e) {
      return thrown(e, 'the harness (opening a month)');
    }
    const before = stateHash(run.state);
    const logBefore = run.state.log.length;
    let r;
    try {
      r = run.act(action);
    } catch (e) {
      return thrown(e, 'act');
    }
    const refused = judgeResult(r, injected, action);
    if (refused) {
      if (stateHash(run.state) !== before || run.state.log.length !== logBefore) return crashed(`refused (${(r as { code?: string }).code}) but the state changed`);
      return refused;
    }
    try {
      run.closeTick();
      while (run.state.tick % 12 !== 0 && !run.isOver()) run.advanceTick([]);
    } catch (e) {
      return thrown(e, 'the months after an accepted action');
    }
    const bad = firstNonFinite(run.state);
    return bad ? crashed(`accepted, then non-finite: ${bad}`) : accepted();
  },
};

// ---------------------------------------------------------------------------------------------
// The game: dispatch on the menu, the decisions and the negotiation screens.

const SITUATIONS: { role: Role; target: 'menu' | 'decisions' | 'negotiation' | 'months' | 'events'; years: number }[] = [
  { role: 'city', target: 'decisions', years: 0 },
  { role: 'city', target: 'decisions', years: 1 },
  { role: 'city', target: 'negotiation', years: 0 },
  { role: 'partner', target: 'decisions', years: 0 },
  { role: 'both', target: 'decisions', years: 0 },
  { role: 'city', target: 'menu', years: 0 },
  { role: 'city', target: 'months', years: 0 },
];

/** What a refusal must leave as it was. */
function snapshot(g: Game): string {
  const st = g.store.getState();
  return JSON.stringify({ hash: g.api.stateHash(), screen: st.screen, menuSeed: st.menuSeed, actions: st.session?.actions ?? null, setup: st.session?.setup ?? null, tickOpen: st.session?.tickOpen ?? null, ui: st.ui }, safeJson());
}

/** A JSON replacer that writes what JSON cannot (bigint, a circle) instead of throwing. */
function safeJson(): (key: string, v: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_k, v) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  };
}

export const dispatchFamily: Family<ActionInput> = {
  name: 'dispatch',
  arbitrary: actionInputArb([...ACTION_NAMES, ...GAME_NAMES], SITUATIONS.length),
  label: (x) => {
    const s = SITUATIONS[x.situation]!;
    return `${s.role} on ${s.target}${s.years ? ` (year ${s.years + 1})` : ''}: ${buildAction(x, {}).label}`;
  },
  judge(x): Verdict {
    const s = SITUATIONS[x.situation]!;
    let g: Game;
    try {
      g = gameAt(s.role, 5, s.target, s.years);
    } catch (e) {
      return thrown(e, 'the harness (a game on its screen)');
    }
    const session = g.store.getState().session;
    const side = session?.actingSide ?? 'city';
    const terms = session ? suggestedOffer({ state: session.sim, scenario: session.scenario, by: side }) : {};
    const built = buildAction(x, terms);
    const action = built.action as Record<string, unknown>;
    // The acting side's own moves: `by` follows the side that holds the controls.
    if (x.whole === null && action && typeof action === 'object' && action.by === 'city' && side === 'partner' && !x.ops.some((o) => o.kind === 'addKey' && o.key === 'by')) action.by = 'partner';
    const before = snapshot(g);
    const logBefore = g.store.getState().session?.actions.length ?? 0;
    let r;
    try {
      r = g.api.dispatch(action);
    } catch (e) {
      return thrown(e, 'dispatch');
    }
    const refused = judgeResult(r, built.injected, action);
    if (refused) {
      if (snapshot(g) !== before) return crashed(`refused (${(r as { code?: string }).code}) but the game changed`);
      return refused;
    }
    const st = g.store.getState();
    for (const a of st.session?.actions.slice(logBefore) ?? []) {
      const odd = notPlainJson(a.action);
      if (odd) return crashed(`accepted, and the save records an action a file cannot keep: ${odd}`);
    }
    const bad = firstNonFinite(st.session?.sim);
    return bad ? crashed(`accepted, then non-finite: ${bad}`) : accepted();
  },
};
