/**
 * A purchase by the city alone (`launchAlone`, from its own suppliers): its terms, and its price
 * before it is launched. The city pays all the works at the catalogue price for the districts
 * chosen (a pilot at its pilot scale); from the grant calls it names it may expect each call's
 * rate of the works, within the call's budget left, its conditions and the cap on grants, times
 * the chance that a file succeeds (rules/funding.ts); the rest is the city's. These are the
 * numbers the action takes out of the envelope (rules/contracts.ts `signContract`) and the
 * computer city weighs (agents/rule-based-city.ts), shown to the player before the click.
 */
import type { Scenario } from '../scenario-schema';
import type { Action, ContractTerms, SimState } from '../types';
import { cityPaidTerms } from './terms';
import { dealCapital } from './valuation';
import { projectType } from './catalogue';
import { worksCapitalEur } from './legality';

type LaunchAlone = Omit<Extract<Action, { type: 'launchAlone' }>, 'type' | 'explanation'>;

/** The terms of a purchase alone: a procurement (or a pilot for the scenario's pilot years), the city paying everything. */
export function launchAloneTerms(scenario: Scenario, a: Pick<LaunchAlone, 'project' | 'districts' | 'pilot' | 'grantCalls'>): ContractTerms {
  return cityPaidTerms({
    form: a.pilot ? 'pilot' : 'procurement',
    projects: [a.project],
    districts: Array.isArray(a.districts) ? a.districts : [],
    pilot: a.pilot,
    durationYears: a.pilot ? scenario.negotiation.pilotMaxYears : 0,
    grantCalls: Array.isArray(a.grantCalls) ? a.grantCalls : [],
  });
}

/**
 * What launching a project alone would cost the city now: the works, the grants it may expect
 * (probability-weighted), and the difference, in euros; and the part of that difference the works
 * pay before the next budget (`thisYearEur`), which is what the launch takes from this year's
 * envelope (AP/CP: later years' budgets carry the rest, legality.ts `worksCapitalEur`). Null for
 * an unknown project or no district.
 */
export function launchAlonePrice(state: SimState, scenario: Scenario, a: Pick<LaunchAlone, 'project' | 'districts' | 'pilot' | 'grantCalls'>): { worksEur: number; expectedGrantsEur: number; cityEur: number; thisYearEur: number } | null {
  if (!projectType(scenario, a.project) || a.districts.length === 0) return null;
  const terms = launchAloneTerms(scenario, a);
  const { capexEur, expectedGrantsEur } = dealCapital(state, scenario, terms, 'suppliers');
  const cityEur = capexEur - expectedGrantsEur;
  // The budget check's own figure (its grants capped at the funders' ceiling, its start after the award procedure).
  const thisYearEur = worksCapitalEur(state, scenario, terms, 'suppliers').byBudgetYear[0]!;
  return { worksEur: capexEur, expectedGrantsEur, cityEur, thisYearEur };
}
