/** The claims harness itself: an absent measure is never a measure of 0. */
import { describe, expect, it } from 'vitest';
import { mean, pairedDiffs, seDiff, seMean } from './harness';

describe('claims harness', () => {
  it('the mean of no values is NaN, so that a comparison on it fails', () => {
    expect(mean([])).toBeNaN();
    expect(mean([1, 2, 6])).toBe(3);
    expect(() => expect(mean([]) - 0).toBeGreaterThan(-1)).toThrow();
  });

  it('paired differences drop a seed with no measure on either side, never count it as 0', () => {
    expect(pairedDiffs([0.5, null, 0.4, 0.3], [0.2, 0.1, null, 0.3])).toEqual([0.3, 0]);
    expect(pairedDiffs([null], [null])).toEqual([]);
    expect(() => pairedDiffs([1], [1, 2])).toThrow(/1 seeds against 2/);
  });

  it('standard errors: of a mean, and of a difference of means (Welch)', () => {
    expect(seMean([1, 3])).toBeCloseTo(1, 12); // sd √2, over √2
    expect(seMean([1])).toBeNaN();
    expect(seDiff([1, 3], [0, 0])).toBeCloseTo(1, 12);
  });
});
