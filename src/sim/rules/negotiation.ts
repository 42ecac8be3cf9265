/**
 * Negotiation: alternating offers over the contract terms, one round a month.
 *
 * The city opens with an offer; the side whose turn it is may accept the other's last offer,
 * counter with its own, or walk away to its outside option. A negotiation lasts at most
 * `maxRoundsPerYear` rounds (one a month, so about a year at most), then fails. Veto players (DESIGN C4): with alignment a, the city side needs
 * R = 1 + round(vetoPlayers × (1 − a)) rounds of internal agreement; an acceptance before round R
 * goes through R − round months of ratification, each of which may break the deal with
 * probability 0.1 × (1 − a). Low alignment means longer negotiations and more breakdowns.
 */
import { withStream } from '../rng';
import type { Scenario } from '../scenario-schema';
import type { Actor, ContractTerms, Explanation, SimState } from '../types';
import { signContract } from './contracts';
import { termsProblem } from './terms';

/** What a side says with its move. */
export interface MoveNote {
  reason: string;
  explanation?: Explanation;
}

function note(n: MoveNote | string): MoveNote {
  return typeof n === 'string' ? { reason: n } : n;
}

export function roundsNeeded(state: SimState, scenario: Scenario): number {
  return 1 + Math.round(scenario.coordination.vetoPlayers * (1 - state.alignment));
}

export function openNegotiation(state: SimState, scenario: Scenario, terms: ContractTerms, why: MoveNote | string, by: Actor = 'city'): void {
  state.counters.negotiationsOpened += 1;
  state.negotiation = {
    id: state.counters.negotiationsOpened,
    openedTick: state.tick,
    turn: by === 'city' ? 'partner' : 'city',
    offer: structuredClone(terms),
    offeredBy: by,
    round: 1,
    roundsNeeded: roundsNeeded(state, scenario),
    maxRounds: scenario.negotiation.maxRoundsPerYear,
    lastMoveTick: state.tick,
    ratificationMonthsLeft: 0,
    history: [{ tick: state.tick, by, kind: 'offer', terms: structuredClone(terms), ...note(why) }],
  };
  state.log.push({ tick: state.tick, kind: 'negotiationOpened', data: { projects: terms.projects.join('+'), form: terms.form, years: terms.durationYears } });
}

export function counterOffer(state: SimState, by: Actor, terms: ContractTerms, why: MoveNote | string): void {
  const n = state.negotiation!;
  n.offer = structuredClone(terms);
  n.offeredBy = by;
  n.turn = by === 'city' ? 'partner' : 'city';
  n.round += 1;
  n.lastMoveTick = state.tick;
  n.history.push({ tick: state.tick, by, kind: 'offer', terms: structuredClone(terms), ...note(why) });
}

export function acceptOffer(state: SimState, scenario: Scenario, by: Actor, why: MoveNote | string): void {
  const n = state.negotiation!;
  n.history.push({ tick: state.tick, by, kind: 'accept', ...note(why) });
  n.lastMoveTick = state.tick;
  n.ratificationMonthsLeft = Math.max(0, n.roundsNeeded - n.round);
  if (n.ratificationMonthsLeft === 0) concludeDeal(state, scenario);
}

export function walkAway(state: SimState, by: Actor, why: MoveNote | string): void {
  const n = state.negotiation!;
  n.history.push({ tick: state.tick, by, kind: 'walkAway', ...note(why) });
  state.log.push({ tick: state.tick, kind: 'negotiationFailed', data: { by, rounds: n.round } });
  state.counters.negotiationsFailed += 1;
  state.negotiation = null;
}

function concludeDeal(state: SimState, scenario: Scenario): void {
  const n = state.negotiation!;
  // The terms are checked once more at signature: months of ratification may have moved the
  // budget past the golden rule or the debt ceiling.
  const problem = termsProblem(state, scenario, n.offer, { atAcceptance: true });
  if (problem) {
    walkAway(state, 'city', `the deal can no longer be signed: ${problem}`);
    return;
  }
  state.negotiation = null;
  signContract(state, scenario, n.offer, 'partner');
}

/** Each month: ratification by the veto players, and the round limit. */
export function negotiationTick(state: SimState, scenario: Scenario): void {
  const n = state.negotiation;
  if (!n) return;
  if (n.ratificationMonthsLeft > 0 && n.lastMoveTick < state.tick) {
    const breaks = withStream(state, 'city', (rng) => rng.chance(0.1 * (1 - state.alignment)));
    if (breaks) {
      walkAway(state, 'city', 'a commune or department vetoed the deal during ratification');
      return;
    }
    n.ratificationMonthsLeft -= 1;
    if (n.ratificationMonthsLeft === 0) concludeDeal(state, scenario);
    return;
  }
  // After the last round the side to answer has one month to accept or walk away.
  if (n.round >= n.maxRounds && n.ratificationMonthsLeft === 0 && state.tick - n.lastMoveTick >= 2) {
    walkAway(state, n.turn, 'no answer to the last offer: the negotiation ends');
  }
}
