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
 * With T = 4,000 rounds the finite horizon moves the split by less than (δ₁δ₂)^(T/2).
 */
import { bestOffer, shouldAccept } from './negotiator';

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

const GRID = Array.from({ length: 101 }, (_, i) => i / 100);

/** Splits a unit surplus by alternating offers between a city and a partner agent. */
export function bargain(input: BargainInput): BargainResult {
  const { deltaCity, deltaPartner, proposer } = input;
  const horizon = input.rounds ?? 4000;
  const deltaOf = (side: 'city' | 'partner') => (side === 'city' ? deltaCity : deltaPartner);
  const other = (side: 'city' | 'partner') => (side === 'city' ? 'partner' : 'city');
  const proposerAt = (t: number) => (t % 2 === 0 ? proposer : other(proposer));

  // share[t]: the proposer's share in round t (0-based), by backward induction.
  const share = new Float64Array(horizon + 1);
  share[horizon] = 0; // no round after the last: the responder's continuation there is nothing
  for (let t = horizon - 1; t >= 0; t--) {
    const responder = other(proposerAt(t));
    const continuation = t === horizon - 1 ? 0 : deltaOf(responder) * share[t + 1]!;
    // Candidate offers: the responder's exact threshold and a coarse grid of proposer shares.
    const candidates = [1 - continuation, ...GRID];
    const best = bestOffer(
      candidates,
      (x) => x,
      (x) => (shouldAccept(1 - x, 0, continuation) ? 1 : 0),
    );
    share[t] = best ? best.offer : 0;
  }

  // Forward play: the first proposer offers; the responder compares with its continuation.
  let t = 0;
  for (; t < horizon; t++) {
    const x = share[t]!;
    const responder = other(proposerAt(t));
    const continuation = t === horizon - 1 ? 0 : deltaOf(responder) * share[t + 1]!;
    if (shouldAccept(1 - x, 0, continuation)) break;
  }
  const x = share[t]!;
  const proposerNow = proposerAt(t);
  const cityShare = proposerNow === 'city' ? x : 1 - x;
  return { cityShare, partnerShare: 1 - cityShare, rounds: t + 1 };
}
