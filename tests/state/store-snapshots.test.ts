/**
 * The store replaces its snapshot on change (zustand's model): a selector subscribed with
 * `subscribeWithSelector` hears every change of what it picks, and an earlier snapshot stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { newGame } from './game-helpers';

describe('the store snapshot', () => {
  it('a selector sees the session move with the months, a decision and the screen flow', () => {
    const g = newGame();
    const sessions: unknown[] = [];
    const ticks: (number | undefined)[] = [];
    g.store.subscribe((s) => s.session, (session) => sessions.push(session));
    g.store.subscribe((s) => s.session?.sim.tick, (tick) => ticks.push(tick));

    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 9 });
    g.api.dispatch({ type: 'continue' }); // briefing → events
    g.api.dispatch({ type: 'continue' }); // events → decisions
    const before = g.store.getState();
    const heard = sessions.length;
    expect(g.api.dispatch({ type: 'setConcertation', level: 0.8 })).toEqual({ ok: true });
    expect(sessions.length).toBe(heard + 1); // a decision is a new session object
    expect(g.store.getState().session!.actions).toHaveLength(1);
    expect(before.session!.actions).toHaveLength(0); // the earlier snapshot is untouched

    g.api.dispatch({ type: 'endDecisions' });
    g.api.dispatch({ type: 'advance', months: 3 });
    expect(ticks).toEqual([0, 1, 2, 3]);
    expect(new Set(sessions).size).toBe(sessions.length); // every change, a new object
  });

  it('a selector of a panel field hears only its own changes', () => {
    const g = newGame();
    const speeds: number[] = [];
    g.store.subscribe((s) => s.ui.speed, (speed) => speeds.push(speed));
    g.api.dispatch({ type: 'setOverlay', overlay: 'vote' });
    g.api.dispatch({ type: 'setSpeed', speed: 12 });
    g.api.dispatch({ type: 'setSpeed', speed: 12 });
    expect(speeds).toEqual([12]);
  });
});
