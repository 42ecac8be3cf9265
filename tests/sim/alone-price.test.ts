/**
 * What the decisions screen shows before a click, from the sim (issue 11): the price of a purchase
 * alone (`launchAlonePrice`), which is what the purchase then takes from the envelope, and a
 * governance measure's effect on the alignment target (`governanceEffect`), a share of the way to
 * 1 rather than points.
 */
import { describe, expect, it } from 'vitest';
import { governanceEffect, launchAlonePrice, openGrantCalls } from '../../src/sim';
import { pendingCapitalByBudgetYearEur, pendingCapitalEur } from '../../src/sim/rules/legality';
import { applyAction } from '../../src/sim/actions';
import { advance, dijon, freshState, scratch, variant } from './helpers';

describe('the price of launching a project alone', () => {
  it('is what the purchase costs the city (no grant, no cost overrun drawn), of which the envelope pays the year’s part, for one district and for three', () => {
    // The quote is the catalogue price; the overrun the works then draw is the city's too (MODEL §7).
    const sc = variant({ 'projects.costUncertainty': 0 });
    for (const districts of [[0], [0, 2, 4]]) {
      const s = freshState(sc);
      const a = { project: 'streetLighting', districts, pilot: false };
      const price = launchAlonePrice(s, sc, a)!;
      expect(price.expectedGrantsEur).toBe(0);
      expect(price.worksEur).toBeGreaterThan(0);
      const before = s.city.envelopeLeftEur;
      expect(applyAction(s, sc, scratch(s), { type: 'launchAlone', ...a }).ok).toBe(true);
      // The envelope pays the works due before the next budget (AP/CP), later budgets the rest.
      expect(price.thisYearEur).toBeGreaterThan(0);
      expect(price.thisYearEur).toBeLessThan(price.cityEur);
      expect(before - s.city.envelopeLeftEur).toBeGreaterThan(0);
      expect(before - s.city.envelopeLeftEur).toBeLessThanOrEqual(price.thisYearEur + 1);
      expect(before - s.city.envelopeLeftEur).toBeCloseTo(pendingCapitalByBudgetYearEur(s)[0]!, 0);
      expect(pendingCapitalEur(s).totalEur).toBeCloseTo(price.cityEur, 0);
    }
  });

  it('counts the grants it may expect from the calls named, and nothing without a district or for an unknown project', () => {
    const sc = dijon();
    const s = freshState(sc);
    advance(s, sc, 10); // the DSIL is open
    const calls = openGrantCalls(s).map((c) => c.id);
    expect(calls.length).toBeGreaterThan(0);
    const without = launchAlonePrice(s, sc, { project: 'streetLighting', districts: [0, 1], pilot: false })!;
    const withGrants = launchAlonePrice(s, sc, { project: 'streetLighting', districts: [0, 1], pilot: false, grantCalls: calls })!;
    expect(withGrants.worksEur).toBe(without.worksEur);
    expect(withGrants.expectedGrantsEur).toBeGreaterThan(0);
    expect(withGrants.cityEur).toBeCloseTo(withGrants.worksEur - withGrants.expectedGrantsEur, 6);
    expect(withGrants.cityEur).toBeLessThan(without.cityEur);
    expect(launchAlonePrice(s, sc, { project: 'streetLighting', districts: [], pilot: false })).toBeNull();
    expect(launchAlonePrice(s, sc, { project: 'nothing', districts: [0], pilot: false })).toBeNull();
  });
});

describe("a governance measure's effect", () => {
  it('raises the target by its gain of the way from the structural alignment to 1: 0.15 × (1 − 0.55) = 6.75 points for the office', () => {
    const sc = dijon();
    const s = freshState(sc);
    const e = governanceEffect(s, sc, 'smartCityOffice');
    expect(e.targetWithout).toBeCloseTo(0.55, 9);
    expect(e.targetWith).toBeCloseTo(0.55 + 0.45 * 0.15, 9);
    expect(e.monthlyShare).toBeCloseTo(0.35 / 12, 9);
    // With the other two in place, the office adds the same share of the way (the gains add up before the clamp).
    s.city.governance.interCommunalAgreement = true;
    s.city.governance.sharedDataPlatform = true;
    const all = governanceEffect(s, sc, 'smartCityOffice');
    expect(all.targetWith).toBeCloseTo(0.55 + 0.45 * 0.4, 9);
    expect(all.targetWith - all.targetWithout).toBeCloseTo(0.0675, 9);
  });
});
