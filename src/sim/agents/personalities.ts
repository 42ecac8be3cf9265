/**
 * Named personalities of the computer players (DESIGN §4), with their parameters.
 *
 * A personality changes two things. Its lens: the parameters through which it values a deal,
 * overriding the scenario's (a short-sighted mayor adds a 30 %/yr electoral hazard, a patient
 * partner discounts at 6 %); a field left out keeps the scenario's value, so the scenario's knobs
 * (`--set city.electoralHazard=…`) still act on it. And its bargaining manner: `patience`, the
 * share of its expected value it is ready to wait one more round (month) for — the δ of
 * `shouldAccept`, lower when cash or an election presses —, and for the partner `marginShare`, the
 * bid margin it needs on the capital it puts in. The city's patience also falls as the election
 * nears: patience × (1 − 0.02 × 12 ÷ max(12, months to the election)); a side's δ per round is its
 * patience times its own discounting over the month (negotiator.ts, `roundDelta`).
 */
import type { Scenario } from '../scenario-schema';

export interface CityPersonality {
  side: 'city';
  id: string;
  name: { fr: string; en: string };
  describe: { fr: string; en: string };
  lens: { presentBias?: number; electoralHazard?: number; riskAversion?: number };
  patience: number;
  /** Longest contract it considers, years. */
  maxYears: number;
}

export interface PartnerPersonality {
  side: 'partner';
  id: string;
  name: { fr: string; en: string };
  describe: { fr: string; en: string };
  lens: { discountRate?: number; horizonYears?: number; riskAversion?: number };
  patience: number;
  marginShare: number;
}

export const CITY_PERSONALITIES: readonly CityPersonality[] = [
  {
    side: 'city',
    id: 'steady-mayor',
    name: { fr: 'Maire pragmatique', en: 'Steady mayor' },
    describe: {
      fr: 'Compte comme le scénario le dit (taux public, biais pour le présent, risque électoral) ; négocie sans hâte particulière.',
      en: 'Counts as the scenario says (public rate, present bias, electoral hazard); bargains without particular haste.',
    },
    lens: {},
    patience: 0.97,
    maxYears: 20,
  },
  {
    side: 'city',
    id: 'short-sighted-mayor',
    name: { fr: 'Maire à courte vue', en: 'Short-sighted mayor' },
    describe: {
      fr: 'Pense à la prochaine élection : 30 %/an de risque électoral sur ce qui vient après, biais pour le présent 0,6 ; pressé de conclure.',
      en: 'Thinks of the next election: a 30 %/yr electoral hazard on what comes after it, present bias 0.6; in a hurry to conclude.',
    },
    lens: { presentBias: 0.6, electoralHazard: 0.3 },
    patience: 0.9,
    maxYears: 12,
  },
  {
    side: 'city',
    id: 'long-term-mayor',
    name: { fr: 'Maire du temps long', en: 'Long-term mayor' },
    describe: {
      fr: 'Majorité solide : pas de risque électoral, pas de biais pour le présent ; compte au taux public de 3,2 % et sait attendre.',
      en: 'A safe majority: no electoral hazard, no present bias; counts at the 3.2 % public rate and can wait.',
    },
    lens: { presentBias: 1, electoralHazard: 0 },
    patience: 0.99,
    maxYears: 25,
  },
];

export const PARTNER_PERSONALITIES: readonly PartnerPersonality[] = [
  {
    side: 'partner',
    id: 'infrastructure-partner',
    name: { fr: 'Partenaire d\u2019infrastructure', en: 'Infrastructure partner' },
    describe: {
      fr: 'Compte au coût du capital du scénario (8,4 %) sur son horizon ; demande une marge de 4 % du capital qu\u2019il engage.',
      en: 'Counts at the scenario\u2019s cost of capital (8.4 %) over its horizon; asks a margin of 4 % of the capital it puts in.',
    },
    lens: {},
    patience: 0.97,
    marginShare: 0.04,
  },
  {
    side: 'partner',
    id: 'patient-partner',
    name: { fr: 'Partenaire patient', en: 'Patient partner' },
    describe: {
      fr: 'Investisseur de long terme : 3,5 %/an réels, horizon 30 ans, peu averse au risque ; sait attendre une meilleure offre.',
      en: 'A long-term investor: 3.5 %/yr real, a 30-year horizon, little risk aversion; can wait for a better offer.',
    },
    lens: { discountRate: 0.035, horizonYears: 30, riskAversion: 0.3 },
    patience: 0.995,
    marginShare: 0.06,
  },
  {
    side: 'partner',
    id: 'cash-hungry-partner',
    name: { fr: 'Partenaire pressé', en: 'Cash-hungry partner' },
    describe: {
      fr: 'A besoin de trésorerie : 12 %/an, horizon 12 ans, averse au risque ; conclut vite, même à moindre marge.',
      en: 'Needs cash: 12 %/yr, a 12-year horizon, risk-averse; closes fast, even at a thinner margin.',
    },
    lens: { discountRate: 0.12, horizonYears: 12, riskAversion: 0.7 },
    patience: 0.85,
    marginShare: 0.02,
  },
];

export function partnerPersonality(id: string): PartnerPersonality | undefined {
  return PARTNER_PERSONALITIES.find((p) => p.id === id);
}

/**
 * The views already made, by scenario and personality: a scenario is never changed once parsed
 * (the model only reads it), so a personality's view of it is made once, not at each decision
 * (a copy of the scenario's sections each time). Weak keys: a scenario or personality no longer
 * used takes its views with it.
 */
const CITY_VIEWS = new WeakMap<Scenario, WeakMap<CityPersonality, Scenario>>();
const PARTNER_VIEWS = new WeakMap<Scenario, WeakMap<PartnerPersonality, Scenario>>();

function viewOf<P extends { lens: object }>(views: WeakMap<Scenario, WeakMap<P, Scenario>>, scenario: Scenario, p: P, make: () => Scenario): Scenario {
  const lens = p.lens;
  let byPersonality = views.get(scenario);
  if (byPersonality === undefined) {
    byPersonality = new WeakMap();
    views.set(scenario, byPersonality);
  }
  let view = byPersonality.get(p);
  if (view === undefined) {
    // A lens that overrides nothing sees the scenario itself (the same values; callers may then
    // share what they compute from the two, negotiator.ts).
    view = Object.keys(lens).length === 0 ? scenario : make();
    byPersonality.set(p, view);
  }
  return view;
}

/** The scenario as a city personality sees it (its lens overrides the scenario's parameters). */
export function cityView(scenario: Scenario, p: CityPersonality): Scenario {
  return viewOf(CITY_VIEWS, scenario, p, () => ({ ...scenario, city: { ...scenario.city, ...p.lens } }));
}

/** The scenario as a partner personality sees it. */
export function partnerView(scenario: Scenario, p: PartnerPersonality): Scenario {
  return viewOf(PARTNER_VIEWS, scenario, p, () => ({ ...scenario, partner: { ...scenario.partner, ...p.lens } }));
}
