/**
 * Two groups on one screen (issue 11, "one offer and its answer in one month"): a group's offer
 * the other group may answer this month goes to it at once, behind the hand-over, in the same
 * month; leaving the table then hands the controls back to the group that made the offer.
 */
import { describe, expect, it } from 'vitest';
import type { AnyAction } from '../../src/state/game-types';
import { newGame } from './game-helpers';

describe('two groups on one screen: an offer and its answer in one month', () => {
  it('the partner group’s counter-offer goes to the city group in the same month, and leaving hands back', () => {
    const g = newGame();
    const game = () => g.store.getState();
    const act = (a: AnyAction) => {
      const r = g.api.dispatch(a);
      expect(r, JSON.stringify(a)).toEqual({ ok: true });
    };
    const pick = (type: string, by?: string) => g.api.actions().find((a) => a.type === type && (by === undefined || (a as { by?: string }).by === by));
    act({ type: 'start', scenario: 'dijon-like', role: 'both', seed: 1 });
    act({ type: 'continue' });
    // The city opens a negotiation at its decisions, then both groups end their decisions.
    act(pick('propose', 'city')!);
    act({ type: 'endDecisions' });
    act({ type: 'continue' });
    act({ type: 'endDecisions' });
    // The months run to the month the partner group must answer (after the procedure's bids).
    for (let k = 0; k < 40 && !(game().screen === 'handover' && game().session!.afterHandover === 'negotiation'); k++) act({ type: 'advance' });
    expect(game().session!.actingSide).toBe('partner');
    act({ type: 'continue' });
    expect(game().screen).toBe('negotiation');
    const tick = game().session!.sim.tick;
    // The partner group counters: the city group answers in the same month, behind the hand-over.
    const counter = pick('propose', 'partner') as Extract<AnyAction, { type: 'propose' }>;
    act({ ...counter, terms: { ...counter.terms, durationYears: counter.terms.durationYears - 1 } });
    expect(game().screen).toBe('handover');
    expect(game().session!.actingSide).toBe('city');
    expect(game().session!.afterHandover).toBe('negotiation');
    expect(game().session!.sim.tick).toBe(tick);
    act({ type: 'continue' });
    expect(game().screen).toBe('negotiation');
    expect(pick('accept', 'city')).toBeDefined();
    // The city group leaves without answering: the controls go back to the partner group, behind the hand-over.
    act({ type: 'leaveNegotiation' });
    expect(game().screen).toBe('handover');
    expect(game().session!.actingSide).toBe('partner');
    expect(game().session!.afterHandover).toBe('months');
    expect(game().session!.sim.tick).toBe(tick);
  });
});
