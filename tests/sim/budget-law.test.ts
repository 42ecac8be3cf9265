/**
 * The budget's law after the review of the merged model (issue 8, items A1–A6, A8): what a year
 * may commit (AP/CP below the debt-capacity reference), taxes voted once a year within their cap,
 * the year-end procedure (L1612-14 / L1612-5) escalating, partnership debt counted, the capital
 * part of a partnership rent repaid from own resources and refunded by the FCTVA.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, tryAction } from '../../src/sim/actions';
import { cityPays, newScratch } from '../../src/sim/money';
import { annualPrincipalEur, debtCapacity, financePhase, totalDebtEur } from '../../src/sim/rules/budget';
import { contractsPhase, partnershipDebtEur, partnershipPrincipalEur, signContract } from '../../src/sim/rules/contracts';
import { commitmentProblem, envelopeCapacityEur, netSavingsForecastEur, paymentsDueEur, pendingCapitalByBudgetYearEur, pendingCapitalEur, yearBorrowingRoomEur } from '../../src/sim/rules/legality';
import { resolvePolicy } from '../../src/sim/agents';
import { runSimulation } from '../../src/sim';
import { createRun } from '../../src/sim/run';
import { report } from '../../src/sim/metrics';
import type { ActionResult, SimState } from '../../src/sim/types';
import { advance, dijon, freshState, movedCents, scratch, terms, variant } from './helpers';

const sc = dijon();
const act = (s: SimState, a: unknown): ActionResult => applyAction(s, sc, newScratch(s), a);
const codeOf = (r: ActionResult) => (r.ok ? 'ok' : r.code);
const P = Object.keys(sc.projects.catalogue);
const ND = sc.territory.districts.length;

/** The highest envelope setBudget accepts now (bisection through tryAction). */
function maxEnvelope(s: SimState): number {
  let lo = 0;
  let hi = 5e8;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (tryAction(s, sc, { type: 'setBudget', envelopeEur: mid, taxChange: 0 }).ok) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo);
}

/** A greedy city alone for `months`: each month it votes the largest envelope it may and launches every service it can, with the calls open. */
function greedyAlone(seed: number, months: number): { state: SimState; committedYear1Eur: number; capacityAtStartEur: number } {
  const run = createRun(sc, { seed, city: 'none', years: Math.ceil(months / 12) });
  const capacityAtStartEur = envelopeCapacityEur(run.state, sc);
  let committedYear1Eur = 0;
  for (let t = 0; t < months; t++) {
    run.openTick();
    const s = run.state;
    run.act({ type: 'setBudget', envelopeEur: maxEnvelope(s), taxChange: 0 });
    for (const p of P) {
      for (let d = 0; d < ND; d++) {
        const calls = s.grantCalls.filter((c) => s.tick <= c.deadlineTick).map((c) => c.id);
        const a = { type: 'launchAlone', project: p, districts: [d], pilot: false, grantCalls: calls };
        if (tryAction(s, sc, a).ok) run.act(a);
      }
    }
    if (t === 11) committedYear1Eur = s.city.yearCommittedEur;
    run.closeTick();
  }
  return { state: run.state, committedYear1Eur, capacityAtStartEur };
}

function defaultCity(seed: number, months: number): SimState {
  const run = createRun(sc, { seed, years: Math.ceil(months / 12) });
  for (let t = 0; t < months; t++) run.advanceTick();
  return run.state;
}

describe('A1: what a budget year may commit (AP/CP below the lenders\u2019 limit)', () => {
  it('at the start the envelope is net savings plus 1/investmentPlanYears of the room to the lenders\u2019 limit, less the baseline programme', () => {
    const s = freshState(sc);
    const room = (sc.funding.lendersRefuseYears * s.city.grossSavingsEur - s.city.debtEur) / sc.city.investmentPlanYears;
    expect(yearBorrowingRoomEur(s, sc)).toBeCloseTo(room, 0);
    const cap = envelopeCapacityEur(s, sc);
    expect(cap).toBeGreaterThan(sc.city.smartCityEnvelopeEur); // the computer city's envelope fits
    expect(cap).toBeLessThan(50e6); // not the €206 M of the lending room counted whole
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: cap + 1e6, taxChange: 0 }))).toBe('envelopeUnfinanceable');
  });

  it('a second vote in the same year cannot reopen the room: what the year committed counts in full', () => {
    const s = freshState(sc);
    const cap0 = envelopeCapacityEur(s, sc);
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: cap0, taxChange: 0 }))).toBe('ok');
    signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['streetLighting'], districts: [0, 1] }), form: 'procurement' }, 'suppliers');
    expect(s.city.yearCommittedEur).toBeGreaterThan(0);
    // The largest second vote leaves no more than the first left, less what was committed since.
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: maxEnvelope(s), taxChange: 0 }))).toBe('ok');
    expect(s.city.envelopeLeftEur).toBeLessThanOrEqual(cap0 - s.city.yearCommittedEur + 1e5);
  });

  it('works already signed are deducted once: from the envelope voted, not also from what the year can vote', () => {
    // Issue 9, seventeenth round: the capacity deducted the works signed (earlier years' payable in
    // the next 12 months, and this year's commitments), and the vote deducted them again from the
    // envelope, so that a year after a large signature could vote almost nothing for new works.
    const s = freshState(sc);
    const cap0 = envelopeCapacityEur(s, sc);
    signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['streetLighting'], districts: [0, 1, 2] }), form: 'procurement' }, 'suppliers');
    const committed = s.city.yearCommittedEur;
    const whole = pendingCapitalEur(s).totalEur;
    expect(committed).toBeGreaterThan(1e6);
    // The signature books only the works payable before the next budget (AP/CP, eighteenth round).
    expect(committed).toBeCloseTo(pendingCapitalByBudgetYearEur(s)[0]!, 0);
    expect(committed).toBeLessThan(whole);
    // What the year can finance is unchanged by a signature (the borrowing room takes the works'
    // capital over the plan's years only): the whole capacity can still be voted…
    expect(maxEnvelope(s)).toBeGreaterThan(cap0 - whole / sc.city.investmentPlanYears - 1e5);
    // …and the works come out of it once, as the vote books them.
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: maxEnvelope(s), taxChange: 0 }))).toBe('ok');
    expect(s.city.envelopeLeftEur).toBeGreaterThan(cap0 - committed - whole / sc.city.investmentPlanYears - 1e5);
  });

  it('the payments due on works signed are compulsory spending: a vote below them is refused, and the computer city carries them', () => {
    // Issue 9's eighteenth round (review 145): a later vote could leave out the payments due, which
    // were then made all the same. CGCT L1612-15: the budget must carry them.
    const s = freshState(sc);
    signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['streetLighting'], districts: [0, 1, 2] }), form: 'procurement' }, 'suppliers');
    advance(s, sc, 12);
    expect(s.tick % 12).toBe(0);
    const due = paymentsDueEur(s);
    expect(due).toBeGreaterThan(1e6);
    const below = act(s, { type: 'setBudget', envelopeEur: due - 1e5, taxChange: 0 });
    expect(codeOf(below)).toBe('paymentsDueNotCarried');
    if (!below.ok) expect(below.params.dueEur).toBeCloseTo(due, 0);
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: Math.ceil(due), taxChange: 0 }))).toBe('ok');
    expect(s.city.envelopeLeftEur).toBeLessThan(2);
    // The computer city's every vote carries what is due (seeds 1–2, 18 years).
    for (const seed of [1, 2]) {
      const votes: { tick: number; envelopeEur: number; dueEur: number }[] = [];
      const base = resolvePolicy('steady-mayor', 'city')!;
      runSimulation(sc, {
        seed,
        years: 18,
        agents: 200,
        city: (obs) => {
          const actions = base(obs);
          for (const a of actions) if (a.type === 'setBudget') votes.push({ tick: obs.state.tick, envelopeEur: a.envelopeEur, dueEur: paymentsDueEur(obs.state) });
          return actions;
        },
      });
      expect(votes.filter((v) => v.dueEur > 1e6).length).toBeGreaterThan(0);
      expect(votes.filter((v) => v.envelopeEur + 1 < v.dueEur)).toEqual([]);
    }
  });

  // Issue 9 (flagship): the services comparison at year 3 no longer holds and is only logged. The
  // computer city's first programme is now LED with the control centre (18 months of dialogue, 24
  // of works: its services start in year 4), and LED at €600 a point lets a city that spends its
  // whole financing capacity every month on purchases alone count more services (seed 1, year 3:
  // 22 against 8; year 6: 66 against 40). Whether that spending wins is judged on the scores
  // (no-cheap-win.test.ts: buy-everything-city does not beat the computer city on both).
  it('a greedy city alone (largest envelope every month, every service) commits no more in year 1 than the year allows', () => {
    for (const seed of [1, 2]) {
      const g = greedyAlone(seed, 36);
      // The year's bound, with a margin for the room that opens as the year's savings come in.
      expect(g.committedYear1Eur).toBeLessThan(1.1 * g.capacityAtStartEur);
      console.log(`seed ${seed}: capacity at start ${(g.capacityAtStartEur / 1e6).toFixed(1)} M, committed in year 1 ${(g.committedYear1Eur / 1e6).toFixed(1)} M`);
      const d = defaultCity(seed, 36);
      const greedy = report(g.state, sc).servicesDelivered as number;
      const computer = report(d, sc).servicesDelivered as number;
      console.log(`seed ${seed}: services at year 3, greedy ${greedy}, computer ${computer}`);
    }
  }, 120_000);
});

describe('A2: taxes voted once a year, with the budget, within their legal cap', () => {
  it('a rate change outside the budget month, or a second one the same year, is refused; the cap binds', () => {
    const s = freshState(sc);
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 0, taxChange: 0.02 }))).toBe('ok');
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 0, taxChange: 0.01 }))).toBe('taxAlreadyVoted');
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 1e6, taxChange: 0 }))).toBe('ok'); // the envelope alone may be voted again
    s.tick = 3;
    const r = act(s, { type: 'setBudget', envelopeEur: 0, taxChange: 0.01 });
    expect(codeOf(r)).toBe('taxOutsideBudget');
    if (!r.ok) expect(r.params.nextBudgetTick).toBe(12);
    s.tick = 12;
    s.city.taxLevel = sc.city.maxTaxLevel - 0.01;
    const c = act(s, { type: 'setBudget', envelopeEur: 0, taxChange: 0.03 });
    expect(codeOf(c)).toBe('taxCap');
    if (!c.ok) expect(c.params.capLevel).toBe(sc.city.maxTaxLevel);
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 0, taxChange: 0.01 }))).toBe('ok');
  });

  it('the forecast counts a cut voted in the last 12 months that gross savings do not show yet', () => {
    const s = freshState(sc);
    const before = netSavingsForecastEur(s, sc);
    expect(codeOf(act(s, { type: 'setBudget', envelopeEur: 0, taxChange: -0.03 }))).toBe('ok');
    const cutEur = 0.03 * (sc.city.taxes.tfpbEur + sc.city.taxes.cfeEur);
    expect(netSavingsForecastEur(s, sc)).toBeCloseTo(before - cutEur, 0);
  });

  it('the computer city votes its taxes at the year start and none of its budget votes is refused over a run', () => {
    const run = createRun(sc, { seed: 3, years: 12 });
    while (run.state.tick < run.totalTicks) run.advanceTick();
    const refused = run.state.log.filter((e) => e.kind === 'refused' && e.data.action === 'setBudget');
    expect(refused).toEqual([]);
  }, 60_000);
});

describe('A3: the year-end procedure (L1612-14, L1612-5), escalating', () => {
  const yearEndWithHole = (s: SimState, holeEur: number) => {
    s.ledger.balancesCents.city -= Math.round(holeEur * 100);
    s.ledger.balancesCents.suppliers += Math.round(holeEur * 100);
    financePhase(s, sc, scratch(s), { energyBillEur: energy(), otherSavingsEur: 0 });
  };
  const energy = () => (sc.territory.districts.reduce((a, d) => a + d.lightingPoints * sc.energy.lightingMWhPerPoint + d.buildingsEnergyMWh, 0) * sc.energy.priceEurPerMWh) / 12;

  it('a deficit below the threshold is carried into the next budget; at or above it, L1612-14', () => {
    const s = freshState(sc);
    s.tick = 11;
    yearEndWithHole(s, 5e6);
    expect(s.log.some((e) => e.kind === 'deficitCarried')).toBe(true);
    expect(s.log.some((e) => e.kind === 'budgetSettled')).toBe(false);
    const t = freshState(sc);
    t.tick = 11;
    yearEndWithHole(t, 30e6);
    const e = t.log.find((x) => x.kind === 'budgetSettled');
    expect(e?.kind === 'budgetSettled' && e.data.article).toBe('L1612-14');
  });

  it('net savings below zero with cash open L1612-5; a second year in deficit escalates and the measures carry over; the advance costs the treasury rate', () => {
    const s = freshState(sc);
    s.tick = 11;
    s.city.debtEur = 900e6; // principal 45 M a year > gross savings
    yearEndWithHole(s, 30e6);
    const first = s.log.filter((x) => x.kind === 'budgetSettled');
    expect(first).toHaveLength(1);
    const tax1 = s.city.taxLevel;
    const cut1 = s.city.baselineCut;
    for (let m = 12; m < 23; m++) {
      s.tick = m;
      financePhase(s, sc, scratch(s), { energyBillEur: energy(), otherSavingsEur: 0 });
    }
    expect(movedCents(s, 'city>state:State advance interest')).toBeGreaterThan(0);
    s.tick = 23;
    yearEndWithHole(s, 30e6);
    const all = s.log.filter((x) => x.kind === 'budgetSettled');
    expect(all).toHaveLength(2);
    const second = all[1]!;
    if (second.kind !== 'budgetSettled') throw new Error('kind');
    expect(second.data.yearsInDeficit).toBe(2);
    expect(s.city.taxLevel).toBeGreaterThan(tax1);
    expect(s.city.taxLevel).toBeLessThanOrEqual(sc.city.maxTaxLevel + 1e-12);
    expect(s.city.baselineCut).toBeGreaterThanOrEqual(Math.max(cut1, 0.5));
    expect(s.city.settledUntilTick).toBe(36);
  });

  // Measured (seeds 1–3): a player cutting the voted rates at each budget as far as the rules let
  // it never runs a deficit now (the cut is refused before the year's investment stops being
  // financeable) and is never settled, but ends at tax level 0.75–0.85 with satisfaction
  // 0.85–0.90 against 0.72–0.77 for the computer city; a city started at tax level 0.5 or 0.3 is
  // settled once (L1612-5 / L1612-14) and still ends at 0.87–0.93. The citizens weigh the tax
  // level and do not see the baseline programme the ratio's pressure cuts: the citizens' model's
  // business (issue 9), not a budget rule. Kept here with its figures.
  // (issue 9 turns this into a test: a player who cuts taxes does not beat the computer city on satisfaction.)
});

describe('A4, A5, A6: partnership debt and the capital part of its rent', () => {
  /** A running partnership: street lighting everywhere, the partner financing 80 %. */
  function partnership(s: SimState) {
    const c = signContract(s, sc, { ...terms({ projects: ['streetLighting'], districts: [0, 1, 2, 3, 4, 5, 6, 7], durationYears: 15, annualPaymentEur: 3_000_000 }), form: 'partnership', cityCapitalShare: 0.2 }, 'partner');
    for (const uid of c.deployments) s.deployments[uid - 1]!.stage = 'operating';
    c.status = 'running';
    c.operationStartTick = s.tick;
    c.endTick = s.tick + 180;
    return c;
  }

  it('the ratio, the lending room and the lenders count partnership debt; a partnership’s financed capital is new debt to the lenders', () => {
    const s = freshState(sc);
    const c = partnership(s);
    expect(c.capitalOutstandingEur).toBeGreaterThan(0);
    expect(totalDebtEur(s)).toBeCloseTo(s.city.debtEur + partnershipDebtEur(s), 2);
    financePhase(s, sc, scratch(s), { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(s.city.debtCapacityYears).toBeCloseTo(debtCapacity(s.city.debtEur + partnershipDebtEur(s), s.city.grossSavingsEur), 6);
    // A city near where lenders stop: a partnership financed wholly by the partner is refused too.
    const t = freshState(sc);
    t.city.debtEur = 14.5 * t.city.grossSavingsEur;
    const p = commitmentProblem(t, sc, { kind: 'works', terms: { ...terms({ projects: ['streetLighting'], districts: [0, 1, 2, 3, 4, 5, 6, 7], durationYears: 15, annualPaymentEur: 0 }), form: 'partnership', cityCapitalShare: 0 }, builder: 'partner' });
    expect(p?.code).toBe('lendersRefuse');
  });

  it('the capital part of a rent is repaid from own resources (no loan for it, counted with the principal) and refunded by the FCTVA', () => {
    // No baseline programme, and an operating month that leaves nothing after the principal: the
    // only investment spending is the rent's capital part, which no loan may pay.
    const lean = variant({ 'city.baselineInvestmentEur': 0 });
    const s = freshState(lean);
    const c = partnership(s);
    s.tick = 1;
    expect(annualPrincipalEur(s, sc)).toBeCloseTo(s.city.debtEur / sc.city.debtMaturityYears + partnershipPrincipalEur(s, sc), 2);
    expect(partnershipPrincipalEur(s, sc)).toBeGreaterThan(0);
    const totals = scratch(s);
    contractsPhase(s, sc, totals, new Map());
    expect(totals.rentCapitalEur).toBeGreaterThan(0);
    const capital = totals.rentCapitalEur;
    expect(totals.fctvaBaseEur).toBeCloseTo(capital, 2);
    const loans0 = movedCents(s, 'lenders>city:loan');
    cityPays(s, totals, { to: 'suppliers', eur: 4e6, reason: 'running costs', section: 'operating', smart: false });
    financePhase(s, lean, totals, { energyBillEur: 1e6, otherSavingsEur: 0 });
    expect(movedCents(s, 'lenders>city:loan')).toBe(loans0);
    const fctva = s.city.receivables.filter((r) => r.reason === 'FCTVA');
    expect(fctva.reduce((a, r) => a + r.eur, 0)).toBeCloseTo(sc.funding.fctvaRate * capital, 2);
    expect(fctva[0]!.dueTick).toBe(s.tick + sc.funding.fctvaLagMonths);
    expect(c.capitalOutstandingEur).toBeLessThan(c.financedCapitalEur);
  });

  it('Dijon-like is refunded the year after (régime N+1, L1615-6 II), and its rates are real', () => {
    expect(sc.funding.fctvaLagMonths).toBe(12);
    expect(sc.funding.loanRate).toBeGreaterThanOrEqual(0.015);
    expect(sc.funding.loanRate).toBeLessThanOrEqual(0.02);
    expect(sc.city.debtRate).toBeLessThan(sc.funding.loanRate);
  });
});
