/** Deterministic exp, log and pow (src/sim/det-math.ts): as accurate as Math.*, same special cases. */
import { describe, expect, it } from 'vitest';
import { detExp, detLog, detPow } from '../../src/sim/det-math';

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/** A spread of arguments: a fixed grid plus pseudo-random points (a simple LCG, no Math.random). */
function spread(lo: number, hi: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(lo + ((hi - lo) * i) / n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(lo + ((hi - lo) * x) / 2 ** 32);
  }
  return out;
}

describe('detExp', () => {
  it('agrees with Math.exp within 1e-14 relative from −700 to 700', () => {
    let worst = 0;
    for (const x of [...spread(-700, 700, 4000), ...spread(-1, 1, 2000), 1e-10, -1e-10, 0.5 * Math.LN2, -0.5 * Math.LN2]) worst = Math.max(worst, rel(detExp(x), Math.exp(x)));
    expect(worst).toBeLessThan(1e-14);
  });

  it('is at most 1 for x ≤ 0 and at least 1 for x ≥ 0, so σ(z) = 1 ÷ (1 + detExp(−z)) is on the right side of ½ (the vote count skips it for draws on the far side, politics.ts)', () => {
    const xs = [...spread(-2, 2, 4000), ...spread(-1e-6, 1e-6, 2000), ...spread(-800, 800, 2000), -0, 0, 5e-324, -5e-324, 1e-300, -1e-300, 0.5 * Math.LN2, -0.5 * Math.LN2];
    const wrongSide = xs.filter((x) => {
      const e = detExp(x);
      return (x <= 0 && !(e <= 1 && 1 / (1 + e) >= 0.5)) || (x >= 0 && !(e >= 1 && 1 / (1 + e) <= 0.5));
    });
    expect(wrongSide).toEqual([]);
  });

  it('has the special cases of Math.exp', () => {
    expect(detExp(0)).toBe(1);
    expect(detExp(NaN)).toBeNaN();
    expect(detExp(Infinity)).toBe(Infinity);
    expect(detExp(-Infinity)).toBe(0);
    expect(detExp(710)).toBe(Infinity);
    expect(detExp(-746)).toBe(0);
    expect(detExp(709.4)).toBeLessThan(Infinity);
    expect(rel(detExp(709.4), Math.exp(709.4))).toBeLessThan(1e-14);
    expect(rel(detExp(-740), Math.exp(-740))).toBeLessThan(1e-2); // subnormal: few bits left
    expect(detExp(1)).toBeCloseTo(Math.E, 15);
  });

  // BUG (src/sim/det-math.ts, reported): for x in about (709.44, 709.78], k = round(x / ln 2) is
  // 1024 and pow2(1024) overflows to Infinity before it is scaled down by e^r < 1, so detExp
  // returns Infinity where Math.exp is finite (Math.exp(709.5) ≈ 1.35e308). No model quantity comes
  // near it today; it matters if detExp/detPow ever see such arguments.
  it('stays finite just below the overflow threshold (detExp(709.5) ≈ 1.35e308)', () => {
    for (const x of [709.45, 709.5, 709.6, 709.7, 709.78]) {
      expect(detExp(x), `detExp(${x})`).toBeLessThan(Infinity);
      expect(rel(detExp(x), Math.exp(x))).toBeLessThan(1e-14);
    }
  });
});

describe('detLog', () => {
  it('agrees with Math.log within 1e-14 relative (absolute near 1) on a wide spread', () => {
    let worst = 0;
    const xs = [...spread(1e-6, 10, 3000), ...spread(0.5, 2, 2000), ...spread(1, 1e300, 500), 1e-300, 3e-200, 1e-20, Number.MAX_VALUE, Math.SQRT2, Math.SQRT2 * (1 + 2e-16), 1.0000001, 0.9999999];
    for (const x of xs) {
      const exact = Math.log(x);
      const err = Math.abs(exact) < 1 ? Math.abs(detLog(x) - exact) : rel(detLog(x), exact);
      worst = Math.max(worst, err);
    }
    expect(worst).toBeLessThan(1e-14);
  });

  it('handles subnormals', () => {
    expect(rel(detLog(5e-324), Math.log(5e-324))).toBeLessThan(1e-14);
    expect(rel(detLog(1e-310), Math.log(1e-310))).toBeLessThan(1e-14);
  });

  it('has the special cases of Math.log', () => {
    expect(detLog(1)).toBe(0);
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(-0)).toBe(-Infinity);
    expect(detLog(-1)).toBeNaN();
    expect(detLog(NaN)).toBeNaN();
    expect(detLog(Infinity)).toBe(Infinity);
    expect(detLog(2)).toBeCloseTo(Math.LN2, 15);
  });
});

describe('detPow', () => {
  // exp(y · log x) loses about |y · ln x| × 2e-16 of relative accuracy (3.8e-14 at 8.65^−100):
  // within 1e-14 as long as |y · ln x| ≤ 30, which covers every power the model takes
  // ((1 + r)^−t with t ≤ 45 years, monthly rates, failure probabilities).
  it('agrees with Math.pow within 1e-14 relative when |y · ln x| ≤ 30 (all the model’s arguments)', () => {
    let worst = 0;
    let tried = 0;
    const bases = [...spread(0.05, 3, 300), 1.032, 1.084, 1.182, 0.99, 2, 10, 0.1, 1e-3, 123.4];
    const exps = [...spread(-45, 45, 90), 1 / 12, -1 / 12, 0.5, -0.5, 1 / 3, -(1 / 12) * 7, 2.5, -12.5, 100, -100, 65, -65];
    for (const x of bases)
      for (const y of exps) {
        if (Math.abs(y * Math.log(x)) > 30) continue;
        tried++;
        worst = Math.max(worst, rel(detPow(x, y), Math.pow(x, y)));
      }
    expect(tried).toBeGreaterThan(15000);
    expect(worst).toBeLessThan(1e-14);
  });

  it('is exact-order for small integer powers', () => {
    expect(detPow(1.1, 2)).toBe(1.1 * 1.1);
    expect(detPow(2, 10)).toBe(1024);
    expect(detPow(2, -3)).toBe(0.125);
    expect(detPow(-2, 3)).toBe(-8);
    expect(detPow(-2, 4)).toBe(16);
  });

  it('has the special cases of Math.pow', () => {
    const cases: [number, number][] = [
      [0, 0], [NaN, 0], [5, 0], [1, 7.5], [1, NaN], [NaN, 1], [2, NaN],
      [0, 2], [0, 0.5], [0, -1], [0, -0.5], [-0, -1], [-8, 1 / 3], [-2, 65], [-2, 66], [-2, 2.5],
      [Infinity, 0.5], [Infinity, -0.5], [0.5, Infinity], [2, -Infinity], [-1, Infinity],
    ];
    for (const [x, y] of cases) {
      const want = Math.pow(x, y);
      const got = detPow(x, y);
      if (Number.isNaN(want)) expect(got, `detPow(${x}, ${y})`).toBeNaN();
      else if (!Number.isFinite(want) || want === 0) expect(got, `detPow(${x}, ${y})`).toBe(want);
      else expect(rel(got, want), `detPow(${x}, ${y})`).toBeLessThan(1e-14);
    }
  });
});
