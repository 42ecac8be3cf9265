/**
 * The game's store, as types: what the scenes and panels read, and the actions they dispatch.
 *
 * The store (`game-store.ts`) owns one headless run (`createRun` from the sim) and replaces its
 * snapshot after every change: a new `GameState` with a new `session` object whenever anything of
 * the game moved, so that a selector sees it. The simulation state inside (`session.sim`) is the
 * run's own object, stepped month by month: treat it as read-only (scripts get copies: `GameApi`).
 *
 * Every action is a JSON object that `dispatch` accepts as it is; `actions()` lists the legal ones
 * now. Game actions (start, continue, advance…) and the simulation's own actions (setBudget,
 * propose, accept…) go through the same `dispatch`.
 */
import type { Mutate, StoreApi } from 'zustand/vanilla';
import type { Problem, Refusal } from '../sim/refusal';
import type { Action, ActionResult, Actor, ContractTerms, NumericTerm, SaveFile, Scenario, SimState, TermBound, TwoLenses } from '../sim';

export { NUMERIC_TERMS, type NumericTerm, type TermBound } from '../sim';

/** How the people in front of the screen take part. */
export const ROLES = ['city', 'partner', 'both', 'watch'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The screen the flow is on. The city view (Phaser) is always behind; each screen is a panel.
 * - `menu`: language, scenario cards, role, personality, seed, continue the autosave.
 * - `briefing`: the situation and the role's objective.
 * - `handover`: two groups on one screen: the other group takes the controls (hides private data).
 * - `decisions`: the acting side's decisions for the year, under the news of the year (its events, its grant calls, the election to come).
 * - `negotiation`: the negotiation table (an offer to answer, or one being prepared).
 * - `months`: the months run, with pause / play / fast-forward.
 * - `yearSummary`: what changed this year, and why; in an election year, the vote first (the campaign, the vote by district, the result).
 * - `epilogue`: the playable years are over; the model runs on to its horizon (no decisions).
 * - `end`: the final state and scores.
 *
 * No two screens that only ask to click "continue" follow each other: the year's events are on the
 * decisions screen (watching, in the months' log) and the election on the year summary, so that a
 * room is not kept clicking through (issue 11).
 */
export const SCREENS = ['menu', 'briefing', 'handover', 'decisions', 'negotiation', 'months', 'yearSummary', 'epilogue', 'end'] as const;
export type Screen = (typeof SCREENS)[number];

/** The overlays of the city view, by district. */
export const OVERLAYS = ['satisfaction', 'energy', 'services', 'vote'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** Speeds of the months: months per second when playing. */
export const SPEEDS = [1, 3, 12] as const;
export type Speed = (typeof SPEEDS)[number];

/** A scenario the menu offers (one per file in `scenarios/`). */
export interface ScenarioEntry {
  id: string;
  scenario: Scenario;
}

/** What a game is started with; with the actions taken, it describes the game completely. */
export interface GameSetup {
  scenarioId: string;
  role: Role;
  seed: number;
  /** Policy of each side: a personality, or `none` where a person plays it. */
  city: string;
  partner: string;
  /** Number of citizen agents (default: the scenario's). */
  agents?: number;
  /** The game's length in years: the session's scenario is the menu's with `playableYears` set to it. */
  years: number;
}

/** One election that happened this year, for the election screen. */
export interface ElectionResult {
  tick: number;
  incumbentWon: boolean;
  voteShare: number;
  /** The incumbent's share of each district's votes, in the districts' order (older saves: the vote intention by district before the vote, see `byDistrictVotes`). */
  byDistrict: number[];
  /** Are `byDistrict` the votes cast (true), or, in a save from before they were logged, the intentions before the vote? */
  byDistrictVotes: boolean;
  /** The vote intention by district on the eve (as the month of the vote opened): the swing of the day moves each to its result. */
  intentions: number[];
  /** The day's swing (national mood, the campaign) on the log-odds of every vote, as logged (null in older saves). */
  swing: number | null;
  /** The new mayor's profile label when the incumbent lost. */
  newMayor: string | null;
}

export interface Session {
  setup: GameSetup;
  scenario: Scenario;
  /** The simulation state (the run's own object: read-only; the session object is replaced whenever it moves). */
  sim: SimState;
  /** Is a month open (its events done, its decisions being taken)? */
  tickOpen: boolean;
  /** The sides people play. */
  humanSides: Actor[];
  /** The side whose group holds the controls now (`null` when watching). */
  actingSide: Actor | null;
  /** Every outside action with its tick, as a save records them (made into a list when first read: game-store.ts `withActions`). */
  actions: { tick: number; action: Action }[];
  yearlyHashes: string[];
  /** Index in `sim.log` where the current year's entries begin (event cards, summary). */
  yearLogStart: number;
  /** Elections held during the current year (for the election screen). */
  elections: ElectionResult[];
  /** Where the flow goes after a hand-over screen. */
  afterHandover: Screen | null;
  /** Where leaving the negotiation table goes back to. */
  returnScreen: Screen | null;
  /** Two groups on one screen: the group whose offer the other answers this month, and its screen (flow.ts). */
  handBack: { side: Actor; screen: Screen } | null;
  /** Why the last autosave could not be written (storage full, disabled), or null. */
  saveError: string | null;
}

export interface UiState {
  overlay: Overlay;
  playing: boolean;
  speed: Speed;
  largeType: boolean;
}

/** What the menu shows about the autosave. */
export interface SavedGameInfo {
  scenarioId: string;
  role: Role;
  seed: number;
  /** Years completed in the saved game. */
  years: number;
  /** The saved game's length in years (its playable years). */
  totalYears: number;
}

export interface CorruptSave {
  /** Where the unreadable save is kept (a local-storage key). */
  key: string;
  error: string;
}

/** A URL parameter of the page (`?seed=`, `?agents=`) that was not in its range and was ignored. */
export interface UrlNote {
  param: 'seed' | 'agents';
  /** What the address held, as it was written (`abc`, `0`, an empty text). */
  raw: string;
  min: number;
  max: number;
}

export interface GameState {
  screen: Screen;
  catalogue: ScenarioEntry[];
  /** The seed the menu will start with (shown, editable, random by default). */
  menuSeed: number;
  savedGame: SavedGameInfo | null;
  corruptSave: CorruptSave | null;
  /** The page's URL parameters that were ignored (out of range, not a number), for the menu to say. */
  urlNotes: UrlNote[];
  session: Session | null;
  ui: UiState;
  /** The last refused action (code, figures, English reason; the panel that dispatched it renders it), or null. */
  lastRefusal: Refusal | null;
}

/** Actions of the game itself (beside the simulation's). */
export type GameAction =
  | { type: 'start'; scenario: string; role: Role; seed: number; city?: string; partner?: string; years?: number }
  | { type: 'continueSave' }
  | { type: 'discardCorruptSave' }
  | { type: 'setMenuSeed'; seed: number }
  | { type: 'continue' }
  | { type: 'endDecisions' }
  | { type: 'openNegotiation' }
  | { type: 'leaveNegotiation' }
  | { type: 'advance'; months?: number }
  | { type: 'setPlaying'; playing: boolean }
  | { type: 'setSpeed'; speed: Speed }
  | { type: 'setOverlay'; overlay: Overlay }
  | { type: 'setLargeType'; on: boolean }
  | { type: 'newGame' }
  /** Leaves the game for the menu (the autosave keeps it up to its last year's end; Continue resumes it). */
  | { type: 'toMenu' };

/** Anything `dispatch` accepts. */
export type AnyAction = GameAction | Action;

/** Queries the panels may ask (they call the simulation; nothing in the UI computes the model). */
export interface GameQueries {
  /** Why these terms are not lawful now, or null when they are. */
  termsProblem(terms: ContractTerms): Problem | null;
  /** The legal range of each numeric term, the others held. */
  termBounds(terms: ContractTerms): Record<NumericTerm, TermBound>;
  /** The deal through both lenses; the partner's lens with its true costs only for the partner's eyes. */
  lenses(terms: ContractTerms, viewer: Actor): TwoLenses;
  /** An offer the acting side could make now (its computer adviser's suggestion), or null. */
  suggestedOffer(by: Actor): ContractTerms | null;
}

/** The store's full interface: state, dispatch and the API `window.horizons` exposes. */
export interface GameApi extends GameQueries {
  /** Applies an action whole or not at all: on a refusal the game, its hash and its save are as before. */
  dispatch(action: unknown): ActionResult;
  actions(): AnyAction[];
  isOver(): boolean;
  /** The simulation's state, as a copy (changing it changes nothing of the game); null before a game. */
  getState(): SimState | null;
  /** The game's own state (screen, session, settings), as a copy. */
  getGame(): GameState;
  /** The replay save of the game so far (a copy), or null before its first full year. */
  exportSave(): SaveFile | null;
  stateHash(): string;
}

/** What the scenes and panels are given: the store to read and subscribe to, and the API to act. */
export interface Game {
  /** A zustand store with `subscribeWithSelector`: `store.subscribe(selector, listener)` hears a change of what the selector picks. */
  store: Mutate<StoreApi<GameState>, [['zustand/subscribeWithSelector', never]]>;
  api: GameApi;
}
