/**
 * The headless runner: the main API of the simulation. The CLI, the sweep, the tests and the game
 * all run the model through it.
 *
 * A run is a scenario, a seed, a policy per side (by name, or `none` where a person plays) and the
 * list of outside actions with the tick at which they were taken. The same four things always give
 * the same states, tick for tick, and the same hashes.
 */
import { resolvePolicy } from './agents';
import { createInitialState } from './init';
import { stateHash } from './hash';
import { report, type Summary } from './metrics';
import type { Scenario } from './scenario-schema';
import { actInTick, closeTick, openTick, stepInPlace, type OpenTick, type Policies } from './step';
import type { ActionResult, Actor, MetricRow, Policy, SimState, TimedAction } from './types';
import { isBudgetMonth } from './calendar';

export interface RunOptions {
  seed: number;
  /** Years to simulate (default: the scenario's horizon). */
  years?: number;
  /** Policy name (or function) of each side; default: the scenario's `policies`. */
  city?: string | Policy;
  partner?: string | Policy;
  /** Actions taken from outside (a person's, a save's), with their tick. */
  actions?: readonly TimedAction[];
  /** Number of citizen agents (default: the scenario's). */
  agents?: number;
  /** Record the state hash at the end of every year (saves and replays need them). */
  yearlyHashes?: boolean;
  /** Start from this state instead of the scenario's initial state (a restored save). */
  from?: SimState;
}

export interface RunResult {
  summary: Summary & { stateHash: string };
  yearly: MetricRow[];
  yearlyHashes: string[];
  state: SimState;
  /** Results of the outside actions, in the order given. */
  actionResults: ActionResult[];
}

function policyOf(v: string | Policy | undefined, fallback: string, actor: Actor): Policy | null {
  const x = v ?? fallback;
  if (typeof x === 'function') return x;
  const p = resolvePolicy(x, actor);
  if (!p) throw new Error(`unknown ${actor} policy "${x}"`);
  return x === 'none' ? null : p;
}

/** A run that advances on demand (the browser's store and the replay drive it tick by tick). */
export interface Run {
  readonly scenario: Scenario;
  readonly state: SimState;
  readonly totalTicks: number;
  /** One month, with these outside actions; returns their results. */
  advanceTick(actions?: readonly unknown[]): ActionResult[];
  /**
   * The same month in three steps, for a person who acts while the month is open: `openTick`
   * runs its events and opens its grant calls, `act` applies one action at once, `closeTick` lets
   * the computer players decide and runs the rest. Equivalent to `advanceTick` with the same
   * actions (a replay gives the same hashes).
   */
  openTick(): void;
  act(action: unknown): ActionResult;
  closeTick(): void;
  /** Is a month open (between `openTick` and `closeTick`)? */
  isTickOpen(): boolean;
  isOver(): boolean;
}

export function createRun(scenario: Scenario, opts: RunOptions): Run {
  const state = opts.from ?? createInitialState(scenario, opts.seed, opts.agents);
  const policies: Policies = { city: policyOf(opts.city, scenario.policies.city, 'city'), partner: policyOf(opts.partner, scenario.policies.partner, 'partner') };
  const totalTicks = (opts.years ?? scenario.horizonYears) * 12;
  let open: OpenTick | null = null;
  return {
    scenario,
    state,
    totalTicks,
    advanceTick(actions = []) {
      if (open) throw new Error('advanceTick: a month is open; close it first');
      return stepInPlace(state, scenario, actions, policies);
    },
    openTick() {
      if (open) throw new Error('openTick: a month is already open');
      if (state.tick >= totalTicks) throw new Error('openTick: the run is over');
      open = openTick(state, scenario);
    },
    act(action) {
      if (!open) throw new Error('act: no month is open');
      return actInTick(state, scenario, open, action);
    },
    closeTick() {
      if (!open) throw new Error('closeTick: no month is open');
      const o = open;
      open = null;
      closeTick(state, scenario, o, policies);
    },
    isTickOpen() {
      return open !== null;
    },
    isOver() {
      return state.tick >= totalTicks;
    },
  };
}

/** Groups timed items by tick once (stable within a tick), so that every replay loop looks up a month's list. */
export function groupByTick<T extends { tick: number }>(items: readonly T[]): (tick: number) => T[] {
  const byTick = new Map<number, T[]>();
  for (const item of items) {
    const list = byTick.get(item.tick) ?? [];
    list.push(item);
    byTick.set(item.tick, list);
  }
  return (tick) => byTick.get(tick) ?? [];
}

/** The outside actions of each month, as `advanceTick` takes them. */
export function actionsByTick(actions: readonly { tick: number; action: unknown }[]): (tick: number) => unknown[] {
  const at = groupByTick(actions);
  return (tick) => at(tick).map((t) => t.action);
}

/**
 * The one replay loop: advances a run month by month up to `untilTick` (default: its end), each
 * month with its timed actions; `onYearEnd` is called after every twelfth month and stops the run
 * by returning false. Returns the outside actions' results, in order.
 */
export function playThrough(run: Run, opts: { actions: readonly TimedAction[]; untilTick?: number; onYearEnd?: (year: number) => boolean | void }): ActionResult[] {
  const actionsAt = actionsByTick(opts.actions);
  const until = Math.min(opts.untilTick ?? run.totalTicks, run.totalTicks);
  const results: ActionResult[] = [];
  while (run.state.tick < until) {
    // One by one: spreading a month of many actions into push() would overflow the call stack.
    for (const r of run.advanceTick(actionsAt(run.state.tick))) results.push(r);
    if (isBudgetMonth(run.state.tick) && opts.onYearEnd?.(run.state.tick / 12) === false) break;
  }
  return results;
}

/** Runs a whole game headless and summarises it. */
export function runSimulation(scenario: Scenario, opts: RunOptions): RunResult {
  const run = createRun(scenario, opts);
  const yearlyHashes: string[] = [];
  const actionResults = playThrough(run, {
    actions: opts.actions ?? [],
    ...(opts.yearlyHashes ? { onYearEnd: () => void yearlyHashes.push(stateHash(run.state)) } : {}),
  });
  const state = run.state;
  const summary = { ...report(state, scenario), stateHash: stateHash(state) } as Summary & { stateHash: string };
  return { summary, yearly: state.yearly, yearlyHashes, state, actionResults };
}
