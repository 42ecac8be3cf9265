/** The two catalogues say the same things: same keys (also checked by tsc), same placeholders. */
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { fr } from '../src/i18n/fr';
import { getLang, setLang, t } from '../src/i18n';

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
});
