/**
 * Discounting (src/sim/rules/discount.ts): DESIGN §4's worked example of the two lenses, reproduced
 * with the code's own functions, and the fast array weights against the definitions.
 */
import { describe, expect, it } from 'vitest';
import {
  cityCostWeight,
  cityCostWeights,
  cityWeight,
  cityWeights,
  expectedShortfall,
  normalCdf,
  partnerWeight,
  partnerWeights,
  presentValue,
  presentValueWith,
  type CityLens,
  type PartnerLens,
} from '../../src/sim/rules/discount';

const M = 1e6;
// DESIGN §4: 34,000 LED points at €1,200 = €40.8 M; €2.7 M of savings a year for 25 years; half public
// money of which €10 M from the city; the partner finances €20.4 M, repaid from the savings.
const SAVINGS = 2.7 * M;
const PARTNER_CAPITAL = 20.4 * M;
const CITY_SHARE = 10 * M;
const LIFE = 25;

const partner: PartnerLens = { rate: 0.084, riskPremium: 0, horizonYears: LIFE };
const publicLens: CityLens = { rate: 0.032, presentBias: 1, electoralHazard: 0, yearsToElection: 0 };

/** The partner's NPV if it keeps the savings for `years` years (flows at the end of each year). */
function partnerNpv(years: number): number {
  return -PARTNER_CAPITAL + presentValue(new Array<number>(years).fill(SAVINGS), (t) => partnerWeight(partner, t));
}

/** The city's gain: the savings of years 13–25 (after a 12-year contract) less its €10 M share. */
function cityGain(lens: CityLens): number {
  const flows = Array.from({ length: LIFE }, (_, k) => (k + 1 >= 13 ? SAVINGS : 0));
  return presentValue(flows, (t) => cityWeight(lens, t)) - CITY_SHARE;
}

describe('DESIGN §4 worked example', () => {
  it('the partner at 8.4 % breaks even between 12 and 13 years: NPV −€0.5 M, then +€0.5 M', () => {
    expect(Math.abs(partnerNpv(12) - -0.5 * M)).toBeLessThanOrEqual(0.1 * M);
    expect(Math.abs(partnerNpv(13) - 0.5 * M)).toBeLessThanOrEqual(0.1 * M);
  });

  it('without public money the partner never recovers €40.8 M (annuity factor below 1/0.084)', () => {
    const forever = presentValue(new Array<number>(200).fill(1), (t) => partnerWeight({ ...partner, horizonYears: 1000 }, t));
    expect(forever).toBeLessThan(1 / 0.084);
    expect(forever).toBeGreaterThan(11.8);
    expect(SAVINGS * forever).toBeLessThan(40.8 * M);
  });

  it('the city at the public rate of 3.2 % gains +€9.4 M', () => {
    expect(Math.abs(cityGain(publicLens) - 9.4 * M)).toBeLessThanOrEqual(0.1 * M);
  });

  it('a mayor who adds a 15 %/yr electoral hazard (Tₑ = 0) sees a loss of −€8.2 M', () => {
    expect(Math.abs(cityGain({ ...publicLens, electoralHazard: 0.15 }) - -8.2 * M)).toBeLessThanOrEqual(0.1 * M);
  });

  it('with present bias β = 0.7 as well, −€8.8 M', () => {
    expect(Math.abs(cityGain({ ...publicLens, electoralHazard: 0.15, presentBias: 0.7 }) - -8.8 * M)).toBeLessThanOrEqual(0.1 * M);
  });
});

describe('weights', () => {
  it('the city weight: β on every year after the current one, the public rate until the election, rate + hazard after', () => {
    const lens: CityLens = { rate: 0.03, presentBias: 0.8, electoralHazard: 0.1, yearsToElection: 2 };
    expect(cityWeight(lens, 0)).toBe(1);
    expect(cityWeight(lens, 1)).toBeCloseTo(1 / 1.03, 14); // the current year is the present
    expect(cityWeight(lens, 0.5)).toBeCloseTo(1.03 ** -0.5, 14);
    expect(cityWeight(lens, 2)).toBeCloseTo(0.8 / 1.03 ** 2, 14);
    expect(cityWeight(lens, 5)).toBeCloseTo(0.8 / 1.03 ** 2 / 1.13 ** 3, 14);
  });

  it('the city commitment weight ignores the electoral hazard and the present bias (commitments are recognised at signature)', () => {
    const lens: CityLens = { rate: 0.03, presentBias: 0.8, electoralHazard: 0.5, yearsToElection: 0 };
    expect(cityCostWeight(lens, 7)).toBeCloseTo(1 / 1.03 ** 7, 14);
    expect(cityCostWeight(lens, 1)).toBeCloseTo(1 / 1.03, 14);
    expect(cityCostWeight(lens, 7)).toBeGreaterThan(cityWeight(lens, 7));
  });

  it('the partner weight is zero beyond its horizon', () => {
    expect(partnerWeight({ rate: 0.08, riskPremium: 0.02, horizonYears: 20 }, 20)).toBeCloseTo(1.1 ** -20, 14);
    expect(partnerWeight({ rate: 0.08, riskPremium: 0.02, horizonYears: 20 }, 21)).toBe(0);
  });

  it('the effective horizon shrinks as the election nears', () => {
    const far: CityLens = { rate: 0.032, presentBias: 0.8, electoralHazard: 0.15, yearsToElection: 5.5 };
    const near = { ...far, yearsToElection: 0.5 };
    for (const t of [1, 3, 6, 10, 20]) expect(cityWeight(near, t)).toBeLessThan(cityWeight(far, t));
  });

  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

  it('the array functions agree with the pointwise definitions within 1e-12 relative', () => {
    const cityLenses: CityLens[] = [];
    for (const rate of [0, 0.01, 0.032, 0.08])
      for (const presentBias of [0.5, 0.7, 1])
        for (const electoralHazard of [0, 0.08, 0.15, 0.5])
          for (const yearsToElection of [0, 0.25, 1, 2.5, 3, 5.9167, 6, 44.5, 60]) cityLenses.push({ rate, presentBias, electoralHazard, yearsToElection });
    let worst = 0;
    for (const lens of cityLenses) {
      const w = cityWeights(lens, 45);
      const c = cityCostWeights(lens, 45);
      expect(w).toHaveLength(45);
      for (let k = 0; k < 45; k++) {
        worst = Math.max(worst, rel(w[k]!, cityWeight(lens, k + 1)), rel(c[k]!, cityCostWeight(lens, k + 1)));
      }
    }
    for (const rate of [0.05, 0.084, 0.12])
      for (const riskPremium of [0, 0.013, 0.05])
        for (const horizonYears of [10, 20.5, 25, 45]) {
          const lens = { rate, riskPremium, horizonYears };
          const p = partnerWeights(lens, 45);
          for (let k = 0; k < 45; k++) {
            const exact = partnerWeight(lens, k + 1);
            if (exact === 0) expect(p[k]).toBe(0);
            else worst = Math.max(worst, rel(p[k]!, exact));
          }
        }
    expect(worst).toBeLessThan(1e-12);
  });

  it('presentValueWith(weights) equals presentValue(weight function)', () => {
    const lens: CityLens = { rate: 0.032, presentBias: 0.8, electoralHazard: 0.15, yearsToElection: 3.5 };
    const flows = Array.from({ length: 30 }, (_, k) => (k % 3) * 1e6 - 5e5);
    const a = presentValueWith(flows, cityWeights(lens, 30));
    const b = presentValue(flows, (t) => cityWeight(lens, t));
    expect(rel(a, b)).toBeLessThan(1e-12);
    expect(presentValueWith([1, 2, 3], [1])).toBe(1); // only the overlapping years count
  });
});

describe('helpers', () => {
  it('normalCdf is the standard normal CDF (A–S 7.1.26)', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it('expectedShortfall is E[max(0, g − R)]', () => {
    expect(expectedShortfall(0.6, 0.9, 0)).toBe(0);
    expect(expectedShortfall(0.9, 0.6, 0)).toBeCloseTo(0.3, 12);
    // At g = μ: σ · φ(0) = σ / √(2π).
    expect(expectedShortfall(1, 1, 0.2)).toBeCloseTo(0.2 / Math.sqrt(2 * Math.PI), 7);
    expect(expectedShortfall(0.6, 0.9, 0.3)).toBeGreaterThan(expectedShortfall(0.6, 0.9, 0.1));
  });
});
