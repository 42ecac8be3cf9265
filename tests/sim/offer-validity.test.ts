/**
 * An offer's validity (rules/negotiation.ts, MODEL.md §13.1 "An offer's validity"): in the model an
 * offer stays valid four months (offers customarily bind for 90 to 120 days); unanswered for
 * longer, it lapses and the procedure ends without a contract, so a side that stops answering no
 * longer holds the other's procedure open until the playable years end.
 */
import { describe, expect, it } from 'vitest';
import { answerDeadlineTick, createRun, OFFER_VALIDITY_MONTHS } from '../../src/sim';
import type { SimState } from '../../src/sim/types';
import { dijon, terms, variant } from './helpers';

const sc = dijon();

/** Runs a computer city against a silent partner (nobody answers for it) until its first procedure ends. */
function silentPartner(seed: number, extra: (state: SimState) => unknown[] = () => []) {
  const run = createRun(sc, { seed, agents: 300, city: 'steady-mayor', partner: 'none' });
  let lastOffer = -1;
  while (run.state.tick < sc.playableYears * 12) {
    const n = run.state.negotiation;
    if (n && n.procedure.phase === 'negotiation') lastOffer = n.lastMoveTick;
    const results = run.advanceTick(extra(run.state));
    const failed = run.state.log.find((l) => l.kind === 'negotiationFailed' || (l.kind === 'procedureClosed' && l.data.outcome === 'signed'));
    if (failed) return { run, failed, lastOffer, results };
  }
  return { run, failed: null, lastOffer, results: [] };
}

describe('an offer binds for its validity, then lapses', () => {
  it.each([1, 2, 3])('seed %i: a partner who never answers lets the city\u2019s offer lapse after four months, and the procedure ends there', (seed) => {
    const { failed, lastOffer } = silentPartner(seed);
    expect(failed).not.toBeNull();
    expect(failed!.kind).toBe('negotiationFailed');
    expect(failed!.kind === 'negotiationFailed' && failed!.data.by).toBe('partner');
    // Four whole months to answer (lastOffer + 1 … lastOffer + 4), the lapse in the fifth.
    expect(failed!.tick).toBe(lastOffer + OFFER_VALIDITY_MONTHS + 1);
  });

  it('an answer in the month after the fourth is refused: the offer lapsed as that month opened', () => {
    const { failed, lastOffer } = silentPartner(1);
    const late = lastOffer + OFFER_VALIDITY_MONTHS + 1;
    expect(failed!.tick).toBe(late);
    // The same game again, the partner answering in that month: too late.
    const run = createRun(sc, { seed: 1, agents: 300, city: 'steady-mayor', partner: 'none' });
    while (run.state.tick < late) run.advanceTick();
    const [answer] = run.advanceTick([{ type: 'accept', by: 'partner' }]);
    expect(answer!.ok).toBe(false);
    expect(run.state.contracts.filter((c) => c.builder === 'partner')).toHaveLength(0);
  });

  it('a walk-away in the fourth month is still taken', () => {
    const { failed, lastOffer, results } = silentPartner(1, (state) => {
      const n = state.negotiation;
      return n && n.procedure.phase === 'negotiation' && n.turn === 'partner' && state.tick === n.lastMoveTick + OFFER_VALIDITY_MONTHS ? [{ type: 'walkAway', by: 'partner' }] : [];
    });
    // The partner's own walk-away, taken in the offer's last month of validity, ends it there (an
    // acceptance in that month is checked below, 'the last month the table names').
    expect(results).toHaveLength(1);
    expect(results[0]!.ok).toBe(true);
    expect(failed!.tick).toBe(lastOffer + OFFER_VALIDITY_MONTHS);
  });
});

describe('a city that stops answering', () => {
  it('lets the partner\u2019s offer lapse: the procedure ends as the city\u2019s walk-away, the lapse its reason', () => {
    const run = createRun(sc, { seed: 4, agents: 300, city: 'none', partner: sc.policies.partner });
    const opened = run.advanceTick([{ type: 'propose', by: 'city', terms: terms() }]);
    expect(opened[0]!.ok, JSON.stringify(opened[0])).toBe(true);
    let lastOffer = -1;
    while (run.state.tick < sc.playableYears * 12 && !run.state.log.some((l) => l.kind === 'negotiationFailed')) {
      const n = run.state.negotiation;
      if (n && n.procedure.phase === 'negotiation') lastOffer = n.lastMoveTick;
      run.advanceTick();
    }
    const failed = run.state.log.find((l) => l.kind === 'negotiationFailed');
    expect(failed && failed.kind === 'negotiationFailed' && failed.data.by).toBe('city');
    expect(failed!.tick).toBe(lastOffer + OFFER_VALIDITY_MONTHS + 1);
  });
});

describe('the last month the table names (answerDeadlineTick)', () => {
  /** A person's city against the scenario's partner, `maxRoundsPerYear` rounds: the game when the city must first answer a counter. */
  function atCityAnswer(seed: number, rounds: number) {
    const scenario = variant({ 'negotiation.maxRoundsPerYear': rounds });
    const run = createRun(scenario, { seed, agents: 300, city: 'none', partner: scenario.policies.partner });
    if (!run.advanceTick([{ type: 'propose', by: 'city', terms: terms() }])[0]!.ok) return null;
    while (run.state.tick < 60) {
      const n = run.state.negotiation;
      if (!n) return null;
      if (n.procedure.phase === 'negotiation' && n.turn === 'city' && n.lastMoveTick < run.state.tick && n.history.at(-1)!.kind === 'offer') return { run, n };
      run.advanceTick();
    }
    return null;
  }

  it.each([
    ['the offer\u2019s validity', 8],
    ['the round limit', 2],
  ])('under %s: an acceptance in that month is taken, and one in the next is refused', (_what, rounds) => {
    let tested = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const a = atCityAnswer(seed, rounds);
      const b = atCityAnswer(seed, rounds);
      if (!a || !b) continue;
      const deadline = answerDeadlineTick(a.n);
      expect(deadline).toBe(a.n.lastMoveTick + (rounds === 2 ? 2 : OFFER_VALIDITY_MONTHS));
      while (a.run.state.tick < deadline) a.run.advanceTick();
      expect(a.run.advanceTick([{ type: 'accept', by: 'city' }])[0]!.ok).toBe(true);
      while (b.run.state.tick < deadline + 1) b.run.advanceTick();
      expect(b.run.advanceTick([{ type: 'accept', by: 'city' }])[0]!.ok).toBe(false);
      expect(b.run.state.contracts).toHaveLength(0);
      tested++;
    }
    expect(tested).toBeGreaterThan(0);
  });
});
