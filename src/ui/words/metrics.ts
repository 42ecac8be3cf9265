/**
 * The sim's reporters (REPORTERS, declared once in src/sim) as the screens show them: a label, a
 * description and a value in its unit.
 */
import { hasMessage, localized, t } from '../../i18n';
import { REPORTERS } from '../../sim';
import { eur, num, pct, unitLabel, years } from './numbers';

const reporter = (key: string) => REPORTERS.find((r) => r.key === key);

export function metricLabel(key: string): string {
  const r = reporter(key);
  return r ? localized(r.label) : key;
}

/**
 * What a reporter is, in plain words; with, where a screen shows another figure of the same name,
 * what differs between them (`words.metric.<key>.more`: the partner's realised NPV against the
 * negotiation chart's value of a deal).
 */
export function metricDescription(key: string): string {
  const r = reporter(key);
  if (!r) return '';
  const more = `words.metric.${key}.more`;
  return hasMessage(more) ? `${localized(r.describe)} ${t(more)}` : localized(r.describe);
}

/** A reporter's value in its unit: euros scaled, 0–1 indices as percentages, counts with their noun. */
export function metricValue(key: string, value: number): string {
  const unit = reporter(key)?.unit ?? '';
  switch (unit) {
    case 'EUR':
      return eur(value);
    case 'years':
      return years(value);
    case '0-1':
      return pct(value);
    case 'x':
      return `×${num(value, 2)}`;
    case 'MWh':
    case 't':
      return `${num(value)}\u00a0${unit}`;
    case 'services/MEUR':
      return `${num(value, 2)}\u00a0${unitLabel(unit)}`;
    default:
      return `${num(value, 1)}\u00a0${unitLabel(unit)}`;
  }
}
