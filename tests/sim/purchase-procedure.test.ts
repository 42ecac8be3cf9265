/**
 * The city's own purchases go through the procurement code (rules/procedure.ts, contracts.ts):
 * an open call for tenders above the EU threshold of the object, an adapted procedure below it;
 * the works start only when the procedure's months are over. A pilot's procedure follows its value.
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/sim/actions';
import { awardProcedure, estimatedValueEur } from '../../src/sim/rules/procedure';
import { procedureMonths } from '../../src/sim/rules/lead-times';
import { stepInPlace } from '../../src/sim/step';
import { dijon, freshState, movedCents, NO_POLICIES, scratch, terms, variant } from './helpers';

const sc = dijon();
/** A territory aligned at 1: the council ratifies a purchase above the threshold at once (rules/negotiation.ts `ratifyPurchase`). */
const aligned = variant({ 'coordination.alignment': 1 });
const alone = (project: string, districts: number[], pilot = false) => ({ type: 'launchAlone', project, districts, pilot });

describe('a purchase the city makes alone', () => {
  it('greedy "buy everything alone in month 1" delivers nothing and pays no works before its procedures end', () => {
    const s = freshState(sc, 7, 300);
    const actions: unknown[] = [];
    for (const project of Object.keys(sc.projects.catalogue)) for (let d = 0; d < sc.territory.districts.length; d++) actions.push(alone(project, [d]));
    const results = stepInPlace(s, sc, actions, NO_POLICIES);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
    const shortest = procedureMonths(sc, 'adapted');
    expect(shortest).toBeGreaterThan(0);
    for (let m = 1; m < shortest; m++) stepInPlace(s, sc, [], NO_POLICIES);
    expect(movedCents(s, 'city>suppliers:works (city alone)')).toBe(0);
    expect(s.deployments.every((d) => d.stage === 'building')).toBe(true);
    expect(s.log.filter((e) => e.kind === 'deploymentOpened')).toHaveLength(0);
    // Every purchase waits for its own procedure's months (above the EU threshold, with the
    // council's rounds of internal agreement: purchase-veto.test.ts); the works then take their own months.
    for (const e of s.log.filter((e) => e.kind === 'purchaseTendered')) {
      const data = e.data as { procedure: 'adapted' | 'open'; worksStartTick: number };
      if (data.procedure === 'adapted') expect(data.worksStartTick).toBe(e.tick + procedureMonths(sc, data.procedure));
      else expect(data.worksStartTick).toBeGreaterThanOrEqual(e.tick + procedureMonths(sc, data.procedure));
    }
    for (let m = shortest; m < 24; m++) stepInPlace(s, sc, [], NO_POLICIES);
    for (const d of s.deployments) if (d.stage !== 'building') expect(d.worksStartTick! + d.buildMonths).toBeLessThanOrEqual(24);
  });

  it('street lighting in every district is an open call for tenders (5 months), a small one adapted (2 months)', () => {
    expect(procedureMonths(sc, 'open')).toBe(5); // publication 2 (bids ≥ 35 days), bids 1, award 1, standstill 1
    expect(procedureMonths(sc, 'adapted')).toBe(2);
    // An aligned territory: the council ratifies at once (no round of internal agreement, no veto).
    const s = freshState(aligned, 1, 300);
    s.city.envelopeLeftEur = 1e9;
    expect(applyAction(s, aligned, scratch(s), alone('streetLighting', [0, 1, 2, 3, 4, 5, 6, 7]))).toEqual({ ok: true });
    const big = s.contracts[0]!;
    expect(s.deployments[big.deployments[0]! - 1]!.worksStartTick).toBe(5);
    expect(applyAction(s, sc, scratch(s), alone('citizenApp', [0], true))).toEqual({ ok: true });
    const small = s.contracts[1]!;
    expect(estimatedValueEur(sc, small.terms)).toBeLessThan(sc.procurement.euThresholdsEur.suppliesServices);
    expect(s.deployments[small.deployments[0]! - 1]!.worksStartTick).toBe(2);
    // A need is not split: the same project bought district by district adds up.
    const t = freshState(aligned, 1, 300);
    t.city.envelopeLeftEur = 1e9;
    applyAction(t, aligned, scratch(t), alone('buildingEnergy', [0]));
    applyAction(t, aligned, scratch(t), alone('buildingEnergy', [1]));
    const starts = t.contracts.map((c) => t.deployments[c.deployments[0]! - 1]!.worksStartTick);
    expect(starts).toEqual([2, 5]);
  });

  it('the works wait: the first payment of works comes in the month the procedure ends', () => {
    const s = freshState(aligned, 1, 300);
    s.city.envelopeLeftEur = 1e9;
    stepInPlace(s, aligned, [alone('streetLighting', [0, 1, 2, 3, 4, 5, 6, 7])], NO_POLICIES);
    for (let m = 1; m < 5; m++) stepInPlace(s, aligned, [], NO_POLICIES);
    expect(movedCents(s, 'city>suppliers:works (city alone)')).toBe(0);
    stepInPlace(s, aligned, [], NO_POLICIES);
    expect(movedCents(s, 'city>suppliers:works (city alone)')).toBeGreaterThan(0);
  });
});

describe("a pilot's procedure follows its estimated value and object", () => {
  it('supplies or services above €216 k: a formal procedure; works stay adapted up to the works threshold', () => {
    const services = terms({ form: 'pilot', pilot: true, projects: ['citizenApp'], districts: [0], durationYears: 3, annualPaymentEur: 100_000 });
    expect(estimatedValueEur(sc, services)).toBeGreaterThan(sc.procurement.euThresholdsEur.suppliesServices);
    expect(awardProcedure(sc, services)).toBe('dialogue');
    expect(awardProcedure(sc, { ...services, annualPaymentEur: 0, durationYears: 0.5 })).toBe(estimatedValueEur(sc, { ...services, annualPaymentEur: 0 }) < 216_000 ? 'adapted' : 'dialogue');
    const works = terms({ form: 'pilot', pilot: true, projects: ['streetLighting'], districts: [0], durationYears: 3, annualPaymentEur: 100_000 });
    expect(estimatedValueEur(sc, works)).toBeGreaterThan(sc.procurement.euThresholdsEur.suppliesServices);
    expect(awardProcedure(sc, works)).toBe('adapted');
    expect(awardProcedure(sc, { ...works, annualPaymentEur: 2_000_000 })).toBe('dialogue');
  });
});
