/**
 * The calendar of a game: a tick (a month since the scenario's start) as a month and year in the
 * player's language ("avril 2026", "avr. 2026"), the month alone, and the year a game year is
 * named after.
 */
import { numberLocale } from '../../i18n';
import type { Scenario } from '../../sim';

/** The calendar month of a tick ("avril 2026" / "April 2026"). */
export function monthYear(scenario: Scenario, tick: number, month: 'long' | 'short' = 'long'): string {
  const m = scenario.start.month - 1 + tick;
  const date = new Date(Date.UTC(scenario.start.year + Math.floor(m / 12), m % 12, 1));
  return new Intl.DateTimeFormat(numberLocale(), { month, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The month of a tick alone ("avril"). */
export function monthName(scenario: Scenario, tick: number): string {
  return calendarMonthName(((scenario.start.month - 1 + tick) % 12) + 1);
}

/** A calendar month (1–12) by its name ("avril"), for what recurs each year (a grant call's month). */
export function calendarMonthName(month: number): string {
  return new Intl.DateTimeFormat(numberLocale(), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** The calendar year a game year is named after (April 2026–March 2027: 2026), as the sim names it. */
export function gameYear(scenario: Scenario, tick: number): number {
  return scenario.start.year + Math.floor(tick / 12);
}
