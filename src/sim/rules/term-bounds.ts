/**
 * The legal range of each numeric contract term, the others held (for the game's offer builder).
 *
 * STUB: to be implemented (bisection over `termsProblem`, within each term's nature-given range).
 */
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, SimState } from '../types';

export const NUMERIC_TERMS = ['durationYears', 'cityCapitalShare', 'annualPaymentEur', 'guaranteedSavingShare', 'penaltyRate', 'terminationCompensation', 'savingsShareToPartner'] as const;
export type NumericTerm = (typeof NUMERIC_TERMS)[number];

/** Legal range of one numeric term, given the others. */
export interface TermBound {
  min: number;
  max: number;
  /** Why the range stops there, when the law (not the term's nature) sets the bound. */
  minReason: string | null;
  maxReason: string | null;
}

export function termBounds(_state: SimState, _scenario: Scenario, terms: ContractTerms): Record<NumericTerm, TermBound> {
  const out = {} as Record<NumericTerm, TermBound>;
  for (const k of NUMERIC_TERMS) out[k] = { min: terms[k], max: terms[k], minReason: null, maxReason: null };
  return out;
}
