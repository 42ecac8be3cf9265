/**
 * Computer players speak as people do (issue 11): a chance, a yearly risk or a side's patience is
 * said in words ("about one chance in two", "a real risk each year", "patient"), not as the
 * model's figure ("46.9 %"). The bands are verbal-probability bands of the kind forecasters use
 * (cf. the IPCC's "likely" = 66–100 %, Mosteller & Youtz 1990), rounded to what a person says.
 * `explain()` (index.ts) adds these words beside the figures of an explanation's parameters, so
 * the sim's explanations and the game's log keep their figures.
 */
import type { Lang } from './index';

/** Upper bounds of each band (the last band takes the rest), in order. */
interface Bands {
  upTo: readonly number[];
  words: Record<Lang, readonly string[]>;
}

/** A chance, as a noun phrase ("we give the partner … of accepting"). */
const CHANCE: Bands = {
  upTo: [0.05, 0.2, 0.4, 0.6, 0.8, 0.95],
  words: {
    fr: ['presque aucune chance', 'peu de chances', 'moins d’une chance sur deux', 'environ une chance sur deux', 'de bonnes chances', 'de très bonnes chances', 'toutes les chances'],
    en: ['almost no chance', 'little chance', 'less than an even chance', 'about one chance in two', 'a good chance', 'a very good chance', 'every chance'],
  },
};

/** A yearly risk, as an adjective of "risk" (one a year, compounding over a contract's years). */
const YEARLY_RISK: Bands = {
  upTo: [0.02, 0.05, 0.1, 0.2],
  words: {
    fr: ['minime', 'faible', 'réel', 'sérieux', 'élevé'],
    en: ['slight', 'small', 'real', 'serious', 'high'],
  },
};

/** A bargainer's patience (its δ per round, 0.85–0.995 in negotiator.ts), as an adjective. */
const PATIENCE: Bands = {
  upTo: [0.9, 0.95, 0.975],
  words: {
    fr: ['pressé', 'assez patient', 'patient', 'très patient'],
    en: ['in a hurry', 'fairly patient', 'patient', 'very patient'],
  },
};

function band(b: Bands, share: number, lang: Lang): string {
  const i = b.upTo.findIndex((u) => share < u);
  return b.words[lang][i < 0 ? b.upTo.length : i]!;
}

/** How a share (0–1) reads as a chance in `lang` ("about one chance in two"). */
export function chanceWords(share: number, lang: Lang): string {
  return band(CHANCE, share, lang);
}

/** The parameters in words that go with an explanation's figures (`acceptPct` → `acceptChance`…). */
export function spokenParams(params: Record<string, string | number>, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  const pct = (k: string) => (typeof params[k] === 'number' ? (params[k] as number) / 100 : null);
  const accept = pct('acceptPct');
  if (accept !== null) out.acceptChance = chanceWords(accept, lang);
  const cancel = pct('cancelRiskPct');
  if (cancel !== null) out.cancelRisk = band(YEARLY_RISK, cancel, lang);
  const patience = pct('believedPatiencePct');
  if (patience !== null) out.believedPatience = band(PATIENCE, patience, lang);
  return out;
}
