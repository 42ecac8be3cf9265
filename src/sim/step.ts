/**
 * One tick (a month) of the model: a fixed, named list of phases, always in this order
 * (`OPEN_PHASES` then `CLOSE_PHASES`, the lists `openTick` and `closeTick` run):
 *
 *   events → decisions → construction → operation → finance → citizens → politics → coordination → metrics
 *
 * `decisions` lets an offer unanswered through its validity lapse, opens the grant calls due,
 * applies the actions given from outside for this tick (a person's, or a save's), then asks the
 * computer policies: the city at the start of each year and when a grant call opens, and whichever
 * side must answer in an open negotiation (one round a month); in the month after the playable
 * years, the city's standing choices (governance measures, concertation) stop being counted
 * (actions.ts `standingChoicesLeave`). `operation` includes the execution of contracts (payments,
 * guarantees, ends). `metrics` records the month and, at the end of a year, the year.
 * `stepInPlace` mutates the state it is given (the runner owns its state); `step` copies first.
 */
import { applyAction, governanceUpkeep, inPlayableYears, standingChoicesLeave } from './actions';
import { newScratch, type TickScratch } from './money';
import { report } from './metrics';
import { servicesDelivered } from './rules/services';
import { scoreMonth } from './scores';
import { financePhase } from './rules/budget';
import { citizensPhase } from './rules/citizens';
import { contractsPhase } from './rules/contracts';
import { coordinationPhase } from './rules/coordination';
import { eventsPhase } from './rules/events';
import { updateGrantCalls } from './rules/funding';
import { lapseUnansweredOffer, negotiationTick, walkAway } from './rules/negotiation';
import { updatePartnerNpv } from './rules/partner';
import { politicsPhase } from './rules/politics';
import { constructionPhase, operationPhase, type OperationResult } from './rules/projects';
import { answerDue, mustAnswerNow } from './queries';
import type { Scenario } from './scenario-schema';
import { cloneState } from './serialize';
import type { Action, ActionResult, Actor, Policy, SimState } from './types';
import { isBudgetMonth, monthOfYear } from './calendar';

/** Computer policies per side; null where a person plays that side. */
export type Policies = Record<Actor, Policy | null>;

/** A month that has begun: its events have happened and its grant calls are open; outside
 *  actions may now be applied, then `closeTick` runs the rest of the month. */
export interface OpenTick {
  scratch: TickScratch;
  /** Calls opened this month, by the calendar or by an event (they ask the city for a decision). */
  newGrantCalls: string[];
}

/** What the phases of one month share: the scratch, the calls opened, and what operation measured. */
interface Month {
  state: SimState;
  scenario: Scenario;
  scratch: TickScratch;
  newGrantCalls: string[];
  policies: Policies;
  /** Set by the operation phase; finance and metrics read it. */
  op: OperationResult | null;
}

/** A named phase of the month. */
interface Phase {
  name: PhaseName;
  run(month: Month): void;
}

export type PhaseName = 'events' | 'decisions' | 'construction' | 'operation' | 'finance' | 'citizens' | 'politics' | 'coordination' | 'metrics';

/** What the operation phase measured, for the phases after it (an error if it has not run). */
function operated(m: Month): OperationResult {
  if (!m.op) throw new Error('step: a phase read the operation results before the operation phase ran');
  return m.op;
}

/** The phases that open a month, in order: the events, then the first part of decisions (an offer unanswered through its validity lapses; the grant calls due). */
export const OPEN_PHASES: readonly Phase[] = [
  { name: 'events', run: (m) => eventsPhase(m.state, m.scenario) },
  {
    name: 'decisions',
    run: (m) => {
      lapseUnansweredOffer(m.state);
      updateGrantCalls(m.state, m.scenario);
      m.newGrantCalls = m.state.grantCalls.filter((c) => c.openTick === m.state.tick).map((c) => c.id);
    },
  },
];

/** The computer policies decide (once the outside actions are in), and the open negotiation moves a round. */
function computerDecisions({ state, scenario, scratch, newGrantCalls, policies }: Month): void {
  if (inPlayableYears(state, scenario)) {
    // A person's offer of this month (an outside action, made before the computers decide) is
    // answered this month: one offer and its answer a month. Asked once, before any computer moves,
    // so that a computer's own offer still waits a month for the other computer.
    const personAnswered = { city: answerDue(state, 'city') && !mustAnswerNow(state, 'city'), partner: answerDue(state, 'partner') && !mustAnswerNow(state, 'partner') };
    for (const actor of ['city', 'partner'] as const) {
      const policy = policies[actor];
      if (!policy) continue;
      const yearStart = actor === 'city' && isBudgetMonth(state.tick);
      const calls = actor === 'city' ? newGrantCalls : [];
      // The partner also answers the amendments (avenants) the city proposed (rules/contracts.ts).
      const amendment = actor === 'partner' && state.contracts.some((c) => c.amendment !== null);
      const answerNow = mustAnswerNow(state, actor) || personAnswered[actor];
      const mustAnswer = answerNow || amendment;
      if (!yearStart && calls.length === 0 && !mustAnswer) continue;
      for (const action of policy({ state, scenario, actor, trigger: { yearStart, newGrantCalls: calls, mustAnswer, answerNow } })) {
        const r = applyAction(state, scenario, scratch, action);
        if (!r.ok) state.log.push({ tick: state.tick, kind: 'refused', data: { actor, action: (action as Action).type, reason: r.reason } });
      }
    }
    negotiationTick(state, scenario);
  } else {
    if (state.negotiation) walkAway(state, state.negotiation.turn, 'the playable years are over');
    // The governance measures and the concertation effort are no longer counted after the playable years.
    if (state.tick === scenario.playableYears * 12) standingChoicesLeave(state, scenario);
  }
}

/** The month's record, the partner's value, the scores' sums, the tick; at the end of a year, the year's report. */
function metricsPhase(m: Month): void {
  const { state, scenario, scratch } = m;
  const op = operated(m);
  state.counters.energySavedMWh += op.energySavedMWh;
  state.counters.co2AvoidedT += op.co2AvoidedT;
  state.lightingMWhMonths[monthOfYear(state.tick)] = op.lightingMWh;
  updatePartnerNpv(state, scenario, scratch.partnerBalanceStart);
  scoreMonth(state, scenario, scratch, op, servicesDelivered(state));
  state.monthly.push({
    tick: state.tick,
    citizenSatisfaction: state.satisfactionMean,
    alignment: state.alignment,
    debtCapacityYears: state.city.debtCapacityYears,
    energySavedMWh: op.energySavedMWh,
    energyPriceFactor: state.energyPriceFactor,
  });
  state.tick += 1;
  if (isBudgetMonth(state.tick)) {
    const yearIndex = state.tick / 12;
    // A simulated year is named after the calendar year it starts in (April 2026–March 2027: 2026).
    state.yearly.push({ year: scenario.start.year + yearIndex - 1, yearIndex, ...report(state, scenario) });
    state.monthly = [];
  }
}

/** The phases that close a month, in order, after the outside actions: what `closeTick` runs. */
export const CLOSE_PHASES: readonly Phase[] = [
  { name: 'decisions', run: computerDecisions },
  { name: 'construction', run: (m) => constructionPhase(m.state, m.scenario, m.scratch) },
  {
    // Operation, with the execution of contracts (payments, guarantees, ends) and the governance upkeep.
    name: 'operation',
    run: (m) => {
      m.op = operationPhase(m.state, m.scenario, m.scratch);
      contractsPhase(m.state, m.scenario, m.scratch, m.op.savingsByContract);
      governanceUpkeep(m.state, m.scenario, m.scratch);
    },
  },
  { name: 'finance', run: (m) => financePhase(m.state, m.scenario, m.scratch, operated(m)) },
  { name: 'citizens', run: (m) => citizensPhase(m.state, m.scenario) },
  { name: 'politics', run: (m) => politicsPhase(m.state, m.scenario, m.scratch) },
  { name: 'coordination', run: (m) => coordinationPhase(m.state, m.scenario) },
  { name: 'metrics', run: metricsPhase },
];

/** Begins a month: runs `OPEN_PHASES` (the events phase and the opening of the grant calls due). */
export function openTick(state: SimState, scenario: Scenario): OpenTick {
  const month: Month = { state, scenario, scratch: newScratch(state), newGrantCalls: [], policies: { city: null, partner: null }, op: null };
  for (const phase of OPEN_PHASES) phase.run(month);
  return { scratch: month.scratch, newGrantCalls: month.newGrantCalls };
}

/** Applies one outside action in the open month (a person's, a save's), in the order taken. */
export function actInTick(state: SimState, scenario: Scenario, open: OpenTick, action: unknown): ActionResult {
  return applyAction(state, scenario, open.scratch, action);
}

/**
 * Ends a month begun by `openTick`: runs `CLOSE_PHASES` — the computer policies decide, then
 * construction, operation, finance, citizens, politics, coordination and metrics. Splitting the
 * month this way lets the game apply a person's actions one by one, with an immediate answer,
 * exactly where a replay applies them.
 */
export function closeTick(state: SimState, scenario: Scenario, open: OpenTick, policies: Policies): void {
  const month: Month = { state, scenario, scratch: open.scratch, newGrantCalls: open.newGrantCalls, policies, op: null };
  for (const phase of CLOSE_PHASES) phase.run(month);
}

/** Runs one month in place; returns the results of the outside actions, in order. */
export function stepInPlace(state: SimState, scenario: Scenario, external: readonly unknown[], policies: Policies): ActionResult[] {
  const open = openTick(state, scenario);
  const results = external.map((a) => actInTick(state, scenario, open, a));
  closeTick(state, scenario, open, policies);
  return results;
}

/** One month on a copy of the state (the form the store and the tests use). */
export function step(state: SimState, scenario: Scenario, external: readonly unknown[], policies: Policies): { state: SimState; results: ActionResult[] } {
  const next = cloneState(state);
  const results = stepInPlace(next, scenario, external, policies);
  return { state: next, results };
}
