/**
 * Issue 12: a bug of the model that throws half-way through an action, or through the replay of a
 * save, costs nothing: `dispatch` answers `internalError` and the game (its state, hash, counters,
 * log) is as before; the save is set aside, kept. The model is made to fail on purpose here (a
 * mock that changes the state, then throws), since the real one has no such bug to show.
 */
import { describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEY, CORRUPT_KEY } from '../../src/state/autosave';
import { atDecisions, footprint, MemoryStorage, newGame, unreplayableAutosave } from './game-helpers';

const fail = vi.hoisted(() => ({ openNegotiation: false, restoreRun: false }));

vi.mock('../../src/sim/rules/negotiation', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/sim/rules/negotiation')>();
  return {
    ...real,
    openNegotiation: (...args: Parameters<typeof real.openNegotiation>) => {
      if (!fail.openNegotiation) return real.openNegotiation(...args);
      // Half-way: the counter and a field move, then the model fails.
      const state = args[0];
      state.counters.negotiationsOpened += 1;
      state.city.concertation = 0.123;
      throw new Error('a bug of the model, half-way');
    },
  };
});

vi.mock('../../src/sim/save', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/sim/save')>();
  return {
    ...real,
    restoreRun: (...args: Parameters<typeof real.restoreRun>) => {
      if (fail.restoreRun) throw new Error('ledger: non-finite amount');
      return real.restoreRun(...args);
    },
  };
});

describe('a model that throws half-way', () => {
  it('propose: internalError, and the game exactly as before', () => {
    const g = atDecisions();
    const offer = g.api.actions().find((a) => a.type === 'propose')!;
    const before = footprint(g);
    fail.openNegotiation = true;
    try {
      const r = g.api.dispatch(offer);
      expect(r).toMatchObject({ ok: false, code: 'internalError', params: { message: 'a bug of the model, half-way' } });
      expect(footprint(g)).toEqual(before);
    } finally {
      fail.openNegotiation = false;
    }
    // The model well again, the same offer goes through.
    expect(g.api.dispatch(offer)).toEqual({ ok: true });
    expect(g.store.getState().session!.sim.counters.negotiationsOpened).toBe(1);
  });

  it('a save whose replay throws: refused clearly, set aside, kept byte for byte', () => {
    const text = unreplayableAutosave();
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, text);
    const g = newGame(storage);
    fail.restoreRun = true;
    try {
      const r = g.api.dispatch({ type: 'continueSave' });
      expect(r).toMatchObject({ ok: false, code: 'saveUnreadable' });
      if (!r.ok) expect(r.reason).toMatch(/could not be replayed \(ledger: non-finite amount\)/);
    } finally {
      fail.restoreRun = false;
    }
    expect(g.store.getState().screen).toBe('menu');
    expect(g.store.getState().corruptSave).toMatchObject({ key: CORRUPT_KEY });
    expect(storage.getItem(CORRUPT_KEY)).toBe(text);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
  });
});
