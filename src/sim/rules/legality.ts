/**
 * One legality check for every action that commits the city's money (CGCT).
 *
 * Launching works alone, signing a contract (its capital share net of expected grants, its annual
 * payments), keeping a governance measure (its upkeep) and voting the envelope all pass through
 * `commitmentProblem`, for a person or a computer alike. It counts what was committed earlier in
 * the same month and everything signed but not yet running (works still to pay, payments and
 * upkeep not yet in the last 12 months' gross savings). In order:
 * - while the prefect has settled the budget (L1612-5, L1612-14), the city commits nothing new;
 * - tax rates move once a year, in the budget year's first month (CGI 1639 A), within their legal
 *   cap (CGI 1636 B septies);
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
 *   the year's share (1/`investmentPlanYears`, AP/CP) of the borrowing room below the lenders'
 *   limit, after the baseline programme, the works signed earlier and what the year already
 *   committed; a tax cut must leave that margin ≥ the envelope (sincerity, L1612-4).
 * Net savings to come count the rate changes voted in the last 12 months; lenders count
 * partnership debt and a partnership's financed capital. A partnership rent's capital part repays
 * that debt (investment section, M57): it is counted once, as debt for the lenders and as principal
 * in net savings, and only the rent's operating part (`rentYear`, payRent's split) lowers gross savings.
 */
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, SimState } from '../types';
import { problem, type Problem, type Verdict } from '../refusal';
import { annualPrincipalEur, taxVotesPendingEur, totalDebtEur, votedTaxBaseEur } from './budget';
import { contractRentYear, partnerMonthlyRate, rentYear } from './contracts';
import { dealCapital } from './valuation';
import { procedureMonths } from './lead-times';
import { awardProcedure } from './procedure';
import { budgetYearStart, isBudgetMonth, monthOfYear, monthsLeftInYear, nextBudgetTick } from '../calendar';

/** What an action would commit the city to. */
export type Commitment =
  /** `capital`: `worksCapitalEur` of these terms and builder, when the caller has it already;
   *  `figures`: the state's own figures the check reads, kept across the checks of one state (`BudgetFigures`). */
  | { kind: 'works'; terms: ContractTerms; builder: 'partner' | 'suppliers'; capital?: WorksCapital; figures?: BudgetFigures }
  | { kind: 'upkeep'; annualEur: number; what: string }
  | { kind: 'budget'; envelopeEur: number; taxChange: number };

const fmtM = (eur: number) => `€${(eur / 1e6).toFixed(1)} M`;

/** The city's share of a contract's capital (1 when it buys the works itself). */
function cityShareOf(terms: ContractTerms, builder: 'partner' | 'suppliers'): number {
  return builder === 'suppliers' || terms.form === 'procurement' ? 1 : terms.cityCapitalShare;
}

/** The city's capital a month of a deployment's works costs, net of its contract's grants (its
 *  share of the price less the grants' share of the contract's works); `c`: its contract, if any. */
function cityMonthlyCapitalEur(state: Readonly<SimState>, d: Readonly<SimState>['deployments'][number], c: Readonly<SimState>['contracts'][number] | null | undefined): number {
  const share = c ? cityShareOf(c.terms, c.builder) : 1;
  const grantShare = c && c.grantsEur > 0 ? c.grantsEur / Math.max(1, contractWorks(state, c.deployments)) : 0;
  return (d.capexEur / d.buildMonths) * Math.max(0, share - grantShare);
}

/** City capital still to pay on works signed and under way, net of the grants still to come: in all,
 *  in the next 12 months, and the part of those 12 months signed in earlier budget years. Of works
 *  that wait for their start (a purchase in its award procedure, a replacement scheduled to open
 *  when the old equipment ends: services.ts `replacementOf`), only the months that fall within the
 *  next 12 are this year's: under AP/CP the payment credits of a year are the works paid in it
 *  (CGCT L2311-3, R2311-9), not those a later year will pay. */
export function pendingCapitalEur(state: Readonly<SimState>): { totalEur: number; next12Eur: number; earlierNext12Eur: number } {
  let total = 0;
  let next12 = 0;
  let earlier = 0;
  const yearStart = budgetYearStart(state.tick);
  for (const d of state.deployments) {
    if (d.stage !== 'building' || d.buildMonths <= 0) continue;
    const c = d.contractId === null ? null : state.contracts[d.contractId - 1];
    const monthly = cityMonthlyCapitalEur(state, d, c);
    const wait = Math.max(0, (d.worksStartTick ?? state.tick) - state.tick);
    const within12 = Math.max(0, Math.min(12 - wait, d.buildMonthsLeft));
    total += monthly * d.buildMonthsLeft;
    next12 += monthly * within12;
    if (!c || c.signedTick < yearStart) earlier += monthly * within12;
  }
  return { totalEur: total, next12Eur: next12, earlierNext12Eur: earlier };
}

/** City capital still to pay on works signed and under way, net of the grants still to come, by
 *  budget year (index 0: the months left before the next budget; index k: the k-th budget year
 *  after it): the payment credits (CP) the works signed already call for in each year (CGCT
 *  L2311-3, R2311-9: the schedule of an authorisation's payments). */
export function pendingCapitalByBudgetYearEur(state: Readonly<SimState>): number[] {
  const out: number[] = [];
  const left = monthsLeftInYear(state.tick);
  for (const d of state.deployments) {
    if (d.stage !== 'building' || d.buildMonths <= 0) continue;
    const monthly = cityMonthlyCapitalEur(state, d, d.contractId === null ? null : state.contracts[d.contractId - 1]!);
    if (monthly <= 0) continue;
    const from = Math.max(0, (d.worksStartTick ?? state.tick) - state.tick);
    addByBudgetYear(out, left, from, from + d.buildMonthsLeft, monthly);
  }
  return out;
}

/** Adds `monthly` euros for each month of [from, to) (months from now) to the budget year it falls
 *  in (`left`: the months before the next budget, index 0). */
function addByBudgetYear(out: number[], left: number, from: number, to: number, monthly: number): void {
  for (let k = from < left ? 0 : 1 + Math.floor((from - left) / 12); ; k++) {
    const lo = k === 0 ? 0 : left + 12 * (k - 1);
    const hi = k === 0 ? left : left + 12 * k;
    if (lo >= to) break;
    const months = Math.min(to, hi) - Math.max(from, lo);
    while (out.length <= k) out.push(0);
    if (months > 0) out[k]! += monthly * months;
  }
}

function contractWorks(state: SimState, uids: number[]): number {
  let sum = 0;
  for (const uid of uids) sum += state.deployments[uid - 1]!.capexEur;
  return sum;
}

/**
 * What is signed and not yet in the last 12 months' accounts, euros a year. `operatingEur`: the
 * operating spending to come that gross savings do not show yet — the payments of partner contracts
 * under works, the part of those in their first 12 months of running not yet in the window, and the
 * upkeep of governance measures switched on within the last 12 months; of a partnership rent only
 * its interest and service parts (`contractRentYear`), since its capital part repays debt in the
 * investment section (M57; `payRent`) and never lowers gross savings. `rentCapitalEur`: the capital
 * part of the first year's rent of partnerships still under works, debt repayment to come that
 * `annualPrincipalEur` counts only once they run (a running one's is in it already).
 */
function pendingAnnual(state: SimState, scenario: Scenario): { operatingEur: number; rentCapitalEur: number } {
  let operating = 0;
  let rentCapital = 0;
  for (const k of state.contracts) {
    if (k.builder !== 'partner' || (k.status !== 'building' && k.status !== 'running')) continue;
    const rent = contractRentYear(state, scenario, k);
    if (k.status === 'building') {
      operating += rent.operatingEur;
      rentCapital += rent.capitalEur;
    } else operating += (rent.operatingEur * Math.max(0, 12 - (state.tick - k.operationStartTick))) / 12;
  }
  for (const u of state.city.newUpkeep) operating += (u.annualEur * Math.max(0, 12 - (state.tick - u.tick))) / 12;
  return { operatingEur: operating, rentCapitalEur: rentCapital };
}

/** Net savings to come (gross savings − principal and partnership rent capital − what is signed and
 *  not yet in them ± the rate changes voted in the last 12 months not yet in them), euros a year.
 *  A partnership's capital part is counted once: in the principal once it runs, in what is signed
 *  while it is under works; its operating part alone lowers gross savings. */
export function netSavingsForecastEur(state: SimState, scenario: Scenario): number {
  const pending = pendingAnnual(state, scenario);
  return state.city.grossSavingsEur - annualPrincipalEur(state, scenario) - pending.operatingEur - pending.rentCapitalEur + taxVotesPendingEur(state, scenario);
}

/** What the year may borrow for new works: 1/`investmentPlanYears` of the room left below the
 *  lenders' limit once the signed works and annual payments are counted (AP/CP). The 12-year
 *  reference stays an alarm (dearer loans), not a bound. */
export function yearBorrowingRoomEur(state: SimState, scenario: Scenario): number {
  const c = scenario.city;
  const grossAfter = Math.max(0, state.city.grossSavingsEur + taxVotesPendingEur(state, scenario) - pendingAnnual(state, scenario).operatingEur);
  const room = Math.max(0, scenario.funding.lendersRefuseYears * grossAfter - totalDebtEur(state) - pendingCapitalEur(state).totalEur);
  return room / c.investmentPlanYears;
}

/** The largest envelope the city can vote this budget year: net savings and the year's share of
 *  the borrowing room, after the baseline programme. The envelope is the year's smart-city payment
 *  credits in all: the works signed in earlier years payable in the next 12 months and what the
 *  year already committed come out of it (`envelopeLeftAfterVoteEur`), so a second vote in the
 *  year cannot open the room again (a signature books the works it pays before the next budget,
 *  the later years' parts coming out of their own votes: MODEL §5). Until issue 9's seventeenth
 *  round the works signed were deducted from this capacity as well, twice in all: a year after a
 *  large signature could vote almost nothing. */
export function envelopeCapacityEur(state: Readonly<SimState>, scenario: Scenario): number {
  return Math.max(0, investmentMarginEur(state, scenario, 0));
}

/** The year's investment margin after a cut of the voted taxes of `taxCutEur` a year: what net
 *  savings and the year's loans finance beyond the baseline programme, for the smart-city works
 *  signed and new alike (negative when the baseline programme cannot be financed: the budget would
 *  not be sincere). */
function investmentMarginEur(state: SimState, scenario: Scenario, taxCutEur: number): number {
  const c = scenario.city;
  const f = scenario.funding;
  const baselineNet = c.baselineInvestmentEur * (1 - state.city.baselineCut) * Math.max(0, 1 - c.baselineGrantShare - f.fctvaRate);
  // A cut lowers net savings by itself and the borrowing room by the reference × itself, spread over the plan.
  const room = Math.max(0, yearBorrowingRoomEur(state, scenario) - (taxCutEur * scenario.funding.lendersRefuseYears) / c.investmentPlanYears);
  return Math.max(0, netSavingsForecastEur(state, scenario) - taxCutEur) + room - baselineNet;
}

/** The payment credits falling due this year on works signed, which the year's smart-city credits
 *  must include whatever the vote (sincerity, CGCT L1612-4; the prefect's inscription, L1612-15):
 *  the works signed in earlier years payable in the next 12 months, and what this budget year
 *  already committed. */
export function paymentsDueEur(state: Readonly<SimState>): number {
  return pendingCapitalEur(state).earlierNext12Eur + state.city.yearCommittedEur;
}

/** What is left of an envelope voted now: the envelope less the payments due this year on works signed (`paymentsDueEur`). */
export function envelopeLeftAfterVoteEur(state: SimState, envelopeEur: number): number {
  return Math.max(0, envelopeEur - paymentsDueEur(state));
}

/** What `worksCapitalEur` returns (the budget check's figures for a deal's works). */
export interface WorksCapital {
  net: number;
  /** The net capital paid in the first 12 months from now (the computer city's planning figure). */
  firstYear: number;
  financedEur: number;
  /** The net capital paid in each budget year (index 0: before the next budget; index k: the k-th
   *  budget year after it): the payment credits the works call for, year by year (AP/CP). */
  byBudgetYear: number[];
}

/**
 * The city's capital in these works net of expected grants (capped at `maxGrantShare`): in all, paid
 * in the first 12 months, and by budget year. It reads neither the contract's length nor its annual
 * payment (the works come first, whatever the length; the rows only grow longer with zeros).
 *
 * By budget year, the works are laid out as a signature lays out its deployments (contracts.ts):
 * each project's works spread evenly over its build months, a bundle's projects ending together
 * (`phaseWorks`), and a purchase the city makes itself starting once its award procedure ends
 * (`awardProcedure` without the same need bought earlier, nor the council's deliberation, nor the
 * wait for equipment a renewal replaces: each would only move payments to a later year, so the
 * year's part read here is never smaller than what the signature books).
 */
export function worksCapitalEur(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers'): WorksCapital {
  // The capital row alone (dealFlows' own numbers): this check runs for every candidate deal.
  const flows = dealCapital(state, scenario, terms, builder);
  const share = cityShareOf(terms, builder);
  const capital = -flows.capital.reduce((a, b) => a + b, 0);
  const grants = Math.min(flows.expectedGrantsEur, scenario.funding.maxGrantShare * flows.capexEur * share);
  const net = Math.max(0, capital - grants);
  // In a partnership the partner finances the rest of the capital: a debt of the city (CGCT L1414-1 ff.).
  const financedEur = builder === 'partner' && terms.form === 'partnership' ? flows.capexEur * (1 - share) : 0;
  const byBudgetYear: number[] = [0];
  if (capital > 0) {
    const offset = builder === 'suppliers' ? procedureMonths(scenario, awardProcedure(scenario, terms, 'suppliers')) : 0;
    const left = monthsLeftInYear(state.tick);
    let longest = 0;
    for (const w of flows.works) longest = Math.max(longest, w.buildMonths);
    for (const w of flows.works) {
      const part = (w.cityEur / capital) * net;
      const start = offset + longest - w.buildMonths;
      if (w.buildMonths > 0) addByBudgetYear(byBudgetYear, left, start, start + w.buildMonths, part / w.buildMonths);
      else addByBudgetYear(byBudgetYear, left, start, start + 1, part);
    }
  }
  return { net, firstYear: capital > 0 ? net * (-flows.capital[0]! / capital) : 0, financedEur, byBudgetYear };
}

/**
 * Debt ÷ gross savings as lenders count it (years): loans and partnership debt, plus the city's
 * capital still to pay on works signed (this month's included), over gross savings less the
 * operating spending signed but not yet in them (`pendingAnnual`); with `newDebtEur` of new debt and
 * `newOperatingEur` of new operating spending a year on top (a new partnership's rent less its
 * capital part, `rentOperatingEur`: the capital it repays is counted once, as debt, never also as a
 * fall in gross savings). Infinity when nothing would be left to repay with. The lenders' check
 * below and the HUD's projected figure (`projectedDebtYears`) both read it.
 */
export function lendersRatioYears(state: SimState, scenario: Scenario, newOperatingEur: number, ...newDebtEur: number[]): number {
  return lendersRatioWith(state, scenario, budgetFigures(), newOperatingEur, newDebtEur);
}

/**
 * What the works check reads of a state whatever the terms (the operating spending signed and not
 * yet in gross savings, the debt with the capital still to pay on works signed, net savings to
 * come), each made when first asked and kept: a computer player checks dozens of terms on one
 * state (`termsLawfulChecker`), and these sums over the contracts and deployments were made again
 * for each. One object serves one state only, and is dropped with it.
 */
export interface BudgetFigures {
  pendingOperatingEur?: number;
  debtAndPendingEur?: number;
  netSavingsEur?: number;
  /** `pendingCapitalByBudgetYearEur` and `investmentMarginEur` (the programme check's figures). */
  pendingByBudgetYearEur?: number[];
  investmentMarginEur?: number;
}

/** Figures not yet made, for one state's checks (`BudgetFigures`). */
export function budgetFigures(): BudgetFigures {
  return {};
}

/** `lendersRatioYears` with the state's figures kept in `figures` (the same numbers, summed in the same order). */
function lendersRatioWith(state: SimState, scenario: Scenario, figures: BudgetFigures, newOperatingEur: number, newDebtEur: readonly number[]): number {
  const savingsAfter = state.city.grossSavingsEur - newOperatingEur - (figures.pendingOperatingEur ??= pendingAnnual(state, scenario).operatingEur);
  // Summed in this order, term by term (the check's figures, to the last bit).
  let debt = (figures.debtAndPendingEur ??= totalDebtEur(state) + pendingCapitalEur(state).totalEur);
  for (const d of newDebtEur) debt += d;
  return savingsAfter > 0 ? debt / savingsAfter : Infinity;
}

/** The operating part of the first year's rent of a contract with these terms, whose partner
 *  finances `financedEur` of the works (`rentYear`, the split `payRent` books), euros a year. */
export function rentOperatingEur(scenario: Scenario, terms: ContractTerms, financedEur: number): number {
  return rentYear(financedEur, terms.annualPaymentEur, Math.round(terms.durationYears * 12), partnerMonthlyRate(scenario)).operatingEur;
}

/** Whether the budget is settled by the prefect now (no new commitment, CGCT L1612-5). */
export function underSettlement(state: Readonly<SimState>): boolean {
  return state.tick < state.city.settledUntilTick;
}

/** Why the city may not commit this money now, or null when it may (the one check every path uses). */
export function commitmentProblem(state: SimState, scenario: Scenario, commitment: Commitment): Problem | null {
  // Asked to explain, the check never answers a bare `false`.
  return commitmentCheck(state, scenario, commitment, true) as Problem | null;
}

/** Whether the city may commit this money now: exactly `commitmentProblem(…) === null`, without building the refusal. */
export function commitmentAllowed(state: SimState, scenario: Scenario, commitment: Commitment): boolean {
  return commitmentCheck(state, scenario, commitment, false) === null;
}

/** The checks of `commitmentProblem`, in order; a refusal is built only when `explain`. */
function commitmentCheck(state: SimState, scenario: Scenario, commitment: Commitment, explain: boolean): Verdict {
  const city = state.city;
  if (underSettlement(state) && !(commitment.kind === 'budget' && commitment.envelopeEur === 0 && commitment.taxChange >= 0)) {
    if (!explain) return false;
    return problem('budgetSettled', { untilTick: city.settledUntilTick }, `the budget is settled by the prefect after the regional audit chamber's review (CGCT L1612-5): no new commitment until month ${city.settledUntilTick}`);
  }
  // Net savings to come: the margin of the real balance (works with no annual payment do not need it).
  if (commitment.kind === 'upkeep') {
    const margin = netSavingsForecastEur(state, scenario);
    if (commitment.annualEur > margin) return explain && goldenRule(state, scenario, commitment.annualEur, margin);
    return null;
  }
  if (commitment.kind === 'budget') {
    const margin = netSavingsForecastEur(state, scenario);
    const tax = taxVoteProblem(state, scenario, commitment.taxChange);
    if (tax) return explain && tax;
    const cut = -Math.min(0, commitment.taxChange) * votedTaxBaseEur(scenario);
    if (cut > 0 && cut > margin) {
      if (!explain) return false;
      return problem('realBalance', { taxCutEur: cut, netSavingsEur: margin }, `a tax cut of ${fmtM(cut)} a year would leave the budget out of real balance (CGCT L1612-4): net savings to come are ${fmtM(margin)}`);
    }
    // Sincerity (L1612-4): after the cut, the year's investment (the baseline programme, the works
    // signed, the envelope voted) must still be financeable by net savings and the year's loans.
    const after = cut > 0 ? investmentMarginEur(state, scenario, cut) : Infinity;
    if (cut > 0 && after < commitment.envelopeEur) {
      if (!explain) return false;
      return problem('realBalance', { taxCutEur: cut, netSavingsEur: margin, investmentMarginEur: after }, `a tax cut of ${fmtM(cut)} a year would leave the budget out of real balance (CGCT L1612-4): the year's investment could no longer be financed by net savings and the loans the debt's trajectory allows (${fmtM(after)} left)`);
    }
    // The payment credits falling due this year on works signed (AP/CP, L2311-3, R2311-9): a budget
    // that leaves them out is not sincere (L1612-4), and the prefect would write them in (L1612-15:
    // refusing the vote is the model's shortcut for that procedure). Under the prefect's settlement
    // his budget carries them (the envelope 0 allowed above).
    const dueEur = underSettlement(state) ? 0 : paymentsDueEur(state);
    if (commitment.envelopeEur + 1 < dueEur) {
      if (!explain) return false;
      return problem('paymentsDueNotCarried', { envelopeEur: commitment.envelopeEur, dueEur }, `an envelope of ${fmtM(commitment.envelopeEur)} leaves out the ${fmtM(dueEur)} of payment credits falling due this year on works already signed: a budget that omits them is not sincere (CGCT L1612-4), and the prefect would write them in (L1612-15)`);
    }
    // What is due may be voted beyond the capacity: that capacity is the model's prudential bound (the
    // borrowing room spread over the plan's years), not the legal balance; the year end's real
    // balance (L1612-4, L1612-14) then judges the year's figures.
    const capacity = envelopeCapacityEur(state, scenario);
    if (commitment.envelopeEur > Math.max(capacity, dueEur) + 1) {
      if (!explain) return false;
      return problem('envelopeUnfinanceable', { envelopeEur: commitment.envelopeEur, capacityEur: capacity }, `an envelope of ${fmtM(commitment.envelopeEur)} cannot be financed this year: net savings and what banks would lend leave ${fmtM(capacity)} after the baseline programme, for the works already signed and new ones alike`);
    }
    return null;
  }
  const { terms, builder } = commitment;
  const figures = commitment.figures ?? budgetFigures();
  const { net, financedEur, byBudgetYear } = commitment.capital ?? worksCapitalEur(state, scenario, terms, builder);
  // The year's payment credits (AP/CP, CGCT L2311-3, R2311-9): the works payable before the next
  // budget, the part the signature books (contracts.ts), must fit what is left of the envelope.
  const thisYear = byBudgetYear[0]!;
  if (thisYear > city.envelopeLeftEur + 1) {
    if (!explain) return false;
    return problem('envelopeExceeded', { neededEur: thisYear, envelopeLeftEur: city.envelopeLeftEur }, `the smart-city envelope: the city's share of these works this year, ${fmtM(thisYear)} net of expected grants, exceeds the ${fmtM(city.envelopeLeftEur)} left in the envelope the council voted`);
  }
  if (terms.annualPaymentEur > 0) {
    const margin = (figures.netSavingsEur ??= netSavingsForecastEur(state, scenario));
    if (terms.annualPaymentEur > margin) return explain && goldenRule(state, scenario, terms.annualPaymentEur, margin);
  }
  const limit = scenario.funding.lendersRefuseYears;
  // Lenders count partnership debt with loans, and a partnership's financed capital as new debt.
  const ratio = lendersRatioWith(state, scenario, figures, rentOperatingEur(scenario, terms, financedEur), [net, financedEur]);
  if (net + financedEur > 0 && ratio > limit) {
    if (!explain) return false;
    const shown = Number.isFinite(ratio) ? Math.min(ratio, 99) : 99;
    // The ratio before this commitment, as the HUD shows it beside today's (`projectedDebtYears`).
    const signed = lendersRatioYears(state, scenario, 0);
    return problem(
      'lendersRefuse',
      { borrowEur: net + financedEur, ratioYears: shown, signedYears: Number.isFinite(signed) ? Math.min(signed, 99) : 99, limitYears: limit, referenceYears: scenario.city.debtCeilingYears },
      `no bank would lend: ${fmtM(net + financedEur)} of new debt (loans and partnership capital) would raise debt ÷ gross savings to ${shown.toFixed(1)} years, past the ${limit} years lenders accept (the ${scenario.city.debtCeilingYears}-year reference is already an alarm)`,
    );
  }
  // The schedule of payment credits (R2311-9 asks an AP to carry it): a signature books only the
  // year's credits (contracts.ts); each later budget year's payments — works already signed due
  // then and these works' part — must be financeable in that year, read from this year's
  // investment margin as a forecast. A prudential rule of the model (the multi-year investment
  // plan, L2312-1, and the lenders read it), not a balance rule: L2311-3 judges the investment
  // section's balance on the year's payment credits alone.
  if (byBudgetYear.length > 1) {
    const pending = (figures.pendingByBudgetYearEur ??= pendingCapitalByBudgetYearEur(state));
    const margin = (figures.investmentMarginEur ??= Math.max(0, investmentMarginEur(state, scenario, 0)));
    for (let k = 1; k < byBudgetYear.length; k++) {
      const works = byBudgetYear[k]!;
      if (!(works > 0)) continue;
      const needed = works + (pending[k] ?? 0);
      if (needed > margin + 1) {
        if (!explain) return false;
        return problem('programmeUnfinanceable', { yearsAhead: k, neededEur: needed, worksEur: works, capacityEur: margin }, `the multi-year investment plan: in the budget ${k} year(s) from now these works and those already signed call for ${fmtM(needed)} of payment credits, more than the ${fmtM(margin)} a year the budget can finance after the baseline programme`);
      }
    }
  }
  return null;
}

/** Tax rates are voted once a year, in the budget's first month (CGI 1639 A), within their legal cap (CGI 1636 B septies). */
function taxVoteProblem(state: SimState, scenario: Scenario, change: number): Problem | null {
  if (change === 0) return null;
  const nextBudget = nextBudgetTick(state.tick);
  if (!isBudgetMonth(state.tick)) {
    return problem('taxOutsideBudget', { month: monthOfYear(state.tick), nextBudgetTick: nextBudget }, `a change of tax rates: the rates are voted once a year, with the budget (CGI 1639 A); the next vote is in month ${nextBudget}`);
  }
  const voted = state.city.taxVotes.find((v) => v.tick === state.tick);
  if (voted) {
    return problem('taxAlreadyVoted', { votedTick: voted.tick, nextBudgetTick: nextBudget }, `a second change of tax rates: this year's rates were voted in month ${voted.tick} (CGI 1639 A); the next vote is in month ${nextBudget}`);
  }
  const level = state.city.taxLevel;
  const cap = scenario.city.maxTaxLevel;
  if (change > 0 && level + change > cap + 1e-9) {
    return problem('taxCap', { taxLevel: level, change, foundLevel: level + change, capLevel: cap }, `a tax rise to ${(level + change).toFixed(2)} times the starting rates: past the legal cap of ${cap.toFixed(2)} (CGI 1636 B septies)`);
  }
  return null;
}

function goldenRule(state: SimState, scenario: Scenario, annualEur: number, margin: number): Problem {
  const principal = annualPrincipalEur(state, scenario);
  // What is signed and not yet in net savings: its operating part and a partnership's first capital part, each once.
  const p = pendingAnnual(state, scenario);
  const pending = p.operatingEur + p.rentCapitalEur;
  return problem(
    'goldenRule',
    { paymentEur: annualEur, grossSavingsEur: state.city.grossSavingsEur, principalEur: principal, pendingEur: pending, netSavingsEur: margin },
    `the real balance (CGCT L1612-4): paying ${fmtM(annualEur)} a year would leave the operating section unable to repay debt from its own resources (gross savings ${fmtM(state.city.grossSavingsEur)}, debt repayment ${fmtM(principal)}, already signed ${fmtM(pending)})`,
  );
}
