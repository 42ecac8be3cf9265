/**
 * Issue 11: one offer and its answer in one month. A computer answers a person's offer in the
 * month it was made (the table no longer asks for a second month to see the answer); the
 * computers' own offers still wait a month for the other computer, so computer-against-computer
 * runs keep their state hashes (checked with `npm run sim`, see docs/MODEL.md).
 */
import { describe, expect, it } from 'vitest';
import { createRun, suggestedOffer } from '../../src/sim';
import { bareProcedure } from './helpers';

const sc = bareProcedure();

describe('one offer and its answer a month', () => {
  it('the computer partner answers a person city’s offer in the month of the offer', () => {
    const run = createRun(sc, { seed: 1, years: 2, agents: 200, city: 'none', partner: 'infrastructure-partner' });
    run.openTick();
    const terms = suggestedOffer({ state: run.state, scenario: sc, by: 'city' });
    expect(run.act({ type: 'propose', by: 'city', terms })).toEqual({ ok: true });
    const tick = run.state.tick;
    run.closeTick();
    const answer = run.state.negotiation?.history.find((m) => m.by === 'partner') ?? null;
    const closed = run.state.log.some((e) => e.kind === 'negotiationFailed' || e.kind === 'contractSigned');
    expect(answer?.tick ?? (closed ? tick : null)).toBe(tick);
  });

  it('the computer city answers a person partner’s counter-offer in the month of the counter', () => {
    const run = createRun(sc, { seed: 2, years: 3, agents: 200, city: 'steady-mayor', partner: 'none' });
    // Months pass until the computer city opens a negotiation.
    while (!run.state.negotiation && run.state.tick < 24) run.advanceTick();
    const n = run.state.negotiation;
    expect(n, 'the computer city opened a negotiation').not.toBeNull();
    run.openTick();
    const counter = suggestedOffer({ state: run.state, scenario: sc, by: 'partner' });
    const r = run.act({ type: 'propose', by: 'partner', terms: counter });
    expect(r, JSON.stringify(r)).toEqual({ ok: true });
    const tick = run.state.tick;
    run.closeTick();
    const last = run.state.negotiation?.history.at(-1) ?? null;
    const closed = run.state.negotiation === null;
    expect(closed || (last!.by === 'city' && last!.tick === tick) || run.state.negotiation!.ratificationMonthsLeft > 0).toBe(true);
  });
});
