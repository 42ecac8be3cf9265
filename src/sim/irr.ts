/**
 * The internal rate of return of a series of monthly cash flows, computed with +, −, ×, ÷ only
 * (no Math.pow: the same bits in every engine, det-math's rule).
 *
 * Flow k falls at the end of month k (k = 0, 1, …); the monthly rate m solves
 * NPV(m) = Σ_k CF_k / (1 + m)^k = 0, and the annual rate is (1 + m)^12 − 1. The model has no
 * inflation, so with real flows the rate is real. The rate is searched on monthly rates from
 * MONTHLY_MIN to MONTHLY_MAX (annual rates from −99.98 % to about 3 × 10¹²). When the flows change
 * sign once (an investment, then returns), Descartes' rule of signs allows one rate at most, and
 * NPV at the two bounds brackets it; otherwise a grid of rates brackets each change of sign of NPV.
 * The Illinois method narrows the bracket to 1e-12. The rate is undefined (null) when the flows
 * never change sign (all gains or all losses: no rate balances them), when no rate between the
 * bounds balances them, or when several do (no single return to report).
 */

const MONTHLY_MIN = -0.5;
const MONTHLY_MAX = 10;
const TOLERANCE = 1e-12;

/** The grid of monthly rates that brackets the roots: 40 even steps from MONTHLY_MIN to 1 % a
 *  month, then steps of × 1.2 up to MONTHLY_MAX (78 points; returns lie near 0, huge ones are rare). */
const GRID: readonly number[] = (() => {
  const out: number[] = [];
  for (let k = 0; k < 40; k++) out.push(MONTHLY_MIN + ((0.01 - MONTHLY_MIN) * k) / 40);
  for (let r = 0.01; r < MONTHLY_MAX; r *= 1.2) out.push(r);
  out.push(MONTHLY_MAX);
  return out;
})();

/** NPV of monthly flows at monthly rate m (Horner's scheme from the last flow back: no power). */
function npv(flows: readonly number[], m: number): number {
  const v = 1 / (1 + m);
  let acc = 0;
  for (let k = flows.length - 1; k >= 0; k--) acc = acc * v + flows[k]!;
  return acc;
}

/** (1 + m)^12 by squaring. */
function annualFactor(m: number): number {
  const x = 1 + m;
  const x2 = x * x;
  const x4 = x2 * x2;
  const x8 = x4 * x4;
  return x8 * x4;
}

/** NPV's sign change between lo and hi, narrowed by the Illinois method (regula falsi that halves a
 *  stale end's value; a bisection step whenever the secant falls outside): the root, monthly. */
function narrow(flows: readonly number[], lo: number, hi: number, fLo: number, fHi: number): number {
  let side = 0;
  for (let i = 0; i < 300 && hi - lo > TOLERANCE * (1 + Math.abs(lo)); i++) {
    let x = (lo * fHi - hi * fLo) / (fHi - fLo);
    if (!(x > lo && x < hi)) x = (lo + hi) / 2;
    const fx = npv(flows, x);
    if (fx === 0) return x;
    if (fx > 0 === fLo > 0) {
      lo = x;
      fLo = fx;
      if (side === -1) fHi /= 2;
      side = -1;
    } else {
      hi = x;
      fHi = fx;
      if (side === 1) fLo /= 2;
      side = 1;
    }
  }
  return (lo + hi) / 2;
}

/**
 * The annual internal rate of return of monthly flows (flow k at the end of month k), or null when
 * it is undefined (no change of sign, or several rates, or none between the bounds).
 */
export function annualIrr(flows: readonly number[]): number | null {
  let changes = 0;
  let last = 0;
  for (const f of flows) {
    if (f === 0) continue;
    const sign = f > 0 ? 1 : -1;
    if (last !== 0 && sign !== last) changes += 1;
    last = sign;
  }
  if (changes === 0) return null;
  if (changes === 1) {
    // Descartes' rule of signs: one change of sign in the flows, at most one rate above −100 %;
    // it lies between the bounds when NPV changes sign between them.
    const fLo = npv(flows, MONTHLY_MIN);
    const fHi = npv(flows, MONTHLY_MAX);
    if (fLo === 0) return annualFactor(MONTHLY_MIN) - 1;
    if (fHi === 0) return annualFactor(MONTHLY_MAX) - 1;
    if (fLo > 0 === fHi > 0) return null;
    return annualFactor(narrow(flows, MONTHLY_MIN, MONTHLY_MAX, fLo, fHi)) - 1;
  }
  // Several changes of sign: scan the grid; exactly one bracketed change of NPV gives the rate.
  let bracket: [number, number, number, number] | null = null;
  let prevRate = GRID[0]!;
  let prev = npv(flows, prevRate);
  for (let k = 1; k < GRID.length; k++) {
    const rate = GRID[k]!;
    const value = npv(flows, rate);
    if (prev === 0) return annualFactor(prevRate) - 1;
    if ((prev < 0 && value > 0) || (prev > 0 && value < 0)) {
      if (bracket) return null;
      bracket = [prevRate, rate, prev, value];
    }
    prevRate = rate;
    prev = value;
  }
  if (!bracket) return null;
  return annualFactor(narrow(flows, ...bracket)) - 1;
}
