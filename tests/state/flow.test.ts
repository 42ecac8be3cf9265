/** The screen flow as a pure reducer: each screen's way on, the hand-over between two groups, the year's end. */
import { describe, expect, it } from 'vitest';
import { humanSidesOf, nextFlow, type Flow, type FlowGame } from '../../src/state/flow';

const at = (screen: Flow['screen'], over: Partial<Flow> = {}): Flow => ({ screen, actingSide: 'city', afterHandover: null, returnScreen: null, playing: false, handBack: null, ...over });
const game = (role: FlowGame['role']): FlowGame => ({ role, humanSides: humanSidesOf(role) });
const nextYear = { over: false, playable: true };
const month = { type: 'monthClosed', over: false, yearEnd: false, playable: true, mustAnswer: null } as const;

describe('the flow', () => {
  it('a game starts on its briefing with the first side people play; the briefing opens the first year on its decisions', () => {
    expect(nextFlow(at('menu', { actingSide: null, playing: true }), game('partner'), { type: 'started' })).toEqual({ flow: at('briefing', { actingSide: 'partner' }), openYear: false });
    expect(nextFlow(at('briefing'), game('city'), { type: 'continue', year: nextYear })).toEqual({ flow: at('decisions'), openYear: true });
  });

  it('after the playable years comes the epilogue (playing), after the horizon the end', () => {
    expect(nextFlow(at('yearSummary'), game('city'), { type: 'continue', year: { over: false, playable: false } })).toEqual({ flow: at('epilogue', { playing: true }), openYear: false });
    expect(nextFlow(at('yearSummary'), game('city'), { type: 'continue', year: { over: true, playable: false } })?.flow.screen).toBe('end');
    expect(nextFlow(at('months', { playing: true }), game('city'), { ...month, over: true })?.flow).toEqual(at('end'));
  });

  it('the year summary leads straight to the next year\'s decisions (its events are on them): never two screens that only ask to continue', () => {
    expect(nextFlow(at('yearSummary'), game('city'), { type: 'continue', year: nextYear })).toEqual({ flow: at('decisions'), openYear: true });
    expect(nextFlow(at('yearSummary', { actingSide: 'partner' }), game('partner'), { type: 'continue', year: nextYear })).toEqual({ flow: at('decisions', { actingSide: 'partner' }), openYear: true });
  });

  it('watching, the briefing and the year summary lead straight to the months, running', () => {
    expect(nextFlow(at('briefing', { actingSide: null }), game('watch'), { type: 'continue', year: nextYear })).toEqual({ flow: at('months', { actingSide: null, playing: true }), openYear: true });
    expect(nextFlow(at('yearSummary', { actingSide: null }), game('watch'), { type: 'continue', year: nextYear })?.flow).toEqual(at('months', { actingSide: null, playing: true }));
  });

  it('two groups: the city decides, then a hand-over screen before the partner decides, then the months', () => {
    const both = game('both');
    const decisions = nextFlow(at('yearSummary'), both, { type: 'continue', year: nextYear })!.flow;
    expect(decisions).toEqual(at('decisions'));
    const handover = nextFlow(decisions, both, { type: 'endDecisions' })!.flow;
    expect(handover).toEqual(at('handover', { actingSide: 'partner', afterHandover: 'decisions' }));
    const partner = nextFlow(handover, both, { type: 'continue', year: nextYear })!.flow;
    expect(partner).toEqual(at('decisions', { actingSide: 'partner' }));
    expect(nextFlow(partner, both, { type: 'endDecisions' })!.flow).toEqual(at('months', { actingSide: 'partner', playing: true }));
  });

  it('the table opens from a screen and leads back to it, paused', () => {
    const table = nextFlow(at('months', { playing: true }), game('city'), { type: 'openNegotiation' })!.flow;
    expect(table).toEqual(at('negotiation', { returnScreen: 'months' }));
    expect(nextFlow(table, game('city'), { type: 'leaveNegotiation' })!.flow).toEqual(at('months'));
  });

  it('a month goes on unless the run ends, a playable year ends, or a person must answer an offer', () => {
    const running = at('months', { playing: true });
    expect(nextFlow(running, game('city'), month)).toBeNull();
    expect(nextFlow(at('epilogue', { playing: true }), game('city'), { ...month, yearEnd: true, playable: false })).toBeNull();
    expect(nextFlow(running, game('both'), { ...month, yearEnd: true })?.flow).toEqual(at('yearSummary'));
    expect(nextFlow(running, game('city'), { ...month, mustAnswer: 'city' })?.flow).toEqual(at('negotiation', { returnScreen: 'months' }));
    // The other group must answer: through the hand-over screen, paused.
    expect(nextFlow(running, game('both'), { ...month, mustAnswer: 'partner' })?.flow).toEqual(at('handover', { actingSide: 'partner', afterHandover: 'negotiation', returnScreen: 'months' }));
    // Also when that group held the controls last: both groups watched the months (a facilitator's finding).
    expect(nextFlow(at('months', { actingSide: 'partner', playing: true }), game('both'), { ...month, mustAnswer: 'partner' })?.flow).toEqual(at('handover', { actingSide: 'partner', afterHandover: 'negotiation', returnScreen: 'months' }));
  });

  it('two groups: an offer the other group may answer this month goes to it behind the hand-over; leaving hands back; the month’s end forgets it', () => {
    const both = game('both');
    const table = at('negotiation', { actingSide: 'partner', returnScreen: 'months' });
    const handBack = { side: 'partner' as const, screen: 'months' as const };
    const handover = nextFlow(table, both, { type: 'offerMade', answer: 'city' })!.flow;
    expect(handover).toEqual(at('handover', { actingSide: 'city', afterHandover: 'negotiation', returnScreen: 'months', handBack }));
    const answering = at('negotiation', { actingSide: 'city', returnScreen: 'months', handBack });
    expect(nextFlow(answering, both, { type: 'leaveNegotiation' })!.flow).toEqual(at('handover', { actingSide: 'partner', afterHandover: 'months', handBack: null }));
    expect(nextFlow(answering, both, { ...month, mustAnswer: 'partner' })!.flow.handBack).toBeNull();
    // One group, or a computer on the other side: nothing to hand over.
    expect(nextFlow(at('negotiation'), game('city'), { type: 'offerMade', answer: 'partner' })).toBeNull();
  });
});
