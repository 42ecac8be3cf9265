/**
 * The game: a zustand vanilla store made by a factory, over one headless run of the simulation,
 * composed of its parts: the screen flow (`flow.ts`, a pure reducer), the start action's checks
 * (`start.ts`), the script API (`script-api.ts` checks and routes an action, `action-list.ts`
 * lists the legal ones), saves (`saves.ts`, restored through the simulation's `restoreRun`) and the
 * computer adviser's offers (the model's `suggestedOffer`).
 *
 * A year begins by opening its first month (`run.openTick`: its events happen and its grant calls
 * open); a person's actions are then applied at once (`run.act`), with an immediate answer, exactly
 * where a replay of the save applies them; advancing time closes the month (the computer players
 * decide, the model runs) and opens the next. So the save replays to the same hashes in Node.
 *
 * Every change replaces the snapshot (a new `GameState`, a new `session`), so that selectors
 * (`subscribeWithSelector`) see it; `session.sim` is the run's own state, which only its steps change.
 *
 * Nothing is lost on a refusal: `dispatch` copies an action before anything else (script-api.ts), a
 * person's action is tried on a copy of the state before it is applied (so that a refusal, or a bug
 * of the model that throws half-way, leaves the game, its hash, its counters and its log as they
 * were), and a save that does not replay is set aside before the next year's autosave could
 * overwrite it. What the API hands out (`getState`, `getGame`, `exportSave`) is a copy.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { answerDue, inPlayableYears, isAgentCount, isBudgetMonth, MAX_AGENTS, MIN_AGENTS, restoreRun, createRun, sideToAnswer, stateHash, suggestedOffer, termBounds, termsProblem, tryAction, twoLenses, type ActionResult, type Refusal, type Run, type SaveFile, type Scenario } from '../sim';
import { listActions } from './action-list';
import { AUTOSAVE_KEY, readAutosave, setAsideAutosave, writeAutosave, type KeyValueStorage } from './autosave';
import { humanSidesOf, nextFlow, type Flow, type FlowEvent, type YearFacts } from './flow';
import type { Game, GameApi, GameSetup, GameState, Session } from './game-types';
import { electionsIn, saveOfSession, savedInfo, setupOfSave } from './saves';
import { createDispatch, OK, refuse, type GameOps } from './script-api';
import { setupOfStart } from './start';

export interface GameOptions {
  /** The scenarios the menu offers (one per file in `scenarios/`), already validated. */
  catalogue: GameState['catalogue'];
  /** Where the autosave lives (`localStorage` in the browser; null: no autosave). */
  storage: KeyValueStorage | null;
  /** A fresh seed for the menu (the browser draws one at random; tests give a fixed one). */
  randomSeed: () => number;
  /** Number of citizen agents (default: each scenario's; tests use fewer), from MIN_AGENTS to MAX_AGENTS. */
  agents?: number;
  /** What was wrong in the page's address (`?seed=`, `?agents=`) and was ignored, for the menu to say. */
  urlNotes?: GameState['urlNotes'];
}

/**
 * What the API hands out: a deep copy, made on each call. A read-only view, not a frozen one: the
 * citizens live in typed arrays, which `Object.freeze` cannot freeze, so a frozen state would still
 * let a script write into them (and a frozen copy shared between calls would pass one caller's
 * writes to the next). A copy holds for every part; measured with 10,000 citizens 18 years in, it
 * costs about 3 ms for `getState` and 6 ms for `getGame` (the menu's scenarios too), the order of
 * `stateHash` (4 ms) and less than `page.evaluate`'s serialisation of the same object.
 */
const copyOf = <T>(x: T): T => structuredClone(x);

/** Makes a game: its store and its API (the one `window.horizons` exposes). */
export function createGame(opts: GameOptions): Game {
  if (opts.agents !== undefined && !isAgentCount(opts.agents)) throw new Error(`createGame: agents ${opts.agents} is not a whole number from ${MIN_AGENTS} to ${MAX_AGENTS}`);
  let run: Run | null = null;

  const saved = readAutosave(opts.storage);
  /** An unreadable save that storage refused to set aside is still under the autosave's key: no autosave may overwrite it. */
  let holdAutosave = saved.kind === 'corrupt' && saved.key === AUTOSAVE_KEY;
  /** Has the save under the autosave's key been checked to replay (or been written by this page)? */
  let verified = saved.kind !== 'ok';
  const store = createStore<GameState>()(
    subscribeWithSelector((): GameState => ({
      screen: 'menu',
      catalogue: opts.catalogue,
      menuSeed: opts.randomSeed(),
      savedGame: saved.kind === 'ok' ? savedInfo(saved.autosave.role, saved.autosave.save) : null,
      corruptSave: saved.kind === 'corrupt' ? { key: saved.key, error: saved.error } : null,
      urlNotes: opts.urlNotes ?? [],
      session: null,
      ui: { overlay: 'satisfaction', playing: false, speed: 3, largeType: false },
      lastRefusal: null,
    })),
  );

  const get = () => store.getState();
  const session = (): Session => {
    const s = get().session;
    if (!s || !run) throw new Error('no game is running');
    return s;
  };
  /** Every outside action of the game, with its tick: only ever appended to (a new game starts a new list). */
  let log: Session['actions'] = [];
  /**
   * Gives a session object its `actions`: the first `count` of the game's log, made into a list of
   * their own when first read. A person (or a script) may take thousands of actions in a month, each
   * publishing a new session: a list copied for each would make them quadratic (20,000 actions took
   * 15 s), and one list appended in place would change the earlier snapshots. The log only grows,
   * so the first `count` never change.
   */
  function withActions<T extends object>(fields: T, count: number): T & Pick<Session, 'actions'> {
    const backing = log;
    let list: Session['actions'] | undefined;
    return Object.defineProperty(fields, 'actions', { enumerable: true, configurable: true, get: () => (list ??= backing.slice(0, count)) }) as T & Pick<Session, 'actions'>;
  }
  /** Replaces the session (a new object) with these changes (and `count` actions, when given), and other fields of the snapshot. */
  const publish = (changes: Partial<Omit<Session, 'actions'>> = {}, rest: Partial<GameState> = {}, count?: number) => {
    // The earlier session's fields as they are (its `actions` not read: a getter, copied as one).
    const next = Object.assign(Object.defineProperties({}, Object.getOwnPropertyDescriptors(session())) as Session, changes);
    store.setState({ ...rest, session: count === undefined ? next : withActions(next, count) });
  };
  const flowOf = (st: GameState, s: Pick<Session, 'actingSide' | 'afterHandover' | 'returnScreen' | 'handBack'>): Flow => ({ screen: st.screen, actingSide: s.actingSide, afterHandover: s.afterHandover, returnScreen: s.returnScreen, handBack: s.handBack, playing: st.ui.playing });
  const yearFacts = (): YearFacts => ({ over: run!.isOver(), playable: inPlayableYears(session().sim, session().scenario) });

  /** Moves the flow after `event` (opening the year's first month when it says so), with these session changes; returns whether the screen flow moved. */
  function move(event: FlowEvent, changes: Partial<Omit<Session, 'actions'>> = {}): boolean {
    const st = get();
    const s = session();
    const step = nextFlow(flowOf(st, s), { role: s.setup.role, humanSides: s.humanSides }, event);
    if (!step) {
      publish(changes);
      return false;
    }
    const { screen, playing, ...sides } = step.flow;
    let year: Partial<Omit<Session, 'actions'>> = {};
    if (step.openYear) {
      year = { tickOpen: true, yearLogStart: s.sim.log.length, elections: [] };
      run!.openTick();
    } else if (screen === 'epilogue') year = { elections: [] };
    const ui = playing !== st.ui.playing ? { ui: { ...st.ui, playing } } : {};
    publish({ ...changes, ...sides, ...year }, { ...ui, screen, lastRefusal: null });
    return true;
  }

  function startSession(setup: GameSetup, scenario: Scenario, r: Run, actions: Session['actions'] = [], yearlyHashes: string[] = []): void {
    run = r;
    const humanSides = humanSidesOf(setup.role);
    const st = get();
    const { screen, playing, ...sides } = nextFlow(flowOf(st, { actingSide: null, afterHandover: null, returnScreen: null, handBack: null }), { role: setup.role, humanSides }, { type: 'started' })!.flow;
    log = [...actions];
    const base = { setup, scenario, sim: r.state, tickOpen: false, humanSides, yearlyHashes, yearLogStart: 0, elections: [], saveError: null };
    store.setState({ screen, lastRefusal: null, ui: { ...st.ui, playing }, session: withActions({ ...base, ...sides }, log.length) });
  }

  /**
   * Replays a save year by year (the simulation's `restoreRun` checks every year's hash): the run,
   * or what is wrong (a replay that throws, or a year whose hash differs) as a refusal.
   */
  function replay(save: SaveFile): { ok: true; restored: Extract<ReturnType<typeof restoreRun>, { ok: true }> } | { ok: false; error: string; refusal: Refusal } {
    let restored: ReturnType<typeof restoreRun>;
    try {
      restored = restoreRun(save);
    } catch (err) {
      const error = `the saved game could not be replayed (${err instanceof Error ? err.message : String(err)})`;
      return { ok: false, error, refusal: refuse('saveUnreadable', { error }, `the saved game cannot be read: ${error}`) };
    }
    if (restored.ok) return { ok: true, restored };
    const { year, got } = restored;
    const saved = restored.expected ?? 'nothing';
    const error = `the saved game does not replay with this version of the model (year ${year}: hash ${got}, the save says ${saved})`;
    return { ok: false, error, refusal: refuse('saveDoesNotReplay', { year, hash: got, saved }, error) };
  }

  /** Sets the autosave aside (kept, reported on the menu) before anything could overwrite it. */
  function setAsideUnreplayable(error: string): void {
    const key = setAsideAutosave(opts.storage);
    if (key === null) holdAutosave = true;
    store.setState({ savedGame: null, corruptSave: { key: key ?? AUTOSAVE_KEY, error } });
  }

  /**
   * Before the first autosave of this page replaces the save under the autosave's key, checks that
   * this save replays (Continue checks it too, but a player may start a new game instead): one that
   * cannot be read, or does not replay, is set aside first. Done at the first year-end rather than
   * when the menu loads: a run of 18 years with 10,000 citizens took 0.10–0.38 s in Node here
   * (median 0.13 s over seeds 1–5), and the menu would wait for it on every page load.
   */
  function verifyBeforeOverwrite(): void {
    if (verified) return;
    verified = true;
    const read = readAutosave(opts.storage); // an unreadable one is set aside here
    if (read.kind === 'corrupt') {
      if (read.key === AUTOSAVE_KEY) holdAutosave = true;
      store.setState({ corruptSave: { key: read.key, error: read.error } });
    }
    if (read.kind !== 'ok') return;
    const checked = replay(read.autosave.save);
    if (!checked.ok) setAsideUnreplayable(checked.error);
  }

  /** Restores the autosave by replaying it year by year. */
  function continueSave(): ActionResult {
    const read = readAutosave(opts.storage);
    if (read.kind === 'none') return refuse('noSave', {}, 'there is no saved game');
    if (read.kind === 'corrupt') {
      store.setState({ savedGame: null, corruptSave: { key: read.key, error: read.error } });
      return refuse('saveUnreadable', { error: read.error }, `the saved game cannot be read: ${read.error}`);
    }
    const { save, role } = read.autosave;
    const checked = replay(save);
    if (!checked.ok) {
      run = null;
      setAsideUnreplayable(checked.error);
      store.setState({ screen: 'menu', session: null, lastRefusal: null, ui: { ...get().ui, playing: false } });
      return checked.refusal;
    }
    // This save replays: the game's own autosaves may replace it (they continue it).
    verified = true;
    const { restored } = checked;
    startSession(setupOfSave(role, save), save.scenario, restored.run, save.actions, restored.yearlyHashes);
    move({ type: 'restored', year: yearFacts() });
    return OK;
  }

  /** Back on the menu, the game dropped (its autosave stays). */
  function backToMenu(changes: Partial<GameState>): void {
    run = null;
    store.setState({ screen: 'menu', session: null, lastRefusal: null, ui: { ...get().ui, playing: false }, ...changes });
  }

  /** One month: closes the open month (or runs a whole one in the epilogue), opens the next within the year. Returns whether to keep going. */
  function oneMonth(): boolean {
    const s = session();
    const r = run!;
    const logFrom = s.sim.log.length;
    // Vote intentions as the month opens: the election (politics phase) resets them after the vote.
    const intentions = s.sim.districts.map((d) => d.voteIntention);
    if (r.isTickOpen()) r.closeTick();
    else r.advanceTick([]);
    const tick = s.sim.tick;
    const over = r.isOver();
    const yearEnd = isBudgetMonth(tick);
    const playable = tick <= s.scenario.playableYears * 12;
    const elections = [...s.elections, ...electionsIn(s.sim.log, logFrom, intentions)];
    const yearlyHashes = yearEnd ? [...s.yearlyHashes, stateHash(s.sim)] : s.yearlyHashes;
    const within = !over && !yearEnd;
    if (within) r.openTick();
    const side = within ? sideToAnswer(s.sim) : null;
    const mustAnswer = side && s.humanSides.includes(side) ? side : null;
    const moved = move({ type: 'monthClosed', over, yearEnd, playable, mustAnswer }, { tickOpen: within, elections, yearlyHashes });
    if (over || (yearEnd && playable)) autosave();
    return !moved;
  }

  function autosave(): void {
    const s = session();
    const save = saveOfSession(s);
    if (!save) return;
    if (holdAutosave && setAsideAutosave(opts.storage) === null) {
      publish({ saveError: `not saved: the unreadable save under "${AUTOSAVE_KEY}" could not be set aside, and is kept rather than overwritten` });
      return;
    }
    holdAutosave = false;
    verifyBeforeOverwrite();
    if (holdAutosave) {
      publish({ saveError: `not saved: the save under "${AUTOSAVE_KEY}" does not replay and could not be set aside, and is kept rather than overwritten` });
      return;
    }
    const error = writeAutosave(opts.storage, s.setup.role, save);
    publish({ saveError: error }, error ? {} : { savedGame: savedInfo(s.setup.role, save) });
  }

  const ops: GameOps = {
    state: get,
    start(a) {
      const checked = setupOfStart(a, { catalogue: opts.catalogue, menuSeed: get().menuSeed, agents: opts.agents });
      if (!checked.ok) return checked;
      const { setup, scenario } = checked;
      startSession(setup, scenario, createRun(scenario, { seed: setup.seed, city: setup.city, partner: setup.partner, ...(setup.agents !== undefined ? { agents: setup.agents } : {}) }));
      return OK;
    },
    continueSave,
    set: (changes) => store.setState(changes),
    setUi: (changes) => store.setState({ ui: { ...get().ui, ...changes } }),
    flow: (type) => void move(type === 'continue' ? { type, year: yearFacts() } : { type }),
    advance(months) {
      const from = get().screen;
      for (let k = 0; k < months; k++) if (!oneMonth() || get().screen !== from) break;
    },
    act(action) {
      const s = session();
      // On a copy of the state first: a refusal, or an error of the model half-way, changes nothing.
      // The model is deterministic and its answer does not depend on the month's scratch sums
      // (money.ts: they only accumulate), so what passed on the copy passes the same on the state.
      const trial = tryAction(s.sim, s.scenario, action);
      const result = trial.ok ? run!.act(action) : trial;
      if (!result.ok) {
        store.setState({ lastRefusal: result });
        return result;
      }
      // `action` is dispatch's own copy, and the model copies what it keeps (an offer's terms): the log records it as applied.
      log.push({ tick: s.sim.tick, action });
      publish({}, { lastRefusal: null }, log.length);
      // Two groups on one screen: an offer the other group may answer this month goes to it now,
      // behind the hand-over (one offer and its answer a month, as against a computer).
      if (action.type === 'propose' && s.setup.role === 'both') {
        const answer = action.by === 'city' ? 'partner' : 'city';
        if (answerDue(s.sim, answer)) move({ type: 'offerMade', answer });
      }
      return OK;
    },
    // A new game draws a new seed for the menu; leaving keeps the game's.
    newGame: () => backToMenu({ menuSeed: opts.randomSeed() }),
    // The autosave already holds the game up to its last year's end (written as each year ends):
    // Continue on the menu replays it and resumes at the next year's start.
    toMenu: () => backToMenu({}),
    refused: (r) => store.setState({ lastRefusal: r }),
  };

  const api: GameApi = {
    dispatch: createDispatch(ops),
    actions: () => listActions(get()),
    isOver: () => run?.isOver() ?? false,
    // Copies: a script that edits what it was given changes nothing of the game (see `copyOf`).
    getState: () => copyOf(get().session?.sim ?? null),
    getGame: () => copyOf(get()),
    exportSave: () => (get().session && run ? copyOf(saveOfSession(get().session!)) : null),
    stateHash: () => (get().session ? stateHash(get().session!.sim) : ''),
    termsProblem: (terms) => termsProblem(session().sim, session().scenario, terms),
    termBounds: (terms) => termBounds(session().sim, session().scenario, terms),
    // The partner's true costs are its own: the city's eyes get the city's estimate.
    lenses: (terms, viewer) => twoLenses(session().sim, session().scenario, terms, viewer === 'partner' ? 'partner' : 'public'),
    suggestedOffer: (by) => {
      const s = get().session;
      return s && run ? suggestedOffer({ state: s.sim, scenario: s.scenario, by }) : null;
    },
  };
  return { store, api };
}
