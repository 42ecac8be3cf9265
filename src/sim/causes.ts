/**
 * True causes: a figure's change split into the model's drivers, each with its size.
 *
 * The model is left as it is (no new state, the hashes unchanged): `driverSnapshot` reads from a
 * state the few terms each driver puts into the figures — the citizens' satisfaction target, the
 * vote intention's log-odds, the debt-capacity ratio's debt and gross savings — and `explainChange`
 * compares a path of such snapshots (one a month, the first at the start of the period) and
 * attributes the figure's change to each driver. What the drivers do not explain is one named
 * residual. The equations are in docs/MODEL.md, "True causes".
 *
 * Satisfaction. Each month a district's mean satisfaction s̄ moves toward its citizens' mean
 * target T̄ (citizens.ts: the neighbours' pull μ (s̄_d − s_i) sums to zero over the district):
 *   s̄(t) = s̄(t−1) + λ (T̄(t) − s̄(t−1)), so over J months
 *   s̄(J) − s̄(0) = (1 − (1−λ)^J)(T̄(0) − s̄(0)) + Σ_t λ (1−λ)^(J−t) (T̄(t) − T̄(0)).
 * The first term is the slow adjustment (citizens still catching up with the gap left by earlier
 * changes); each later change of the target weighs by how long citizens had to follow it. The
 * target of agent i is g(z_i), z_i a sum of one term per driver; a change of z_i between two
 * snapshots is split among the drivers by the secant of g (exact: g is a function of the sum, so
 * Δg = Σ_k Δz_k · (Δg ÷ Δz), the integrated gradient along the straight path). The works term
 * −N_d (1 − relief · c) is two parts: the works' nuisance −N_d and concertation's relief
 * + relief · N_d · c, which moves when concertation moves or when the works it eases do —
 * concertation with no works changes nothing, as in the model.
 *
 * Vote intention. v_d = σ(L_d), L_d = incumbentShift + β (s̄_d − s̄_d⁰) (citizens.ts); its change is
 * split by the secant of σ over the period between the satisfaction's drivers (β × each one's part
 * of s̄_d's change), the visible new services, the cost of ruling and the election's new count.
 *
 * Debt capacity. R = D ÷ G, exactly R₁ − R₀ = ΔD ÷ G₁ − D₀ ΔG ÷ (G₀ G₁): the debt's change (new
 * loans, principal repaid, partnership debt) and gross savings' change, split by the operating
 * flows of the two twelve-month windows (the ledger's totals by reason); the energy bill's change
 * is split between its price and the quantity bought.
 */
import { detLog } from './det-math';
import type { Scenario } from './scenario-schema';
import type { SimState } from './types';
import { debtAsTaxRise, districtServiceLevel, INCOME_TAX_SENSITIVITY, serviceFelt } from './rules/citizens';
import { incumbentShift } from './rules/politics';
import { serviceLevelAtStart } from './rules/services';
import { partnershipDebtEur } from './rules/contracts';
import { baselineOperatingMonth } from './rules/budget';

/** The drivers of satisfaction (and, through it, of the vote). */
const SATISFACTION_DRIVERS = ['taxes', 'taxNews', 'debt', 'services', 'habit', 'works', 'concertation', 'environment', 'heatwave', 'protest', 'privacy'] as const;
/** What moves the vote intention besides satisfaction. */
const VOTE_DRIVERS = ['visibility', 'costOfRuling', 'election'] as const;
/** The operating flows of gross savings, grouped (each the ledger's reasons below). */
const FLOW_GROUPS = ['taxes', 'otherRevenue', 'stateGrant', 'runningCosts', 'energyPrice', 'energyUse', 'interest', 'projectRunning', 'contractPayments', 'governance'] as const;
/** What moves the debt-capacity ratio: the debt's parts, gross savings' parts. */
const DEBT_DRIVERS = ['loans', 'principal', 'partnershipDebt', 'savings', ...FLOW_GROUPS.map((g) => `savings.${g}` as const)] as const;

export type CauseId = (typeof SATISFACTION_DRIVERS)[number] | (typeof VOTE_DRIVERS)[number] | (typeof DEBT_DRIVERS)[number] | 'adjustment';
export type ExplainedFigure = 'satisfaction' | 'vote' | 'debt' | 'savings';

/** One cause: the driver, and the part of the figure's change it made (in the figure's unit: 0–1 for shares, years for the ratio). */
export interface Cause {
  id: CauseId;
  size: number;
}

/** A figure's change split: the causes largest first (the residual among them, as `adjustment`). */
export interface Explanation {
  change: number;
  causes: Cause[];
  /** Of the residual, the part the model's slow adjustment accounts for (the catch-up term); the rest is what no term explains. */
  catchUp: number;
}

/** The satisfaction terms of one district (z-space coefficients, see the header). */
interface DistrictDrivers {
  agents: number;
  satisfaction: number;
  /** 3 w_S (F(S_d) − ½ F(S⁰)) and −3 w_S ½ F(X_d): by the agent's service preference. */
  services: number;
  habit: number;
  /** 3 w_N N_d: the works' nuisance before concertation's relief. */
  nuisance: number;
  /** 3 w_E F(E_d − E_d⁰): by the agent's environment preference. */
  environment: number;
  /** 3 × 0.3 × heat × (1 − H_d). */
  heat: number;
  vote: number;
  /** The vote intention's log-odds as the state now stands (after an election: with its reset). */
  logitNow: number;
  visibility: number;
  cost: number;
  termStart: number;
}

/** The ledger's reasons of each group of operating flows (rules/budget.ts, money.ts). */
const REASONS: Record<Exclude<(typeof FLOW_GROUPS)[number], 'energyPrice' | 'energyUse'> | 'energy', readonly string[]> = {
  taxes: ['taxes (TFPB, CFE)'],
  otherRevenue: ['waste tax (TEOM)', 'mobility levy', 'VAT fraction', 'fees'],
  stateGrant: ['DGF'],
  runningCosts: ['running costs'],
  energy: ['energy bill'],
  interest: ['interest', 'treasury interest', 'State advance interest'],
  projectRunning: ['operation', 'repair'],
  contractPayments: ['annual payment', 'savings share', 'partnership rent: interest', 'network maintenance', 'performance penalty', 'termination compensation: lost profit'],
  governance: ['smart-city office', 'inter-communal agreement', 'shared data policy', 'partnership prior evaluation'],
};
type FlowKey = keyof typeof REASONS;
const FLOW_KEYS = Object.keys(REASONS) as FlowKey[];
const GROUP_OF = new Map<string, FlowKey>(FLOW_KEYS.flatMap((k) => REASONS[k].map((r) => [r, k] as const)));

/** What each driver contributes to the figures, read from one state: small, plain data. */
export interface DriverSnapshot {
  tick: number;
  districts: DistrictDrivers[];
  /**
   * The fiscal term's parts, by the agent's tax preference and income band: the level 12 w_L (taxLevel − 1),
   * the rise still news 12 w_T (taxLevel − T_ref) and the debt 12 w_L w_D D.
   */
  taxes: number;
  taxNews: number;
  debt: number;
  /** 3 w_P × privacy shock: by the agent's privacy preference. */
  privacy: number;
  /** 3 × 0.15 × protest. */
  protest: number;
  concertation: number;
  elections: number;
  /** The election was held in the month just closed: the vote intentions do not show its reset yet. */
  resetPending: boolean;
  debtEur: number;
  partnershipDebtEur: number;
  grossSavingsEur: number;
  ratioYears: number;
  /** Cumulated since the start, euros: loans taken, principal repaid, operating flows by group (revenue +, spending −). */
  loansEur: number;
  principalEur: number;
  flows: Record<FlowKey, number>;
  energyPriceFactor: number;
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return detLog(q / (1 - q));
};
/** g(z), the satisfaction target's S-curve (citizens.ts), and its slope. */
const g = (z: number): number => 0.5 + (0.5 * z) / (1 + Math.abs(z));
const gSlope = (z: number): number => 0.5 / ((1 + Math.abs(z)) * (1 + Math.abs(z)));

function cents(state: Readonly<SimState>, key: string): number {
  return (state.ledger.totalsCents[key] ?? 0) / 100;
}

/** The drivers' terms in a state (as they were in its last month's citizens phase). */
export function driverSnapshot(state: Readonly<SimState>, scenario: Scenario): DriverSnapshot {
  const c = scenario.citizens;
  const w = c.weights;
  const p = scenario.politics;
  const h = c.serviceSaturation;
  const q0 = serviceFelt(serviceLevelAtStart(scenario), h);
  const starts = state.citizenDistrictStart;
  const lastElection = state.nextElectionTick - p.termYears * 12;
  const resetPending = state.counters.elections > 0 && state.tick - 1 === lastElection;
  // The citizens phase moved the tax reference after it read it: the one it read, T = (M T' − tax) ÷ (M − 1).
  const m = c.taxNewsMonths;
  const reference = state.tick > 0 ? (m * state.city.taxReference - state.city.taxLevel) / (m - 1) : state.city.taxReference;
  const districts = state.districts.map((d, k): DistrictDrivers => {
    const spec = scenario.territory.districts[k]!;
    // Before the first month the districts' services are not computed yet: citizens start from the legacy's level.
    const level = state.tick > 0 ? districtServiceLevel(d.services) : serviceLevelAtStart(scenario);
    // The citizens phase moved the expectation after it used it: the one it used, X = (36 X' − S) ÷ 35.
    const expectation = state.tick > 0 ? (36 * d.serviceExpectation - level) / 35 : d.serviceExpectation;
    const shift = incumbentShift(state, p, d.visibleThisTerm);
    const visibility = shift - p.incumbencyBias + p.costOfRuling * state.city.mayor.terms;
    return {
      agents: starts[k + 1]! - starts[k]!,
      satisfaction: d.satisfaction,
      services: 3 * w.services * (serviceFelt(level, h) - 0.5 * q0),
      habit: -3 * w.services * 0.5 * serviceFelt(expectation, h),
      nuisance: 3 * w.nuisance * d.nuisance,
      environment: 3 * w.environment * serviceFelt(d.environment - (spec.greenSpaceShare * 0.5 + (1 - spec.carShare) * 0.5), h),
      heat: 3 * 0.3 * state.city.heatStress * (1 - d.heatProtection),
      vote: d.voteIntention,
      logitNow: shift + p.voteSensitivity * (d.satisfaction - d.satisfactionAtTermStart),
      visibility,
      cost: -p.costOfRuling * state.city.mayor.terms,
      termStart: d.satisfactionAtTermStart,
    };
  });
  const flows = Object.fromEntries(FLOW_KEYS.map((k) => [k, 0])) as Record<FlowKey, number>;
  for (const [key, v] of Object.entries(state.ledger.totalsCents)) {
    const colon = key.indexOf(':');
    const group = GROUP_OF.get(key.slice(colon + 1));
    if (!group) continue;
    const [from, to] = key.slice(0, colon).split('>');
    if (to === 'city') flows[group] += v / 100;
    else if (from === 'city') flows[group] -= v / 100;
  }
  return {
    tick: state.tick,
    districts,
    taxes: 12 * w.taxLevel * (state.city.taxLevel - 1),
    taxNews: 12 * w.taxes * (state.city.taxLevel - reference),
    debt: 12 * w.taxLevel * w.debt * debtAsTaxRise(state, scenario),
    privacy: 3 * w.privacy * state.city.privacyShock,
    protest: 3 * 0.15 * state.city.protest,
    concertation: state.city.concertation,
    elections: state.counters.elections,
    resetPending,
    debtEur: state.city.debtEur,
    partnershipDebtEur: partnershipDebtEur(state as SimState),
    grossSavingsEur: state.city.grossSavingsEur,
    ratioYears: state.city.debtCapacityYears,
    loansEur: cents(state, 'lenders>city:loan'),
    principalEur: cents(state, 'city>lenders:principal'),
    flows,
    energyPriceFactor: state.energyPriceFactor,
  };
}

type Sums = Record<(typeof SATISFACTION_DRIVERS)[number], number>;
const zeroSums = (): Sums => Object.fromEntries(SATISFACTION_DRIVERS.map((k) => [k, 0])) as Sums;

/**
 * One step between two snapshots, in one district: the change of the mean target T̄_d split by
 * driver (added into `out`), and the mean target at the step's start (returned), over its agents.
 */
function targetStep(state: Readonly<SimState>, scenario: Scenario, d: number, a: DriverSnapshot, b: DriverSnapshot, out: Sums): number {
  const relief = scenario.citizens.concertationRelief;
  const da = a.districts[d]!;
  const db = b.districts[d]!;
  const s0 = Math.min(0.99, Math.max(0.01, scenario.citizens.initialSatisfaction));
  const base = detLog(s0 / (1 - s0));
  const cit = state.citizens;
  const begin = state.citizenDistrictStart[d]!;
  const end = state.citizenDistrictStart[d + 1]!;
  // The works term −N (1 − relief · c) as two parts: the works' nuisance −N and concertation's relief + relief · N · c.
  const worksA = -da.nuisance * (1 - relief * a.concertation);
  const worksB = -db.nuisance * (1 - relief * b.concertation);
  const dWorks = -(db.nuisance - da.nuisance);
  const dConcertation = relief * (db.nuisance * b.concertation - da.nuisance * a.concertation);
  const common = (x: DriverSnapshot, dx: DistrictDrivers, works: number) => base - x.protest - dx.heat + works;
  const ca = common(a, da, worksA);
  const cb = common(b, db, worksB);
  let targetA = 0;
  const local = zeroSums();
  for (let i = begin; i < end; i++) {
    const pS = cit.prefServices[i]!;
    const pE = cit.prefEnvironment[i]!;
    const pP = cit.prefPrivacy[i]!;
    const pT = cit.prefTaxes[i]! * INCOME_TAX_SENSITIVITY[cit.income[i]!]!;
    const za = ca + pS * (da.services + da.habit) + pE * da.environment - pP * a.privacy - pT * (a.taxes + a.taxNews + a.debt);
    const zb = cb + pS * (db.services + db.habit) + pE * db.environment - pP * b.privacy - pT * (b.taxes + b.taxNews + b.debt);
    const ga = g(za);
    targetA += ga;
    const dz = zb - za;
    const slope = Math.abs(dz) > 1e-12 ? (g(zb) - ga) / dz : gSlope(za);
    local.taxes += -pT * (b.taxes - a.taxes) * slope;
    local.taxNews += -pT * (b.taxNews - a.taxNews) * slope;
    local.debt += -pT * (b.debt - a.debt) * slope;
    local.services += pS * (db.services - da.services) * slope;
    local.habit += pS * (db.habit - da.habit) * slope;
    local.environment += pE * (db.environment - da.environment) * slope;
    local.privacy += -pP * (b.privacy - a.privacy) * slope;
    local.works += dWorks * slope;
    local.concertation += dConcertation * slope;
    local.heatwave += -(db.heat - da.heat) * slope;
    local.protest += -(b.protest - a.protest) * slope;
  }
  const n = end - begin;
  if (n === 0) return 0;
  for (const k of SATISFACTION_DRIVERS) out[k] += local[k] / n;
  return targetA / n;
}

/** How much of a target change at a step ending `monthsLeft` months before the path's end citizens follow (gap: months between the two snapshots). */
function followed(lambda: number, monthsLeft: number, gap: number): number {
  let stay = 1;
  const months = monthsLeft + 1 + (gap - 1) / 2;
  // (1 − λ)^months by repeated products (no Math.pow in the model); a half month by its square root.
  for (let m = 1; m <= Math.floor(months); m++) stay *= 1 - lambda;
  if (months % 1 !== 0) stay *= Math.sqrt(1 - lambda);
  return 1 - stay;
}

/** Each district's satisfaction change over the path, split by driver (per district), with its catch-up term. */
function satisfactionByDistrict(path: readonly DriverSnapshot[], state: Readonly<SimState>, scenario: Scenario): { drivers: Sums[]; catchUp: number[] } {
  const lambda = scenario.citizens.adjustmentRate;
  const first = path[0]!;
  const last = path[path.length - 1]!;
  const nd = first.districts.length;
  const drivers = Array.from({ length: nd }, zeroSums);
  const catchUp = new Array<number>(nd).fill(0);
  for (let d = 0; d < nd; d++) {
    for (let s = 1; s < path.length; s++) {
      const a = path[s - 1]!;
      const b = path[s]!;
      const step = zeroSums();
      const targetA = targetStep(state, scenario, d, a, b, step);
      if (s === 1) catchUp[d] = followed(lambda, last.tick - first.tick - 1, 1) * (targetA - first.districts[d]!.satisfaction);
      const weight = followed(lambda, last.tick - b.tick, b.tick - a.tick);
      for (const k of SATISFACTION_DRIVERS) drivers[d]![k] += weight * step[k];
    }
  }
  return { drivers, catchUp };
}

function sorted(change: number, parts: Partial<Record<CauseId, number>>, catchUp: number): Explanation {
  const named = Object.entries(parts) as [CauseId, number][];
  const explained = named.reduce((acc, [, v]) => acc + v, 0);
  const causes: Cause[] = named.map(([id, size]) => ({ id, size }));
  causes.push({ id: 'adjustment', size: change - explained });
  causes.sort((x, y) => Math.abs(y.size) - Math.abs(x.size));
  return { change, causes, catchUp };
}

/** The weights of the districts in a territory-wide mean (every agent counts once). */
function agentWeights(snap: DriverSnapshot): number[] {
  const n = snap.districts.reduce((a, d) => a + d.agents, 0);
  return snap.districts.map((d) => (n > 0 ? d.agents / n : 0));
}

function explainSatisfaction(path: readonly DriverSnapshot[], change: number, state: Readonly<SimState>, scenario: Scenario): Explanation {
  const { drivers, catchUp } = satisfactionByDistrict(path, state, scenario);
  const weights = agentWeights(path[0]!);
  const parts: Partial<Record<CauseId, number>> = {};
  for (const k of SATISFACTION_DRIVERS) parts[k] = drivers.reduce((acc, dd, d) => acc + weights[d]! * dd[k], 0);
  return sorted(change, parts, catchUp.reduce((acc, c, d) => acc + weights[d]! * c, 0));
}

function explainVote(path: readonly DriverSnapshot[], change: number, state: Readonly<SimState>, scenario: Scenario): Explanation {
  const beta = scenario.politics.voteSensitivity;
  const { drivers, catchUp } = satisfactionByDistrict(path, state, scenario);
  const first = path[0]!;
  const last = path[path.length - 1]!;
  const weights = agentWeights(first);
  const parts: Partial<Record<CauseId, number>> = {};
  const add = (id: CauseId, v: number) => (parts[id] = (parts[id] ?? 0) + v);
  let catchUpVote = 0;
  first.districts.forEach((d0, d) => {
    const d1 = last.districts[d]!;
    const dl = logit(d1.vote) - logit(d0.vote);
    // σ's secant over the period: Δv = secant × ΔL, exactly.
    const secant = Math.abs(dl) > 1e-12 ? (d1.vote - d0.vote) / dl : d0.vote * (1 - d0.vote);
    const wd = weights[d]! * secant;
    for (const k of SATISFACTION_DRIVERS) add(k, wd * beta * drivers[d]![k]);
    catchUpVote += wd * beta * catchUp[d]!;
    for (let s = 1; s < path.length; s++) {
      const a = path[s - 1]!.districts[d]!;
      const b = path[s]!.districts[d]!;
      const elected = path[s]!.elections > path[s - 1]!.elections;
      // A snapshot right after an election: its intentions do not show the reset its state holds.
      const jumpA = path[s - 1]!.resetPending ? a.logitNow - logit(a.vote) : 0;
      const jumpB = path[s]!.resetPending ? b.logitNow - logit(b.vote) : 0;
      const reset = -beta * (b.termStart - a.termStart) - jumpB + jumpA;
      if (elected) add('election', wd * (b.visibility - a.visibility + b.cost - a.cost + reset));
      else {
        add('visibility', wd * (b.visibility - a.visibility));
        add('costOfRuling', wd * (b.cost - a.cost));
        add('election', wd * reset);
      }
    }
  });
  return sorted(change, parts, catchUpVote);
}

/** The operating flows of a twelve-month window by group, and the mean energy price factor over it. */
interface Window {
  flows: Record<FlowKey, number>;
  priceFactor: number;
}

/** The operating flows of the twelve months before `tick` (gross savings' window there), or null when the snapshots do not reach back so far. */
function windowFlows(byTick: ReadonlyMap<number, DriverSnapshot>, tick: number, scenario: Scenario): Window | null {
  const now = byTick.get(tick);
  if (!now) return null;
  const from = tick - 12;
  const before = byTick.get(Math.max(0, from));
  if (!before) return null;
  const flows = {} as Record<FlowKey, number>;
  for (const k of FLOW_KEYS) flows[k] = now.flows[k] - before.flows[k];
  // Months before the start count the baseline the budget's rolling window starts from (budget.ts).
  const early = Math.max(0, -from);
  let priceSum = 0;
  let months = 0;
  for (let t = Math.max(1, from + 1); t <= tick; t++) {
    const s = byTick.get(t);
    if (s) {
      priceSum += s.energyPriceFactor;
      months += 1;
    }
  }
  if (early > 0) {
    const c = scenario.city;
    const t = c.taxes;
    const base = baselineOperatingMonth(scenario);
    const energyEur = base.spending * 12 - c.operatingCostEur - c.debtEur * c.debtRate;
    const share = early / 12;
    flows.taxes += share * (t.tfpbEur + t.cfeEur);
    flows.otherRevenue += share * (t.teomEur + t.mobilityLevyEur + t.vatShareEur + c.otherRevenueEur);
    flows.stateGrant += share * c.stateGrantEur;
    flows.runningCosts -= share * c.operatingCostEur;
    flows.energy -= share * energyEur;
    flows.interest -= share * c.debtEur * c.debtRate;
    priceSum += early;
    months += early;
  }
  return { flows, priceFactor: months > 0 ? priceSum / months : 1 };
}

function explainDebt(path: readonly DriverSnapshot[], known: readonly DriverSnapshot[], change: number, scenario: Scenario): Explanation {
  const a = path[0]!;
  const b = path[path.length - 1]!;
  const g0 = a.grossSavingsEur;
  const g1 = b.grossSavingsEur;
  const parts: Partial<Record<CauseId, number>> = {};
  const cap = (r: number) => r >= 99 - 1e-9;
  if (g0 <= 0 || g1 <= 0 || cap(a.ratioYears) || cap(b.ratioYears)) {
    // Savings at or below zero: the ratio is capped, and savings are the whole story.
    parts.savings = change;
    return sorted(change, parts, 0);
  }
  const d0 = a.debtEur + a.partnershipDebtEur;
  parts.loans = (b.loansEur - a.loansEur) / g1;
  parts.principal = -(b.principalEur - a.principalEur) / g1;
  parts.partnershipDebt = (b.partnershipDebtEur - a.partnershipDebtEur) / g1;
  const savingsPart = (dG: number) => (-d0 * dG) / (g0 * g1);
  const byTick = new Map(known.map((s) => [s.tick, s]));
  const before = windowFlows(byTick, a.tick, scenario);
  const after = windowFlows(byTick, b.tick, scenario);
  if (!before || !after) {
    parts.savings = savingsPart(g1 - g0);
    return sorted(change, parts, 0);
  }
  Object.assign(parts, flowParts(before, after, savingsPart));
  return sorted(change, parts, 0);
}

/** Gross savings' change between two twelve-month windows, by group of flows (`scale` turns a change of savings into the figure's unit). */
function flowParts(before: Window, after: Window, scale: (dG: number) => number): Partial<Record<CauseId, number>> {
  const parts: Partial<Record<CauseId, number>> = {};
  for (const k of FLOW_KEYS) {
    if (k === 'energy') continue;
    parts[`savings.${k}`] = scale(after.flows[k] - before.flows[k]);
  }
  // The energy bill (negative: spending) = price factor × quantity at the base price: Δ split on the averages.
  const qa = before.flows.energy / before.priceFactor;
  const qb = after.flows.energy / after.priceFactor;
  parts['savings.energyPrice'] = scale((after.priceFactor - before.priceFactor) * 0.5 * (qa + qb));
  parts['savings.energyUse'] = scale(0.5 * (before.priceFactor + after.priceFactor) * (qb - qa));
  return parts;
}

/** Gross savings' change, euros, by group of operating flows (the two windows' difference). */
function explainSavings(path: readonly DriverSnapshot[], known: readonly DriverSnapshot[], change: number, scenario: Scenario): Explanation {
  const byTick = new Map(known.map((s) => [s.tick, s]));
  const before = windowFlows(byTick, path[0]!.tick, scenario);
  const after = windowFlows(byTick, path[path.length - 1]!.tick, scenario);
  if (!before || !after) return sorted(change, {}, 0);
  return sorted(change, flowParts(before, after, (dG) => dG), 0);
}

/**
 * A figure's change since `fromTick`, split by driver, largest first. `snapshots` are the known
 * snapshots of the game in the order of their ticks (one a month when there are; the one at
 * `fromTick` starts the path, and for the debt ratio those of the twelve months before it give
 * the gross savings it started from). `change` is the figure's actual change (its reporter now
 * less at `fromTick`): what the drivers do not explain is the cause `adjustment`. `state` is any
 * state of the same game (the citizens' preferences, which never change, are read from it).
 */
export function explainChange(figure: ExplainedFigure, snapshots: readonly DriverSnapshot[], fromTick: number, change: number, state: Readonly<SimState>, scenario: Scenario): Explanation {
  const path = snapshots.filter((s) => s.tick >= fromTick);
  if (path.length < 2 || path[0]!.tick !== fromTick) return sorted(change, {}, 0);
  switch (figure) {
    case 'satisfaction':
      return explainSatisfaction(path, change, state, scenario);
    case 'vote':
      return explainVote(path, change, state, scenario);
    case 'debt':
      return explainDebt(path, snapshots, change, scenario);
    case 'savings':
      return explainSavings(path, snapshots, change, scenario);
  }
}
