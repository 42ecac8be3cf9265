/**
 * Questions the screens ask the model, answered once, here, by the rules themselves.
 *
 * Whether a side must answer an offer this month (an offer stands, it is that side's turn, the
 * other side moved in an earlier month — one round a month — and no accepted deal awaits
 * ratification); which grant calls are open (before their deadline, as rules/funding.ts says);
 * which contracts the city can still cancel or renegotiate (the partner's, running or under works);
 * the governance measures a city can take; whether decisions are still allowed (the playable
 * years). The simulation uses these same functions, so a screen never shows a button the model
 * would refuse for a reason the screen computed differently.
 */
import { abandonableDeployments, grantRepaymentIfAbandoned } from './rules/contracts';
import { callOpen } from './rules/funding';
import { lendersRatioYears } from './rules/legality';
import type { Scenario } from './scenario-schema';
import type { Actor, Contract, GrantCallState, Negotiation, NegotiationMove, SimState } from './types';

/** The governance measures a city can keep (scenario `coordination.measures`, action `governance`). */
export const GOVERNANCE_MEASURES = ['smartCityOffice', 'interCommunalAgreement', 'sharedDataPlatform'] as const;

/** The side whose answer the negotiation waits for this month, or null (none open, ratifying, or it moved this month). */
export function sideToAnswer(state: SimState): Actor | null {
  const n = state.negotiation;
  if (!n || n.ratificationMonthsLeft > 0 || n.lastMoveTick >= state.tick) return null;
  return n.turn;
}

/** The negotiation's moves made this month, in order. */
function movesThisMonth(n: Negotiation, tick: number): NegotiationMove[] {
  const out: NegotiationMove[] = [];
  for (let i = n.history.length - 1; i >= 0 && n.history[i]!.tick === tick; i--) out.unshift(n.history[i]!);
  return out;
}

/**
 * May `side` move in the negotiation this month? One offer and its answer a month (issue 11): a
 * side may move when no one has moved this month, or to answer the one move the other side made
 * this month; never while the bids are prepared (`lastMoveTick` ahead).
 */
export function mayMoveThisMonth(state: Readonly<SimState>, side: Actor): boolean {
  const n = state.negotiation;
  if (!n || n.lastMoveTick < state.tick) return true;
  if (n.lastMoveTick > state.tick) return false;
  const moves = movesThisMonth(n, state.tick);
  return moves.length === 1 && moves[0]!.by !== side;
}

/**
 * Does the negotiation wait for `side`'s answer now, in the month the other side moved? Asked by
 * the computer players before they decide: the only move of the month so far is then a person's
 * (an outside action), which a computer answers the same month. Computers' own moves are answered
 * the month after (`sideToAnswer`), so computer-against-computer runs are as they were.
 */
export function answerDue(state: Readonly<SimState>, side: Actor): boolean {
  const n = state.negotiation;
  return !!n && n.turn === side && n.ratificationMonthsLeft === 0 && (n.lastMoveTick < state.tick || mayMoveThisMonth(state, side));
}

/** Must `side` answer an offer now (the trigger of the computer players, the table's buttons)? */
export function mustAnswerNow(state: SimState, side: Actor): boolean {
  return sideToAnswer(state) === side;
}

/** The grant calls taking applications now (an offer may name only these). */
export function openGrantCalls(state: SimState): GrantCallState[] {
  return state.grantCalls.filter((c) => callOpen(state, c));
}

/** Can the city still cancel or renegotiate this contract (the partner's, running or under works)? */
function contractAmendable(c: Contract): boolean {
  return c.builder === 'partner' && (c.status === 'running' || c.status === 'building');
}

/** The contracts the city can still cancel or renegotiate. */
export function amendableContracts(state: SimState): Contract[] {
  return state.contracts.filter(contractAmendable);
}

/**
 * How many of a contract's running deployments the city could give up by ending it (the services
 * that stop when no one runs them: rules/contracts.ts `canBeSwitchedOff`); the decisions screen
 * offers `cancelContract { abandon: true }` where there is one.
 */
export function servicesToGiveUp(state: Readonly<SimState>, c: Contract): number {
  return abandonableDeployments(state, c).length;
}

/**
 * The grants' part the city would repay if it gave up a contract's services now (rules/contracts.ts
 * `grantRepaymentIfAbandoned`: within five years of the works), euros; the decisions screen shows it
 * beside the button.
 */
export function grantRepaymentNowEur(state: Readonly<SimState>, c: Contract): number {
  return grantRepaymentIfAbandoned(state, c).totalEur;
}

/** The contracts whose amendment (avenant) awaits the partner's answer: the partner's screens list them. */
export function pendingAmendments(state: SimState): Contract[] {
  return state.contracts.filter((c) => c.amendment !== null);
}

/** The last month the partner may answer an amendment proposed at `proposedTick` (it lapses after). */
export function amendmentAnswerDeadline(scenario: Scenario, proposedTick: number): number {
  return proposedTick + scenario.negotiation.amendmentAnswerMonths - 1;
}

/** The prior evaluations of partnerships the city commissioned, with whether each is ready now. */
export function partnershipStudies(state: SimState): { projects: string[]; districts: number[]; readyTick: number; ready: boolean }[] {
  return state.partnershipStudies.map((s) => ({ projects: s.projects, districts: s.districts, readyTick: s.readyTick, ready: s.readyTick <= state.tick }));
}

export { competitiveCapEur,  } from './rules/procedure';
export { PROCEDURE_PHASES } from './types';

/**
 * The debt-capacity ratio lenders would count now, with what is signed (years): debt with the
 * capital still to pay on works signed (this month's included) over gross savings less the annual
 * payments signed but not yet running (rules/legality.ts `lendersRatioYears`, the lenders' check
 * itself, with nothing new). The HUD shows it beside today's ratio, and a `lendersRefuse` refusal
 * cites it as `signedYears`, so a refusal never quotes a figure the screen does not show.
 */
export function projectedDebtYears(state: SimState, scenario: Scenario): number {
  return lendersRatioYears(state, scenario, 0);
}
