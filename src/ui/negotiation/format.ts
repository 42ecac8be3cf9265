/**
 * How the negotiation table writes its figures: euros in millions ("12,3 M€" / "€12.3 M"),
 * shares in per cent, months and years with their plural, calendar months, project names, and
 * each numeric term in the unit a player types it in (years, %, M€ a year, € per €).
 */
import { hasMessage, numberLocale, t, type MessageKey } from '../../i18n';
import type { NumericTerm } from '../../state/game-types';
import type { Scenario } from '../../sim';

const MINUS = '\u2212';

function nf(digits: number, minDigits = digits): Intl.NumberFormat {
  return new Intl.NumberFormat(numberLocale(), { minimumFractionDigits: minDigits, maximumFractionDigits: digits });
}

/** Euros, scaled to millions (`digits` decimals, 1 by default) or thousands; `signed` puts a + before gains. */
export function money(eur: number, opts: { signed?: boolean; digits?: number } = {}): string {
  if (!Number.isFinite(eur)) return '—';
  const abs = Math.abs(eur);
  const sign = eur < 0 && abs >= 0.5 ? MINUS : opts.signed && eur > 0 ? '+' : '';
  if (abs >= 1e6) return t('negotiation.money.millions', { sign, value: nf(opts.digits ?? 1, 0).format(abs / 1e6) });
  if (abs >= 1e4) return t('negotiation.money.thousands', { sign, value: nf(0).format(abs / 1e3) });
  return t('negotiation.money.euros', { sign, value: nf(0).format(abs) });
}

/** A share (0–1) in per cent. */
export function percent(share: number, digits = 0): string {
  return t('negotiation.fmt.percent', { value: nf(digits).format(share * 100) });
}

const plural = () => new Intl.PluralRules(numberLocale());

export function months(n: number): string {
  return t(plural().select(n) === 'one' ? 'negotiation.fmt.month.one' : 'negotiation.fmt.month.other', { n: nf(0).format(n) });
}

export function years(n: number): string {
  return t(plural().select(n) === 'one' ? 'negotiation.fmt.year.one' : 'negotiation.fmt.year.other', { n: nf(1, 0).format(n) });
}

/** The calendar month of a tick ("avr. 2027" / "Apr 2027"). */
export function monthOf(scenario: Scenario, tick: number): string {
  const m = scenario.start.month - 1 + tick;
  const date = new Date(Date.UTC(scenario.start.year + Math.floor(m / 12), m % 12, 1));
  return new Intl.DateTimeFormat(numberLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A project type's name in the player's language (named by its family; its id when unknown). */
export function projectName(scenario: Scenario, id: string): string {
  const family = scenario.projects.catalogue[id]?.family;
  const key = `negotiation.project.${family ?? id}`;
  return hasMessage(key) ? t(key) : id;
}

/** A grant call's id made readable ("region-transition" → "Region transition"). */
export function callName(id: string): string {
  const words = id.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

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
  return nf(u.digits, 0).format(value * u.factor);
}

/** A term's value with its unit ("12 ans", "30 %", "4,25 M€", "1,5 € par €"). */
export function termText(term: NumericTerm, value: number): string {
  switch (term) {
    case 'durationYears':
      return years(value);
    case 'annualPaymentEur':
      return money(value, { digits: 2 });
    case 'penaltyRate':
      return t('negotiation.fmt.perEuro', { value: termNumber(term, value) });
    default:
      return percent(value);
  }
}

/** Reads what a player typed for a term (either decimal separator), in the model's unit; null if it is not a number. */
export function parseTerm(term: NumericTerm, text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?\d*\.?\d+$/.test(cleaned)) return null;
  return Number(cleaned) / TERM_UNITS[term].factor;
}
