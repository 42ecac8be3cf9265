/**
 * The computer city's affordability test for a partner contract's payment (agents/rule-based-city.ts,
 * `rentRoomEur`, MODEL §13.8). A performance contract's payment (and a partnership rent's operating
 * part) is operating spending, a rent's capital part debt repayment: a French budget tests them
 * against the city's net savings (the real balance, CGCT L1612-4), not against the year's works
 * credits. Until issue 9 the computer city summed every running payment with the new one against
 * the €8 M works envelope, so a city with ample savings refused every partner contract while two
 * contracts filled the envelope, and a balanced amendment that cut a payment bought it room
 * (issue 9's eleventh round, its probes).
 */
import { describe, expect, it } from 'vitest';
// The package's entry first: it fixes the rules' module order (as the other tests import it).
import '../../src/sim';
import { yearlyDecisions } from '../../src/sim/agents/rule-based-city';
import { taxRevenueEur } from '../../src/sim/rules/budget';
import { netSavingsForecastEur } from '../../src/sim/rules/legality';
import type { SimState } from '../../src/sim/types';
import type { Scenario } from '../../src/sim/scenario-schema';
import { dijon, freshState, runningPartnerContract, terms, variant } from './helpers';

const sc = dijon();

/** A state at a year start whose running partner contracts pay €7.9 M a year, whose works are paid (no envelope taken). */
function withRunningPayments(savingsEur: number): SimState {
  const s = freshState(sc);
  runningPartnerContract(s, sc, terms({ projects: ['streetLighting'], districts: [0], annualPaymentEur: 7.9e6 }), 120);
  s.city.grossSavingsEur = savingsEur;
  return s;
}

const proposes = (s: SimState, scenario: Scenario): boolean => yearlyDecisions(s, scenario, true).some((a) => a.type === 'propose');

describe('the computer city tests a partner payment against its net savings, not the works envelope', () => {
  it('with €7.9 M of running payments and ample savings, it still proposes a partner contract', () => {
    const s = withRunningPayments(sc.city.smartCityEnvelopeEur * 5);
    expect(sc.city.smartCityEnvelopeEur).toBe(8e6);
    // Ample savings: the real balance leaves far more than any rent asked.
    expect(netSavingsForecastEur(s, sc)).toBeGreaterThan(15e6);
    expect(proposes(s, sc)).toBe(true);
  });

  it('keeps the margin its tax rule defends: with €1 M of net savings above it, it asks no rent above €1 M', () => {
    // Debt repaid over 2 years: its principal takes the net savings while the lenders' limit and
    // the works' financing stay wide, so the room of the rent test is what binds.
    const short = variant({ 'city.debtMaturityYears': 2 });
    const s = freshState(short);
    runningPartnerContract(s, short, terms({ projects: ['streetLighting'], districts: [0], annualPaymentEur: 7.9e6 }), 120);
    const revenue = taxRevenueEur(short, s.city.taxLevel) + s.city.stateGrantEur + short.city.otherRevenueEur;
    s.city.debtEur += 2 * (netSavingsForecastEur(s, short) - 0.03 * revenue - 1e6);
    expect(netSavingsForecastEur(s, short)).toBeCloseTo(0.03 * revenue + 1e6, 0);
    const offers = yearlyDecisions(s, short, true).flatMap((a) => (a.type === 'propose' ? [a.terms] : []));
    // It still proposes a contract, at an ask (its opening is 75 % of it, to €1,000) within the room.
    expect(offers).toHaveLength(1);
    expect(offers[0]!.annualPaymentEur / 0.75).toBeLessThanOrEqual(1e6 + 1000);
  });
});
