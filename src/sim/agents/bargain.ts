/**
 * The stylised bargaining mode: two agents split a unit surplus by alternating offers, with
 * per-round discount factors δ_city and δ_partner and complete information (DESIGN C2).
 *
 * The split is not written in: it comes from the players' own decision rules (negotiator.ts),
 * applied by backward induction over a long finite horizon of T rounds. In the last round the
 * responder's continuation is nothing. In each earlier round the responder's continuation is the
 * share it would get as next round's proposer, discounted by its δ; the proposer picks, with
 * `bestOffer`, the split that maximises its own share among those the responder accepts (under
 * complete information, the belief puts all its weight on the responder's true continuation); the
 * responder accepts with `shouldAccept`. Played forward from round 1, the first offer is accepted.
 * The finite horizon moves the split by less than (δ₁δ₂)^(T/2), so T is at least 4,000 rounds and
 * long enough for that to fall below 10⁻⁹ (`horizonFor`: 207,000 rounds at δ = 0.9999 on both
 * sides; with a fixed 4,000, δ = 0.999 gave 0.491 instead of 1/(1 + δ) = 0.5003).
 */
import { detLog } from '../det-math';
import { proposerShare, shouldAccept } from './negotiator';

export interface BargainInput {
  deltaCity: number;
  deltaPartner: number;
  proposer: 'city' | 'partner';
  rounds?: number;
}

export interface BargainResult {
  cityShare: number;
  partnerShare: number;
  /** Rounds played until agreement (1: the first offer is accepted). */
  rounds: number;
}

/** Most rounds the backward induction walks (δ = 0.9999 on both sides needs 207,000). */
const MAX_HORIZON = 2_000_000;

/** Rounds enough for the horizon to move the split by less than 10⁻⁹: (δ₁δ₂)^(T/2) < 10⁻⁹. */
function horizonFor(deltaCity: number, deltaPartner: number): number {
  const both = deltaCity * deltaPartner;
  if (!(both > 0)) return 4000;
  const needed = Math.ceil((2 * detLog(1e-9)) / detLog(both));
  return Math.min(MAX_HORIZON, Math.max(4000, needed));
}

/** Splits a unit surplus by alternating offers between a city and a partner agent. */
export function bargain(input: BargainInput): BargainResult {
  const { deltaCity, deltaPartner, proposer } = input;
  const horizon = input.rounds ?? horizonFor(deltaCity, deltaPartner);
  const deltaOf = (side: 'city' | 'partner') => (side === 'city' ? deltaCity : deltaPartner);
  const responder = proposer === 'city' ? 'partner' : 'city';
  // The first proposer claims what the players' own backward induction gives it (negotiator.ts).
  const x = proposerShare(deltaOf(proposer), deltaOf(responder), horizon - 1);
  // The responder compares what it is offered with its own claim as next round's proposer.
  const continuation = horizon > 1 ? deltaOf(responder) * proposerShare(deltaOf(responder), deltaOf(proposer), horizon - 2) : 0;
  // The first offer leaves the responder exactly its continuation, so it is accepted at once.
  const accepted = shouldAccept(1 - x, 0, continuation);
  const cityShare = proposer === 'city' ? x : 1 - x;
  return { cityShare, partnerShare: 1 - cityShare, rounds: accepted ? 1 : 2 };
}
