/**
 * Pilots and performance guarantees (issue 9, claim C6; MODEL.md §7, §12, §13.8): a pilot measures
 * how a technology performs on this territory, not the competence of whoever builds the roll-out;
 * and a pilot and a guarantee answer the same risk, so a city that may ask the partner to
 * guarantee the savings does not pilot for the risk the guarantee covers.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/sim';
import { signContract } from '../../src/sim/rules/contracts';
import { partnerFit } from '../../src/sim/rules/partner';
import { constructionPhase, GUARANTEE_MEAN_GAIN, GUARANTEE_SPREAD_CUT, PILOT_MEASURE_MONTHS, spreadBorneAtScale, TERRITORY_SHARE } from '../../src/sim/rules/projects';
import { dealFlows } from '../../src/sim/rules/valuation';
import type { Deployment, SimState } from '../../src/sim/types';
import { freshState, scratch, terms, variant } from './helpers';

/** A pilot of the LED bought from local suppliers in district 0, run a full season, that realised `realisation`. */
function suppliersPilot(s: SimState, realisation: number): Deployment {
  const pilot: Deployment = { uid: s.nextUid++, type: 'streetLighting', family: 'streetLighting', district: 0, pilot: true, scale: 0.05, stage: 'operating', startTick: 0, buildMonthsLeft: 0, buildMonths: 12, capexEur: 1, trueCostEur: 1, realisation, ageMonths: PILOT_MEASURE_MONTHS, lifetimeMonths: 240, contractId: null, downMonths: 0, duplicate: false, scaled: false };
  s.deployments.push(pilot);
  return pilot;
}

describe('a pilot measures the territory, not the builder', () => {
  it('a partner roll-out after a suppliers’ pilot realises around the partner’s own mean, moved by the territory’s gap', () => {
    // No noise of their own (benefits certain), a territory's gap set by hand: the partner's
    // roll-out under a guarantee realises the partner's mean with the guarantee's gain, moved by
    // the gap (cut by the guarantee's spread factor), not the suppliers' 0.85, whatever the
    // suppliers' pilot drew (MODEL.md §7).
    const sc = variant({ 'projects.benefitUncertainty': 0 });
    for (const gap of [0, -0.2]) {
      for (const pilotDrew of [0.85, 0.5]) {
        const s = freshState(sc);
        s.territoryGaps.streetLighting = gap;
        suppliersPilot(s, pilotDrew);
        const c = signContract(s, sc, terms({ districts: [1], guaranteedSavingShare: 0.6, penaltyRate: 1 }), 'partner');
        const d = s.deployments[c.deployments[0]! - 1]!;
        d.buildMonthsLeft = 1;
        d.worksStartTick = s.tick;
        constructionPhase(s, sc, scratch(s));
        expect(d.stage).toBe('operating');
        expect(d.realisation).toBeCloseTo(0.85 + 0.15 * partnerFit(s) + GUARANTEE_MEAN_GAIN * 0.6 + (1 - GUARANTEE_SPREAD_CUT * 0.6) * gap, 9);
      }
    }
  });

  it('the city prices a partner roll-out after a pilot at the partner’s mean moved by its estimate of the gap', () => {
    // At twice the spread, a suppliers' pilot at their mean leaves the partner's LED roll-out's
    // expected savings where they were (μ 0.85 + 0.15 × reputation), at a narrower spread: what
    // one pilot leaves unknown of the gap, and the roll-out's own (`territoryEstimate`).
    const sc = variant({ 'projects.benefitUncertainty': 2 });
    const deal = terms({ districts: [1, 2, 3], durationYears: 12, cityCapitalShare: 1, annualPaymentEur: 0 });
    const savings = (s: SimState) => dealFlows(s, sc, deal, 'partner').city.savings.reduce((a, b) => a + b, 0);
    const before = freshState(sc);
    const after = freshState(sc);
    const pilot = suppliersPilot(after, 0.85);
    const sigma = 0.1 * 2;
    const k2 = TERRITORY_SHARE * TERRITORY_SHARE;
    const shrink = k2 / (k2 + 1);
    const left = Math.sqrt(k2 / (k2 + 1) + 0.09);
    expect(savings(after) / savings(before)).toBeCloseTo((1 - 0.5 * left * sigma) / (1 - 0.5 * sigma), 9);
    // A pilot 0.2 short of its builder's mean moves the roll-out's mean by the shrunk estimate.
    pilot.realisation = 0.65;
    const mu = 0.85 + 0.15 * before.partner.reputation;
    expect(savings(after) / savings(before)).toBeCloseTo(((mu - shrink * 0.2) * (1 - 0.5 * left * sigma)) / (mu * (1 - 0.5 * sigma)), 9);
  });

  it('the partner reads the pilots too: after pilots at their builder’s mean, guaranteeing the savings costs it less', () => {
    // The retrofits at twice the spread, 70 % of the expected savings guaranteed at 1:1: the expected
    // penalties shrink with the spread left (a public measurement both sides read), more so after
    // three pilots than after one.
    const sc = variant({ 'projects.benefitUncertainty': 2 });
    const deal = terms({ projects: ['buildingEnergy'], districts: [1, 2, 3], durationYears: 12, cityCapitalShare: 1, annualPaymentEur: 0, guaranteedSavingShare: 0.7, penaltyRate: 1 });
    const penalties = (s: SimState) => dealFlows(s, sc, deal, 'partner').partner.penalties.reduce((a, b) => a + b, 0);
    const before = freshState(sc);
    const one = freshState(sc);
    suppliersPilot(one, 0.85).type = 'buildingEnergy';
    const three = freshState(sc);
    for (let k = 0; k < 3; k++) suppliersPilot(three, 0.85).type = 'buildingEnergy';
    expect(penalties(before)).toBeLessThan(0);
    expect(-penalties(one)).toBeLessThan(-penalties(before));
    expect(-penalties(three)).toBeLessThan(-penalties(one));
  });
});

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
