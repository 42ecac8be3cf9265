/**
 * The election's log entry (rules/politics.ts) records what the election screen shows: each
 * district's share of its own citizens' votes and the day's swing. The districts' shares, weighted
 * by their citizens, give the overall share (each is rounded to 0.001, as the overall share is).
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/sim';
import type { LogEntryOf } from '../../src/sim';
import { dijon } from './helpers';

describe('the election’s entry adds up', () => {
  const sc = dijon();
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the districts' shares weighted by their citizens give the result`, () => {
      const { state } = runSimulation(sc, { seed, years: 13, agents: 2000 });
      const elections = state.log.filter((e): e is LogEntryOf<'election'> => e.kind === 'election');
      expect(elections.length).toBe(2);
      const starts = state.citizenDistrictStart;
      const n = starts[starts.length - 1]!;
      for (const e of elections) {
        const shares = e.data.districtShares!;
        expect(shares).toHaveLength(sc.territory.districts.length);
        const weighted = shares.reduce((a, s, k) => a + (s * (starts[k + 1]! - starts[k]!)) / n, 0);
        // Each district's share and the overall share are rounded to 0.001: they agree within that.
        expect(Math.abs(weighted - e.data.voteShare)).toBeLessThanOrEqual(0.001);
        expect(e.data.reelected).toBe(e.data.voteShare > 0.5);
        expect(Number.isFinite(e.data.swing)).toBe(true);
        // Not the intentions before the vote: the swing of the day moved every district.
        for (const s of shares) expect(s).toBeGreaterThanOrEqual(0);
      }
    });
  }
});
