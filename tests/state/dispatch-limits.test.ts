/**
 * What `dispatch` refuses before it has read too much, or what it cannot read: an object that shares
 * its parts (2^24 values once unfolded), a list that claims 10^8 items, a revoked proxy; and the
 * fields the save would record whatever they hold (a seed's NaN, a note that is not one).
 */
import { describe, expect, it } from 'vitest';
import { MAX_SEED } from '../../src/sim';
import { copyData, MAX_LIST } from '../../src/state/plain-data';
import type { Game } from '../../src/state/game-types';
import { atDecisions, footprint, newGame } from './game-helpers';

function offer(g: Game): { type: 'propose'; by: 'city'; terms: Record<string, unknown> } {
  const p = g.api.actions().find((a) => a.type === 'propose');
  expect(p).toBeDefined();
  return structuredClone(p) as never;
}

/** An object of 2^levels paths, each part shared by two keys. */
function shared(levels: number): unknown {
  let o: unknown = 1;
  for (let i = 0; i < levels; i++) o = { a: o, b: o };
  return o;
}

describe('dispatch refuses before it copies too much', () => {
  it('an object that shares its parts (2^24 values unfolded): refused by its field, the game as before', () => {
    const g = atDecisions();
    const before = footprint(g);
    const a = offer(g);
    const r = g.api.dispatch({ ...a, terms: { ...a.terms, extra: shared(24) } });
    expect(r).toMatchObject({ ok: false, code: 'fieldNotData', params: { field: 'terms.extra', found: 'more than 100,000 values' } });
    if (!r.ok) expect(r.reason).toBe('terms.extra: found more than 100,000 values, expected at most 100,000 values in an action');
    expect(footprint(g)).toEqual(before);
    // Below the limit, the copy is made (and the unknown key is then refused by name).
    expect(copyData(shared(15))).toMatchObject({ ok: true });
  });

  it('a list that claims 10^8 items: its length is read first, and refused', () => {
    const g = atDecisions();
    const before = footprint(g);
    let reads = 0;
    const huge = new Proxy([], {
      get: (t, k) => (k === 'length' ? 1e8 : (reads++, 0)),
      has: () => true,
    });
    const r = g.api.dispatch({ type: 'studyPartnership', projects: ['streetLighting'], districts: huge });
    expect(r).toMatchObject({ ok: false, code: 'fieldNotData', params: { field: 'districts', found: 'a list of 100,000,000 values' } });
    if (!r.ok) expect(r.reason).toBe(`districts: found a list of 100,000,000 values, expected a list of at most ${MAX_LIST.toLocaleString('en-GB')} values`);
    expect(reads).toBe(0);
    expect(footprint(g)).toEqual(before);
  });

  it('a revoked proxy, at the top or inside: a refusal naming the field, not an internal error', () => {
    const g = atDecisions();
    const before = footprint(g);
    const top = Proxy.revocable({ type: 'setConcertation', level: 0.5 }, {});
    top.revoke();
    const r = g.api.dispatch(top.proxy);
    expect(r).toMatchObject({ ok: false, code: 'fieldNotData', params: { field: 'the action' } });
    if (!r.ok) expect(r.reason).toMatch(/^the action: found an object that cannot be read \(Cannot perform 'IsArray' on a proxy that has been revoked\)/);
    const inner = Proxy.revocable({}, {});
    inner.revoke();
    const a = offer(g);
    const r2 = g.api.dispatch({ ...a, terms: { ...a.terms, extra: inner.proxy } });
    expect(r2).toMatchObject({ ok: false, code: 'fieldNotData', params: { field: 'terms.extra' } });
    if (!r2.ok) expect(r2.reason).toMatch(/^terms\.extra: found an object that cannot be read \(/);
    // A trap that throws while the keys are listed: the same.
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('no keys for you'); } });
    expect(g.api.dispatch({ type: 'setConcertation', level: 0.5, explanation: trap })).toMatchObject({ ok: false, code: 'fieldNotData', params: { field: 'explanation', found: 'an object that cannot be read (no keys for you)' } });
    expect(g.store.getState().lastRefusal?.code).not.toBe('internalError');
    expect(footprint(g)).toEqual(before);
  });
});

describe('the fields a save records are what they say', () => {
  it('a seed of NaN or Infinity: refused with the seed range', () => {
    const g = newGame();
    for (const seed of [NaN, Infinity]) {
      const r = g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed });
      expect(r).toMatchObject({ ok: false, code: 'fieldNotWholeNumber', params: { field: 'seed', min: 0, max: MAX_SEED } });
      if (!r.ok) expect(r.reason).toBe(`seed: found the number ${String(seed)}, expected a whole number between 0 and 4294967295`);
      expect(g.api.dispatch({ type: 'setMenuSeed', seed })).toMatchObject({ ok: false, code: 'fieldNotWholeNumber', params: { max: MAX_SEED } });
    }
    expect(g.store.getState().screen).toBe('menu');
  });

  it('an explanation or a reason of another shape: refused by its field, nothing recorded', () => {
    const g = atDecisions();
    const before = footprint(g);
    const cases: [unknown, string, RegExp][] = [
      [5, 'explanation', /^explanation: found 5, expected an explanation \{ key: a string, params/],
      ['because', 'explanation', /^explanation: found the string "because"/],
      [{ key: 'city.terminates' }, 'explanation.params', /^explanation\.params: found nothing/],
      [{ key: 3, params: {} }, 'explanation.key', /^explanation\.key: found 3/],
      [{ key: 'k', params: { a: [1] } }, 'explanation.params.a', /^explanation\.params\.a: found a list/],
      [{ key: 'k', params: {}, more: 1 }, 'explanation.more', /^explanation\.more: /],
    ];
    for (const [explanation, field, reason] of cases) {
      const r = g.api.dispatch({ type: 'setConcertation', level: 0.6, explanation });
      expect(r).toMatchObject({ ok: false, code: 'fieldUnknownValue', params: { field } });
      if (!r.ok) expect(r.reason).toMatch(reason);
    }
    const a = offer(g);
    expect(g.api.dispatch({ ...a, reason: { why: 'x' } })).toMatchObject({ ok: false, code: 'fieldUnknownValue', params: { field: 'reason' } });
    expect(footprint(g)).toEqual(before);
    // The computer players' shape is taken, and recorded as given.
    const explanation = { key: 'city.terminates', params: { contract: 1, savedM: '2.5' } };
    expect(g.api.dispatch({ type: 'setConcertation', level: 0.6, explanation })).toEqual({ ok: true });
    expect(g.store.getState().session!.actions).toEqual([{ tick: 0, action: { type: 'setConcertation', level: 0.6, explanation } }]);
  });
});
