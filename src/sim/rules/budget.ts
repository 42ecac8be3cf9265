/**
 * The city's budget in the French form (M14/M57 in spirit, simplified).
 *
 * Operating section (*section de fonctionnement*), each month: taxes × the tax level and other
 * revenue from citizens, the State operating grant (DGF) from the State; running costs (less the
 * savings of running projects), the energy bill, interest, contract payments and project operation.
 * Gross savings (*épargne brute*) = the last 12 months' operating revenue − operating spending.
 * Investment section (*section d'investissement*): the baseline capital programme (with its usual
 * State co-financing), the city's share of smart-city works, principal repayment; financed by
 * savings, grants and borrowing. Golden rule (*règle d'or*): a month's borrowing never exceeds its
 * investment spending net of grants, so loans never pay for running costs or for repaying debt.
 * Debt is one pool; each month 1/(12 × `debtMaturityYears`) of what is outstanding is repaid (a
 * declining balance), at an average rate that starts at
 * `city.debtRate` and drifts toward `funding.loanRate` as new loans are added. The baseline capital
 * programme is the city's adjustment variable: it is cut in proportion as the debt-capacity ratio
 * climbs from 80 % of the ceiling to the ceiling (all of it above). A negative treasury costs
 * interest at the debt's average rate + 1 point.
 * Debt-capacity ratio (*capacité de désendettement*) = debt ÷ gross savings, in years, capped at 99
 * when gross savings are zero or negative; the city does not borrow past `debtCeilingYears` (12,
 * the reference ceiling for communes, LPFP 2018–2022 art. 29): what it cannot borrow comes out of
 * its treasury (its ledger balance, which may go negative: a short-term credit line).
 */
import { cityPays, cityReceives, type TickScratch } from '../money';
import { transfer } from '../ledger';
import type { Scenario } from '../scenario-schema';
import type { SimState } from '../types';

export const DEBT_CAPACITY_CAP_YEARS = 99;

/** Operating revenue and spending of a month before any project runs (for the rolling window). */
export function baselineOperatingMonth(s: Scenario): { revenue: number; spending: number } {
  const energyMWh = s.territory.districts.reduce((a, d) => a + d.lightingPoints * s.energy.lightingMWhPerPoint + d.buildingsEnergyMWh, 0);
  const revenue = (s.city.taxRevenueEur + s.city.stateGrantEur + s.city.otherRevenueEur) / 12;
  const spending = (s.city.operatingCostEur + energyMWh * s.energy.priceEurPerMWh + s.city.debtEur * s.city.debtRate) / 12;
  return { revenue, spending };
}

export function debtCapacity(debtEur: number, grossSavingsEur: number): number {
  if (grossSavingsEur <= 0) return DEBT_CAPACITY_CAP_YEARS;
  return Math.min(DEBT_CAPACITY_CAP_YEARS, debtEur / grossSavingsEur);
}

/** Finance phase: the city's monthly revenue, running costs, debt service and borrowing. */
export function financePhase(state: SimState, scenario: Scenario, sc: TickScratch, energyBillEur: number, otherSavingsEur: number): void {
  const c = scenario.city;
  const city = state.city;
  cityReceives(state, sc, 'citizens', (c.taxRevenueEur * city.taxLevel) / 12, 'taxes', 'operating', false);
  cityReceives(state, sc, 'state', city.stateGrantEur / 12, 'DGF', 'operating', false);
  cityReceives(state, sc, 'citizens', c.otherRevenueEur / 12, 'fees', 'operating', false);
  cityPays(state, sc, 'suppliers', Math.max(0, c.operatingCostEur / 12 - otherSavingsEur), 'running costs', 'operating', false);
  cityPays(state, sc, 'suppliers', energyBillEur, 'energy bill', 'operating', false);
  cityPays(state, sc, 'lenders', (city.debtEur * city.debtRate) / 12, 'interest', 'operating', false);
  const cash = state.ledger.balancesCents.city / 100;
  if (cash < 0) cityPays(state, sc, 'lenders', (-cash * (city.debtRate + 0.01)) / 12, 'treasury interest', 'operating', false);

  // Investment section: baseline programme, principal, borrowing.
  const pressure = Math.min(1, Math.max(0, (city.debtCapacityYears - 0.8 * c.debtCeilingYears) / (0.2 * c.debtCeilingYears)));
  const baseline = (c.baselineInvestmentEur / 12) * (1 - pressure);
  cityPays(state, sc, 'suppliers', baseline, 'baseline investment', 'investment', false);
  cityReceives(state, sc, 'state', baseline * c.baselineGrantShare, 'baseline grants', 'investment', false);
  const principal = Math.min(city.debtEur, city.debtEur / c.debtMaturityYears / 12);
  transfer(state.ledger, 'city', 'lenders', principal, 'principal');
  city.debtEur -= principal;

  const month = state.tick % 12;
  city.revenueMonths[month] = sc.operatingRevenue;
  city.spendingMonths[month] = sc.operatingSpending;
  let rev = 0;
  let spend = 0;
  for (let m = 0; m < 12; m++) {
    rev += city.revenueMonths[m]!;
    spend += city.spendingMonths[m]!;
  }
  city.grossSavingsEur = rev - spend;

  const ownResources = Math.max(0, sc.operatingRevenue - sc.operatingSpending - principal);
  const netInvestment = Math.max(0, sc.investmentSpending - sc.investmentGrants);
  const need = Math.max(0, netInvestment - ownResources);
  const room = Math.max(0, c.debtCeilingYears * Math.max(0, city.grossSavingsEur) - city.debtEur);
  const borrow = Math.min(need, room);
  if (borrow > 0) {
    transfer(state.ledger, 'lenders', 'city', borrow, 'loan');
    city.debtRate = (city.debtRate * city.debtEur + scenario.funding.loanRate * borrow) / (city.debtEur + borrow);
    city.debtEur += borrow;
  }
  city.debtCapacityYears = debtCapacity(city.debtEur, city.grossSavingsEur);
}
