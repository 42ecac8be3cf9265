/**
 * Refusals: the one vocabulary between the rules and the screens.
 *
 * A rule that forbids something answers with a `Refusal`: a stable `code` (one of `REFUSAL_CODES`),
 * the figures it quotes in `params`, and `reason`, a readable English sentence for logs and
 * scripts. The game renders refusals in French and English from `code` + `params` (src/i18n);
 * nothing ever parses `reason` back into meaning.
 */
import { describeValue } from './scenario';

/** Refusals of the game's flow (src/state): screens, roles, saves, the store's own checks. */
export const GAME_FLOW_REFUSALS = [
  'fieldNotWholeNumber',
  // an action's field that is not JSON data (a function, a Symbol, NaN…), or not a field of its type
  'fieldNotData',
  'fieldUnknown',
  'wrongScreen',
  'noMonthOpen',
  'sideComputer',
  'sideNotYours',
  'sidePlayedByPeople',
  'noSideToPlay',
  'needsGame',
  'noSave',
  'saveUnreadable',
  'saveDoesNotReplay',
  'noUnreadableSave',
  'internalError',
] as const;

/**
 * Refusals the model no longer gives, kept so that old saves' logs still render: `debtCeiling`
 * (v1: the 12-year debt-capacity reference was a cap; it is now an alarm, and the lenders' limit
 * refuses instead, `lendersRefuse` in rules/legality.ts).
 */
export const RETIRED_REFUSALS = ['debtCeiling'] as const;

/** Every refusal the model or the game can give, by the rule it comes from. */
export const REFUSAL_CODES = [
  // shape of an action or of its fields
  'notAnAction',
  'unknownAction',
  'fieldNotNumber',
  'fieldOutOfRange',
  'fieldNotBoolean',
  'fieldUnknownValue',
  // time and turns
  'playableYearsOver',
  'notYourTurn',
  'oneRoundAMonth',
  'roundsExhausted',
  'awaitingRatification',
  'noPartner',
  'noOffer',
  'ownOffer',
  'noNegotiation',
  'offerNoLongerLawful',
  // contracts already signed
  'notPartnerContract',
  'contractNotRunning',
  'scalePilotByContract',
  // giving up the services of a contract that runs none that can be switched off (rules/contracts.ts)
  'nothingToGiveUp',
  // the terms of an offer (rules/terms.ts)
  'unknownForm',
  'noProject',
  'unknownProject',
  'projectTwice',
  'noDistrict',
  'unknownDistrict',
  'districtTwice',
  'termNotNumber',
  'termOutOfRange',
  'terminationCompensationCap',
  'guaranteeCap',
  'grantCallsNotList',
  'grantCallTwice',
  'grantCallClosed',
  'grantWithoutCityShare',
  'pilotForm',
  'pilotOneDistrict',
  'pilotNotAllowed',
  'pilotDuration',
  'contractTooShort',
  'procurementTerms',
  'concessionNeverRecovers',
  'concessionTooLong',
  // the same service bought twice in a district (rules/services.ts)
  'familyUnderContract',
  // a purchase alone the council refused in this mandate, put to it again unchanged (rules/negotiation.ts `purchaseBarred`)
  'purchaseRefusedByCouncil',
  // the award procedure and competition (rules/procedure.ts)
  'procedurePhase',
  'aboveCompetitiveBid',
  // contract forms, their money and their ends (rules/terms.ts, rules/contracts.ts, actions.ts)
  'deferredPayment',
  'outlivesEquipment',
  'partnershipBelowThreshold',
  'partnershipNotStudied',
  'partnershipNoValueForMoney',
  'partnershipStudyExists',
  'concessionNoOperatingRisk',
  'amendmentPending',
  'amendmentUnbalanced',
  'amendmentTooLong',
  // amendments beyond de minimis: a substantial modification needs a new award (CCP R2194-7, R2194-8)
  'amendmentSubstantial',
  'noAmendment',
  // the budget (CGCT): rules/legality.ts
  'goldenRule',
  'budgetSettled',
  'envelopeExceeded',
  'envelopeUnfinanceable',
  'paymentsDueNotCarried',
  'programmeUnfinanceable',
  'realBalance',
  'lendersRefuse',
  // taxes voted once a year with the budget, within their legal cap (CGI 1639 A, 1636 B septies): rules/legality.ts
  'taxOutsideBudget',
  'taxAlreadyVoted',
  'taxCap',
  // no longer given: see RETIRED_REFUSALS
  ...RETIRED_REFUSALS,
  // game flow: see GAME_FLOW_REFUSALS
  ...GAME_FLOW_REFUSALS,
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type RefusalParams = Record<string, string | number | boolean>;

/** Why something cannot be done: a code, its figures, and a sentence for logs. */
export interface Problem {
  code: RefusalCode;
  params: RefusalParams;
  reason: string;
}

/** An action refused: the state did not change. */
export interface Refusal extends Problem {
  ok: false;
}

/**
 * A check's answer: null when allowed; the `Problem` when the caller asked for it explained; `false`
 * when it asked only whether (the computer players' fast path, `termsLawful`): the same rules,
 * without building the message and its figures.
 */
export type Verdict = Problem | false | null;

export function problem(code: RefusalCode, params: RefusalParams, reason: string): Problem {
  return { code, params, reason };
}

export function refusal(p: Problem): Refusal {
  return { ok: false, code: p.code, params: p.params, reason: p.reason };
}

/** A value as a person reads it in a message: the number NaN, the string "1", a function, nothing (scenario.ts `describeValue`). */
export function found(x: unknown): string {
  return describeValue(x);
}

/** Checks that a field is a finite number within bounds; the problem otherwise. */
export function numberProblem(x: unknown, field: string, min: number, max: number): Problem | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    return problem('fieldNotNumber', { field, found: found(x) }, `${field}: found ${found(x)}, expected a number from ${min} to ${max}`);
  }
  if (x < min || x > max) return problem('fieldOutOfRange', { field, found: x, min, max }, `${field}: found ${x}, expected between ${min} and ${max}`);
  return null;
}
