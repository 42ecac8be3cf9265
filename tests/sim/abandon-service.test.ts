/**
 * A new majority may end a contract to give up a service it does not want (termination for a
 * reason of general interest, with indemnity: CCP L6 5°, L2195-3 2°; CE 1958 Distillerie de
 * Magnac-Laval, CE Ass. 1987 Société TV6), not only to run it cheaper itself (rules/contracts.ts `cancelContract`,
 * agents/contract-review.ts). The services that stop when no one runs them are decommissioned; the
 * assets that go on serving (LED street lights, solar roofs…) stay and the city runs them.
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/sim/actions';
import { reviewContracts } from '../../src/sim/agents/contract-review';
import { canBeSwitchedOff, contractsPhase, GRANT_DURABILITY_MONTHS, grantRepaymentIfAbandoned, signContract } from '../../src/sim/rules/contracts';
import { deploymentBenefits, projectType } from '../../src/sim/rules/catalogue';
import { legacyServices } from '../../src/sim/rules/services';
import { deploymentValuePerYearEur, priorityWeight } from '../../src/sim/rules/valuation';
import type { Scenario } from '../../src/sim/scenario-schema';
import type { Contract, ContractTerms, SimState } from '../../src/sim/types';
import { dijon, freshState, scratch, terms, variant } from './helpers';

/** Leak sensors and LED lamps worth next to nothing: a service a mayor would not pay to run. */
const worthless = variant({
  'projects.catalogue.leakDetection.benefits.energyMWhPerUnit': 0,
  'projects.catalogue.leakDetection.benefits.savingsEurPerUnit': 0,
  'projects.catalogue.leakDetection.benefits.serviceQuality': 0.001,
  'projects.catalogue.streetLighting.benefits.energyMWhPerUnit': 0,
  'projects.catalogue.streetLighting.benefits.savingsEurPerUnit': 0,
  'projects.catalogue.streetLighting.benefits.serviceQuality': 0.001,
});

/**
 * A running performance contract (works paid by the city, nothing unamortised, no lost-profit
 * clause: ending it costs nothing) whose payment is below what running it would cost the city, a
 * green mayor having just taken office.
 */
function inherited(sc: Scenario, over: Partial<ContractTerms>) {
  const s = freshState(sc);
  const c = signContract(s, sc, terms({ annualPaymentEur: 10_000, ...over }), 'partner');
  for (const uid of c.deployments) Object.assign(s.deployments[uid - 1]!, { stage: 'operating', realisation: 1 });
  contractsPhase(s, sc, scratch(s), new Map());
  c.partnerUnrecoveredEur = 0;
  s.city.mayor = { profile: structuredClone(sc.politics.mayors.find((m) => m.id === 'green')!), sinceTick: s.tick, terms: 1 };
  s.city.newMayorTick = s.tick;
  return { s, c };
}

describe('giving a service up', () => {
  it('the services that stop when no one runs them, and the assets that go on serving', () => {
    for (const f of ['dataPlatform', 'smartTraffic', 'mobilityServices', 'leakDetection', 'wasteSensors', 'citizenApp'] as const) expect(canBeSwitchedOff(f)).toBe(true);
    for (const f of ['streetLighting', 'buildingEnergy', 'solarRoofs', 'greenInfrastructure', 'pedestrianPriority'] as const) expect(canBeSwitchedOff(f)).toBe(false);
  });

  it('a mayor values a service it dislikes less: the same sensors are worth less to a green mayor than to a builder', () => {
    const sc = dijon();
    const { s, c } = inherited(sc, { projects: ['leakDetection'] });
    const d = s.deployments[c.deployments[0]! - 1]!;
    const green = deploymentValuePerYearEur(s, sc, d);
    s.city.mayor = { profile: structuredClone(sc.politics.mayors.find((m) => m.id === 'builder')!), sinceTick: s.tick, terms: 1 };
    expect(deploymentValuePerYearEur(s, sc, d)).toBeGreaterThan(green);
  });

  it('a new majority ends a contract to give up a service worth less to it than its running cost', () => {
    const { s, c } = inherited(worthless, { projects: ['leakDetection'], districts: [0, 1, 2] });
    // the payment is below the running cost: running it in-house would not pay, giving it up does
    expect(reviewContracts(s, worthless)).toEqual([expect.objectContaining({ type: 'cancelContract', contractId: c.id, abandon: true })]);
    // where the service is worth its cost the contract is kept (the reference catalogue)
    const sc = dijon();
    const kept = inherited(sc, { projects: ['leakDetection'], districts: [0, 1, 2] });
    expect(reviewContracts(kept.s, sc)).toEqual([]);
  });

  it('LED street lights are not switched off: the lamps stay, and the city that ends the contract runs them', () => {
    const { s } = inherited(worthless, { projects: ['streetLighting'], districts: [0, 1, 2] });
    expect(reviewContracts(s, worthless)).toEqual([]);
  });

  it('ending with abandon decommissions the services that can be switched off; the lamps keep serving', () => {
    const sc = dijon();
    const { s, c } = inherited(sc, { projects: ['streetLighting', 'leakDetection'], districts: [0] });
    const r = applyAction(s, sc, scratch(s), { type: 'cancelContract', contractId: c.id, abandon: true });
    expect(r).toEqual({ ok: true });
    const stages = c.deployments.map((uid) => [s.deployments[uid - 1]!.family, s.deployments[uid - 1]!.stage]);
    expect(stages).toEqual([['streetLighting', 'operating'], ['leakDetection', 'ended']]);
    expect(s.log.find((l) => l.kind === 'contractCancelled')?.data).toMatchObject({ id: c.id, abandoned: 1 });
    // without abandon, the city runs everything itself
    const t = inherited(sc, { projects: ['streetLighting', 'leakDetection'], districts: [0] });
    applyAction(t.s, sc, scratch(t.s), { type: 'cancelContract', contractId: t.c.id });
    expect(t.c.deployments.every((uid) => t.s.deployments[uid - 1]!.stage === 'operating')).toBe(true);
    // abandon must be yes or no
    const u = inherited(sc, { projects: ['leakDetection'], districts: [0] });
    const bad = applyAction(u.s, sc, scratch(u.s), { type: 'cancelContract', contractId: u.c.id, abandon: 'yes' as unknown as boolean });
    expect(bad.ok ? null : bad.code).toBe('fieldNotBoolean');
  });

  it('refuses to "give up" a contract with nothing that can be switched off (LED only): it can be cancelled, not abandoned', () => {
    const sc = dijon();
    const { s, c } = inherited(sc, { projects: ['streetLighting'], districts: [0] });
    const r = applyAction(s, sc, scratch(s), { type: 'cancelContract', contractId: c.id, abandon: true });
    expect(r.ok ? null : r.code).toBe('nothingToGiveUp');
    expect(c.status).toBe('running');
    expect(applyAction(s, sc, scratch(s), { type: 'cancelContract', contractId: c.id })).toEqual({ ok: true });
  });

  it('switching adaptive traffic control off gives the district its legacy signals back (fixed-time plans)', () => {
    const sc = dijon();
    const signals = sc.territory.legacy.findIndex((l) => l.family === 'smartTraffic' && l.quality > 0);
    for (const abandon of [true, false]) {
      const { s, c } = inherited(sc, { projects: ['smartTraffic'], districts: [0] });
      s.districts[0]!.legacyLeft[signals] = 0; // replaced by the adaptive control running there
      applyAction(s, sc, scratch(s), { type: 'cancelContract', contractId: c.id, abandon });
      expect(s.districts[0]!.legacyLeft[signals]).toBe(abandon ? 1 : 0);
      const before = s.districts[0]!.services.mobility;
      legacyServices(s, sc);
      if (abandon) expect(s.districts[0]!.services.mobility).toBeGreaterThan(before);
    }
  });
});

/** A grant of `eur` from the State, paid in full, on a contract (as funding.ts `applyForGrants` records it). */
function granted(s: SimState, c: Contract, eur: number, funder: 'state' | 'eu' = 'state'): void {
  s.grants.push({ callId: `call-${funder}`, funder, contractId: c.id, amountEur: eur, paidEur: eur });
  c.grantsEur += eur;
}

describe('giving a service up within five years of its works repays its grants (décret 2018-514 art. 14 1°; Reg. (EU) 2021/1060 art. 65)', () => {
  it('the city repays each funder its grant × the share of the works given up × the months left of five years', () => {
    const sc = dijon();
    const { s, c } = inherited(sc, { projects: ['streetLighting', 'leakDetection'], districts: [0] });
    granted(s, c, 1_000_000);
    granted(s, c, 500_000, 'eu');
    const [led, leak] = c.deployments.map((uid) => s.deployments[uid - 1]!);
    const share = leak!.capexEur / (led!.capexEur + leak!.capexEur);
    s.tick += 12; // a year after the works
    const expected = 1_500_000 * share * ((GRANT_DURABILITY_MONTHS - 12) / GRANT_DURABILITY_MONTHS);
    expect(grantRepaymentIfAbandoned(s, c).totalEur).toBeCloseTo(expected, 2);
    const state0 = s.ledger.balancesCents.state;
    const eu0 = s.ledger.balancesCents.eu;
    const sc0 = scratch(s);
    applyAction(s, sc, sc0, { type: 'cancelContract', contractId: c.id, abandon: true });
    expect((s.ledger.balancesCents.state - state0) / 100).toBeCloseTo(1_000_000 * share * 0.8, 1);
    expect((s.ledger.balancesCents.eu - eu0) / 100).toBeCloseTo(500_000 * share * 0.8, 1);
    expect(s.log.filter((l) => l.kind === 'grantRepaid').map((l) => l.data)).toEqual([
      { id: c.id, call: 'call-state', funder: 'state', eur: Math.round(1_000_000 * share * 0.8) },
      { id: c.id, call: 'call-eu', funder: 'eu', eur: Math.round(500_000 * share * 0.8) },
    ]);
    expect(sc0.smartPublicFundsEur).toBeCloseTo(-expected, 1);
  });

  it('nothing is repaid after five years, nor when the city ends the contract and runs the services itself', () => {
    const sc = dijon();
    const late = inherited(sc, { projects: ['leakDetection'], districts: [0] });
    granted(late.s, late.c, 1_000_000);
    late.s.tick += GRANT_DURABILITY_MONTHS;
    expect(grantRepaymentIfAbandoned(late.s, late.c).totalEur).toBe(0);
    const kept = inherited(sc, { projects: ['leakDetection'], districts: [0] });
    granted(kept.s, kept.c, 1_000_000);
    const state0 = kept.s.ledger.balancesCents.state;
    applyAction(kept.s, sc, scratch(kept.s), { type: 'cancelContract', contractId: kept.c.id });
    expect(kept.s.ledger.balancesCents.state).toBe(state0);
  });

  it('the review counts the grants to repay: a grant-funded service is not given up the month after its works', () => {
    const { s, c } = inherited(worthless, { projects: ['leakDetection'], districts: [0, 1, 2] });
    expect(reviewContracts(s, worthless)).toEqual([expect.objectContaining({ abandon: true })]);
    granted(s, c, 0.8 * c.deployments.reduce((a, uid) => a + s.deployments[uid - 1]!.capexEur, 0));
    expect(reviewContracts(s, worthless)).toEqual([]);
  });
});

describe('the review values a service given up over the rest of its life', () => {
  /** A 5-year contract: a platform worth a little more than its running cost (12-year life) with leak sensors worth nothing. */
  const sc = variant({
    'projects.catalogue.leakDetection.benefits.energyMWhPerUnit': 0,
    'projects.catalogue.leakDetection.benefits.savingsEurPerUnit': 0,
    'projects.catalogue.leakDetection.benefits.serviceQuality': 0.001,
    'projects.catalogue.dataPlatform.benefits.serviceQuality': 0.02,
    'projects.catalogue.dataPlatform.benefits.savingsEurPerUnit': 330_000,
  });

  it('keeps a platform it would run at a profit for 7 years after a 5-year contract, though the bundle costs more than it is worth a month', () => {
    const { s, c } = inherited(sc, { projects: ['dataPlatform', 'leakDetection'], districts: [0], durationYears: 5, annualPaymentEur: 3e6 });
    const [platform, leak] = c.deployments.map((uid) => s.deployments[uid - 1]!);
    // a month, the two are worth less than their running cost (the old review gave them up for it)
    const value = deploymentValuePerYearEur(s, sc, platform!) + deploymentValuePerYearEur(s, sc, leak!);
    const opex = [platform!, leak!].reduce((a, d) => a + projectType(sc, d.type)!.opexShare * d.capexEur * (1 + 0.2 * projectType(sc, d.type)!.partnerDependence), 0);
    expect(value).toBeLessThan(opex);
    // sensors with 70 months of life left: the platform's 12 years decide, it is worth keeping
    leak!.ageMonths = leak!.lifetimeMonths - 70;
    expect(reviewContracts(s, sc)).toEqual([expect.objectContaining({ type: 'cancelContract', contractId: c.id, explanation: expect.objectContaining({ key: 'city.terminates' }) })]);
    // new sensors (15 years of running cost saved) tip it the other way
    leak!.ageMonths = 0;
    expect(reviewContracts(s, sc)).toEqual([expect.objectContaining({ abandon: true })]);
  });

  it('counts a platform\u2019s synergy with a service that goes with it once, and weighs each synergy by the priority of the service it lifts', () => {
    const base = dijon();
    const { s, c } = inherited(base, { projects: ['dataPlatform', 'leakDetection', 'solarRoofs'], districts: [0] });
    const [platform, leak, solar] = c.deployments.map((uid) => s.deployments[uid - 1]!);
    const going = new Set([platform!.uid, leak!.uid]);
    const withBoth = deploymentValuePerYearEur(s, base, platform!, going);
    // given up together, the platform's value is what it would be without the sensors running
    leak!.stage = 'ended';
    expect(withBoth).toBeCloseTo(deploymentValuePerYearEur(s, base, platform!), 6);
    // the synergy the platform adds to the solar roofs is weighed as the roofs are (not digital), not as the platform (digital)
    solar!.stage = 'ended';
    const without = deploymentValuePerYearEur(s, base, platform!);
    solar!.stage = 'operating';
    const t = projectType(base, solar!.type)!;
    const lift = deploymentBenefits(t, base, 0, solar!.scale).serviceValueEur * t.synergyWithPlatform * s.alignment * priorityWeight(s, base, solar!.type);
    expect(priorityWeight(s, base, solar!.type)).not.toBeCloseTo(priorityWeight(s, base, platform!.type), 3);
    expect(deploymentValuePerYearEur(s, base, platform!) - without).toBeCloseTo(platform!.realisation * lift, 4);
  });
});
