/**
 * A performance guarantee covers the savings while the contract runs, not after it.
 *
 * The partner pays its penalties on a shortfall only while the contract runs (rules/contracts.ts);
 * after it ends the city bears the whole risk of the savings, as for any saving no one guarantees.
 * The city's projection (valuation.ts) discounts the energy savings by its risk aversion × σ with
 * the guarantee's cover during the contract and without it afterwards: a five-year guarantee is not
 * worth a twenty-year one (issue 9, C1: before, the cover ran the equipment's whole life).
 */
import { describe, expect, it } from 'vitest';
import { buildYearsOf, dealFlows } from '../../src/sim/rules/valuation';
import { dijon, freshState, terms } from './helpers';

const sc = dijon();

describe('the city values a guarantee over the contract only', () => {
  it('counts the energy savings of a year after the contract at their uncovered risk', () => {
    const s = freshState(sc, 3);
    const t = terms({ projects: ['streetLighting'], districts: [0, 1], durationYears: 5, guaranteedSavingShare: 0.7, penaltyRate: 1 });
    const b = Math.ceil(buildYearsOf(sc, t));
    const f = dealFlows(s, sc, t, 'partner', 'public');
    const inside = f.city.savings[b + 1]!;
    const after = f.city.savings[b + 7]!;
    expect(inside).toBeGreaterThan(0);
    // The same equipment, running all year in both: only the guarantee's cover differs.
    const uncovered = dealFlows(s, sc, { ...t, durationYears: 20 }, 'partner', 'public').city.savings[b + 7]!;
    expect(after).toBeLessThan(inside);
    expect(after).toBeLessThan(uncovered);
    // Without a guarantee's cover the risk is the same in and after the contract.
    const bare = dealFlows(s, sc, { ...t, guaranteedSavingShare: 0, penaltyRate: 0 }, 'partner', 'public');
    expect(bare.city.savings[b + 7]!).toBeCloseTo(bare.city.savings[b + 1]!, 6);
  });
});
