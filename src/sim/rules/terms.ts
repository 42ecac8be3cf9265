/**
 * What an offer may contain: the legal and physical bounds of contract terms.
 *
 * An offer outside them is refused with a reason a player can read, and the state does not change.
 * Bounds: known projects and districts; shares within 0–1; a pilot in one district, only for
 * projects that can start as pilots, for at most `pilotMaxYears`; no deferred payment outside a
 * partnership contract (CCP L2191-5: a global performance contract has the city pay the works as
 * built); a partnership contract (*marché de partenariat*) only above the thresholds of R2211-1,
 * after its prior evaluation and budget-sustainability study (L2212-1, L2212-2) and when that
 * evaluation finds it better value than procurement; a concession that leaves the operating risk
 * with the partner (L1121-1: the public payment alone does not repay it) and, when it runs over
 * five years, no longer than the time the partner needs to recover its investment with a normal
 * return, at its cost of capital without the model's political premium (R3114-2); no contract beyond 30 years (a bound of the model, not of the law); and the city's budget: its envelope,
 * real balance and what lenders accept (rules/legality.ts).
 */
import { CONTRACT_FORMS, type Scenario } from '../scenario-schema';
import type { ContractTerms, SimState } from '../types';
import { found, problem, type Problem, type Verdict } from '../refusal';
import { projectType } from './catalogue';
import { applicationValid, callOpen } from './funding';
import { dealContext, dealFlows, partnerLawLens, valueForMoney, valueForMoneyOfScope, type DealContext } from './valuation';
import { deploymentCapexEur } from './catalogue';
import { partnerWeights } from './discount';
import { competitionProblem } from './procedure';
import { budgetFigures, commitmentAllowed, commitmentProblem, worksCapitalEur, type WorksCapital } from './legality';
import { serviceHeldProblem } from './services';

/** The scope and length of terms the city pays in full (its own purchase, a baseline's opening offer). */
export type CityPaidScope = Pick<ContractTerms, 'form' | 'projects' | 'districts' | 'pilot' | 'durationYears' | 'grantCalls'>;

/**
 * Terms with the city paying the works and no payment, guarantee, penalty, compensation or savings
 * share: the city's own purchases (`launchAlone`) and the baselines' offers start from them.
 */
export function cityPaidTerms(scope: CityPaidScope): ContractTerms {
  return {
    form: scope.form,
    projects: scope.projects,
    districts: scope.districts,
    pilot: scope.pilot,
    durationYears: scope.durationYears,
    cityCapitalShare: 1,
    annualPaymentEur: 0,
    guaranteedSavingShare: 0,
    penaltyRate: 0,
    terminationCompensation: 0,
    dataOwnership: 'city',
    savingsShareToPartner: 0,
    grantCalls: scope.grantCalls,
  };
}

export const MAX_CONTRACT_YEARS = 30;

/** A concession of at most this many years is not bounded by the recovery of its investment (CCP R3114-2 applies to those over five years). */
const CONCESSION_FREE_YEARS = 5;

const fmtM = (eur: number) => `€${(eur / 1e6).toFixed(1)} M`;


/** Years the partner needs to recover its investment at its cost of capital under these terms (∞ if never). */
export function paybackYears(state: SimState, scenario: Scenario, terms: ContractTerms): number {
  const long: ContractTerms = { ...terms, durationYears: MAX_CONTRACT_YEARS + 10 };
  // The city judges lawfulness on public figures: it cannot see the partner's true costs.
  const flows = dealFlows(state, scenario, long, 'partner', 'public');
  // Recovery with a normal return: the partner's cost of capital, without the model's
  // political-risk premium (R3114-2 speaks of the investment and its return, not of politics).
  const weights = partnerWeights(partnerLawLens(scenario), flows.years);
  let v = 0;
  for (let k = 0; k < flows.years; k++) {
    v += flows.partner.net[k]! * weights[k]!;
    if (v >= 0) return k + 1;
  }
  return Infinity;
}

/**
 * The partner's value, at its cost of capital alone, of the public payment with no share of the
 * savings: ≥ 0 when the city's payment alone repays its costs with a return (euros).
 */
function guaranteedRecovery(state: SimState, scenario: Scenario, terms: ContractTerms): number {
  const flows = dealFlows(state, scenario, { ...terms, savingsShareToPartner: 0 }, 'partner', 'public');
  const weights = partnerWeights(partnerLawLens(scenario), flows.years);
  let v = 0;
  for (let k = 0; k < flows.years; k++) v += (flows.partner.net[k]! - flows.partner.savings[k]!) * weights[k]!;
  return v;
}

/** Which of the thresholds of R2211-1 applies to a deal: by its main object (its dearest project). */
export function partnershipThreshold(scenario: Scenario, terms: ContractTerms): { object: 'equipmentOrPerformance' | 'networkWorks' | 'other'; thresholdEur: number; capexEur: number } {
  let capex = 0;
  let main = terms.projects[0]!;
  let mainCapex = -1;
  for (const id of terms.projects) {
    const t = projectType(scenario, id)!;
    let c = 0;
    for (const d of terms.districts) c += deploymentCapexEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1);
    capex += c;
    if (c > mainCapex) {
      mainCapex = c;
      main = id;
    }
  }
  const t = projectType(scenario, main)!;
  const energyTargets = terms.guaranteedSavingShare > 0 && t.benefits.energyMWhPerUnit > 0;
  const object = EQUIPMENT_FAMILIES.includes(t.family) || energyTargets ? 'equipmentOrPerformance' : NETWORK_FAMILIES.includes(t.family) ? 'networkWorks' : 'other';
  return { object, thresholdEur: scenario.negotiation.partnershipThresholdsEur[object], capexEur: capex };
}

/** Families whose main object is an IT system or equipment other than works. */
const EQUIPMENT_FAMILIES: readonly string[] = ['dataPlatform', 'citizenApp', 'wasteSensors'];

/** Families whose works are network infrastructure (energy, transport, urban development, water). */
const NETWORK_FAMILIES: readonly string[] = ['streetLighting', 'smartTraffic', 'mobilityServices', 'leakDetection', 'greenInfrastructure', 'pedestrianPriority'];

/** The prior evaluation that covers these projects and districts, if any (done or under way). */
export function partnershipStudyFor(state: Readonly<SimState>, terms: { projects: string[]; districts: number[] }) {
  return state.partnershipStudies.find((s) => terms.projects.every((p) => s.projects.includes(p)) && terms.districts.every((d) => s.districts.includes(d)));
}

/**
 * A partnership contract (marché de partenariat) is lawful above the thresholds of R2211-1, once
 * its prior evaluation and budget-sustainability study are done (L2212-1, L2212-2), and when that
 * evaluation finds it better value than public procurement.
 */
function partnershipCheck(state: SimState, scenario: Scenario, terms: ContractTerms, explain: boolean, valueOf?: ValueForMoneyOf): Verdict {
  const th = partnershipThreshold(scenario, terms);
  if (th.capexEur < th.thresholdEur) {
    if (!explain) return false;
    return problem('partnershipBelowThreshold', { capexEur: th.capexEur, thresholdEur: th.thresholdEur, object: th.object }, `a partnership contract is allowed only above ${fmtM(th.thresholdEur)} of works for its object (CCP R2211-1): these works cost ${fmtM(th.capexEur)}`);
  }
  const study = partnershipStudyFor(state, terms);
  if (!study || study.readyTick > state.tick) {
    if (!explain) return false;
    return problem('partnershipNotStudied', { readyInMonths: study ? study.readyTick - state.tick : -1 }, study ? `the prior evaluation of this partnership is not finished (${study.readyTick - state.tick} months left; CCP L2212-1)` : 'a partnership contract needs a prior evaluation and a budget-sustainability study of its scope first (CCP L2212-1, L2212-2)');
  }
  const vfm = valueOf ? valueOf(terms) : valueForMoney(state, scenario, terms);
  if (vfm.partnershipEur < vfm.procurementEur) {
    if (!explain) return false;
    return problem('partnershipNoValueForMoney', { partnershipValueEur: vfm.partnershipEur, procurementValueEur: vfm.procurementEur }, `the prior evaluation finds this partnership worse value than public procurement (${fmtM(vfm.partnershipEur)} against ${fmtM(vfm.procurementEur)} for the city, at the public rate)`);
  }
  return null;
}

/** Every term, so that a new one cannot be left out of `termsKey` (a type error until it is added). */
const TERM_FIELDS = Object.keys({
  form: true, projects: true, districts: true, pilot: true, durationYears: true, cityCapitalShare: true, annualPaymentEur: true,
  guaranteedSavingShare: true, penaltyRate: true, terminationCompensation: true, dataOwnership: true, savingsShareToPartner: true, grantCalls: true,
} satisfies Record<keyof ContractTerms, true>) as (keyof ContractTerms)[];

/**
 * The terms as a key: each term's value in turn (lists joined by commas; ids hold none), `skip`
 * left out. Two terms ask the same thing when their keys are equal; cheaper than JSON.stringify
 * (the computer city's memo keys).
 */
export function termsKey(terms: ContractTerms, skip?: keyof ContractTerms): string {
  let key = '';
  for (const f of TERM_FIELDS) if (f !== skip) key += `${terms[f] as string | number | boolean | string[] | number[]}|`;
  return key;
}

/** What a terms check may be told: at acceptance (a call closed meanwhile is missed), who builds. */
export interface TermsCheckOptions {
  atAcceptance?: boolean;
  builder?: 'partner' | 'suppliers';
}

/** Whether an offer stays within a notice's scope: its projects and districts all among the notice's. */
function withinScope(terms: Pick<ContractTerms, 'projects' | 'districts'>, notice: Pick<ContractTerms, 'projects' | 'districts'>): boolean {
  return Array.isArray(terms.projects) && Array.isArray(terms.districts) && terms.projects.every((p) => notice.projects.includes(p)) && terms.districts.every((d) => notice.districts.includes(d));
}

/**
 * Why these terms cannot be offered, or null when they can: the first refusal, in this order —
 * the shape of the terms and the form's plain rules (`shapeProblem`), a service already held in
 * one of its districts (`serviceHeldProblem`, rules/services.ts), the form's valued rules
 * (partnership, concession), the competitive bound, the budget.
 */
export function termsProblem(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, opts: TermsCheckOptions = {}): Problem | null {
  // Asked to explain, the checks never answer a bare `false`.
  const first = shapeCheck(state, scenario, terms, opts, true) ?? serviceHeldProblem(state, scenario, terms, opts.builder ?? 'partner') ?? formValueCheck(state, scenario, terms, true);
  return (first as Problem | null) ?? (opts.atAcceptance ? null : competitionProblem(state, scenario, terms)) ?? commitmentProblem(state, scenario, { kind: 'works', terms, builder: opts.builder ?? 'partner' });
}

/**
 * Whether these terms may be offered: exactly `termsProblem(…) === null` (the same checks, all
 * pure), run cheapest first — the budget (the capital row alone) before the competitive bound
 * and the form's valued rules (whole projections) — for the computer players, which ask it of
 * every candidate. `capEur`: the competitive bound of these terms when the caller already has it
 * (`competitiveCapEur` of the same state, scenario and terms). The checks of terms.ts and
 * legality.ts answer it without building their refusals (`Verdict`).
 */
export function termsLawful(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, opts: TermsCheckOptions & { capEur?: number | null } = {}): boolean {
  if (shapeCheck(state, scenario, terms, opts, false) !== null) return false;
  if (serviceHeldProblem(state, scenario, terms, opts.builder ?? 'partner') !== null) return false;
  // The budget (CGCT): the envelope, the real balance, the lenders — one check for every commitment.
  if (!commitmentAllowed(state, scenario, { kind: 'works', terms, builder: opts.builder ?? 'partner' })) return false;
  if (!opts.atAcceptance) {
    if (opts.capEur !== undefined) {
      if (opts.capEur !== null && Number.isFinite(terms.annualPaymentEur) && terms.annualPaymentEur > 0 && terms.annualPaymentEur > opts.capEur) return false;
    } else if (competitionProblem(state, scenario, terms) !== null) return false;
  }
  return formValueCheck(state, scenario, terms, false) === null;
}

/** Whether two terms share their scope, as `termsLawfulChecker` reads it (the same lists, form, capital share and pilot flag). */
function sameScope(a: ContractTerms, b: ContractTerms): boolean {
  return a.projects === b.projects && a.districts === b.districts && a.grantCalls === b.grantCalls && a.form === b.form && a.cityCapitalShare === b.cityCapitalShare && a.pilot === b.pilot;
}

/**
 * `termsLawful` for many terms of a few scopes (a computer player ranking the variants of a deal):
 * the checks that read only the scope — a service already held there, the works' capital for the
 * budget check, which read neither the length, the payment, the compensation nor the guarantee —
 * run once per scope. The scope is the terms' own lists (projects, districts, calls: the same
 * arrays, as `{ ...base, durationYears }` shares them), form, capital share and pilot flag; terms
 * with other lists are checked afresh. `checker(terms, capEur, builder)` answers as
 * `termsLawful(state, scenario, terms, { capEur, builder })` (builder 'partner' unless given). The
 * state's budget figures are made once for all the terms (`BudgetFigures`), and a partnership's prior evaluation once per scope (`valueForMoneyOfScope`,
 * through `context`, the caller's `dealContext` of this state, or one made for the checker).
 */
export function termsLawfulChecker(state: Readonly<SimState>, scenario: Scenario, context?: DealContext): (terms: ContractTerms, capEur?: number | null, builder?: 'partner' | 'suppliers') => boolean {
  // Per scope seen, by its projects list (the same array, as `sameScope` asks), in the order seen:
  // the works' capital, or null when a service is already held in it, and a partnership's prior
  // evaluation of its terms (`valueForMoneyOfScope`, made when first asked).
  const scopes = new Map<readonly string[], CheckedScope[]>();
  // The state's own figures the budget check reads, made once for all the terms checked.
  const figures = budgetFigures();
  // What the deployments say for the prior evaluations' deals (`dealContext`): the caller's, or made when first asked.
  let deals = context;
  return (terms, capEur, builder = 'partner') => {
    // Each check answers yes or no and changes nothing, so their order does not change the answer:
    // the payment above its competitive bound, a comparison, is tried first (it turns down most of
    // the negotiators' best-ranked variants, before the budget check).
    if (capEur !== undefined && capEur !== null && Number.isFinite(terms.annualPaymentEur) && terms.annualPaymentEur > 0 && terms.annualPaymentEur > capEur) return false;
    if (shapeCheck(state, scenario, terms, { builder }, false) !== null) return false;
    let group = scopes.get(terms.projects);
    let scope: CheckedScope | undefined;
    if (group !== undefined) for (let i = 0; scope === undefined && i < group.length; i++) if (group[i]!.builder === builder && sameScope(group[i]!.terms, terms)) scope = group[i];
    if (scope === undefined) {
      scope = { terms, builder, capital: serviceHeldProblem(state, scenario, terms, builder) !== null ? null : worksCapitalEur(state, scenario, terms, builder), valueOf: null };
      if (group === undefined) scopes.set(terms.projects, (group = []));
      group.push(scope);
    }
    if (scope.capital === null) return false;
    if (!commitmentAllowed(state, scenario, { kind: 'works', terms, builder, capital: scope.capital, figures })) return false;
    // With a bound given (checked above), the competition's own check is not run.
    if (capEur === undefined && competitionProblem(state, scenario, terms) !== null) return false;
    // A scope holds one form: a partnership's variants share their prior evaluation's setups.
    if (terms.form === 'partnership') return partnershipCheck(state, scenario, terms, false, (scope.valueOf ??= valueForMoneyOfScope(state, scenario, (deals ??= dealContext(state))))) === null;
    return formValueCheck(state, scenario, terms, false) === null;
  };
}

/** A scope `termsLawfulChecker` has checked: its first terms, the works' capital (null: a service is held in it), its prior evaluation when asked. */
interface CheckedScope {
  terms: ContractTerms;
  /** Who builds: the partner, or the suppliers of a purchase the city makes itself (`launchAlone`). */
  builder: 'partner' | 'suppliers';
  capital: WorksCapital | null;
  valueOf: ValueForMoneyOf | null;
}

/** `valueForMoney` of terms, for a partnership's check (`valueForMoneyOfScope` for the variants of one scope). */
type ValueForMoneyOf = (terms: ContractTerms) => { partnershipEur: number; procurementEur: number };

/** The form's rules that need the deal valued: a partnership's value for money, a concession's risk and length. */
function formValueCheck(state: SimState, scenario: Scenario, terms: ContractTerms, explain: boolean): Verdict {
  if (terms.form === 'partnership') return partnershipCheck(state, scenario, terms, explain);
  if (terms.form === 'concession') return concessionCheck(state, scenario, terms, explain);
  return null;
}

/** The values a data-ownership term may take. */
const DATA_OWNERSHIPS: readonly string[] = ['city', 'partner', 'shared'];

/** Whether a list names an element twice (as `new Set(list).size !== list.length`: SameValueZero, NaN matches NaN), without building the set. */
function hasDuplicate(list: readonly unknown[]): boolean {
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    for (let j = 0; j < i; j++) if (list[j] === x || (x !== x && list[j] !== list[j])) return true;
  }
  return false;
}

/** A numeric term's check: a finite number within its bounds. */
function termRangeCheck(name: string, v: number, lo: number, hi: number, explain: boolean): Verdict {
  if (typeof v !== 'number' || !Number.isFinite(v)) return explain && problem('termNotNumber', { term: name, found: found(v) }, `${name}: found ${found(v)}, expected a number`);
  if (v < lo || v > hi) return explain && problem('termOutOfRange', { term: name, found: v, min: lo, max: hi }, `${name}: found ${v}, expected between ${lo} and ${hi}`);
  return null;
}

/** The catalogue's project ids, for a refusal's words (a module function: a closure in `shapeCheck` was named again at each check under the TypeScript loader). */
function knownProjects(scenario: Scenario): string {
  return Object.keys(scenario.projects.catalogue).join(', ');
}

/** The terms' shape and the forms' plain rules: everything `termsProblem` checks without valuing the deal. */
function shapeCheck(state: SimState, scenario: Scenario, terms: ContractTerms, opts: TermsCheckOptions, explain: boolean): Verdict {
  if (!(CONTRACT_FORMS as readonly string[]).includes(terms.form)) return explain && problem('unknownForm', { found: found(terms.form), expected: CONTRACT_FORMS.join(', ') }, `form: found ${found(terms.form)}, expected one of ${CONTRACT_FORMS.join(', ')}`);
  if (typeof terms.pilot !== 'boolean') return explain && problem('fieldNotBoolean', { field: 'pilot', found: found(terms.pilot) }, `pilot: found ${found(terms.pilot)}, expected true or false`);
  if (!Array.isArray(terms.projects) || terms.projects.length === 0) return explain && problem('noProject', {}, 'the offer names no project');
  for (const [i, p] of terms.projects.entries()) {
    // A project that is not a name is said in words ("found nothing", "found the number 3"), not as "undefined".
    if (typeof p !== 'string') return explain && problem('unknownProject', { project: found(p), known: knownProjects(scenario) }, `projects[${i}]: found ${found(p)}, expected the id of a project (known: ${knownProjects(scenario)})`);
    if (!projectType(scenario, p)) return explain && problem('unknownProject', { project: p, known: knownProjects(scenario) }, `unknown project "${p}" (known: ${knownProjects(scenario)})`);
  }
  if (hasDuplicate(terms.projects)) return explain && problem('projectTwice', {}, 'a project is named twice');
  const nd = scenario.territory.districts.length;
  if (!Array.isArray(terms.districts) || terms.districts.length === 0) return explain && problem('noDistrict', {}, 'the offer covers no district');
  for (const d of terms.districts) if (!Number.isInteger(d) || d < 0 || d >= nd) return explain && problem('unknownDistrict', { district: found(d), max: nd - 1 }, `district ${found(d)} does not exist (0 to ${nd - 1})`);
  if (hasDuplicate(terms.districts)) return explain && problem('districtTwice', {}, 'a district is named twice');
  // In this order: the first term out of its bounds is the one refused.
  const range =
    termRangeCheck('duration', terms.durationYears, 0, MAX_CONTRACT_YEARS, explain) ??
    termRangeCheck('city capital share', terms.cityCapitalShare, 0, 1, explain) ??
    termRangeCheck('annual payment', terms.annualPaymentEur, 0, 1e10, explain) ??
    termRangeCheck('guaranteed saving share', terms.guaranteedSavingShare, 0, 1, explain) ??
    termRangeCheck('penalty rate', terms.penaltyRate, 0, 3, explain) ??
    termRangeCheck('termination compensation', terms.terminationCompensation, 0, 1, explain) ??
    termRangeCheck('savings share to the partner', terms.savingsShareToPartner, 0, 1, explain);
  if (range !== null) return range;
  if (terms.terminationCompensation > scenario.negotiation.maxTerminationCompensation) {
    const max = scenario.negotiation.maxTerminationCompensation;
    return explain && problem('terminationCompensationCap', { found: terms.terminationCompensation, max }, `termination compensation: found ${terms.terminationCompensation}, this scenario allows at most ${max}`);
  }
  if (terms.guaranteedSavingShare > scenario.negotiation.maxGuaranteedSavingShare) {
    const max = scenario.negotiation.maxGuaranteedSavingShare;
    return explain && problem('guaranteeCap', { found: terms.guaranteedSavingShare, max }, `guaranteed saving share: found ${terms.guaranteedSavingShare}, this scenario allows at most ${max}`);
  }
  if (!DATA_OWNERSHIPS.includes(terms.dataOwnership)) return explain && problem('fieldUnknownValue', { field: 'dataOwnership', found: found(terms.dataOwnership), expected: 'city, partner, shared' }, `data ownership: found ${found(terms.dataOwnership)}, expected city, partner or shared`);
  if (!Array.isArray(terms.grantCalls)) return explain && problem('grantCallsNotList', { found: found(terms.grantCalls) }, `grant calls: found ${found(terms.grantCalls)}, expected a list`);
  if (hasDuplicate(terms.grantCalls)) return explain && problem('grantCallTwice', {}, 'a grant call is named twice');
  // An offer may name only calls open when it is made, or the applications the procedure's opening
  // offer filed while they were open and still valid (a counter-offer keeps the file); at
  // acceptance an application lapsed meanwhile is simply missed.
  if (!opts.atAcceptance) {
    // The partner procedure's file, not the city's purchases beside it (builder 'suppliers'), and
    // only for the operation it describes: an offer wider than the notice (a project or a district
    // the notice did not hold) is not the operation filed, and a closed call cannot fund it.
    const notice = opts.builder === 'suppliers' ? undefined : state.negotiation?.history[0]?.terms;
    const filed = notice !== undefined && withinScope(terms, notice) ? notice.grantCalls : [];
    for (const id of terms.grantCalls) {
      if (typeof id !== 'string' || !state.grantCalls.some((c) => c.id === id && (callOpen(state, c) || (filed.includes(id) && applicationValid(state, c))))) return explain && problem('grantCallClosed', { call: String(id) }, `grant call "${String(id)}" is not open now`);
    }
  }
  // A grant funds the applicant's own eligible investment (CGCT L1111-10: the maître d'ouvrage
  // funds at least 20 % itself; the DSIL and DETR circulars fund the local authority's works). A
  // city may pass a grant on to a partnership as a public contribution to its investment (the
  // 2004 ordinance's art. 25-1, now the CCP; EU reg. 1303/2013 arts 62–64): in the model that
  // contribution is the city's capital share, so a grant attaches to it; with share 0 the partner
  // pre-finances everything, the city repays it through the rent, and no contribution carries the
  // grant (the model's route for a grant, review 9d). A concession's grants are the
  // concessionaire's to seek. A performance contract with share 0 is refused as deferred payment.
  if (terms.grantCalls.length > 0 && opts.builder !== 'suppliers' && (terms.form === 'partnership' || terms.form === 'concession') && terms.cityCapitalShare <= 0) {
    return explain && problem('grantWithoutCityShare', { form: terms.form, call: String(terms.grantCalls[0]) }, terms.form === 'concession'
      ? `grant call "${String(terms.grantCalls[0])}": in a concession with no public contribution (capital share 0) the concessionaire, not the city, applies for grants`
      : `grant call "${String(terms.grantCalls[0])}": a grant reaches a partnership through the city's contribution to the investment, and this one has none (capital share 0: the partner pre-finances all the works, repaid through the rent)`);
  }
  if (terms.pilot || terms.form === 'pilot') {
    if (!(terms.pilot && terms.form === 'pilot')) return explain && problem('pilotForm', {}, 'a pilot uses the pilot form, and the pilot form is for pilots');
    if (terms.districts.length !== 1) return explain && problem('pilotOneDistrict', {}, 'a pilot runs in one district');
    for (const p of terms.projects) if (!projectType(scenario, p)!.pilot.allowed) return explain && problem('pilotNotAllowed', { project: p }, `${p} cannot start as a pilot`);
    if (terms.durationYears < 1 || terms.durationYears > scenario.negotiation.pilotMaxYears) return explain && problem('pilotDuration', { max: scenario.negotiation.pilotMaxYears, found: terms.durationYears }, `a pilot lasts 1 to ${scenario.negotiation.pilotMaxYears} years`);
  } else if (terms.form !== 'procurement' && terms.durationYears < 1) {
    return explain && problem('contractTooShort', { form: terms.form }, `a ${terms.form} contract lasts at least a year`);
  }
  if (terms.form === 'procurement' && (terms.annualPaymentEur > 0 || terms.cityCapitalShare < 1)) {
    return explain && problem('procurementTerms', {}, 'in a procurement contract the city pays the whole price of the works and no annual payment');
  }
  // No deferred payment outside a partnership contract (CCP L2191-5): in a global performance
  // contract the city pays the works as they are built.
  if (terms.form === 'performance' && terms.cityCapitalShare < 1) {
    return explain && problem('deferredPayment', { form: terms.form, cityCapitalShare: terms.cityCapitalShare }, `deferred payment is forbidden outside a partnership contract (CCP L2191-5): in a ${terms.form} contract the city pays the whole works as built (capital share 1, not ${terms.cityCapitalShare})`);
  }
  // A contract that builds and runs equipment does not run past the life of what it builds
  // (issue 9, tenth round): a simplification of the model, not a rule of law (MODEL §13.2, §18).
  // The model renews nothing within a contract, so beyond the shortest life in its scope the city
  // would pay for a service no longer rendered (payment follows the service rendered, *service
  // fait*) or, in a global performance contract, pay later for running costs incurred earlier (a
  // deferred payment, CCP L2191-5). The law leaves the length to the buyer (L2112-5) and lets it
  // have the holder renew the equipment (gros entretien-renouvellement), which the model lacks.
  // Before this rule a flat payment over 20 years spread the control centre's 12 years of running
  // costs and freed the yearly envelope.
  if ((terms.form === 'performance' || terms.form === 'partnership') && !terms.pilot) {
    const { project, years } = shortestLife(scenario, terms.projects);
    if (terms.durationYears > years) {
      return explain && problem('outlivesEquipment', { project, lifetimeYears: years, durationYears: terms.durationYears }, `a ${terms.form} contract of ${terms.durationYears} years would outlive ${project}, which lasts ${years} years: the city would pay for a service no longer rendered (no renewal is in the contract)`);
    }
  }
  return null;
}

/** The shortest-lived of these projects and its catalogue life in years: the longest a performance or partnership contract for them may run (`outlivesEquipment`). */
export function shortestLife(scenario: Scenario, projects: readonly string[]): { project: string; years: number } {
  let out = { project: '', years: Infinity };
  for (const p of projects) {
    const years = projectType(scenario, p)!.lifetimeYears;
    if (years < out.years) out = { project: p, years };
  }
  return out;
}

/** A concession's rules (L1121-1 operating risk, R3114-2 length), valued on public figures. */
function concessionCheck(state: SimState, scenario: Scenario, terms: ContractTerms, explain: boolean): Verdict {
  // The concessionaire bears the operating risk (CCP L1121-1): the public payment alone may
  // not cover its costs with a return; its revenue must come from operating (the savings it keeps).
  const noRisk = guaranteedRecovery(state, scenario, terms);
  if (noRisk >= 0) {
    return explain && problem('concessionNoOperatingRisk', { paymentEur: terms.annualPaymentEur, partnerValueEur: noRisk }, `a concession transfers the operating risk (CCP L1121-1): an annual payment of ${fmtM(terms.annualPaymentEur)} alone would repay the partner's costs with a return, so it bears no risk`);
  }
  const payback = paybackYears(state, scenario, terms);
  if (!Number.isFinite(payback)) {
    return explain && problem('concessionNeverRecovers', {}, 'under these terms the partner never recovers its investment, so no concession length is lawful: raise the payment or the city share');
  }
  const limit = Math.min(MAX_CONTRACT_YEARS, Math.ceil(payback));
  // R3114-2 bounds only concessions longer than five years.
  if (terms.durationYears > CONCESSION_FREE_YEARS && terms.durationYears > limit) {
    return explain && problem('concessionTooLong', { limit, found: terms.durationYears }, `a concession over five years may not run longer than needed to recover the investment with a return (R3114-2): here ${limit} years, not ${terms.durationYears}`);
  }
  return null;
}
