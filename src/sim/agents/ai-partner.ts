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
import { termsProblem } from '../rules/terms';
import { dealFlows, politicalHazard } from '../rules/valuation';
import type { Scenario } from '../scenario-schema';
import type { Action, Negotiation, Observation, Policy, SimState } from '../types';
import { at, CITY_TYPES, dealCapex, millions, partnerBelief, partnerBestCounter, partnerLinear, partnerMargin, percent, shouldAccept } from './negotiator';
import { partnerView, type PartnerPersonality } from './personalities';

export function makeAiPartner(p: PartnerPersonality): Policy {
  return (obs: Observation): Action[] => {
    const state = obs.state as SimState;
    const n = state.negotiation;
    if (!n || !obs.trigger.mustAnswer || n.turn !== 'partner') return [];
    return answer(state, obs.scenario, partnerView(obs.scenario, p), n, p);
  };
}

function answer(state: SimState, pub: Scenario, view: Scenario, n: Negotiation, p: PartnerPersonality): Action[] {
  const offer = n.offer;
  const zero = { ...offer, annualPaymentEur: 0 };
  const flows = dealFlows(state, view, zero);
  const lin = partnerLinear(view, flows, zero);
  const reservation = partnerMargin(view, flows, p.marginShare);
  const value = at(lin, offer.annualPaymentEur);
  const belief = partnerBelief(state, pub, n);
  const lastRound = n.round >= n.maxRounds;
  const base = { ...offer, grantCalls: offer.grantCalls.filter((id) => state.grantCalls.some((c) => c.id === id && c.deadlineTick >= state.tick)) };
  const counter = lastRound ? null : partnerBestCounter(state, pub, view, base, belief, p.marginShare);
  const continuation = counter ? p.patience * counter.expected : 0;
  const lawful = termsProblem(state, pub, offer, { atAcceptance: true }) === null;
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
  const expectedHazard = CITY_TYPES.reduce<number>((a, h, k) => a + h * belief[k]!, 0);
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
          believedHazardPct: percent(expectedHazard),
        },
      },
    },
  ];
}
