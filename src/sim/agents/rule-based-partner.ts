/**
 * The rule-based partner: a baseline policy for the industrial partner.
 *
 * On its turn in a negotiation it values the city's offer through its own lens (true costs, cost
 * of capital, political-risk premium; valuation.ts). It accepts when the value covers its
 * reservation — a bid margin of `marginRate × 30 %` of the capital it puts in, since its outside
 * option (other cities) earns its cost of capital. Otherwise it counters: it asks for the duration
 * it needs (at least the offered one, lengthened by 3 years while the payment it would need stays
 * unlawful), termination compensation of at least 0.8 when political risk is material, and the
 * annual payment that brings its value to the reservation. When no lawful terms exist it walks
 * away. It never opens a negotiation (the city does).
 */
import { dealFlows, partnerPaymentAnnuity, politicalHazard, valueForPartner } from '../rules/valuation';
import { MAX_CONTRACT_YEARS, termsLawful, termsProblem } from '../rules/terms';
import type { Action, ContractTerms, Observation, Policy } from '../types';
import { answerAmendments } from './contract-review';
import { filedCalls } from '../rules/funding';

/** The value the partner needs from a deal before it signs (its bid margin), euros. */
function partnerReservation(obs: Observation, terms: ContractTerms): number {
  const flows = dealFlows(obs.state, obs.scenario, terms);
  return obs.scenario.partner.marginRate * 0.3 * Math.max(0, flows.partnerCapitalEur) + 1;
}

/** The value a partner needs from a deal before it signs, for given terms (euros). */
type Reservation = (obs: Observation, terms: ContractTerms) => number;

/** The payment that brings the partner's value to its reservation, for given terms. */
function partnerAsk(obs: Observation, terms: ContractTerms, reservation: Reservation): number {
  const state = obs.state;
  const zero = { ...terms, annualPaymentEur: 0 };
  const flows = dealFlows(state, obs.scenario, zero);
  const v0 = valueForPartner(obs.scenario, zero, flows);
  const a = partnerPaymentAnnuity(obs.scenario, zero, flows);
  if (a <= 0) return Infinity;
  return Math.max(0, (reservation(obs, terms) - v0) / a);
}

/**
 * The rule-based partner with a given reservation: the baseline's bid margin, or nothing (the
 * scripted `cheap-partner`, which offers at cost: scripted.ts).
 */
export function ruleBasedPartnerWith(reservation: Reservation): Policy {
  return (obs) => {
    const { state, scenario } = obs;
    const n = state.negotiation;
    const amendments = answerAmendments(state, scenario);
    if (!n || n.turn !== 'partner' || n.ratificationMonthsLeft > 0 || (n.lastMoveTick >= state.tick && !obs.trigger.answerNow)) return amendments;
    return [...amendments, ...negotiate(obs, reservation)];
  };
}

/** The rule-based partner baseline: its reservation is its bid margin. */
export const ruleBasedPartner: Policy = ruleBasedPartnerWith(partnerReservation);

function negotiate(obs: Observation, reservationOf: Reservation): Action[] {
  const { state, scenario } = obs;
  const n = state.negotiation!;
  const offer = n.offer;
  const flows = dealFlows(state, scenario, offer);
  const value = valueForPartner(scenario, offer, flows);
  const reservation = reservationOf(obs, offer);
  const unlawful = termsProblem(state, scenario, offer, { atAcceptance: true });
  if (value >= reservation && unlawful === null) {
    return [{ type: 'accept', by: 'partner', reason: `worth €${(value / 1e6).toFixed(1)} M to us at ${(scenario.partner.discountRate * 100).toFixed(1)} %: we sign` }];
  }
  const hazard = politicalHazard(scenario, offer);
  const base: ContractTerms = {
    ...structuredClone(offer),
    grantCalls: filedCalls(state, offer.grantCalls),
    terminationCompensation: hazard.cancel > 0.005 ? Math.max(offer.terminationCompensation, Math.min(0.8, scenario.negotiation.maxTerminationCompensation)) : offer.terminationCompensation,
  };
  for (let d = offer.durationYears; d <= Math.min(MAX_CONTRACT_YEARS, scenario.partner.horizonYears); d += 3) {
    const terms = { ...base, durationYears: offer.pilot ? offer.durationYears : d };
    const ask = partnerAsk(obs, terms, reservationOf);
    if (!Number.isFinite(ask)) continue;
    const counter = { ...terms, annualPaymentEur: Math.round(ask / 1000) * 1000 + 1000 };
    if (termsLawful(state, scenario, counter)) {
      const why =
        d > offer.durationYears
          ? `${offer.durationYears} years is too short to recover €${(flows.partnerCapitalEur / 1e6).toFixed(1)} M at ${(scenario.partner.discountRate * 100).toFixed(1)} %: we need ${d} years at €${(counter.annualPaymentEur / 1e6).toFixed(2)} M a year`
          : `at €${(offer.annualPaymentEur / 1e6).toFixed(2)} M a year we lose money: we need €${(counter.annualPaymentEur / 1e6).toFixed(2)} M`;
      return [{ type: 'propose', by: 'partner', terms: counter, reason: why }];
    }
    if (offer.pilot) break;
  }
  return [{ type: 'walkAway', by: 'partner', reason: 'no lawful terms cover our costs: we take our capital to other cities' }];
}
