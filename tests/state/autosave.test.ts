/** The autosave: written every year, restored by replay to the same hashes, never lost when unreadable. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, CORRUPT_KEY, parseAutosave, readAutosave } from '../../src/state/autosave';
import { MemoryStorage, newGame } from './game-helpers';

/** Starts a city game and plays `years` years by always taking the first progress action. */
function playYears(storage: MemoryStorage, years: number) {
  const g = newGame(storage);
  g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 11 });
  let guard = 0;
  while (Math.floor(g.store.getState().session!.sim.tick / 12) < years && guard++ < 2000) {
    if (g.store.getState().screen === 'decisions') {
      // Decisions that change the state: a concertation level, and the adviser's offer.
      expect(g.api.dispatch({ type: 'setConcertation', level: 0.3 + 0.1 * (guard % 5) })).toEqual({ ok: true });
      const offer = g.api.actions().find((a) => a.type === 'propose');
      if (offer) g.api.dispatch(offer);
    }
    const list = g.api.actions();
    g.api.dispatch(list.find((a) => ['continue', 'endDecisions', 'advance'].includes(a.type)) ?? list[0]!);
  }
  expect(g.store.getState().session!.actions.length).toBeGreaterThan(0);
  return g;
}

describe('autosave', () => {
  it('is written at the end of every year and restores the game by replay, at the same hash', () => {
    const storage = new MemoryStorage();
    const g = playYears(storage, 3);
    expect(g.store.getState().screen).toBe('yearSummary');
    const hash = g.api.stateHash();
    const saved = readAutosave(storage);
    expect(saved.kind).toBe('ok');
    if (saved.kind !== 'ok') return;
    expect(saved.autosave.save.years).toBe(3);

    const again = newGame(storage);
    expect(again.store.getState().savedGame).toMatchObject({ scenarioId: 'dijon-like', role: 'city', seed: 11, years: 3 });
    expect(again.api.actions()).toContainEqual({ type: 'continueSave' });
    expect(again.api.dispatch({ type: 'continueSave' })).toEqual({ ok: true });
    const s = again.store.getState();
    expect(s.screen).toBe('decisions');
    expect(s.session!.sim.tick).toBe(36);
    // The restored game was at the year's end; it now has the next month open: compare the save it would write.
    expect(again.api.exportSave()!.yearlyHashes).toEqual(g.api.exportSave()!.yearlyHashes);
    expect(again.api.exportSave()!.finalHash).toBe(hash);
  });

  it('an unreadable save is set aside, kept byte for byte, reported, and never overwritten', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, '{"format":"horizons-autosave","version":1,"role":"city","save":{"format":"horizons-save"');
    const g = newGame(storage);
    const corrupt = g.store.getState().corruptSave!;
    expect(corrupt.key).toBe(CORRUPT_KEY);
    expect(corrupt.error).toMatch(/not valid JSON/);
    expect(storage.getItem(CORRUPT_KEY)).toMatch(/^\{"format":"horizons-autosave"/);
    expect(g.store.getState().savedGame).toBeNull();
    // A new game's autosave goes to the main key; the unreadable one stays.
    playYears(storage, 1);
    expect(storage.getItem(CORRUPT_KEY)).toMatch(/^\{"format":"horizons-autosave"/);
    expect(readAutosave(storage).kind).toBe('ok');
    // A second unreadable save does not overwrite the first one set aside.
    storage.setItem(AUTOSAVE_KEY, 'garbage');
    const again = newGame(storage);
    expect(again.store.getState().corruptSave!.key).toBe(`${CORRUPT_KEY}.2`);
    expect(storage.getItem(`${CORRUPT_KEY}.2`)).toBe('garbage');
    expect(storage.getItem(CORRUPT_KEY)).toMatch(/^\{"format"/);
  });

  it('an old version or a tampered save gets a message naming what is wrong', () => {
    const storage = new MemoryStorage();
    const g = playYears(storage, 1);
    const good = JSON.parse(storage.getItem(AUTOSAVE_KEY)!);
    expect(parseAutosave(JSON.stringify({ ...good, version: 0 }))).toMatchObject({ ok: false, error: expect.stringMatching(/version: found 0, expected 1/) });
    expect(parseAutosave(JSON.stringify({ ...good, role: 'mayor' }))).toMatchObject({ ok: false, error: expect.stringMatching(/role: found the string "mayor"/) });
    // A save whose hashes the model does not reproduce is refused at restore, and kept (set aside).
    const tampered = { ...good, save: { ...good.save, yearlyHashes: ['0000000000000000'], finalHash: '0000000000000000' } };
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(tampered));
    const again = newGame(storage);
    const r = again.api.dispatch({ type: 'continueSave' });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(/does not replay.*year 1/);
    expect(again.store.getState().corruptSave).toMatchObject({ key: CORRUPT_KEY });
    expect(storage.getItem(CORRUPT_KEY)).toBe(JSON.stringify(tampered));
    // Control: the save read above is the game's own, and untampered it restores; so the refusals
    // above come from the version, the role and the hashes, not from the save itself.
    expect(good.save.yearlyHashes).toEqual(g.api.exportSave()!.yearlyHashes);
    expect(parseAutosave(JSON.stringify(good))).toMatchObject({ ok: true });
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(good));
    const control = newGame(storage);
    expect(control.api.dispatch({ type: 'continueSave' })).toEqual({ ok: true });
    expect(control.api.exportSave()!.yearlyHashes).toEqual(g.api.exportSave()!.yearlyHashes);
  });

  it('a byte-order mark is read; a cut or edited text says where it breaks, in words, not the parser\u2019s', () => {
    const storage = new MemoryStorage();
    playYears(storage, 1);
    const text = storage.getItem(AUTOSAVE_KEY)!;
    expect(parseAutosave('\uFEFF' + text)).toMatchObject({ ok: true });
    const cut = parseAutosave(text.slice(0, 200));
    expect(cut).toMatchObject({ ok: false, error: 'the autosave is not valid JSON: it ends too early, at the end of the text; it was cut or edited' });
    const edited = parseAutosave('{"format": x}');
    expect(edited).toMatchObject({ ok: false, error: 'the autosave is not valid JSON: at line 1, column 12 (character 12), found "x}"; it was cut or edited' });
    expect(parseAutosave('  ')).toMatchObject({ ok: false, error: 'the autosave is empty; expected a saved game' });
  });

  it('any text in the autosave slot: a message, no exception, the text kept', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const storage = new MemoryStorage();
        storage.setItem(AUTOSAVE_KEY, text);
        const r = readAutosave(storage);
        expect(r.kind).toBe('corrupt');
        if (r.kind === 'corrupt') {
          expect(r.error.length).toBeGreaterThan(5);
          expect(storage.getItem(r.key)).toBe(text);
        }
      }),
      { numRuns: 200 },
    );
  });
});
