/**
 * A contract that builds and runs equipment does not outlive it (issue 9, tenth round; rules/terms.ts
 * `outlivesEquipment`): the model renews nothing within a contract, so past the shortest life in
 * its scope the city would pay for a service no longer rendered, or defer payment (CCP L2191-5).
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/sim';
import { termsProblem } from '../../src/sim/rules/terms';
import { dijon, freshState, terms, variant } from './helpers';

describe('no contract outlives the equipment it builds', () => {
  const sc = dijon();
  const s = freshState(sc);
  const flagship = terms({ projects: ['streetLighting', 'dataPlatform'], districts: [0, 1], annualPaymentEur: 1_000_000 });

  it('refuses a performance contract past its shortest-lived equipment (the control centre, 12 years), with the figures', () => {
    expect(termsProblem(s, sc, { ...flagship, durationYears: 13 })).toMatchObject({ code: 'outlivesEquipment', params: { project: 'dataPlatform', lifetimeYears: 12, durationYears: 13 } });
    expect(termsProblem(s, sc, { ...flagship, durationYears: 12 })?.code).not.toBe('outlivesEquipment');
    // The LED alone lasts 25 years.
    expect(termsProblem(s, sc, { ...flagship, projects: ['streetLighting'], durationYears: 20 })?.code).not.toBe('outlivesEquipment');
  });

  it('holds for a partnership, not for a pilot', () => {
    expect(termsProblem(s, sc, { ...flagship, form: 'partnership', cityCapitalShare: 0.5, durationYears: 20 })?.code).toBe('outlivesEquipment');
    // A citizen app made to last a year, piloted for two: a pilot keeps its own bound (pilotMaxYears).
    const brief = variant({ 'projects.catalogue.citizenApp.lifetimeYears': 1 });
    const pilot = { ...flagship, form: 'pilot' as const, pilot: true, projects: ['citizenApp'], districts: [0], durationYears: 2 };
    expect(termsProblem(freshState(brief), brief, pilot)?.code).not.toBe('outlivesEquipment');
    expect(termsProblem(freshState(brief), brief, { ...pilot, form: 'performance', pilot: false })?.code).toBe('outlivesEquipment');
  });

  it('the default players sign no contract that outlives its equipment (seeds 1–3, 30 years)', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const r = runSimulation(sc, { seed, years: 30, agents: 300 });
      const partnerContracts = r.state.contracts.filter((c) => c.builder === 'partner' && !c.terms.pilot && c.terms.form !== 'concession');
      expect(partnerContracts.length).toBeGreaterThan(2);
      for (const c of partnerContracts) {
        const shortest = Math.min(...c.terms.projects.map((p) => sc.projects.catalogue[p]!.lifetimeYears));
        expect(c.terms.durationYears, `seed ${seed}, contract ${c.id}: ${c.terms.projects.join('+')}`).toBeLessThanOrEqual(shortest + 1e-9);
      }
    }
  });
});
