/**
 * C2 Patience is power: in bargaining, the more patient side takes the larger share of the surplus.
 * (1) The stylised mode is checked against Rubinstein's closed form in tests/sim/bargain.test.ts.
 * (2) In the full game: the same partner (the default infrastructure partner's lens) with a low and
 * a high bargaining patience; at every agreement, the deal's surplus is valued at one common
 * reference rate (5 %/yr for both sides, no present bias, no electoral hazard, no risk premium),
 * so that the comparison does not reflect each side's own discounting, and the partner's share of
 * it is recorded. Over 12 seeds of 18 years, the patient partner's mean share is larger.
 */
import { describe, expect, it } from 'vitest';
import { makeAiPartner } from '../../src/sim/agents/ai-partner';
import { partnerPersonality } from '../../src/sim/agents/personalities';
import { dealFlows, valueForCity, valueForPartner } from '../../src/sim/rules/valuation';
import { resolvePolicy, runSimulation, type Policy, type SimState } from '../../src/sim';
import { mean, reference, seDiff } from './harness';

const SEEDS = 12;
const REF = 0.05;
const base = reference();
const refScenario = {
  ...base,
  city: { ...base.city, discountRate: REF, presentBias: 1, electoralHazard: 0 },
  partner: { ...base.partner, discountRate: REF, riskAversion: 0 },
  politics: { ...base.politics, reopenProb: 0 },
};

/** The partner's share of each agreed deal's surplus, at the common reference rate. */
function partnerShares(partner: Policy): number[] {
  const shares: number[] = [];
  const city = resolvePolicy('steady-mayor', 'city')!;
  const record =
    (p: Policy): Policy =>
    (obs) => {
      const actions = p(obs);
      const n = obs.state.negotiation;
      if (n && actions.some((a) => a.type === 'accept')) {
        const state = obs.state as SimState;
        const flows = dealFlows(state, refScenario, n.offer);
        const vc = valueForCity(state, refScenario, flows);
        const vp = valueForPartner(refScenario, n.offer, flows);
        if (vc + vp > 0) shares.push(vp / (vc + vp));
      }
      return actions;
    };
  for (let seed = 1; seed <= SEEDS; seed++) runSimulation(base, { seed, years: 18, agents: 500, city: record(city), partner: record(partner) });
  return shares;
}

describe('C2: the more patient side takes the larger share of the surplus, in the full game too', () => {
  const lens = partnerPersonality('infrastructure-partner')!;
  const impatient = partnerShares(makeAiPartner({ ...lens, patience: 0.8 }));
  const patient = partnerShares(makeAiPartner({ ...lens, patience: 0.995 }));

  it('a patient partner captures a larger share of the deals\u2019 surplus than an impatient one', () => {
    expect(impatient.length).toBeGreaterThan(20);
    expect(patient.length).toBeGreaterThan(20);
    expect(mean(patient) - mean(impatient)).toBeGreaterThan(Math.max(0.02, 2 * seDiff(patient, impatient)));
  });
});
