/**
 * The two lenses: the same deal's cash flows and benefits, year by year, as the city sees them and
 * as the partner sees them, each discounted its own way (DESIGN §4).
 *
 * This is the documented reduced model the policies value offers with: it projects a contract's
 * flows from the catalogue and the terms (no look-ahead simulation), with expected values.
 * The city counts its capital share, expected grants, payments, the savings it keeps, the welfare
 * value of the services (weighted by the mayor's priorities, raised by visibility before the next
 * election, and by a data platform's synergies) and of the CO₂ avoided (at `carbonValueEurPerT`),
 * the running costs it bears after the contract (ending a contract early is its own decision,
 * priced when it is taken: contracts.ts); it discounts uncertain benefits by
 * `riskAversion × σ`, where a performance guarantee covers the energy part of σ while the contract
 * runs (after a pilot of the type, both sides expect the builder's mean moved by the gap the pilots
 * measured, at the narrower spread of a scaled draw). Costs and
 * benefits are discounted as discount.ts says (the electoral hazard on benefits only); costs
 * weigh `0.8 + 0.4 × fiscal` times more for a fiscally-minded mayor.
 * The partner counts the price it receives for the works against their true cost, the payments
 * and its savings share against its true running cost and the expected penalties of its
 * guarantee (its risk aversion widens the spread it fears); it discounts at its cost of capital
 * plus a political-risk premium: the yearly hazard that a new majority ends the contract, times
 * the share of its profit the termination clause does not pay back (its unamortised investment is
 * always owed: Commune de Douai). The city's value-for-money comparison of a partnership contract
 * (`valueForMoney`) weighs both options at the public rate alone, as a prior evaluation does.
 */
import type { ProjectType, Scenario } from '../scenario-schema';
import type { ContractTerms, Deployment, SimState } from '../types';
import { buildMonthsOf, deploymentBenefits, deploymentCapexWithTotalEur, projectType, totalUnits } from './catalogue';
import { cityCostWeights, cityWeights, clamp, expectedShortfall, partnerWeights, presentValueWith, type CityLens, type PartnerLens } from './discount';
import { applicationValid, grantIneligibility, successProbability } from './funding';
import { partnerCostFactor, partnerFit } from './partner';
import { GUARANTEE_MEAN_GAIN, GUARANTEE_SPREAD_CUT, PILOT_OWN_SPREAD, SCALED_AFTER_PILOT_SPREAD, TERRITORY_SHARE, guaranteeEffort, dealOverrunFactor, territoryEstimate } from './projects';

export interface SideFlows {
  /** One entry per year from now: year index k covers [k, k+1) years from now. */
  capital: number[];
  grants: number[];
  payments: number[];
  savings: number[];
  services: number[];
  operation: number[];
  penalties: number[];
  /** Expected termination compensation (city: what it may have to pay a cancelled partner). */
  compensation: number[];
  net: number[];
}

export interface DealFlows {
  years: number;
  city: SideFlows;
  partner: SideFlows;
  capexEur: number;
  partnerCapitalEur: number;
  expectedGrantsEur: number;
}

const MAX_YEARS = 45;

/**
 * A row of zeros to copy from: a packed array of doubles, so copies are packed doubles too (the
 * yearly series are written with fractions at once; a holey or integer array would be converted).
 */
const ZERO_ROW: readonly number[] = (() => {
  const row = [0.5];
  for (let k = 1; k < 64; k++) row.push(0);
  row[0] = 0;
  return row;
})();

function zeros(n: number): number[] {
  if (n <= ZERO_ROW.length) return ZERO_ROW.slice(0, n);
  const out = ZERO_ROW.slice();
  for (let k = ZERO_ROW.length; k < n; k++) out.push(0);
  return out;
}

/** The frozen rows of zeros by length, made once: no projection can write to them, so all share them. */
const NONE_ROWS: number[][] = [];

function noneRow(n: number): number[] {
  return (NONE_ROWS[n] ??= Object.freeze(zeros(n)) as number[]);
}

/**
 * The two sides' rows for a projection of n years. The rows a projection never writes (the city's
 * penalties and compensation, the partner's grants, services and compensation, and all but the
 * partner's net when local suppliers build) are one frozen row of zeros, shared: fewer arrays to
 * allocate for the computer players, which project thousands of deals a run (writing to one throws).
 */
function projectionSides(n: number, builder: 'partner' | 'suppliers'): { city: SideFlows; partner: SideFlows } {
  const none = noneRow(n);
  const city: SideFlows = { capital: zeros(n), grants: zeros(n), payments: zeros(n), savings: zeros(n), services: zeros(n), operation: zeros(n), penalties: none, compensation: none, net: zeros(n) };
  const partner: SideFlows =
    builder === 'partner'
      ? { capital: zeros(n), grants: none, payments: zeros(n), savings: zeros(n), services: none, operation: zeros(n), penalties: zeros(n), compensation: none, net: zeros(n) }
      : { capital: none, grants: none, payments: none, savings: none, services: none, operation: none, penalties: none, compensation: none, net: zeros(n) };
  return { city, partner };
}

/** Length of [a, b) that falls in year k, in years. */
function overlap(k: number, a: number, b: number): number {
  return Math.max(0, Math.min(k + 1, b) - Math.max(k, a));
}

/** Months from now to the next election, in years. */
export function yearsToElection(state: Readonly<SimState>): number {
  return Math.max(0, (state.nextElectionTick - state.tick) / 12);
}

/** The city's lens now: the scenario's rate, β and hazard, shifted by the sitting mayor's profile. */
export function cityLens(state: Readonly<SimState>, scenario: Scenario): CityLens {
  const first = scenario.politics.mayors.find((m) => m.id === scenario.city.mayor)!;
  const m = state.city.mayor.profile;
  return {
    rate: scenario.city.discountRate,
    presentBias: clamp(scenario.city.presentBias + (m.presentBias - first.presentBias), 0, 1),
    electoralHazard: clamp(scenario.city.electoralHazard + (m.electoralHazard - first.electoralHazard), 0, 1),
    yearsToElection: yearsToElection(state),
  };
}

/**
 * Yearly hazard that a new majority ends a contract early, as the partner fears it, and the yearly
 * hazard of a payment cut. Since a cut needs the partner's signature (an amendment, CCP L6), the
 * cut hazard is nil; the partner fears an early termination after a defeat: an even chance of
 * defeat at each election, over the term. A procurement contract (the works paid as done) has
 * nothing left to end.
 */
export function politicalHazard(scenario: Scenario, terms: ContractTerms): { cancel: number; cut: number } {
  const loseProb = 0.5;
  const cancel = terms.form === 'procurement' ? 0 : loseProb / scenario.politics.termYears;
  return { cancel, cut: 0 };
}

/**
 * The partner's lens for these terms: its cost of capital plus a political-risk premium. On an
 * early termination it is owed its unamortised investment and the clause's share of its lost
 * profit (Commune de Douai), so what it risks is the rest of its profit: the hazard × (1 − clause)
 * × its margin on what it receives.
 */
export function partnerLens(scenario: Scenario, terms: ContractTerms): PartnerLens {
  const h = politicalHazard(scenario, terms);
  const premium = (h.cancel * (1 - terms.terminationCompensation) * scenario.partner.marginRate + h.cut) * (1 + scenario.partner.riskAversion);
  return { rate: scenario.partner.discountRate, riskPremium: premium, horizonYears: scenario.partner.horizonYears };
}

/** The partner's lens without the political premium (what the law's bounds use: R3114-2, operating risk). */
export function partnerLawLens(scenario: Scenario): PartnerLens {
  return { rate: scenario.partner.discountRate, riskPremium: 0, horizonYears: 1000 };
}

/**
 * The price of the works the city pays, as a share of catalogue prices, in the negotiation under
 * way: with two or more bidders the award is one global price (marché global, CCP L2171-3; the
 * most advantageous offer, L2152-7), and the next-cheapest bidder would build the works at its own
 * cost (`rivalCostFactor`, procedure.ts) and earn its normal return on the payments, so the works
 * price comes down to that cost, never above catalogue; 1 with a single bidder or before the bids.
 */
export function awardedWorksFactor(state: Readonly<SimState>): number {
  const r = state.negotiation?.procedure?.rivalCostFactor;
  return r === null || r === undefined ? 1 : Math.min(1, r);
}

/**
 * Expected grants for the city's capital share, from the calls the terms name whose applications
 * are still good: what `applyForGrants` (funding.ts) awards at signature, times its chance of
 * success — the rate on the works, within each call's budget and, all calls together, within
 * `maxGrantShare` of the city's share of the works (CGCT L1111-10), that share being the whole
 * works for a procurement or a purchase the city makes alone (`cityShare`).
 */
function expectedGrants(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, capex: number, cityShare: number): number {
  let room = scenario.funding.maxGrantShare * capex * cityShare;
  let total = 0;
  const p = successProbability(state, scenario);
  for (const id of terms.grantCalls) {
    const call = state.grantCalls.find((c) => c.id === id);
    if (!call || !applicationValid(state, call)) continue;
    if (grantIneligibility(state, scenario, call, terms) !== null) continue;
    const amount = Math.min(call.budgetLeftEur, call.rate * capex, room);
    total += p * amount;
    room -= p * amount;
  }
  return total;
}

/** Mayor's priority weight on a project type: digital projects for a digital mayor, low-tech for a sober one. */
export function priorityWeight(state: SimState, scenario: Scenario, typeId: string): number {
  const t = projectType(scenario, typeId);
  if (!t) return 1;
  const m = state.city.mayor.profile;
  if (t.lowTech) return 0.6 + 0.8 * m.sober;
  if (t.digital) return 0.6 + 0.8 * m.digital;
  return 1;
}

/** Years the works of a deal take (the longest of its projects; a pilot takes its `pilot.months`). */
export function buildYearsOf(scenario: Scenario, terms: ContractTerms): number {
  let b = 0;
  for (const p of terms.projects) {
    const t = projectType(scenario, p);
    if (t) b = Math.max(b, buildMonthsOf(t, terms.pilot) / 12);
  }
  return b;
}

/**
 * Per district: 1 when a data platform runs (or is in the same deal) there, else 0. One pass over
 * the deployments for all the districts of a deal.
 */
function platformShares(state: SimState, scenario: Scenario, terms: ContractTerms, context: DealContext | null): (district: number) => number {
  if (terms.projects.some((p) => projectType(scenario, p)?.family === 'dataPlatform')) return () => 1;
  const served = context !== null ? context.platformServed : platformServed(state);
  return (district) => (served.has(district) ? 1 : 0);
}

/** The districts a data platform runs in or is being built in. */
function platformServed(state: Readonly<SimState>): Set<number> {
  const served = new Set<number>();
  for (const d of state.deployments) if (d.family === 'dataPlatform' && (d.stage === 'operating' || d.stage === 'building')) served.add(d.district);
  return served;
}

/**
 * What `dealSetup` reads of the deployments for any deal on one state, read once: the districts a
 * data platform serves (`platformServed`) and, by project type as asked, what the pilots measured
 * of the territory (`territoryEstimate`, which reads the deployments, the contracts and the
 * partner's experience). The computer city values dozens of deals on one state at each decision
 * (`dealContext`, made at its start); a policy reads the state and never writes it, so within a
 * decision the same objects hold the same values. A setup uses the context only for a state with
 * those same deployments, contracts and partner (the same objects); for any other it reads the state.
 */
export interface DealContext {
  deployments: SimState['deployments'];
  contracts: SimState['contracts'];
  partner: SimState['partner'];
  platformServed: Set<number>;
  evidence: Map<string, ReturnType<typeof territoryEstimate>>;
  /** `platformSynergyValues` as last asked, with the scenario and alignment it read (asked again for others, it is made afresh). */
  synergies: { scenario: Scenario; alignment: number; values: Map<number, number> } | null;
}

/** The `DealContext` of a state, for the deals one decision values on it. */
export function dealContext(state: Readonly<SimState>): DealContext {
  return { deployments: state.deployments, contracts: state.contracts, partner: state.partner, platformServed: platformServed(state), evidence: new Map(), synergies: null };
}

/** The context if it was made on this state's deployments, contracts and partner, else null. */
function contextFor(state: Readonly<SimState>, context: DealContext | undefined): DealContext | null {
  return context !== undefined && context.deployments === state.deployments && context.contracts === state.contracts && context.partner === state.partner ? context : null;
}

/** `territoryEstimate` of a type, through the context when there is one (read only: the estimate is shared). */
function evidenceOf(state: Readonly<SimState>, typeId: string, context: DealContext | null): ReturnType<typeof territoryEstimate> {
  if (context === null) return territoryEstimate(state, typeId);
  if (!context.evidence.has(typeId)) context.evidence.set(typeId, territoryEstimate(state, typeId));
  return context.evidence.get(typeId)!;
}

/**
 * Per district: what a data platform adds to the services already running there (synergies ×
 * alignment). One pass over the deployments, summed in their order within each district.
 */
function platformSynergyValues(state: SimState, scenario: Scenario): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of state.deployments) {
    if (d.stage !== 'operating' || d.family === 'dataPlatform') continue;
    const t = projectType(scenario, d.type)!;
    out.set(d.district, (out.get(d.district) ?? 0) + deploymentBenefits(t, scenario, d.district, d.scale).serviceValueEur * t.synergyWithPlatform * state.alignment);
  }
  return out;
}

/** `platformSynergyValues` through the context when there is one (read only: the map is shared). It reads the deployments (the context's), the scenario and the alignment. */
function synergiesOf(state: SimState, scenario: Scenario, context: DealContext | null): Map<number, number> {
  if (context === null) return platformSynergyValues(state, scenario);
  const known = context.synergies;
  if (known !== null && known.scenario === scenario && Object.is(known.alignment, state.alignment)) return known.values;
  const values = platformSynergyValues(state, scenario);
  context.synergies = { scenario, alignment: state.alignment, values };
  return values;
}

/**
 * What a running deployment is worth to the city in a year, to the sitting mayor: its service
 * (with a running platform's synergies; a platform adds what it brings to the district's other
 * services) and its CO₂ avoided, weighted by the mayor's priority weight (a family the mayor
 * dislikes is worth less to it), and the money it saves (energy at today's price, other savings),
 * all at its realised performance (`realisation`, seen by now). The contract review weighs it
 * against the running cost when a new majority considers giving a service up
 * (agents/contract-review.ts). `goingToo`: the deployments (uids) given up with it: a platform's
 * synergy with a service that goes too is counted once, in that service's own value (its
 * synergy term), not again in the platform's; each synergy a platform adds is weighted by the
 * priority of the service it lifts.
 */
export function deploymentValuePerYearEur(state: SimState, scenario: Scenario, d: Readonly<Deployment>, goingToo: ReadonlySet<number> = new Set()): number {
  const t = projectType(scenario, d.type)!;
  const ben = deploymentBenefits(t, scenario, d.district, d.scale);
  const platform = state.deployments.some((o) => o.family === 'dataPlatform' && o.district === d.district && o.stage === 'operating');
  const service = ben.serviceValueEur * (1 + (platform ? t.synergyWithPlatform * state.alignment : 0)) + ben.carbonEur;
  let synergies = 0;
  if (t.family === 'dataPlatform') {
    for (const o of state.deployments) {
      if (o.stage !== 'operating' || o.family === 'dataPlatform' || o.district !== d.district || goingToo.has(o.uid)) continue;
      const ot = projectType(scenario, o.type)!;
      synergies += deploymentBenefits(ot, scenario, o.district, o.scale).serviceValueEur * ot.synergyWithPlatform * state.alignment * priorityWeight(state, scenario, o.type);
    }
  }
  const money = ben.energyEur * state.energyPriceFactor + (ben.savingsEur - ben.energyEur);
  return d.realisation * (service * priorityWeight(state, scenario, d.type) + synergies + money);
}

/** Years a deal's flows run: its works and the longest of its lives or its contract (at most MAX_YEARS). */
function flowYears(scenario: Scenario, terms: ContractTerms, buildYears: number): number {
  return flowYearsOver(longestLifeYears(scenario, terms), buildYears, terms.durationYears);
}

/** The longest life of a deal's projects, in years (a pilot's at most `pilotMaxYears`). */
function longestLifeYears(scenario: Scenario, terms: ContractTerms): number {
  let lifeYears = 0;
  for (const p of terms.projects) {
    const t = projectType(scenario, p)!;
    lifeYears = Math.max(lifeYears, terms.pilot ? Math.min(t.lifetimeYears, scenario.negotiation.pilotMaxYears) : t.lifetimeYears);
  }
  return lifeYears;
}

/** `flowYears` from the deal's longest life, its works' years and its contract's length. */
function flowYearsOver(lifeYears: number, buildYears: number, durationYears: number): number {
  return Math.min(MAX_YEARS, Math.ceil(buildYears + Math.max(lifeYears, durationYears)));
}

/** Catalogue price of one project type's works over the deal's districts (its scale: the pilot's or 1). */
function projectCapexEur(scenario: Scenario, t: ProjectType, terms: ContractTerms): number {
  const scale = terms.pilot ? t.pilot.scale : 1;
  const units = totalUnits(t, scenario);
  let capex = 0;
  for (const d of terms.districts) capex += deploymentCapexWithTotalEur(t, scenario, d, scale, units);
  return capex;
}

/** Share of the works paid in year k when they take b years (all in year 0 when b = 0). */
function worksIn(k: number, b: number): number {
  return b > 0 ? overlap(k, 0, b) / b : k === 0 ? 1 : 0;
}

/** Takes `amount` × the share of the works done in each year from a yearly row (the city's capital). */
function subtractWorks(row: number[], amount: number, b: number): void {
  for (let k = 0; k < row.length; k++) {
    const works = worksIn(k, b);
    if (works > 0) row[k]! -= amount * works;
  }
}

/** The catalogue price of a deal's works, euros (the `capexEur` of its flows, without projecting them). */
export function dealCapexEur(scenario: Scenario, terms: ContractTerms): number {
  let capexTotal = 0;
  for (const p of terms.projects) capexTotal += projectCapexEur(scenario, projectType(scenario, p)!, terms);
  return capexTotal;
}

/**
 * The city's capital row of a deal, its catalogue price and its expected grants: the same numbers
 * as `dealFlows(…).city.capital`, `.capexEur` and `.expectedGrantsEur`, without the rest of the
 * projection (the budget check asks for these alone, for every candidate deal).
 */
export function dealCapital(state: SimState, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers' = 'partner'): { capital: number[]; capexEur: number; expectedGrantsEur: number; works: { cityEur: number; buildMonths: number }[] } {
  const b = buildYearsOf(scenario, terms);
  const capital = zeros(flowYears(scenario, terms, b));
  const share = terms.form === 'procurement' || builder === 'suppliers' ? 1 : terms.cityCapitalShare;
  const price = builder === 'partner' ? awardedWorksFactor(state) : 1;
  let capexTotal = 0;
  const works: { cityEur: number; buildMonths: number }[] = [];
  for (const p of terms.projects) {
    const t = projectType(scenario, p)!;
    const capex = projectCapexEur(scenario, t, terms);
    capexTotal += capex;
    subtractWorks(capital, share * capex * price, b);
    works.push({ cityEur: share * capex * price, buildMonths: buildMonthsOf(t, terms.pilot) });
  }
  return { capital, capexEur: capexTotal, expectedGrantsEur: expectedGrants(state, scenario, terms, capexTotal, share), works };
}

/** What a deal's projection needs that does not depend on its length: per project and for the deal. */
interface DealSetup {
  builder: 'partner' | 'suppliers';
  isProcurement: boolean;
  /** Years of works. */
  b: number;
  /** The share of the works' catalogue price the city pays: its capital share at the awarded price. */
  share: number;
  /** The partner's expected true cost of the works (its cost factor, its expected overruns), euros. */
  trueCostTotal: number;
  te: number;
  capexTotal: number;
  expectedGrantsEur: number;
  projects: ProjectSetup[];
  /** The year entries the lengths share (`sharedYearEntries`), made as the projections ask; null until one does. */
  shared: SharedYears | null;
  /** Whether to keep them: false for a setup projected once, at one length (`dealFlows`, `dealCityValue`, `dealValues`, a prior evaluation's), for which they would be made and dropped. */
  keepYears: boolean;
}

/**
 * A setup's year entries that do not depend on the contract's length, by year index: those of a
 * year the contract covers whole (`during`) and of a year after it ended (`after`), for the terms'
 * savings share and penalty rate and the partner's risk weight they were made with.
 */
interface SharedYears {
  savingsShare: number;
  penaltyRate: number;
  partnerRisk: number;
  during: (YearEntries | undefined)[];
  after: (YearEntries | undefined)[];
}

interface ProjectSetup {
  t: ProjectType;
  sigma: number;
  cityRiskEnergy: number;
  cityRiskOther: number;
  priority: number;
  capex: number;
  energyEur: number;
  otherEur: number;
  serviceValue: number;
  trueCost: number;
  opex: number;
  life: number;
  shortfall: number;
  /**
   * The shortfall the guarantee charges a year once the equipment has reached the end of its life
   * within the contract: the whole guaranteed share (nothing runs, so nothing is saved), 0 without
   * a guarantee.
   */
  deadShortfall: number;
  muPartner: number;
  muCity: number;
}

/** The deal's expected flows for both sides, year by year from now. */
export function dealFlows(
  state: Readonly<SimState>,
  scenario: Scenario,
  terms: ContractTerms,
  builder: 'partner' | 'suppliers' = 'partner',
  /** 'private': the partner's own costs and experience; 'public': the city's estimate (catalogue costs). */
  view: 'private' | 'public' = 'private',
): DealFlows {
  return flowsOf(scenario, terms, dealSetup(state, scenario, terms, builder, view, undefined, false));
}

/** One year of a deal's projection before its grants and payments: each entry summed over the projects in their order. */
interface YearEntries {
  cityCapital: number;
  citySavings: number;
  cityServices: number;
  cityOperation: number;
  partnerCapital: number;
  partnerSavings: number;
  partnerOperation: number;
  partnerPenalties: number;
}

/**
 * The year `yearEntries` reads (k, its share of the works), the contract's length as it counts it,
 * the partner's risk weight and the two terms it reads (read from the terms once per projection: the
 * terms objects come in many shapes, so each read of one is slow): one object per projection, its
 * year moved in place as the projection goes (an object per year was most of what the computer
 * players allocated).
 */
interface YearAt {
  k: number;
  works: number;
  duration: number;
  partnerRisk: number;
  /** The terms' `savingsShareToPartner`. */
  savingsShare: number;
  /** The terms' `penaltyRate`. */
  penaltyRate: number;
}

const noEntries = (): YearEntries => ({ cityCapital: 0, citySavings: 0, cityServices: 0, cityOperation: 0, partnerCapital: 0, partnerSavings: 0, partnerOperation: 0, partnerPenalties: 0 });

/**
 * Year k's entries of a deal whose contract runs `duration` years (0 for a procurement), into `out`:
 * the one place both `flowsOf` (which writes them into rows) and `dealValuesOverDurations` (which
 * sums them into values) read them from, so the two cannot drift apart.
 */
function yearEntries(setup: DealSetup, at: YearAt, out: YearEntries): void {
  const { k, works, duration, partnerRisk, savingsShare, penaltyRate } = at;
  const { builder, isProcurement, b, share, te, projects } = setup;
  const byPartner = builder === 'partner';
  const np = projects.length;
  let cityCapital = 0;
  let citySavings = 0;
  let cityServices = 0;
  let cityOperation = 0;
  let partnerCapital = 0;
  let partnerSavings = 0;
  let partnerOperation = 0;
  let partnerPenalties = 0;
  for (let j = 0; j < np; j++) {
    const { t, sigma, cityRiskEnergy, cityRiskOther, priority, capex, energyEur, otherEur, serviceValue, trueCost, opex, life, shortfall, deadShortfall, muPartner, muCity } = projects[j]!;
    if (works > 0) cityCapital -= share * capex * works;
    const inContract = overlap(k, b, b + Math.min(duration, life));
    const running = overlap(k, b, b + life);
    // The contract's years after the equipment's end: the guarantee still binds (the contracts
    // phase compares the guaranteed share of the contract's expected savings with what is saved,
    // nothing once the equipment has ended; the model renews nothing within a contract, MODEL §18).
    // A performance or partnership contract may no longer run past its first equipment
    // (terms.ts `outlivesEquipment`): what reaches this are a concession and the variants of a
    // deal the negotiators value before the legality check prunes them.
    const deadInContract = byPartner && deadShortfall > 0 ? overlap(k, b + life, b + duration) : 0;
    if (works === 0 && running === 0 && deadInContract === 0) continue;
    const afterContract = Math.max(0, running - inContract);
    const visibleBoost = k < te ? 1 + t.benefits.visibility : 1;
    // The guarantee covers the energy savings while the contract runs (its penalties are paid then:
    // the partner's row below); after it the city bears their whole risk (`cityRiskOther`), as for
    // any saving no one guarantees. Counting the cover over the equipment's whole life made a short
    // contract worth its long guarantee to the city (issue 9, C1).
    citySavings += energyEur * muCity * (cityRiskEnergy * (1 - savingsShare) * inContract + cityRiskOther * afterContract) + otherEur * muCity * cityRiskOther * running;
    cityServices += serviceValue * muCity * cityRiskOther * priority * visibleBoost * running;
    cityOperation -= opex * (1 + (byPartner ? 0.2 * t.partnerDependence : 0)) * (isProcurement ? running : afterContract);
    if (byPartner) {
      partnerCapital += (share * capex - trueCost) * works;
      partnerSavings += savingsShare * energyEur * (muPartner - partnerRisk * sigma) * inContract;
      partnerOperation -= t.opexShare * trueCost * (isProcurement ? 0 : inContract);
      partnerPenalties -= penaltyRate * energyEur * (shortfall * inContract + deadShortfall * deadInContract);
    }
  }
  out.cityCapital = cityCapital;
  out.citySavings = citySavings;
  out.cityServices = cityServices;
  out.cityOperation = cityOperation;
  out.partnerCapital = partnerCapital;
  out.partnerSavings = partnerSavings;
  out.partnerOperation = partnerOperation;
  out.partnerPenalties = partnerPenalties;
}

/**
 * `yearEntries` of year `at.k`, the same numbers, made once per setup for all the lengths that give
 * them. The contract's length enters a year only through each project's share of it under contract,
 * overlap(k, b, b + min(duration, life)), and that share is the same at every length whose contract
 * covers the whole year (b + duration ≥ k + 1: then it is min(k + 1, b + life) − max(k, b), whether
 * the life or the contract ends first) and nil at every length whose contract ended before it
 * (b + duration ≤ k); floating-point addition is monotonic, so both hold as computed. Those years'
 * entries are kept on the setup (by the savings share, penalty rate and risk weight they read:
 * other terms make them afresh); the year in which a contract ends part-way is made each time.
 * Returns `scratch` filled, or a kept entry (read only).
 */
function sharedYearEntries(setup: DealSetup, at: YearAt, scratch: YearEntries): YearEntries {
  // A setup projected once keeps nothing: the same entries, made in `scratch`.
  if (!setup.keepYears) {
    yearEntries(setup, at, scratch);
    return scratch;
  }
  const { k, duration, partnerRisk, savingsShare, penaltyRate } = at;
  const during = setup.b + duration >= k + 1;
  if (!during && !(setup.b + duration <= k)) {
    yearEntries(setup, at, scratch);
    return scratch;
  }
  let shared = setup.shared;
  if (shared === null || !Object.is(shared.savingsShare, savingsShare) || !Object.is(shared.penaltyRate, penaltyRate) || !Object.is(shared.partnerRisk, partnerRisk)) {
    shared = { savingsShare, penaltyRate, partnerRisk, during: [], after: [] };
    setup.shared = shared;
  }
  const kept = during ? shared.during : shared.after;
  let entries = kept[k];
  if (entries === undefined) {
    entries = noEntries();
    yearEntries(setup, at, entries);
    kept[k] = entries;
  }
  return entries;
}

/** What the computer city reads of a deal at one length: both sides' values and payment annuities (`dealValuesOverDurations`). */
export interface DealValues {
  /** `valueForCity` of the flows. */
  city: number;
  /** `cityPaymentAnnuity` of the terms and flows. */
  cityAnnuity: number;
  /** `valueForPartner` of the terms and flows. */
  partner: number;
  /** `partnerPaymentAnnuity` of the terms and flows. */
  partnerAnnuity: number;
}

/**
 * The values the computer city reads of a deal at each of several lengths, the same numbers as
 * `valueForCity`, `cityPaymentAnnuity`, `valueForPartner` and `partnerPaymentAnnuity` of
 * `dealFlows` at each length, summed year by year as the projection goes, without writing its rows
 * (the city prices five lengths of every candidate deal at each decision). The year's entries are
 * `flowsOf`'s (`yearEntries`); the sums are those of the lenses' functions, term for term, which a
 * test checks (tests/sim/terms-lawful.test.ts).
 */
export function dealValuesOverDurations(
  state: Readonly<SimState>,
  scenario: Scenario,
  terms: ContractTerms,
  durations: readonly number[],
  {
    builder = 'partner',
    view = 'private',
    context,
  }: {
    builder?: 'partner' | 'suppliers';
    view?: 'private' | 'public';
    /** What the deployments say for any deal on this state (`dealContext`), read once a decision. */
    context?: DealContext;
  } = {},
): DealValues[] {
  // One length's entries are kept only for others to read (`DealSetup.keepYears`).
  return valuesOfSetup(state, scenario, terms, dealSetup(state, scenario, terms, builder, view, context, durations.length > 1), durations, true, true);
}

/**
 * `valuesOfSetup`'s year and entries scratch, one of each for the whole run rather than one per
 * projection (the computer players make tens of thousands a run): it is never re-entered, sets every
 * field of the year before reading it, and reads the entries only after `yearEntries` wrote them all.
 */
const VALUES_AT: YearAt = { k: 0, works: 0, duration: 0, partnerRisk: 0, savingsShare: 0, penaltyRate: 0 };
const VALUES_ENTRIES: YearEntries = noEntries();

/**
 * `dealValuesOverDurations` from a setup already made; `withPartner` false leaves the partner's
 * value and annuity at 0 (a caller that reads the city's value only spares the partner's lens),
 * `withCity` false the city's (each sum that is made is made the same way).
 */
function valuesOfSetup(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, setup: DealSetup, durations: readonly number[], withCity: boolean, withPartner: boolean, knownLens?: CityLens): DealValues[] {
  const { builder, isProcurement, b, expectedGrantsEur } = setup;
  const byPartner = builder === 'partner';
  const partnerRisk = 0.5 * scenario.partner.riskAversion;
  const fiscal = 0.8 + 0.4 * state.city.mayor.profile.fiscal;
  // The city's lens reads neither the terms nor their length (`knownLens`: `cityLens` of this state and scenario, when the caller has it).
  const lens = knownLens ?? cityLens(state, scenario);
  const e = VALUES_ENTRIES;
  const at = VALUES_AT;
  at.k = 0;
  at.works = 0;
  at.duration = 0;
  at.partnerRisk = partnerRisk;
  at.savingsShare = terms.savingsShareToPartner;
  at.penaltyRate = terms.penaltyRate;
  const payment = terms.annualPaymentEur;
  const out: DealValues[] = [];
  // What `flowYears` and `partnerLens` read of the terms at each length, but the length itself
  // (the partner's lens reads only the form and the compensation), read once.
  const lifeYears = longestLifeYears(scenario, terms);
  const partnerView = withPartner ? partnerLens(scenario, terms) : null;
  for (const durationYears of durations) {
    const n = flowYearsOver(lifeYears, b, durationYears);
    const duration = isProcurement ? 0 : durationYears;
    at.duration = duration;
    const costWeights = withCity ? cityCostWeightsOf(lens, n) : null;
    const gainWeights = withCity ? cityGainWeightsOf(lens, n) : null;
    const partnerW = partnerView !== null ? partnerWeightsOf(partnerView, n) : null;
    let costs = 0;
    let gains = 0;
    let partnerValue = 0;
    let cityUnit = 0;
    let partnerUnit = 0;
    for (let k = 0; k < n; k++) {
      const works = worksIn(k, b);
      at.k = k;
      at.works = works;
      const { cityCapital, citySavings, cityServices, cityOperation, partnerCapital, partnerSavings, partnerOperation, partnerPenalties } = sharedYearEntries(setup, at, e);
      const cityGrants = expectedGrantsEur * works;
      const pay = payment * overlap(k, b, b + duration);
      // unitPaymentsValue: one euro a year during the contract (its length as written).
      const unit = overlap(k, b, b + durationYears);
      if (costWeights !== null && gainWeights !== null) {
        // valueForCity: the costs (the city's nil compensation last) and the gains.
        costs += (cityCapital + cityGrants + -pay + 0) * fiscal * costWeights[k]!;
        gains += (citySavings + cityServices + cityOperation * fiscal) * gainWeights[k]!;
        cityUnit += unit * costWeights[k]!;
      }
      if (partnerW !== null) {
        // valueForPartner: presentValueWith of the partner's net.
        partnerValue += (byPartner ? partnerCapital + pay + partnerSavings + partnerOperation + partnerPenalties : 0) * partnerW[k]!;
        partnerUnit += unit * partnerW[k]!;
      }
    }
    out.push({ city: costs + gains, cityAnnuity: cityUnit * fiscal, partner: partnerValue, partnerAnnuity: partnerUnit });
  }
  return out;
}

/**
 * `valueForCity` of `dealFlows(state, scenario, terms, builder, view)`, with the flows' `capexEur`
 * and `expectedGrantsEur`: the same numbers, summed by `dealValuesOverDurations`'s loop at the
 * terms' own length without the partner's side (the computer city values every purchase alone and
 * pilot at each decision). A test checks it bit for bit (tests/sim/terms-lawful.test.ts).
 */
export function dealCityValue(
  state: Readonly<SimState>,
  scenario: Scenario,
  terms: ContractTerms,
  builder: 'partner' | 'suppliers' = 'partner',
  view: 'private' | 'public' = 'private',
  /** What the deployments say for any deal on this state (`dealContext`), read once a decision. */
  context?: DealContext,
): { city: number; capexEur: number; expectedGrantsEur: number } {
  const priced = dealCityPrice(state, scenario, terms, builder, view, context);
  return { city: dealCityValueOfPrice(state, scenario, terms, priced), capexEur: priced.capexEur, expectedGrantsEur: priced.expectedGrantsEur };
}

/** A deal's setup for `dealCityValue`, with the works' price and the grants expected, read before its value is summed (`dealCityValueOfPrice`). */
export interface DealCityPrice {
  capexEur: number;
  expectedGrantsEur: number;
  setup: DealSetup;
}

/**
 * The first half of `dealCityValue`: the works' price and the grants expected, from the deal's
 * setup (its value not yet summed). The computer city reads them first, and sums the value only for
 * the purchases its envelope can pay (rule-based-city.ts `aloneFits`).
 */
export function dealCityPrice(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers', view: 'private' | 'public', context?: DealContext): DealCityPrice {
  const setup = dealSetup(state, scenario, terms, builder, view, context, false);
  return { capexEur: setup.capexTotal, expectedGrantsEur: setup.expectedGrantsEur, setup };
}

/** The second half of `dealCityValue`: its `city`, from `dealCityPrice` of the same state, scenario and terms (the same numbers). */
export function dealCityValueOfPrice(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, priced: DealCityPrice): number {
  const [values] = valuesOfSetup(state, scenario, terms, priced.setup, [terms.durationYears], true, false);
  return values!.city;
}

/** What a negotiator reads of one variant's projection: both sides' values and payment annuities, and the partner's capital (`DealFlows.partnerCapitalEur`). */
export interface VariantValues extends DealValues {
  partnerCapitalEur: number;
}

/**
 * `dealValuesOverDurations` of the variants of one deal at their own lengths, with the flows'
 * `partnerCapitalEur`: `valueForCity`, `cityPaymentAnnuity`, `valueForPartner` and
 * `partnerPaymentAnnuity` of `dealFlows` of each variant (terms that differ only in length,
 * guarantee, penalty, compensation or payment), the same numbers (the sums of `valuesOfSetup`, a
 * test checks them bit for bit), without writing the rows no negotiator reads (the setup, which
 * reads neither the length nor the compensation, made once per guarantee and penalty). The
 * negotiators price sixteen lengths × compensations × guarantees at each offer, through up to
 * three lenses: the rows were most of what they allocated.
 */
export function dealValuesOfVariants(
  state: Readonly<SimState>,
  scenario: Scenario,
  builder: 'partner' | 'suppliers' = 'partner',
  view: 'private' | 'public' = 'private',
): (terms: ContractTerms) => VariantValues {
  return valuesOfVariants(state, scenario, builder, view, true, true);
}

/** A variant's values as the city reads them: `valueForCity` and `cityPaymentAnnuity` of its flows. */
export type CityValues = Pick<VariantValues, 'city' | 'cityAnnuity'>;

/** A variant's values as the partner reads them: `valueForPartner`, `partnerPaymentAnnuity` and `partnerCapitalEur` of its flows. */
export type PartnerValues = Pick<VariantValues, 'partner' | 'partnerAnnuity' | 'partnerCapitalEur'>;

/**
 * The city's side of `dealValuesOfVariants`, the same numbers, without the partner's sums. They
 * read no compensation (only the partner's lens does), so they are kept by guarantee, penalty,
 * length and payment: the variants at each compensation share them.
 */
export function cityValuesOfVariants(state: Readonly<SimState>, scenario: Scenario, builder: 'partner' | 'suppliers' = 'partner', view: 'private' | 'public' = 'private'): (terms: ContractTerms) => CityValues {
  const valuesOf = valuesOfVariants(state, scenario, builder, view, true, false);
  const known = new Map<number, Map<number, PairMemo<CityValues>>>();
  return (terms) => {
    let byShape = known.get(terms.guaranteedSavingShare);
    if (byShape === undefined) known.set(terms.guaranteedSavingShare, (byShape = new Map()));
    let byLength = byShape.get(terms.penaltyRate);
    if (byLength === undefined) byShape.set(terms.penaltyRate, (byLength = pairKeyed<CityValues>()));
    let values = byLength.get(terms.durationYears, terms.annualPaymentEur);
    if (values === undefined) {
      const { city, cityAnnuity } = valuesOf(terms);
      values = { city, cityAnnuity };
      byLength.set(terms.durationYears, terms.annualPaymentEur, values);
    }
    return values;
  };
}

/** The partner's side of `dealValuesOfVariants`, the same numbers, without the city's sums. */
export function partnerValuesOfVariants(state: Readonly<SimState>, scenario: Scenario, builder: 'partner' | 'suppliers' = 'partner', view: 'private' | 'public' = 'private'): (terms: ContractTerms) => PartnerValues {
  const valuesOf = valuesOfVariants(state, scenario, builder, view, false, true);
  return (terms) => {
    const { partner, partnerAnnuity, partnerCapitalEur } = valuesOf(terms);
    return { partner, partnerAnnuity, partnerCapitalEur };
  };
}

/** `dealValuesOfVariants` with the sides asked for (the other's values left at 0). */
function valuesOfVariants(state: Readonly<SimState>, scenario: Scenario, builder: 'partner' | 'suppliers', view: 'private' | 'public', withCity: boolean, withPartner: boolean): (terms: ContractTerms) => VariantValues {
  const setups = pairKeyed<DealSetup>();
  // The city's lens of the state, the same for every variant (made when first asked).
  let lens: CityLens | undefined;
  return (terms) => {
    let setup = setups.get(terms.guaranteedSavingShare, terms.penaltyRate);
    if (setup === undefined) {
      setup = dealSetup(state, scenario, terms, builder, view);
      setups.set(terms.guaranteedSavingShare, terms.penaltyRate, setup);
    }
    return variantValuesOfSetup(state, scenario, terms, setup, withCity, withPartner, (lens ??= cityLens(state, scenario)));
  };
}

/** `dealValuesOfVariants` of one deal alone: the values of `dealFlows` at its terms, the same numbers, without rows. */
export function dealValues(
  state: Readonly<SimState>,
  scenario: Scenario,
  terms: ContractTerms,
  builder: 'partner' | 'suppliers' = 'partner',
  view: 'private' | 'public' = 'private',
): VariantValues {
  return variantValuesOfSetup(state, scenario, terms, dealSetup(state, scenario, terms, builder, view, undefined, false), true, true);
}

/** The values of a deal's projection at its terms' own length, from its setup, with the flows' `partnerCapitalEur`. */
function variantValuesOfSetup(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, setup: DealSetup, withCity: boolean, withPartner: boolean, lens?: CityLens): VariantValues {
  const { city, cityAnnuity, partner, partnerAnnuity } = valuesOfSetup(state, scenario, terms, setup, [terms.durationYears], withCity, withPartner, lens)[0]!;
  // As `flowsOf` counts it.
  const partnerCapitalEur = setup.builder === 'partner' ? setup.trueCostTotal - setup.capexTotal * setup.share : 0;
  return { city, cityAnnuity, partner, partnerAnnuity, partnerCapitalEur };
}

/**
 * A memo keyed by two numbers, as nested Maps: no key to build from the numbers (a Map tells two
 * numbers apart exactly when their strings differ: −0 is 0, NaN is NaN).
 */
interface PairMemo<V> {
  get(a: number, b: number): V | undefined;
  set(a: number, b: number, value: V): void;
}

function pairKeyed<V>(): PairMemo<V> {
  const root = new Map<number, Map<number, V>>();
  return {
    get(a, b) {
      return root.get(a)?.get(b);
    },
    set(a, b, value) {
      let level = root.get(a);
      if (level === undefined) root.set(a, (level = new Map()));
      level.set(b, value);
    },
  };
}

/** The part of a deal's projection that its length does not change. */
function dealSetup(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers', view: 'private' | 'public' | 'evaluation', dealContext?: DealContext, keepYears = true): DealSetup {
  const context = contextFor(state, dealContext);
  const b = buildYearsOf(scenario, terms);
  const isProcurement = terms.form === 'procurement' || builder === 'suppliers';
  const share = isProcurement ? 1 : terms.cityCapitalShare;
  // The city pays its share of the works at the awarded price (catalogue with a single bidder).
  const paidShare = share * (builder === 'partner' ? awardedWorksFactor(state) : 1);
  const costFactor = builder === 'partner' && view === 'private' ? partnerCostFactor(state, scenario) : 1;
  const effort = builder === 'partner' ? guaranteeEffort(terms) : 0;
  const muPartner = (view === 'private' ? 0.85 + 0.15 * partnerFit(state) : 0.9) + GUARANTEE_MEAN_GAIN * effort;
  // The city expects what the partner's reputation promises; local suppliers alone, 0.85. A prior
  // evaluation ('evaluation') is made before the consultation: it cannot know the winner's
  // reputation, so it credits a partnership only with the performance its terms commit to.
  const reputation = view === 'evaluation' ? 0 : state.partner.reputation;
  const muCity = builder === 'partner' ? 0.85 + 0.15 * reputation + GUARANTEE_MEAN_GAIN * effort : 0.85;
  const priceFactor = state.energyPriceFactor;
  const platformShare = platformShares(state, scenario, terms, context);
  let synergies: Map<number, number> | null = null;
  const te = yearsToElection(state);
  let capexTotal = 0;
  let trueCostTotal = 0;
  const projects: ProjectSetup[] = [];
  for (const p of terms.projects) {
    const t = projectType(scenario, p)!;
    const spreadFactor = 1 - GUARANTEE_SPREAD_CUT * effort;
    const sigma = t.uncertainty.benefitSd * scenario.projects.benefitUncertainty * spreadFactor;
    // What the pilots of the type measured of the territory's gap (projects.ts, `territoryGaps`):
    // the works realise around their builder's mean moved by that gap, whoever builds them and
    // whatever they guarantee (`drawRealisation`). Both sides read the pilots (a public
    // measurement; a pilot's data is the baseline of the roll-out: US EPA, Climate Showcase
    // Communities, "Conducting and Evaluating Pilot Projects") as an estimate of the gap, shrunk
    // toward none by how few they are, with its remaining spread (`territoryEstimate`).
    const evidence = evidenceOf(state, p, context);
    const shift = evidence === null ? 0 : spreadFactor * evidence.gap;
    // What is left unknown of the gap (all of it, k·σ, before a pilot), and the deployment's own
    // noise: a roll-out's narrow (so it keeps the catalogue's spread until a pilot measured the
    // territory), a pilot's wide, its few sites over one season.
    const unknown = evidence === null ? TERRITORY_SHARE : evidence.gapSpread;
    const own = terms.pilot ? PILOT_OWN_SPREAD : SCALED_AFTER_PILOT_SPREAD;
    const citySigma = sigma * Math.sqrt(unknown * unknown + own * own);
    const coverage = Math.min(1, terms.guaranteedSavingShare * Math.min(1, terms.penaltyRate));
    const cityRiskEnergy = Math.max(0, 1 - scenario.city.riskAversion * citySigma * (1 - (isProcurement ? 0 : coverage)));
    const cityRiskOther = Math.max(0, 1 - scenario.city.riskAversion * citySigma);
    const priority = priorityWeight(state, scenario, p);
    // Districts differ only in size for one project type: aggregate them, then run the years once.
    const scale = terms.pilot ? t.pilot.scale : 1;
    const capex = projectCapexEur(scenario, t, terms);
    let energyEur = 0;
    let otherEur = 0;
    let serviceValue = 0;
    for (const d of terms.districts) {
      const ben = deploymentBenefits(t, scenario, d, scale);
      energyEur += ben.energyEur * priceFactor;
      otherEur += ben.savingsEur - ben.energyEur;
      serviceValue += ben.serviceValueEur * (1 + t.synergyWithPlatform * state.alignment * platformShare(d)) + ben.carbonEur;
      if (t.family === 'dataPlatform') serviceValue += (synergies ??= synergiesOf(state, scenario, context)).get(d) ?? 0;
    }
    capexTotal += capex;
    // The builder bears the overruns of its works (projects.ts; the events' too, but under a
    // procurement contract, where the city's price follows them): it prices its expected cost.
    // The city's estimate stays at catalogue prices, which already exceed the market's cost with
    // its expected overruns (0.85 × 1.08–1.20: the rivals' bids, procedure.ts).
    const overrun = builder === 'partner' && view === 'private' ? dealOverrunFactor(scenario, t, terms) : 1;
    const trueCost = capex * costFactor * overrun;
    trueCostTotal += trueCost;
    const opex = t.opexShare * capex;
    const life = terms.pilot ? Math.min(t.lifetimeYears, scenario.negotiation.pilotMaxYears) : t.lifetimeYears;
    const partnerMu = Math.max(0, muPartner + shift);
    const fearSigma = citySigma * (1 + scenario.partner.riskAversion);
    const guaranteed = !isProcurement && terms.guaranteedSavingShare > 0;
    const shortfall = guaranteed ? expectedShortfall(terms.guaranteedSavingShare, partnerMu, fearSigma) : 0;
    const deadShortfall = guaranteed ? terms.guaranteedSavingShare : 0;
    projects.push({ t, sigma: citySigma, cityRiskEnergy, cityRiskOther, priority, capex, energyEur, otherEur, serviceValue, trueCost, opex, life, shortfall, deadShortfall, muPartner: partnerMu, muCity: Math.max(0, muCity + shift) });
  }
  const expectedGrantsEur = expectedGrants(state, scenario, terms, capexTotal, share);
  return { builder, isProcurement, b, share: paidShare, trueCostTotal, te, capexTotal, expectedGrantsEur, projects, shared: null, keepYears };
}

/**
 * The years of a deal's projection, from its setup (`terms` may differ from the setup's only by
 * length). Year by year, each row's entry is summed over the projects in their order into a local
 * and written once; the net rows add those locals, the city's nil compensation last, as the rows
 * would be read back.
 */
function flowsOf(scenario: Scenario, terms: ContractTerms, setup: DealSetup): DealFlows {
  const { builder, isProcurement, b, share, trueCostTotal, capexTotal, expectedGrantsEur } = setup;
  const n = flowYears(scenario, terms, b);
  const { city, partner } = projectionSides(n, builder);
  const byPartner = builder === 'partner';
  const duration = isProcurement ? 0 : terms.durationYears;
  const partnerRisk = 0.5 * scenario.partner.riskAversion;
  const e = noEntries();
  const at: YearAt = { k: 0, works: 0, duration, partnerRisk, savingsShare: terms.savingsShareToPartner, penaltyRate: terms.penaltyRate };
  const payment = terms.annualPaymentEur;
  for (let k = 0; k < n; k++) {
    const works = worksIn(k, b);
    at.k = k;
    at.works = works;
    const { cityCapital, citySavings, cityServices, cityOperation, partnerCapital, partnerSavings, partnerOperation, partnerPenalties } = sharedYearEntries(setup, at, e);
    // Ending the contract early is now the city's own decision, priced by the law (contracts.ts
    // `terminationCompensationEur`): a city only ends a contract when that pays, so no expected
    // compensation is charged to it here (the series stays, at zero, for the lenses' chart).
    const cityGrants = expectedGrantsEur * works;
    const pay = payment * overlap(k, b, b + duration);
    city.capital[k] = cityCapital;
    city.grants[k] = cityGrants;
    city.payments[k] = -pay;
    city.savings[k] = citySavings;
    city.services[k] = cityServices;
    city.operation[k] = cityOperation;
    city.net[k] = cityCapital + cityGrants + -pay + citySavings + cityServices + cityOperation + 0;
    if (byPartner) {
      partner.capital[k] = partnerCapital;
      partner.payments[k] = pay;
      partner.savings[k] = partnerSavings;
      partner.operation[k] = partnerOperation;
      partner.penalties[k] = partnerPenalties;
      partner.net[k] = partnerCapital + pay + partnerSavings + partnerOperation + partnerPenalties;
    } else {
      partner.net[k] = 0;
    }
  }
  const partnerCapitalEur = byPartner ? trueCostTotal - capexTotal * share : 0;
  return { years: n, city, partner, capexEur: capexTotal, partnerCapitalEur, expectedGrantsEur };
}

/**
 * The last weights computed through each kind of lens, and for how many years: the computer
 * players value many projections in a row through a few lenses (a deal at sixteen lengths, a grid
 * of terms, through its own lens and the other side's, at each compensation), so the same weights
 * are asked for again and again. The same numbers as discount.ts gives (the arrays are its own,
 * kept); read here only, never written.
 */
const sameCityLens = (a: CityLens, b: CityLens) => Object.is(a.rate, b.rate) && Object.is(a.presentBias, b.presentBias) && Object.is(a.electoralHazard, b.electoralHazard) && Object.is(a.yearsToElection, b.yearsToElection);
const samePartnerLens = (a: PartnerLens, b: PartnerLens) => Object.is(a.rate, b.rate) && Object.is(a.riskPremium, b.riskPremium) && Object.is(a.horizonYears, b.horizonYears);

/** How many answers `rememberRecent` keeps: the lenses and lengths one offer's variants alternate between. */
const RECENT_WEIGHTS = 8;

/**
 * A weights function that keeps its last few answers: asked again for a lens and length it answered
 * lately, it returns the same array. A negotiator's variants alternate between lenses (its own and
 * the other side's, the partner's at each compensation), which a single remembered answer missed
 * every time. The oldest answer makes room for a new one.
 */
function rememberRecent<L>(compute: (lens: L, n: number) => number[], same: (a: L, b: L) => boolean): (lens: L, n: number) => readonly number[] {
  const recent: { lens: L; n: number; weights: number[] }[] = [];
  let next = 0;
  return (lens, n) => {
    for (const r of recent) if (r.n === n && same(r.lens, lens)) return r.weights;
    const weights = compute(lens, n);
    const entry = { lens, n, weights };
    if (recent.length < RECENT_WEIGHTS) recent.push(entry);
    else recent[next] = entry;
    next = (next + 1) % RECENT_WEIGHTS;
    return weights;
  };
}

const cityGainWeightsOf = rememberRecent(cityWeights, sameCityLens);
const cityCostWeightsOf = rememberRecent(cityCostWeights, sameCityLens);
const partnerWeightsOf = rememberRecent(partnerWeights, samePartnerLens);

/** The deal's value to the city now, through its own lens (euros). */
export function valueForCity(state: Readonly<SimState>, scenario: Scenario, flows: DealFlows): number {
  const lens = cityLens(state, scenario);
  const fiscal = 0.8 + 0.4 * state.city.mayor.profile.fiscal;
  const c = flows.city;
  const n = c.capital.length;
  // presentValueWith of the costs (× fiscal) and of the gains, summed in place (no series built).
  const costWeights = cityCostWeightsOf(lens, n);
  const gainWeights = cityGainWeightsOf(lens, n);
  let costs = 0;
  for (let k = 0; k < n; k++) costs += (c.capital[k]! + c.grants[k]! + c.payments[k]! + c.compensation[k]!) * fiscal * costWeights[k]!;
  let gains = 0;
  // The city's own running costs are no commitment: weighed like the gains (discount.ts).
  for (let k = 0; k < n; k++) gains += (c.savings[k]! + c.services[k]! + c.operation[k]! * fiscal) * gainWeights[k]!;
  return costs + gains;
}

/** The deal's value to the partner now, through its own lens (euros). */
export function valueForPartner(scenario: Scenario, terms: ContractTerms, flows: DealFlows): number {
  const lens = partnerLens(scenario, terms);
  return presentValueWith(flows.partner.net, partnerWeightsOf(lens, flows.partner.net.length));
}

/**
 * Present value of one euro a year during the contract's operation (year k pays the part of it in
 * the contract), with these weights: presentValueWith of that series, without building it.
 */
function unitPaymentsValue(scenario: Scenario, terms: ContractTerms, weights: readonly number[]): number {
  const b = buildYearsOf(scenario, terms);
  let v = 0;
  for (let k = 0; k < weights.length; k++) v += overlap(k, b, b + terms.durationYears) * weights[k]!;
  return v;
}

/** Present value, through the partner's lens, of one euro a year of payment during the contract. */
export function partnerPaymentAnnuity(scenario: Scenario, terms: ContractTerms, flows: DealFlows): number {
  const lens = partnerLens(scenario, terms);
  return unitPaymentsValue(scenario, terms, partnerWeightsOf(lens, flows.years));
}

/** Present value, through the city's lens (with its fiscal weight), of one euro a year of payment. */
export function cityPaymentAnnuity(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, flows: DealFlows): number {
  const lens = cityLens(state, scenario);
  const fiscal = 0.8 + 0.4 * state.city.mayor.profile.fiscal;
  return unitPaymentsValue(scenario, terms, cityCostWeightsOf(lens, flows.years)) * fiscal;
}

/**
 * The comparison a prior evaluation makes (CCP L2212-1): the partnership's value to the city
 * against the same works bought by procurement and run by the city, both on public figures at the
 * public discount rate alone (no present bias, no electoral hazard), euros.
 */
export function valueForMoney(state: SimState, scenario: Scenario, terms: ContractTerms): { partnershipEur: number; procurementEur: number } {
  const lens = evaluationLens(scenario);
  // Both options at the same expected performance (a generic builder's), the partnership credited
  // only with what its terms guarantee (review 9d, item 1).
  const partnershipEur = evaluationValue(scenario, terms, dealSetup(state, scenario, terms, 'partner', 'evaluation', undefined, false), lens);
  return { partnershipEur, procurementEur: procurementEvaluation(state, scenario, terms, lens, undefined) };
}

/** The lens of a prior evaluation: the public discount rate alone (no present bias, no electoral hazard). */
function evaluationLens(scenario: Scenario): CityLens {
  return { rate: scenario.city.discountRate, presentBias: 1, electoralHazard: 0, yearsToElection: 0 };
}

/** The procurement side of `valueForMoney`: the same works bought by the city and run by it (it reads the terms' projects, districts, pilot flag and calls only). */
function procurementEvaluation(state: SimState, scenario: Scenario, terms: ContractTerms, lens: CityLens, context: DealContext | undefined): number {
  const alone: ContractTerms = { ...terms, form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0, durationYears: 0, guaranteedSavingShare: 0, penaltyRate: 0, savingsShareToPartner: 0, terminationCompensation: 0 };
  return evaluationValue(scenario, alone, dealSetup(state, scenario, alone, 'suppliers', 'public', context, false), lens);
}

/**
 * `valueForMoney` of many partnership terms of one scope on one state, the same numbers: terms with
 * the same projects, districts, calls, pilot flag, form and capital share (all that the procurement
 * side and the partnership's setup read, but its guarantee and penalty), which differ in their
 * length, payment, compensation, savings share, guarantee or penalty (a negotiator's variants, each
 * checked by `termsLawfulChecker`). The procurement side is valued once, and the partnership's
 * setup once per guarantee and penalty (as `dealValuesOfVariants` keeps it); only the years are
 * summed for each. Made for one scope and one state, and dropped with them (never kept across
 * states: the values read the state). `context`: what the deployments say for any deal on this
 * state (`dealContext`), shared with the caller's other valuations.
 */
export function valueForMoneyOfScope(state: SimState, scenario: Scenario, context?: DealContext): (terms: ContractTerms) => { partnershipEur: number; procurementEur: number } {
  const lens = evaluationLens(scenario);
  const setups = pairKeyed<DealSetup>();
  let procurementEur: number | null = null;
  return (terms) => {
    let setup = setups.get(terms.guaranteedSavingShare, terms.penaltyRate);
    if (setup === undefined) {
      setup = dealSetup(state, scenario, terms, 'partner', 'evaluation', context);
      setups.set(terms.guaranteedSavingShare, terms.penaltyRate, setup);
    }
    const partnershipEur = evaluationValue(scenario, terms, setup, lens);
    procurementEur ??= procurementEvaluation(state, scenario, terms, lens, context);
    return { partnershipEur, procurementEur };
  };
}

/**
 * A prior evaluation's value of a deal's projection (`valueForMoney`): presentValueWith of its
 * costs (the works, grants, payments, the city's running costs and its nil compensation, in that
 * order) with the commitment weights and of its gains (savings and services) with the gain
 * weights, summed year by year as `flowsOf` makes the entries (`sharedYearEntries`), without
 * writing its rows: the same numbers as summing `flowsOf`'s rows (each sum keeps its order; the
 * two are added last). The computer city checks it for every partnership it considers.
 */
function evaluationValue(scenario: Scenario, terms: ContractTerms, setup: DealSetup, lens: CityLens): number {
  const { isProcurement, b, expectedGrantsEur } = setup;
  const n = flowYears(scenario, terms, b);
  const duration = isProcurement ? 0 : terms.durationYears;
  const e = noEntries();
  const at: YearAt = { k: 0, works: 0, duration, partnerRisk: 0.5 * scenario.partner.riskAversion, savingsShare: terms.savingsShareToPartner, penaltyRate: terms.penaltyRate };
  const payment = terms.annualPaymentEur;
  const costWeights = cityCostWeightsOf(lens, n);
  const gainWeights = cityGainWeightsOf(lens, n);
  let costs = 0;
  let gains = 0;
  for (let k = 0; k < n; k++) {
    const works = worksIn(k, b);
    at.k = k;
    at.works = works;
    const { cityCapital, citySavings, cityServices, cityOperation } = sharedYearEntries(setup, at, e);
    const cityGrants = expectedGrantsEur * works;
    const pay = payment * overlap(k, b, b + duration);
    costs += (cityCapital + cityGrants + -pay + cityOperation + 0) * costWeights[k]!;
    gains += (citySavings + cityServices) * gainWeights[k]!;
  }
  return costs + gains;
}
