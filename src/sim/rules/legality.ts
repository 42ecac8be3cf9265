/**
 * One legality check for every action that commits the city's money (CGCT).
 *
 * Launching works alone, signing a contract (its capital share net of expected grants, its annual
 * payments), keeping a governance measure (its upkeep) and voting the envelope all pass through
 * `commitmentProblem`, for a person or a computer alike. It counts what was committed earlier in
 * the same month and everything signed but not yet running (works still to pay, payments and
 * upkeep not yet in the last 12 months' gross savings). In order:
 * - while the prefect has settled the budget (L1612-5), the city commits nothing new;
 * - the envelope: the city's capital paid in the next 12 months (the year's *crédits de paiement*)
 *   must fit in what is left of the smart-city envelope the council voted;
 * - the real balance and the golden rule (L1612-4): new annual payments or upkeep must leave net
 *   savings (gross savings − principal − what is already signed) ≥ 0, since loans may pay only
 *   for investment; a tax cut may not push them below zero either;
 * - the lenders: the capital, if borrowed, may not take debt ÷ gross savings past
 *   `funding.lendersRefuseYears` — banks would not lend. The 12-year reference
 *   (`city.debtCeilingYears`, LPFP 2018–2022 art. 29) is an alarm, not a bound: past it loans
 *   cost more (rules/budget.ts) and the prefect takes note;
 * - the envelope itself: what `setBudget` votes must be financeable this year by net savings and
 *   what banks would still lend, after the baseline programme and the works already signed.
 */
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, SimState } from '../types';
import { problem, type Problem } from '../refusal';
import { annualPrincipalEur, votedTaxBaseEur } from './budget';
import { dealCapital } from './valuation';

/** What an action would commit the city to. */
export type Commitment =
  | { kind: 'works'; terms: ContractTerms; builder: 'partner' | 'suppliers' }
  | { kind: 'upkeep'; annualEur: number; what: string }
  | { kind: 'budget'; envelopeEur: number; taxChange: number };

const fmtM = (eur: number) => `€${(eur / 1e6).toFixed(1)} M`;

/** The city's share of a contract's capital (1 when it buys the works itself). */
export function cityShareOf(terms: ContractTerms, builder: 'partner' | 'suppliers'): number {
  return builder === 'suppliers' || terms.form === 'procurement' ? 1 : terms.cityCapitalShare;
}

/** City capital still to pay on works signed and under way, net of the grants still to come: in all, and in the next 12 months. */
export function pendingCapitalEur(state: SimState): { totalEur: number; next12Eur: number } {
  let total = 0;
  let next12 = 0;
  for (const d of state.deployments) {
    if (d.stage !== 'building' || d.buildMonths <= 0) continue;
    const c = d.contractId === null ? null : state.contracts[d.contractId - 1];
    const share = c ? cityShareOf(c.terms, c.builder) : 1;
    const grantShare = c && c.grantsEur > 0 ? c.grantsEur / Math.max(1, contractWorks(state, c.deployments)) : 0;
    const monthly = (d.capexEur / d.buildMonths) * Math.max(0, share - grantShare);
    total += monthly * d.buildMonthsLeft;
    next12 += monthly * Math.min(12, d.buildMonthsLeft);
  }
  return { totalEur: total, next12Eur: next12 };
}

function contractWorks(state: SimState, uids: number[]): number {
  let sum = 0;
  for (const uid of uids) sum += state.deployments[uid - 1]!.capexEur;
  return sum;
}

/** Annual payments and upkeep already signed but not yet (fully) in the last 12 months' gross savings. */
export function pendingAnnualEur(state: SimState): number {
  let pending = 0;
  for (const k of state.contracts) {
    if (k.builder !== 'partner') continue;
    if (k.status === 'building') pending += k.terms.annualPaymentEur;
    else if (k.status === 'running') pending += (k.terms.annualPaymentEur * Math.max(0, 12 - (state.tick - k.operationStartTick))) / 12;
  }
  for (const u of state.city.newUpkeep) pending += (u.annualEur * Math.max(0, 12 - (state.tick - u.tick))) / 12;
  return pending;
}

/** Net savings to come (gross savings − principal − what is signed and not yet in them), euros a year. */
export function netSavingsForecastEur(state: SimState, scenario: Scenario): number {
  return state.city.grossSavingsEur - annualPrincipalEur(state, scenario) - pendingAnnualEur(state);
}

/** The largest envelope the city can finance this year (net savings and what banks lend, after the baseline programme and signed works). */
export function envelopeCapacityEur(state: SimState, scenario: Scenario): number {
  const c = scenario.city;
  const f = scenario.funding;
  const baselineNet = c.baselineInvestmentEur * (1 - state.city.baselineCut) * Math.max(0, 1 - c.baselineGrantShare - f.fctvaRate);
  const pending = pendingCapitalEur(state);
  const grossAfter = Math.max(0, state.city.grossSavingsEur - pendingAnnualEur(state));
  const room = Math.max(0, f.lendersRefuseYears * grossAfter - state.city.debtEur - pending.totalEur);
  return Math.max(0, Math.max(0, netSavingsForecastEur(state, scenario)) + room - baselineNet - pending.next12Eur);
}

/** The city's capital in these works net of expected grants (capped at `maxGrantShare`): in all, and paid in the first 12 months. */
export function worksCapitalEur(state: SimState, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers'): { net: number; firstYear: number } {
  // The capital row alone (dealFlows' own numbers): this check runs for every candidate deal.
  const flows = dealCapital(state, scenario, terms, builder);
  const share = cityShareOf(terms, builder);
  const capital = -flows.capital.reduce((a, b) => a + b, 0);
  const grants = Math.min(flows.expectedGrantsEur, scenario.funding.maxGrantShare * flows.capexEur * share);
  const net = Math.max(0, capital - grants);
  return { net, firstYear: capital > 0 ? net * (-flows.capital[0]! / capital) : 0 };
}

/** Whether the budget is settled by the prefect now (no new commitment, CGCT L1612-5). */
export function underSettlement(state: SimState): boolean {
  return state.tick < state.city.settledUntilTick;
}

/** Why the city may not commit this money now, or null when it may (the one check every path uses). */
export function commitmentProblem(state: SimState, scenario: Scenario, commitment: Commitment): Problem | null {
  const city = state.city;
  const margin = netSavingsForecastEur(state, scenario);
  if (underSettlement(state) && !(commitment.kind === 'budget' && commitment.envelopeEur === 0 && commitment.taxChange >= 0)) {
    return problem('budgetSettled', { untilTick: city.settledUntilTick }, `the budget is settled by the prefect after the regional audit chamber's review (CGCT L1612-5): no new commitment until month ${city.settledUntilTick}`);
  }
  if (commitment.kind === 'upkeep') {
    if (commitment.annualEur > margin) return goldenRule(state, scenario, commitment.annualEur, margin);
    return null;
  }
  if (commitment.kind === 'budget') {
    const cut = -Math.min(0, commitment.taxChange) * votedTaxBaseEur(scenario);
    if (cut > 0 && cut > margin) {
      return problem('realBalance', { taxCutEur: cut, netSavingsEur: margin }, `a tax cut of ${fmtM(cut)} a year would leave the budget out of real balance (CGCT L1612-4): net savings to come are ${fmtM(margin)}`);
    }
    const capacity = envelopeCapacityEur(state, scenario);
    if (commitment.envelopeEur > capacity + 1) {
      return problem('envelopeUnfinanceable', { envelopeEur: commitment.envelopeEur, capacityEur: capacity }, `an envelope of ${fmtM(commitment.envelopeEur)} cannot be financed this year: net savings and what banks would lend leave ${fmtM(capacity)} after the baseline programme and the works already signed`);
    }
    return null;
  }
  const { terms, builder } = commitment;
  const { net, firstYear } = worksCapitalEur(state, scenario, terms, builder);
  if (firstYear > city.envelopeLeftEur + 1) {
    return problem('envelopeExceeded', { neededEur: firstYear, envelopeLeftEur: city.envelopeLeftEur }, `the smart-city envelope: the city's share of these works this year, ${fmtM(firstYear)} net of expected grants, exceeds the ${fmtM(city.envelopeLeftEur)} left in the envelope the council voted`);
  }
  if (terms.annualPaymentEur > 0 && terms.annualPaymentEur > margin) return goldenRule(state, scenario, terms.annualPaymentEur, margin);
  const pending = pendingCapitalEur(state).totalEur;
  const savingsAfter = city.grossSavingsEur - terms.annualPaymentEur - pendingAnnualEur(state);
  const limit = scenario.funding.lendersRefuseYears;
  const ratio = savingsAfter > 0 ? (city.debtEur + pending + net) / savingsAfter : Infinity;
  if (net > 0 && ratio > limit) {
    const shown = Number.isFinite(ratio) ? Math.min(ratio, 99) : 99;
    return problem(
      'lendersRefuse',
      { borrowEur: net, ratioYears: shown, limitYears: limit, referenceYears: scenario.city.debtCeilingYears },
      `no bank would lend: borrowing ${fmtM(net)} would raise debt ÷ gross savings to ${shown.toFixed(1)} years, past the ${limit} years lenders accept (the ${scenario.city.debtCeilingYears}-year reference is already an alarm)`,
    );
  }
  return null;
}

function goldenRule(state: SimState, scenario: Scenario, annualEur: number, margin: number): Problem {
  const principal = annualPrincipalEur(state, scenario);
  return problem(
    'goldenRule',
    { paymentEur: annualEur, grossSavingsEur: state.city.grossSavingsEur, principalEur: principal, pendingEur: pendingAnnualEur(state), netSavingsEur: margin },
    `the real balance (CGCT L1612-4): paying ${fmtM(annualEur)} a year would leave the operating section unable to repay debt from its own resources (gross savings ${fmtM(state.city.grossSavingsEur)}, debt repayment ${fmtM(principal)}, already signed ${fmtM(pendingAnnualEur(state))})`,
  );
}
