/**
 * The negotiation's numeric terms in the unit a player types them in (years, %, M€ a year, € per
 * €): the number shown in an input, the value with its unit, and what a player typed read back.
 * The figures themselves are written by the one number module (../words/numbers.ts).
 */
import { t, type MessageKey } from '../../i18n';
import type { NumericTerm } from '../../state/game-types';
import { eur, num, pct, years } from '../words/numbers';

/** How a numeric term is shown and typed: its unit and the factor from the model's unit to the player's. */
interface TermUnit {
  factor: number;
  digits: number;
  unit: MessageKey;
}

export const TERM_UNITS: Record<NumericTerm, TermUnit> = {
  durationYears: { factor: 1, digits: 0, unit: 'negotiation.unit.years' },
  cityCapitalShare: { factor: 100, digits: 0, unit: 'negotiation.unit.percent' },
  annualPaymentEur: { factor: 1e-6, digits: 2, unit: 'negotiation.unit.meurPerYear' },
  guaranteedSavingShare: { factor: 100, digits: 0, unit: 'negotiation.unit.percent' },
  penaltyRate: { factor: 1, digits: 2, unit: 'negotiation.unit.perEuro' },
  terminationCompensation: { factor: 100, digits: 0, unit: 'negotiation.unit.percent' },
  savingsShareToPartner: { factor: 100, digits: 0, unit: 'negotiation.unit.percent' },
};

/** The number a player reads and types for a term, without its unit ("4,25" for €4.25 M). */
export function termNumber(term: NumericTerm, value: number): string {
  const u = TERM_UNITS[term];
  return num(value * u.factor, u.digits);
}

/** A term's value with its unit ("12 ans", "30 %", "4,25 M€", "1,5 € par €"). */
export function termText(term: NumericTerm, value: number): string {
  switch (term) {
    case 'durationYears':
      return years(value);
    case 'annualPaymentEur':
      return eur(value, { digits: 2 });
    case 'penaltyRate':
      return t('negotiation.fmt.perEuro', { value: termNumber(term, value) });
    default:
      return pct(value);
  }
}

/** Reads what a player typed for a term (either decimal separator), in the model's unit; null if it is not a number. */
export function parseTerm(term: NumericTerm, text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?\d*\.?\d+$/.test(cleaned)) return null;
  return Number(cleaned) / TERM_UNITS[term].factor;
}
