/**
 * Issue 11: computer players speak as people do. Their reasons say a chance, a yearly risk or a
 * patience in words ("about one chance in two"), never as the model's figure ("46.9 %").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { explain, setLang } from '../src/i18n';
import { chanceWords } from '../src/i18n/chances';

afterAll(() => setLang('fr'));

describe('chances in words', () => {
  it('bands a share as people say it, in both languages', () => {
    expect(chanceWords(0.469, 'en')).toBe('about one chance in two');
    expect(chanceWords(0.469, 'fr')).toBe('environ une chance sur deux');
    expect(chanceWords(0.7, 'en')).toBe('a good chance');
    expect(chanceWords(0.1, 'fr')).toBe('peu de chances');
    expect(chanceWords(0.99, 'en')).toBe('every chance');
  });

  it('the computer players’ reasons carry no internal percentage of chance, risk or patience', () => {
    const cases: { key: string; params: Record<string, number | string>; en: string; fr: string }[] = [
      { key: 'city.opens', params: { project: 'x', years: 12, paymentM: 1.2, valueM: 3.4, acceptPct: 46.9 }, en: 'about one chance in two', fr: 'environ une chance sur deux' },
      { key: 'city.counters', params: { offeredM: 2, valueM: 1, paymentM: 1.5, years: 12, believedPatiencePct: 96.3 }, en: 'patient', fr: 'patient' },
      { key: 'partner.needsCompensation', params: { cancelRiskPct: 7.5, compensationPct: 60, paymentM: 1.5 }, en: 'a real risk each year', fr: 'un risque réel chaque année' },
    ];
    for (const lang of ['fr', 'en'] as const) {
      setLang(lang);
      for (const c of cases) {
        const text = explain(c);
        expect(text).toContain(c[lang]);
        expect(text, text).not.toMatch(/46[.,]9|96[.,]3|7[.,]5/);
      }
    }
  });
});
