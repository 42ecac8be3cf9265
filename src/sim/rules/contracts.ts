/**
 * Contracts: signature, execution month by month, and their ends (completion, termination in the
 * public interest, amendment).
 *
 * Five forms (CCP): procurement (*marché public*: the city pays the whole price during the works,
 * then runs the project itself); global performance contract (*marché global de performance*,
 * L2171-3: the partner designs, builds, runs and maintains for N years; no deferred payment
 * (L2191-5), so the city pays the whole works as built and an annual payment for operation,
 * maintenance and performance; the partner guarantees a share of the expected energy savings and
 * pays `penaltyRate` euros per euro of shortfall); partnership (*marché de partenariat*, L2211-1:
 * the partner finances what the city does not pay during the works; the rent's capital part repays
 * that capital — a debt of the city, `partnershipDebtEur` — and is booked in the investment
 * section, its interest and service parts in the operating section); concession (L1121-1: the
 * partner finances and is paid from operating, the savings share, bearing the operating risk);
 * pilot (small scale in one district, short, no commitment to scale).
 * The partner's unrecovered investment grows at its cost of capital and falls with its net
 * receipts. If the city ends a contract early in the public interest it owes the partner that
 * unamortised investment plus the clause's share (`terminationCompensation`) of its lost profit
 * (`terminationCompensationEur`; CE Ass. 21 Dec 2012 Commune de Douai). A payment cut is an
 * amendment (*avenant*): consensual, the city proposes it with the length that keeps the partner's
 * financial balance (the balance CCP L6 protects against the buyer's unilateral modification; the
 * partner would not sign less), the partner signs or refuses within `amendmentAnswerMonths`, and a
 * refused amendment leaves the contract as it was. An amendment may not be substantial (R2194-7:
 * that needs a new award): the lengthening it brings is a new purchase, worth the new payment over
 * the added months, and with the amendments signed before it must stay below the EU threshold of the
 * contract's object and below `procurement.deMinimisShare` of the initial value (R2194-8: 10 % for
 * supplies and services, 15 % for works). When a contract ends the city runs what it
 * built (unless, ending it early, it gives up the services that can be switched off); a pilot's
 * deployments stop.
 */
import { cityInvests, cityPays, cityReceives, type TickScratch } from '../money';
import { transfer } from '../ledger';
import { withStream } from '../rng';
import { storeAsFractions } from '../shape';
import { detLog, detPow } from '../det-math';
import type { ProjectFamily, Scenario } from '../scenario-schema';
import type { Amendment, Contract, ContractTerms, Deployment, ProcedureKind, SimState } from '../types';
import { MAX_CONTRACT_YEARS } from './terms';
import { deploymentBenefits, networkUpkeepEur, projectType } from './catalogue';
import { applyForGrants } from './funding';
import { addDeployment, openingTick } from './projects';
import { heldDistricts, replacementOf } from './services';
import { bookPartnerFlow } from './partner';
import { problem, type Problem } from '../refusal';
import { procedureMonths } from './lead-times';
import { awardProcedure, contractObject, estimatedValueEur, sameNeedEur } from './procedure';
import { nextBudgetTick } from '../calendar';

/** A new contract under works, added to the state (its deployments come next). */
function newContract(state: SimState, terms: ContractTerms, builder: 'partner' | 'suppliers', openedTick = state.tick): Contract {
  const contract: Contract = {
    id: state.contracts.length + 1,
    builder,
    terms: structuredClone(terms),
    status: 'building',
    openedTick,
    signedTick: state.tick,
    operationStartTick: -1,
    endTick: -1,
    deployments: [],
    partnerUnrecoveredEur: 0,
    expectedSavingsMWh: 0,
    renegotiations: 0,
    penaltiesPaidEur: 0,
    grantsEur: 0,
    financedCapitalEur: 0,
    capitalOutstandingEur: 0,
    amendment: null,
    partnerFlowsEur: [],
  };
  storeAsFractions(contract, ['partnerUnrecoveredEur', 'expectedSavingsMWh', 'penaltiesPaidEur', 'grantsEur', 'financedCapitalEur', 'capitalOutstandingEur']);
  storeAsFractions(contract.terms, ['durationYears', 'cityCapitalShare', 'annualPaymentEur', 'guaranteedSavingShare', 'penaltyRate', 'terminationCompensation', 'savingsShareToPartner']);
  state.contracts.push(contract);
  return contract;
}

/**
 * The terms of the partner contracts that maintain a network now (building or running, with an
 * upkeep taken over), less the districts where `terms` (at scale) replace their equipment: a
 * renewal contract takes the maintenance over from the contract it succeeds there (that one ends
 * with its equipment, services.ts `replacementOf`), else the network would go back to no one.
 */
function maintainedByOthers(state: SimState, scenario: Scenario, terms: ContractTerms): ContractTerms[] {
  const families = terms.pilot ? [] : terms.projects.map((p) => projectType(scenario, p)!.family);
  const out: ContractTerms[] = [];
  for (const c of state.contracts) {
    if ((c.networkUpkeepEur ?? 0) <= 0 || (c.status !== 'building' && c.status !== 'running')) continue;
    const replaced = (district: number) => c.deployments.some((uid) => {
      const d = state.deployments[uid - 1]!;
      return !d.pilot && d.stage === 'operating' && d.district === district && families.includes(d.family);
    });
    const districts = c.terms.districts.filter((district) => !terms.districts.includes(district) || !replaced(district));
    out.push(districts.length === c.terms.districts.length ? c.terms : { ...c.terms, districts });
  }
  return out;
}

/** The share of a contract's works (at catalogue price) payable before the next budget: each
 *  deployment's months of works from its start (now, or when its award procedure or the equipment
 *  it replaces lets it start) to the budget year's end, over its build months. */
function payableThisBudgetYearShare(state: SimState, contract: Contract): number {
  const yearEnd = nextBudgetTick(state.tick);
  let all = 0;
  let thisYear = 0;
  for (const uid of contract.deployments) {
    const d = state.deployments[uid - 1]!;
    all += d.capexEur;
    if (d.buildMonths <= 0) {
      thisYear += d.capexEur;
      continue;
    }
    const start = Math.max(state.tick, d.worksStartTick ?? state.tick);
    thisYear += (d.capexEur * Math.max(0, Math.min(start + d.buildMonthsLeft, yearEnd) - start)) / d.buildMonths;
  }
  return all > 0 ? thisYear / all : 1;
}

/** Signs a contract: creates its deployments and applies for its grants. A purchase the city makes
 *  itself (builder 'suppliers') is signed now but its works wait for its award procedure.
 *  `award.openedTick`: when its procedure opened (a negotiation's notice; default: now);
 *  `award.worksPriceFactor`: the awarded price of the works as a share of catalogue (default 1);
 *  `award.procedure`: a purchase's award procedure when the caller has it (default: `purchaseProcedure`);
 *  `award.deliberationMonths`: the months of internal agreement a purchase's award adds to its
 *  procedure (negotiation.ts `ratifyPurchase`; default 0). */
export function signContract(state: SimState, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers', award: { openedTick?: number; worksPriceFactor?: number; procedure?: ProcedureKind; deliberationMonths?: number } = {}): Contract {
  const contract = newContract(state, terms, builder, award.openedTick ?? state.tick);
  const price = builder === 'partner' ? (award.worksPriceFactor ?? 1) : 1;
  if (price !== 1) contract.worksPriceFactor = price;
  const upkeep = builder === 'partner' ? networkUpkeepEur(scenario, terms, maintainedByOthers(state, scenario, terms)) : 0;
  if (upkeep > 0) contract.networkUpkeepEur = upkeep;
  const worksStartTick = builder === 'suppliers' ? tenderPurchase(state, scenario, contract, award.procedure ?? purchaseProcedure(state, scenario, terms, contract.id), award.deliberationMonths ?? 0) : undefined;
  for (const p of terms.projects) {
    const type = projectType(scenario, p)!;
    for (const district of terms.districts) {
      const d = addDeployment(state, scenario, { typeId: p, district, pilot: terms.pilot, contractId: contract.id });
      if (worksStartTick !== undefined) d.worksStartTick = worksStartTick;
      // A replacement enters service when the equipment it replaces ends, not before (services.ts).
      const renewal = replacementOf(state, d);
      if (renewal !== null) {
        d.replaces = renewal.uid;
        d.worksStartTick = Math.max(d.worksStartTick ?? state.tick, renewal.worksStartTick);
      }
      contract.deployments.push(d.uid);
      contract.expectedSavingsMWh += deploymentBenefits(type, scenario, district, d.scale).energyMWh;
    }
    if (!terms.pilot) markPilotScaled(state, p);
  }
  if (builder === 'partner' && !terms.pilot && (terms.form === 'performance' || terms.form === 'partnership')) phaseWorks(state, contract);
  if (builder === 'partner') state.counters.contractsSigned += 1;
  const grants = applyForGrants(state, scenario, contract);
  // The city's own capital this year comes out of its smart-city envelope.
  const share = builder === 'suppliers' || terms.form === 'procurement' ? 1 : terms.cityCapitalShare;
  let capex = 0;
  for (const uid of contract.deployments) capex += state.deployments[uid - 1]!.capexEur;
  capex *= price;
  // In a partnership contract the capital the partner finances is a debt of the city, repaid by
  // the capital part of the rent.
  if (builder === 'partner' && terms.form === 'partnership') {
    contract.financedCapitalEur = capex * (1 - terms.cityCapitalShare);
    contract.capitalOutstandingEur = contract.financedCapitalEur;
  }
  // The year's payment credits (AP/CP, CGCT L2311-3, R2311-9): only the part of the works payable
  // before the next budget comes out of this year's envelope; each later year's budget carries its
  // own part (legality.ts `pendingCapitalEur`, deducted at its vote). Until issue 9's eighteenth
  // round the whole net capital was booked here and its later parts charged again at their year's
  // vote: a euro of works not paid in its signature year counted against two years.
  const booked = Math.max(0, capex * share - grants) * payableThisBudgetYearShare(state, contract);
  state.city.envelopeLeftEur = Math.max(0, state.city.envelopeLeftEur - booked);
  contract.initialValueEur = capex * share + terms.annualPaymentEur * terms.durationYears;
  contract.amendedValueEur = 0;
  state.city.yearCommittedEur += booked;
  if (terms.pilot) duplicatePilots(state, scenario, terms);
  state.log.push({ tick: state.tick, kind: 'contractSigned', data: { id: contract.id, form: terms.form, builder, projects: terms.projects.join('+'), years: terms.durationYears } });
  return contract;
}

/**
 * A performance or partnership contract starts its clock when its last works end (`stepContracts`)
 * and may not outlive the shortest life in its scope (terms.ts `outlivesEquipment`); both lenses
 * value every project of the deal as opening then (valuation.ts `buildYearsOf`). So the model has
 * the builder phase the quicker works to open with the slowest, each starting as late as lets it:
 * a convention of the model, not a rule of law (a buyer may accept pieces as delivered, CCAG-Travaux
 * art. 42, and have the holder renew them), MODEL §8, §18. Before, quicker works opened first and
 * their equipment aged from then, so a short-lived one could end inside the contract while the city
 * still paid for it (88 deployments on seeds 1–32, about 13 months each). A replacement in the
 * bundle opens with the rest too: when that is later than the end of the equipment it replaces,
 * that equipment runs on until it opens (projects.ts `awaitsReplacement`: the service is not
 * interrupted, *continuité du service public*); when the replacement's own wait (`replacementOf`)
 * is the latest, the others wait for it.
 */
function phaseWorks(state: SimState, c: Contract): void {
  let opening = 0;
  for (const uid of c.deployments) opening = Math.max(opening, openingTick(state.deployments[uid - 1]!, state.tick));
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    const start = opening - d.buildMonthsLeft;
    if (start > (d.worksStartTick ?? state.tick)) d.worksStartTick = start;
  }
}

/**
 * The procedure a purchase the city makes itself goes through (`awardProcedure`, buyer 'suppliers'),
 * valued as the whole need: with the family's other purchases alone of this mandate still under
 * works or in service, outside these terms' districts (procedure.ts `sameNeedEur`). The contract
 * `exceptId` itself is excluded (a commune's copy of a pilot, another buyer's purchase, is never
 * counted: `duplicatePilots` values it alone).
 */
export function purchaseProcedure(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, exceptId = 0): ProcedureKind {
  const families = new Set(terms.projects.map((p) => projectType(scenario, p)?.family));
  return awardProcedure(scenario, terms, 'suppliers', sameNeedEur(state, scenario, families, terms.districts, exceptId));
}

/**
 * The award procedure of a purchase the city makes itself (CCP: R2124-2 open call for tenders,
 * bids ≥ 35 days R2161-2, award, standstill R2182-1; below the thresholds an adapted procedure,
 * R2123-1): the month its works may start, logged.
 */
function tenderPurchase(state: SimState, scenario: Scenario, c: Contract, kind: ProcedureKind, deliberationMonths: number): number {
  const worksStartTick = state.tick + procedureMonths(scenario, kind) + deliberationMonths;
  state.log.push({ tick: state.tick, kind: 'purchaseTendered', data: { id: c.id, procedure: kind, object: contractObject(scenario, c.terms), valueEur: Math.round(estimatedValueEur(scenario, c.terms)), worksStartTick } });
  return worksStartTick;
}

/** Scaling a type whose pilot succeeded counts as a pilot scaled (passage à l'échelle). */
function markPilotScaled(state: SimState, typeId: string): void {
  for (const d of state.deployments) {
    if (d.pilot && !d.duplicate && !d.scaled && d.type === typeId && d.realisation > 0) {
      d.scaled = true;
      state.counters.pilotsScaled += 1;
      return;
    }
  }
}

/**
 * Low alignment disperses the effort (DESIGN C4): when a pilot starts, each other district's
 * commune launches its own copy with probability 0.3 × (1 − alignment), paid by the city side and
 * never scaled — except where the service already runs or is contracted at scale (no pilot there).
 */
function duplicatePilots(state: SimState, scenario: Scenario, terms: ContractTerms): void {
  const p = 0.3 * (1 - state.alignment);
  const copies: number[] = [];
  withStream(state, 'city', (rng) => {
    for (let i = 0; i < state.districts.length; i++) if (!terms.districts.includes(i) && rng.chance(p)) copies.push(i);
  });
  // No copy where one of its families already runs, is built or is contracted at scale (rules/services.ts).
  const held = new Set<number>();
  for (const proj of terms.projects) for (const d of heldDistricts(state, scenario, projectType(scenario, proj)!.family, false)) held.add(d);
  for (const district of copies) {
    if (held.has(district)) continue;
    const dupTerms: ContractTerms = { ...structuredClone(terms), form: 'procurement', districts: [district], grantCalls: [], cityCapitalShare: 1, annualPaymentEur: 0 };
    const c = newContract(state, dupTerms, 'suppliers');
    // The commune's own purchase, valued alone (no need of the city's counts with it).
    const worksStartTick = tenderPurchase(state, scenario, c, awardProcedure(scenario, dupTerms, 'suppliers', 0), 0);
    for (const proj of terms.projects) {
      const d = addDeployment(state, scenario, { typeId: proj, district, pilot: true, contractId: c.id, duplicate: true });
      d.worksStartTick = worksStartTick;
      c.deployments.push(d.uid);
    }
    state.counters.duplicatePilots += terms.projects.length;
    state.log.push({ tick: state.tick, kind: 'duplicatePilot', data: { district: state.districts[district]!.id, projects: terms.projects.join('+') } });
  }
}

/** Contracts phase: payments, guarantees and ends of every contract, this month. */
export function contractsPhase(state: SimState, scenario: Scenario, scratch: TickScratch, savingsByContract: Map<number, number>): void {
  const price = scenario.energy.priceEurPerMWh * state.energyPriceFactor;
  const monthlyRate = partnerMonthlyRate(scenario);
  for (const c of state.contracts) {
    if (c.amendment && state.tick - c.amendment.proposedTick >= scenario.negotiation.amendmentAnswerMonths) {
      state.log.push({ tick: state.tick, kind: 'amendmentLapsed', data: { id: c.id } });
      c.amendment = null;
    }
    if (c.status === 'building') {
      const deps = c.deployments.map((uid) => state.deployments[uid - 1]!);
      if (deps.every((d) => d.stage !== 'building')) {
        if (c.terms.form === 'procurement' || c.builder === 'suppliers') {
          c.status = 'completed';
          c.operationStartTick = state.tick;
          c.endTick = state.tick + (c.terms.pilot ? c.terms.durationYears * 12 : 0);
          if (c.builder === 'partner') state.partner.transferableExperience += 1;
        } else {
          c.status = 'running';
          c.operationStartTick = state.tick;
          c.endTick = state.tick + Math.round(c.terms.durationYears * 12);
        }
      }
      // A contract that starts running this month is paid for this month (N years: 12N payments).
      if (c.status !== 'running') continue;
    }
    if (c.terms.pilot && c.status === 'completed' && state.tick === c.endTick) endPilotDeployments(state, c);
    if (c.status !== 'running') continue;
    if (state.tick >= c.endTick) {
      c.status = 'completed';
      state.partner.transferableExperience += c.terms.pilot ? 0.3 : 1;
      if (c.terms.pilot) endPilotDeployments(state, c);
      state.log.push({ tick: state.tick, kind: 'contractCompleted', data: { id: c.id } });
      continue;
    }
    const payment = c.terms.annualPaymentEur / 12;
    payRent(state, scratch, c, payment, monthlyRate);
    networkUpkeep(state, scratch, c);
    const saved = savingsByContract.get(c.id) ?? 0;
    const share = saved * price * c.terms.savingsShareToPartner;
    cityPays(state, scratch, { to: 'partner', eur: share, reason: 'savings share', section: 'operating', smart: true });
    bookPartnerFlow(state, c, payment + share);
    let penalty = 0;
    if (c.terms.guaranteedSavingShare > 0 && c.terms.penaltyRate > 0) {
      const guaranteed = (c.terms.guaranteedSavingShare * c.expectedSavingsMWh) / 12;
      penalty = c.terms.penaltyRate * Math.max(0, guaranteed - saved) * price;
      if (penalty > 0) {
        cityReceives(state, scratch, { from: 'partner', eur: penalty, reason: 'performance penalty', section: 'operating', smart: true });
        c.penaltiesPaidEur += penalty;
        bookPartnerFlow(state, c, -penalty);
      }
    }
    // Only what the receipts bring above the running costs the partner pays out of them recovers
    // its investment (issue 9, sixth round: the whole receipts used to, so a contract ended soon
    // after its works owed the partner far less than it had put in).
    const recovered = Math.max(0, payment + share - penalty - partnerRunningCostPerMonth(state, scenario, c));
    c.partnerUnrecoveredEur = Math.max(0, c.partnerUnrecoveredEur * (1 + monthlyRate) - recovered);
  }
}

/** The maintenance of the existing networks in its scope (MODEL §8): the city pays the contract what
 *  it paid its own suppliers for it (its running costs fall by the same, rules/budget.ts), and the
 *  partner pays the suppliers that do it; at cost, so neither side's money changes. */
function networkUpkeep(state: SimState, scratch: TickScratch, c: Contract): void {
  const eur = (c.networkUpkeepEur ?? 0) / 12;
  if (eur <= 0) return;
  cityPays(state, scratch, { to: 'partner', eur, reason: 'network maintenance', section: 'operating', smart: false });
  transfer(state.ledger, 'partner', 'suppliers', eur, 'network maintenance');
  scratch.upkeepTakenOverEur += eur;
}

function endPilotDeployments(state: SimState, c: Contract): void {
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage === 'operating') d.stage = 'ended';
  }
}

/**
 * The monthly rent: in a partnership contract its capital part (an annuity over the contract at
 * the partner's cost of capital) repays the financed capital and is booked in the investment
 * section, its interest and the service part in the operating section; other forms' payments pay
 * operation, maintenance and performance (operating section).
 */
function payRent(state: SimState, scratch: TickScratch, c: Contract, payment: number, monthlyRate: number): void {
  if (c.capitalOutstandingEur <= 0 || payment <= 0) {
    cityPays(state, scratch, { to: 'partner', eur: payment, reason: 'annual payment', section: 'operating', smart: true });
    return;
  }
  const owed = c.capitalOutstandingEur;
  const { capital, interest } = rentMonth(owed, payment, rentAnnuity(owed, Math.max(1, c.endTick - state.tick), monthlyRate), monthlyRate);
  const service = payment - capital - interest;
  // The capital part pays for works the city will own: investment, FCTVA-eligible (CGCT L1615-12),
  // and debt repayment (rules/budget.ts pays it from own resources, never from a loan).
  cityInvests(state, scratch, { to: 'partner', eur: capital, reason: 'partnership rent: capital', smart: true });
  scratch.rentCapitalEur += capital;
  cityPays(state, scratch, { to: 'partner', eur: interest, reason: 'partnership rent: interest', section: 'operating', smart: true });
  cityPays(state, scratch, { to: 'partner', eur: service, reason: 'annual payment', section: 'operating', smart: true });
  c.capitalOutstandingEur = Math.max(0, owed - capital);
}

/** The partner's cost of capital a month: the rate of a partnership rent's annuity. */
export function partnerMonthlyRate(scenario: Scenario): number {
  // A pure function of the annual rate: the last answer is kept (the budget checks ask it for every
  // partner contract at each check, always of the same rate).
  const annual = scenario.partner.discountRate;
  if (!Object.is(annual, lastMonthlyRate.annual)) lastMonthlyRate = { annual, monthly: detPow(1 + annual, 1 / 12) - 1 };
  return lastMonthlyRate.monthly;
}

/** `partnerMonthlyRate`'s last answer (NaN: none yet; `Object.is` tells NaN apart from any rate but NaN, whose answer is NaN). */
let lastMonthlyRate: { annual: number; monthly: number } = { annual: NaN, monthly: NaN };

/** The monthly annuity that repays `owedEur` in `months` payments at `monthlyRate`. */
function rentAnnuity(owedEur: number, months: number, monthlyRate: number): number {
  return monthlyRate > 0 ? (owedEur * monthlyRate) / (1 - detPow(1 + monthlyRate, -months)) : owedEur / months;
}

/** One month's split of a partnership rent `payment` with `owedEur` of capital still owed: the
 *  capital part is the annuity less the interest due (at most the payment and what is owed), the
 *  interest part the rest up to the interest due; what is left of the payment is the service part. */
function rentMonth(owedEur: number, payment: number, annuity: number, monthlyRate: number): { capital: number; interest: number } {
  const interestDue = owedEur * monthlyRate;
  const capital = Math.min(payment, owedEur, Math.max(0, annuity - interestDue));
  return { capital, interest: Math.min(payment - capital, interestDue) };
}

/**
 * A rent over the next 12 monthly payments, split as `payRent` will book them (month by month, the
 * first of them now): `capitalEur`, the capital part (debt repayment, investment section), and
 * `operatingEur`, the annual payment less it (the interest and service parts, or the whole payment
 * of a contract that repays no capital: operating spending, which alone lowers gross savings).
 * `owedEur`: the capital still owed; `months`: the payments left (a contract under works: all of them).
 */
export function rentYear(owedEur: number, annualPaymentEur: number, months: number, monthlyRate: number): { capitalEur: number; operatingEur: number } {
  const payment = annualPaymentEur / 12;
  let capital = 0;
  if (owedEur > 0 && payment > 0 && months > 0) {
    let owed = owedEur;
    let annuity = rentAnnuity(owed, months, monthlyRate);
    for (let k = 0; k < Math.min(12, months) && owed > 0; k++) {
      const part = rentMonth(owed, payment, annuity, monthlyRate).capital;
      // On the schedule the annuity `payRent` computes each month stays the same; off it (a rent
      // below its capital part) it is computed again on what is still owed, as `payRent` does.
      const scheduled = annuity - owed * monthlyRate;
      owed = Math.max(0, owed - part);
      capital += part;
      if (part < scheduled && owed > 0) annuity = rentAnnuity(owed, Math.max(1, months - k - 1), monthlyRate);
    }
  }
  return { capitalEur: capital, operatingEur: annualPaymentEur - capital };
}

/** `rentYear` of a partner contract under works or running: the capital it still owes over the months it has left (from its first month of operation while under works). */
export function contractRentYear(state: Readonly<SimState>, scenario: Scenario, c: Contract): { capitalEur: number; operatingEur: number } {
  return rentYear(c.capitalOutstandingEur, c.terms.annualPaymentEur, monthsLeft(state, c), partnerMonthlyRate(scenario));
}

/**
 * What the city owes the partner of a partnership contract as debt: the capital still to repay in
 * the rents of its partnership contracts under works or running (euros). The debt-capacity ratio
 * counts it with the city's loans (the budget's ratio reads it).
 */
export function partnershipDebtEur(state: SimState): number {
  let sum = 0;
  for (const c of state.contracts) if (c.builder === 'partner' && (c.status === 'building' || c.status === 'running')) sum += c.capitalOutstandingEur;
  return sum;
}

/**
 * The capital part of partnership rents due over the next 12 months, euros: each running
 * partnership's `contractRentYear` (the annuity's capital parts, as `payRent` will book them).
 * Debt repayment: the real balance counts it with the loans' principal.
 */
export function partnershipPrincipalEur(state: SimState, scenario: Scenario): number {
  let sum = 0;
  for (const c of state.contracts) {
    if (c.builder !== 'partner' || c.status !== 'running' || c.capitalOutstandingEur <= 0) continue;
    sum += contractRentYear(state, scenario, c).capitalEur;
  }
  return sum;
}

/**
 * The partner's running cost of a contract's deployments this month, euros (its private figures):
 * those that operate (rules/projects.ts charges it only for them; one that has reached the end of
 * its life, or been given up, costs it nothing more).
 */
function partnerRunningCostPerMonth(state: SimState, scenario: Scenario, c: Contract): number {
  let sum = 0;
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage !== 'operating') continue;
    sum += (projectType(scenario, d.type)!.opexShare * d.trueCostEur) / 12;
  }
  return sum;
}

/** Months of a contract still to run (its whole length while under works). */
export function monthsLeft(state: Readonly<SimState>, c: Contract): number {
  return c.status === 'running' ? Math.max(0, c.endTick - state.tick) : Math.round(c.terms.durationYears * 12);
}

export interface TerminationCompensation {
  /** The partner's investment not yet recovered (always owed: Commune de Douai), euros. */
  unamortisedEur: number;
  /** Its lost profit on the rest of the contract, before the clause, euros. */
  lostProfitEur: number;
  /** What the city pays: the unamortised investment + the clause's share of the lost profit. */
  totalEur: number;
}

/**
 * The partner's own outlay on the works not yet built (its true cost less the city's share of the
 * price, for the build months left): ending the contract saves it, so it is no lost profit.
 */
function unbuiltOutlayEur(state: Readonly<SimState>, c: Contract): number {
  const share = c.terms.form === 'procurement' ? 1 : c.terms.cityCapitalShare;
  let unbuilt = 0;
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage === 'building' && d.buildMonths > 0) unbuilt += Math.max(0, ((d.trueCostEur - d.capexEur * share) * d.buildMonthsLeft) / d.buildMonths);
  }
  return unbuilt;
}

/**
 * The compensation owed when the city ends a contract in the public interest (résiliation pour
 * motif d'intérêt général): the partner's unamortised investment, plus its lost profit (manque à
 * gagner: the present value at its cost of capital of the receipts it expected, net of its
 * running costs, of the investment it recovers and of its outlay on the works it no longer has
 * to build) times the clause `terminationCompensation`. The indemnity repairs the harm, never more
 * (a public body may not pay what it does not owe: CE Sect., 19 Mar 1971, Mergui; a clause
 * manifestly disproportionate to the harm is void: CE, 4 May 2011, CCI de Nîmes). The clause may
 * lower the lost-profit part, never the unamortised part (CE Ass., 21 Dec 2012, Commune de Douai,
 * on a concession's return assets; the model extends it to every form, as lenders' accepted
 * assignments of receivables protect a financed investment in practice). In a partnership the
 * capital still owed on what the partner financed is never less than what is paid: the share of
 * the rent assigned to the lenders and accepted by the city is owed to them whatever becomes of
 * the contract once the buyer has found the works done (cession Dailly acceptée, CMF L313-29-1),
 * so, the works accepted, the unamortised part is at least `capitalOutstandingEur`. The lenders'
 * break costs (swap unwinding) are left out. A partner that finances none of the works (the city
 * pays them all) is owed nothing unamortised: an overrun on a fixed price is its own loss.
 */
export function terminationCompensationEur(state: Readonly<SimState>, scenario: Scenario, c: Contract): TerminationCompensation {
  // A partner that finances none of the works has nothing unamortised: what its account holds is
  // its own overrun on a fixed price. The lenders' floor holds once the works are accepted (the
  // Dailly acceptance follows the buyer's finding that the works are done, CMF L313-29-1 al. 2):
  // under works the account holds what the partner has spent so far.
  const financesNothing = c.terms.form === 'procurement' || c.terms.cityCapitalShare >= 1;
  const lenders = c.status === 'running' ? c.capitalOutstandingEur : 0;
  const unamortised = financesNothing ? 0 : Math.max(0, c.partnerUnrecoveredEur, lenders);
  // Its receipts net of its running cost month by month, each deployment's savings share and
  // running cost only while it lasts (`partnerContractPv`, as an amendment's balance counts them):
  // charging the running cost of equipment that ends before the contract, for every month left,
  // left a partner paid for years after its control centre's end owed nothing (issue 9, h16).
  const lostProfit = Math.max(0, partnerContractPv(state, scenario, c, c.terms.annualPaymentEur, monthsLeft(state, c)) - unamortised - unbuiltOutlayEur(state, c));
  return { unamortisedEur: unamortised, lostProfitEur: lostProfit, totalEur: unamortised + c.terms.terminationCompensation * lostProfit };
}

/**
 * The families whose service stops when no one runs it: a data platform, adaptive traffic-signal
 * control and bus priority (the signals go back to fixed plans: the legacy signals' service
 * comes back, MODEL §8), mobility services, leak and waste sensors, a citizen app. A city that ends their
 * contract may decommission them (it then stops paying their running cost and gets none of their
 * services or savings). The others are assets that go on serving once built: LED street lights
 * (the lamps stay LED and keep saving as long as the city maintains them), a buildings' energy
 * retrofit, solar roofs, green infrastructure, pedestrian streets; ending their contract leaves
 * them to the city, which runs them (MODEL §8).
 */
const SWITCHED_OFF_FAMILIES: ReadonlySet<ProjectFamily> = new Set<ProjectFamily>(['dataPlatform', 'smartTraffic', 'mobilityServices', 'leakDetection', 'wasteSensors', 'citizenApp']);

/** Whether a family's service stops when no one runs it (a city may abandon it), not an asset that goes on serving. */
export function canBeSwitchedOff(family: ProjectFamily): boolean {
  return SWITCHED_OFF_FAMILIES.has(family);
}

/** The deployments of a contract that giving its services up would decommission: running, and of a family that can be switched off. */
export function abandonableDeployments(state: Readonly<SimState>, c: Contract): Deployment[] {
  const out: Deployment[] = [];
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage === 'operating' && canBeSwitchedOff(d.family)) out.push(d);
  }
  return out;
}

/**
 * Months after the end of the works during which a grant-funded operation must keep its object:
 * five years. FEDER: Reg. (EU) 2021/1060 art. 65(1) (art. 71 of Reg. 1303/2013 before it): the
 * contribution is repaid when, within five years of the final payment, the operation undergoes a
 * substantial change undermining its objectives, "in proportion to the period for which the
 * requirements have not been fulfilled". The State (décret 2018-514 art. 14 1°: "l'autorité
 * compétente exige le reversement total ou partiel de la subvention versée [...] si l'objet de la
 * subvention ou l'affectation de l'investissement subventionné ont été modifiés sans autorisation")
 * sets no period and leaves total or partial to the authority and the award decision (art. 8 5°);
 * the model applies the same five years pro rata to it and to the Region (an ASSUMPTION, MODEL §8).
 */
export const GRANT_DURABILITY_MONTHS = 60;

/** One grant's part to repay if a contract's services are given up now. */
export interface GrantRepayment {
  callId: string;
  funder: 'state' | 'region' | 'eu';
  eur: number;
}

/**
 * What the city must repay its funders if it gives up a contract's services now (rules/contracts.ts
 * `cancelContract` with `abandon`): for each grant of the contract, what it has been paid (or is
 * owed, an EU grant awaiting its lag) × the abandoned deployments' share of the works (catalogue
 * price) × the months left of the durability period (`GRANT_DURABILITY_MONTHS` from the end of the
 * works; the whole of it while the works go on) ÷ that period. Nothing when nothing is given up.
 */
export function grantRepaymentIfAbandoned(state: Readonly<SimState>, c: Contract): { totalEur: number; grants: GrantRepayment[] } {
  const given = abandonableDeployments(state, c);
  if (given.length === 0 || c.grantsEur <= 0) return { totalEur: 0, grants: [] };
  let works = 0;
  for (const uid of c.deployments) works += state.deployments[uid - 1]!.capexEur;
  let abandoned = 0;
  for (const d of given) abandoned += d.capexEur;
  const since = c.operationStartTick < 0 ? 0 : Math.max(0, state.tick - c.operationStartTick);
  const left = Math.max(0, GRANT_DURABILITY_MONTHS - since) / GRANT_DURABILITY_MONTHS;
  const share = works > 0 ? (abandoned / works) * left : 0;
  const grants: GrantRepayment[] = [];
  let totalEur = 0;
  if (share <= 0) return { totalEur, grants };
  for (const g of state.grants) {
    if (g.contractId !== c.id || g.paidEur <= 0) continue;
    const eur = g.paidEur * share;
    grants.push({ callId: g.callId, funder: g.funder, eur });
    totalEur += eur;
  }
  return { totalEur, grants };
}

/**
 * The city ends a contract early in the public interest: it pays the compensation (the
 * unamortised investment to its investment section, as it takes the assets back; the lost profit
 * to its operating section); the works stop; what is built stays and the city runs it, except,
 * when it `abandon`s the contract's services (ending a contract to give up a service the new
 * majority does not want: CCP L6 5°, L2195-3 2°; the power exists without a clause, CE, 2 May 1958,
 * Distillerie de Magnac-Laval; a change of policy is a general interest, with full indemnity, CE
 * Ass., 2 Feb 1987, Société TV6), the deployments that can be switched off (`canBeSwitchedOff`),
 * which are decommissioned: they stop serving and cost nothing more, as at the end of their life.
 * Giving them up changes the object of the grants that paid for them: the city repays their part
 * (`grantRepaymentIfAbandoned`, investment section), and the legacy equipment they replaced (the
 * traffic signals under an adaptive control) serves again (rules/services.ts `legacyServices`).
 */
export function cancelContract(state: SimState, scenario: Scenario, scratch: TickScratch, c: Contract, abandon = false): number {
  const comp = terminationCompensationEur(state, scenario, c);
  const lostPaid = comp.totalEur - comp.unamortisedEur;
  cityPays(state, scratch, { to: 'partner', eur: comp.unamortisedEur, reason: 'termination compensation: unamortised investment', section: 'investment', smart: true });
  cityPays(state, scratch, { to: 'partner', eur: lostPaid, reason: 'termination compensation: lost profit', section: 'operating', smart: true });
  bookPartnerFlow(state, c, comp.totalEur);
  c.status = 'cancelled';
  c.endTick = state.tick;
  c.amendment = null;
  c.capitalOutstandingEur = 0;
  if (abandon) repayGrants(state, scratch, c);
  let abandoned = 0;
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage === 'building') d.stage = 'cancelled';
    if (d.pilot && d.stage === 'operating') d.stage = 'ended';
    if (abandon && d.stage === 'operating' && canBeSwitchedOff(d.family)) {
      d.stage = 'ended';
      abandoned += 1;
      restoreLegacy(state, scenario, d);
      state.log.push({ tick: state.tick, kind: 'deploymentEnded', data: { type: d.type, district: state.districts[d.district]!.id, pilot: d.pilot, abandoned: true } });
    }
  }
  state.counters.contractsCancelled += 1;
  state.log.push({ tick: state.tick, kind: 'contractCancelled', data: { id: c.id, compensationEur: Math.round(comp.totalEur), unamortisedEur: Math.round(comp.unamortisedEur), lostProfitPaidEur: Math.round(lostPaid), partnerLossEur: Math.round(comp.lostProfitEur - lostPaid), ...(abandon ? { abandoned } : {}) } });
  c.partnerUnrecoveredEur = 0;
  return comp.totalEur;
}

/** The city repays its funders the grants' part of the services it gives up (investment section, smart-city money). */
function repayGrants(state: SimState, scratch: TickScratch, c: Contract): void {
  for (const r of grantRepaymentIfAbandoned(state, c).grants) {
    cityPays(state, scratch, { to: r.funder, eur: r.eur, reason: `grant ${r.callId} repaid`, section: 'investment', smart: true });
    // The territory counted the grant as others' public money when it came: it no longer is.
    scratch.smartPublicFundsEur -= r.eur;
    const g = state.grants.find((x) => x.contractId === c.id && x.callId === r.callId)!;
    g.repaidEur = (g.repaidEur ?? 0) + r.eur;
    state.log.push({ tick: state.tick, kind: 'grantRepaid', data: { id: c.id, call: r.callId, funder: r.funder, eur: Math.round(r.eur) } });
  }
}

/**
 * A switched-off service hands its district back to the legacy stock it replaced (`territory.legacy`
 * of its family, MODEL §3): the traffic signals stay in the street when their adaptive control is
 * switched off and go back to fixed-time plans. The share it had replaced (its scale) is in place
 * again, as the stock stands now (its wear runs on from the start).
 */
function restoreLegacy(state: SimState, scenario: Scenario, d: Deployment): void {
  if (d.pilot) return;
  const dist = state.districts[d.district]!;
  scenario.territory.legacy.forEach((stock, k) => {
    if (stock.family === d.family) dist.legacyLeft[k] = Math.min(1, (dist.legacyLeft[k] ?? 1) + d.scale);
  });
}

/**
 * What a contract brings its partner month by month from now, beside its payment: for each month
 * t = 1…`months` (index t − 1), `shareEur`, the savings share of the deployments still running, and
 * `runningEur`, their running cost (the partner's true cost), each deployment only while it lasts
 * (its lifetime left, as rules/projects.ts ends it; one under works is counted from this month
 * for its whole life, not from its opening: a simplification, MODEL §18). A deployment that has reached the end of its life saves nothing and costs the
 * partner nothing more (rules/projects.ts: the partner runs only what operates), so a balance that
 * charged its running cost after its end overpaid the partner of a contract bundling short-lived
 * equipment (review of issue 9's eighth round: seed 9's contract 3, whose eight-year mobility
 * services end a year before the contract). `lastMonth`: the last month anything still runs;
 * `firstEndMonth`: the months until the first of them ends (0 when none runs).
 */
export function partnerMonthlyFlows(state: Readonly<SimState>, scenario: Scenario, c: Contract, months: number): { shareEur: number[]; runningEur: number[]; lastMonth: number; firstEndMonth: number } {
  const price = scenario.energy.priceEurPerMWh * state.energyPriceFactor;
  const shareEur = new Array<number>(Math.max(0, months)).fill(0);
  const runningEur = new Array<number>(Math.max(0, months)).fill(0);
  let lastMonth = 0;
  let firstEndMonth = Infinity;
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage !== 'operating' && d.stage !== 'building') continue;
    const type = projectType(scenario, d.type)!;
    const life = Math.max(0, d.lifetimeMonths - d.ageMonths);
    lastMonth = Math.max(lastMonth, life);
    firstEndMonth = Math.min(firstEndMonth, life);
    const share = (c.terms.savingsShareToPartner * deploymentBenefits(type, scenario, d.district, d.scale).energyMWh * price) / 12;
    const running = (type.opexShare * d.trueCostEur) / 12;
    for (let t = 0; t < Math.min(months, life); t++) {
      shareEur[t]! += share;
      runningEur[t]! += running;
    }
  }
  return { shareEur, runningEur, lastMonth, firstEndMonth: Number.isFinite(firstEndMonth) ? firstEndMonth : 0 };
}

/**
 * The partner's present value, at its cost of capital, of a contract paid `annualPaymentEur` for
 * the next `months` months: the payment, plus the savings share less the running cost of what still
 * runs each month (`partnerMonthlyFlows`). What `balancedAmendment` keeps and the partner weighs
 * when it answers an amendment (agents/contract-review.ts), the same numbers.
 */
export function partnerContractPv(state: Readonly<SimState>, scenario: Scenario, c: Contract, annualPaymentEur: number, months: number): number {
  const v = 1 / (1 + partnerMonthlyRate(scenario));
  const { shareEur, runningEur } = partnerMonthlyFlows(state, scenario, c, months);
  let pv = 0;
  let w = 1;
  for (let t = 0; t < months; t++) {
    w *= v;
    pv += w * (annualPaymentEur / 12 + shareEur[t]! - runningEur[t]!);
  }
  return pv;
}

/**
 * What `balancedAmendment` reads of a contract whatever the cut: the months of operation elapsed,
 * its equipment's ends (`partnerMonthlyFlows`), the horizon searched (just past 30 years from the
 * start of operation, so that a length beyond the law's limit is told as such, and at least the
 * contract's months left and its equipment's life), and the partner's monthly flows over it (each
 * month's the same numbers whatever the horizon). A caller that tries several cuts of one contract
 * makes them once (agents/contract-review.ts).
 */
export interface AmendmentFlows {
  elapsed: number;
  lastMonth: number;
  firstEndMonth: number;
  horizon: number;
  shareEur: number[];
  runningEur: number[];
}

/** `AmendmentFlows` of a contract now. */
export function amendmentFlows(state: Readonly<SimState>, scenario: Scenario, c: Contract): AmendmentFlows {
  const elapsed = c.status === 'running' ? state.tick - c.operationStartTick : 0;
  const { lastMonth, firstEndMonth } = partnerMonthlyFlows(state, scenario, c, 0);
  const horizon = Math.max(monthsLeft(state, c), lastMonth, 12 * MAX_CONTRACT_YEARS - elapsed + 1);
  const { shareEur, runningEur } = partnerMonthlyFlows(state, scenario, c, horizon);
  return { elapsed, lastMonth, firstEndMonth, horizon, shareEur, runningEur };
}

/**
 * The amendment a payment cut needs to keep the partner's financial balance (the balance CCP L6
 * protects; an avenant is signed by both sides): the contract is lengthened until the partner's net
 * receipts (payment + savings share − running cost), month by month, each deployment's share and
 * running cost only while it lasts (`partnerMonthlyFlows`), are worth, at its cost of capital, what
 * they were worth before. The payment is one price for the contract's services: after a
 * deployment's end the partner no longer runs it, and the months the balance adds pay only for what
 * still runs (their net counts its running cost no more). A lengthening covers what still runs: past
 * the end of the last of the contract's equipment it would pay for nothing, and none is proposed;
 * a performance or partnership contract is not lengthened past the end of the first of its
 * equipment either, as it may not be signed past it (terms.ts `outlivesEquipment`, issue 9's tenth
 * round: the city would pay for a service no longer rendered).
 * Null when no length up to then balances the cut; `tooLong` when the length passes 30 years from
 * the start of operation. `modificationEur`, the amendment's own amount for the de-minimis limit
 * (CCP R2194-8), is what the added months are worth: the new payment over them, gross, never netted
 * against the cut (the lengthening is a new purchase). `flows`: the contract's `amendmentFlows` now,
 * when the caller has them.
 */
export function balancedAmendment(state: Readonly<SimState>, scenario: Scenario, c: Contract, cut: number, flows: AmendmentFlows = amendmentFlows(state, scenario, c)): { amendment: Amendment; tooLong: boolean; years: number; modificationEur: number } | null {
  const m = monthsLeft(state, c);
  const pay = c.terms.annualPaymentEur / 12;
  const payAfter = pay * (1 - cut);
  const v = 1 / (1 + partnerMonthlyRate(scenario));
  const { elapsed, lastMonth, firstEndMonth, horizon, shareEur, runningEur } = flows;
  const endLimit = c.terms.form === 'performance' || c.terms.form === 'partnership' ? firstEndMonth : lastMonth;
  let target = 0;
  let w = 1;
  for (let t = 0; t < m; t++) {
    w *= v;
    target += w * (pay + shareEur[t]! - runningEur[t]!);
  }
  if (target <= 0) return null;
  let months = 0;
  let after = 0;
  w = 1;
  while (after < target - 1e-6) {
    if (months >= horizon) {
      // Past 30 years and every deployment's life the partner's net is the cut payment alone: when
      // it would still balance the cut, the length is told (`tooLong`), else there is none.
      const gap = target - after;
      const x = payAfter > 0 && v < 1 ? 1 - (gap * (1 - v)) / (w * v * payAfter) : 0;
      if (x <= 0) return null;
      months += Math.ceil(detLog(x) / detLog(v) - 1e-9);
      break;
    }
    w *= v;
    after += w * (payAfter + shareEur[months]! - runningEur[months]!);
    months += 1;
  }
  const years = (elapsed + months) / 12;
  const tooLong = years > MAX_CONTRACT_YEARS + 1e-9;
  if (!tooLong && months > Math.max(m, endLimit)) return null;
  const amendment: Amendment = {
    proposedTick: state.tick,
    paymentCut: cut,
    annualPaymentEur: c.terms.annualPaymentEur * (1 - cut),
    durationYears: c.status === 'running' ? years : months / 12,
    endTick: c.status === 'running' ? state.tick + months : -1,
  };
  // The lengthening is a new purchase: the new payment over the months added to the contract.
  const modificationEur = Math.max(0, (months - m) / 12) * amendment.annualPaymentEur;
  return { amendment, tooLong, years, modificationEur };
}

/** Why an amendment would be a substantial modification needing a new award (CCP R2194-7, R2194-8), or null when it is de minimis. */
export function substantialModification(scenario: Scenario, c: Contract, modificationEur: number): Problem | null {
  const object = contractObject(scenario, c.terms);
  const limitShare = scenario.procurement.deMinimisShare[object];
  const thresholdEur = scenario.procurement.euThresholdsEur[object];
  const initialValueEur = c.initialValueEur ?? c.terms.annualPaymentEur * c.terms.durationYears;
  const totalEur = (c.amendedValueEur ?? 0) + modificationEur;
  const limitEur = Math.min(thresholdEur, limitShare * initialValueEur);
  if (totalEur < limitEur) return null;
  return problem(
    'amendmentSubstantial',
    { contract: c.id, modificationEur: Math.round(totalEur), initialValueEur: Math.round(initialValueEur), limitShare, thresholdEur, object },
    `the amendment to contract ${c.id} would add €${(totalEur / 1e6).toFixed(2)} M to an initial value of €${(initialValueEur / 1e6).toFixed(2)} M: beyond ${Math.round(limitShare * 100)} % of it or the EU threshold of €${(thresholdEur / 1e6).toFixed(3)} M, a substantial modification that needs a new award (CCP R2194-7, R2194-8)`,
  );
}

/** The city proposes an amendment (avenant); it binds only once the partner signs it. */
export function proposeAmendment(state: SimState, c: Contract, amendment: Amendment): void {
  c.amendment = amendment;
  state.log.push({ tick: state.tick, kind: 'amendmentProposed', data: { id: c.id, paymentCut: amendment.paymentCut, annualPaymentEur: Math.round(amendment.annualPaymentEur), durationYears: Math.round(amendment.durationYears * 100) / 100 } });
}

/** The partner answers a proposed amendment: signed, it applies; refused, the contract runs on. */
export function answerAmendment(state: SimState, c: Contract, accept: boolean): void {
  const a = c.amendment!;
  c.amendment = null;
  if (accept) {
    // What the lengthening added counts against the de-minimis limit of later amendments (R2194-8; successive modifications cumulated, R2194-9).
    const addedMonths = c.status === 'running' ? a.endTick - c.endTick : Math.round((a.durationYears - c.terms.durationYears) * 12);
    c.amendedValueEur = (c.amendedValueEur ?? 0) + Math.max(0, addedMonths / 12) * a.annualPaymentEur;
    c.terms.annualPaymentEur = a.annualPaymentEur;
    c.terms.durationYears = a.durationYears;
    if (c.status === 'running') c.endTick = a.endTick;
    c.renegotiations += 1;
    state.counters.contractsRenegotiated += 1;
  }
  state.log.push({ tick: state.tick, kind: accept ? 'contractRenegotiated' : 'amendmentRefused', data: { id: c.id, cut: a.paymentCut } });
}

/** The partner fails: its contracts end; what is built stays and the city runs it. */
export function partnerFails(state: SimState): void {
  for (const c of state.contracts) {
    if (c.builder !== 'partner' || (c.status !== 'building' && c.status !== 'running')) continue;
    c.status = 'failed';
    c.endTick = state.tick;
    for (const uid of c.deployments) {
      const d = state.deployments[uid - 1]!;
      if (d.stage === 'building') d.stage = 'cancelled';
    }
  }
}
