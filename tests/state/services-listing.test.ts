/** The game's `actions()` never lists a purchase alone of a service under negotiation (rules/services.ts). */
import { describe, expect, it } from 'vitest';
import type { AnyAction } from '../../src/state/game-types';
import { newGame } from './game-helpers';

describe('actions() and the same service twice', () => {
  it('once the city has opened a negotiation, the purchase alone of its projects is no longer listed, and is refused', () => {
    const g = newGame();
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 2 });
    for (let k = 0; k < 20 && g.store.getState().screen !== 'decisions'; k++) g.api.dispatch(g.api.actions().find((a) => a.type === 'continue')!);
    expect(g.store.getState().screen).toBe('decisions');
    const bought = (list: AnyAction[]) => list.flatMap((a) => (a.type === 'launchAlone' && !a.pilot ? [a.project] : []));
    const propose = g.api.actions().find((a) => a.type === 'propose')!;
    expect(g.api.dispatch(propose)).toMatchObject({ ok: true });
    const n = g.store.getState().session!.sim.negotiation!;
    expect(n).not.toBeNull();
    const all = g.store.getState().session!.sim.districts.map((_, i) => i);
    const listed = bought(g.api.actions());
    for (const p of n.offer.projects) {
      expect(listed).not.toContain(p);
      expect(g.api.dispatch({ type: 'launchAlone', project: p, districts: all, pilot: false })).toMatchObject({ ok: false, code: 'familyUnderContract' });
    }
  });
});
