/** The claims harness itself: an absent measure is never a measure of 0; paired errors are paired. */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/sim';
import { mean, measure, pairedDiffs, reference, sePaired, seMean } from './harness';

describe('claims harness', () => {
  it('the mean of no values is NaN, so that a comparison on it fails', () => {
    expect(mean([])).toBeNaN();
    expect(mean([1, 2, 6])).toBe(3);
    expect(() => expect(mean([]) - 0).toBeGreaterThan(-1)).toThrow(/NaN/);
  });

  it('paired differences drop a seed with no measure on either side, never count it as 0', () => {
    expect(pairedDiffs([0.5, null, 0.4, 0.3], [0.2, 0.1, null, 0.3])).toEqual([0.3, 0]);
    expect(pairedDiffs([null], [null])).toEqual([]);
    expect(() => pairedDiffs([1], [1, 2])).toThrow(/1 seeds against 2/);
  });

  it('standard errors: of a mean, and of a difference of means paired by seed', () => {
    expect(seMean([1, 3])).toBeCloseTo(1, 12); // sd √2, over √2
    expect(seMean([1])).toBeNaN();
    // The same gap on every seed: no uncertainty in the difference, however much the seeds vary
    // (unpaired, Welch's error would be 1 here).
    expect(sePaired([1, 3], [0, 2])).toBe(0);
    // The error of the per-seed differences [1, 3]; the order of the seeds matters.
    expect(sePaired([1, 3], [0, 0])).toBeCloseTo(1, 12);
    expect(sePaired([2, 3, 4], [1, 2, 3])).toBe(0);
    expect(sePaired([2, 3, 4], [3, 2, 1])).toBeCloseTo(seMean([-1, 1, 3]), 12);
    expect(sePaired([1, null, 5], [0, 2, 1])).toBeCloseTo(seMean([1, 4]), 12);
  });

  it('a condition runs once per seed: every metric reads the same run', () => {
    const seen: Record<'a' | 'b', RunResult[]> = { a: [], b: [] };
    const m = measure({ scenario: reference(), years: 1, agents: 50 }, 2, {
      a: (r) => seen.a.push(r),
      b: (r) => seen.b.push(r) * 10,
    });
    expect(m).toEqual({ a: [1, 2], b: [10, 20] });
    expect(seen.a[0]).toBe(seen.b[0]);
    expect(seen.a[1]).toBe(seen.b[1]);
    expect(seen.a[0]!.state.seed).not.toBe(seen.a[1]!.state.seed);
  });
});
