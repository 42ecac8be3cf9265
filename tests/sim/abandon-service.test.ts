/**
 * A new majority may end a contract to give up a service it does not want (termination for a
 * reason of general interest, with indemnity: CCP L6 5°, L2195-3 2°; CAA Lyon, 22 Mar 2018,
 * n° 16LY00639), not only to run it cheaper itself (rules/contracts.ts `cancelContract`,
 * agents/contract-review.ts). The services that stop when no one runs them are decommissioned; the
 * assets that go on serving (LED street lights, solar roofs…) stay and the city runs them.
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/sim/actions';
import { reviewContracts } from '../../src/sim/agents/contract-review';
import { canBeSwitchedOff, contractsPhase, signContract } from '../../src/sim/rules/contracts';
import { deploymentValuePerYearEur } from '../../src/sim/rules/valuation';
import type { Scenario } from '../../src/sim/scenario-schema';
import type { ContractTerms } from '../../src/sim/types';
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
});
