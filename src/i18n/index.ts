/**
 * The interface's two languages. French first; the choice is remembered in localStorage.
 * `t(key, params)` is typed by the keys of `fr.ts`, so a missing or misspelt key does not compile.
 */
import { en } from './en';
import { fr, type MessageKey } from './fr';
import { spokenParams } from './chances';

export type { MessageKey };
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text given in both languages, as scenarios and reporters carry them. */
export type Localized = { fr: string; en: string };

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { fr, en };
const STORAGE_KEY = 'horizons.lang';

let current: Lang = 'fr';
const listeners = new Set<(lang: Lang) => void>();

function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/** Reads the remembered language (French when none, or when storage is unavailable). */
export function initLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLang(stored)) current = stored;
  } catch {
    // Storage can be disabled (private mode, file://): stay in French.
  }
  return current;
}

export function getLang(): Lang {
  return current;
}

/** Changes the language, remembers it and tells the subscribers to re-render. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but the switch still applies for this visit.
  }
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The interface string `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOGUES[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A computer player's explanation (a key of the sim and its numbers) in the current language. */
export function explain(e: { key: string; params: Record<string, string | number> }, hidePrivate = false): string {
  // `hidePrivate`: the partner's reasons shown to the city, in their version without private figures.
  const key = hidePrivate && hasMessage(`explain.${e.key}.cityView`) ? `explain.${e.key}.cityView` : `explain.${e.key}`;
  if (!hasMessage(key)) return e.key;
  const fmt = new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.params)) params[k] = typeof v === 'number' ? fmt.format(v) : v;
  // Chances and risks also in words, as people say them (chances.ts): the texts use those.
  return t(key, { ...params, ...spokenParams(e.params, current) });
}

/** Whether `key` is an interface string (for keys built from data, such as units). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGUES.fr, key);
}

/** Picks the current language's version of a text that carries both. */
export function localized(text: Localized): string {
  return text[current];
}

/** The BCP 47 locale used to format numbers in the current language. */
export function numberLocale(): string {
  return current === 'fr' ? 'fr-FR' : 'en-GB';
}
