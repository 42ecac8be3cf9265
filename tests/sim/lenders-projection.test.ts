/**
 * The lenders' projection and net savings to come count the capital part of a partnership rent
 * once (M57: debt repayment, booked in the investment section, never an operating expense): the
 * debt ÷ gross-savings projection counts it as debt and lowers gross savings by the rent's
 * operating part only (its interest and service parts); net savings to come subtract it once, in
 * the principal once the contract runs and in what is signed while it is under works. The split is
 * `payRent`'s: an annuity at the partner's cost of capital on the financed capital over the
 * contract's months.
 */
import { describe, expect, it } from 'vitest';
import { projectedDebtYears } from '../../src/sim';
import { totalDebtEur } from '../../src/sim/rules/budget';
import { contractsPhase, partnershipPrincipalEur, signContract } from '../../src/sim/rules/contracts';
import { commitmentProblem, lendersRatioYears, netSavingsForecastEur, pendingCapitalEur, worksCapitalEur } from '../../src/sim/rules/legality';
import type { ContractTerms, SimState } from '../../src/sim/types';
import { dijon, freshState, runningPartnerContract, scratch, terms } from './helpers';

const sc = dijon();
const r = Math.pow(1 + sc.partner.discountRate, 1 / 12) - 1;
const ANNUAL = 3_000_000;
const lighting = (districts: number[]): ContractTerms => ({ ...terms({ projects: ['streetLighting'], districts, durationYears: 15, annualPaymentEur: ANNUAL }), form: 'partnership', cityCapitalShare: 0.2 });

/** The capital an annuity repays in its next `n` payments: `owed` still owed over `months` payments at `r` a month (closed form). */
function annuityCapital(owed: number, months: number, n: number): number {
  const a = (owed * r) / (1 - Math.pow(1 + r, -months));
  const after = owed * Math.pow(1 + r, n) - (a * (Math.pow(1 + r, n) - 1)) / r;
  return owed - after;
}

/** The loans' principal a year (what `annualPrincipalEur` adds the partnership capital to). */
const loanPrincipal = (s: SimState) => s.city.debtEur / sc.city.debtMaturityYears;

/** A partnership whose works are done: it starts running now and pays `months` rents (contractsPhase, `payRent`'s own split). */
function runFor(s: SimState, months: number) {
  const c = runningPartnerContract(s, sc, lighting([0, 1, 2, 3, 4, 5, 6, 7]), 180);
  runMore(s, months);
  return c;
}

describe('the lenders’ projection counts a partnership’s capital part once', () => {
  it('under works: (debt + partnership debt + pending capital) ÷ (gross savings − the rent’s operating part only)', () => {
    const s = freshState(sc);
    const c = signContract(s, sc, lighting([0, 1, 2, 3, 4, 5, 6, 7]), 'partner');
    expect(c.status).toBe('building');
    const F = c.financedCapitalEur;
    expect(F).toBeGreaterThan(1e7);
    const capitalYear = annuityCapital(F, 180, 12);
    // The first year's capital part is well above rounding: the old projection lowered gross savings by it.
    expect(capitalYear).toBeGreaterThan(0.03 * F);
    const debt = s.city.debtEur + F + pendingCapitalEur(s).totalEur;
    expect(totalDebtEur(s)).toBeCloseTo(s.city.debtEur + F, 2);
    const expected = debt / (s.city.grossSavingsEur - (ANNUAL - capitalYear));
    expect(lendersRatioYears(s, sc, 0)).toBeCloseTo(expected, 9);
    expect(projectedDebtYears(s, sc)).toBeCloseTo(expected, 9);
  });

  it('running in its first year: gross savings fall by the operating part not yet in them, the capital still owed is debt', () => {
    const s = freshState(sc);
    const c = runFor(s, 3);
    const O = c.capitalOutstandingEur;
    const capitalNext = annuityCapital(O, 177, 12);
    const pendingOperating = ((ANNUAL - capitalNext) * 9) / 12;
    const expected = (s.city.debtEur + O + pendingCapitalEur(s).totalEur) / (s.city.grossSavingsEur - pendingOperating);
    expect(lendersRatioYears(s, sc, 0)).toBeCloseTo(expected, 9);
  });

  it('a new partnership: its rent lowers gross savings by its operating part, its financed capital is new debt', () => {
    const s = freshState(sc);
    s.city.debtEur = 14.5 * s.city.grossSavingsEur;
    const t = lighting([0, 1, 2, 3]);
    const w = worksCapitalEur(s, sc, t, 'partner');
    expect(w.financedEur).toBeGreaterThan(0);
    const operating = ANNUAL - annuityCapital(w.financedEur, 180, 12);
    const p = commitmentProblem(s, sc, { kind: 'works', terms: t, builder: 'partner' });
    expect(p?.code).toBe('lendersRefuse');
    const expected = (totalDebtEur(s) + pendingCapitalEur(s).totalEur + w.net + w.financedEur) / (s.city.grossSavingsEur - operating);
    expect(Number(p!.params.ratioYears)).toBeCloseTo(expected, 9);
  });
});

describe('net savings to come count a partnership’s capital part once', () => {
  it('running in its first year: the capital part in the principal, only the operating part not yet in gross savings', () => {
    const s = freshState(sc);
    const c = runFor(s, 3);
    const capitalNext = annuityCapital(c.capitalOutstandingEur, 177, 12);
    expect(partnershipPrincipalEur(s, sc)).toBeCloseTo(capitalNext, 4);
    const expected = s.city.grossSavingsEur - loanPrincipal(s) - capitalNext - ((ANNUAL - capitalNext) * 9) / 12;
    expect(netSavingsForecastEur(s, sc)).toBeCloseTo(expected, 4);
  });

  it('under works: the whole first year’s rent, its capital part (to come) and its operating part, once each', () => {
    const s = freshState(sc);
    const before = netSavingsForecastEur(s, sc);
    signContract(s, sc, lighting([0, 1, 2, 3, 4, 5, 6, 7]), 'partner');
    expect(netSavingsForecastEur(s, sc)).toBeCloseTo(before - ANNUAL, 4);
  });

  it('the capital part counted is the one payRent books over the next 12 months', () => {
    const s = freshState(sc);
    const c = runFor(s, 0);
    const forecast = partnershipPrincipalEur(s, sc);
    const owed = c.capitalOutstandingEur;
    const capitalPaid = runMore(s, 12);
    expect(forecast).toBeCloseTo(capitalPaid, 4);
    expect(owed - c.capitalOutstandingEur).toBeCloseTo(capitalPaid, 4);
  });
});

/** `months` more rents through the contracts phase: the capital part they booked. */
function runMore(s: SimState, months: number): number {
  let paid = 0;
  for (let m = 0; m < months; m++) {
    const t = scratch(s);
    contractsPhase(s, sc, t, new Map());
    paid += t.rentCapitalEur;
    s.tick += 1;
  }
  return paid;
}
