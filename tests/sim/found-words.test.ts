/**
 * What a message says it found (issue 12): one formatter (`found` in refusal.ts, `describeValue` in
 * scenario.ts) for the scenario loader, the saves and the refusals of `dispatch`, in words a person
 * reads — NaN and Infinity by name, the string "1" apart from the number 1, a function, nothing.
 */
import { describe, expect, it } from 'vitest';
import { found, stateHash } from '../../src/sim';
import { applyAction } from '../../src/sim/actions';
import { parseScenario } from '../../src/sim/scenario';
import { dijon, freshState, scratch, terms } from './helpers';

describe('found: a value in words', () => {
  it.each<[string, unknown, string]>([
    ['NaN', NaN, 'the number NaN'],
    ['Infinity', Infinity, 'the number Infinity'],
    ['-Infinity', -Infinity, 'the number -Infinity'],
    ['the string "1"', '1', 'the string "1"'],
    ['the number 1', 1, '1'],
    ['a function', () => 1, 'a function'],
    ['a symbol', Symbol('s'), 'a symbol'],
    ['a big integer', 10n, 'the big integer 10n'],
    ['undefined', undefined, 'nothing'],
    ['null', null, 'null'],
    ['a list', [1, 2], 'a list of 2'],
    ['an object', { a: 1 }, 'an object'],
  ])('%s', (_name, value, words) => {
    expect(found(value)).toBe(words);
  });
});

describe('dispatch refusals say what they found and what they expect', () => {
  const sc = dijon();
  const state = freshState(sc);
  const before = stateHash(state);

  it.each<[unknown, string]>([
    [NaN, 'level: found the number NaN, expected a number from 0 to 1'],
    [Infinity, 'level: found the number Infinity, expected a number from 0 to 1'],
    [-Infinity, 'level: found the number -Infinity, expected a number from 0 to 1'],
    ['1', 'level: found the string "1", expected a number from 0 to 1'],
    [() => 1, 'level: found a function, expected a number from 0 to 1'],
    [undefined, 'level: found nothing, expected a number from 0 to 1'],
  ])('setConcertation level %s', (level, reason) => {
    const r = applyAction(state, sc, scratch(state), { type: 'setConcertation', level });
    expect(r).toMatchObject({ ok: false, code: 'fieldNotNumber', reason });
    expect(stateHash(state)).toBe(before);
  });

  it('a function where true or false is expected', () => {
    const r = applyAction(state, sc, scratch(state), { type: 'governance', measure: 'smartCityOffice', on: () => true });
    expect(r).toMatchObject({ ok: false, reason: 'on: found a function, expected true or false' });
  });

  it('the scenario loader uses the same words', () => {
    const raw = JSON.parse(JSON.stringify(sc)) as { city: Record<string, unknown> };
    raw.city.debtEur = '1';
    const r = parseScenario(raw, 'x');
    expect(r.ok ? '' : r.error).toContain('city.debtEur: found the string "1", expected a number');
    const agents = JSON.parse(JSON.stringify(sc)) as { citizens: Record<string, unknown> };
    agents.citizens.agents = 10;
    const a = parseScenario(agents, 'x');
    expect(a.ok ? '' : a.error).toContain('citizens.agents: found 10, expected a whole number from 50 to 100,000');
    raw.city.debtEur = NaN;
    const n = parseScenario(raw, 'x');
    expect(n.ok ? '' : n.error).toContain('city.debtEur: found the number NaN, expected a number');
  });

  it.each<[string, unknown, string]>([
    ['NaN', NaN, 'the number NaN'],
    ['missing', undefined, 'nothing'],
    ['a number', 3, '3'],
  ])('an action whose type is %s says what its type was, not "found an object"', (_name, type, words) => {
    const r = applyAction(state, sc, scratch(state), { type, level: 0.5 });
    expect(r).toMatchObject({ ok: false, code: 'unknownAction', reason: `type: found ${words}, expected the name of an action (a string such as "setBudget")` });
    expect(stateHash(state)).toBe(before);
  });

  it('a key the terms do not have is refused by name, and nothing of it enters the state', () => {
    const s = freshState(sc);
    const h = stateHash(s);
    const r = applyAction(s, sc, scratch(s), { type: 'propose', by: 'city', terms: { ...terms(), junk: [NaN] } });
    expect(r).toMatchObject({ ok: false, code: 'fieldUnknown', params: { field: 'terms.junk' } });
    expect(stateHash(s)).toBe(h);
    expect(s.negotiation).toBeNull();
  });

  it('a project in the terms that is not a name is said in words, with its place', () => {
    const s = freshState(sc);
    const r = applyAction(s, sc, scratch(s), { type: 'propose', by: 'city', terms: { ...terms(), projects: [undefined] } });
    expect(r).toMatchObject({ ok: false, code: 'unknownProject' });
    expect(r.ok ? '' : r.reason).toMatch(/^projects\[0\]: found nothing, expected the id of a project \(known: streetLighting, /);
  });
});
