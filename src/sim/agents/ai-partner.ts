/**
 * The negotiating computer partner.
 *
 * On its turn it values the city's offer through its personality's lens (its true costs, its cost
 * of capital, its horizon, its fear of a new majority; valuation.ts), compares it with what
 * countering is worth (its patience δ × its best counter's expected value under its belief about
 * the city's horizon, negotiator.ts), and accepts, counters or walks away to its outside option
 * (other cities, which pay its cost of capital: its reservation is its bid margin). It never opens
 * a negotiation: the city does.
 */
import { termsLawful } from '../rules/terms';
import { dealValues, politicalHazard } from '../rules/valuation';
import type { Scenario } from '../scenario-schema';
import type { Action, ContractTerms, Negotiation, Observation, Policy, SimState } from '../types';
import { at, dealCapex, type Linear, millions, PATIENCE_TYPES, partnerBelief, partnerBestCounter, partnerLinearOf, partnerMargin, partnerReservation, percent, roundDelta, shouldAccept } from './negotiator';
import { competitiveCapsOf } from '../rules/procedure';
import { partnerView, type PartnerPersonality } from './personalities';
import { answerAmendments } from './contract-review';
import { filedCalls } from '../rules/funding';

export function makeAiPartner(p: PartnerPersonality): Policy {
  return (obs: Observation): Action[] => {
    const state = obs.state;
    const n = state.negotiation;
    const view = partnerView(obs.scenario, p);
    const amendments = obs.trigger.mustAnswer ? answerAmendments(state, view) : [];
    if (!n || !obs.trigger.mustAnswer || n.turn !== 'partner' || (n.lastMoveTick >= state.tick && !obs.trigger.answerNow) || n.ratificationMonthsLeft > 0) return amendments;
    return [...amendments, ...answer(state, obs.scenario, view, n, p)];
  };
}

/** The partner's value of terms (payment 0) through its lens, and its reservation on them (its margin, bounded by the bids once in: `partnerReservation`). */
type OwnTerms = (zero: ContractTerms) => { lin: Linear; reservation: number };

/**
 * `OwnTerms` of one answer: its values of the terms (those of their flows, without the rows:
 * valuation.ts) and its reservation, with the bids' bound `capOf`. A module function, not a closure
 * in `answer`: under the TypeScript loader a named closure is named again at each call.
 */
function ownTerms(state: Readonly<SimState>, view: Scenario, p: PartnerPersonality, capOf: (terms: ContractTerms) => number | null, z: ContractTerms): { lin: Linear; reservation: number } {
  const f = dealValues(state, view, z);
  const l = partnerLinearOf(f);
  return { lin: l, reservation: partnerReservation(partnerMargin(view, f, p.marginShare), l, capOf(z)) };
}

/** The partner's floor payment for terms: the payment at which its value of them is its reservation (Infinity when no payment pays it). */
function ownFloor(own: { lin: Linear; reservation: number }): number {
  const { lin: l, reservation: r } = own;
  return l.slope > 0 ? Math.max(0, (r - l.v0) / l.slope) : Infinity;
}

/** The partner's value (its lens, above its reservation) of its own last ask, Infinity if none. */
function lastOwnValue(n: Negotiation, own: OwnTerms): number {
  const mine = [...n.history].reverse().find((m) => m.by === 'partner' && m.kind === 'offer' && m.terms);
  if (!mine?.terms) return Infinity;
  const { lin, reservation } = own({ ...mine.terms, annualPaymentEur: 0 });
  return at(lin, mine.terms.annualPaymentEur) - reservation;
}

function answer(state: Readonly<SimState>, pub: Scenario, view: Scenario, n: Negotiation, p: PartnerPersonality): Action[] {
  const offer = n.offer;
  // With the bids in, it takes what the next bidder's price leaves it, down to a normal return (negotiator.ts).
  const capOf = competitiveCapsOf(state, pub);
  const { lin, reservation } = ownTerms(state, view, p, capOf, { ...offer, annualPaymentEur: 0 });
  const value = at(lin, offer.annualPaymentEur);
  const delta = roundDelta(view.partner.discountRate, p.patience);
  const belief = partnerBelief({ state, publicScenario: pub, negotiation: n, ownFloor: (terms) => ownFloor(ownTerms(state, view, p, capOf, { ...terms, annualPaymentEur: 0 })), ownDelta: delta });
  const roundsLeft = n.maxRounds - n.round;
  const base = { ...offer, grantCalls: filedCalls(state, offer.grantCalls) };
  const counter = roundsLeft <= 0 ? null : partnerBestCounter({
          state,
          publicScenario: pub,
          ownView: view,
          base,
          belief,
          marginShare: p.marginShare,
          ownDelta: delta,
          roundsLeft,
          atLeast: offer.annualPaymentEur,
          fallback: value - reservation,
          ownCap: lastOwnValue(n, (z) => ownTerms(state, view, p, capOf, z)),
        });
  // What rejecting is worth: its best counter a month later (accepted, or bargained on).
  const continuation = counter ? delta * counter.expected : 0;
  const lawful = termsLawful(state, pub, offer, { atAcceptance: true });
  const rate = percent(view.partner.discountRate);
  if (lawful && shouldAccept(value - reservation, 0, continuation)) {
    return [{ type: 'accept', by: 'partner', explanation: { key: 'partner.accepts', params: { valueM: millions(value), ratePct: rate, years: offer.durationYears } } }];
  }
  if (!counter) {
    return [{ type: 'walkAway', by: 'partner', explanation: { key: 'partner.walksAway', params: { valueM: millions(value), ratePct: rate } } }];
  }
  const c = counter.terms;
  const hazard = politicalHazard(pub, offer);
  const key =
    c.durationYears > offer.durationYears
      ? 'partner.needsLonger'
      : c.terminationCompensation > offer.terminationCompensation && hazard.cancel > 0
        ? 'partner.needsCompensation'
        : 'partner.needsMore';
  const believedPatience = PATIENCE_TYPES.reduce<number>((a, x, k) => a + x * belief[k]!, 0);
  return [
    {
      type: 'propose',
      by: 'partner',
      terms: c,
      explanation: {
        key,
        params: {
          offeredYears: offer.durationYears,
          years: c.durationYears,
          capitalM: millions(dealCapex(pub, offer) * (1 - offer.cityCapitalShare)),
          ratePct: rate,
          offeredM: millions(offer.annualPaymentEur),
          paymentM: millions(c.annualPaymentEur),
          compensationPct: percent(c.terminationCompensation),
          cancelRiskPct: percent(hazard.cancel),
          believedPatiencePct: percent(believedPatience),
        },
      },
    },
  ];
}
