/**
 * Number formatting for the tables and charts: one scale per column (so figures line up and
 * compare), French or English separators, euros in millions once they reach a million, and the
 * sim's unit codes ("EUR", "years", "0-1") shown in the reader's language.
 */
import { getLang, hasMessage, numberLocale, t } from '../i18n';

export interface ColumnFormat {
  /** The unit as shown in the header, after scaling (e.g. "M€" for a column in euros). */
  unit: string;
  /** The unit code after scaling ("MEUR" for a column of euros shown in millions). */
  code: string;
  format(value: number): string;
}

/** Dimensionless indices: their unit goes in the header, not after each figure. */
const INDEX_UNITS = new Set(['0-1', 'x']);

/** The unit code as the reader reads it ("years" → "ans"); unknown codes are shown as they are. */
export function unitLabel(code: string): string {
  const key = `unit.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** Chooses the scale and the decimals of a column from all the values it will show. */
export function columnFormat(unit: string, values: readonly number[]): ColumnFormat {
  const finite = values.filter(Number.isFinite);
  const maxAbs = finite.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const millions = (unit === 'EUR' || unit === '€') && maxAbs >= 1e6;
  const divisor = millions ? 1e6 : 1;
  const scaledMax = maxAbs / divisor;
  const integers = !millions && finite.every(Number.isInteger);
  const digits = integers ? 0 : scaledMax < 10 ? 2 : scaledMax < 1000 ? 1 : 0;
  const nf = new Intl.NumberFormat(numberLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const code = millions ? 'MEUR' : unit;
  return {
    unit: unitLabel(code),
    code,
    format: (value) => (Number.isFinite(value) ? nf.format(value / divisor) : '—'),
  };
}

/** A value and its unit, for the key-figure cards ("12,4 M€" / "€12.4M", "8 services"). */
export function formatWithUnit(value: number, unit: string): string {
  const col = columnFormat(unit, [value]);
  const text = col.format(value);
  const fr = getLang() === 'fr';
  switch (col.code) {
    case 'MEUR':
      return fr ? `${text}\u00a0M€` : `€${text}M`;
    case 'EUR':
    case '€':
      return fr ? `${text}\u00a0€` : `€${text}`;
    case '%':
      return `${text}\u202f%`;
    default:
      return !col.unit || INDEX_UNITS.has(col.code) ? text : `${text}\u00a0${col.unit}`;
  }
}

/** Short tick labels for chart axes ("40 M", "0,5"). */
export function formatTick(value: number): string {
  return new Intl.NumberFormat(numberLocale(), { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}
