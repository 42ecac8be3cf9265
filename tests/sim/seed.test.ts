/** One seed range for every tool: the command line, the game, a save file (src/sim/seed.ts). */
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../src/cli/args';
import { createSave, isSeed, MAX_SEED, parseSave } from '../../src/sim';
import { newGame } from '../state/game-helpers';
import { dijon } from './helpers';

const saveWithSeed = (seed: number) =>
  parseSave(JSON.parse(JSON.stringify(createSave(dijon(), { seed, city: 'steady-mayor', partner: 'infrastructure-partner', years: 1, actions: [] }, ['0123456789abcdef']))), 'seed.json');

describe('seeds', () => {
  it('are the whole numbers from 0 to 2³² − 1', () => {
    expect(MAX_SEED).toBe(4_294_967_295);
    for (const ok of [0, 1, 2 ** 31, MAX_SEED]) expect(isSeed(ok)).toBe(true);
    for (const bad of [-1, 1.5, MAX_SEED + 1, Number.NaN, '7', null]) expect(isSeed(bad)).toBe(false);
  });

  it('the command line, the game and a save file take the same range', () => {
    // 2³¹ was above the game's old limit; 2³² above the command line's.
    for (const seed of [2 ** 31, MAX_SEED]) {
      expect(parseSeed(String(seed))).toBe(seed);
      expect(newGame().api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed })).toEqual({ ok: true });
      expect(saveWithSeed(seed).ok).toBe(true);
    }
    const over = MAX_SEED + 1;
    expect(() => parseSeed(String(over))).toThrow(/seed/i);
    expect(newGame().api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: over })).toMatchObject({ ok: false, code: 'fieldNotWholeNumber', params: { max: MAX_SEED } });
    const save = saveWithSeed(over);
    expect(save.ok).toBe(false);
    if (!save.ok) expect(save.error).toMatch(/seed.*from 0 to 4294967295/);
  });
});
