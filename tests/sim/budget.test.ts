/** The city's budget (src/sim/rules/budget.ts): gross savings, golden rule, lenders, ratio, taxes, FCTVA, real balance. */
import { describe, expect, it } from 'vitest';
import { cityInvests, cityPays, cityReceives } from '../../src/sim/money';
import { baselineOperatingMonth, DEBT_CAPACITY_CAP_YEARS, debtCapacity, financePhase, newLoanRate, taxRevenueEur } from '../../src/sim/rules/budget';
import { advance, dijon, freshState, movedCents, scratch, variant } from './helpers';

const loanCents = (s: ReturnType<typeof freshState>) => movedCents(s, 'lenders>city:loan');
/** The month's energy bill of the reference city before any project (so gross savings do not move with it). */
const baseEnergy = (sc: ReturnType<typeof dijon>) => sc.territory.districts.reduce((a, d) => a + d.lightingPoints * sc.energy.lightingMWhPerPoint + d.buildingsEnergyMWh, 0) * sc.energy.priceEurPerMWh / 12;

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
    const totals = scratch(s);
    cityPays(s, totals, { to: 'partner', eur: 1.5e6, reason: 'annual payment', section: 'operating', smart: true }); // a contract payment earlier in the tick
    financePhase(s, sc, totals, { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(s.city.revenueMonths[5]).toBe(totals.operatingRevenue);
    expect(s.city.spendingMonths[5]).toBe(totals.operatingSpending);
    expect(totals.operatingSpending).toBeGreaterThan(1.5e6 + 1e6); // payment and energy bill are in it
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
      const totals = scratch(s);
      cityPays(s, totals, { to: 'suppliers', eur: works, reason: 'works (city alone)', section: 'investment', smart: true });
      cityReceives(s, totals, { from: 'state', eur: grants, reason: 'grant', section: 'investment', smart: true });
      const before = loanCents(s);
      financePhase(s, sc, totals, { energyBillEur: 1e6, otherSavingsEur: 0 });
      const borrowed = (loanCents(s) - before) / 100;
      expect(borrowed).toBeLessThanOrEqual(Math.max(0, totals.investmentSpending - totals.investmentGrants) + 0.01);
    }
  });

  it('never borrows for running costs, even with room below the ceiling and an empty treasury', () => {
    const sc = variant({ 'city.baselineInvestmentEur': 0 });
    const s = freshState(sc);
    s.ledger.balancesCents.city -= 1e10;
    s.ledger.balancesCents.suppliers += 1e10;
    const totals = scratch(s);
    cityPays(s, totals, { to: 'suppliers', eur: 25e6, reason: 'running costs', section: 'operating', smart: false }); // a month deep in deficit
    const debt0 = s.city.debtEur;
    financePhase(s, sc, totals, { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(s.city.grossSavingsEur).toBeGreaterThan(0); // there is room: only the golden rule stops it
    expect(loanCents(s)).toBe(0);
    expect(s.city.debtEur).toBeLessThan(debt0);
  });

  it('does not borrow past what lenders accept (funding.lendersRefuseYears)', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.city.debtEur = sc.funding.lendersRefuseYears * s.city.grossSavingsEur + 1e6; // already past it
    const totals = scratch(s);
    cityPays(s, totals, { to: 'suppliers', eur: 30e6, reason: 'works (city alone)', section: 'investment', smart: true });
    financePhase(s, sc, totals, { energyBillEur: baseEnergy(sc), otherSavingsEur: 0 });
    expect(loanCents(s)).toBe(0);
  });

  it('borrows only up to the room lenders leave', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.city.debtEur = sc.funding.lendersRefuseYears * s.city.grossSavingsEur - 2e6; // €2 M of room, minus this month's change
    const totals = scratch(s);
    cityPays(s, totals, { to: 'suppliers', eur: 30e6, reason: 'works (city alone)', section: 'investment', smart: true });
    financePhase(s, sc, totals, { energyBillEur: baseEnergy(sc), otherSavingsEur: 0 });
    const borrowed = loanCents(s) / 100;
    expect(borrowed).toBeGreaterThan(0);
    expect(borrowed).toBeLessThan(4e6);
    expect(s.city.debtEur).toBeLessThanOrEqual(sc.funding.lendersRefuseYears * s.city.grossSavingsEur + 1);
  });

  it('borrows what it needs when there is room, and the new loan moves the average rate toward the loan rate', () => {
    const sc = dijon();
    const s = freshState(sc);
    const rate0 = s.city.debtRate;
    const totals = scratch(s);
    cityPays(s, totals, { to: 'suppliers', eur: 40e6, reason: 'works (city alone)', section: 'investment', smart: true });
    financePhase(s, sc, totals, { energyBillEur: 1e6, otherSavingsEur: 0 });
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

describe('taxes by lever (TFPB, CFE, TEOM, mobility levy, VAT fraction)', () => {
  it('add up to the v1 tax revenue at the start, and taxChange moves only the voted rates (TFPB, CFE)', () => {
    const sc = dijon();
    const t = sc.city.taxes;
    expect(t.tfpbEur + t.cfeEur + t.teomEur + t.mobilityLevyEur + t.vatShareEur).toBe(150e6);
    expect(taxRevenueEur(sc, 1)).toBe(150e6);
    expect(taxRevenueEur(sc, 1.1) - taxRevenueEur(sc, 1)).toBeCloseTo(0.1 * (t.tfpbEur + t.cfeEur), 3);
    const s = freshState(sc);
    const totals = scratch(s);
    financePhase(s, sc, totals, { energyBillEur: 0, otherSavingsEur: 0 });
    expect(movedCents(s, 'citizens>city:taxes (TFPB, CFE)')).toBe(Math.round(((t.tfpbEur + t.cfeEur) / 12) * 100));
    expect(movedCents(s, 'citizens>city:waste tax (TEOM)')).toBe(Math.round((t.teomEur / 12) * 100));
    expect(movedCents(s, 'citizens>city:mobility levy')).toBe(Math.round((t.mobilityLevyEur / 12) * 100));
    expect(movedCents(s, 'state>city:VAT fraction')).toBe(Math.round((t.vatShareEur / 12) * 100));
  });
});

describe('lenders and the 12-year reference', () => {
  it('new loans cost loanRate below loanSpreadFromYears, then a spread rising with the ratio, capped where lenders refuse', () => {
    const sc = dijon();
    const f = sc.funding;
    expect(newLoanRate(sc, 5)).toBe(f.loanRate);
    expect(newLoanRate(sc, f.loanSpreadFromYears)).toBe(f.loanRate);
    expect(newLoanRate(sc, 12)).toBeCloseTo(f.loanRate + f.loanSpreadPerYear * (12 - f.loanSpreadFromYears), 12);
    expect(newLoanRate(sc, 40)).toBeCloseTo(f.loanRate + f.loanSpreadPerYear * (f.lendersRefuseYears - f.loanSpreadFromYears), 12);
  });

  it('a dear loan moves the debt’s average rate further than a cheap one', () => {
    const sc = dijon();
    const cheap = freshState(sc);
    const dear = freshState(sc);
    dear.city.debtEur = 13 * dear.city.grossSavingsEur;
    cheap.city.debtEur = dear.city.debtEur;
    const totalsCheap = scratch(cheap);
    cityPays(cheap, totalsCheap, { to: 'suppliers', eur: 40e6, reason: 'works (city alone)', section: 'investment', smart: true });
    financePhase(cheap, variant({ 'funding.loanSpreadPerYear': 0 }), totalsCheap, { energyBillEur: 1e6, otherSavingsEur: 0 });
    const totalsDear = scratch(dear);
    cityPays(dear, totalsDear, { to: 'suppliers', eur: 40e6, reason: 'works (city alone)', section: 'investment', smart: true });
    financePhase(dear, sc, totalsDear, { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(dear.city.debtRate).toBeGreaterThan(cheap.city.debtRate + 1e-5);
  });

  it('past the reference at a year end, the prefect takes note (debtAlarm)', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.tick = 11;
    s.city.debtEur = 13 * s.city.grossSavingsEur;
    financePhase(s, sc, scratch(s), { energyBillEur: 1e6, otherSavingsEur: 0 });
    const alarm = s.log.find((e) => e.kind === 'debtAlarm');
    expect(alarm?.data.referenceYears).toBe(12);
    expect(alarm?.data.ratioYears as number).toBeGreaterThan(12);
  });
});

describe('FCTVA (CGCT L1615-6)', () => {
  it('refunds fctvaRate of the works the city owns, fctvaLagMonths later, as investment revenue', () => {
    const sc = variant({ 'city.baselineInvestmentEur': 0 });
    const s = freshState(sc);
    const totals = scratch(s);
    cityInvests(s, totals, { to: 'suppliers', eur: 1e6, reason: 'works (city alone)', smart: true });
    financePhase(s, sc, totals, { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(s.city.receivables).toEqual([{ dueTick: sc.funding.fctvaLagMonths, eur: 164_040, from: 'state', reason: 'FCTVA', smart: true }]);
    for (let m = 1; m <= sc.funding.fctvaLagMonths; m++) {
      s.tick = m;
      const scm = scratch(s);
      financePhase(s, sc, scm, { energyBillEur: 1e6, otherSavingsEur: 0 });
      if (m < sc.funding.fctvaLagMonths) expect(movedCents(s, 'state>city:FCTVA')).toBe(0);
      else expect(scm.investmentGrants).toBeCloseTo(164_040, 2);
    }
    expect(movedCents(s, 'state>city:FCTVA')).toBe(16_404_000);
    expect(s.city.receivables).toEqual([]);
  });

  it('counts the baseline programme; not the works of a concession nor operating spending', () => {
    const sc = dijon();
    const s = freshState(sc);
    const totals = scratch(s);
    cityPays(s, totals, { to: 'suppliers', eur: 5e6, reason: 'running costs', section: 'operating', smart: false });
    financePhase(s, sc, totals, { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(totals.fctvaBaseEur).toBeCloseTo(sc.city.baselineInvestmentEur / 12, 6);
  });
});

describe('real balance at the year end (CGCT L1612-4, L1612-5)', () => {
  it('a cash gap the year’s investment justifies is closed by a year-end loan, without the procedure', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.tick = 11;
    s.city.yearNetInvestmentEur = 30e6; // invested this year, none of it borrowed yet
    s.ledger.balancesCents.city -= 10e6 * 100;
    s.ledger.balancesCents.suppliers += 10e6 * 100;
    financePhase(s, sc, scratch(s), { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(s.ledger.balancesCents.city).toBeGreaterThanOrEqual(0);
    expect(s.log.some((e) => e.kind === 'budgetSettled')).toBe(false);
  });

  it('a deficit nothing justifies goes through the procedure: State advance, voted rates up, baseline cut, no commitment for a year', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.tick = 11;
    s.ledger.balancesCents.city -= 20e6 * 100; // an operating hole of €20 M
    s.ledger.balancesCents.suppliers += 20e6 * 100;
    const tax0 = s.city.taxLevel;
    financePhase(s, sc, scratch(s), { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(s.ledger.balancesCents.city).toBeGreaterThanOrEqual(0);
    const e = s.log.find((x) => x.kind === 'budgetSettled');
    expect(e).toBeDefined();
    expect(e!.data.deficitEur as number).toBeGreaterThan(15e6);
    expect(e!.data.crcDays).toBe(30);
    expect(s.city.advanceEur).toBeGreaterThan(15e6);
    expect(s.city.taxLevel).toBeGreaterThan(tax0);
    expect(s.city.taxLevel).toBeLessThanOrEqual(sc.city.maxTaxLevel + 1e-12);
    expect(e!.data.article).toBe('L1612-14'); // €20 M ≥ 5 % of operating revenue
    expect(s.city.baselineCut).toBeGreaterThan(0);
    expect(s.city.envelopeLeftEur).toBe(0);
    expect(s.city.settledUntilTick).toBe(24);
    // The advance is repaid over the next budget year.
    for (let m = 12; m < 24; m++) {
      s.tick = m;
      financePhase(s, sc, scratch(s), { energyBillEur: 1e6, otherSavingsEur: 0 });
    }
    expect(s.city.advanceEur).toBe(0);
    expect(movedCents(s, 'city>state:State advance repaid')).toBe(movedCents(s, 'state>city:State advance (settled budget)'));
  });

  it('negative net savings at a year end trigger it even with cash', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.tick = 11;
    s.city.spendingMonths = s.city.spendingMonths.map((x) => x + 3e6); // €36 M more spending over the year
    financePhase(s, sc, scratch(s), { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(s.log.some((e) => e.kind === 'budgetSettled')).toBe(true);
  });
});
