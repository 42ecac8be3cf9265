/** The session's records: the elections read back from the log, the save cut at the last full year. */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/sim';
import { electionsIn, saveOfSession } from '../../src/state/saves';
import { newGame } from './game-helpers';

describe('the saves and records', () => {
  it('reads the elections of a month from the log, with the new mayor after a defeat', () => {
    const log = [
      { tick: 47, kind: 'event', data: { id: 'storm', kind: 'climate' } },
      { tick: 48, kind: 'election', data: { voteShare: 0.44, reelected: false, mayor: 'steady' } },
      { tick: 47, kind: 'newMayor', data: { mayor: 'too early' } },
      { tick: 48, kind: 'newMayor', data: { mayor: 'reformer' } },
    ] as LogEntry[];
    expect(electionsIn(log, 0, [0.4, 0.5])).toEqual([{ tick: 48, incumbentWon: false, voteShare: 0.44, byDistrict: [0.4, 0.5], byDistrictVotes: false, intentions: [0.4, 0.5], swing: null, newMayor: 'reformer' }]);
    expect(electionsIn(log, 2, [])).toEqual([]);
  });

  it('a session saves from its first full year, with the actions of its full years only', () => {
    const g = newGame(null);
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 4 });
    g.api.dispatch({ type: 'continue' });
    g.api.dispatch({ type: 'continue' });
    g.api.dispatch({ type: 'setConcertation', level: 0.6 });
    expect(saveOfSession(g.store.getState().session!)).toBeNull();
    const s = g.store.getState().session!;
    const later = { ...s, sim: { ...s.sim, tick: 25 }, yearlyHashes: ['a', 'b', 'c'], actions: [...s.actions, { tick: 24, action: s.actions[0]!.action }] };
    const save = saveOfSession(later)!;
    expect(save).toMatchObject({ years: 2, yearlyHashes: ['a', 'b'], finalHash: 'b', seed: 4, city: 'none' });
    expect(save.actions).toEqual([{ tick: 0, action: { type: 'setConcertation', level: 0.6 } }]);
  });
});
