/**
 * Services counted once, and the rule that the city never buys the same service twice in a district
 * (src/sim/rules/services.ts): refused for every actor, listed by no one, avoided by the computer.
 */
import { describe, expect, it } from 'vitest';
import { createRun, REPORTERS, runSimulation, tryAction } from '../../src/sim';
import { signContract } from '../../src/sim/rules/contracts';
import { stepInPlace } from '../../src/sim/step';
import type { ActionResult } from '../../src/sim/types';
import { advance, bareProcedure, dijon, freshState, NO_POLICIES, terms } from './helpers';

const servicesDelivered = REPORTERS.find((r) => r.key === 'servicesDelivered')!.compute;
const alone = (project: string, districts: number[], pilot = false) => ({ type: 'launchAlone', project, districts, pilot });
const refusedWith = (r: ActionResult | undefined) => (r && !r.ok ? r : null);

describe('a service is one family at scale in one district, counted once', () => {
  it('two deployments of one family in one district are one service; pilots are none', () => {
    const sc = bareProcedure(dijon(), { 'coordination.vetoPlayers': 0 });
    const s = freshState(sc);
    // Signed directly (the rule is in the actions): the same lights bought twice in district 0, and once in district 1.
    signContract(s, sc, { ...terms({ annualPaymentEur: 0, districts: [0, 1] }), form: 'procurement' }, 'suppliers');
    signContract(s, sc, { ...terms({ annualPaymentEur: 0, districts: [0] }), form: 'procurement' }, 'suppliers');
    signContract(s, sc, terms({ form: 'pilot', pilot: true, projects: ['wasteSensors'], districts: [2], durationYears: 2, annualPaymentEur: 0 }), 'suppliers');
    advance(s, sc, 30);
    const running = s.deployments.filter((d) => d.stage === 'operating' && !d.pilot).length;
    expect(running).toBe(3);
    expect(s.deployments.some((d) => d.stage === 'operating' && d.pilot)).toBe(true);
    expect(servicesDelivered(s, sc)).toBe(2);
  });
});

describe('the city never buys alone what is under negotiation or contract in the same district', () => {
  const sc = bareProcedure(dijon(), { 'coordination.vetoPlayers': 0 });

  it('refuses a purchase alone over a district the open negotiation covers, naming family, district and negotiation', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [{ type: 'propose', by: 'city', terms: terms({ districts: [0, 4] }) }], NO_POLICIES);
    expect(s.negotiation).not.toBeNull();
    const r = refusedWith(stepInPlace(s, sc, [alone('streetLighting', [2, 4])], NO_POLICIES)[0]);
    expect(r?.code).toBe('familyUnderContract');
    expect(r?.params).toEqual({ project: 'streetLighting', family: 'streetLighting', district: sc.territory.districts[4]!.id, by: 'negotiation', id: s.negotiation!.id });
    // Other districts and other families stay open to it; a pilot of the family there does not (issue 9, review item 2).
    expect(tryAction(s, sc, alone('streetLighting', [2])).ok).toBe(true);
    expect(tryAction(s, sc, alone('wasteSensors', [0])).ok).toBe(true);
    expect(tryAction(s, sc, alone('streetLighting', [2], true)).ok).toBe(true);
    expect(refusedWith(tryAction(s, sc, alone('streetLighting', [0], true)))?.params).toMatchObject({ district: sc.territory.districts[0]!.id, by: 'negotiation' });
  });

  it('refuses it where a contract with the partner runs, and where the city already bought it', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [{ type: 'propose', by: 'city', terms: terms({ districts: [0] }) }], NO_POLICIES);
    stepInPlace(s, sc, [{ type: 'accept', by: 'partner' }], NO_POLICIES);
    expect(s.contracts).toHaveLength(1);
    const r = refusedWith(tryAction(s, sc, alone('streetLighting', [0])));
    expect(r?.params).toMatchObject({ district: sc.territory.districts[0]!.id, by: 'contract', id: 1 });
    stepInPlace(s, sc, [alone('wasteSensors', [1])], NO_POLICIES);
    expect(refusedWith(tryAction(s, sc, alone('wasteSensors', [1])))?.code).toBe('familyUnderContract');
  });

  it('the symmetric case: no offer to the partner over a service the city already runs alone', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [alone('wasteSensors', [3])], NO_POLICIES);
    // Waste sensors last 10 years: a 10-year contract (the helper's 12 would outlive them).
    const offer = (districts: number[]) => ({ type: 'propose', by: 'city', terms: terms({ projects: ['wasteSensors'], districts, annualPaymentEur: 100_000, durationYears: 10 }) });
    const r = refusedWith(tryAction(s, sc, offer([2, 3])));
    expect(r?.code).toBe('familyUnderContract');
    expect(r?.params).toMatchObject({ family: 'wasteSensors', district: sc.territory.districts[3]!.id, by: 'contract' });
    expect(tryAction(s, sc, offer([2])).ok).toBe(true);
  });

  it('scaling a pilot over its own district is lawful (a pilot is not the service)', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [alone('streetLighting', [0], true)], NO_POLICIES);
    expect(tryAction(s, sc, { type: 'propose', by: 'city', terms: terms({ districts: [0, 1] }) }).ok).toBe(true);
    expect(tryAction(s, sc, alone('streetLighting', [0, 1])).ok).toBe(true);
  });

  it('the service is free again once its equipment has ended', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [alone('citizenApp', [0])], NO_POLICIES);
    expect(tryAction(s, sc, alone('citizenApp', [0])).ok).toBe(false);
    const d = s.deployments.find((x) => x.family === 'citizenApp')!;
    d.stage = 'ended';
    expect(tryAction(s, sc, alone('citizenApp', [0])).ok).toBe(true);
  });

  it('the computer players never run one service twice and never meet the refusal (default players, seeds 1–3, 18 years)', () => {
    const sc0 = dijon();
    for (const seed of [1, 2, 3]) {
      const run = createRun(sc0, { seed, years: 18, agents: 300 });
      while (!run.isOver()) {
        run.advanceTick();
        // At most one running and one under works per family × district: a replacement under works
        // beside the equipment it replaces is a renewal (rules/services.ts), never a second service.
        for (const stage of ['operating', 'building'] as const) {
          const keys = new Set<string>();
          let n = 0;
          for (const d of run.state.deployments) {
            if (d.pilot || d.stage !== stage) continue;
            n += 1;
            keys.add(`${d.family}@${d.district}`);
          }
          expect(n, `seed ${seed}, month ${run.state.tick}, ${stage}`).toBe(keys.size);
        }
        // One under works beside one running only as its replacement.
        for (const d of run.state.deployments) {
          if (d.pilot || d.stage !== 'building') continue;
          const old = run.state.deployments.find((o) => !o.pilot && o.stage === 'operating' && o.family === d.family && o.district === d.district);
          if (old) expect(d.replaces, `seed ${seed}, month ${run.state.tick}`).toBe(old.uid);
        }
      }
      expect(run.state.log.filter((e) => e.kind === 'refused')).toEqual([]);
    }
  });

  it('a rule-based city against the rule-based partner does not either', () => {
    const r = runSimulation(dijon(), { seed: 4, years: 18, agents: 300, city: 'rule-based', partner: 'rule-based' });
    expect(r.state.log.filter((e) => e.kind === 'refused')).toEqual([]);
  });
});

describe('pilots only in the pilot-then-scale direction (review 9, item 2)', () => {
  const sc = bareProcedure(dijon(), { 'coordination.vetoPlayers': 0 });

  it('no pilot where the family runs, is built or is contracted at scale, alone or with the partner', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [alone('wasteSensors', [3])], NO_POLICIES);
    const r = refusedWith(tryAction(s, sc, alone('wasteSensors', [3], true)));
    expect(r?.code).toBe('familyUnderContract');
    expect(r?.params).toMatchObject({ family: 'wasteSensors', district: sc.territory.districts[3]!.id, by: 'contract' });
    const pilotOffer = (d: number) => ({ type: 'propose', by: 'city', terms: terms({ form: 'pilot', pilot: true, projects: ['wasteSensors'], districts: [d], durationYears: 2, annualPaymentEur: 50_000 }) });
    expect(refusedWith(tryAction(s, sc, pilotOffer(3)))?.code).toBe('familyUnderContract');
    expect(tryAction(s, sc, pilotOffer(2)).ok).toBe(true);
    expect(tryAction(s, sc, alone('wasteSensors', [2], true)).ok).toBe(true);
  });

  it('a scaled district absorbs its pilot: the two never run side by side, and coverage stays one service', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [alone('wasteSensors', [0], true)], NO_POLICIES);
    advance(s, sc, 14);
    const pilot = s.deployments.find((d) => d.pilot && !d.duplicate)!;
    expect(pilot.stage).toBe('operating');
    const before = s.districts[0]!.services.waste;
    stepInPlace(s, sc, [alone('wasteSensors', [0, 1])], NO_POLICIES);
    for (let m = 0; m < 30; m++) {
      advance(s, sc, 1);
      const running = s.deployments.filter((d) => d.family === 'wasteSensors' && d.district === 0 && d.stage === 'operating');
      expect(running.length, `month ${s.tick}`).toBeLessThanOrEqual(1);
    }
    expect(pilot.stage).toBe('ended');
    const scale = s.deployments.find((d) => !d.pilot && d.district === 0)!;
    expect(scale.stage).toBe('operating');
    // The district's waste service is the scale deployment's alone (no down month in this check).
    if (scale.downMonths === 0) expect(s.districts[0]!.services.waste).toBeCloseTo(Math.min(1, 0.25 * scale.realisation), 10);
    expect(before).toBeGreaterThan(0);
  });

  it('coverage is capped at one deployment per family and district even when two run (signed directly)', () => {
    const s = freshState(sc);
    signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['wasteSensors'], districts: [0] }), form: 'procurement' }, 'suppliers');
    signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['wasteSensors'], districts: [0] }), form: 'procurement' }, 'suppliers');
    advance(s, sc, 30);
    const deps = s.deployments.filter((d) => d.stage === 'operating' && d.downMonths === 0);
    expect(deps).toHaveLength(2);
    advance(s, sc, 1);
    const up = s.deployments.filter((d) => d.stage === 'operating' && d.downMonths === 0);
    if (up.length === 2) expect(s.districts[0]!.services.waste).toBeCloseTo(Math.min(1, 0.25 * up[0]!.realisation), 10);
  });

  it('a counter-offer that narrows the scope does not free the dropped districts for a purchase alone (the notice holds)', () => {
    const s = freshState(sc);
    stepInPlace(s, sc, [{ type: 'propose', by: 'city', terms: terms({ districts: [0, 4] }) }], NO_POLICIES);
    s.negotiation!.offer = { ...s.negotiation!.offer, districts: [0] };
    const r = refusedWith(tryAction(s, sc, alone('streetLighting', [4])));
    expect(r?.params).toMatchObject({ district: sc.territory.districts[4]!.id, by: 'negotiation' });
  });

  it('a commune does not copy a pilot where the family already runs at scale', () => {
    const low = bareProcedure(dijon(), { 'coordination.vetoPlayers': 0 });
    const s = freshState(low);
    s.alignment = 0;
    const others = [1, 2, 3, 4, 5, 6, 7];
    signContract(s, low, { ...terms({ annualPaymentEur: 0, projects: ['wasteSensors'], districts: others }), form: 'procurement' }, 'suppliers');
    for (let k = 0; k < 5; k++) signContract(s, low, terms({ form: 'pilot', pilot: true, projects: ['wasteSensors'], districts: [0], durationYears: 2, annualPaymentEur: 0 }), 'suppliers');
    expect(s.deployments.filter((d) => d.duplicate)).toEqual([]);
  });
});

describe('legacy equipment wears out unless a project of its family replaces it (issue 9)', () => {
  const sc = dijon();
  const legacyLighting = (tick: number) => {
    const st = sc.territory.legacy.find((k) => k.family === 'streetLighting')!;
    return st.quality * (1 - 0.5 * Math.min(1, st.shareOverLife + tick / (12 * st.lifetimeYears)));
  };

  it('with nothing bought, the old street lights serve every district and serve less every year', () => {
    const s = freshState(sc);
    advance(s, sc, 1);
    expect(s.districts[3]!.services.lighting).toBeCloseTo(legacyLighting(0), 12);
    advance(s, sc, 120);
    expect(s.districts[3]!.services.lighting).toBeCloseTo(legacyLighting(120), 12);
    expect(s.districts[3]!.services.lighting).toBeLessThan(legacyLighting(0) - 0.02);
    expect(servicesDelivered(s, sc)).toBe(0);
  });

  it('an LED retrofit at scale replaces them in its district, for good, counted once', () => {
    const s = freshState(sc);
    const c = signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['streetLighting'], districts: [0] }), form: 'procurement' }, 'suppliers');
    const d = s.deployments[c.deployments[0]! - 1]!;
    while (d.stage === 'building') advance(s, sc, 1);
    advance(s, sc, 1);
    const k = sc.territory.legacy.findIndex((x) => x.family === 'streetLighting');
    expect(s.districts[0]!.legacyLeft[k]).toBe(0);
    expect(s.districts[1]!.legacyLeft[k]).toBe(1);
    // District 0's lighting is the LED's alone (not the LED's plus the old lights').
    if (d.downMonths === 0) expect(s.districts[0]!.services.lighting).toBeCloseTo(Math.min(1, 0.3 * d.realisation * (1 + 0)), 10);
    expect(servicesDelivered(s, sc)).toBe(1);
    // When the LED's life ends, the old lights do not come back.
    d.ageMonths = d.lifetimeMonths - 1;
    advance(s, sc, 2);
    expect(d.stage).toBe('ended');
    expect(s.districts[0]!.services.lighting).toBe(0);
  });
});
