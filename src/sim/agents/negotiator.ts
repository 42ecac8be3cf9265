/**
 * The negotiating computer player's reasoning, shared by the city and the partner.
 *
 * Values. Each side values an offer through its own lens with the reduced model of valuation.ts:
 * for fixed terms, its value is linear in the annual payment, V(P) = v₀ + s·P (s < 0 for the
 * city, > 0 for the partner), so one projection per set of terms gives its value at any payment.
 *
 * Beliefs. Each side is unsure how patient the other is: the city over the partner's cost of
 * capital r ∈ PARTNER_TYPES, the partner over the city's electoral hazard h ∈ CITY_TYPES. Every
 * type implies a reservation payment for given terms: the least the partner takes, P_min(r), or
 * the most the city pays, P_max(h) (valued on public figures: catalogue costs, the scenario's
 * public parameters). The belief is recomputed from the negotiation's history each time (so it
 * lives in the state, through the history): a uniform prior times, for each answer, the likelihood
 * of that answer under each type — a side that rejects a payment P is likely a type whose
 * reservation P does not meet, a side that asks P′ is likely a type whose reservation P′ covers —
 * with a logistic likelihood σ(gap / (10 % of the payment)).
 *
 * Counter-offers. Over a grid of durations and termination-compensation levels, a side picks the
 * terms and payment that maximise its expected value, V_own(terms, P) × Pr(the other accepts), with
 * Pr(accept) = Σ belief(type) · [P is within that type's reservation]; the candidate payments are
 * the types' reservation payments. Acceptance. A side accepts an offer worth at least its
 * reservation and at least δ × the expected value of its best counter (δ < 1: its patience per
 * round); the last round has no continuation. It walks away when no counter is worth anything.
 * The same two functions, `bestOffer` and `shouldAccept`, drive the stylised bargaining mode.
 */
import { detExp } from '../det-math';
import { deploymentCapexEur, projectType } from '../rules/catalogue';
import { cityWeights, cityCostWeights, partnerWeights, presentValueWith } from '../rules/discount';
import { MAX_CONTRACT_YEARS, termsProblem } from '../rules/terms';
import { cityLens, dealFlows, partnerLens, valueForCity, valueForPartner, type DealFlows } from '../rules/valuation';
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, Negotiation, SimState } from '../types';

/** The partner's possible costs of capital, as the city imagines them. */
export const PARTNER_TYPES = [0.05, 0.065, 0.08, 0.095, 0.11, 0.13, 0.15] as const;
/** The city's possible electoral hazards, as the partner imagines them. */
export const CITY_TYPES = [0, 0.04, 0.08, 0.15, 0.25, 0.4] as const;

export const DURATION_GRID = [5, 6, 8, 10, 12, 15, 18, 20, 25] as const;
export const COMPENSATION_GRID = [0, 0.5, 1] as const;

/** Value linear in the annual payment: V(P) = v0 + slope · P. */
export interface Linear {
  v0: number;
  slope: number;
}

export const at = (l: Linear, payment: number): number => l.v0 + l.slope * payment;

/** Among candidates, the best for the proposer: value × probability that the other accepts. */
export function bestOffer<T>(candidates: readonly T[], value: (c: T) => number, acceptProb: (c: T) => number): { offer: T; expected: number } | null {
  let best: { offer: T; expected: number } | null = null;
  for (const c of candidates) {
    const p = acceptProb(c);
    if (p <= 0) continue;
    const expected = value(c) * p;
    if (best === null || expected > best.expected + 1e-9) best = { offer: c, expected };
  }
  return best;
}

/** Accept when the offer is worth at least the reservation and at least what countering is worth. */
export function shouldAccept(offerValue: number, reservation: number, continuation: number): boolean {
  return offerValue >= reservation - 1e-9 && offerValue >= continuation - 1e-9;
}

function payOf(t: ContractTerms): number {
  return t.annualPaymentEur;
}

/** The city's value of terms as a function of the payment, through a given lens (scenario view). */
export function cityLinear(state: SimState, view: Scenario, flows: DealFlows, terms: ContractTerms): Linear {
  const lens = cityLens(state, view);
  const fiscal = 0.8 + 0.4 * state.city.mayor.profile.fiscal;
  const unit = unitPayments(view, terms, flows.years);
  return { v0: valueForCity(state, view, flows), slope: -fiscal * presentValueWith(unit, cityCostWeights(lens, flows.years)) };
}

/** The partner's value of terms as a function of the payment, through a given lens. */
export function partnerLinear(view: Scenario, flows: DealFlows, terms: ContractTerms): Linear {
  const lens = partnerLens(view, terms);
  const unit = unitPayments(view, terms, flows.years);
  return { v0: valueForPartner(view, terms, flows), slope: presentValueWith(unit, partnerWeights(lens, flows.years)) };
}

/** One euro a year during the contract's operation. */
function unitPayments(scenario: Scenario, terms: ContractTerms, n: number): number[] {
  let b = 0;
  for (const p of terms.projects) {
    const t = projectType(scenario, p);
    if (t) b = Math.max(b, (terms.pilot ? t.pilot.months : t.buildMonths) / 12);
  }
  const out = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++) out[k] = Math.max(0, Math.min(k + 1, b + terms.durationYears) - Math.max(k, b));
  return out;
}

/** The partner's bid margin: what it needs on top of its cost of capital (its outside option). */
export function partnerMargin(scenario: Scenario, flows: DealFlows, marginShare: number): number {
  return marginShare * Math.max(0, flows.partnerCapitalEur) + 1;
}

/** Views of the scenario with one lens parameter changed (for the types of a belief). */
function withHazard(scenario: Scenario, h: number): Scenario {
  return { ...scenario, city: { ...scenario.city, electoralHazard: h } };
}
function withPartnerRate(scenario: Scenario, r: number): Scenario {
  return { ...scenario, partner: { ...scenario.partner, discountRate: r } };
}

/** Reservation payments of each city type for these terms (the most each would pay). */
export function cityTypeReservations(state: SimState, scenario: Scenario, terms: ContractTerms): number[] {
  const zero = { ...terms, annualPaymentEur: 0 };
  const flows = dealFlows(state, scenario, zero, 'partner', 'public');
  return CITY_TYPES.map((h) => {
    const l = cityLinear(state, withHazard(scenario, h), flows, zero);
    return l.v0 > 0 && l.slope < 0 ? l.v0 / -l.slope : -1;
  });
}

/** Reservation payments of each partner type for these terms (the least each would take). */
export function partnerTypeReservations(state: SimState, scenario: Scenario, terms: ContractTerms, marginShare: number): number[] {
  const zero = { ...terms, annualPaymentEur: 0 };
  const flows = dealFlows(state, scenario, zero, 'partner', 'public');
  return PARTNER_TYPES.map((r) => {
    const l = partnerLinear(withPartnerRate(scenario, r), flows, zero);
    return l.slope > 0 ? Math.max(0, (partnerMargin(scenario, flows, marginShare) - l.v0) / l.slope) : Infinity;
  });
}

const sigma = (x: number) => 1 / (1 + detExp(-Math.max(-30, Math.min(30, x))));

function scaleOf(p: number): number {
  return Math.max(10_000, 0.1 * Math.abs(p));
}

function normalise(w: number[]): number[] {
  const s = w.reduce((a, b) => a + b, 0);
  return s > 0 ? w.map((x) => x / s) : w.map(() => 1 / w.length);
}

/**
 * What the city believes about the partner's cost of capital, from the history: weights over
 * PARTNER_TYPES.
 */
export function cityBelief(state: SimState, scenario: Scenario, n: Negotiation, marginShare: number): number[] {
  let w: number[] = PARTNER_TYPES.map(() => 1);
  n.history.forEach((m, i) => {
    if (m.by === 'partner' && m.kind === 'offer' && m.terms) {
      const res = partnerTypeReservations(state, scenario, m.terms, marginShare);
      w = w.map((x, k) => x * sigma((payOf(m.terms!) - res[k]!) / scaleOf(payOf(m.terms!))));
    }
    if (m.by === 'city' && m.kind === 'offer' && m.terms) {
      const answer = n.history[i + 1];
      if (!answer) return;
      const res = partnerTypeReservations(state, scenario, m.terms, marginShare);
      const accepted = answer.kind === 'accept';
      w = w.map((x, k) => x * sigma(((accepted ? 1 : -1) * (payOf(m.terms!) - res[k]!)) / scaleOf(payOf(m.terms!))));
    }
  });
  return normalise(w);
}

/** What the partner believes about the city's electoral hazard, from the history: weights over CITY_TYPES. */
export function partnerBelief(state: SimState, scenario: Scenario, n: Negotiation): number[] {
  let w: number[] = CITY_TYPES.map(() => 1);
  n.history.forEach((m, i) => {
    if (m.by === 'city' && m.kind === 'offer' && m.terms) {
      const res = cityTypeReservations(state, scenario, m.terms);
      w = w.map((x, k) => x * sigma((res[k]! - payOf(m.terms!)) / scaleOf(payOf(m.terms!))));
    }
    if (m.by === 'partner' && m.kind === 'offer' && m.terms) {
      const answer = n.history[i + 1];
      if (!answer) return;
      const res = cityTypeReservations(state, scenario, m.terms);
      const accepted = answer.kind === 'accept';
      w = w.map((x, k) => x * sigma(((accepted ? 1 : -1) * (res[k]! - payOf(m.terms!))) / scaleOf(payOf(m.terms!))));
    }
  });
  return normalise(w);
}

/** The terms a side may put on the table, around a base offer: durations × compensations. */
export function termVariants(scenario: Scenario, base: ContractTerms, maxYears: number): ContractTerms[] {
  if (base.pilot || base.form === 'procurement') return [base];
  const out: ContractTerms[] = [];
  for (const d of DURATION_GRID) {
    if (d > Math.min(MAX_CONTRACT_YEARS, maxYears)) continue;
    for (const tc of COMPENSATION_GRID) {
      if (tc > scenario.negotiation.maxTerminationCompensation) continue;
      out.push({ ...base, durationYears: d, terminationCompensation: tc });
    }
  }
  return out;
}

export interface Choice {
  terms: ContractTerms;
  /** The proposer's value of the terms at this payment. */
  value: number;
  /** Believed probability that the other side accepts. */
  acceptProb: number;
  expected: number;
}

/** The partner's best counter: maximises its value × the chance the city (as believed) accepts. */
export function partnerBestCounter(
  state: SimState,
  publicScenario: Scenario,
  ownView: Scenario,
  base: ContractTerms,
  belief: number[],
  marginShare: number,
): Choice | null {
  const cands: Choice[] = [];
  for (const terms of termVariants(ownView, base, ownView.partner.horizonYears)) {
    const zero = { ...terms, annualPaymentEur: 0 };
    const own = dealFlows(state, ownView, zero);
    const lin = partnerLinear(ownView, own, zero);
    if (lin.slope <= 0) continue;
    const reservation = partnerMargin(ownView, own, marginShare);
    const floor = Math.max(0, (reservation - lin.v0) / lin.slope);
    const res = cityTypeReservations(state, publicScenario, zero);
    for (const p of [...res, floor]) {
      if (!(p >= floor) || !Number.isFinite(p)) continue;
      const pay = Math.floor(p / 1000) * 1000;
      if (pay < floor) continue;
      const acceptProb = res.reduce((a, r, k) => a + (pay <= r ? belief[k]! : 0), 0);
      const value = at(lin, pay) - reservation;
      cands.push({ terms: { ...terms, annualPaymentEur: pay }, value, acceptProb, expected: value * acceptProb });
    }
  }
  return pickLawful(state, publicScenario, cands);
}

/** The city's best offer: maximises its value × the chance the partner (as believed) accepts. */
export function cityBestOffer(
  state: SimState,
  publicScenario: Scenario,
  ownView: Scenario,
  base: ContractTerms,
  belief: number[],
  marginShare: number,
  maxYears: number,
): Choice | null {
  const cands: Choice[] = [];
  for (const terms of termVariants(ownView, base, maxYears)) {
    const zero = { ...terms, annualPaymentEur: 0 };
    const flows = dealFlows(state, ownView, zero, 'partner', 'public');
    const lin = cityLinear(state, ownView, flows, zero);
    if (lin.slope >= 0) continue;
    const ceiling = lin.v0 / -lin.slope;
    if (ceiling <= 0) continue;
    const res = partnerTypeReservations(state, publicScenario, zero, marginShare);
    for (const p of [...res, ceiling]) {
      if (!Number.isFinite(p) || p > ceiling) continue;
      const pay = Math.ceil(p / 1000) * 1000;
      if (pay > ceiling) continue;
      const acceptProb = res.reduce((a, r, k) => a + (pay >= r ? belief[k]! : 0), 0);
      const value = at(lin, pay);
      cands.push({ terms: { ...terms, annualPaymentEur: pay }, value, acceptProb, expected: value * acceptProb });
    }
  }
  return pickLawful(state, publicScenario, cands);
}

/** The best candidate whose terms are lawful now. */
function pickLawful(state: SimState, scenario: Scenario, cands: Choice[]): Choice | null {
  cands.sort((a, b) => b.expected - a.expected || a.terms.durationYears - b.terms.durationYears || a.terms.annualPaymentEur - b.terms.annualPaymentEur);
  for (const c of cands) {
    if (c.expected <= 0) return null;
    if (termsProblem(state, scenario, c.terms) === null) return c;
  }
  return null;
}

/** Total capital of a deal at catalogue prices (for explanations). */
export function dealCapex(scenario: Scenario, terms: ContractTerms): number {
  let sum = 0;
  for (const p of terms.projects) {
    const t = projectType(scenario, p);
    if (!t) continue;
    for (const d of terms.districts) sum += deploymentCapexEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1);
  }
  return sum;
}

export const millions = (eur: number): number => Math.round(eur / 1e4) / 100;
export const percent = (x: number): number => Math.round(x * 1000) / 10;

/** Weights used for explanations (exported for the two-lens chart). */
export { cityWeights, cityCostWeights, partnerWeights };
