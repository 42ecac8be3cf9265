/**
 * The two lenses as data, for the game's chart (DESIGN §4): the same deal's flows, year by year,
 * as the city counts them and as the partner counts them, each with its discounted value.
 * The partner's side comes in two views: 'private', with its true costs and experience (for the
 * partner's eyes and a facilitator's), and 'public', the city's estimate from catalogue prices, so
 * that the partner's private figures never reach the city's screens.
 */
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, SimState } from '../types';
import { cityCostWeights, cityWeights, partnerWeights } from './discount';
import { buildYearsOf, cityLens, dealFlows, partnerLens, valueForCity, valueForPartner } from './valuation';

export interface LensYear {
  /** Calendar year the simulated year starts in. */
  year: number;
  /** The city's flows that year (capital, grants, payments, running costs; the compensation series is 0: ending a contract is priced when the city decides it, contracts.ts), euros. */
  cityCosts: number;
  /** The city's benefits that year (savings, services, carbon), euros. */
  cityBenefits: number;
  /** Their values today through the city's lens (its commitments at the public rate, its own running costs and benefits with present bias and hazard). */
  cityCostsDiscounted: number;
  cityBenefitsDiscounted: number;
  /** The partner's net flow that year and its value today through the partner's lens. */
  partnerNet: number;
  partnerNetDiscounted: number;
}

export interface TwoLenses {
  years: LensYear[];
  /** Years from now until the works end, and until the contract ends (the works' end for a procurement). */
  worksEndYears: number;
  contractEndYears: number;
  cityValueEur: number;
  partnerValueEur: number;
}

/** The deal seen through both lenses now; `view` says whose knowledge of the partner's costs draws its side. */
export function twoLenses(state: SimState, scenario: Scenario, terms: ContractTerms, view: 'private' | 'public' = 'private'): TwoLenses {
  const flows = dealFlows(state, scenario, terms, 'partner', view);
  const cl = cityLens(state, scenario);
  const wc = cityCostWeights(cl, flows.years);
  const wb = cityWeights(cl, flows.years);
  const wp = partnerWeights(partnerLens(scenario, terms), flows.years);
  const fiscal = 0.8 + 0.4 * state.city.mayor.profile.fiscal;
  const startYear = scenario.start.year + Math.floor((scenario.start.month - 1 + state.tick) / 12);
  const years: LensYear[] = [];
  for (let k = 0; k < flows.years; k++) {
    const c = flows.city;
    const committed = c.capital[k]! + c.grants[k]! + c.payments[k]! + c.compensation[k]!;
    const cityCosts = committed + c.operation[k]!;
    const cityBenefits = c.savings[k]! + c.services[k]!;
    years.push({
      year: startYear + k,
      cityCosts,
      cityBenefits,
      // Commitments at the public rate; the city's own running costs, no commitment, like the benefits (discount.ts).
      cityCostsDiscounted: (committed * wc[k]! + c.operation[k]! * wb[k]!) * fiscal,
      cityBenefitsDiscounted: cityBenefits * wb[k]!,
      partnerNet: flows.partner.net[k]!,
      partnerNetDiscounted: flows.partner.net[k]! * wp[k]!,
    });
  }
  const worksEndYears = buildYearsOf(scenario, terms);
  const contractEndYears = worksEndYears + (terms.form === 'procurement' ? 0 : terms.durationYears);
  return { years, worksEndYears, contractEndYears, cityValueEur: valueForCity(state, scenario, flows), partnerValueEur: valueForPartner(scenario, terms, flows) };
}
