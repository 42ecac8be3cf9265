/**
 * Numbers in the player's language, one way for every screen (the negotiation table included):
 * euros scaled to k€ / M€, shares as percentages and points, years and months with their plural,
 * signed changes, and the sim's unit codes ("years" → "ans"). Intl does the separators.
 */
import { getLang, hasMessage, numberLocale, t } from '../../i18n';
import { pluralCategory } from './plurals';

function nf(min: number, max: number): Intl.NumberFormat {
  return new Intl.NumberFormat(numberLocale(), { minimumFractionDigits: min, maximumFractionDigits: max });
}

/** A plain number with up to `digits` decimals. */
export function num(value: number, digits = 0): string {
  return Number.isFinite(value) ? nf(0, digits).format(value) : '—';
}

const MINUS = '\u2212';

/**
 * Euros, scaled: "8,0 M€" / "€8.0M", "850 k€" / "€850k", "12 €" / "€12". Millions carry one
 * decimal below 100 M€ and none above, unless `digits` asks for more (a payment typed to the cent
 * of a million, "4,25 M€").
 */
export function eur(value: number, opts: { digits?: number } = {}): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const millionDigits = opts.digits ?? (abs >= 1e8 ? 0 : 1);
  const [scaled, suffix, digits] = abs >= 1e6 ? [abs / 1e6, 'M', millionDigits] : abs >= 1e4 ? [abs / 1e3, 'k', 0] : [abs, '', 0];
  const text = nf(digits, digits).format(scaled);
  const sign = value < 0 && text !== nf(digits, digits).format(0) ? MINUS : '';
  return getLang() === 'fr' ? `${sign}${text}\u00a0${suffix}€` : `${sign}€${text}${suffix}`;
}

/** A change in euros with its sign ("+1,2 M€"). */
export function signedEur(delta: number): string {
  return delta > 0 ? `+${eur(delta)}` : eur(delta);
}

/** A share 0–1 as a percentage ("52 %"). */
export function pct(share: number, digits = 0): string {
  return Number.isFinite(share) ? new Intl.NumberFormat(numberLocale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share) : '—';
}

/** A change of a share in percentage points ("+4 points"). */
export function points(delta: number): string {
  const n = Math.round(delta * 1000) / 10;
  const text = nf(0, 1).format(Math.abs(n));
  return t('screens.unit.points', { n: `${n > 0 ? '+' : n < 0 ? MINUS : ''}${text}` });
}


export function years(n: number, digits = 1): string {
  const text = num(n, digits);
  return pluralCategory(Number(n.toFixed(digits))) === 'one' ? t('screens.unit.year', { n: text }) : t('screens.unit.years', { n: text });
}

export function months(n: number): string {
  return pluralCategory(n) === 'one' ? t('screens.unit.month', { n: num(n) }) : t('screens.unit.months', { n: num(n) });
}

/** A signed change with its own formatter, or "unchanged" when nothing moved at the shown precision. */
export function signed(delta: number, format: (v: number) => string): string {
  const text = format(Math.abs(delta));
  if (text === format(0)) return t('screens.change.none');
  return `${delta > 0 ? '+' : MINUS}${text}`;
}

/** The unit code as the reader reads it ("years" → "ans"); unknown codes are shown as they are. */
export function unitLabel(code: string): string {
  const key = `unit.${code}`;
  return hasMessage(key) ? t(key) : code;
}
