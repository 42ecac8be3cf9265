/**
 * A new majority's amendment (avenant) to a contract it inherits and dislikes (agents/contract-review.ts,
 * MODEL §4 and §8; issue 9, seventh round): it asks for the deepest payment cut the law lets it get,
 * and weighs the longer contract against the running cost it would bear itself once the contract
 * as it stands has ended.
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/sim/actions';
import { reviewContracts } from '../../src/sim/agents/contract-review';
import type { Scenario } from '../../src/sim';
import { runningPartnerContract, freshState, scratch, terms, variant } from './helpers';

/** The payment cuts the computer city proposes at a new majority's budget, for one running contract signed before the defeat. */
function proposedCuts(sc: Scenario, annualPaymentEur: number, projects: string[], lifeLeftMonths?: number): { cuts: number[]; lawful: boolean[] } {
  const s = freshState(sc);
  s.city.mayor.profile.digital = 0; // a mayor who dislikes digital projects (politics.ts dislike)
  const c = runningPartnerContract(s, sc, terms({ projects: projects as never, annualPaymentEur, durationYears: 12, terminationCompensation: 1 }), 144);
  if (lifeLeftMonths !== undefined) for (const uid of c.deployments) s.deployments[uid - 1]!.ageMonths = s.deployments[uid - 1]!.lifetimeMonths - lifeLeftMonths;
  s.city.newMayorTick = s.tick;
  const cuts = reviewContracts(s, sc).flatMap((a) => (a.type === 'renegotiateContract' ? [a.paymentCut] : []));
  // Each proposal passes the action's own checks (balanced, within 30 years, de minimis).
  const lawful = cuts.map((cut) => applyAction(freshCopy(s), sc, scratch(s), { type: 'renegotiateContract', contractId: c.id, paymentCut: cut }).ok);
  return { cuts, lawful };
}
const freshCopy = <T>(x: T): T => structuredClone(x);

describe('a new majority amends what it inherits as the law lets it (CCP R2194-8)', () => {
  it('asks for the deepest lawful cut below its ambition, not its ambition or nothing', () => {
    // 12 years at €1 M for street lighting (works €6.24 M): a 30 % cut needs a lengthening beyond
    // de minimis (15 % of the initial value); 10 % is within it. An impatient city (15 %) for
    // whom a cut now is worth the longer contract.
    const sc = variant({ 'politics.renegotiationCut': 0.3, 'city.discountRate': 0.15 });
    const { cuts, lawful } = proposedCuts(sc, 1_000_000, ['streetLighting']);
    expect(cuts).toHaveLength(1);
    expect(cuts[0]!).toBeGreaterThanOrEqual(0.1);
    expect(cuts[0]!).toBeLessThan(0.15);
    expect(lawful).toEqual([true]);
  });

  it('counts the running cost it would bear itself after the contract as it stands ends', () => {
    // Street lighting run by the partner for €132 k a year, which the city would run itself for
    // about €135 k (opex 2 % of €6.24 M × (1 + 0.2 × 0.4)): at the public rate, a longer contract
    // at a lower payment is worth it only because it spares the city that dearer running.
    const { cuts, lawful } = proposedCuts(variant({}), 132_000, ['streetLighting']);
    expect(cuts).toHaveLength(1);
    expect(lawful).toEqual([true]);
  });

  it('counts that running cost only while what was built lasts: a lengthening past its life pays for nothing', () => {
    // The same contract, its lamps at the end of their life when the contract ends: the months
    // added would be paid for equipment the city would no longer run.
    expect(proposedCuts(variant({}), 132_000, ['streetLighting'], 144).cuts).toEqual([]);
  });
});

describe('one avenant a contract from a new majority\u2019s review', () => {
  it('once an amendment is proposed, the later budgets of the mandate propose no other to the same contract', () => {
    const sc = variant({ 'politics.renegotiationCut': 0.05 });
    const s = freshState(sc);
    s.city.mayor.profile.digital = 0;
    const c = runningPartnerContract(s, sc, terms({ annualPaymentEur: 132_000, durationYears: 12, terminationCompensation: 1 }), 144);
    s.city.newMayorTick = s.tick;
    const [first] = reviewContracts(s, sc);
    expect(first?.type).toBe('renegotiateContract');
    expect(applyAction(s, sc, scratch(s), first!).ok).toBe(true);
    expect(applyAction(s, sc, scratch(s), { type: 'answerAmendment', by: 'partner', contractId: c.id, accept: true }).ok).toBe(true);
    // A year on, a smaller cut would still be lawful (what is left of the de-minimis limit), but the review asks no more.
    s.tick += 12;
    expect(reviewContracts(s, sc).filter((a) => a.type === 'renegotiateContract')).toEqual([]);
  });
});
