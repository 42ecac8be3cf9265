/**
 * Deterministic elementary functions: exp, log, pow built from +, −, ×, ÷ and exact bit
 * manipulation only, so that they give the same bits in every JavaScript engine. The engines'
 * Math.exp / log / pow / sin / cos are not correctly rounded, and Node 20 (V8 11.3) and current
 * Chromium disagree in the last bit for several per cent of arguments, which breaks the
 * Node-vs-browser stateHash. Accuracy: detExp and detLog about 1 ulp (relative error < 5e-16);
 * detPow = exp(y ln x) loses about |y ln x| ulps (1e-14 relative while |y ln x| ≤ 30, the range
 * the model uses).
 */
const buf = new DataView(new ArrayBuffer(8));

/** 2^k exactly, for integer k (subnormal and overflow handled by splitting). */
function pow2(k: number): number {
  if (k > 1023) return pow2(1023) * pow2(k - 1023);
  if (k < -1022) return pow2(-1022) * pow2(Math.max(k + 1022, -1074 + 1022 - 60));
  buf.setUint32(0, (k + 1023) << 20);
  buf.setUint32(4, 0);
  return buf.getFloat64(0);
}

const LN2_HI = 6.93147180369123816490e-1; // ln 2, high part (exact product with small ints)
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const INV_LN2 = 1.44269504088896338700;

/** e^x, deterministic. */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| ≤ 0.3466
  // Taylor series of e^r to degree 14 (truncation < 1e-18 on |r| ≤ 0.35), Horner form.
  let p = 1 / 87178291200;
  for (let n = 13; n >= 1; n--) p = p * r + INV_FACT[n]!;
  // Near the overflow threshold k reaches 1024: scale in two steps so 2^k itself never overflows.
  return k > 1023 ? (p * r + 1) * pow2(k - 1) * 2 : (p * r + 1) * pow2(k);
}
const INV_FACT: number[] = [1];
for (let n = 1; n <= 14; n++) INV_FACT.push(INV_FACT[n - 1]! / n);

/** Natural logarithm, deterministic. */
export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: bring subnormals into the normal range
    e = -54;
  }
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  buf.setUint32(0, (hi & 0x000fffff) | 0x3ff00000); // mantissa m in [1, 2)
  let m = buf.getFloat64(0);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // log m = 2 atanh(f), f = (m − 1)/(m + 1), |f| ≤ 0.1716; series to f^29 (error < 1e-20).
  const f = (m - 1) / (m + 1);
  const f2 = f * f;
  let s = 1 / 29;
  for (let n = 27; n >= 1; n -= 2) s = s * f2 + 1 / n;
  return e * LN2_HI + (e * LN2_LO + 2 * f * s);
}

/** x^y, deterministic (exp(y log x) with the special cases of Math.pow). */
export function detPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 1) return 1;
  if (Number.isInteger(y) && Math.abs(y) <= 64) {
    // Exact-order repeated squaring: deterministic and more accurate for small integer powers.
    let base = y < 0 ? 1 / x : x;
    let n = Math.abs(y);
    let out = 1;
    while (n > 0) {
      if (n & 1) out *= base;
      base *= base;
      n >>>= 1;
    }
    return out;
  }
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    const r = detExp(y * detLog(-x));
    return y % 2 === 0 ? r : -r;
  }
  return detExp(y * detLog(x));
}

const MONTHLY_PROBABILITY = new Map<number, number>();
/**
 * The probability in a month of what happens with probability `perYear` in a year,
 * 1 − (1 − p)^(1/12), memoised by `perYear`: the events phase asks it every month for each event
 * of the scenario's table (the same few values), and detPow is two series. A pure function of its
 * argument: the memo changes no result.
 */
export function monthlyProbability(perYear: number): number {
  let p = MONTHLY_PROBABILITY.get(perYear);
  if (p === undefined) {
    p = 1 - detPow(1 - perYear, 1 / 12);
    MONTHLY_PROBABILITY.set(perYear, p);
  }
  return p;
}
