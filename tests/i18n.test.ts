/** The two catalogues say the same things: same keys (also checked by tsc), same placeholders. */
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { fr } from '../src/i18n/fr';
import { explain, getLang, setLang, t } from '../src/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has the same keys and placeholders in French and English, and no empty string', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of Object.entries(fr)) {
      expect(placeholders(en[key as keyof typeof fr]), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect(en[key as keyof typeof fr].trim(), key).not.toBe('');
    }
  });

  it('starts in French, switches to English and fills placeholders', () => {
    expect(getLang()).toBe('fr');
    expect(t('explain.partner.needsMore', { offeredM: 1, ratePct: 8, paymentM: 2 })).toMatch(/^À 1 M€ par an/);
    setLang('en');
    expect(t('explain.partner.needsMore', { offeredM: 1, ratePct: 8, paymentM: 2 })).toMatch(/^At €1 M a year/);
    setLang('fr');
  });

  it("the partner's reasons shown to the city leave out its private value", () => {
    for (const key of ['partner.accepts', 'partner.walksAway', 'partner.needsLonger']) {
      const params = { valueM: 9.87, capitalM: 23.45, ratePct: 8.4, years: 12, offeredYears: 8, paymentM: 3.1 };
      expect(explain({ key, params })).toMatch(/9,87|23,45/);
      expect(explain({ key, params }, true)).not.toMatch(/9,87|23,45/);
    }
  });
});
