/**
 * The two lenses as data (DESIGN §4): year by year, each side's flows and their discounted values
 * add up to the side's value of the deal, and the city's lens discounts later years more steeply.
 * The public view draws the partner's side from the city's estimate, never from its private costs.
 */
import { describe, expect, it } from 'vitest';
import { twoLenses } from '../../src/sim';
import { dealFlows, valueForCity, valueForPartner } from '../../src/sim/rules/valuation';
import { dijon, freshState, terms } from './helpers';

describe('twoLenses', () => {
  const sc = dijon();
  const s = freshState(sc);
  const t = terms({ projects: ['streetLighting'], districts: [0, 1, 2, 3, 4, 5, 6, 7], durationYears: 12, annualPaymentEur: 4e6 });
  const lenses = twoLenses(s, sc, t);

  it('the yearly discounted values add up to each side\u2019s value', () => {
    const flows = dealFlows(s, sc, t);
    const city = lenses.years.reduce((a, y) => a + y.cityCostsDiscounted + y.cityBenefitsDiscounted, 0);
    const partner = lenses.years.reduce((a, y) => a + y.partnerNetDiscounted, 0);
    expect(city).toBeCloseTo(valueForCity(s, sc, flows), 0);
    expect(partner).toBeCloseTo(valueForPartner(sc, t, flows), 0);
    expect(lenses.cityValueEur).toBeCloseTo(city, 0);
    expect(lenses.partnerValueEur).toBeCloseTo(partner, 0);
  });

  it('years are calendar years from now, and late benefits weigh less for the city than early ones', () => {
    expect(lenses.years[0]!.year).toBe(sc.start.year);
    const ratio = (k: number) => lenses.years[k]!.cityBenefitsDiscounted / lenses.years[k]!.cityBenefits;
    expect(ratio(15)).toBeLessThan(ratio(5));
    expect(ratio(5)).toBeLessThan(1);
  });

  it('the public view uses the city\u2019s estimate of the partner\u2019s costs, not its true ones', () => {
    expect(sc.partner.trueCostFactor).not.toBe(1);
    const pub = twoLenses(s, sc, t, 'public');
    const flows = dealFlows(s, sc, t, 'partner', 'public');
    expect(pub.partnerValueEur).toBeCloseTo(valueForPartner(sc, t, flows), 0);
    // Cheaper true costs make the deal worth more to the partner than the city can see.
    expect(lenses.partnerValueEur).toBeGreaterThan(pub.partnerValueEur + 1e5);
    expect(pub.years.map((y) => y.partnerNet)).not.toEqual(lenses.years.map((y) => y.partnerNet));
    // The city's side does not depend on the view.
    expect(pub.cityValueEur).toBe(lenses.cityValueEur);
    expect(pub.years.map((y) => y.cityCosts + y.cityBenefits)).toEqual(lenses.years.map((y) => y.cityCosts + y.cityBenefits));
    // Nothing private leaks into the public view: other true costs and experience, the same figures.
    const other = freshState(sc);
    other.partner.trueCostFactor = 1.4;
    other.partner.transferableExperience += 5;
    expect(twoLenses(other, sc, t, 'public')).toEqual(pub);
    expect(twoLenses(other, sc, t).partnerValueEur).not.toBeCloseTo(lenses.partnerValueEur, 0);
  });

  it('says when the works and the contract end, in years from now', () => {
    // Street lighting takes 24 months to build (scenarios/dijon-like.json), then 12 years of contract.
    expect(lenses.worksEndYears).toBe(2);
    expect(lenses.contractEndYears).toBe(14);
    expect(twoLenses(s, sc, { ...t, form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0 }).contractEndYears).toBe(2);
  });

  it('the private view is the default', () => {
    expect(twoLenses(s, sc, t, 'private')).toEqual(lenses);
  });
});

describe('the partner’s view (issue 11: each side sees the other’s value only as its own estimate)', () => {
  const sc = dijon();
  const s = freshState(sc);
  const t = terms({ projects: ['streetLighting'], districts: [0, 1, 2, 3, 4, 5, 6, 7], durationYears: 12, annualPaymentEur: 4e6 });
  it('has the partner’s true side and its estimate of the city’s, not the sitting mayor’s value', () => {
    const truth = twoLenses(s, sc, t);
    const seen = twoLenses(s, sc, t, 'partner');
    expect(seen.partnerValueEur).toBe(truth.partnerValueEur);
    expect(Math.abs(seen.cityValueEur - truth.cityValueEur)).toBeGreaterThan(1e5);
    expect(seen.cityValueEur).toBeCloseTo(seen.years.reduce((a, y) => a + y.cityCostsDiscounted + y.cityBenefitsDiscounted, 0), 0);
    // Nothing of the sitting mayor leaks: another mayor's profile, the same estimate.
    const other = freshState(sc);
    other.city.mayor.profile = { ...other.city.mayor.profile, fiscal: 0.95, presentBias: 0.5, electoralHazard: 0.3 };
    expect(twoLenses(other, sc, t, 'partner').cityValueEur).toBe(seen.cityValueEur);
    expect(twoLenses(other, sc, t).cityValueEur).not.toBeCloseTo(truth.cityValueEur, 0);
  });

  it('nor the sitting mayor’s priorities: another mayor who cares for digital or sober projects, the same estimate (a reviewer’s finding)', () => {
    const seen = twoLenses(s, sc, t, 'partner');
    const other = freshState(sc);
    other.city.mayor.profile = { ...other.city.mayor.profile, digital: 0.05, sober: 0.95 };
    expect(twoLenses(other, sc, t, 'partner').cityValueEur).toBe(seen.cityValueEur);
    expect(twoLenses(other, sc, t).cityValueEur).not.toBe(twoLenses(s, sc, t).cityValueEur);
  });
});
