/**
 * The browser's store: a zustand vanilla store made by a factory (no module-level singleton).
 *
 * The state is a snapshot of the run (the simulation state, its yearly summary rows and its hash)
 * plus a status. Actions call the simulation and replace the whole snapshot; nothing outside the
 * sim computes a figure. This placeholder runs a whole game at once; the game will add stepping
 * and player actions through the same store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createRun, runSimulation, stateHash, type RunOptions, type RunResult, type Scenario, type SimState } from '../sim';

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

/** One row of the yearly summary: `year` (calendar), `yearIndex` (1-based) and every summary key. */
export type YearRow = RunResult['yearly'][number];

export interface RunSnapshot {
  seed: number;
  state: SimState;
  yearly: YearRow[];
  yearlyHashes: string[];
  summary: RunResult['summary'] | null;
  stateHash: string;
  over: boolean;
}

export interface GameStoreState {
  status: RunStatus;
  /** Why the last run failed, in the simulation's words (`status === 'error'`). */
  error: string | null;
  snapshot: RunSnapshot;
  /** Runs the scenario to its horizon with this seed and replaces the snapshot. */
  run(seed: number): void;
  /** Back to the initial state of a seed, without running it. */
  reset(seed: number): void;
}

/** Run options the store keeps between runs (the seed comes with each run). */
export type GameStoreOptions = Omit<RunOptions, 'seed' | 'actions'> & { seed: number };

export type GameStore = StoreApi<GameStoreState>;

function initialSnapshot(scenario: Scenario, options: RunOptions): RunSnapshot {
  const run = createRun(scenario, options);
  return {
    seed: options.seed,
    state: run.state,
    yearly: [],
    yearlyHashes: [],
    summary: null,
    stateHash: stateHash(run.state),
    over: run.isOver(),
  };
}

/** Makes a store for one scenario; each page, test or game session makes its own. */
export function createGameStore(scenario: Scenario, opts: GameStoreOptions): GameStore {
  const { seed: firstSeed, ...fixed } = opts;
  const optionsFor = (seed: number): RunOptions => ({ ...fixed, seed });

  return createStore<GameStoreState>()((set) => ({
    status: 'idle',
    error: null,
    snapshot: initialSnapshot(scenario, optionsFor(firstSeed)),

    run(seed) {
      set({ status: 'running', error: null });
      try {
        const result = runSimulation(scenario, optionsFor(seed));
        set({
          status: 'done',
          snapshot: {
            seed,
            state: result.state,
            yearly: result.yearly,
            yearlyHashes: result.yearlyHashes,
            summary: result.summary,
            stateHash: result.summary.stateHash,
            over: true,
          },
        });
      } catch (err) {
        set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
      }
    },

    reset(seed) {
      set({ status: 'idle', error: null, snapshot: initialSnapshot(scenario, optionsFor(seed)) });
    },
  }));
}
