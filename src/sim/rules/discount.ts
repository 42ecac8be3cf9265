/**
 * Discounting: how each side weighs a euro in year t.
 *
 * The city: a base rate r (France Stratégie's 3.2 %), present bias β (Laibson's quasi-hyperbolic
 * form: the current year is the present, every later year is multiplied by β), and an electoral
 * hazard h added to the rate for what falls after the next election, Tₑ years away:
 *   w(t) = β^[t>1] · (1+r)^−min(t,Tₑ) · (1+r+h)^−max(0, t−Tₑ).
 * As the election nears, Tₑ shrinks and the city's effective horizon with it. With Tₑ = 0 this is
 * the "mayor who adds a 15 %/yr electoral hazard" of DESIGN §4 (rate r + h on every year).
 * What the city commits by contract (works, payments, compensation) binds the institution whoever
 * governs and is recognised in full at signature: voted as a multi-year authorisation (CGCT
 * L2311-3), a partnership's investment counted as debt (M57), weighed by the prior evaluation and
 * the budgetary sustainability study at the public rate (CCP L2212-1 to L2212-3). So commitments
 * are weighted by wᶜ(t) = (1+r)^−t, with neither present bias nor hazard: a short horizon cannot
 * make a long contract cheap by spreading its payments onto the successors; it only discounts the
 * benefits, and the running costs no contract commits (valuation.ts weighs those with w). The
 * city fears commitments that outlive the mandate (DESIGN §1), and since r is below the partner's
 * cost of capital, it prefers short contracts and public money to long private finance.
 * Powers use the deterministic `detPow` (det-math.ts): engines round Math.pow differently.
 * Flows of year index k (from k to k+1 years from now) are counted at its end, t = k + 1, the
 * convention of the worked example in DESIGN §4, which a test reproduces.
 * The partner: its cost of capital plus a risk premium, and nothing beyond its horizon.
 */

import { detExp, detPow } from '../det-math';

export interface CityLens {
  rate: number;
  presentBias: number;
  electoralHazard: number;
  /** Years from now to the next election. */
  yearsToElection: number;
}

export interface PartnerLens {
  rate: number;
  riskPremium: number;
  horizonYears: number;
}

/** Weight of a flow t years from now (t may be fractional) for the city. */
export function cityWeight(lens: CityLens, t: number): number {
  const beta = t > 1 ? lens.presentBias : 1;
  const te = Math.max(0, lens.yearsToElection);
  const before = Math.min(t, te);
  const after = Math.max(0, t - te);
  return beta * detPow(1 + lens.rate, -before) * detPow(1 + lens.rate + lens.electoralHazard, -after);
}

/** Weight of a commitment t years from now for the city (the public rate alone: commitments are recognised at signature). */
export function cityCostWeight(lens: CityLens, t: number): number {
  return detPow(1 + lens.rate, -t);
}

/** Weight of a flow t years from now for the partner. */
export function partnerWeight(lens: PartnerLens, t: number): number {
  if (t > lens.horizonYears) return 0;
  return detPow(1 + lens.rate + lens.riskPremium, -t);
}

/** Present value of a yearly series (flow of year index k counted at the year's end, t = k + 1). */
export function presentValue(flows: readonly number[], weight: (t: number) => number): number {
  let v = 0;
  for (let k = 0; k < flows.length; k++) v += flows[k]! * weight(k + 1);
  return v;
}

/**
 * The city's weights at t = 1…n, computed by running products (one power for the fractional year
 * of the election): the same numbers as `cityWeight` up to rounding, much faster.
 */
export function cityWeights(lens: CityLens, n: number): number[] {
  const out = new Array<number>(n);
  const te = Math.max(0, lens.yearsToElection);
  const a = 1 / (1 + lens.rate);
  const b = 1 / (1 + lens.rate + lens.electoralHazard);
  let f = 1;
  for (let k = 0; k < n; k++) {
    const t = k + 1;
    if (t <= te) f *= a;
    else if (t - 1 < te) f = detPow(1 + lens.rate, -te) * detPow(1 + lens.rate + lens.electoralHazard, -(t - te));
    else f *= b;
    out[k] = (t > 1 ? lens.presentBias : 1) * f;
  }
  return out;
}

/** The city's commitment weights at t = 1…n (running products, the public rate alone). */
export function cityCostWeights(lens: CityLens, n: number): number[] {
  const out = new Array<number>(n);
  const a = 1 / (1 + lens.rate);
  let f = 1;
  for (let k = 0; k < n; k++) {
    f *= a;
    out[k] = f;
  }
  return out;
}

/** The partner's weights at t = 1…n (running products; zero beyond its horizon). */
export function partnerWeights(lens: PartnerLens, n: number): number[] {
  const out = new Array<number>(n);
  const a = 1 / (1 + lens.rate + lens.riskPremium);
  let f = 1;
  for (let k = 0; k < n; k++) {
    f *= a;
    out[k] = k + 1 > lens.horizonYears ? 0 : f;
  }
  return out;
}

/** Present value of a yearly series with precomputed weights. */
export function presentValueWith(flows: readonly number[], weights: readonly number[]): number {
  let v = 0;
  const n = Math.min(flows.length, weights.length);
  for (let k = 0; k < n; k++) v += flows[k]! * weights[k]!;
  return v;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * detExp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Expected shortfall E[max(0, g − R)] for R ~ Normal(μ, σ): what a guarantee g costs its giver. */
export function expectedShortfall(g: number, mu: number, sigma: number): number {
  if (sigma <= 1e-9) return Math.max(0, g - mu);
  const z = (g - mu) / sigma;
  const pdf = detExp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return (g - mu) * normalCdf(z) + sigma * pdf;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
