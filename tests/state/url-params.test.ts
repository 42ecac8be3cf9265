/**
 * The page's `?seed=` and `?agents=`, checked like the command line's flags (one range each, from
 * src/sim/seed.ts); a bad one is ignored and noted for the menu. With the largest seed, every start
 * the menu lists is one `dispatch` accepts.
 */
import { describe, expect, it } from 'vitest';
import { MAX_AGENTS, MAX_SEED, MIN_AGENTS } from '../../src/sim';
import { createGame } from '../../src/state/game-store';
import { readUrlParams } from '../../src/state/url-params';
import { newGame } from './game-helpers';

describe('URL parameters', () => {
  it('take the same ranges as the command line', () => {
    expect(readUrlParams(`?seed=${MAX_SEED}&agents=${MIN_AGENTS}`)).toEqual({ seed: MAX_SEED, agents: MIN_AGENTS, notes: [] });
    expect(readUrlParams(`?seed=0&agents=${MAX_AGENTS}`)).toEqual({ seed: 0, agents: MAX_AGENTS, notes: [] });
    expect(readUrlParams('?seed=%2012%20')).toEqual({ seed: 12, notes: [] });
    expect(readUrlParams('')).toEqual({ notes: [] });
  });

  it.each([
    ['seed', String(MAX_SEED + 1)],
    ['seed', '-1'],
    ['seed', '1.5'],
    ['seed', '1e3'],
    ['seed', 'abc'],
    ['seed', ''],
    ['seed', '99999999999999999999999'],
    ['agents', '0'],
    ['agents', String(MIN_AGENTS - 1)],
    ['agents', String(MAX_AGENTS + 1)],
    ['agents', 'Infinity'],
  ])('?%s=%s is ignored, with a note naming it and the range', (param, raw) => {
    const url = readUrlParams(`?${param}=${encodeURIComponent(raw)}`);
    expect(url.seed).toBeUndefined();
    expect(url.agents).toBeUndefined();
    const [min, max] = param === 'seed' ? [0, MAX_SEED] : [MIN_AGENTS, MAX_AGENTS];
    expect(url.notes).toEqual([{ param, raw, min, max }]);
  });

  it('the notes reach the menu; a game never starts with an agent count out of range', () => {
    const url = readUrlParams('?agents=0&seed=x');
    const g = createGame({ catalogue: newGame().store.getState().catalogue, storage: null, randomSeed: () => 1, urlNotes: url.notes });
    expect(g.store.getState().urlNotes.map((n) => n.param)).toEqual(['seed', 'agents']);
    expect(() => createGame({ catalogue: [], storage: null, randomSeed: () => 1, agents: 0 })).toThrow(/agents 0 is not a whole number from 50/);
    expect(() => createGame({ catalogue: [], storage: null, randomSeed: () => 1, agents: Number.POSITIVE_INFINITY })).toThrow(/agents/);
  });
});

describe('the menu lists only starts that dispatch accepts', () => {
  it(`with the largest seed (${MAX_SEED}): every listed start is accepted`, () => {
    const catalogue = newGame().store.getState().catalogue;
    const game = () => createGame({ catalogue, storage: null, randomSeed: () => MAX_SEED, agents: 200 });
    const starts = game().api.actions().filter((a) => a.type === 'start');
    expect(starts.length).toBeGreaterThanOrEqual(8);
    for (const start of starts) {
      const g = game();
      expect(g.api.dispatch(start), JSON.stringify(start)).toEqual({ ok: true });
      expect(g.store.getState().session!.setup.seed).toBe(MAX_SEED);
    }
  });

  it('a menu seed out of range (which setMenuSeed never allows) lists no start at all', () => {
    const catalogue = newGame().store.getState().catalogue;
    const g = createGame({ catalogue, storage: null, randomSeed: () => MAX_SEED + 1, agents: 200 });
    expect(g.api.actions().filter((a) => a.type === 'start')).toEqual([]);
    expect(g.api.dispatch({ type: 'setMenuSeed', seed: MAX_SEED + 1 })).toMatchObject({ ok: false, code: 'fieldNotWholeNumber' });
  });
});
