/**
 * The risk a pilot would teach is what the city bears at scale once the savings guarantee is counted
 * (rules/projects.ts `spreadBorneAtScale`, MODEL §13.8), and the guarantee covers the savings only
 * while its contract runs (valuation.ts): a short contract on long-lived equipment leaves the city
 * the risk of the years after it (issue 9, eighth round).
 */
import { describe, expect, it } from 'vitest';
import { coveredShareOfLife, spreadBorneAtScale } from '../../src/sim/rules/projects';
import { variant } from './helpers';

describe('a guarantee answers the risk only for the years its contract covers', () => {
  it('the covered share is the contract\u2019s annuity over the life\u2019s, at the city\u2019s public rate', () => {
    const a = (n: number) => (1 - 1.032 ** -n) / 0.032;
    expect(coveredShareOfLife(0.032, 6, 15)).toBeCloseTo(a(6) / a(15), 12);
    expect(coveredShareOfLife(0.032, 20, 15)).toBe(1);
    expect(coveredShareOfLife(0, 5, 10)).toBeCloseTo(0.5, 12);
  });

  it('a six-year guarantee on a fifteen-year retrofit leaves the city more of the spread than one over its whole life', () => {
    const sc = variant({ 'projects.benefitUncertainty': 2 });
    const retrofit = sc.projects.catalogue.buildingEnergy!;
    const whole = spreadBorneAtScale(sc, retrofit, 0.6, retrofit.lifetimeYears);
    const six = spreadBorneAtScale(sc, retrofit, 0.6, 6);
    expect(six).toBeGreaterThan(whole + 0.05);
    // The same as a guarantee of 0.6 × the covered share over the whole life.
    const covered = coveredShareOfLife(sc.city.discountRate, 6, retrofit.lifetimeYears);
    expect(six).toBeCloseTo(spreadBorneAtScale(sc, retrofit, 0.6 * covered, retrofit.lifetimeYears), 12);
    expect(six).toBeLessThan(spreadBorneAtScale(sc, retrofit, 0));
  });
});
