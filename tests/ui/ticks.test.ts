/** The chart axis's round values (src/ui/ticks.ts). */
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../src/ui/ticks';

describe('niceTicks', () => {
  it('covers the range with round steps of 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceTicks(0, 100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(-3e6, 12e6)).toEqual([-5e6, 0, 5e6, 10e6, 15e6]);
    const t = niceTicks(0.13, 0.87);
    expect(t[0]).toBeLessThanOrEqual(0.13);
    expect(t.at(-1)).toBeGreaterThanOrEqual(0.87);
  });

  it('widens a flat range and answers a non-finite one with a single 0', () => {
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
    expect(niceTicks(0, Number.NaN)).toEqual([0]);
  });
});
