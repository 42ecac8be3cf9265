/** The predicates the screens share with the sim (src/sim/queries.ts) and the HUD's reporters. */
import { describe, expect, it } from 'vitest';
import { amendableContracts, GOVERNANCE_MEASURES, mustAnswerNow, openGrantCalls, REPORTERS, sideToAnswer, termsProblem, tryAction } from '../../src/sim';
import { report, voteIntention } from '../../src/sim/metrics';
import { stepInPlace } from '../../src/sim/step';
import { liveFigures, FIGURES } from '../../src/ui/screens/figures';
import { newGame } from '../state/game-helpers';
import { advance, bareProcedure, dijon, freshState, NO_POLICIES, terms } from './helpers';

describe('queries', () => {
  it('the side that must answer: the other side, from the month after the offer, not while ratifying', () => {
    const sc = bareProcedure();
    const s = freshState(sc);
    expect(sideToAnswer(s)).toBeNull();
    // An offer made and answered in the same month is refused by the model: the query agrees.
    s.negotiation = null;
    const [r] = stepInPlace(s, sc, [{ type: 'propose', by: 'city', terms: terms() }], NO_POLICIES);
    expect(r!.ok).toBe(true);
    // The month closed: the partner must answer now, the city must not.
    expect(sideToAnswer(s)).toBe('partner');
    expect(mustAnswerNow(s, 'partner')).toBe(true);
    expect(mustAnswerNow(s, 'city')).toBe(false);
    expect(tryAction(s, sc, { type: 'accept', by: 'partner' }).ok).toBe(true);
    s.negotiation!.lastMoveTick = s.tick;
    expect(sideToAnswer(s)).toBeNull();
    expect(tryAction(s, sc, { type: 'accept', by: 'partner' })).toMatchObject({ ok: false, code: 'oneRoundAMonth' });
    s.negotiation!.lastMoveTick = s.tick - 1;
    s.negotiation!.ratificationMonthsLeft = 2;
    expect(sideToAnswer(s)).toBeNull();
  });

  it('open grant calls are exactly those an offer may name', () => {
    const sc = dijon();
    const s = freshState();
    advance(s, sc, 14);
    expect(s.grantCalls.length).toBeGreaterThan(0);
    const open = openGrantCalls(s);
    for (const c of s.grantCalls) {
      const p = termsProblem(s, sc, terms({ grantCalls: [c.id] }));
      expect(p?.code === 'grantCallClosed', c.id).toBe(!open.includes(c));
    }
  });

  it('the governance measures are the scenario’s, and the model takes each', () => {
    const sc = dijon();
    expect([...GOVERNANCE_MEASURES].sort()).toEqual(Object.keys(sc.coordination.measures).sort());
    for (const measure of GOVERNANCE_MEASURES) expect(tryAction(freshState(), sc, { type: 'governance', measure, on: true }).ok).toBe(true);
  });

  it('amendable contracts are those the model lets the city cancel', () => {
    const sc = dijon();
    const s = freshState();
    stepInPlace(s, sc, [{ type: 'launchAlone', project: 'streetLighting', districts: [0], pilot: false }], NO_POLICIES);
    expect(s.contracts.length).toBeGreaterThan(0);
    for (const c of s.contracts) expect(amendableContracts(s).includes(c)).toBe(tryAction(s, sc, { type: 'cancelContract', contractId: c.id }).ok);
  });
});

describe('the HUD figures are reporters', () => {
  it('vote intention weights districts by their citizens', () => {
    const s = freshState();
    s.districts.forEach((d, i) => (d.voteIntention = i === 0 ? 1 : 0));
    const first = (s.citizenDistrictStart[1] ?? 0) - (s.citizenDistrictStart[0] ?? 0);
    expect(voteIntention(s)).toBeCloseTo(first / s.citizenDistrictStart[s.citizenDistrictStart.length - 1]!, 12);
    expect(report(s, dijon()).voteIntention).toBe(voteIntention(s));
  });

  it('every figure of the HUD is a reporter’s value, recorded in the yearly rows', () => {
    const g = newGame();
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'watch', seed: 5 });
    g.api.dispatch({ type: 'continue' });
    g.api.dispatch({ type: 'continue' });
    g.api.dispatch({ type: 'advance', months: 12 });
    const session = g.store.getState().session!;
    const live = liveFigures(session);
    const values = new Set(REPORTERS.map((r) => r.compute(session.sim, session.scenario)));
    for (const id of FIGURES) expect(values.has(live[id]), id).toBe(true);
    for (const key of ['voteIntention', 'envelopeLeftEur', 'grossSavingsEur']) expect(typeof session.sim.yearly[0]![key], key).toBe('number');
  });
});
