/**
 * The store replaces its snapshot on change (zustand's model): a selector subscribed with
 * `subscribeWithSelector` hears every change of what it picks, and an earlier snapshot stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY } from '../../src/state/autosave';
import { atDecisions, MemoryStorage, newGame, playTo } from './game-helpers';

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

  it('each snapshot keeps the actions taken up to it, read before or after the game moves on (the log is not copied per action)', () => {
    const storage = new MemoryStorage();
    const g = atDecisions(storage);
    const snaps = [g.store.getState().session!];
    for (let k = 1; k <= 5; k++) {
      expect(g.api.dispatch({ type: 'setConcertation', level: k / 10 })).toEqual({ ok: true });
      snaps.push(g.store.getState().session!);
    }
    g.api.dispatch({ type: 'setConcertation', level: 2 }); // refused: nothing recorded
    const levels = (s: (typeof snaps)[number]) => s.actions.map((a) => (a.action as { level: number }).level);
    // Read only now, after later actions: each has its own first k.
    snaps.forEach((s, k) => expect(levels(s)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5].slice(0, k)));
    expect(g.store.getState().session!.actions).toHaveLength(5);
    expect(g.api.getGame().session!.actions).toEqual(snaps[5]!.actions); // the copy handed out holds them
    // The year ends (a new session per month) and the save records them; a new game starts its own log.
    playTo(g, 12);
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!).save.actions).toHaveLength(5);
    g.api.dispatch({ type: 'newGame' });
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 6 });
    expect(g.store.getState().session!.actions).toEqual([]);
    expect(levels(snaps[5]!)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    // Continue: the saved actions.
    const again = newGame(storage);
    expect(again.api.dispatch({ type: 'continueSave' })).toEqual({ ok: true });
    expect(again.store.getState().session!.actions).toHaveLength(5);
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
