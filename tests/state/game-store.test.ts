/** The game store: the flow, the scripted API (actions/dispatch), saves that replay in Node. */
import { describe, expect, it } from 'vitest';
import { replaySave } from '../../src/sim';
import type { AnyAction } from '../../src/state/game-types';
import { newGame, playToEnd } from './game-helpers';

/** A deterministic chooser: a varied but reproducible walk through the listed actions. */
const walker = (salt: number) => (listed: AnyAction[], step: number): AnyAction => {
  // Never back to the menu: the walk plays one game to its end.
  const list = listed.filter((a) => a.type !== 'toMenu');
  // Prefer progress (advance, continue, endDecisions) most of the time, so games end.
  const progress = list.filter((a) => ['advance', 'continue', 'endDecisions'].includes(a.type));
  const k = (step * 7919 + salt * 104729) % 997;
  if (progress.length > 0 && k % 3 !== 0) return progress[k % progress.length]!;
  return list[k % list.length]!;
};

describe('the game store', () => {
  it('starts on the menu, with a start action for each role', () => {
    const g = newGame();
    expect(g.store.getState().screen).toBe('menu');
    const roles = new Set(g.api.actions().filter((a) => a.type === 'start').map((a) => (a as { role: string }).role));
    expect([...roles].sort()).toEqual(['both', 'city', 'partner', 'watch']);
    expect(g.api.isOver()).toBe(false);
    expect(g.api.exportSave()).toBeNull();
  });

  for (const role of ['city', 'partner', 'both', 'watch'] as const) {
    it(`plays a whole game as "${role}" with only actions() and dispatch(); every listed action is accepted; the save replays to the same hash`, () => {
      const g = newGame();
      const first = g.api.actions().find((a) => a.type === 'start' && (a as { role: string }).role === role)!;
      expect(g.api.dispatch(first)).toEqual({ ok: true });
      const { refused } = playToEnd(g, walker(role.length));
      expect(refused).toEqual([]);
      expect(g.api.isOver()).toBe(true);
      expect(g.store.getState().screen).toBe('end');
      const save = g.api.exportSave()!;
      expect(save.years).toBe(g.store.getState().session!.scenario.horizonYears);
      const replay = replaySave(save);
      expect(replay.ok).toBe(true);
      expect(replay.finalHash).toBe(g.api.stateHash());
      if (role !== 'watch') expect(save.actions.length).toBeGreaterThan(0);
    });
  }

  it('a side played by the computer, or by the other group, cannot be acted for', () => {
    const g = newGame();
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 3 });
    g.api.dispatch({ type: 'continue' }); // briefing → events
    g.api.dispatch({ type: 'continue' }); // events → decisions
    expect(g.store.getState().screen).toBe('decisions');
    const terms = g.api.suggestedOffer('city')!;
    const r = g.api.dispatch({ type: 'propose', by: 'partner', terms });
    expect(r).toMatchObject({ ok: false, code: 'sideComputer', params: { side: 'partner' }, reason: 'the partner is played by the computer in this game' });
    expect(g.store.getState().session!.actions).toEqual([]);

    const both = newGame();
    both.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'both', seed: 3 });
    both.api.dispatch({ type: 'continue' });
    both.api.dispatch({ type: 'continue' });
    expect(both.store.getState().session!.actingSide).toBe('city');
    const r2 = both.api.dispatch({ type: 'propose', by: 'partner', terms });
    expect(r2).toMatchObject({ ok: false, code: 'sideNotYours', params: { side: 'city' } });
    expect(r2.ok ? '' : r2.reason).toMatch(/city's group that holds the controls/);
    // The city hands over: the hand-over screen comes before the partner's decisions.
    expect(both.api.dispatch({ type: 'endDecisions' })).toEqual({ ok: true });
    expect(both.store.getState().screen).toBe('handover');
    both.api.dispatch({ type: 'continue' });
    expect(both.store.getState().screen).toBe('decisions');
    expect(both.store.getState().session!.actingSide).toBe('partner');
  });

  it('refuses bad actions with a reason and changes nothing', () => {
    const g = newGame();
    for (const bad of [null, 3, {}, { type: 'fly' }, { type: 'start', scenario: 'atlantis', role: 'city', seed: 1 }, { type: 'start', scenario: 'dijon-like', role: 'king', seed: 1 }, { type: 'start', scenario: 'dijon-like', role: 'city', seed: -1 }, { type: 'start', scenario: 'dijon-like', role: 'city', seed: 1, city: 'steady-mayor' }, { type: 'continue' }, { type: 'setBudget', envelopeEur: 1, taxChange: 0 }]) {
      const r = g.api.dispatch(bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(/\w/);
    }
    expect(g.store.getState().screen).toBe('menu');
  });
});

describe('hidden information', () => {
  it("the city's eyes get the partner's costs as the city estimates them, the partner's its true ones", () => {
    const g = newGame();
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'both', seed: 5 });
    g.api.dispatch({ type: 'continue' });
    const s = g.store.getState().session!;
    expect(s.sim.partner.trueCostFactor).not.toBe(1);
    const terms = g.api.suggestedOffer('city')!;
    const city = g.api.lenses(terms, 'city');
    const partner = g.api.lenses(terms, 'partner');
    expect(city.partnerValueEur).not.toBeCloseTo(partner.partnerValueEur, 0);
    // Both ways (issue 11): the partner's eyes get the city's value as the partner estimates it.
    expect(city.cityValueEur).not.toBeCloseTo(partner.cityValueEur, 0);
  });
});
