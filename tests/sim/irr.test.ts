/** The internal rate of return of monthly flows (src/sim/irr.ts), against cases computed by hand. */
import { describe, expect, it } from 'vitest';
import { annualIrr } from '../../src/sim/irr';

/** n zeros. */
const zeros = (n: number) => new Array<number>(n).fill(0);

describe('annualIrr', () => {
  it('−100 now and +110 in twelve months: 10 % a year', () => {
    expect(annualIrr([-100, ...zeros(11), 110])).toBeCloseTo(0.1, 10);
  });

  it('−100 now and +121 in 24 months: 10 % a year (1.1² = 1.21)', () => {
    expect(annualIrr([-100, ...zeros(23), 121])).toBeCloseTo(0.1, 10);
  });

  it('−1,000 now, then +100 a month for a year: the monthly rate solving the annuity, compounded', () => {
    // By hand: 1,000 = 100 × (1 − v¹²) / m with v = 1 / (1 + m): m = 2.9229 % a month (the annuity
    // table's 12-month factor 10 lies between 2.9 % and 3 %), so (1 + m)^12 − 1 = 41.30 % a year.
    const flows = [-1000, ...new Array<number>(12).fill(100)];
    const r = annualIrr(flows)!;
    const m = Math.pow(1 + r, 1 / 12) - 1; // the test may use Math.pow: only src/sim may not
    expect(m).toBeCloseTo(0.029229, 5);
    expect(r).toBeCloseTo(0.413, 3);
    // And the NPV at that rate is zero.
    expect(flows.reduce((a, f, k) => a + f / Math.pow(1 + m, k), 0)).toBeCloseTo(0, 6);
  });

  it('a loss: −100 then +90 a year later is −10 % a year', () => {
    expect(annualIrr([-100, ...zeros(11), 90])).toBeCloseTo(-0.1, 10);
  });

  it('is null when the flows never change sign (no rate balances them)', () => {
    expect(annualIrr([])).toBeNull();
    expect(annualIrr([0, 0])).toBeNull();
    expect(annualIrr([5, 10, 3])).toBeNull();
    expect(annualIrr([-5, -10])).toBeNull();
  });

  it('is null when two rates balance the flows (−100, +230, −132: 10 % and 20 % a month)', () => {
    // −100 x² + 230 x − 132 = 0 with x = 1 + m: x = 1.1 or 1.2.
    expect(annualIrr([-100, 230, -132])).toBeNull();
  });

  it('flows that change sign three times but balance at one rate: that rate (−100, +50, −10, +80)', () => {
    // −100 x³ + 50 x² − 10 x + 80 = 0 (x = 1 + m) has one real root, x = 1.086107 (the other two
    // are complex): 8.6107 % a month, 1.086107^12 − 1 = 169.45 % a year.
    expect(annualIrr([-100, 50, -10, 80])).toBeCloseTo(1.694467, 5);
  });

  it('is null when no rate between the bounds balances them (a loss of 99.99 % in a month)', () => {
    expect(annualIrr([-100, 0.01])).toBeNull();
  });

    it('is deterministic and the same for the same flows scaled', () => {
    const flows = [-3e6, -2e6, 1e5, ...new Array<number>(120).fill(9e4)];
    const a = annualIrr(flows)!;
    expect(annualIrr(flows)).toBe(a);
    expect(annualIrr(flows.map((f) => f * 1000))).toBeCloseTo(a, 9);
  });
});
