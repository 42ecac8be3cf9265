/**
 * Pilots and performance guarantees (issue 9, claim C6; MODEL.md §13.8): a pilot and a guarantee
 * answer the same risk, so a city that may ask the partner to guarantee the savings does not pilot
 * for the risk the guarantee covers.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/sim';
import { spreadBorneAtScale } from '../../src/sim/rules/projects';
import { variant } from './helpers';

describe('a pilot and a guarantee answer the same risk', () => {
  it('the spread the city bears at scale falls with the guarantee it may ask, on the energy part only', () => {
    const sc = variant({ 'projects.benefitUncertainty': 2 });
    const retrofit = sc.projects.catalogue.buildingEnergy!;
    const platform = sc.projects.catalogue.dataPlatform!;
    expect(spreadBorneAtScale(sc, retrofit, 0)).toBeCloseTo(0.5, 12);
    // Energy is about 71 % of a retrofit's yearly value: σ · (1 − 0.5 · 0.6) · (1 − 0.6 · 0.71).
    expect(spreadBorneAtScale(sc, retrofit, 0.6)).toBeLessThan(0.35);
    expect(spreadBorneAtScale(sc, retrofit, 0.6)).toBeGreaterThan(0.19);
    // No energy savings, nothing a savings guarantee covers.
    expect(spreadBorneAtScale(sc, platform, 0.6)).toBeCloseTo(0.7, 12);
  });

  it('a city that may ask the partner for a savings guarantee pilots retrofits only for a pilot-only grant', () => {
    // Seeds 1–8, 12 years, twice the spread: without guarantees the city pilots the retrofits
    // for their risk (σ 0.5 ≥ 0.35) as well as for pilot-only grants; with them, only for a grant.
    const pilots = (maxGuarantee: number) => {
      const sc = variant({ 'projects.benefitUncertainty': 2, 'negotiation.maxGuaranteedSavingShare': maxGuarantee });
      let forGrant = 0;
      let forRisk = 0;
      for (let seed = 1; seed <= 8; seed++) {
        const r = runSimulation(sc, { seed, years: 12, agents: 300 });
        for (const d of r.state.deployments) {
          if (!d.pilot || d.duplicate || d.type !== 'buildingEnergy') continue;
          const c = d.contractId === null ? null : r.state.contracts[d.contractId - 1]!;
          const grant = c !== null && c.terms.grantCalls.some((id) => r.state.grantCalls.find((g) => g.id === id)?.pilotOnly === true);
          if (grant) forGrant++;
          else forRisk++;
        }
      }
      return { forGrant, forRisk };
    };
    const without = pilots(0);
    const withG = pilots(0.9);
    expect(without.forRisk).toBeGreaterThan(0);
    expect(withG.forRisk).toBe(0);
    expect(withG.forGrant).toBeGreaterThan(0);
  });
});
