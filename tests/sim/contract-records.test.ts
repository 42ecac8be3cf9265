/**
 * The contracts array of `sim --format json` (src/sim/contract-records.ts), the partner's flows it
 * reads, and the reporters partnerIrrMedian, procedureMonthsMedian and lightingEnergyMWh.
 */
import { describe, expect, it } from 'vitest';
import { contractRecords, REPORTERS, runSimulation } from '../../src/sim';
import { annualIrr } from '../../src/sim/irr';
import { cancelContract, signContract } from '../../src/sim/rules/contracts';
import { stepInPlace } from '../../src/sim/step';
import type { SimState } from '../../src/sim/types';
import type { Scenario } from '../../src/sim';
import { advance, bareProcedure, dijon, freshState, NO_POLICIES, scratch, terms, variant } from './helpers';

const reporter = (key: string) => REPORTERS.find((r) => r.key === key)!.compute;

/** The partner's flows on every contract, summed (euros). */
function flowsSum(s: SimState): number {
  return s.contracts.reduce((a, c) => a + c.partnerFlowsEur.reduce((x, f) => x + f, 0), 0);
}

/** A contract with the partner signed now, through the actions (bare procedure: offered, then accepted next month). */
function sign(s: SimState, sc: Scenario, over: Parameters<typeof terms>[0] = {}): void {
  stepInPlace(s, sc, [{ type: 'propose', by: 'city', terms: terms(over) }], NO_POLICIES);
  stepInPlace(s, sc, [{ type: 'accept', by: 'partner' }], NO_POLICIES);
}

describe('the contracts array', () => {
  const sc = bareProcedure(dijon(), { 'coordination.vetoPlayers': 0 });

  it('one record per contract signed with the partner, with the procedure months, works, value and shares', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [{ type: 'launchAlone', project: 'wasteSensors', districts: [5], pilot: false }], NO_POLICIES);
    sign(s, sc, { districts: [0, 2], annualPaymentEur: 600_000, durationYears: 10, savingsShareToPartner: 0.1 });
    const [r, ...rest] = contractRecords(s, sc);
    expect(rest).toEqual([]); // the purchase alone is not a contract signed with the partner
    const c = s.contracts.find((x) => x.builder === 'partner')!;
    const works = c.deployments.reduce((a, uid) => a + s.deployments[uid - 1]!.capexEur, 0);
    expect(r).toEqual({
      id: c.id,
      form: 'performance',
      families: ['streetLighting'],
      districts: [sc.territory.districts[0]!.id, sc.territory.districts[2]!.id],
      openedTick: 1,
      signedTick: 2,
      durationYears: 10,
      worksEur: works,
      // The works (all public in a performance contract), the payments, the expected savings share and the
      // maintenance of the light points it took over (€25 a point a year, MODEL §8) over ten years.
      valueEur: works + (600_000 + 0.1 * c.expectedSavingsMWh * sc.energy.priceEurPerMWh) * 10 + c.networkUpkeepEur! * 10,
      // That maintenance, passed through at cost: valueEur − upkeepTakenOverEur is what was bargained over.
      upkeepTakenOverEur: c.networkUpkeepEur! * 10,
      publicWorksShare: 1,
      // Paid for the works as built (no deferred payment, CCP L2191-5): it finances nothing, no rate.
      partnerIrr: null,
      partnerProfitEur: expect.any(Number),
      partnerPeakOutlayEur: expect.any(Number),
      endedTick: null,
      endReason: null,
    });
  });

  it('a contract ended early says when and why; the partner’s realised return reads its actual flows', () => {
    const s = freshState(sc);
    // A partnership (signed directly): the partner finances 80 % of the works, then earns its rent.
    const c = signContract(s, sc, terms({ form: 'partnership', districts: [0, 1, 2, 3, 4, 5, 6, 7], cityCapitalShare: 0.2, annualPaymentEur: 3_000_000, durationYears: 15 }), 'partner');
    advance(s, sc, 40);
    expect(contractRecords(s, sc)[0]!.endReason).toBeNull();
    cancelContract(s, sc, scratch(s), c);
    const r = contractRecords(s, sc)[0]!;
    expect(r.endReason).toBe('cancelled');
    expect(r.endedTick).toBe(s.tick);
    expect(r.partnerIrr).not.toBeNull();
    expect(r.partnerIrr).toBe(annualIrr(c.partnerFlowsEur));
    // Its profit is the sum of those flows; its peak outlay their cumulated low point, here the
    // 80 % of the works it financed before the rent came in (more than half of the works).
    expect(r.partnerProfitEur).toBe(c.partnerFlowsEur.reduce((a, f) => a + f, 0));
    const works = c.deployments.reduce((a, uid) => a + s.deployments[uid - 1]!.capexEur, 0);
    expect(r.partnerPeakOutlayEur).toBeGreaterThan(0.5 * works);
    expect(r.partnerPeakOutlayEur).toBeLessThan(works * 1.5);
    // The flows are the partner's whole cash on this contract: they add up to its ledger balance.
    expect(flowsSum(s)).toBeCloseTo(s.ledger.balancesCents.partner / 100, 0);
  });

  it('the city pays its share of the works at the awarded price (one global price under competition), the partner its true cost', () => {
    const flowsAt = (worksPriceFactor: number) => {
      const s = freshState(sc);
      const c = signContract(s, sc, terms({ form: 'partnership', districts: [0, 1], cityCapitalShare: 0.4, annualPaymentEur: 0, durationYears: 10 }), 'partner', { worksPriceFactor });
      advance(s, sc, 24);
      const works = c.deployments.reduce((a, uid) => a + s.deployments[uid - 1]!.capexEur, 0);
      return { s, c, works, sum: c.partnerFlowsEur.reduce((a, f) => a + f, 0) };
    };
    const at = flowsAt(1);
    const awarded = flowsAt(0.9);
    // Same draws, same true costs: the partner receives 10 % less of the city's 40 % share of the works.
    expect(at.sum - awarded.sum).toBeCloseTo(0.1 * 0.4 * at.works, 0);
    expect(awarded.c.worksPriceFactor).toBe(0.9);
    expect(awarded.c.financedCapitalEur).toBeCloseTo(0.9 * 0.6 * awarded.works, 0);
    expect(contractRecords(awarded.s, sc)[0]!.valueEur).toBeCloseTo(0.9 * 0.4 * awarded.works + awarded.c.networkUpkeepEur! * 10, 0);
  });

  it('paid for its works as built and then for its service, the partner never invests: its rate is undefined (null)', () => {
    const s = freshState(variant({ 'partner.trueCostFactor': 0.8, 'projects.costUncertainty': 0 }, sc));
    sign(s, variant({ 'partner.trueCostFactor': 0.8, 'projects.costUncertainty': 0 }, sc), { districts: [0, 1], annualPaymentEur: 900_000 });
    advance(s, sc, 30);
    const c = s.contracts[0]!;
    expect(c.partnerFlowsEur.every((f) => f >= 0)).toBe(true);
    expect(contractRecords(s, sc)[0]!.partnerIrr).toBeNull();
    expect(reporter('partnerIrrMedian')(s, sc)).toBe(0);
  });

  it('a performance contract whose costs run ahead of its price still has no rate: the partner financed none of the works', () => {
    // Its works cost it 20 % more than the price the city pays as built: its first flows are
    // outlays of a few thousand euros, which a rate of return would read as an investment.
    const dear = variant({ 'partner.trueCostFactor': 1.2, 'projects.costUncertainty': 0 }, sc);
    const s = freshState(dear);
    sign(s, dear, { districts: [0, 1], annualPaymentEur: 900_000 });
    advance(s, dear, 40);
    const c = s.contracts[0]!;
    expect(c.partnerFlowsEur.find((f) => f !== 0)!).toBeLessThan(0);
    expect(annualIrr(c.partnerFlowsEur)).not.toBeNull();
    expect(contractRecords(s, dear)[0]!.partnerIrr).toBeNull();
  });

  it('the partner’s flows add up to its ledger balance over a whole run of the computer players', () => {
    const r = runSimulation(dijon(), { seed: 2, years: 20, agents: 300 });
    expect(r.state.contracts.some((c) => c.partnerFlowsEur.length > 0)).toBe(true);
    expect(Math.abs(flowsSum(r.state) - r.state.ledger.balancesCents.partner / 100)).toBeLessThan(0.005 * r.state.ledger.flows + 1e-6);
    expect(r.state.contracts.filter((c) => c.builder === 'suppliers').every((c) => c.partnerFlowsEur.length === 0)).toBe(true);
  });
});

describe('the reporters of issue 9', () => {
  const sc = bareProcedure(dijon(), { 'coordination.vetoPlayers': 0 });

  it('partnerIrrMedian and procedureMonthsMedian are 0 before any contract, never NaN', () => {
    const s = freshState(sc);
    expect(reporter('partnerIrrMedian')(s, sc)).toBe(0);
    expect(reporter('procedureMonthsMedian')(s, sc)).toBe(0);
  });

  it('partnerIrrMedian is the median of the defined rates; procedureMonthsMedian the median months from notice to signature', () => {
    // 15 years, on the first seed where a contract still runs with its partner's flows negative (not
    // settled) while its rate is already defined, beside settled ones with a rate: the seed where
    // reading only the settled rates matters. Which seed that is moves with the model (seed 2 until
    // issue 9's eleventh round, when every contract of seed 2 had settled by then; seed 19 since
    // purchases above the EU threshold go to the council; seed 35 since a signature books only its
    // year's works, issue 9's eighteenth round), so it is looked for, seeds 1–64 in order.
    type Run = { r: ReturnType<typeof runSimulation>; recs: ReturnType<typeof contractRecords>; rates: number[] };
    let found: Run | undefined;
    for (let seed = 1; seed <= 64 && !found; seed++) {
      const r = runSimulation(dijon(), { seed, years: 15, agents: 300 });
      const recs = contractRecords(r.state, dijon());
      // Ended contracts, and running ones whose cumulated flows have turned positive (review 9, item 6).
      const isSettled = (c: (typeof recs)[number]) => c.endReason !== null || r.state.contracts[c.id - 1]!.partnerFlowsEur.reduce((a, f) => a + f, 0) >= 0;
      const rates = recs.filter(isSettled).map((c) => c.partnerIrr).filter((x): x is number => x !== null).sort((a, b) => a - b);
      if (recs.length > 2 && rates.length > 0 && recs.some((c) => !isSettled(c) && c.partnerIrr !== null)) found = { r, recs, rates };
    }
    expect(found, 'a seed with a settled rate and an unsettled one').toBeDefined();
    const { r, recs, rates } = found!;
    const months = recs.map((c) => c.signedTick - c.openedTick).sort((a, b) => a - b);
    const median = (xs: number[]) => (xs.length % 2 ? xs[xs.length >> 1]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2);
    expect(r.summary.partnerIrrMedian).toBe(median(rates));
    expect(r.summary.procedureMonthsMedian).toBe(median(months));
    for (const row of r.yearly) for (const k of ['partnerIrrMedian', 'procedureMonthsMedian', 'lightingEnergyMWh']) expect(Number.isFinite(row[k]), `${k} ${row.year}`).toBe(true);
  });

  it('lightingEnergyMWh: the lights’ baseline energy, less what LED saves once it runs', () => {
    const s = freshState(sc);
    const baseline = sc.territory.districts.reduce((a, d) => a + d.lightingPoints, 0) * sc.energy.lightingMWhPerPoint;
    expect(reporter('lightingEnergyMWh')(s, sc)).toBeCloseTo(baseline, 6);
    advance(s, sc, 12);
    expect(reporter('lightingEnergyMWh')(s, sc)).toBeCloseTo(baseline, 6);
    // LED everywhere, bought alone, with an envelope that pays it.
    s.city.envelopeLeftEur = 1e9;
    const all = sc.territory.districts.map((_, i) => i);
    const r = stepInPlace(s, sc, [{ type: 'launchAlone', project: 'streetLighting', districts: all, pilot: false }], NO_POLICIES)[0];
    expect(r?.ok, JSON.stringify(r)).toBe(true);
    advance(s, sc, 60);
    const type = sc.projects.catalogue.streetLighting!;
    const lit = s.deployments.filter((d) => d.family === 'streetLighting' && d.stage === 'operating');
    expect(lit).toHaveLength(all.length);
    // Twelve months of operation: each district's lights at baseline less its saving, none below zero.
    const expected = sc.territory.districts.reduce((a, d, i) => {
      const dep = lit.find((x) => x.district === i)!;
      return a + Math.max(0, d.lightingPoints * sc.energy.lightingMWhPerPoint - type.benefits.energyMWhPerUnit * d.lightingPoints * dep.realisation);
    }, 0);
    const got = reporter('lightingEnergyMWh')(s, sc);
    expect(got).toBeLessThan(0.8 * baseline);
    // Failures (a month down) only raise it; without any, it is the expected figure.
    expect(got).toBeGreaterThanOrEqual(expected - 1e-6);
    if (!s.log.some((e) => e.kind === 'failure' && e.data.type === 'streetLighting')) expect(got).toBeCloseTo(expected, 3);
  });
});
