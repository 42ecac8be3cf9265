/** The city's budget (src/sim/rules/budget.ts): gross savings, golden rule, lenders, ratio, taxes, FCTVA, real balance. */
import { describe, expect, it } from 'vitest';
import { cityPays, cityReceives } from '../../src/sim/money';
import { baselineOperatingMonth, DEBT_CAPACITY_CAP_YEARS, debtCapacity, financePhase } from '../../src/sim/rules/budget';
import { advance, dijon, freshState, movedCents, scratch, variant } from './helpers';

const loanCents = (s: ReturnType<typeof freshState>) => movedCents(s, 'lenders>city:loan');

describe('gross savings (épargne brute)', () => {
  it('starts at twelve baseline months of revenue minus spending', () => {
    const sc = dijon();
    const s = freshState(sc);
    const base = baselineOperatingMonth(sc);
    expect(s.city.grossSavingsEur).toBeCloseTo(12 * (base.revenue - base.spending), 3);
    expect(s.city.revenueMonths).toHaveLength(12);
  });

  it('is the rolling sum of the last 12 months: this month replaces the same month a year ago', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.tick = 5;
    s.city.revenueMonths = [10, 10, 10, 10, 10, 999, 10, 10, 10, 10, 10, 10].map((x) => x * 1e6);
    s.city.spendingMonths = new Array<number>(12).fill(8e6);
    const sc0 = scratch(s);
    cityPays(s, sc0, 'partner', 1.5e6, 'annual payment', 'operating', true); // a contract payment earlier in the tick
    financePhase(s, sc, sc0, 1e6, 0);
    expect(s.city.revenueMonths[5]).toBe(sc0.operatingRevenue);
    expect(s.city.spendingMonths[5]).toBe(sc0.operatingSpending);
    expect(sc0.operatingSpending).toBeGreaterThan(1.5e6 + 1e6); // payment and energy bill are in it
    const rev = s.city.revenueMonths.reduce((a, b) => a + b, 0);
    const spend = s.city.spendingMonths.reduce((a, b) => a + b, 0);
    expect(s.city.grossSavingsEur).toBeCloseTo(rev - spend, 3);
    expect(s.city.revenueMonths[4]).toBe(10e6);
    expect(s.city.revenueMonths[6]).toBe(10e6);
  });

  it('follows the months actually booked over a year of a running state', () => {
    const sc = dijon();
    const s = freshState(sc);
    advance(s, sc, 14);
    const rev = s.city.revenueMonths.reduce((a, b) => a + b, 0);
    const spend = s.city.spendingMonths.reduce((a, b) => a + b, 0);
    expect(s.city.grossSavingsEur).toBeCloseTo(rev - spend, 3);
  });
});

describe('borrowing', () => {
  it('the golden rule: a month never borrows more than its investment net of grants', () => {
    const sc = dijon();
    for (const [works, grants] of [
      [0, 0],
      [5e6, 0],
      [50e6, 10e6],
      [3e6, 3e6],
    ] as const) {
      const s = freshState(sc);
      s.ledger.balancesCents.city -= 1e10; // an empty treasury: the city would love to borrow
      s.ledger.balancesCents.suppliers += 1e10;
      const sc0 = scratch(s);
      cityPays(s, sc0, 'suppliers', works, 'works (city alone)', 'investment', true);
      cityReceives(s, sc0, 'state', grants, 'grant', 'investment', true);
      const before = loanCents(s);
      financePhase(s, sc, sc0, 1e6, 0);
      const borrowed = (loanCents(s) - before) / 100;
      expect(borrowed).toBeLessThanOrEqual(Math.max(0, sc0.investmentSpending - sc0.investmentGrants) + 0.01);
    }
  });

  it('never borrows for running costs, even with room below the ceiling and an empty treasury', () => {
    const sc = variant({ 'city.baselineInvestmentEur': 0 });
    const s = freshState(sc);
    s.ledger.balancesCents.city -= 1e10;
    s.ledger.balancesCents.suppliers += 1e10;
    const sc0 = scratch(s);
    cityPays(s, sc0, 'suppliers', 25e6, 'running costs', 'operating', false); // a month deep in deficit
    const debt0 = s.city.debtEur;
    financePhase(s, sc, sc0, 1e6, 0);
    expect(s.city.grossSavingsEur).toBeGreaterThan(0); // there is room: only the golden rule stops it
    expect(loanCents(s)).toBe(0);
    expect(s.city.debtEur).toBeLessThan(debt0);
  });

  it('does not borrow past what lenders accept (funding.lendersRefuseYears)', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.city.debtEur = sc.funding.lendersRefuseYears * s.city.grossSavingsEur + 1e6; // already past it
    const sc0 = scratch(s);
    cityPays(s, sc0, 'suppliers', 30e6, 'works (city alone)', 'investment', true);
    financePhase(s, sc, sc0, 1e6, 0);
    expect(loanCents(s)).toBe(0);
  });

  it('borrows only up to the room lenders leave', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.city.debtEur = sc.funding.lendersRefuseYears * s.city.grossSavingsEur - 2e6; // €2 M of room, minus this month's change
    const sc0 = scratch(s);
    cityPays(s, sc0, 'suppliers', 30e6, 'works (city alone)', 'investment', true);
    financePhase(s, sc, sc0, 1e6, 0);
    const borrowed = loanCents(s) / 100;
    expect(borrowed).toBeGreaterThan(0);
    expect(borrowed).toBeLessThan(4e6);
    expect(s.city.debtEur).toBeLessThanOrEqual(sc.funding.lendersRefuseYears * s.city.grossSavingsEur + 1);
  });

  it('borrows what it needs when there is room, and the new loan moves the average rate toward the loan rate', () => {
    const sc = dijon();
    const s = freshState(sc);
    const rate0 = s.city.debtRate;
    const sc0 = scratch(s);
    cityPays(s, sc0, 'suppliers', 40e6, 'works (city alone)', 'investment', true);
    financePhase(s, sc, sc0, 1e6, 0);
    expect(loanCents(s)).toBeGreaterThan(0);
    expect(s.city.debtRate).toBeGreaterThan(rate0); // loanRate 3 % > 2.5 %
    expect(s.city.debtRate).toBeLessThan(sc.funding.loanRate);
  });
});

describe('debt-capacity ratio (capacité de désendettement)', () => {
  it('is debt ÷ gross savings, capped at 99 years', () => {
    expect(debtCapacity(280e6, 28e6)).toBe(10);
    expect(debtCapacity(0, 28e6)).toBe(0);
    expect(debtCapacity(1e12, 1)).toBe(DEBT_CAPACITY_CAP_YEARS);
    expect(DEBT_CAPACITY_CAP_YEARS).toBe(99);
  });

  it('is 99 when gross savings are zero or negative', () => {
    expect(debtCapacity(1e6, 0)).toBe(99);
    expect(debtCapacity(1e6, -5e6)).toBe(99);
    expect(debtCapacity(0, -5e6)).toBe(99);
    expect(debtCapacity(0, 0)).toBe(99); // not 0 ÷ 0
  });

  it('goes to 99 in the state once the operating section runs a deficit', () => {
    const sc = variant({ 'city.operatingCostEur': 400e6 });
    const s = freshState(sc);
    advance(s, sc, 12);
    expect(s.city.grossSavingsEur).toBeLessThan(0);
    expect(s.city.debtCapacityYears).toBe(99);
  });

  it('is recomputed every month from the state', () => {
    const sc = dijon();
    const s = freshState(sc);
    advance(s, sc, 3);
    expect(s.city.debtCapacityYears).toBeCloseTo(s.city.debtEur / s.city.grossSavingsEur, 10);
  });
});
