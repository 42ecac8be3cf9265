/** Project arithmetic (src/sim/rules/catalogue.ts): units, capital cost scaling, benefits, similarity. */
import { describe, expect, it } from 'vitest';
import { deploymentBenefits, deploymentCapexEur, governanceSimilarity, projectType, totalUnits, unitsIn } from '../../src/sim/rules/catalogue';
import { dijon } from './helpers';

const sc = dijon();
const d0 = sc.territory.districts[0]!; // centre: 40,000 people, 20,000 households, 5,200 light points, 14,000 MWh
const type = (id: string) => projectType(sc, id)!;

describe('units', () => {
  it('each unit kind reads its own field of the district', () => {
    expect(unitsIn(type('streetLighting'), d0)).toBe(5200);
    expect(unitsIn(type('leakDetection'), d0)).toBe(20_000);
    expect(unitsIn(type('mobilityServices'), d0)).toBe(40_000);
    expect(unitsIn(type('dataPlatform'), d0)).toBe(1);
    expect(unitsIn(type('buildingEnergy'), d0)).toBe(14_000);
  });

  it('totals over the territory', () => {
    expect(totalUnits(type('streetLighting'), sc)).toBe(34_000); // Dijon's 34,000 lights
    expect(totalUnits(type('dataPlatform'), sc)).toBe(sc.territory.districts.length);
  });
});

describe('capital cost', () => {
  it('is the per-unit cost times the units, times the scale', () => {
    expect(deploymentCapexEur(type('streetLighting'), sc, 0, 1)).toBe(600 * 5200);
    expect(deploymentCapexEur(type('streetLighting'), sc, 0, 0.05)).toBeCloseTo(600 * 5200 * 0.05, 6);
    let all = 0;
    for (let d = 0; d < sc.territory.districts.length; d++) all += deploymentCapexEur(type('streetLighting'), sc, d, 1);
    expect(all).toBe(20.4e6); // 34,000 × €600 (DESIGN §4 at €1,200: €40.8 M)
  });

  it('shares the fixed cost in proportion to the units, so the districts add up to the whole', () => {
    const platform = type('dataPlatform'); // €1 M a district + €12 M fixed
    expect(deploymentCapexEur(platform, sc, 0, 1)).toBeCloseTo(1e6 + 12e6 / 8, 6);
    let all = 0;
    for (let d = 0; d < sc.territory.districts.length; d++) all += deploymentCapexEur(platform, sc, d, 1);
    expect(all).toBeCloseTo(8e6 + 12e6, 4);
  });

  it('is linear in the scale', () => {
    const t = type('citizenApp');
    for (const d of [0, 3, 7]) expect(deploymentCapexEur(t, sc, d, 0.3)).toBeCloseTo(0.3 * deploymentCapexEur(t, sc, d, 1), 6);
  });
});

describe('benefits', () => {
  it('scale with the units and the scale, priced at the scenario’s energy price and carbon value', () => {
    const b = deploymentBenefits(type('streetLighting'), sc, 0, 1);
    expect(b.energyMWh).toBeCloseTo(0.4 * 5200, 9);
    expect(b.energyEur).toBeCloseTo(0.4 * 5200 * 150, 6);
    expect(b.savingsEur).toBeCloseTo(0.4 * 5200 * 150 + 22 * 5200, 6);
    expect(b.co2T).toBeCloseTo(0.4 * 5200 * 0.052, 9);
    expect(b.carbonEur).toBeCloseTo(b.co2T * 250, 6);
    expect(b.serviceValueEur).toBeCloseTo(0.3 * 40_000 * 15, 6);
    const pilot = deploymentBenefits(type('streetLighting'), sc, 0, 0.05);
    expect(pilot.energyMWh).toBeCloseTo(0.05 * b.energyMWh, 9);
  });
});

describe('catalogue look-up', () => {
  it('finds catalogue entries and nothing else (not even Object.prototype’s names)', () => {
    expect(projectType(sc, 'streetLighting')?.family).toBe('streetLighting');
    expect(projectType(sc, 'teleporter')).toBeUndefined();
    expect(projectType(sc, 'toString')).toBeUndefined();
    expect(projectType(sc, '__proto__')).toBeUndefined();
  });
});

describe('governanceSimilarity (C8)', () => {
  const a = { unifiedMetropole: 0.8, inHouseServices: 0.4, openData: 0.7 };
  it('is 1 for identical profiles and 0 for opposite ones', () => {
    expect(governanceSimilarity(a, a)).toBe(1);
    expect(governanceSimilarity({ unifiedMetropole: 0, inHouseServices: 0, openData: 0 }, { unifiedMetropole: 1, inHouseServices: 1, openData: 1 })).toBe(0);
  });
  it('is one minus the mean absolute difference, and symmetric', () => {
    const angers = { unifiedMetropole: 0.8, inHouseServices: 0.4, openData: 0.6 };
    const issy = { unifiedMetropole: 0.2, inHouseServices: 0.2, openData: 0.3 };
    expect(governanceSimilarity(a, angers)).toBeCloseTo(1 - 0.1 / 3, 12);
    expect(governanceSimilarity(a, issy)).toBeCloseTo(1 - (0.6 + 0.2 + 0.4) / 3, 12);
    expect(governanceSimilarity(issy, a)).toBe(governanceSimilarity(a, issy));
    expect(governanceSimilarity(a, angers)).toBeGreaterThan(governanceSimilarity(a, issy));
  });
});
