/**
 * Issue 12, "Nothing lost": the data-loss cases of the page's store, as regression tests. A refused
 * `dispatch` leaves the game exactly as it was (state, hash, counters, the save's log); what the API
 * hands out is a copy; an autosave that does not replay is set aside before a year's end could
 * overwrite it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaySave, stateHash, type SaveFile } from '../../src/sim';
import { AUTOSAVE_KEY, CORRUPT_KEY, readAutosave, setAsideAutosave } from '../../src/state/autosave';
import type { Game } from '../../src/state/game-types';
import { atDecisions, footprint, MemoryStorage, newGame, playTo, unreplayableAutosave } from './game-helpers';

/** The adviser's offer for the city, as `actions()` lists it. */
function offer(g: Game): { type: 'propose'; by: 'city'; terms: Record<string, unknown> } {
  const p = g.api.actions().find((a) => a.type === 'propose');
  expect(p).toBeDefined();
  return structuredClone(p) as never;
}

describe('dispatch is atomic', () => {
  it('setConcertation with a function beside it: refused by its field, nothing applied, nothing recorded', () => {
    const g = atDecisions();
    const before = footprint(g);
    const r = g.api.dispatch({ type: 'setConcertation', level: 0.9, junk: () => 1 });
    expect(r).toMatchObject({ ok: false, code: 'fieldNotData', params: { field: 'junk', found: 'a function' } });
    expect(footprint(g)).toEqual(before);
    // An unknown key holding plain data is refused by name too (a typo must not pass unnoticed).
    expect(g.api.dispatch({ type: 'setConcertation', level: 0.9, junk: 1 })).toMatchObject({ ok: false, code: 'fieldUnknown', params: { field: 'junk', action: 'setConcertation' } });
    expect(g.api.dispatch({ type: 'cancelContract', contractId: 1, abandonned: true })).toMatchObject({ ok: false, code: 'fieldUnknown', params: { field: 'abandonned' } });
    expect(footprint(g)).toEqual(before);
    // The same decision, well formed, is taken and recorded.
    expect(g.api.dispatch({ type: 'setConcertation', level: 0.9 })).toEqual({ ok: true });
    expect(g.store.getState().session!.sim.city.concertation).toBe(0.9);
    expect(g.store.getState().session!.actions).toEqual([{ tick: 0, action: { type: 'setConcertation', level: 0.9 } }]);
  });

  it.each([
    ['a function', () => 1],
    ['a Symbol', Symbol('x')],
    ['a BigInt', 10n],
    ['a Date', new Date(0)],
  ])('propose with %s inside its terms: refused by its field; no negotiation opened', (what, value) => {
    const g = atDecisions();
    const a = offer(g);
    const before = footprint(g);
    const r = g.api.dispatch({ ...a, terms: { ...a.terms, note: value } });
    expect(r).toMatchObject({ ok: false, code: 'fieldNotData', params: { field: 'terms.note', found: what } });
    if (!r.ok) expect(r.reason).toMatch(new RegExp(`^terms\\.note: found ${what}, expected JSON data`));
    expect(footprint(g)).toEqual(before);
    expect(g.store.getState().session!.sim.counters.negotiationsOpened).toBe(0);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('%s where a number is expected: named as such (not "null"), nothing applied', (what, value) => {
    const g = atDecisions();
    const a = offer(g);
    const before = footprint(g);
    const r = g.api.dispatch({ ...a, terms: { ...a.terms, annualPaymentEur: value } });
    expect(r).toMatchObject({ ok: false, code: 'fieldNotNumber', params: { field: 'terms.annualPaymentEur', found: `the number ${what}` } });
    if (!r.ok) expect(r.reason).toBe(`terms.annualPaymentEur: found the number ${what}, expected a finite number`);
    expect(g.api.dispatch({ type: 'setConcertation', level: value })).toMatchObject({ ok: false, code: 'fieldNotNumber', params: { field: 'level' } });
    expect(footprint(g)).toEqual(before);
  });

  it('a cycle, a hole, a getter, a __proto__ key: refused by their field', () => {
    const g = atDecisions();
    const a = offer(g);
    const before = footprint(g);
    const cyclic: Record<string, unknown> = { ...a.terms };
    cyclic.self = cyclic;
    // oxlint-disable-next-line no-sparse-arrays -- a hole is what is tested
    const holed = [0, , 2];
    const getter = { ...a.terms };
    Object.defineProperty(getter, 'annualPaymentEur', { enumerable: true, get: () => 1 });
    const cases: [unknown, string, RegExp][] = [
      [{ ...a, terms: cyclic }, 'terms.self', /cycle/],
      [{ ...a, terms: { ...a.terms, districts: holed } }, 'terms.districts[1]', /empty slot/],
      [{ ...a, terms: getter }, 'terms.annualPaymentEur', /getter/],
      [{ ...a, terms: JSON.parse(`{"__proto__": {"x": 1}, "form": "performance"}`) }, 'terms.__proto__', /__proto__/],
    ];
    for (const [action, field, found] of cases) {
      const r = g.api.dispatch(action);
      expect(r, field).toMatchObject({ ok: false, code: 'fieldNotData', params: { field } });
      if (!r.ok) expect(String(r.params.found)).toMatch(found);
      expect(footprint(g)).toEqual(before);
    }
  });

  it('what the caller changes after dispatch does not reach the game, and the save replays', () => {
    const g = atDecisions();
    const a = offer(g);
    expect(g.api.dispatch(a)).toEqual({ ok: true });
    const hash = g.api.stateHash();
    (a.terms as { annualPaymentEur: number }).annualPaymentEur = 1;
    (a.terms as { districts: number[] }).districts.push(99);
    expect(g.api.stateHash()).toBe(hash);
    expect(g.store.getState().session!.sim.negotiation!.offer.districts).not.toContain(99);
    // The save's log and the model's state share nothing: what the model does later to its offer is not recorded.
    const s = g.store.getState().session!;
    const recorded = s.actions[0]!.action as { terms: object };
    expect(recorded.terms).not.toBe(s.sim.negotiation!.offer);
    expect(recorded.terms).toEqual(s.sim.negotiation!.offer);
    playTo(g, 12);
    const save = JSON.parse(JSON.stringify(g.api.exportSave())) as SaveFile;
    expect(save.actions.length).toBeGreaterThan(0);
    expect(replaySave(save).ok).toBe(true);
  });

  it('an undefined key is left out, as JSON leaves it; -0 is recorded as 0', () => {
    const g = atDecisions();
    expect(g.api.dispatch({ type: 'setConcertation', level: -0, explanation: undefined })).toEqual({ ok: true });
    const recorded = g.store.getState().session!.actions;
    expect(recorded).toEqual([{ tick: 0, action: { type: 'setConcertation', level: 0 } }]);
    expect(Object.is((recorded[0]!.action as { level: number }).level, -0)).toBe(false);
  });

  it('any poison put anywhere in a legal action: refused, and the game as before (property)', () => {
    const g = atDecisions();
    const base = [{ type: 'setConcertation', level: 0.7 }, { type: 'setBudget', envelopeEur: 8e6, taxChange: 0 }, offer(g)] as Record<string, unknown>[];
    const poisons: unknown[] = [() => 0, Symbol('s'), 1n, Number.NaN, Number.NEGATIVE_INFINITY, new Map(), new Float64Array(2), [1, undefined]];
    const before = footprint(g);
    fc.assert(
      fc.property(fc.constantFrom(...base), fc.constantFrom(...poisons), fc.nat(), fc.boolean(), (action, poison, pick, newKey) => {
        const a = structuredClone(action);
        // Where: a new key, or in place of a field (inside the terms for an offer).
        const target = (a.terms as Record<string, unknown> | undefined) ?? a;
        const keys = Object.keys(target).filter((k) => k !== 'type');
        const key = newKey ? 'extra' : keys[pick % keys.length]!;
        target[key] = poison;
        const r = g.api.dispatch(a);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(['fieldNotData', 'fieldNotNumber']).toContain(r.code);
        expect(footprint(g)).toEqual(before);
      }),
      { numRuns: 150, seed: 12 },
    );
  });
});

describe('getState, getGame and exportSave hand out copies', () => {
  it('changing what they return changes nothing of the game', () => {
    const g = atDecisions();
    expect(g.api.dispatch({ type: 'setConcertation', level: 0.6 })).toEqual({ ok: true });
    playTo(g, 12);
    const hash = g.api.stateHash();
    const actions = JSON.stringify(g.store.getState().session!.actions);

    const view = g.api.getState()!;
    expect(stateHash(view)).toBe(hash);
    view.city.concertation = 0.1;
    view.citizens.satisfaction[0] = 42;
    view.counters.negotiationsOpened += 5;
    view.log.length = 0;
    expect(g.api.stateHash()).toBe(hash);
    expect(g.api.getState()!.city.concertation).not.toBe(0.1);

    const game = g.api.getGame();
    game.session!.actions.length = 0;
    game.session!.scenario.city.debtEur = 1e12;
    game.session!.sim.city.concertation = 0.1;
    game.catalogue[0]!.scenario.city.debtEur = 1e12;
    const save = g.api.exportSave()!;
    save.actions.length = 0;
    save.scenario.city.debtEur = 1e12;

    expect(g.api.stateHash()).toBe(hash);
    expect(JSON.stringify(g.store.getState().session!.actions)).toBe(actions);
    expect(g.store.getState().session!.scenario.city.debtEur).not.toBe(1e12);
    expect(g.store.getState().catalogue[0]!.scenario.city.debtEur).not.toBe(1e12);
    expect(replaySave(JSON.parse(JSON.stringify(g.api.exportSave()))).ok).toBe(true);
  });
});

describe('an autosave that does not replay is never lost', () => {
  it('continue → refused → a new game → its year ends: the old save is still kept, and the menu says where', () => {
    const text = unreplayableAutosave();
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, text);
    const g = newGame(storage);
    // It parses: the menu offers to continue it.
    expect(g.store.getState().savedGame).not.toBeNull();
    expect(g.api.dispatch({ type: 'continueSave' })).toMatchObject({ ok: false, code: 'saveDoesNotReplay' });
    expect(g.store.getState().corruptSave).toMatchObject({ key: CORRUPT_KEY, error: expect.stringMatching(/does not replay/) });
    expect(storage.getItem(CORRUPT_KEY)).toBe(text);
    expect(g.api.actions()).toContainEqual({ type: 'discardCorruptSave' });
    expect(g.api.dispatch({ type: 'discardCorruptSave' })).toEqual({ ok: true });
    // A new game plays a year: its autosave is written, the old one stays where it was set aside.
    expect(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 8 })).toEqual({ ok: true });
    playTo(g, 12);
    expect(readAutosave(storage)).toMatchObject({ kind: 'ok', autosave: { save: { seed: 8 } } });
    expect(storage.getItem(CORRUPT_KEY)).toBe(text);
  });

  it('never continued: a new game → its year ends: the save is checked first, set aside, kept byte for byte', () => {
    const text = unreplayableAutosave();
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, text);
    const g = newGame(storage);
    // It parses: the menu shows it as a saved game; the player starts a new one instead.
    expect(g.store.getState()).toMatchObject({ savedGame: { seed: 5 }, corruptSave: null });
    expect(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 8 })).toEqual({ ok: true });
    playTo(g, 12);
    expect(storage.getItem(CORRUPT_KEY)).toBe(text);
    expect(readAutosave(storage)).toMatchObject({ kind: 'ok', autosave: { save: { seed: 8 } } });
    expect(g.store.getState().corruptSave).toMatchObject({ key: CORRUPT_KEY, error: expect.stringMatching(/does not replay with this version of the model \(year 1/) });
    expect(g.store.getState().session!.saveError).toBeNull();
  });

  it('never continued, and a save that replays: replaced by the new game\'s autosave, nothing set aside', () => {
    const storage = new MemoryStorage();
    playTo(atDecisions(storage), 12);
    const g = newGame(storage);
    expect(g.store.getState().savedGame).toMatchObject({ seed: 5 });
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 8 });
    playTo(g, 12);
    expect(readAutosave(storage)).toMatchObject({ kind: 'ok', autosave: { save: { seed: 8 } } });
    expect(storage.getItem(CORRUPT_KEY)).toBeNull();
    expect(g.store.getState().corruptSave).toBeNull();
  });

  it('when storage refuses to set it aside, no autosave overwrites it (unit, fake storage)', () => {
    const text = unreplayableAutosave();
    /** A full storage: it keeps what it has, refuses any new key. */
    class FullStorage extends MemoryStorage {
      override setItem(k: string, v: string) {
        if (!this.map.has(k)) throw new Error('QuotaExceededError: the storage is full');
        super.setItem(k, v);
      }
    }
    const storage = new FullStorage();
    storage.map.set(AUTOSAVE_KEY, text);
    expect(setAsideAutosave(storage)).toBeNull();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    const g = newGame(storage);
    expect(g.api.dispatch({ type: 'continueSave' })).toMatchObject({ ok: false, code: 'saveDoesNotReplay' });
    expect(g.store.getState().corruptSave).toMatchObject({ key: AUTOSAVE_KEY });
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 8 });
    playTo(g, 12);
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(text);
    expect(g.store.getState().session!.saveError).toMatch(/kept rather than overwritten/);
  });
});
