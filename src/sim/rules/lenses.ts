/**
 * The two lenses as data, for the game's chart (DESIGN §4): the same deal's flows, year by year,
 * as the city counts them and as the partner counts them, each with its discounted value.
 * The partner's side comes in two views: 'private', with its true costs and experience (for the
 * partner's eyes and a facilitator's), and 'public', the city's estimate from catalogue prices, so
 * that the partner's private figures never reach the city's screens. Both ways (issue 11): the
 * 'partner' view is the partner's screen, its own true costs beside its estimate of the city's
 * side — the city as a typical mayor of the scenario would count it (the mean of the scenario's
 * mayor profiles: present bias, electoral hazard, weight on spending), since the sitting mayor's
 * own lens is the city's private knowledge.
 */
import type { MayorProfile, Scenario } from '../scenario-schema';
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

/**
 * Whose knowledge draws the chart: 'private', everything true (a facilitator's); 'public', the
 * city's screen (the partner's side from catalogue prices); 'partner', the partner's screen (its
 * true costs, the city's side as a typical mayor of the scenario would count it).
 */
export type LensView = 'private' | 'public' | 'partner';

/**
 * The mayor the partner assumes it faces: the mean of the scenario's mayor profiles, every
 * priority of them (digital, sober, fiscal) and its horizon (present bias, electoral hazard): the
 * sitting mayor's own weights are the city's private knowledge.
 */
function typicalMayor(scenario: Scenario, profile: MayorProfile): MayorProfile {
  const ms = scenario.politics.mayors;
  const mean = (f: (m: MayorProfile) => number) => ms.reduce((a, m) => a + f(m), 0) / Math.max(1, ms.length);
  return { ...profile, digital: mean((m) => m.digital), sober: mean((m) => m.sober), fiscal: mean((m) => m.fiscal), presentBias: mean((m) => m.presentBias), electoralHazard: mean((m) => m.electoralHazard) };
}

/** The deal seen through both lenses now; `view` says whose knowledge draws each side. */
export function twoLenses(state: SimState, scenario: Scenario, terms: ContractTerms, view: LensView = 'private'): TwoLenses {
  // The city's side through the sitting mayor's lens, or, on the partner's screen, a typical
  // mayor's: the flows too (the project's priority weight reads the mayor's priorities).
  const mayor = view === 'partner' ? typicalMayor(scenario, state.city.mayor.profile) : state.city.mayor.profile;
  const seen = view === 'partner' ? { ...state, city: { ...state.city, mayor: { ...state.city.mayor, profile: mayor } } } : state;
  const flows = dealFlows(seen, scenario, terms, 'partner', view === 'public' ? 'public' : 'private');
  const cl = cityLens(seen, scenario);
  const wc = cityCostWeights(cl, flows.years);
  const wb = cityWeights(cl, flows.years);
  const wp = partnerWeights(partnerLens(scenario, terms), flows.years);
  const fiscal = 0.8 + 0.4 * mayor.fiscal;
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
  // The partner's estimate of the city's value adds up its own discounted years (valueForCity is the sitting mayor's).
  const cityValueEur = view === 'partner' ? years.reduce((a, y) => a + y.cityCostsDiscounted + y.cityBenefitsDiscounted, 0) : valueForCity(state, scenario, flows);
  return { years, worksEndYears, contractEndYears, cityValueEur, partnerValueEur: valueForPartner(scenario, terms, flows) };
}
