/**
 * The game: a zustand vanilla store made by a factory, over one headless run of the simulation.
 *
 * The flow goes menu → briefing → (each year) events → decisions → months, with the negotiation
 * table whenever a person must answer an offer, a year summary at each year's end and the election
 * screen in election years; after the playable years an epilogue runs the model on to its horizon,
 * then the end. With two groups on one screen a hand-over screen stands between the two sides'
 * turns, so that neither sees the other's private figures.
 *
 * A year begins by opening its first month (`run.openTick`: its events happen and its grant calls
 * open); a person's actions are then applied at once (`run.act`), with an immediate answer, exactly
 * where a replay of the save applies them; advancing time closes the month (the computer players
 * decide, the model runs) and opens the next. So the save (scenario, seed, policies, the actions
 * with their ticks) replays to the same hashes in Node.
 *
 * Every change publishes a new `GameState` object (a new `session` with `version` bumped); the
 * simulation state inside is the run's own object, which only the store mutates.
 */
import { createStore } from 'zustand/vanilla';
import {
  actorOf,
  amendableContracts,
  pendingAmendments,
  inPlayableYears,
  sideToAnswer,
  GOVERNANCE_MEASURES,
  createRun,
  createSave,
  publicPartnerFloor,
  resolvePolicy,
  stateHash,
  termBounds,
  termsProblem,
  tryAction,
  twoLenses,
  CITY_PERSONALITIES,
  PARTNER_PERSONALITIES,
  partnerPersonality,
  RETIRED_ACTIONS,
  MAX_SEED,
  isSeed,
  found,
  type Action,
  type ActionResult,
  type LogEntryOf,
  type Refusal,
  type RefusalCode,
  type RefusalParams,
  type Actor,
  type ContractTerms,
  type Run,
  type SaveFile,
  type Scenario,
} from '../sim';
import { readAutosave, writeAutosave, type KeyValueStorage } from './autosave';
import {
  OVERLAYS,
  ROLES,
  SPEEDS,
  type AnyAction,
  type ElectionResult,
  type Game,
  type GameApi,
  type GameSetup,
  type GameState,
  type Role,
  type Screen,
  type Session,
} from './game-types';

export interface GameOptions {
  /** The scenarios the menu offers (one per file in `scenarios/`), already validated. */
  catalogue: GameState['catalogue'];
  /** Where the autosave lives (`localStorage` in the browser; null: no autosave). */
  storage: KeyValueStorage | null;
  /** A fresh seed for the menu (the browser draws one at random; tests give a fixed one). */
  randomSeed: () => number;
  /** Number of citizen agents (default: each scenario's; tests use fewer). */
  agents?: number;
}

const refuse = (code: RefusalCode, params: RefusalParams, reason: string): Refusal => ({ ok: false, code, params, reason });
const OK: ActionResult = { ok: true };

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** A seed that is not a whole number in range. */
const badSeed = (seed: unknown): Refusal =>
  refuse('fieldNotWholeNumber', { field: 'seed', found: found(seed), min: 0, max: MAX_SEED }, `seed: found ${found(seed)}, expected a whole number between 0 and ${MAX_SEED}`);

/** Sides people play in each role. */
function humanSidesOf(role: Role): Actor[] {
  if (role === 'city') return ['city'];
  if (role === 'partner') return ['partner'];
  if (role === 'both') return ['city', 'partner'];
  return [];
}

/** The screens on which the acting side takes the simulation's actions. */
const ACTING_SCREENS: readonly Screen[] = ['decisions', 'negotiation'];

/** Makes a game: its store and its API (the one `window.horizons` exposes). */
export function createGame(opts: GameOptions): Game {
  let run: Run | null = null;

  const saved = readAutosave(opts.storage);
  const store = createStore<GameState>()(() => ({
    screen: 'menu',
    catalogue: opts.catalogue,
    menuSeed: opts.randomSeed(),
    savedGame: saved.kind === 'ok' ? savedInfo(saved.autosave.role, saved.autosave.save) : null,
    corruptSave: saved.kind === 'corrupt' ? { key: saved.key, error: saved.error } : null,
    session: null,
    ui: { overlay: 'satisfaction', playing: false, speed: 3, largeType: false },
    lastRefusal: null,
  }));

  const get = () => store.getState();
  const session = (): Session => {
    const s = get().session;
    if (!s || !run) throw new Error('no game is running');
    return s;
  };
  /** Publishes the session after a change (a new object, `version` bumped), with other fields. */
  const publish = (changes: Partial<Session> = {}, rest: Partial<GameState> = {}) => {
    const s = session();
    store.setState({ ...rest, session: { ...s, ...changes, version: s.version + 1 } });
  };
  const go = (screen: Screen, changes: Partial<Session> = {}, rest: Partial<GameState> = {}) => publish(changes, { ...rest, screen, lastRefusal: null });

  function savedInfo(role: Role, save: SaveFile) {
    return { scenarioId: save.scenario.id, role, seed: save.seed, years: save.years };
  }

  function scenarioOf(id: string): Scenario | undefined {
    return opts.catalogue.find((e) => e.id === id)?.scenario;
  }

  // ---------------------------------------------------------------- starting

  function startSession(setup: GameSetup, scenario: Scenario, actions: Session['actions'] = [], yearlyHashes: string[] = []): void {
    run = createRun(scenario, {
      seed: setup.seed,
      city: setup.city,
      partner: setup.partner,
      ...(setup.agents !== undefined ? { agents: setup.agents } : {}),
    });
    const humanSides = humanSidesOf(setup.role);
    store.setState({
      screen: 'briefing',
      lastRefusal: null,
      ui: { ...get().ui, playing: false },
      session: {
        setup,
        scenario,
        sim: run.state,
        version: 0,
        tickOpen: false,
        humanSides,
        actingSide: humanSides[0] ?? null,
        actions,
        yearlyHashes,
        yearLogStart: 0,
        elections: [],
        afterHandover: null,
        returnScreen: null,
        saveError: null,
      },
    });
  }

  function start(a: Record<string, unknown>): ActionResult {
    const scenario = typeof a.scenario === 'string' ? scenarioOf(a.scenario) : undefined;
    if (!scenario) {
      const expected = opts.catalogue.map((e) => e.id).join(', ');
      return refuse('fieldUnknownValue', { field: 'scenario', found: found(a.scenario), expected }, `scenario: found ${found(a.scenario)}, expected one of ${expected}`);
    }
    if (!ROLES.includes(a.role as Role)) return refuse('fieldUnknownValue', { field: 'role', found: found(a.role), expected: ROLES.join(', ') }, `role: found ${found(a.role)}, expected one of ${ROLES.join(', ')}`);
    const role = a.role as Role;
    const seed = a.seed ?? get().menuSeed;
    if (!isSeed(seed)) return badSeed(a.seed);
    const humans = humanSidesOf(role);
    const sides: Record<Actor, string> = { city: 'none', partner: 'none' };
    for (const side of ['city', 'partner'] as const) {
      const given = a[side];
      if (humans.includes(side)) {
        if (given !== undefined && given !== 'none') return refuse('sidePlayedByPeople', { side, role }, `${side}: the ${side} is played by people in role "${role}"; leave it out`);
        continue;
      }
      const name = given ?? scenario.policies[side];
      if (typeof name !== 'string' || name === 'none' || !resolvePolicy(name, side)) {
        const names = (side === 'city' ? CITY_PERSONALITIES : PARTNER_PERSONALITIES).map((p) => p.id);
        const expected = [...names, 'rule-based'].join(', ');
        return refuse('fieldUnknownValue', { field: side, found: found(given), expected }, `${side}: found ${found(given)}, expected one of ${expected}`);
      }
      sides[side] = name;
    }
    startSession({ scenarioId: scenario.id, role, seed, city: sides.city, partner: sides.partner, ...(opts.agents !== undefined ? { agents: opts.agents } : {}) }, scenario);
    return OK;
  }

  /** Restores the autosave by replaying it, year by year, and checks every year's hash. */
  function continueSave(): ActionResult {
    const read = readAutosave(opts.storage);
    if (read.kind === 'none') return refuse('noSave', {}, 'there is no saved game');
    if (read.kind === 'corrupt') {
      store.setState({ savedGame: null, corruptSave: { key: read.key, error: read.error } });
      return refuse('saveUnreadable', { error: read.error }, `the saved game cannot be read: ${read.error}`);
    }
    const { save, role } = read.autosave;
    const setup: GameSetup = { scenarioId: save.scenario.id, role, seed: save.seed, city: save.city, partner: save.partner, ...(save.agents !== undefined ? { agents: save.agents } : {}) };
    startSession(setup, save.scenario, [...save.actions], []);
    const r = run!;
    const byTick = new Map<number, Action[]>();
    for (const { tick, action } of save.actions) byTick.set(tick, [...(byTick.get(tick) ?? []), action]);
    const hashes: string[] = [];
    while (r.state.tick < save.years * 12) {
      r.advanceTick(byTick.get(r.state.tick) ?? []);
      if (r.state.tick % 12 === 0) {
        const got = stateHash(r.state);
        const year = r.state.tick / 12;
        if (got !== save.yearlyHashes[year - 1]) {
          run = null;
          const saved = save.yearlyHashes[year - 1] ?? 'nothing';
          const error = `the saved game does not replay with this version of the model (year ${year}: hash ${got}, the save says ${saved})`;
          store.setState({ screen: 'menu', session: null, savedGame: null, corruptSave: { key: 'horizons.autosave', error } });
          return refuse('saveDoesNotReplay', { year, hash: got, saved }, error);
        }
        hashes.push(got);
      }
    }
    publish({ yearlyHashes: hashes });
    nextYear();
    return OK;
  }

  // ---------------------------------------------------------------- the year

  /** After a year summary (or a restore): the next year, the epilogue, or the end. */
  function nextYear(): void {
    const s = session();
    const r = run!;
    if (r.isOver()) return go('end', {}, { ui: { ...get().ui, playing: false } });
    if (!inPlayableYears(s.sim, s.scenario)) return go('epilogue', { elections: [] }, { ui: { ...get().ui, playing: true } });
    const yearLogStart = s.sim.log.length;
    r.openTick();
    go('events', { tickOpen: true, yearLogStart, elections: [], actingSide: s.humanSides[0] ?? null });
  }

  /** Shows `screen` to `side`'s group, through the hand-over screen when the other group held the controls. */
  function toSide(side: Actor, screen: Screen, changes: Partial<Session> = {}): void {
    const s = session();
    if (s.setup.role === 'both' && s.actingSide !== side) go('handover', { ...changes, actingSide: side, afterHandover: screen }, { ui: { ...get().ui, playing: false } });
    else go(screen, { ...changes, actingSide: s.humanSides.includes(side) ? side : s.actingSide });
  }

  function afterEvents(): void {
    const s = session();
    if (s.humanSides.length === 0) return go('months', {}, { ui: { ...get().ui, playing: true } });
    // The city decides first when it is played by people; the partner's group then.
    toSide(s.humanSides[0]!, 'decisions');
  }

  function endDecisions(): void {
    const s = session();
    const next = s.humanSides[s.humanSides.indexOf(s.actingSide!) + 1];
    if (next) return toSide(next, 'decisions');
    go('months', {}, { ui: { ...get().ui, playing: true } });
  }

  /** The human side that must answer an offer now, if any. */
  function mustAnswer(): Actor | null {
    const s = session();
    const side = s.tickOpen ? sideToAnswer(s.sim) : null;
    return side && s.humanSides.includes(side) ? side : null;
  }

  /** The election just held (log entries of the month that closed), for the election screen. */
  function electionsIn(from: number, intentions: number[]): ElectionResult[] {
    const s = session();
    const out: ElectionResult[] = [];
    const log = s.sim.log;
    for (let i = from; i < log.length; i++) {
      const e = log[i]!;
      if (e.kind !== 'election') continue;
      const next = log.slice(i + 1).find((x): x is LogEntryOf<'newMayor'> => x.kind === 'newMayor' && x.tick === e.tick);
      out.push({
        tick: e.tick,
        incumbentWon: e.data.reelected,
        voteShare: e.data.voteShare,
        byDistrict: intentions,
        newMayor: next ? next.data.mayor : null,
      });
    }
    return out;
  }

  /** One month: closes the open month (or runs a whole one in the epilogue) and decides where the flow stops. Returns whether to keep going. */
  function oneMonth(): boolean {
    const s = session();
    const r = run!;
    const logFrom = s.sim.log.length;
    // Vote intentions as the month opens: the election (politics phase) resets them after the vote.
    const intentions = s.sim.districts.map((d) => d.voteIntention);
    if (r.isTickOpen()) r.closeTick();
    else r.advanceTick([]);
    const elections = [...s.elections, ...electionsIn(logFrom, intentions)];
    const tick = s.sim.tick;
    const yearlyHashes = tick % 12 === 0 ? [...s.yearlyHashes, stateHash(s.sim)] : s.yearlyHashes;
    const playable = tick <= s.scenario.playableYears * 12;
    if (r.isOver()) {
      go('end', { tickOpen: false, elections, yearlyHashes }, { ui: { ...get().ui, playing: false } });
      autosave();
      return false;
    }
    if (tick % 12 === 0) {
      if (!playable) {
        publish({ tickOpen: false, elections, yearlyHashes });
        return true;
      }
      go('yearSummary', { tickOpen: false, elections, yearlyHashes, actingSide: s.humanSides[0] ?? null }, { ui: { ...get().ui, playing: false } });
      autosave();
      return false;
    }
    r.openTick();
    publish({ tickOpen: true, elections, yearlyHashes });
    const side = mustAnswer();
    if (side) {
      toSide(side, 'negotiation', { returnScreen: 'months' });
      store.setState({ ui: { ...get().ui, playing: false } });
      return false;
    }
    return true;
  }

  function advance(months: unknown): ActionResult {
    const n = months ?? 1;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 12 * 60) return refuse('fieldNotWholeNumber', { field: 'months', found: found(months), min: 1, max: 12 * 60 }, `months: found ${found(months)}, expected a whole number of months from 1 to ${12 * 60}`);
    const from = get().screen;
    for (let k = 0; k < n; k++) {
      if (!oneMonth()) break;
      if (get().screen !== from) break;
    }
    return OK;
  }

  function autosave(): void {
    const s = session();
    const save = exportSave();
    if (!save) return;
    const error = writeAutosave(opts.storage, s.setup.role, save);
    publish({ saveError: error }, error ? {} : { savedGame: savedInfo(s.setup.role, save) });
  }

  // ---------------------------------------------------------------- the simulation's actions

  function simAction(a: Record<string, unknown>): ActionResult {
    const s = session();
    const screen = get().screen;
    if (!ACTING_SCREENS.includes(screen)) return refuse('wrongScreen', { action: String(a.type), screen, possible: ACTING_SCREENS.join(', ') }, `"${String(a.type)}" is a decision: take it on the decisions or negotiation screen, not on "${screen}"`);
    if (!s.tickOpen) return refuse('noMonthOpen', {}, 'no month is open for decisions');
    const actor = actorOf(a as unknown as Action);
    if (actor !== 'city' && actor !== 'partner') return refuse('fieldUnknownValue', { field: 'by', found: found(actor), expected: 'city, partner' }, `by: found ${found(actor)}, expected "city" or "partner"`);
    if (!s.humanSides.includes(actor)) return refuse('sideComputer', { side: actor }, `the ${actor} is played by the computer in this game`);
    if (s.actingSide !== actor) return refuse('sideNotYours', { side: String(s.actingSide) }, `it is the ${s.actingSide}'s group that holds the controls now`);
    const result = run!.act(a);
    if (!result.ok) {
      store.setState({ lastRefusal: result });
      return result;
    }
    publish({ actions: [...s.actions, { tick: s.sim.tick, action: structuredClone(a) as unknown as Action }] }, { lastRefusal: null });
    return OK;
  }

  // The model's actions; a retired one still goes to the model, which refuses it by name.
  const LIVE_SIM_TYPES = ['setBudget', 'setConcertation', 'governance', 'launchAlone', 'propose', 'accept', 'walkAway', 'cancelContract', 'renegotiateContract', 'studyPartnership', 'answerAmendment'] as const satisfies readonly Action['type'][];
  const SIM_TYPES = new Set<string>([...LIVE_SIM_TYPES, ...RETIRED_ACTIONS]);

  // ---------------------------------------------------------------- dispatch

  function dispatchAction(action: unknown): ActionResult {
    if (!isObj(action) || typeof action.type !== 'string') return refuse('notAnAction', { found: found(action) }, `an action is an object with a "type", found ${found(action)}`);
    const screen = get().screen;
    const a = action as Record<string, unknown> & { type: string };
    const on = (...screens: Screen[]): ActionResult | null =>
      screens.includes(screen) && (screen === 'menu' || get().session)
        ? null
        : refuse('wrongScreen', { action: a.type, screen, possible: screens.join(', ') }, `"${a.type}" is not possible on the "${screen}" screen (possible on: ${screens.join(', ')})`);
    switch (a.type) {
      case 'start':
        return on('menu') ?? start(a);
      case 'continueSave':
        return on('menu') ?? continueSave();
      case 'discardCorruptSave':
        if (!get().corruptSave) return refuse('noUnreadableSave', {}, 'there is no unreadable save to set aside');
        store.setState({ corruptSave: null });
        return OK;
      case 'setMenuSeed':
        if (!isSeed(a.seed)) return badSeed(a.seed);
        store.setState({ menuSeed: a.seed });
        return OK;
      case 'continue': {
        const blocked = on('briefing', 'handover', 'events', 'yearSummary', 'election');
        if (blocked) return blocked;
        const s = session();
        if (screen === 'briefing') nextYear();
        else if (screen === 'handover') go(s.afterHandover ?? 'months', { afterHandover: null });
        else if (screen === 'events') afterEvents();
        else if (screen === 'yearSummary') (s.elections.length > 0 ? go('election') : nextYear());
        else nextYear();
        return OK;
      }
      case 'endDecisions':
        return on('decisions') ?? (endDecisions(), OK);
      case 'openNegotiation': {
        const blocked = on('decisions', 'months');
        if (blocked) return blocked;
        const s = session();
        const side = s.actingSide;
        if (!side) return refuse('noSideToPlay', {}, 'nobody plays a side in this game');
        if (!s.tickOpen) return refuse('noMonthOpen', {}, 'no month is open: wait for the next month to negotiate');
        go('negotiation', { returnScreen: screen }, { ui: { ...get().ui, playing: false } });
        return OK;
      }
      case 'leaveNegotiation':
        return on('negotiation') ?? (go(session().returnScreen ?? 'months', { returnScreen: null }), OK);
      case 'advance':
        return on('months', 'negotiation', 'epilogue') ?? advance(a.months);
      case 'setPlaying':
        if (typeof a.playing !== 'boolean') return refuse('fieldNotBoolean', { field: 'playing', found: found(a.playing) }, `playing: found ${found(a.playing)}, expected true or false`);
        store.setState({ ui: { ...get().ui, playing: a.playing } });
        return OK;
      case 'setSpeed':
        if (!SPEEDS.includes(a.speed as never)) return refuse('fieldUnknownValue', { field: 'speed', found: found(a.speed), expected: SPEEDS.join(', ') }, `speed: found ${found(a.speed)}, expected one of ${SPEEDS.join(', ')}`);
        store.setState({ ui: { ...get().ui, speed: a.speed as (typeof SPEEDS)[number] } });
        return OK;
      case 'setOverlay':
        if (!OVERLAYS.includes(a.overlay as never)) return refuse('fieldUnknownValue', { field: 'overlay', found: found(a.overlay), expected: OVERLAYS.join(', ') }, `overlay: found ${found(a.overlay)}, expected one of ${OVERLAYS.join(', ')}`);
        store.setState({ ui: { ...get().ui, overlay: a.overlay as (typeof OVERLAYS)[number] } });
        return OK;
      case 'setLargeType':
        if (typeof a.on !== 'boolean') return refuse('fieldNotBoolean', { field: 'on', found: found(a.on) }, `on: found ${found(a.on)}, expected true or false`);
        store.setState({ ui: { ...get().ui, largeType: a.on } });
        return OK;
      case 'newGame':
        run = null;
        store.setState({ screen: 'menu', session: null, menuSeed: opts.randomSeed(), lastRefusal: null, ui: { ...get().ui, playing: false } });
        return OK;
      default:
        if (SIM_TYPES.has(a.type)) return get().session ? simAction(a) : refuse('needsGame', { action: a.type }, `"${a.type}" needs a game: start one from the menu`);
        return refuse('unknownAction', { type: found(a.type) }, `unknown action type ${found(a.type)}`);
    }
  }

  function dispatch(action: unknown): ActionResult {
    try {
      return dispatchAction(action);
    } catch (err) {
      // A bug, not a player's mistake: say so plainly rather than leave the page broken.
      const message = err instanceof Error ? err.message : String(err);
      const r = refuse('internalError', { message }, `internal error: ${message}`);
      store.setState({ lastRefusal: r });
      return r;
    }
  }

  // ---------------------------------------------------------------- queries

  /** A plain default offer: the scenario's first project everywhere, performance contract, 12 years, at the partner's public floor. */
  function defaultOffer(): ContractTerms {
    const s = session();
    const base: ContractTerms = {
      form: 'performance',
      projects: [Object.keys(s.scenario.projects.catalogue)[0]!],
      districts: s.sim.districts.map((_, i) => i),
      pilot: false,
      durationYears: 12,
      cityCapitalShare: 0.5,
      annualPaymentEur: 0,
      guaranteedSavingShare: 0.5,
      penaltyRate: 1,
      terminationCompensation: 0.5,
      dataOwnership: 'city',
      savingsShareToPartner: 0,
      grantCalls: [],
    };
    // Priced at the floor of the scenario's partner personality (its bid margin), plus 10 % to bargain from.
    const floor = publicPartnerFloor(s.sim, s.scenario, base, partnerPersonality(adviserName('partner'))?.marginShare ?? 0);
    return { ...base, annualPaymentEur: Number.isFinite(floor) ? Math.round((floor * 1.1) / 1000) * 1000 : 1_000_000 };
  }

  /** The personality that advises a side played by people: the scenario's own for that side. */
  function adviserName(side: Actor): string {
    const name = session().scenario.policies[side];
    return name !== 'none' ? name : side === 'city' ? 'steady-mayor' : 'infrastructure-partner';
  }

  /** What the side's computer adviser (the scenario's personality for it) would propose now. */
  function suggestedOffer(by: Actor): ContractTerms | null {
    const s = get().session;
    if (!s || !run) return null;
    const n = s.sim.negotiation;
    const adviser = resolvePolicy(adviserName(by), by);
    const proposal = (policy: typeof adviser, actor: Actor, yearStart: boolean) => {
      const moves = policy?.({ state: s.sim, scenario: s.scenario, actor, trigger: { yearStart, newGrantCalls: [], mustAnswer: !!n } }) ?? [];
      return moves.find((m): m is Extract<Action, { type: 'propose' }> => m.type === 'propose' && m.by === actor)?.terms ?? null;
    };
    const own = proposal(adviser, by, !n && by === 'city');
    if (own) return structuredClone(own);
    if (!n && by === 'partner') {
      // The computer partner never opens: suggest what a city would open with, a deal it can sign.
      const cityAdviser = resolvePolicy(adviserName('city'), 'city');
      const opening = proposal(cityAdviser, 'city', true);
      if (opening) return structuredClone(opening);
    }
    if (n) return structuredClone(n.offer);
    return defaultOffer();
  }

  // ---------------------------------------------------------------- actions()

  function legal(candidates: AnyAction[]): AnyAction[] {
    const s = get().session;
    return candidates.filter((c) => {
      if (!s || !SIM_TYPES.has(c.type)) return true;
      return tryAction(s.sim, s.scenario, c).ok;
    });
  }

  function menuActions(): AnyAction[] {
    const st = get();
    const seed = st.menuSeed;
    const out: AnyAction[] = [];
    for (const { id, scenario } of st.catalogue) {
      const partners = [scenario.policies.partner, ...PARTNER_PERSONALITIES.map((p) => p.id).filter((p) => p !== scenario.policies.partner)];
      const cities = [scenario.policies.city, ...CITY_PERSONALITIES.map((p) => p.id).filter((p) => p !== scenario.policies.city)];
      for (const partner of partners) out.push({ type: 'start', scenario: id, role: 'city', seed, partner });
      for (const city of cities) out.push({ type: 'start', scenario: id, role: 'partner', seed, city });
      out.push({ type: 'start', scenario: id, role: 'both', seed });
      out.push({ type: 'start', scenario: id, role: 'watch', seed, city: scenario.policies.city, partner: scenario.policies.partner });
    }
    if (st.savedGame) out.push({ type: 'continueSave' });
    if (st.corruptSave) out.push({ type: 'discardCorruptSave' });
    return out;
  }

  function decisionActions(side: Actor): AnyAction[] {
    const s = session();
    const sc = s.scenario;
    const out: AnyAction[] = [];
    if (side === 'city') {
      const env = sc.city.smartCityEnvelopeEur;
      const dt = sc.city.maxTaxChange;
      out.push({ type: 'setBudget', envelopeEur: env, taxChange: 0 }, { type: 'setBudget', envelopeEur: 2 * env, taxChange: dt / 2 }, { type: 'setBudget', envelopeEur: env / 2, taxChange: -dt / 2 });
      for (const level of [0.2, 0.5, 0.8]) out.push({ type: 'setConcertation', level });
      for (const measure of GOVERNANCE_MEASURES) out.push({ type: 'governance', measure, on: !s.sim.city.governance[measure] });
      const all = s.sim.districts.map((_, i) => i);
      for (const project of Object.keys(sc.projects.catalogue)) {
        out.push({ type: 'launchAlone', project, districts: [0], pilot: true });
        out.push({ type: 'launchAlone', project, districts: all, pilot: false });
      }
      for (const c of amendableContracts(s.sim)) {
        // An amendment keeps the partner's balance only where its margin allows: small cuts first.
        for (const paymentCut of [0.05, 0.1, 0.2]) out.push({ type: 'renegotiateContract', contractId: c.id, paymentCut });
        out.push({ type: 'cancelContract', contractId: c.id });
      }
      // The prior evaluation a partnership contract needs (CCP L2212-1), one project over every district.
      for (const project of Object.keys(sc.projects.catalogue)) out.push({ type: 'studyPartnership', projects: [project], districts: all });
    }
    if (side === 'partner') {
      for (const c of pendingAmendments(s.sim)) out.push({ type: 'answerAmendment', by: 'partner', contractId: c.id, accept: true }, { type: 'answerAmendment', by: 'partner', contractId: c.id, accept: false });
    }
    if (s.sim.negotiation) out.push({ type: 'walkAway', by: side });
    out.push(...negotiationMoves(side));
    return legal(out);
  }

  function negotiationMoves(side: Actor): AnyAction[] {
    const s = session();
    const out: AnyAction[] = [];
    const n = s.sim.negotiation;
    if (n && n.turn === side) out.push({ type: 'accept', by: side });
    const offer = suggestedOffer(side);
    if (offer) out.push({ type: 'propose', by: side, terms: offer });
    return out;
  }

  function actions(): AnyAction[] {
    const st = get();
    const s = st.session;
    switch (st.screen) {
      case 'menu':
        return menuActions();
      case 'briefing':
      case 'handover':
      case 'events':
      case 'yearSummary':
      case 'election':
        return [{ type: 'continue' }];
      case 'decisions': {
        const side = s!.actingSide!;
        return [...decisionActions(side), { type: 'openNegotiation' }, { type: 'endDecisions' }];
      }
      case 'negotiation': {
        const side = s!.actingSide!;
        const moves = legal([...negotiationMoves(side), ...(s!.sim.negotiation ? [{ type: 'walkAway', by: side } as AnyAction] : [])]);
        return [...moves, { type: 'advance' }, { type: 'leaveNegotiation' }];
      }
      case 'months':
        return [{ type: 'advance', months: 12 }, { type: 'advance' }, ...(s!.humanSides.length > 0 && s!.tickOpen ? [{ type: 'openNegotiation' } as AnyAction] : [])];
      case 'epilogue':
        return [{ type: 'advance', months: 12 }];
      case 'end':
        return [{ type: 'newGame' }];
    }
  }

  // ---------------------------------------------------------------- saves

  function exportSave(): SaveFile | null {
    const s = get().session;
    if (!s || !run) return null;
    const years = Math.floor(s.sim.tick / 12);
    if (years < 1) return null;
    const { setup } = s;
    return createSave(
      s.scenario,
      {
        seed: setup.seed,
        city: setup.city,
        partner: setup.partner,
        years,
        ...(setup.agents !== undefined ? { agents: setup.agents } : {}),
        actions: s.actions.filter((a) => a.tick < years * 12),
      },
      s.yearlyHashes.slice(0, years),
    );
  }

  const api: GameApi = {
    dispatch,
    actions,
    isOver: () => run?.isOver() ?? false,
    exportSave,
    stateHash: () => (get().session ? stateHash(get().session!.sim) : ''),
    termsProblem: (terms) => {
      const s = session();
      return termsProblem(s.sim, s.scenario, terms);
    },
    termBounds: (terms) => {
      const s = session();
      return termBounds(s.sim, s.scenario, terms);
    },
    lenses: (terms, viewer) => {
      const s = session();
      // The partner's true costs are its own: the city's eyes get the city's estimate.
      return twoLenses(s.sim, s.scenario, terms, viewer === 'partner' ? 'private' : 'public');
    },
    suggestedOffer,
  };
  return { store, api };
}
