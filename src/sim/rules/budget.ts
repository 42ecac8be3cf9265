/**
 * The city's budget in the French form (M57 in spirit, simplified), and its real balance.
 *
 * Operating section (*section de fonctionnement*), each month: the taxes by lever (property tax on
 * built land TFPB and business property tax CFE at the voted rates × `taxLevel`; the waste tax
 * TEOM and the mobility levy, earmarked for the waste and mobility services inside the running
 * costs; the fraction of national VAT, set by the State), other revenue, the State operating grant
 * (DGF); running costs (less the savings of running projects), the energy bill, interest, contract
 * payments and project operation. Gross savings (*épargne brute*) = the last 12 months' operating
 * revenue − operating spending.
 * Investment section (*section d'investissement*): the baseline capital programme (with its usual
 * State co-financing), the city's share of smart-city works, principal repayment; financed by net
 * savings, grants, the FCTVA refund (CGCT L1615-6: `fctvaRate` of eligible spending, paid
 * `fctvaLagMonths` later) and borrowing. Golden rule: a month's borrowing never exceeds its
 * investment spending net of grants, so loans never pay for running costs or for repaying debt;
 * the capital part of partnership rents is debt repayment, paid from own resources like the
 * loans' principal (it is not borrowable, and the real-balance test counts it with them).
 * Debt is one pool; each month 1/(12 × `debtMaturityYears`) of it is repaid. Banks lend at
 * `funding.loanRate` plus a spread that rises with the debt-capacity ratio past
 * `loanSpreadFromYears`, and lend nothing that would take it past `lendersRefuseYears`.
 * Debt-capacity ratio = (debt + partnership debt) ÷ gross savings, years (99 when savings ≤ 0); its 12-year reference
 * (`debtCeilingYears`, LPFP 2018–2022 art. 29) is an alarm for lenders and the prefect, not a cap:
 * past it the prefect's attention is logged each year. The baseline programme is cut as the ratio
 * climbs from 80 % of the reference to the reference.
 * Real balance (CGCT L1612-4): the treasury line (*ligne de trésorerie*, M57) covers gaps within
 * the year only. In the last month of each budget year the city takes the loans its year's
 * investment still justifies (within what banks lend); if its cash is still negative or its net
 * savings (gross savings − principal − rent capital) are negative, the budget is not balanced. A
 * State advance (a model device, at the treasury rate) clears the deficit at once, so the city's
 * cash is never negative at a year end. A deficit below `deficitThresholdShare` of operating
 * revenue with net savings ≥ 0 is carried into the next budget; a larger one (L1612-14) or
 * negative net savings (L1612-5) go to the regional audit chamber, and the prefect settles the
 * budget: the voted rates rise up to their legal cap (`maxTaxLevel`, CGI 1636 B septies), the
 * baseline programme and the envelope are cut, and for the next budget year the city commits
 * nothing new; each further year out of balance carries the measures over and deepens them.
 */
import { cityInvests, cityPays, cityReceives, FCTVA_REASON, type TickScratch } from '../money';
import { transfer } from '../ledger';
import { partnershipDebtEur, partnershipPrincipalEur } from './contracts';
import type { Scenario } from '../scenario-schema';
import type { SimState } from '../types';
import { isBudgetMonth, monthOfYear, monthsLeftInYear } from '../calendar';

export const DEBT_CAPACITY_CAP_YEARS = 99;
/** Days the regional audit chamber has to propose its measures (CGCT L1612-5). */
const CRC_DAYS = 30;

/** Tax revenue a year at the voted-rate level `taxLevel`: TFPB and CFE move with it; TEOM, the mobility levy and the VAT fraction do not. */
export function taxRevenueEur(s: Scenario, taxLevel: number): number {
  const t = s.city.taxes;
  return (t.tfpbEur + t.cfeEur) * taxLevel + t.teomEur + t.mobilityLevyEur + t.vatShareEur;
}

/** The taxes whose rates the council votes (what `taxChange` moves), euros a year at level 1. */
export function votedTaxBaseEur(s: Scenario): number {
  return s.city.taxes.tfpbEur + s.city.taxes.cfeEur;
}

/** Operating revenue and spending of a month before any project runs (for the rolling window). */
export function baselineOperatingMonth(s: Scenario): { revenue: number; spending: number } {
  const energyMWh = s.territory.districts.reduce((a, d) => a + d.lightingPoints * s.energy.lightingMWhPerPoint + d.buildingsEnergyMWh, 0);
  const revenue = (taxRevenueEur(s, 1) + s.city.stateGrantEur + s.city.otherRevenueEur) / 12;
  const spending = (s.city.operatingCostEur + energyMWh * s.energy.priceEurPerMWh + s.city.debtEur * s.city.debtRate) / 12;
  return { revenue, spending };
}

export function debtCapacity(debtEur: number, grossSavingsEur: number): number {
  if (grossSavingsEur <= 0) return DEBT_CAPACITY_CAP_YEARS;
  return Math.min(DEBT_CAPACITY_CAP_YEARS, debtEur / grossSavingsEur);
}

/** The rate banks ask for a new loan at this debt-capacity ratio (a stylised spread curve). */
export function newLoanRate(s: Scenario, ratioYears: number): number {
  const f = s.funding;
  return f.loanRate + f.loanSpreadPerYear * Math.max(0, Math.min(ratioYears, f.lendersRefuseYears) - f.loanSpreadFromYears);
}

/** The city's debt as lenders and the ratio count it: its loans and the capital it still owes the partners of partnership contracts (euros). */
export function totalDebtEur(state: SimState): number {
  return state.city.debtEur + partnershipDebtEur(state);
}

/** What banks would still lend: up to `lendersRefuseYears` × gross savings of debt, partnership debt included. */
function lendingRoomEur(state: SimState, scenario: Scenario): number {
  return Math.max(0, scenario.funding.lendersRefuseYears * Math.max(0, state.city.grossSavingsEur) - totalDebtEur(state));
}

/** Debt repaid over the next 12 months from own resources, euros: loan principal (declining balance)
 *  and the capital part of partnership rents (debt repayment too, CGCT L1612-4). */
export function annualPrincipalEur(state: SimState, scenario: Scenario): number {
  return state.city.debtEur / scenario.city.debtMaturityYears + partnershipPrincipalEur(state, scenario);
}

/** The rate of the treasury line and of the State advance of a settled budget: the debt's rate + 1 point. */
function treasuryRate(state: SimState): number {
  return state.city.debtRate + 0.01;
}

/** The effect on the next 12 months' revenue of the rate changes voted in the last 12 months that
 *  gross savings (a rolling 12 months) do not show yet, euros (negative for cuts). */
export function taxVotesPendingEur(state: SimState, scenario: Scenario): number {
  let sum = 0;
  for (const v of state.city.taxVotes) {
    const age = state.tick - v.tick;
    if (age >= 0 && age < 12) sum += (v.change * votedTaxBaseEur(scenario) * (12 - age)) / 12;
  }
  return sum;
}

function borrow(state: SimState, scenario: Scenario, eur: number): void {
  if (eur <= 0) return;
  const city = state.city;
  const rate = newLoanRate(scenario, debtCapacity(totalDebtEur(state) + eur, city.grossSavingsEur));
  transfer(state.ledger, 'lenders', 'city', eur, 'loan');
  city.debtRate = (city.debtRate * city.debtEur + rate * eur) / (city.debtEur + eur);
  city.debtEur += eur;
  city.yearBorrowedEur += eur;
}

/** Receives the FCTVA refunds and EU grants that fall due this month (investment revenue). */
function collectReceivables(state: SimState, scratch: TickScratch): void {
  const r = state.city.receivables;
  if (r.length === 0) return;
  const keep = [];
  for (const x of r) {
    if (x.dueTick <= state.tick) cityReceives(state, scratch, { from: x.from, eur: x.eur, reason: x.reason, section: 'investment', smart: x.smart });
    else keep.push(x);
  }
  state.city.receivables = keep;
}

/** Finance phase: the city's monthly revenue, running costs, debt service and borrowing; at the year's end, its real balance. */
export function financePhase(
  state: SimState,
  scenario: Scenario,
  scratch: TickScratch,
  /** What operation measured this month: the energy bill, and the other running costs saved by the projects. */
  { energyBillEur, otherSavingsEur }: { energyBillEur: number; otherSavingsEur: number },
): void {
  const c = scenario.city;
  const city = state.city;
  const t = c.taxes;
  easeSettlement(state);
  cityReceives(state, scratch, { from: 'citizens', eur: ((t.tfpbEur + t.cfeEur) * city.taxLevel) / 12, reason: 'taxes (TFPB, CFE)', section: 'operating', smart: false });
  cityReceives(state, scratch, { from: 'citizens', eur: t.teomEur / 12, reason: 'waste tax (TEOM)', section: 'operating', smart: false });
  cityReceives(state, scratch, { from: 'citizens', eur: t.mobilityLevyEur / 12, reason: 'mobility levy', section: 'operating', smart: false });
  cityReceives(state, scratch, { from: 'state', eur: t.vatShareEur / 12, reason: 'VAT fraction', section: 'operating', smart: false });
  cityReceives(state, scratch, { from: 'state', eur: city.stateGrantEur / 12, reason: 'DGF', section: 'operating', smart: false });
  cityReceives(state, scratch, { from: 'citizens', eur: c.otherRevenueEur / 12, reason: 'fees', section: 'operating', smart: false });
  cityPays(state, scratch, { to: 'suppliers', eur: Math.max(0, c.operatingCostEur / 12 - otherSavingsEur - scratch.upkeepTakenOverEur), reason: 'running costs', section: 'operating', smart: false });
  cityPays(state, scratch, { to: 'suppliers', eur: energyBillEur, reason: 'energy bill', section: 'operating', smart: false });
  cityPays(state, scratch, { to: 'lenders', eur: (city.debtEur * city.debtRate) / 12, reason: 'interest', section: 'operating', smart: false });
  const cash = state.ledger.balancesCents.city / 100;
  if (cash < 0) cityPays(state, scratch, { to: 'lenders', eur: (-cash * treasuryRate(state)) / 12, reason: 'treasury interest', section: 'operating', smart: false });
  // The State advance of a settled budget (a model device) costs the treasury rate.
  if (city.advanceEur > 0) cityPays(state, scratch, { to: 'state', eur: (city.advanceEur * treasuryRate(state)) / 12, reason: 'State advance interest', section: 'operating', smart: false });

  // Investment section: baseline programme, principal, FCTVA, receivables, borrowing.
  const pressure = Math.min(1, Math.max(0, (city.debtCapacityYears - 0.8 * c.debtCeilingYears) / (0.2 * c.debtCeilingYears)));
  const baseline = (c.baselineInvestmentEur / 12) * (1 - pressure) * (1 - city.baselineCut);
  cityInvests(state, scratch, { to: 'suppliers', eur: baseline, reason: 'baseline investment', smart: false });
  cityReceives(state, scratch, { from: 'state', eur: baseline * c.baselineGrantShare, reason: 'baseline grants', section: 'investment', smart: false });
  const principal = Math.min(city.debtEur, city.debtEur / c.debtMaturityYears / 12);
  transfer(state.ledger, 'city', 'lenders', principal, 'principal');
  city.debtEur -= principal;
  if (city.advanceEur > 0) {
    // In whole cents, the rest in the year's last month: the advance is repaid exactly.
    const repay = Math.min(city.advanceEur, monthsLeftInYear(state.tick) === 1 ? city.advanceEur : Math.round((city.advanceEur / monthsLeftInYear(state.tick)) * 100) / 100);
    transfer(state.ledger, 'city', 'state', repay, 'State advance repaid');
    city.advanceEur -= repay;
  }
  const f = scenario.funding;
  if (scratch.fctvaBaseEur > 0) {
    if (scratch.fctvaSmartEur > 0) city.receivables.push({ dueTick: state.tick + f.fctvaLagMonths, eur: f.fctvaRate * scratch.fctvaSmartEur, from: 'state', reason: FCTVA_REASON, smart: true });
    const rest = scratch.fctvaBaseEur - scratch.fctvaSmartEur;
    if (rest > 0) city.receivables.push({ dueTick: state.tick + f.fctvaLagMonths, eur: f.fctvaRate * rest, from: 'state', reason: FCTVA_REASON, smart: false });
  }
  collectReceivables(state, scratch);

  const month = monthOfYear(state.tick);
  city.revenueMonths[month] = scratch.operatingRevenue;
  city.spendingMonths[month] = scratch.operatingSpending;
  let rev = 0;
  let spend = 0;
  for (let m = 0; m < 12; m++) {
    rev += city.revenueMonths[m]!;
    spend += city.spendingMonths[m]!;
  }
  city.grossSavingsEur = rev - spend;

  if (month === 0) {
    city.yearNetInvestmentEur = 0;
    city.yearBorrowedEur = 0;
    city.yearNetSavingsEur = 0;
  }
  // The capital part of partnership rents repays debt: own resources pay it, never a loan.
  const netSavingsMonth = scratch.operatingRevenue - scratch.operatingSpending - principal - scratch.rentCapitalEur;
  const netInvestment = Math.max(0, scratch.investmentSpending - scratch.rentCapitalEur - scratch.investmentGrants);
  city.yearNetSavingsEur += netSavingsMonth;
  city.yearNetInvestmentEur += netInvestment;
  const need = Math.max(0, netInvestment - Math.max(0, netSavingsMonth));
  borrow(state, scenario, Math.min(need, lendingRoomEur(state, scenario)));
  city.taxVotes = city.taxVotes.filter((v) => state.tick - v.tick < 11);
  if (month === 11) yearEnd(state, scenario, rev);
  city.debtCapacityYears = debtCapacity(totalDebtEur(state), city.grossSavingsEur);
}

/**
 * The last month of a budget year: the year-end loan the year's investment justifies, then the
 * real-balance test (L1612-4) on the year's figures and, when it fails, the procedure: a deficit in
 * the accounts of at least `deficitThresholdShare` of operating revenue (L1612-14), or net savings
 * that leave the next budget unable to be voted in balance (L1612-5), go to the regional audit
 * chamber and the prefect settles the budget; a smaller deficit is carried into the next budget.
 */
function yearEnd(state: SimState, scenario: Scenario, revenueEur: number): void {
  const city = state.city;
  const c = scenario.city;
  city.yearCommittedEur = 0;
  // Golden rule over the year: the year's loans may reach its investment net of grants (the
  // real-balance test below checks that own resources repay the principal).
  const justified = Math.max(0, city.yearNetInvestmentEur - city.yearBorrowedEur);
  const cash0 = state.ledger.balancesCents.city / 100;
  if (cash0 < 0) borrow(state, scenario, Math.min(justified, -cash0, lendingRoomEur(state, scenario)));
  const ratio = debtCapacity(totalDebtEur(state), city.grossSavingsEur);
  if (ratio > c.debtCeilingYears) {
    state.log.push({ tick: state.tick, kind: 'debtAlarm', data: { ratioYears: Math.round(ratio * 10) / 10, referenceYears: c.debtCeilingYears, refuseYears: scenario.funding.lendersRefuseYears, loanRate: newLoanRate(scenario, ratio) } });
  }
  const cash = state.ledger.balancesCents.city / 100;
  const netSavings = city.grossSavingsEur - annualPrincipalEur(state, scenario);
  const repeated = state.tick < city.settledUntilTick;
  if (cash >= 0 && netSavings >= 0) {
    city.deficitYears = 0;
    return;
  }
  // The State advance that clears the deficit at once is a model device (the city's cash is
  // never negative at a year end); it costs the treasury rate and is repaid over the next year.
  const deficit = Math.max(0, -cash);
  if (deficit > 0) {
    transfer(state.ledger, 'state', 'city', deficit, 'State advance (settled budget)');
    city.advanceEur += deficit;
  }
  const thresholdEur = c.deficitThresholdShare * Math.max(0, revenueEur);
  if (netSavings >= 0 && deficit < thresholdEur && !repeated) {
    // Below the L1612-14 threshold: the deficit is carried into the next budget, which repays it.
    state.log.push({ tick: state.tick, kind: 'deficitCarried', data: { deficitEur: Math.round(deficit), thresholdEur: Math.round(thresholdEur) } });
    return;
  }
  city.deficitYears += 1;
  const article = deficit >= thresholdEur ? 'L1612-14' : 'L1612-5';
  // Taxes up: the voted rates rise enough to repay the advance and restore net savings, with a
  // margin that grows with each year in deficit, up to their legal cap (CGI 1636 B septies).
  const base = votedTaxBaseEur(scenario);
  const gap = deficit + Math.max(0, -netSavings) + 0.02 * city.deficitYears * base;
  const wanted = base > 0 ? gap / base : 0;
  const taxRise = Math.max(0, Math.min(wanted, c.maxTaxLevel - city.taxLevel));
  city.taxLevel += taxRise;
  if (taxRise > 0) city.taxVotes.push({ tick: state.tick, change: taxRise });
  // Spending cut: what taxes do not cover comes out of the baseline programme (share of it); the
  // measures of earlier years carry over until the budget is back in balance.
  const uncovered = Math.max(0, gap - taxRise * base);
  const cut = c.baselineInvestmentEur > 0 ? Math.min(1, Math.max(0.25 * city.deficitYears, uncovered / c.baselineInvestmentEur)) : 0;
  city.baselineCut = Math.min(1, Math.max(city.baselineCut, cut));
  city.envelopeLeftEur = 0;
  city.settledUntilTick = state.tick + 13;
  state.log.push({
    tick: state.tick,
    kind: 'budgetSettled',
    data: {
      article,
      deficitEur: Math.round(deficit),
      thresholdEur: Math.round(thresholdEur),
      netSavingsEur: Math.round(netSavings),
      advanceEur: Math.round(deficit),
      taxRisePct: Math.round(taxRise * 1000) / 10,
      baselineCutPct: Math.round(city.baselineCut * 100),
      crcDays: CRC_DAYS,
      untilTick: city.settledUntilTick,
      yearsInDeficit: city.deficitYears,
    },
  });
}

/** At the start of a budget year after a settlement, the baseline programme's cut eases back. */
function easeSettlement(state: SimState): void {
  if (isBudgetMonth(state.tick) && state.tick >= state.city.settledUntilTick && state.city.baselineCut > 0) {
    state.city.baselineCut = Math.max(0, state.city.baselineCut - 0.25);
  }
}
