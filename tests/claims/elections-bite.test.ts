/**
 * Elections that bite and services that wear out (issue 9, calibration of the default play).
 *
 * In French towns over 20,000 inhabitants the majority changed in 21 % of them in 2014 and 13.3 %
 * in 2020 (about one in four cities over 100,000 both times; 83.6 % of the mayors who stood again
 * in 2020 were re-elected; idcite.fr, OpinionWay figures, /work/shared/reference/calibration.md).
 * Over 32 seeds of the Dijon-like scenario with the default computer players, the incumbents must
 * lose between 12 % and 35 % of the elections held during the playable years — from the mechanism
 * (services and the environment felt with diminishing returns, visibility bounded, debt and works
 * felt, the cost of ruling, the swing; MODEL.md §3–4), not from a forced incumbency.
 * A city that does nothing sees its legacy equipment wear out: its services decline, its citizens
 * feel it, and its mayors lose more often than the default city's.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/sim';
import { mean, measure, reference, sePaired } from './harness';

const SEEDS = 32;
const base = reference();
const playable = base.playableYears * 12;

const elections = (r: RunResult) => r.state.log.filter((e) => e.kind === 'election' && e.tick < playable);
const metrics = {
  held: (r: RunResult) => elections(r).length,
  lost: (r: RunResult) => elections(r).filter((e) => e.kind === 'election' && !e.data.reelected).length,
  serviceYear1: (r: RunResult) => r.yearly[0]!.serviceQuality!,
  serviceYear18: (r: RunResult) => r.yearly[17]!.serviceQuality!,
};

describe('elections bite during the playable years, and idling has a price', () => {
  const def = measure({ scenario: base, years: 18, agents: 1000 }, SEEDS, metrics);
  const idle = measure({ scenario: base, years: 18, agents: 1000, city: 'do-nothing-city' }, SEEDS, metrics);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('the default incumbents lose between 12 % and 35 % of the playable elections', () => {
    const share = sum(def.lost) / sum(def.held);
    expect(sum(def.held)).toBe(3 * SEEDS);
    expect(share).toBeGreaterThanOrEqual(0.12);
    expect(share).toBeLessThanOrEqual(0.35);
  });

  it('a city that does nothing sees its services decline over 18 years, in every run', () => {
    for (let k = 0; k < SEEDS; k++) {
      expect(idle.serviceYear1[k]!).toBeGreaterThan(0);
      expect(idle.serviceYear18[k]!, `seed ${k + 1}`).toBeLessThan(0.8 * idle.serviceYear1[k]!);
    }
  });

  it('and its mayors lose more elections than the default city’s (paired by seed, t ≥ 2)', () => {
    expect(mean(idle.lost) - mean(def.lost)).toBeGreaterThan(2 * sePaired(idle.lost, def.lost));
  });
});
