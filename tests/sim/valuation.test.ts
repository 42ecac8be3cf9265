/** The two lenses (src/sim/rules/valuation.ts): the same deal valued by the city and by the partner. */
import { describe, expect, it } from 'vitest';
import {
  cityLens,
  cityPaymentAnnuity,
  dealFlows,
  partnerLens,
  partnerPaymentAnnuity,
  politicalHazard,
  valueForCity,
  valueForPartner,
  yearsToElection,
} from '../../src/sim/rules/valuation';
import { partnerCostFactor } from '../../src/sim/rules/partner';
import { meanOverrunFactor, PILOT_MEASURE_MONTHS, TERRITORY_SHARE } from '../../src/sim/rules/projects';
import type { Scenario } from '../../src/sim/scenario-schema';
import type { ContractTerms, Deployment } from '../../src/sim/types';
import { dijonLed1200, freshState, terms, variant } from './helpers';

const sc = dijonLed1200();
const ALL = [0, 1, 2, 3, 4, 5, 6, 7];
const lighting = (over: Partial<ContractTerms> = {}) => terms({ districts: ALL, durationYears: 12, cityCapitalShare: 0.3, annualPaymentEur: 2e6, ...over });
const cityValue = (scenario: Scenario, t: ContractTerms, s = freshState(scenario)) => valueForCity(s, scenario, dealFlows(s, scenario, t));
const partnerValue = (scenario: Scenario, t: ContractTerms, s = freshState(scenario)) => valueForPartner(scenario, t, dealFlows(s, scenario, t));

describe('the city’s lens', () => {
  it('weighs its commitments without present bias, its own running costs and gains with it (C1)', () => {
    // Present bias may not push onto the successors what a contract commits (CGCT L2311-3, CCP
    // L2212-1 to -3): with β = 0.5 the commitments keep their value, the running costs the city
    // will decide later and the benefits lose about half of theirs (year 1 aside).
    const s = freshState();
    const flows = dealFlows(s, sc, lighting());
    const part = (rows: ('payments' | 'operation' | 'services')[]) => {
      const c = flows.city;
      const keep = (r: string) => (rows.includes(r as 'payments') ? 1 : 0);
      const city = { ...c, capital: c.capital.map(() => 0), grants: c.grants.map(() => 0), compensation: c.compensation.map(() => 0), savings: c.savings.map(() => 0), payments: c.payments.map((x) => x * keep('payments')), operation: c.operation.map((x) => x * keep('operation')), services: c.services.map((x) => x * keep('services')) };
      return { ...flows, city };
    };
    const at = (beta: number, rows: ('payments' | 'operation' | 'services')[]) => valueForCity(s, variant({ 'city.presentBias': beta }), part(rows));
    expect(at(0.5, ['payments'])).toBeCloseTo(at(1, ['payments']), 6);
    expect(at(0.5, ['payments'])).toBeLessThan(0);
    expect(at(0.5, ['operation']) / at(1, ['operation'])).toBeLessThan(0.6);
    expect(at(0.5, ['services']) / at(1, ['services'])).toBeLessThan(0.6);
  });

  it('is the scenario’s rate, β and hazard, with the time to the next election', () => {
    const s = freshState();
    const lens = cityLens(s, sc);
    expect(lens.rate).toBe(sc.city.discountRate);
    expect(lens.presentBias).toBeCloseTo(sc.city.presentBias, 12);
    expect(lens.electoralHazard).toBeCloseTo(sc.city.electoralHazard, 12);
    expect(lens.yearsToElection).toBeCloseTo(71 / 12, 12);
    expect(yearsToElection(s)).toBeCloseTo(71 / 12, 12);
  });

  it('a new mayor shifts it by the difference of the profiles', () => {
    const s = freshState();
    s.city.mayor.profile = structuredClone(sc.politics.mayors.find((m) => m.id === 'fiscal')!);
    expect(cityLens(s, sc).presentBias).toBeCloseTo(sc.city.presentBias + (0.7 - 0.8), 12);
  });

  it('a patient lens values a long deal more than an impatient one', () => {
    const patient = variant({ 'city.presentBias': 1, 'city.electoralHazard': 0 });
    const impatient = variant({ 'city.presentBias': 0.5, 'city.electoralHazard': 0.3 });
    const t = lighting();
    expect(cityValue(patient, t)).toBeGreaterThan(cityValue(sc, t));
    expect(cityValue(sc, t)).toBeGreaterThan(cityValue(impatient, t));
  });

  it('the same deal is worth less as the election nears', () => {
    const far = freshState();
    const near = freshState();
    near.nextElectionTick = near.tick + 3;
    expect(cityValue(sc, lighting(), near)).toBeLessThan(cityValue(sc, lighting(), far));
  });

  it('services count 1 + visibility times more in the years before the next election', () => {
    const app = terms({ projects: ['citizenApp'], districts: [0], durationYears: 5 });
    const visibility = sc.projects.catalogue.citizenApp!.benefits.visibility;
    const beforeElection = freshState();
    beforeElection.nextElectionTick = beforeElection.tick + 120; // every year of this deal falls before it
    const afterElection = freshState();
    afterElection.nextElectionTick = afterElection.tick; // every year falls after it
    const a = dealFlows(beforeElection, sc, app).city.services;
    const b = dealFlows(afterElection, sc, app).city.services;
    for (let k = 1; k < 5; k++) expect(a[k]! / b[k]!).toBeCloseTo(1 + visibility, 10);
  });

  it('is linear in the annual payment, with the city’s payment annuity as slope', () => {
    const s = freshState();
    const zero = lighting({ annualPaymentEur: 0 });
    const flows = dealFlows(s, sc, zero);
    const slope = cityPaymentAnnuity(s, sc, zero, flows);
    expect(slope).toBeGreaterThan(0);
    const v0 = valueForCity(s, sc, flows);
    const v1 = valueForCity(s, sc, dealFlows(s, sc, lighting({ annualPaymentEur: 1e6 })));
    expect(v0 - v1).toBeCloseTo(1e6 * slope, 0);
  });

  it('a performance guarantee lowers the city’s risk discount on the savings, and the partner pays for it', () => {
    const s = freshState();
    const bare = dealFlows(s, sc, lighting());
    const guaranteed = lighting({ guaranteedSavingShare: 0.8, penaltyRate: 1 });
    const covered = dealFlows(s, sc, guaranteed);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(covered.city.savings)).toBeGreaterThan(sum(bare.city.savings));
    expect(valueForCity(s, sc, covered)).toBeGreaterThan(valueForCity(s, sc, bare));
    expect(sum(covered.partner.penalties)).toBeLessThan(0);
    expect(valueForPartner(sc, guaranteed, covered)).toBeLessThan(valueForPartner(sc, lighting(), bare));
  });

  it('benefit uncertainty lowers the city’s value', () => {
    const sure = variant({ 'projects.benefitUncertainty': 0 });
    const unsure = variant({ 'projects.benefitUncertainty': 3 });
    expect(cityValue(sure, lighting())).toBeGreaterThan(cityValue(unsure, lighting()));
  });

  it('after a pilot, the city prices its estimate of the territory’s gap, at the spread left to the scaled works (projects.ts)', () => {
    // The LED bought alone (μ 0.85) at three times the catalogue's spread: σ = 0.3, haircut
    // 1 − 0.5 × 0.3. A pilot of the type that realised 0.85 leaves the roll-out's mean where it was
    // and its spread at what one pilot leaves unknown of the gap and the roll-out's own
    // (`territoryEstimate`): σ·√(k²/(k² + 1) + 0.3²).
    const unsure = variant({ 'projects.benefitUncertainty': 3 });
    const alone = lighting({ form: 'procurement', durationYears: 0, cityCapitalShare: 1, annualPaymentEur: 0 });
    const savings = (s: ReturnType<typeof freshState>) => dealFlows(s, unsure, alone, 'suppliers').city.savings.reduce((a, b) => a + b, 0);
    const before = freshState(unsure);
    const after = freshState(unsure);
    const pilot: Deployment = { uid: after.deployments.length + 1, type: 'streetLighting', family: 'streetLighting', district: 0, pilot: true, scale: 0.05, stage: 'operating', startTick: 0, buildMonthsLeft: 0, buildMonths: 12, capexEur: 1, trueCostEur: 1, realisation: 0.85, ageMonths: 0, lifetimeMonths: 240, contractId: null, downMonths: 0, duplicate: false, scaled: false };
    after.deployments.push(pilot);
    // A pilot just opened has measured nothing yet: a full season first (PILOT_MEASURE_MONTHS).
    expect(savings(after)).toBe(savings(before));
    pilot.ageMonths = PILOT_MEASURE_MONTHS - 1;
    expect(savings(after)).toBe(savings(before));
    pilot.ageMonths = PILOT_MEASURE_MONTHS;
    const k2 = TERRITORY_SHARE * TERRITORY_SHARE;
    const haircut = (n: number) => 1 - 0.5 * 0.3 * Math.sqrt(k2 / (n * k2 + 1) + 0.09);
    const shrink = (n: number) => (n * k2) / (n * k2 + 1);
    expect(savings(after) / savings(before)).toBeCloseTo(haircut(1) / (1 - 0.5 * 0.3), 9);
    // A pilot that fell short lowers the value the city expects, by its estimate of the gap.
    pilot.realisation = 0.5;
    expect(savings(after) / savings(before)).toBeCloseTo(((0.85 - shrink(1) * 0.35) * haircut(1)) / (0.85 * (1 - 0.5 * 0.3)), 9);
    // Several pilots: their mean, failures included, not the best (no winner's curse), shrunk less.
    after.deployments.push({ ...pilot, uid: pilot.uid + 1, district: 1, realisation: 1.3 }, { ...pilot, uid: pilot.uid + 2, district: 2, realisation: 0 });
    expect(savings(after) / savings(before)).toBeCloseTo(((0.85 - shrink(3) * 0.25) * haircut(3)) / (0.85 * (1 - 0.5 * 0.3)), 9);
  });
});

describe('the partner’s lens', () => {
  it('discounts at its cost of capital plus a political-risk premium', () => {
    const lens = partnerLens(sc, lighting());
    expect(lens.rate).toBe(sc.partner.discountRate);
    expect(lens.horizonYears).toBe(25);
    expect(lens.riskPremium).toBeGreaterThan(0);
    // a full lost-profit clause leaves the partner nothing to lose on a termination (Douai)
    expect(partnerLens(sc, lighting({ terminationCompensation: 1 })).riskPremium).toBe(0);
  });

  it('a procurement contract carries no political risk for the partner', () => {
    const h = politicalHazard(sc, lighting({ form: 'procurement', cityCapitalShare: 1, annualPaymentEur: 0 }));
    expect(h).toEqual({ cancel: 0, cut: 0 });
  });

  it('under political risk, termination compensation raises the partner’s value', () => {
    const without = lighting({ terminationCompensation: 0 });
    const withComp = lighting({ terminationCompensation: 1 });
    expect(politicalHazard(sc, withComp).cut).toBe(0); // a cut needs its signature (CCP L6)
    expect(partnerValue(sc, withComp)).toBeGreaterThan(partnerValue(sc, without));
    // Without a margin it has no profit to lose: the clause is worth nothing to it.
    const noMargin = variant({ 'partner.marginRate': 0 });
    expect(partnerValue(noMargin, withComp)).toBeCloseTo(partnerValue(noMargin, without), 6);
  });

  it('is linear in the annual payment, with the partner’s payment annuity as slope', () => {
    const s = freshState();
    const zero = lighting({ annualPaymentEur: 0 });
    const flows = dealFlows(s, sc, zero);
    const slope = partnerPaymentAnnuity(sc, zero, flows);
    const v1 = valueForPartner(sc, lighting({ annualPaymentEur: 1e6 }), dealFlows(s, sc, lighting({ annualPaymentEur: 1e6 })));
    expect(v1 - valueForPartner(sc, zero, flows)).toBeCloseTo(1e6 * slope, 0);
  });

  it('counts the capital it puts in: the true cost of the works less the city’s share', () => {
    const s = freshState();
    const f = dealFlows(s, sc, lighting());
    expect(f.capexEur).toBeCloseTo(40.8e6, 2);
    expect(f.partnerCapitalEur).toBeGreaterThan(0);
    expect(f.partnerCapitalEur).toBeLessThan(0.7 * 40.8e6);
    const pub = dealFlows(s, sc, lighting(), 'partner', 'public');
    // The city's estimate: catalogue costs (they already exceed the market's cost with its expected overruns).
    expect(pub.partnerCapitalEur).toBeCloseTo(0.7 * 40.8e6, 2);
    // The partner's own: its cost factor × its expected overrun (draw and events), less the city's share.
    const overrun = meanOverrunFactor(sc, sc.projects.catalogue.streetLighting!, { withEvents: true, deployments: ALL.length });
    expect(overrun).toBeGreaterThan(1 + 0.1 * Math.sqrt(2 / Math.PI));
    expect(f.partnerCapitalEur).toBeCloseTo(40.8e6 * partnerCostFactor(s, sc) * overrun - 0.3 * 40.8e6, 2);
  });

  it('prices the overruns it bears as builder: its floor rises with the cost uncertainty (projects.ts draws them)', () => {
    // A builder prices its works at the mean of its cost distribution (a contingency in its bid):
    // the partner's value of the same terms falls, and the payment it needs rises, as overruns widen.
    const s = freshState();
    const zero = lighting({ annualPaymentEur: 0 });
    const floor = (scenario: Scenario, view: 'private' | 'public') => {
      const f = dealFlows(s, scenario, zero, 'partner', view);
      return -valueForPartner(scenario, zero, f) / partnerPaymentAnnuity(scenario, zero, f);
    };
    const calm = variant({ 'projects.costUncertainty': 0 }, sc);
    const wild = variant({ 'projects.costUncertainty': 2 }, sc);
    expect(floor(sc, 'private')).toBeGreaterThan(floor(calm, 'private') + (0.02 * 40.8e6) / 12);
    expect(floor(wild, 'private')).toBeGreaterThan(floor(sc, 'private') + (0.02 * 40.8e6) / 12);
    // The city's estimate stays at catalogue prices (MODEL.md §12).
    expect(floor(wild, 'public')).toBeCloseTo(floor(calm, 'public'), 0);
    // A procurement contract: the overrun events move the city's price with the cost, only the draw stays the builder's.
    expect(meanOverrunFactor(sc, sc.projects.catalogue.streetLighting!, { withEvents: true })).toBeGreaterThan(meanOverrunFactor(sc, sc.projects.catalogue.streetLighting!));
  });

  it('the compensation changes the partner’s lens, never the flows (the negotiator shares one projection across its compensation grid)', () => {
    const s = freshState();
    for (const over of [{}, { guaranteedSavingShare: 0.6, penaltyRate: 1 }, { form: 'partnership' as const }]) {
      for (const view of ['private', 'public'] as const) {
        const at = (tc: number) => dealFlows(s, sc, lighting({ ...over, terminationCompensation: tc }), 'partner', view);
        expect(at(1)).toEqual(at(0));
        expect(at(0.5)).toEqual(at(0));
      }
    }
  });

  it('a longer contract is worth more to the partner at the same payment', () => {
    expect(partnerValue(sc, lighting({ durationYears: 15 }))).toBeGreaterThan(partnerValue(sc, lighting({ durationYears: 8 })));
  });
});
