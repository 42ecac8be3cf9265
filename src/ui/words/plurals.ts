/**
 * Words that agree with their number, one helper for every screen: the plural category comes from
 * `Intl.PluralRules` in the player's language (French puts 0 and 1 in the singular: "0 contrat
 * signé", "1 contrat signé", "2 contrats signés"), and each counted noun is two keys of the
 * catalogue (`words.<noun>.one`, `.other`, src/i18n/fr-words.ts). No "(s)" on a screen.
 */
import { numberLocale, t, type MessageKey } from '../../i18n';

/** The plural category of `n` in the player's language, folded to the two forms the catalogue has. */
export function pluralCategory(n: number): 'one' | 'other' {
  return new Intl.PluralRules(numberLocale()).select(n) === 'one' ? 'one' : 'other';
}

/** The counted nouns of the catalogue (`words.<noun>.one` / `.other`). */
type Counted = 'districts' | 'yearsPlayed' | 'contractsSigned' | 'cancelled';

/** A number with its noun, agreed: "1 quartier", "3 quartiers", "2 contrats signés". */
export function counted(n: number, noun: Counted): string {
  const text = new Intl.NumberFormat(numberLocale(), { maximumFractionDigits: 0 }).format(n);
  return t(`words.${noun}.${pluralCategory(n)}` as MessageKey, { n: text });
}

/** The same, its `{n}` left for an element (a figure with its tooltip, through `rich()`). */
export function countedTemplate(n: number, noun: Counted): string {
  return t(`words.${noun}.${pluralCategory(n)}` as MessageKey);
}

/** A tax change in a sentence, agreed ("impôts inchangés", "impôts en hausse de 1,5 %"), at the one decimal shown. */
export function taxesWords(change: number): string {
  const shown = new Intl.NumberFormat(numberLocale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (shown.format(Math.abs(change)) === shown.format(0)) return t('words.taxes.unchanged');
  return t(change > 0 ? 'words.taxes.up' : 'words.taxes.down', { pct: shown.format(Math.abs(change)) });
}
