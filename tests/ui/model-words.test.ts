/**
 * Figures that say what the model does (issue 11), in both languages: one name per grant call
 * (full and short) and per project family, never an id; words agreed with their number through
 * Intl.PluralRules, no "(s)" anywhere; a governance measure worded as the model applies it; the
 * price of a purchase alone before it is made; shares that say of what; the partner's realised NPV
 * told apart from the negotiation chart's value.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang, t } from '../../src/i18n';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { launchAlonePrice, openGrantCalls, PROJECT_FAMILIES } from '../../src/sim';
import { alonePriceWords, governanceWords } from '../../src/ui/words/decisions';
import { metricDescription } from '../../src/ui/words/metrics';
import { callName } from '../../src/ui/words/names';
import { eur } from '../../src/ui/words/numbers';
import { counted, countedTemplate, taxesWords } from '../../src/ui/words/plurals';
import { advance, dijon, freshState } from '../sim/helpers';

const SP = '[\u00a0\u202f]';

afterEach(() => setLang('fr'));

describe('names', () => {
  it('every grant call of the scenario and every project family has a name of its own in each language, never its id', () => {
    const sc = dijon();
    for (const lang of ['fr', 'en'] as const) {
      const catalogue: Record<string, string> = lang === 'fr' ? fr : en;
      for (const c of sc.funding.calls) {
        expect(catalogue[`name.call.${c.id}`], `${lang} ${c.id}`).toBeTruthy();
        expect(catalogue[`name.callShort.${c.id}`], `${lang} ${c.id} short`).toBeTruthy();
      }
      for (const f of PROJECT_FAMILIES) expect(catalogue[`name.project.${f}`], `${lang} ${f}`).toBeTruthy();
    }
  });

  it('writes the French calls in French: DSIL and FEDER spelt out, short forms for tight places', () => {
    setLang('fr');
    expect(callName('dsil')).toBe('DSIL (dotation de soutien à l’investissement local)');
    expect(callName('dsil', 'short')).toBe('DSIL');
    expect(callName('feder', 'short')).toBe('FEDER');
    expect(callName('feder')).toMatch(/^FEDER \(Fonds européen/);
    expect(callName('innovation-pilots')).not.toMatch(/Innovation|pilots/);
    expect(callName('state-extra-14', 'short')).toBe('Appel de l’État');
    setLang('en');
    expect(callName('feder', 'short')).toBe('ERDF');
    expect(callName('innovation-pilots', 'short')).toBe('Innovation pilots');
  });
});

describe('plurals', () => {
  it('agrees through Intl.PluralRules: French puts 0 and 1 in the singular', () => {
    setLang('fr');
    expect(counted(0, 'contractsSigned')).toBe('0 contrat signé');
    expect(counted(1, 'contractsSigned')).toBe('1 contrat signé');
    expect(counted(2, 'contractsSigned')).toBe('2 contrats signés');
    expect(counted(3, 'cancelled')).toBe('3 résiliés');
    expect(counted(1, 'districts')).toBe('1 quartier');
    expect(counted(6, 'yearsPlayed')).toBe('6 années jouées');
    expect(countedTemplate(2, 'contractsSigned')).toBe('{n} contrats signés');
    setLang('en');
    expect(counted(0, 'contractsSigned')).toBe('0 contracts signed');
    expect(counted(1, 'districts')).toBe('1 district');
    expect(counted(1, 'yearsPlayed')).toBe('1 year played');
  });

  it('says the taxes in a sentence, agreed: "impôts inchangés", not "impôts inchangé" nor "impôts 0,0 %"', () => {
    setLang('fr');
    expect(taxesWords(0)).toBe('impôts inchangés');
    expect(taxesWords(0.0004)).toBe('impôts inchangés');
    expect(taxesWords(0.015)).toMatch(new RegExp(`^impôts en hausse de 1,5${SP}%$`));
    expect(taxesWords(-0.025)).toMatch(new RegExp(`^impôts en baisse de 2,5${SP}%$`));
    expect(t('dec.budget.voted', { envelope: '8 M€', taxes: taxesWords(0) })).toMatch(/impôts inchangés/);
    setLang('en');
    expect(taxesWords(0)).toBe('taxes unchanged');
  });

  it('no "(s)" or "(es)" is left in either catalogue', () => {
    for (const catalogue of [fr, en] as Record<string, string>[]) {
      const hand = Object.entries(catalogue).filter(([, v]) => /\w\((e?s|es?)\)/.test(v));
      expect(hand).toEqual([]);
    }
  });
});

describe('the decisions screen says what the model does', () => {
  it('words a governance measure by its effect on the alignment target, not its raw gain', () => {
    const sc = dijon();
    const s = freshState(sc);
    setLang('fr');
    const office = governanceWords(s, sc, 'smartCityOffice');
    // 0.55 + 0.45 × 0.15 = 61.75 %: +6.8 points, not "+15 points".
    expect(office.text).toMatch(new RegExp(`^Cible d’alignement 62${SP}% avec, 55${SP}% sans \\(\\+6,8 points\\)`));
    expect(office.text).not.toMatch(/\+15 points/);
    expect(office.text).toMatch(new RegExp(`2,9${SP}% du chemin`));
    expect(office.tip).toMatch(new RegExp(`15${SP}% de ce chemin`));
    setLang('en');
    expect(governanceWords(s, sc, 'smartCityOffice').text).toMatch(/^Alignment target 62% with it, 55% without \(\+6\.8 points\)/);
  });

  it('shows the price of a purchase alone before it is made, from the sim', () => {
    const sc = dijon();
    const s = freshState(sc);
    advance(s, sc, 10); // the DSIL is open
    const calls = openGrantCalls(s).map((c) => c.id);
    const a = { project: 'streetLighting', districts: [0, 1], pilot: false, grantCalls: calls };
    const price = launchAlonePrice(s, sc, a)!;
    setLang('fr');
    const text = alonePriceWords(s, sc, a);
    expect(text).toContain(`Prix pour la ville${'\u00a0'}: ${eur(price.cityEur)} (`);
    expect(text).toContain(eur(price.expectedGrantsEur));
    expect(alonePriceWords(s, sc, { ...a, grantCalls: [] })).toContain(eur(launchAlonePrice(s, sc, { ...a, grantCalls: [] })!.cityEur));
    expect(alonePriceWords(s, sc, { ...a, districts: [] })).toBe(t('words.alone.pickDistrict'));
  });

  it('says of what each share is: a call covers a share of the works, a cut is a share of the annual payment, concertation a share of the strongest effort', () => {
    for (const lang of ['fr', 'en'] as const) {
      setLang(lang);
      expect(t('words.call.rate', { pct: '50 %' })).toMatch(lang === 'fr' ? /des travaux$/ : /of the works$/);
      expect(t('dec.contract.cutBy', { pct: '5 %' })).toMatch(lang === 'fr' ? /du paiement annuel$/ : /annual payment/);
      expect(t('dec.concertation.now', { pct: '40 %' })).toMatch(lang === 'fr' ? /de l’effort de concertation le plus fort/ : /of the strongest concertation effort/);
    }
  });

  it('says which year the envelope is and what sets it, in every tooltip that shows it', () => {
    setLang('fr');
    expect(metricDescription('envelopeLeftEur')).toMatch(/l’enveloppe de l’année de jeu en cours.*vote du budget/);
    setLang('en');
    expect(metricDescription('envelopeLeftEur')).toMatch(/the envelope of the year being played.*budget vote/);
  });

  it("tells the partner's realised NPV apart from the value on the table's chart", () => {
    setLang('fr');
    expect(metricDescription('partnerNpvEur')).toMatch(/réalisée à ce jour.*graphique de la table/);
    setLang('en');
    expect(metricDescription('partnerNpvEur')).toMatch(/realised so far.*table’s chart/);
  });
});
