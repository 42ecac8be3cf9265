/**
 * A contract that outlives its equipment (issue 9, h16): the model renews nothing within a contract
 * (MODEL §18), so a 20-year performance contract for building retrofits or leak detection (15-year
 * lives) runs five years after its equipment has ended. Two things the partner is owed or owes
 * then were valued one way and charged another:
 *
 * - the guarantee still binds: the contracts phase charges the penalty on the guaranteed share of
 *   the contract's expected savings against what is saved, nothing once the equipment has ended;
 *   the partner's valuation stopped its penalties at the equipment's end. A city offering the
 *   competitive bound at 20 years (seeds 1–32, 30 years) left the partner €3.6 M of penalties per
 *   building-retrofit contract where it expected €0.3 M, and its score 17 points below the default;
 * - the lost profit owed on a termination in the public interest charged, for every month left,
 *   the running cost of everything the contract ever ran, so a contract whose control centre had
 *   reached its end (or was about to) owed a partner paid for years to come nothing.
 *
 * Such contracts may no longer be signed (terms.ts `outlivesEquipment`, later in the same round):
 * they are built here directly, standing for equipment that ends inside its contract all the same
 * (a failure, a concession, a contract from an older save).
 */
import { describe, expect, it } from 'vitest';
import { deploymentBenefits, projectType } from '../../src/sim/rules/catalogue';
import { terminationCompensationEur } from '../../src/sim/rules/contracts';
import { buildYearsOf, dealFlows } from '../../src/sim/rules/valuation';
import type { Scenario } from '../../src/sim';
import { advance, dijon, freshState, partnerPv, runningPartnerContract, terms } from './helpers';

/** Dijon-like without random events: the energy price stays put and the partner does not fail. */
function quiet(): Scenario {
  const sc = dijon();
  return { ...sc, events: sc.events.map((e) => ({ ...e, probPerYear: 0 })) };
}

describe('a contract longer than its equipment', () => {
  it('the partner values the penalties its guarantee costs after the equipment has ended, as the contracts phase charges them', () => {
    const sc = quiet();
    const t = terms({ projects: ['buildingEnergy'], districts: [0], durationYears: 20, guaranteedSavingShare: 0.7, penaltyRate: 1, annualPaymentEur: 300_000 });
    const life = projectType(sc, 'buildingEnergy')!.lifetimeYears;
    const b = buildYearsOf(sc, t);
    // Year 18 from signature lies whole between the equipment's end (b + 15 = 16.5) and the contract's (b + 20 = 21.5).
    const k = 18;
    expect(b + life).toBeLessThanOrEqual(k);
    expect(b + t.durationYears).toBeGreaterThanOrEqual(k + 1);
    const valued = -dealFlows(freshState(sc), sc, t).partner.penalties[k]!;

    // The same contract running, its equipment one month from the end of its life.
    const s = freshState(sc);
    const c = runningPartnerContract(s, sc, t, 240);
    for (const uid of c.deployments) s.deployments[uid - 1]!.ageMonths = s.deployments[uid - 1]!.lifetimeMonths - 1;
    advance(s, sc, 1);
    expect(c.deployments.every((uid) => s.deployments[uid - 1]!.stage === 'ended')).toBe(true);
    const before = c.penaltiesPaidEur;
    advance(s, sc, 12);
    expect(c.status).toBe('running');
    const charged = c.penaltiesPaidEur - before;
    // What the contracts phase charges a year with nothing running: the whole guaranteed share.
    const energyEur = deploymentBenefits(projectType(sc, 'buildingEnergy')!, sc, 0, 1).energyMWh * sc.energy.priceEurPerMWh;
    expect(charged).toBeCloseTo(t.penaltyRate * t.guaranteedSavingShare * energyEur, 0);
    expect(valued).toBeCloseTo(charged, 0);
  });

  it('the lost profit owed on a termination counts each deployment’s running cost only while it lasts', () => {
    // LED and a control centre in one district, eight years left, the control centre in its last year.
    const sc = dijon();
    const s = freshState(sc);
    const c = runningPartnerContract(s, sc, terms({ projects: ['streetLighting', 'dataPlatform'], districts: [0], durationYears: 20, terminationCompensation: 1, annualPaymentEur: 0 }), 96);
    const deps = c.deployments.map((uid) => s.deployments[uid - 1]!);
    const monthly = (id: string) => deps.filter((d) => d.type === id).reduce((a, d) => a + (projectType(sc, id)!.opexShare * d.trueCostEur) / 12, 0);
    for (const d of deps) if (d.type === 'dataPlatform') d.ageMonths = d.lifetimeMonths - 12;
    // A payment above the lights' running cost and below that of both: the partner earns once the control centre has ended.
    c.terms.annualPaymentEur = 12 * (monthly('streetLighting') + 0.5 * monthly('dataPlatform'));
    const comp = terminationCompensationEur(s, sc, c);
    expect(comp.lostProfitEur).toBeGreaterThan(0);
    expect(comp.lostProfitEur).toBeCloseTo(partnerPv(s, sc, c, c.terms.annualPaymentEur, 96) - comp.unamortisedEur, 0);
  });

  it('what the receipts recover of the partner’s investment is net of the running cost of what still operates only', () => {
    const sc = quiet();
    const s = freshState(sc);
    const c = runningPartnerContract(s, sc, terms({ form: 'partnership', projects: ['streetLighting', 'mobilityServices'], districts: [0], cityCapitalShare: 0.5, durationYears: 20, annualPaymentEur: 1_200_000 }), 120);
    const deps = c.deployments.map((uid) => s.deployments[uid - 1]!);
    // The mobility services have reached the end of their life: the partner no longer runs them.
    for (const d of deps) if (d.type === 'mobilityServices') d.stage = 'ended';
    c.partnerUnrecoveredEur = 5_000_000;
    const lights = deps.filter((d) => d.type === 'streetLighting').reduce((a, d) => a + (projectType(sc, d.type)!.opexShare * d.trueCostEur) / 12, 0);
    advance(s, sc, 1);
    const monthlyRate = (1 + sc.partner.discountRate) ** (1 / 12) - 1;
    expect(c.partnerUnrecoveredEur).toBeCloseTo(5_000_000 * (1 + monthlyRate) - (1_200_000 / 12 - lights), 0);
  });
});

