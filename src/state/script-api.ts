/**
 * The script API's checking half: `dispatch` takes any JSON value, refuses what is not an action,
 * not possible on this screen or badly formed (with a code, its figures and an English reason), and
 * hands a well-formed action to the store's operations. Every action type is in one list here.
 *
 * `dispatch` is atomic: it first copies the action as JSON data (plain-data.ts: a function, a Symbol,
 * NaN… is refused by its field) and refuses a key that is not a field of the action's type (a typo
 * such as `abandonned: true` would otherwise be ignored without a word, and cancel a contract
 * without giving its services up); only that copy goes on, so nothing the caller keeps or changes
 * afterwards reaches the game, and the save records exactly what was applied.
 *
 * The simulation's own actions (setBudget, propose, accept…) are checked for who may take them now
 * (the side people play, the group holding the controls, an open month); the model checks the rest.
 */
import { ACTION_TYPES, RETIRED_ACTIONS, actorOf, found, isSeed, MAX_SEED, type Action, type ActionResult, type Refusal, type RefusalCode, type RefusalParams } from '../sim';
import { OVERLAYS, SPEEDS, type GameAction, type GameState, type Screen, type UiState } from './game-types';
import { copyData, JSON_DATA } from './plain-data';
import type { RetiredAction } from '../sim/types';

/** The game's own actions, beside the simulation's. */
export const GAME_ACTION_TYPES = ['start', 'continueSave', 'discardCorruptSave', 'setMenuSeed', 'continue', 'endDecisions', 'openNegotiation', 'leaveNegotiation', 'advance', 'setPlaying', 'setSpeed', 'setOverlay', 'setLargeType', 'newGame', 'toMenu'] as const satisfies readonly GameAction['type'][];
// Every game action type is listed (a type left out of the list fails to compile here).
const gameTypesListed: Exclude<GameAction['type'], (typeof GAME_ACTION_TYPES)[number]> extends never ? true : never = true;
void gameTypesListed;

/** The model's actions `dispatch` takes; a retired one still goes to the model, which refuses it by name. */
export const SIM_ACTION_TYPES: ReadonlySet<string> = new Set<string>([...ACTION_TYPES, ...RETIRED_ACTIONS]);

/** The fields each action type takes besides `type` (checked against the types: a field left out, or one too many, fails to compile). */
const ACTION_FIELDS = {
  start: ['scenario', 'role', 'seed', 'city', 'partner', 'years'],
  continueSave: [],
  discardCorruptSave: [],
  setMenuSeed: ['seed'],
  continue: [],
  endDecisions: [],
  openNegotiation: [],
  leaveNegotiation: [],
  advance: ['months'],
  setPlaying: ['playing'],
  setSpeed: ['speed'],
  setOverlay: ['overlay'],
  setLargeType: ['on'],
  newGame: [],
  toMenu: [],
  setBudget: ['envelopeEur', 'taxChange', 'explanation'],
  setConcertation: ['level', 'explanation'],
  governance: ['measure', 'on', 'explanation'],
  launchAlone: ['project', 'districts', 'pilot', 'grantCalls', 'explanation'],
  propose: ['by', 'terms', 'reason', 'explanation'],
  accept: ['by', 'reason', 'explanation'],
  walkAway: ['by', 'reason', 'explanation'],
  cancelContract: ['contractId', 'abandon', 'explanation'],
  renegotiateContract: ['contractId', 'paymentCut', 'explanation'],
  answerAmendment: ['by', 'contractId', 'accept', 'explanation'],
  studyPartnership: ['projects', 'districts', 'explanation'],
  scalePilot: ['deployment'],
} as const satisfies { [T in AnyType]: readonly FieldOf<T>[] };
type Every = GameAction | Action | RetiredAction;
type AnyType = Every['type'];
type FieldOf<T extends AnyType> = Exclude<keyof Extract<Every, { type: T }>, 'type'>;
// Every field of every type is listed (a field left out fails to compile here).
const fieldsListed: { [T in AnyType]: Exclude<FieldOf<T>, (typeof ACTION_FIELDS)[T][number]> }[AnyType] extends never ? true : never = true;
void fieldsListed;

/** The first key of `a` that is not a field of its type, as a refusal. */
function unknownField(a: Record<string, unknown> & { type: AnyType }): Refusal | null {
  const fields: readonly string[] = ACTION_FIELDS[a.type];
  const extra = Object.keys(a).find((k) => k !== 'type' && !fields.includes(k));
  if (extra === undefined) return null;
  const expected = fields.length > 0 ? fields.join(', ') : 'none';
  return refuse('fieldUnknown', { field: extra, action: a.type, expected }, `${extra}: not a field of "${a.type}" (its fields: ${expected})`);
}

/** The longest `advance`: the longest horizon a scenario may have. */
const MAX_ADVANCE_MONTHS = 12 * 60;

/** A refusal with its code, figures and English reason. */
export const refuse = (code: RefusalCode, params: RefusalParams, reason: string): Refusal => ({ ok: false, code, params, reason });
export const OK: ActionResult = { ok: true };

/** A seed that is not a whole number in range (`what`: the seed, in words). */
const badSeedFound = (what: string): Refusal =>
  refuse('fieldNotWholeNumber', { field: 'seed', found: what, min: 0, max: MAX_SEED }, `seed: found ${what}, expected a whole number between 0 and ${MAX_SEED}`);
/** A seed that is not a whole number in range. */
export const badSeed = (seed: unknown): Refusal => badSeedFound(found(seed));

/** What an explanation is, for the messages. */
const EXPLANATION = 'an explanation { key: a string, params: an object whose values are strings or numbers }';

/**
 * A move's note, checked: `reason` a string, `explanation` an `Explanation` (what the computer
 * players give: a key and its figures), each or both left out. The model ignores a note it cannot
 * read, but the save records the action as given: a note of another shape would be kept for nothing.
 */
function noteProblem(a: Record<string, unknown>): Refusal | null {
  if (a.reason !== undefined && typeof a.reason !== 'string') return refuse('fieldUnknownValue', { field: 'reason', found: found(a.reason), expected: 'a string' }, `reason: found ${found(a.reason)}, expected a string (or leave it out)`);
  const e = a.explanation;
  if (e === undefined) return null;
  const bad = (field: string, what: unknown, expected: string) => refuse('fieldUnknownValue', { field, found: found(what), expected }, `${field}: found ${found(what)}, expected ${expected} (or leave the explanation out)`);
  if (!isObj(e)) return bad('explanation', e, EXPLANATION);
  const extra = Object.keys(e).find((k) => k !== 'key' && k !== 'params');
  if (extra !== undefined) return bad(`explanation.${extra}`, e[extra], 'nothing: an explanation has a key and params only');
  if (typeof e.key !== 'string' || e.key === '') return bad('explanation.key', e.key, 'the name of an explanation (a string such as "city.terminates")');
  if (!isObj(e.params)) return bad('explanation.params', e.params, 'an object whose values are strings or numbers');
  for (const [k, v] of Object.entries(e.params)) if (typeof v !== 'string' && typeof v !== 'number') return bad(`explanation.params.${k}`, v, 'a string or a number');
  return null;
}

/** What the store does once an action is checked. */
export interface GameOps {
  state(): GameState;
  start(action: Record<string, unknown>): ActionResult;
  continueSave(): ActionResult;
  set(changes: Partial<Pick<GameState, 'corruptSave' | 'menuSeed'>>): void;
  setUi(changes: Partial<UiState>): void;
  flow(event: 'continue' | 'endDecisions' | 'openNegotiation' | 'leaveNegotiation'): void;
  advance(months: number): void;
  /** Applies a checked simulation action at once (the model may still refuse it). */
  act(action: Action): ActionResult;
  newGame(): void;
  /** Leaves the game for the menu (the autosave keeps what it holds). */
  toMenu(): void;
  /** Shows a refusal the store made itself (an internal error). */
  refused(refusal: Refusal): void;
}

/** A key's own value, read without calling a getter (undefined when it cannot be read). */
function ownValue(x: unknown, key: string): unknown {
  try {
    return (Object.getOwnPropertyDescriptor(x, key) as { value?: unknown } | undefined)?.value;
  } catch {
    return undefined;
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
/** The screens on which the acting side takes the simulation's actions. */
const ACTING_SCREENS: readonly Screen[] = ['decisions', 'negotiation'];

/** Makes `dispatch`: checks an action and runs it; a bug comes back as an `internalError` refusal rather than a broken page. */
export function createDispatch(ops: GameOps): (action: unknown) => ActionResult {
  function simAction(a: Record<string, unknown> & { type: string }): ActionResult {
    const { screen, session: s } = ops.state();
    if (!s) return refuse('needsGame', { action: a.type }, `"${a.type}" needs a game: start one from the menu`);
    if (!ACTING_SCREENS.includes(screen)) return refuse('wrongScreen', { action: a.type, screen, possible: ACTING_SCREENS.join(', ') }, `"${a.type}" is a decision: take it on the decisions or negotiation screen, not on "${screen}"`);
    if (!s.tickOpen) return refuse('noMonthOpen', {}, 'no month is open for decisions');
    const actor = actorOf(a as unknown as Action);
    if (actor !== 'city' && actor !== 'partner') return refuse('fieldUnknownValue', { field: 'by', found: found(actor), expected: 'city, partner' }, `by: found ${found(actor)}, expected "city" or "partner"`);
    if (!s.humanSides.includes(actor)) return refuse('sideComputer', { side: actor }, `the ${actor} is played by the computer in this game`);
    if (s.actingSide !== actor) return refuse('sideNotYours', { side: String(s.actingSide) }, `it is the ${s.actingSide}'s group that holds the controls now`);
    return ops.act(a as unknown as Action);
  }

  function check(action: unknown): ActionResult {
    let object: boolean;
    try {
      object = isObj(action);
    } catch (err) {
      // A revoked proxy: even asking whether it is a list fails.
      const what = `an object that cannot be read (${err instanceof Error ? err.message : String(err)})`;
      return refuse('fieldNotData', { field: 'the action', found: what }, `the action: found ${what}, expected ${JSON_DATA}`);
    }
    if (!object) return refuse('notAnAction', { found: found(action) }, `an action is an object with a "type", found ${found(action)}`);
    // An object whose type is not a name: say what the type was, not "found an object".
    const badType = (what: string) => refuse('unknownAction', { type: what }, `type: found ${what}, expected the name of an action (a string such as "setBudget")`);
    // A copy first: from here on nothing reads the caller's object (its getters, what it changes later).
    const data = copyData(action);
    if (!data.ok) {
      const { field, found: what } = data;
      if (field === 'type') return badType(what);
      // A seed's NaN or Infinity: said with the seed's range, as any other seed that is not one.
      if (field === 'seed' && ['start', 'setMenuSeed'].includes(ownValue(action, 'type') as string)) return badSeedFound(what);
      // NaN or Infinity: a number that is not one, said as the model says it of a number field.
      if (data.number) return refuse('fieldNotNumber', { field, found: what }, `${field}: found ${what}, expected a finite number`);
      // Too large or unreadable: what was expected goes with the refusal, for its translations.
      if (data.expected) return refuse('fieldNotData', { field, found: what, expected: data.expected }, `${field}: found ${what}, expected ${data.expected}`);
      return refuse('fieldNotData', { field, found: what }, `${field}: found ${what}, expected ${JSON_DATA}`);
    }
    const a = data.value as Record<string, unknown> & { type: string };
    if (typeof a.type !== 'string') return badType(found(a.type));
    if (!Object.hasOwn(ACTION_FIELDS, a.type)) return refuse('unknownAction', { type: found(a.type) }, `unknown action type ${found(a.type)}`);
    const extra = unknownField(a as Record<string, unknown> & { type: AnyType });
    if (extra) return extra;
    const note = noteProblem(a);
    if (note) return note;
    const { screen, session, corruptSave } = ops.state();
    const on = (...screens: Screen[]): ActionResult | null =>
      screens.includes(screen) && (screen === 'menu' || session)
        ? null
        : refuse('wrongScreen', { action: a.type, screen, possible: screens.join(', ') }, `"${a.type}" is not possible on the "${screen}" screen (possible on: ${screens.join(', ')})`);
    const done = (f: () => void): ActionResult => (f(), OK);
    switch (a.type) {
      case 'start':
        return on('menu') ?? ops.start(a);
      case 'continueSave':
        return on('menu') ?? ops.continueSave();
      case 'discardCorruptSave':
        return corruptSave ? done(() => ops.set({ corruptSave: null })) : refuse('noUnreadableSave', {}, 'there is no unreadable save to set aside');
      case 'setMenuSeed':
        return isSeed(a.seed) ? done(() => ops.set({ menuSeed: a.seed as number })) : badSeed(a.seed);
      case 'continue':
        return on('briefing', 'handover', 'yearSummary') ?? done(() => ops.flow('continue'));
      case 'endDecisions':
        return on('decisions') ?? done(() => ops.flow('endDecisions'));
      case 'openNegotiation': {
        const blocked = on('decisions', 'months');
        if (blocked) return blocked;
        if (!session!.actingSide) return refuse('noSideToPlay', {}, 'nobody plays a side in this game');
        if (!session!.tickOpen) return refuse('noMonthOpen', {}, 'no month is open: wait for the next month to negotiate');
        return done(() => ops.flow('openNegotiation'));
      }
      case 'leaveNegotiation':
        return on('negotiation') ?? done(() => ops.flow('leaveNegotiation'));
      case 'advance': {
        const blocked = on('months', 'negotiation', 'epilogue');
        if (blocked) return blocked;
        const n = a.months ?? 1;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_ADVANCE_MONTHS) {
          return refuse('fieldNotWholeNumber', { field: 'months', found: found(a.months), min: 1, max: MAX_ADVANCE_MONTHS }, `months: found ${found(a.months)}, expected a whole number of months from 1 to ${MAX_ADVANCE_MONTHS}`);
        }
        return done(() => ops.advance(n));
      }
      case 'setPlaying':
        if (typeof a.playing !== 'boolean') return refuse('fieldNotBoolean', { field: 'playing', found: found(a.playing) }, `playing: found ${found(a.playing)}, expected true or false`);
        return done(() => ops.setUi({ playing: a.playing as boolean }));
      case 'setSpeed':
        if (!SPEEDS.includes(a.speed as never)) return refuse('fieldUnknownValue', { field: 'speed', found: found(a.speed), expected: SPEEDS.join(', ') }, `speed: found ${found(a.speed)}, expected one of ${SPEEDS.join(', ')}`);
        return done(() => ops.setUi({ speed: a.speed as UiState['speed'] }));
      case 'setOverlay':
        if (!OVERLAYS.includes(a.overlay as never)) return refuse('fieldUnknownValue', { field: 'overlay', found: found(a.overlay), expected: OVERLAYS.join(', ') }, `overlay: found ${found(a.overlay)}, expected one of ${OVERLAYS.join(', ')}`);
        return done(() => ops.setUi({ overlay: a.overlay as UiState['overlay'] }));
      case 'setLargeType':
        if (typeof a.on !== 'boolean') return refuse('fieldNotBoolean', { field: 'on', found: found(a.on) }, `on: found ${found(a.on)}, expected true or false`);
        return done(() => ops.setUi({ largeType: a.on as boolean }));
      case 'newGame':
        return done(() => ops.newGame());
      case 'toMenu':
        return session ? done(() => ops.toMenu()) : refuse('needsGame', { action: a.type }, `"${a.type}" needs a game: there is none to leave`);
      default:
        if (SIM_ACTION_TYPES.has(a.type)) return simAction(a);
        return refuse('unknownAction', { type: found(a.type) }, `unknown action type ${found(a.type)}`);
    }
  }

  return (action) => {
    try {
      return check(action);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const r = refuse('internalError', { message }, `internal error: ${message}`);
      ops.refused(r);
      return r;
    }
  };
}
