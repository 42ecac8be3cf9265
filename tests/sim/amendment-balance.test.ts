/**
 * The balance an amendment keeps (rules/contracts.ts `balancedAmendment`, MODEL §4; issue 9, eighth
 * round): month by month, each deployment's savings share and running cost only while it lasts. A
 * contract bundling short-lived equipment (eight-year mobility services beside 25-year lamps) used
 * to be lengthened as if the partner still ran what had reached the end of its life, which gave it
 * more than its balance: a "balanced" lengthening that paid the partner.
 */
import { describe, expect, it } from 'vitest';
import { answerAmendments } from '../../src/sim/agents/contract-review';
import { balancedAmendment } from '../../src/sim/rules/contracts';
import type { Contract, Scenario, SimState } from '../../src/sim';
import { freshState, partnerPv, runningPartnerContract, terms, variant } from './helpers';


/**
 * Four years into a 12-year contract for street lighting, mobility services and a data platform: the
 * mobility services (8 years) end two years before the contract. Such a contract may no longer be
 * signed (terms.ts `outlivesEquipment`, issue 9's tenth round); it is built here directly, to test
 * the month-by-month balance on equipment that ends inside a contract (a failure can still do that).
 * `form`: a concession, whose lengthening is bounded by its last equipment only.
 */
function bundled(form: 'concession' | 'performance' = 'concession'): { s: SimState; sc: Scenario; c: Contract } {
  const sc = variant({});
  const s = freshState(sc);
  const c = runningPartnerContract(s, sc, terms({ form, projects: ['streetLighting', 'mobilityServices', 'dataPlatform'], annualPaymentEur: 600_000, durationYears: 12 }), 96);
  for (const uid of c.deployments) s.deployments[uid - 1]!.ageMonths = 48;
  c.operationStartTick = s.tick - 48;
  return { s, sc, c };
}

describe('an amendment balances the partner month by month, on what still runs', () => {
  it('the lengthening that balances a cut is the shortest that leaves the partner as well off as before', () => {
    const { s, sc, c } = bundled();
    const mobility = c.deployments.map((u) => s.deployments[u - 1]!).filter((d) => d.type === 'mobilityServices');
    expect(mobility.length).toBeGreaterThan(0);
    expect(mobility[0]!.lifetimeMonths - mobility[0]!.ageMonths).toBeLessThan(96); // it ends before the contract
    const am = balancedAmendment(s, sc, c, 0.1)!;
    expect(am).not.toBeNull();
    const before = partnerPv(s, sc, c, c.terms.annualPaymentEur, c.endTick - s.tick);
    const longer = am.amendment.endTick - s.tick;
    // The shortest lengthening that balances the cut: a month less would leave the partner short.
    expect(partnerPv(s, sc, c, am.amendment.annualPaymentEur, longer)).toBeGreaterThanOrEqual(before - 1);
    expect(partnerPv(s, sc, c, am.amendment.annualPaymentEur, longer - 1)).toBeLessThan(before);
    // The partner signs it, and would refuse the same cut a month shorter (its own valuation is the same).
    c.amendment = am.amendment;
    expect(answerAmendments(s, sc).map((a) => a.type === 'answerAmendment' && a.accept)).toEqual([true]);
    c.amendment = { ...am.amendment, endTick: am.amendment.endTick - 1, durationYears: am.amendment.durationYears - 1 / 12 };
    expect(answerAmendments(s, sc).map((a) => a.type === 'answerAmendment' && a.accept)).toEqual([false]);
  });

  it('a performance contract is not lengthened past the end of its first equipment (it could not be signed so)', () => {
    const { s, sc, c } = bundled('performance');
    expect(balancedAmendment(s, sc, c, 0.1)).toBeNull();
    expect(bundled('concession').c.terms.form).toBe('concession');
    expect(balancedAmendment(bundled().s, bundled().sc, bundled().c, 0.1)).not.toBeNull();
  });

  it('no lengthening past the end of the last equipment: it would pay for nothing', () => {
    // Mobility services alone, in their last three years, with a contract that ends with them.
    const sc = variant({});
    const s = freshState(sc);
    const c = runningPartnerContract(s, sc, terms({ projects: ['mobilityServices'], annualPaymentEur: 2_000_000, durationYears: 8 }), 36);
    for (const uid of c.deployments) s.deployments[uid - 1]!.ageMonths = s.deployments[uid - 1]!.lifetimeMonths - 36;
    expect(balancedAmendment(s, sc, c, 0.05)).toBeNull();
  });
});
