/**
 * Issue 11, "never surprised": the debt-capacity ratio a refusal to borrow cites is the one the
 * HUD shows beside today's (`projectedDebtYears`): works signed and still to pay, and annual
 * payments signed but not yet running, are in both.
 */
import { describe, expect, it } from 'vitest';
import { projectedDebtYears } from '../../src/sim';
import { signContract } from '../../src/sim/rules/contracts';
import { commitmentProblem } from '../../src/sim/rules/legality';
import { dijon, freshState, terms } from './helpers';

const sc = dijon();

describe('the ratio with what is signed', () => {
  it('counts works signed and payments not yet running, and is the figure a lenders’ refusal cites', () => {
    const s = freshState(sc);
    const today = projectedDebtYears(s, sc);
    expect(today).toBeCloseTo(s.city.debtCapacityYears, 6);
    // A contract signed this month: its works are still to pay, its payment not yet running.
    signContract(s, sc, terms({ projects: ['streetLighting'], districts: [0, 1, 2, 3], durationYears: 12, annualPaymentEur: 1_000_000 }), 'partner');
    const signed = projectedDebtYears(s, sc);
    expect(signed).toBeGreaterThan(s.city.debtCapacityYears + 0.05);
    // Near the lenders' limit, a new deal is refused, citing the figure the HUD shows.
    s.city.debtEur = (sc.funding.lendersRefuseYears - 0.5) * s.city.grossSavingsEur;
    const p = commitmentProblem(s, sc, { kind: 'works', terms: { ...terms({ projects: ['streetLighting'], districts: [4, 5, 6, 7], durationYears: 15, annualPaymentEur: 0 }), form: 'partnership', cityCapitalShare: 0 }, builder: 'partner' });
    expect(p?.code).toBe('lendersRefuse');
    expect(p!.params.signedYears).toBe(Math.min(99, projectedDebtYears(s, sc)));
    expect(Number(p!.params.ratioYears)).toBeGreaterThan(Number(p!.params.signedYears));
  });
});
