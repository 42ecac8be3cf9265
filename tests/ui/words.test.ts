/**
 * The one formatting module of the screens (src/ui/words), in both languages: euros scaled with
 * the reader's separators and sign, shares, plurals, signed changes, the calendar, and one name
 * per thing (the negotiation table and the other screens ask the same functions).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../src/i18n';
import { fr } from '../../src/i18n/fr';
import { gameYear, monthName, monthYear } from '../../src/ui/words/dates';
import { callName, capital, formName, funderName, projectList, projectName } from '../../src/ui/words/names';
import { eur, months, num, pct, points, signed, signedEur, years } from '../../src/ui/words/numbers';
import { termNumber, termText, parseTerm } from '../../src/ui/negotiation/terms';
import { dijon } from '../sim/helpers';

// French separators: Intl puts a no-break space (narrow or not, by ICU version) before "%" and between thousands.
const SP = '[\u00a0\u202f]';
const NBSP = '\u00a0';
const MINUS = '\u2212';

afterEach(() => setLang('fr'));

describe('numbers', () => {
  it('writes euros scaled, in French and in English', () => {
    setLang('fr');
    expect(eur(12_345_678)).toBe(`12,3${NBSP}M€`);
    expect(eur(123_456_789)).toBe(`123${NBSP}M€`);
    expect(eur(850_000)).toBe(`850${NBSP}k€`);
    expect(eur(12)).toBe(`12${NBSP}€`);
    expect(eur(-2_500_000)).toBe(`${MINUS}2,5${NBSP}M€`);
    expect(eur(4_250_000, { digits: 2 })).toBe(`4,25${NBSP}M€`);
    expect(eur(Number.NaN)).toBe('—');
    setLang('en');
    expect(eur(12_345_678)).toBe('€12.3M');
    expect(eur(850_000)).toBe('€850k');
    expect(eur(-2_500_000)).toBe(`${MINUS}€2.5M`);
    expect(eur(4_250_000, { digits: 2 })).toBe('€4.25M');
  });

  it('signs changes, and says "unchanged" when nothing moved at the shown precision', () => {
    setLang('en');
    expect(signedEur(1_200_000)).toBe('+€1.2M');
    expect(signedEur(-1_200_000)).toBe(`${MINUS}€1.2M`);
    expect(signed(0.004, (v) => num(v, 2))).toBe('unchanged');
    expect(signed(-0.5, (v) => num(v, 1))).toBe(`${MINUS}0.5`);
    expect(points(0.04)).toBe('+4 points');
    setLang('fr');
    expect(signed(0.0001, (v) => num(v, 1))).toBe('inchangé');
  });

  it('writes shares, years and months with their plural', () => {
    setLang('fr');
    expect(pct(0.52)).toMatch(new RegExp(`^52${SP}%$`));
    expect(pct(0.075, 1)).toMatch(new RegExp(`^7,5${SP}%$`));
    expect(num(12_345.6, 1)).toMatch(new RegExp(`^12${SP}345,6$`));
    expect(years(1)).toBe('1 an');
    expect(years(12)).toBe('12 ans');
    expect(years(2.45)).toBe('2,5 ans');
    expect(months(1)).toBe('1 mois');
    setLang('en');
    expect(pct(0.52)).toBe('52%');
    expect(years(1)).toBe('1 year');
    expect(years(1.04)).toBe('1 year');
    expect(years(12)).toBe('12 years');
    expect(months(1)).toBe('1 month');
    expect(months(3)).toBe('3 months');
  });

  it('writes the negotiation terms in the unit a player types them in', () => {
    setLang('fr');
    expect(termText('durationYears', 12)).toBe('12 ans');
    expect(termText('annualPaymentEur', 4_250_000)).toBe(`4,25${NBSP}M€`);
    expect(termText('cityCapitalShare', 0.3)).toMatch(new RegExp(`^30${SP}%$`));
    expect(termText('penaltyRate', 1.5)).toBe('1,5 € par €');
    expect(termNumber('annualPaymentEur', 4_250_000)).toBe('4,25');
    expect(parseTerm('annualPaymentEur', '4,25')).toBe(4_250_000);
    setLang('en');
    expect(termText('annualPaymentEur', 4_250_000)).toBe('€4.25M');
    expect(termText('penaltyRate', 1.5)).toBe('€1.5 per €');
  });
});

describe('dates', () => {
  it('names a tick by its calendar month from the scenario start', () => {
    const sc = dijon();
    const start = { ...sc, start: { ...sc.start, year: 2026, month: 4 } };
    setLang('fr');
    expect(monthYear(start, 0)).toBe('avril 2026');
    expect(monthYear(start, 9)).toBe('janvier 2027');
    expect(monthYear(start, 0, 'short')).toBe('avr. 2026');
    expect(capital(monthName(start, 1))).toBe('Mai');
    expect(gameYear(start, 11)).toBe(2026);
    expect(gameYear(start, 12)).toBe(2027);
    setLang('en');
    expect(monthYear(start, 0)).toBe('April 2026');
    expect(monthYear(start, 0, 'short')).toBe('Apr 2026');
  });
});

describe('names', () => {
  it('gives each thing one name in each language', () => {
    const sc = dijon();
    setLang('fr');
    expect(projectName(sc, 'buildingEnergy')).toBe('Rénovation énergétique');
    expect(projectList(sc, 'streetLighting+smartTraffic')).toBe('Éclairage public LED + Feux intelligents et priorité bus');
    expect(callName('region-transition')).toBe('Fonds régional pour la transition');
    expect(callName('state-extra-14')).toBe('Appel exceptionnel de l’État');
    expect(funderName('eu')).toBe('Union européenne');
    expect(capital(formName('performance'))).toBe('Marché global de performance');
    setLang('en');
    expect(projectName(sc, 'buildingEnergy')).toBe('Building energy retrofit');
    expect(callName('region-transition')).toBe('Regional transition fund');
    expect(capital(formName('partnership'))).toBe('Partnership contract');
    expect(projectName(sc, 'unknownThing')).toBe('unknownThing');
  });

  it('names every project family of the scenario, and keeps no second catalogue of names', () => {
    const sc = dijon();
    for (const type of Object.values(sc.projects.catalogue)) expect(Object.hasOwn(fr, `name.project.${type.family}`), type.family).toBe(true);
    const names = Object.keys(fr).filter((k) => k.startsWith('name.'));
    const second = Object.keys(fr).filter((k) => names.some((n) => k === n.replace(/^name\./, 'negotiation.') || k === n.replace(/^name\./, 'screens.')));
    expect(second).toEqual([]);
  });
});
