/**
 * What an offer may contain: the legal and physical bounds of contract terms.
 *
 * An offer outside them is refused with a reason a player can read, and the state does not change.
 * Bounds: known projects and districts; shares within 0–1; a pilot in one district, only for
 * projects that can start as pilots, for at most `pilotMaxYears`; a concession no longer than the
 * time the partner needs to recover its investment with a return (*Code de la commande publique*
 * R3114-2); no contract beyond 30 years (a bound of the model, not of the law); and the city's
 * budget: its envelope, real balance and what lenders accept (rules/legality.ts).
 */
import { CONTRACT_FORMS, type Scenario } from '../scenario-schema';
import type { ContractTerms, SimState } from '../types';
import { found, problem, type Problem } from '../refusal';
import { projectType } from './catalogue';
import { callOpen } from './funding';
import { dealFlows, partnerLens } from './valuation';
import { partnerWeights } from './discount';
import { commitmentProblem } from './legality';

export const MAX_CONTRACT_YEARS = 30;


/** Years the partner needs to recover its investment at its cost of capital under these terms (∞ if never). */
export function paybackYears(state: SimState, scenario: Scenario, terms: ContractTerms): number {
  const long: ContractTerms = { ...terms, durationYears: MAX_CONTRACT_YEARS + 10 };
  // The city judges lawfulness on public figures: it cannot see the partner's true costs.
  const flows = dealFlows(state, scenario, long, 'partner', 'public');
  const weights = partnerWeights({ ...partnerLens(scenario, long), horizonYears: 1000 }, flows.years);
  let v = 0;
  for (let k = 0; k < flows.years; k++) {
    v += flows.partner.net[k]! * weights[k]!;
    if (v >= 0) return k + 1;
  }
  return Infinity;
}

/** Annual payments the city is committed to now (running and building contracts). */
export function committedPaymentsEur(state: SimState): number {
  let sum = 0;
  for (const c of state.contracts) if (c.status === 'running' || c.status === 'building') sum += c.terms.annualPaymentEur;
  return sum;
}

/** Why these terms cannot be offered, or null when they can. */
export function termsProblem(state: SimState, scenario: Scenario, terms: ContractTerms, opts: { atAcceptance?: boolean; builder?: 'partner' | 'suppliers' } = {}): Problem | null {
  if (!(CONTRACT_FORMS as readonly string[]).includes(terms.form)) return problem('unknownForm', { found: found(terms.form), expected: CONTRACT_FORMS.join(', ') }, `form: found ${found(terms.form)}, expected one of ${CONTRACT_FORMS.join(', ')}`);
  if (typeof terms.pilot !== 'boolean') return problem('fieldNotBoolean', { field: 'pilot', found: found(terms.pilot) }, `pilot: found ${found(terms.pilot)}, expected true or false`);
  if (!Array.isArray(terms.projects) || terms.projects.length === 0) return problem('noProject', {}, 'the offer names no project');
  for (const p of terms.projects) if (!projectType(scenario, p)) return problem('unknownProject', { project: String(p), known: Object.keys(scenario.projects.catalogue).join(', ') }, `unknown project "${String(p)}" (known: ${Object.keys(scenario.projects.catalogue).join(', ')})`);
  if (new Set(terms.projects).size !== terms.projects.length) return problem('projectTwice', {}, 'a project is named twice');
  const nd = scenario.territory.districts.length;
  if (!Array.isArray(terms.districts) || terms.districts.length === 0) return problem('noDistrict', {}, 'the offer covers no district');
  for (const d of terms.districts) if (!Number.isInteger(d) || d < 0 || d >= nd) return problem('unknownDistrict', { district: found(d), max: nd - 1 }, `district ${found(d)} does not exist (0 to ${nd - 1})`);
  if (new Set(terms.districts).size !== terms.districts.length) return problem('districtTwice', {}, 'a district is named twice');
  const nums: [string, number, number, number][] = [
    ['duration', terms.durationYears, 0, MAX_CONTRACT_YEARS],
    ['city capital share', terms.cityCapitalShare, 0, 1],
    ['annual payment', terms.annualPaymentEur, 0, 1e10],
    ['guaranteed saving share', terms.guaranteedSavingShare, 0, 1],
    ['penalty rate', terms.penaltyRate, 0, 3],
    ['termination compensation', terms.terminationCompensation, 0, 1],
    ['savings share to the partner', terms.savingsShareToPartner, 0, 1],
  ];
  for (const [name, v, lo, hi] of nums) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return problem('termNotNumber', { term: name, found: found(v) }, `${name}: found ${found(v)}, expected a number`);
    if (v < lo || v > hi) return problem('termOutOfRange', { term: name, found: v, min: lo, max: hi }, `${name}: found ${v}, expected between ${lo} and ${hi}`);
  }
  if (terms.terminationCompensation > scenario.negotiation.maxTerminationCompensation) {
    const max = scenario.negotiation.maxTerminationCompensation;
    return problem('terminationCompensationCap', { found: terms.terminationCompensation, max }, `termination compensation: found ${terms.terminationCompensation}, this scenario allows at most ${max}`);
  }
  if (terms.guaranteedSavingShare > scenario.negotiation.maxGuaranteedSavingShare) {
    const max = scenario.negotiation.maxGuaranteedSavingShare;
    return problem('guaranteeCap', { found: terms.guaranteedSavingShare, max }, `guaranteed saving share: found ${terms.guaranteedSavingShare}, this scenario allows at most ${max}`);
  }
  if (!['city', 'partner', 'shared'].includes(terms.dataOwnership)) return problem('fieldUnknownValue', { field: 'dataOwnership', found: found(terms.dataOwnership), expected: 'city, partner, shared' }, `data ownership: found ${found(terms.dataOwnership)}, expected city, partner or shared`);
  if (!Array.isArray(terms.grantCalls)) return problem('grantCallsNotList', { found: found(terms.grantCalls) }, `grant calls: found ${found(terms.grantCalls)}, expected a list`);
  if (new Set(terms.grantCalls).size !== terms.grantCalls.length) return problem('grantCallTwice', {}, 'a grant call is named twice');
  // An offer may name only calls open when it is made; at acceptance a call closed meanwhile is
  // simply missed (the deadline passed while the sides bargained).
  if (!opts.atAcceptance) {
    for (const id of terms.grantCalls) {
      if (typeof id !== 'string' || !state.grantCalls.some((c) => c.id === id && callOpen(state, c))) return problem('grantCallClosed', { call: String(id) }, `grant call "${String(id)}" is not open now`);
    }
  }
  if (terms.pilot || terms.form === 'pilot') {
    if (!(terms.pilot && terms.form === 'pilot')) return problem('pilotForm', {}, 'a pilot uses the pilot form, and the pilot form is for pilots');
    if (terms.districts.length !== 1) return problem('pilotOneDistrict', {}, 'a pilot runs in one district');
    for (const p of terms.projects) if (!projectType(scenario, p)!.pilot.allowed) return problem('pilotNotAllowed', { project: p }, `${p} cannot start as a pilot`);
    if (terms.durationYears < 1 || terms.durationYears > scenario.negotiation.pilotMaxYears) return problem('pilotDuration', { max: scenario.negotiation.pilotMaxYears, found: terms.durationYears }, `a pilot lasts 1 to ${scenario.negotiation.pilotMaxYears} years`);
  } else if (terms.form !== 'procurement' && terms.durationYears < 1) {
    return problem('contractTooShort', { form: terms.form }, `a ${terms.form} contract lasts at least a year`);
  }
  if (terms.form === 'procurement' && (terms.annualPaymentEur > 0 || terms.cityCapitalShare < 1)) {
    return problem('procurementTerms', {}, 'in a procurement contract the city pays the whole price of the works and no annual payment');
  }
  if (terms.form === 'concession') {
    const payback = paybackYears(state, scenario, terms);
    if (!Number.isFinite(payback)) {
      return problem('concessionNeverRecovers', {}, 'under these terms the partner never recovers its investment, so no concession length is lawful: raise the payment or the city share');
    }
    const limit = Math.min(MAX_CONTRACT_YEARS, Math.ceil(payback));
    if (terms.durationYears > limit) {
      return problem('concessionTooLong', { limit, found: terms.durationYears }, `a concession may not run longer than needed to recover the investment with a return (R3114-2): here ${limit} years, not ${terms.durationYears}`);
    }
  }
  // The budget (CGCT): the envelope, the real balance, the lenders — one check for every commitment.
  return commitmentProblem(state, scenario, { kind: 'works', terms, builder: opts.builder ?? 'partner' });
}
