/** Refusals rendered in French and English from their code and figures (src/i18n/refusals.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n';
import { renderRefusal, renderRefusalCause } from '../src/i18n/refusals';
import { REFUSAL_CODES, termsProblem, type Problem, type RefusalCode, type RefusalParams } from '../src/sim';
import { stepInPlace } from '../src/sim/step';
import { bareProcedure, dijon, dijonLed1200, freshState, NO_POLICIES, terms, variant } from './sim/helpers';
import { newGame } from './state/game-helpers';

/** Figures of the kind each code carries (typed by code: a new code needs its example here). */
const EXAMPLES: Record<RefusalCode, RefusalParams> = {
  notAnAction: { found: 'the string "x"' },
  unknownAction: { type: 'the string "fly"' },
  fieldNotNumber: { field: 'envelopeEur', found: 'nothing' },
  fieldOutOfRange: { field: 'envelopeEur', found: 2e10, min: 0, max: 1e10 },
  fieldNotBoolean: { field: 'on', found: 'the string "yes"' },
  fieldUnknownValue: { field: 'measure', found: 'the string "x"', expected: 'smartCityOffice, interCommunalAgreement, sharedDataPlatform' },
  playableYearsOver: { years: 12 },
  notYourTurn: { turn: 'partner' },
  oneRoundAMonth: {},
  roundsExhausted: { max: 6 },
  awaitingRatification: {},
  purchaseRefusedByCouncil: { project: 'streetLighting', districts: 'centre, nord' },
  noPartner: {},
  noOffer: {},
  ownOffer: {},
  noNegotiation: {},
  offerNoLongerLawful: { cause: 'goldenRule', paymentEur: 3_200_000, grossSavingsEur: 12_500_000, principalEur: 8_000_000, pendingEur: 2_000_000 },
  notPartnerContract: { contract: 7 },
  contractNotRunning: { contract: 3, status: 'cancelled' },
  nothingToGiveUp: { contract: 3 },
  scalePilotByContract: {},
  unknownForm: { found: 'the string "lease"', expected: 'procurement, performance, concession, pilot' },
  noProject: {},
  unknownProject: { project: 'teleporter', known: 'streetLighting' },
  projectTwice: {},
  noDistrict: {},
  unknownDistrict: { district: 9, max: 5 },
  districtTwice: {},
  termNotNumber: { term: 'annual payment', found: 'the number NaN' },
  termOutOfRange: { term: 'city capital share', found: 1.5, min: 0, max: 1 },
  terminationCompensationCap: { found: 0.8, max: 0.5 },
  guaranteeCap: { found: 0.8, max: 0.5 },
  grantCallsNotList: { found: 'an object' },
  grantCallTwice: {},
  grantCallClosed: { call: 'dsil' },
  grantWithoutCityShare: { form: 'partnership', call: 'dsil' },
  pilotForm: {},
  pilotOneDistrict: {},
  pilotNotAllowed: { project: 'streetLighting' },
  pilotDuration: { max: 3, found: 9 },
  contractTooShort: { form: 'performance' },
  procurementTerms: {},
  concessionNeverRecovers: {},
  concessionTooLong: { limit: 14, found: 30 },
  familyUnderContract: { project: 'streetLighting', family: 'streetLighting', district: 'centre', by: 'contract', id: 3 },
  goldenRule: { paymentEur: 900_000_000, grossSavingsEur: 12_500_000, principalEur: 8_000_000, pendingEur: 0 },
  debtCeiling: { borrowEur: 25_000_000, ratioYears: 14.25, ceilingYears: 12 },
  procedurePhase: { phase: 'bids', monthsLeft: 2 },
  budgetSettled: { untilTick: 23 },
  envelopeExceeded: { neededEur: 12_000_000, envelopeLeftEur: 8_000_000 },
  envelopeUnfinanceable: { envelopeEur: 60_000_000, capacityEur: 21_000_000 },
  paymentsDueNotCarried: { envelopeEur: 2_000_000, dueEur: 9_000_000 },
  programmeUnfinanceable: { yearsAhead: 2, neededEur: 40_000_000, worksEur: 20_000_000, capacityEur: 30_000_000 },
  realBalance: { taxCutEur: 4_000_000, netSavingsEur: 1_500_000 },
  taxOutsideBudget: { month: 3, nextBudgetTick: 12 },
  taxAlreadyVoted: { votedTick: 0, nextBudgetTick: 12 },
  taxCap: { taxLevel: 1.99, change: 0.03, foundLevel: 2.02, capLevel: 2 },
  lendersRefuse: { borrowEur: 25_000_000, signedYears: 13.2, ratioYears: 16.5, limitYears: 15, referenceYears: 12 },
  deferredPayment: { form: 'performance', cityCapitalShare: 0.5 },
  outlivesEquipment: { project: 'dataPlatform', lifetimeYears: 12, durationYears: 20 },
  partnershipBelowThreshold: { capexEur: 1_500_000, thresholdEur: 2_000_000, object: 'equipmentOrPerformance' },
  partnershipNotStudied: { readyInMonths: 4 },
  partnershipNoValueForMoney: { partnershipValueEur: 12_000_000, procurementValueEur: 15_000_000 },
  partnershipStudyExists: { readyTick: 9 },
  concessionNoOperatingRisk: { paymentEur: 3_000_000, partnerValueEur: 1_000_000 },
  amendmentPending: { contract: 2 },
  amendmentUnbalanced: { contract: 2, paymentCut: 0.4 },
  amendmentTooLong: { contract: 2, limitYears: 30, foundYears: 34.5 },
  amendmentSubstantial: { contract: 1, modificationEur: 3_150_000, initialValueEur: 12_240_000, limitShare: 0.15, thresholdEur: 5_404_000, object: 'works' },
  noAmendment: { contract: 2 },
  aboveCompetitiveBid: { paymentEur: 4_200_000, capEur: 3_600_000, bidders: 4 },
  fieldNotWholeNumber: { field: 'seed', found: 'the number NaN', min: 0, max: 4294967295 },
  fieldNotData: { field: 'terms.note', found: 'a function' },
  fieldUnknown: { field: 'junk', action: 'setConcertation', expected: 'level, explanation' },
  wrongScreen: { action: 'advance', screen: 'menu', possible: 'months, negotiation, epilogue' },
  noMonthOpen: {},
  sideComputer: { side: 'partner' },
  sideNotYours: { side: 'city' },
  sidePlayedByPeople: { side: 'city', role: 'both' },
  noSideToPlay: {},
  needsGame: { action: 'propose' },
  noSave: {},
  saveUnreadable: { error: 'the autosave is not a JSON object' },
  saveDoesNotReplay: { year: 2, hash: 'abc', saved: 'def' },
  noUnreadableSave: {},
  internalError: { message: 'boom' },
};

/** A sentence to show a player: starts with a capital, ends with a full stop, no placeholder or leak. */
function expectReadable(text: string, what: string): void {
  expect(text, what).toMatch(/^\p{Lu}/u);
  expect(text, what).toMatch(/[.)]$/);
  expect(text, what).not.toMatch(/\{|\}|undefined|(?<!number |nombre )NaN|\[object|null\b/);
}

const LEADS = { fr: /^[\p{L}’ ]+ refusée? (par|:) /u, en: /^[\p{L}’ ]+ refused( by|:) /u };

describe('refusals in French and English', () => {
  afterEach(() => setLang('fr'));

  it('every code renders in both languages, saying what was refused, with its figures', () => {
    for (const code of REFUSAL_CODES) {
      const p = { code, params: EXAMPLES[code] };
      const fr = renderRefusal(p, {}, 'fr');
      const en = renderRefusal(p, {}, 'en');
      expectReadable(fr, `${code} fr: ${fr}`);
      expectReadable(en, `${code} en: ${en}`);
      expect(fr, code).toMatch(LEADS.fr);
      expect(en, code).toMatch(LEADS.en);
      expect(fr, code).not.toBe(en);
      // Every figure is quoted: a number's whole part shows up (formatted) in the sentence.
      for (const [k, v] of Object.entries(p.params)) {
        if (typeof v !== 'number' || k === 'min' || (code === 'fieldNotWholeNumber' && k === 'max')) continue;
        const whole = Math.trunc(Math.abs(v) >= 1e6 ? v / 1e6 : Math.abs(v) >= 1e4 ? v / 1e3 : v <= 1 && !['contract', 'district', 'year', 'years', 'max', 'limit', 'found'].includes(k) ? v * 100 : v);
        const digits = String(whole).replace(/\B(?=(\d{3})+$)/g, '[\\s\\u00a0\\u202f,]?');
        expect(fr, `${code}.${k} fr`).toMatch(new RegExp(digits));
        expect(en, `${code}.${k} en`).toMatch(new RegExp(digits));
      }
    }
  });

  it('formats money, shares and years in each language', () => {
    const golden = { code: 'goldenRule' as const, params: EXAMPLES.goldenRule };
    expect(renderRefusal(golden, {}, 'fr')).toBe(
      'Offre refusée par l’équilibre réel (art. L1612-4 du CGCT) : payer 900\u00a0M€ par an laisserait la section de fonctionnement incapable de rembourser la dette sur ses ressources propres (épargne brute 12,5\u00a0M€, remboursement 8\u00a0M€, paiements déjà signés 0\u00a0€).',
    );
    expect(renderRefusal(golden, {}, 'en')).toMatch(/^Offer refused by the real balance \(art\. L1612-4 of the CGCT\): paying €900\u00a0M a year .*gross savings €12.5\u00a0M/);
    expect(renderRefusal({ code: 'guaranteeCap', params: { found: 0.8, max: 0.5 } }, {}, 'fr')).toMatch(/de 80\u00a0% dépasse le plafond de 50\u00a0%/);
    expect(renderRefusal({ code: 'debtCeiling', params: EXAMPLES.debtCeiling }, {}, 'fr')).toMatch(/à 14,3\u00a0ans, au-delà du plafond de 12\u00a0ans/);
    expect(renderRefusal({ code: 'pilotNotAllowed', params: { project: 'x' } }, { project: () => 'Éclairage LED' }, 'fr')).toMatch(/le projet Éclairage LED ne peut pas/);
    // The language of the interface by default.
    setLang('en');
    expect(renderRefusal({ code: 'noOffer', params: {} })).toBe('Acceptance refused: there is no offer to accept.');
    setLang('fr');
    expect(renderRefusal({ code: 'noOffer', params: {} })).toBe('Acceptation refusée : il n’y a pas d’offre à accepter.');
  });

  it('an action too large to take says what it expected, in both languages', () => {
    const p = { code: 'fieldNotData' as const, params: { field: 'terms.extra', found: 'more than 100,000 values', expected: 'at most 100,000 values in an action' } };
    expect(renderRefusal(p, {}, 'en')).toContain('found more than 100,000 values; expected at most 100,000 values in an action');
    expect(renderRefusal(p, {}, 'fr')).toContain('ne peut être repris (reçu more than 100,000 values ; attendu at most 100,000 values in an action)');
  });

  it('an offer no longer lawful quotes its inner refusal, and a cause reads without its lead', () => {
    const p = { code: 'offerNoLongerLawful' as const, params: EXAMPLES.offerNoLongerLawful };
    expect(renderRefusal(p, {}, 'fr')).toMatch(/^Acceptation refusée : l’offre n’est plus légale : l’équilibre réel \(art\. L1612-4 du CGCT\) : payer 3,2\u00a0M€ par an/);
    expect(renderRefusal(p, {}, 'en')).toMatch(/^Acceptance refused: the offer is no longer lawful: the real balance \(art\. L1612-4 of the CGCT\): paying €3.2\u00a0M a year/);
    expect(renderRefusalCause({ code: 'noProject', params: {} }, {}, 'fr')).toBe('elle ne nomme aucun projet.');
    expect(renderRefusalCause({ code: 'concessionTooLong', params: { limit: 14, found: 30 } }, {}, 'en')).toMatch(/^a concession may not run longer .*here 14 years, not 30 years\.$/);
  });

  it('real refusals from the model and the store render in both languages', () => {
    const sc = dijon();
    const s = freshState();
    const found: Problem[] = [];
    const add = (p: Problem | null | { ok: boolean }) => {
      expect(p, 'a situation gave no refusal').not.toBeNull();
      if (p && 'code' in p) found.push(p);
      else throw new Error(`no refusal: ${JSON.stringify(p)}`);
    };
    const problem = (t: object) => termsProblem(s, sc, terms(t as never));
    add(problem({ annualPaymentEur: 9e8 }));
    // A concession's lawful length at DESIGN §4's LED price (the figures of this case).
    const led = dijonLed1200();
    add(termsProblem(freshState(led), led, terms({ form: 'concession', districts: [0, 1, 2, 3, 4, 5, 6, 7], annualPaymentEur: 2e6, savingsShareToPartner: 0.9, cityCapitalShare: 0.3, durationYears: 25 })));
    add(problem({ form: 'concession', durationYears: 10, annualPaymentEur: 0, cityCapitalShare: 0 }));
    add(problem({ pilot: true }));
    add(problem({ form: 'pilot', pilot: true, districts: [0, 1] }));
    add(problem({ form: 'pilot', pilot: true, durationYears: 9 }));
    add(problem({ form: 'procurement', annualPaymentEur: 10 }));
    add(problem({ form: 'performance', durationYears: 0 }));
    add(problem({ projects: [] }));
    add(problem({ districts: [] }));
    add(problem({ grantCalls: ['nope'] }));
    add(problem({ cityCapitalShare: 2 }));
    const strict = variant({ 'negotiation.maxTerminationCompensation': 0.5, 'negotiation.maxGuaranteedSavingShare': 0.5 });
    add(termsProblem(freshState(strict), strict, terms({ terminationCompensation: 0.8 })));
    add(termsProblem(freshState(strict), strict, terms({ guaranteedSavingShare: 0.8 })));
    const indebted = variant({ 'city.debtEur': 2.5e9 });
    add(termsProblem(freshState(indebted), indebted, terms({ cityCapitalShare: 1, annualPaymentEur: 0 })));
    // Actions: turns, rounds, fields; and an accepted offer the budget can no longer bear.
    const offer = (by: string) => ({ type: 'propose', by, terms: terms() });
    const bare = bareProcedure();
    const t = freshState(bare);
    const refused = (r: { ok: boolean } | undefined) => add(r as never);
    refused(stepInPlace(t, bare, [{ type: 'accept', by: 'city' }], NO_POLICIES)[0]);
    // One offer and its answer a month: a third move waits (on a copy: the table keeps the city's offer).
    refused(stepInPlace(structuredClone(t), bare, [offer('city'), offer('partner'), offer('city')], NO_POLICIES)[2]);
    stepInPlace(t, bare, [offer('city')], NO_POLICIES);
    refused(stepInPlace(t, bare, [{ type: 'setBudget', envelopeEur: -1, taxChange: 0 }], NO_POLICIES)[0]);
    refused(stepInPlace(t, bare, [{ type: 'governance', measure: 'x', on: true }], NO_POLICIES)[0]);
    t.city.grossSavingsEur = -1e9;
    const late = stepInPlace(t, bare, [{ type: 'accept', by: 'partner' }], NO_POLICIES)[0] as Problem;
    expect(late.code).toBe('offerNoLongerLawful');
    refused(late as never);
    // The store's own refusals.
    const g = newGame();
    refused(g.api.dispatch({ type: 'advance' }));
    refused(g.api.dispatch({ type: 'continueSave' }));
    refused(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'both', seed: 3, city: 'steady-mayor' }));
    refused(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: -1 }));
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 3 });
    refused(g.api.dispatch({ type: 'propose', by: 'city', terms: terms() }));
    refused(g.api.dispatch({ type: 'setSpeed', speed: 5 }));

    const codes = new Set(found.map((p) => p.code));
    for (const c of ['goldenRule', 'concessionTooLong', 'offerNoLongerLawful', 'wrongScreen', 'noSave', 'sidePlayedByPeople', 'fieldNotWholeNumber', 'fieldOutOfRange', 'termOutOfRange'] as const) expect(codes, c).toContain(c);
    for (const p of found) {
      for (const lang of ['fr', 'en'] as const) {
        const text = renderRefusal(p, {}, lang);
        expectReadable(text, `${p.code} ${lang}: ${text} (${p.reason})`);
        expect(text, p.code).toMatch(LEADS[lang]);
      }
    }
  });
});
