/**
 * The legal range of each numeric term (src/sim/rules/term-bounds.ts): over several states and
 * offers, each bound is lawful and one grid step beyond it is not; a bound set by a rule carries
 * that rule's message, a bound set by the term's nature carries none.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/sim';
import { NUMERIC_TERMS, termBounds, type TermBound } from '../../src/sim/rules/term-bounds';
import { termsProblem } from '../../src/sim/rules/terms';
import { applyAction } from '../../src/sim/actions';
import { newScratch } from '../../src/sim/money';
import type { ContractTerms, SimState } from '../../src/sim/types';
import { advance, dijonLed1200, freshState, terms, variant } from './helpers';

const ALL = [0, 1, 2, 3, 4, 5, 6, 7];

/** The offers checked, each lawful or not, over several forms and scopes. */
const OFFERS: Record<string, Partial<ContractTerms>> = {
  performance: { districts: ALL, annualPaymentEur: 4e6 },
  // A concession is paid mostly from the savings it keeps (it bears the operating risk: L1121-1).
  concession: { form: 'concession', districts: ALL, annualPaymentEur: 2e6, savingsShareToPartner: 0.9, cityCapitalShare: 0.3, durationYears: 10 },
  concessionTooLong: { form: 'concession', districts: ALL, annualPaymentEur: 2e6, savingsShareToPartner: 0.9, cityCapitalShare: 0.3, durationYears: 25 },
  procurement: { form: 'procurement', districts: [1, 2], annualPaymentEur: 0, cityCapitalShare: 1, durationYears: 0 },
  pilot: { form: 'pilot', pilot: true, districts: [2], annualPaymentEur: 0, durationYears: 2 },
  largeScope: { projects: ['streetLighting', 'buildingEnergy', 'dataPlatform', 'smartTraffic'], districts: ALL, annualPaymentEur: 8e6 },
  guaranteed: { districts: [0, 3], guaranteedSavingShare: 0.8, penaltyRate: 1, terminationCompensation: 0.5, savingsShareToPartner: 0.2 },
};

/**
 * The states checked: the start, the second year (other finances, grant calls open), and lax
 * lenders. In each the council has voted a €25 M envelope (lawful: below what it can finance), so
 * that a global performance contract's works in every district fit in the year and the payment is
 * bounded by the lenders or the real balance, not by the envelope.
 */
function states(): { name: string; state: SimState; scenario: Scenario }[] {
  const sc = dijonLed1200();
  const voted = (s: SimState, scenario: Scenario) => {
    expect(applyAction(s, scenario, newScratch(s), { type: 'setBudget', envelopeEur: 25e6, taxChange: 0 })).toEqual({ ok: true });
    return s;
  };
  const later = freshState(sc);
  advance(later, sc, 14);
  const lax = variant({ 'funding.lendersRefuseYears': 50 }, sc);
  return [
    { name: 'start', state: voted(freshState(sc), sc), scenario: sc },
    { name: 'month 14', state: voted(later, sc), scenario: sc },
    { name: 'lax lenders', state: voted(freshState(lax), lax), scenario: lax },
  ];
}

const STATES = states();
const start = STATES[0]!;

/** The value one grid step beyond a bound, or null when the bound is the end of the term's nature-given range. */
function beyond(b: TermBound, side: 'min' | 'max'): number | null {
  const next = side === 'min' ? b.min - b.step : b.max + b.step;
  return next < b.lo - 1e-9 || next > b.hi + 1e-9 ? null : next;
}

describe('termBounds', () => {
  for (const { name, state, scenario } of STATES) {
    for (const [offerName, over] of Object.entries(OFFERS)) {
      it(`${name}, ${offerName}: each bound is lawful, one step beyond is not, with the rule's reason`, () => {
        const t = terms(over);
        const bounds = termBounds(state, scenario, t);
        for (const term of NUMERIC_TERMS) {
          const b = bounds[term];
          const at = (v: number) => termsProblem(state, scenario, { ...t, [term]: v });
          const label = `${term} in [${b.min}, ${b.max}]`;
          if (at(b.min) !== null) {
            // No value of this term makes the offer lawful: the range collapses on the current value.
            expect(b.min, label).toBe(t[term]);
            expect(b.max, label).toBe(t[term]);
            expect(b.minReason, label).toEqual(termsProblem(state, scenario, t));
            continue;
          }
          expect(b.min, label).toBeLessThanOrEqual(b.max);
          expect(b.lo, label).toBeLessThanOrEqual(b.min);
          expect(b.max, label).toBeLessThanOrEqual(b.hi);
          expect(at(b.max), label).toBeNull();
          for (const side of ['min', 'max'] as const) {
            const next = beyond(b, side);
            const reason = side === 'min' ? b.minReason : b.maxReason;
            if (next === null) expect(reason, `${label}: ${side} is set by nature`).toBeNull();
            else {
              expect(at(next), `${label}: one step beyond the ${side}`).not.toBeNull();
              // The same rule, in the same words (its figures, taken at a neighbouring grid point, may differ in the last digits).
              expect({ code: reason?.code, reason: reason?.reason }, `${label}: ${side} reason`).toEqual({ code: at(next)?.code, reason: at(next)?.reason });
            }
          }
        }
      });
    }
  }

  it('the reasons name the rule that sets each bound', () => {
    const { state, scenario } = start;
    const conc = termBounds(state, scenario, terms(OFFERS.concession));
    expect(conc.durationYears.maxReason?.reason).toMatch(/R3114-2\): here 15 years, not 16/);
    expect(conc.durationYears.minReason?.reason).toMatch(/lasts at least a year/);
    expect(conc.annualPaymentEur.minReason?.reason).toMatch(/never recovers its investment/);
    expect(conc.annualPaymentEur.maxReason?.code).toBe('concessionTooLong'); // a dearer payment shortens the lawful length
    const pilot = termBounds(state, scenario, terms(OFFERS.pilot));
    expect(pilot.durationYears).toMatchObject({ min: 1, max: 3 });
    expect(pilot.durationYears.minReason?.reason).toBe('a pilot lasts 1 to 3 years');
    expect(pilot.durationYears.maxReason?.reason).toBe('a pilot lasts 1 to 3 years');
    const proc = termBounds(state, scenario, terms(OFFERS.procurement));
    expect(proc.cityCapitalShare).toMatchObject({ min: 1, max: 1, maxReason: null });
    expect(proc.cityCapitalShare.minReason?.reason).toMatch(/procurement contract the city pays the whole price/);
    expect(proc.annualPaymentEur).toMatchObject({ min: 0, max: 0, minReason: null });
    expect(pilot.durationYears).toMatchObject({ lo: 0, hi: 30, step: 1 });
    const perf = termBounds(state, scenario, terms(OFFERS.performance));
    // the lenders: a dearer payment lowers the savings that carry the debt (v1: the debt ceiling)
    expect(perf.annualPaymentEur.maxReason?.code).toBe('lendersRefuse');
    // a global performance contract has no deferred payment (L2191-5): the city pays the works
    expect(perf.cityCapitalShare).toMatchObject({ min: 1, max: 1, maxReason: null });
    expect(perf.cityCapitalShare.minReason?.code).toBe('deferredPayment');
    expect(perf.guaranteedSavingShare).toMatchObject({ lo: 0, hi: 1, step: 0.01, min: 0, max: 0.9, minReason: null });
    expect(perf.guaranteedSavingShare.maxReason?.reason).toBe('guaranteed saving share: found 0.91, this scenario allows at most 0.9');
    expect(perf.penaltyRate).toEqual({ lo: 0, hi: 3, step: 0.05, min: 0, max: 3, minReason: null, maxReason: null });
    const lax = STATES[2]!;
    expect(termBounds(lax.state, lax.scenario, terms(OFFERS.performance)).annualPaymentEur.maxReason?.code).toBe('goldenRule');
  });

  it('an unlawful value is bounded by the lawful range nearest to it', () => {
    const { state, scenario } = start;
    const b = termBounds(state, scenario, terms(OFFERS.concessionTooLong)).durationYears;
    expect(b).toMatchObject({ min: 1, max: 15 });
    expect(b.maxReason?.reason).toMatch(/R3114-2/);
  });

  it('when the scope is at fault, every range collapses on the current value with the offer’s problem', () => {
    const { state, scenario } = start;
    const t = terms({ districts: [] });
    for (const term of NUMERIC_TERMS) {
      const b = termBounds(state, scenario, t)[term];
      expect(b).toMatchObject({ min: t[term], max: t[term] });
      expect([b.minReason?.reason, b.maxReason?.reason]).toEqual(['the offer covers no district', 'the offer covers no district']);
    }
  });

  it('the payment’s range runs to the price of the works, on a round grid', () => {
    const { state, scenario } = start;
    const b = termBounds(state, scenario, terms(OFFERS.performance)).annualPaymentEur;
    // 34,000 light points at €1,200 (scenarios/dijon-like.json): €40.8 M, in steps of €50,000.
    expect(b).toMatchObject({ lo: 0, hi: 40_800_000, step: 50_000 });
    expect(b.max % b.step).toBe(0);
    // A pilot's works cost little: a finer grid.
    expect(termBounds(state, scenario, terms(OFFERS.pilot)).annualPaymentEur).toMatchObject({ lo: 0, hi: 276_000, step: 500 });
  });

  it('leaves the offer unchanged and gives the same answer twice', () => {
    const { state, scenario } = start;
    const t = terms(OFFERS.concession);
    const copy = structuredClone(t);
    expect(termBounds(state, scenario, t)).toEqual(termBounds(state, scenario, copy));
    expect(t).toEqual(copy);
  });
});
