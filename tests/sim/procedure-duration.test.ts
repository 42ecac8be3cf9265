/**
 * The length of award procedures comes from a mechanism (procedure.ts `dialogueMonths`): the
 * dialogue phase grows with the families in the contract's scope and with the rounds the city's
 * veto players need, so a bundle takes longer than one family and an aligned territory signs
 * sooner (DESIGN C4: alignment shortens procedures, fewer veto rounds, fewer re-decisions).
 */
import { describe, expect, it } from 'vitest';
import { contractRecords } from '../../src/sim/contract-records';
import { dialogueMonths } from '../../src/sim/rules/procedure';
import { mean, measure, sePaired, withSets } from '../claims/harness';
import { dijon, freshState, terms } from './helpers';

const sc = dijon();

describe('the dialogue phase of a competitive dialogue', () => {
  it('grows with the families in scope and the veto rounds, and is nil for a pilot or a purchase', () => {
    const s = freshState(sc);
    const one = dialogueMonths(s, sc, terms({ projects: ['streetLighting'] }));
    const two = dialogueMonths(s, sc, terms({ projects: ['streetLighting', 'dataPlatform'] }));
    expect(one).toBe(1 + Math.round(sc.coordination.vetoPlayers * (1 - s.alignment)));
    expect(two).toBe(2 * one);
    s.alignment = 1;
    expect(dialogueMonths(s, sc, terms({ projects: ['streetLighting'] }))).toBe(1);
    expect(dialogueMonths(s, sc, terms({ form: 'pilot', pilot: true, durationYears: 2, annualPaymentEur: 0 }))).toBe(0);
    expect(dialogueMonths(s, sc, terms({ form: 'procurement', durationYears: 0, annualPaymentEur: 0 }))).toBe(0);
  });

  it('higher alignment shortens the procedures the default players sign (paired, 32 seeds)', () => {
    /** Mean months from notice to signature of the contracts signed with the partner in a run (NaN: none). */
    const months = (r: Parameters<Parameters<typeof measure>[2][string]>[0]) => {
      const recs = contractRecords(r.state, sc);
      return recs.length === 0 ? Number.NaN : mean(recs.map((c) => c.signedTick - c.openedTick));
    };
    const low = measure({ scenario: withSets(sc, { 'coordination.alignment': 0.3 }), years: 12, agents: 300 }, 32, { months }).months;
    const high = measure({ scenario: withSets(sc, { 'coordination.alignment': 0.9 }), years: 12, agents: 300 }, 32, { months }).months;
    const a = low.map((x) => (Number.isNaN(x) ? null : x));
    const b = high.map((x) => (Number.isNaN(x) ? null : x));
    const pairs = a.map((x, k) => (x !== null && b[k] !== null ? x - b[k]! : null)).filter((x): x is number => x !== null);
    const t = mean(pairs) / sePaired(a, b);
    console.log(`procedure months: alignment 0.3 → ${mean(pairs.length ? a.filter((x): x is number => x !== null) : []).toFixed(1)}, 0.9 → ${mean(b.filter((x): x is number => x !== null)).toFixed(1)}; paired difference ${mean(pairs).toFixed(2)} months, t = ${t.toFixed(1)} (n=${pairs.length})`);
    expect(pairs.length).toBeGreaterThanOrEqual(24);
    expect(t).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
