/**
 * The computer city's tax rule reads net savings as the real balance does (CGCT L1612-4): gross
 * savings less the debt repaid, the loans' principal and the capital part of partnership rents
 * alike (`annualPrincipalEur`). It raises the voted rates when that margin falls under 3 % of its
 * revenue. A rule that left the rent's capital out saw a margin the budget does not have.
 */
import { describe, expect, it } from 'vitest';
import '../../src/sim';
import { yearlyDecisions } from '../../src/sim/agents/rule-based-city';
import { partnershipPrincipalEur } from '../../src/sim/rules/contracts';
import { taxRevenueEur } from '../../src/sim/rules/budget';
import type { ContractTerms } from '../../src/sim/types';
import { dijon, freshState, runningPartnerContract, terms } from './helpers';

const sc = dijon();

describe('the computer city’s tax rule counts a partnership rent’s capital as debt repaid', () => {
  it('raises the rates when gross savings less the loans’ principal and the rent’s capital fall under 3 % of revenue', () => {
    const s = freshState(sc);
    const lighting: ContractTerms = { ...terms({ projects: ['streetLighting'], districts: [0, 1, 2, 3, 4, 5, 6, 7], durationYears: 15, annualPaymentEur: 3_000_000 }), form: 'partnership', cityCapitalShare: 0.2 };
    runningPartnerContract(s, sc, lighting, 180);
    const rentCapital = partnershipPrincipalEur(s, sc);
    expect(rentCapital).toBeGreaterThan(5e5);
    const revenue = taxRevenueEur(sc, s.city.taxLevel) + s.city.stateGrantEur + sc.city.otherRevenueEur;
    const loanPrincipal = s.city.debtEur / sc.city.debtMaturityYears;
    // Gross savings leave 3 % of revenue over the loans' principal, less once the rent's capital is repaid too.
    s.city.grossSavingsEur = loanPrincipal + 0.03 * revenue + rentCapital / 2;
    const budget = yearlyDecisions(s, sc, true).find((a) => a.type === 'setBudget');
    expect(budget).toBeDefined();
    expect(budget!.type === 'setBudget' && budget!.taxChange).toBe(sc.city.maxTaxChange);
  });
});
