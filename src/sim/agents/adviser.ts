/**
 * The computer adviser of a side played by people: the scenario's own personality for that side
 * (its default when the scenario leaves the side to people) says what it would propose now.
 *
 * Its suggestion is, in order: the adviser's own proposal; for a partner facing no negotiation
 * (a computer partner never opens), what the city's adviser would open with; the offer on the
 * table; else a plain default offer priced at the partner's public floor plus 10 % to bargain from.
 */
import type { Scenario } from '../scenario-schema';
import type { Action, Actor, ContractTerms, SimState } from '../types';
import { resolvePolicy } from './index';
import { termsLawful, termsProblem } from '../rules/terms';
import { NUMERIC_TERMS, termBounds } from '../rules/term-bounds';
import { tryAction } from '../actions';
import { openGrantCalls, partnershipStudies } from '../queries';
import { heldDistricts } from '../rules/services';
import { projectType } from '../rules/catalogue';
import { problem, type Problem } from '../refusal';
import { publicPartnerFloor } from './negotiator';
import { partnerPersonality } from './personalities';

/** Default advisers where the scenario leaves a side to people. */
const DEFAULT_ADVISER: Record<Actor, string> = { city: 'steady-mayor', partner: 'infrastructure-partner' };

/** The personality that advises a side played by people: the scenario's own for that side. */
export function adviserName(scenario: Scenario, side: Actor): string {
  const name = scenario.policies[side];
  return name !== 'none' ? name : DEFAULT_ADVISER[side];
}

/** A plain default offer: the scenario's first project everywhere, performance contract, 12 years, at the partner's public floor plus 10 %. */
export function defaultOffer(state: Readonly<SimState>, scenario: Scenario): ContractTerms {
  const base: ContractTerms = {
    form: 'performance',
    projects: [Object.keys(scenario.projects.catalogue)[0]!],
    districts: state.districts.map((_, i) => i),
    pilot: false,
    durationYears: 12,
    cityCapitalShare: 0.5,
    annualPaymentEur: 0,
    guaranteedSavingShare: 0.5,
    penaltyRate: 1,
    terminationCompensation: 0.5,
    dataOwnership: 'city',
    savingsShareToPartner: 0,
    grantCalls: [],
  };
  // Priced at the floor of the scenario's partner personality (its bid margin), plus 10 % to bargain from.
  const floor = publicPartnerFloor(state, scenario, base, partnerPersonality(adviserName(scenario, 'partner'))?.marginShare ?? 0);
  return { ...base, annualPaymentEur: Number.isFinite(floor) ? Math.round((floor * 1.1) / 1000) * 1000 : 1_000_000 };
}

/** What a side's computer adviser would propose now (the negotiation table's suggestion and the script API's `propose`): a lawful offer whenever one is found (`advice`). */
export function suggestedOffer(args: { state: Readonly<SimState>; scenario: Scenario; by: Actor }): ContractTerms {
  return advice(args).terms;
}

/**
 * Why the adviser has no lawful offer to make now: `notNow`, the side may not propose this month
 * (its `cause`: not its turn, one offer and its answer a month, the bids being prepared, the
 * ratification, the rounds used up — the refusal the move would get); `noLawfulTerms`, no terms
 * near its suggestion pass the rules (its `cause`: the suggestion's own problem, say the envelope);
 * `nothingLeft`, no negotiation is open and every service is already held in every district: there
 * is no deal left to open until a contract ends.
 */
export type AdviceWhy = { code: 'notNow' | 'noLawfulTerms' | 'nothingLeft'; cause: Problem };

/** The adviser's suggestion, and why none is lawful when none is (`why` null: the terms may be sent now). */
export interface Advice {
  terms: ContractTerms;
  why: AdviceWhy | null;
}

/**
 * The adviser's offer: its own suggestion if lawful, else the nearest lawful terms it finds (closed
 * grant calls dropped, each numeric term brought inside its lawful range — `termBounds` — and, if
 * need be, fewer districts), else its suggestion with why nothing lawful was found. A side is never
 * left with an unlawful suggestion and no word on why.
 */
export function advice(args: { state: Readonly<SimState>; scenario: Scenario; by: Actor }): Advice {
  const { state, scenario, by } = args;
  const wanted = rawSuggestion(args);
  // Opening a negotiation, the adviser also looks past its first idea: the scopes of the
  // partnerships the city has studied, then each project where its service is not yet held.
  const terms = nearestLawful(state, scenario, wanted) ?? (state.negotiation ? null : firstLawfulOpening(state, scenario, wanted));
  const unlawful = terms === null ? termsProblem(state, scenario, wanted) : null;
  if (unlawful) return { terms: wanted, why: { code: !state.negotiation && everyServiceHeld(state, scenario) ? 'nothingLeft' : 'noLawfulTerms', cause: unlawful } };
  // Whether the move itself is allowed now (turn, month, procedure): tried on a copy of the state.
  const move = tryAction(state, scenario, { type: 'propose', by, terms: terms ?? wanted });
  if (!move.ok) return { terms: terms ?? wanted, why: { code: terms ? 'notNow' : 'noLawfulTerms', cause: problem(move.code, move.params, move.reason) } };
  return { terms: terms ?? wanted, why: null };
}

/** Is every project's service held (under works or running, not within its renewal lead) in every district? Then no deal is left to open. */
function everyServiceHeld(state: Readonly<SimState>, scenario: Scenario): boolean {
  return Object.keys(scenario.projects.catalogue).every((id) => {
    const family = projectType(scenario, id)?.family;
    return !family || heldDistricts(state, scenario, family, false, true).size >= state.districts.length;
  });
}

/** Grant calls the terms name that are open now, the others dropped. */
function openCallsOnly(state: Readonly<SimState>, terms: ContractTerms): ContractTerms {
  const open = new Set(openGrantCalls(state).map((c) => c.id));
  return terms.grantCalls.every((id) => open.has(id)) ? terms : { ...terms, grantCalls: terms.grantCalls.filter((id) => open.has(id)) };
}

/**
 * The terms, or the nearest lawful ones found, or null: each numeric term brought into its lawful
 * range, then fewer districts; then the same in the other forms where the partner finances the
 * works (a concession, a partnership), for a city whose envelope cannot pay works as built.
 */
function nearestLawful(state: Readonly<SimState>, scenario: Scenario, start: ContractTerms): ContractTerms | null {
  const lawful = (t: ContractTerms) => termsLawful(state, scenario, t);
  if (lawful(start)) return start;
  const base = openCallsOnly(state, start);
  if (lawful(base)) return base;
  for (const form of [base.form, ...FINANCED_FORMS.filter((f) => f !== base.form)]) {
    const found = withinBounds(state, scenario, { ...base, form }, lawful);
    if (found) return found;
  }
  return null;
}

/** A lawful opening other than the first idea: a studied partnership's scope, then each project in the districts where it is not held. */
function firstLawfulOpening(state: Readonly<SimState>, scenario: Scenario, idea: ContractTerms): ContractTerms | null {
  const candidates: ContractTerms[] = [];
  for (const study of partnershipStudies(state)) if (study.ready) candidates.push({ ...idea, form: 'partnership', projects: study.projects, districts: study.districts, cityCapitalShare: 0, grantCalls: [] });
  for (const [project, p] of Object.entries(scenario.projects.catalogue)) {
    if (idea.projects.length === 1 && idea.projects[0] === project) continue;
    const family = projectType(scenario, project)?.family;
    const held = family ? heldDistricts(state, scenario, family, false, true) : new Set<number>();
    const districts = idea.districts.filter((d) => !held.has(d));
    if (districts.length > 0 && p) candidates.push({ ...idea, projects: [project], districts, grantCalls: [] });
  }
  for (const c of candidates) {
    const found = nearestLawful(state, scenario, c);
    if (found) return found;
  }
  return null;
}

/** Forms in which the partner finances the works (no capital from the city's envelope is needed). */
const FINANCED_FORMS: readonly ContractTerms['form'][] = ['concession', 'partnership'];

/** The terms with each numeric term in its lawful range, over all the districts then fewer, or null. */
function withinBounds(state: Readonly<SimState>, scenario: Scenario, base: ContractTerms, lawful: (t: ContractTerms) => boolean): ContractTerms | null {
  if (lawful(base)) return base;
  // All the districts, half of them, one (the last ones dropped first).
  const n = base.districts.length;
  for (const keep of [...new Set([n, Math.ceil(n / 2), 1])]) {
    let t: ContractTerms = { ...base, districts: base.districts.slice(0, keep) };
    for (let pass = 0; pass < 2; pass++) {
      if (lawful(t)) return t;
      const bounds = termBounds(state, scenario, t);
      let moved = false;
      for (const k of NUMERIC_TERMS) {
        const b = bounds[k];
        if (b.min > b.max) continue;
        const v = Math.min(b.max, Math.max(b.min, t[k]));
        if (v !== t[k]) {
          t = { ...t, [k]: v };
          moved = true;
        }
      }
      if (!moved) break;
    }
    if (lawful(t)) return t;
  }
  return null;
}

/** What the adviser would suggest before any check of the law. */
function rawSuggestion(args: { state: Readonly<SimState>; scenario: Scenario; by: Actor }): ContractTerms {
  const { state, scenario, by } = args;
  const n = state.negotiation;
  // `votedOnly`: the decisions of a month in the year, on the envelope already voted (as when a
  // grant call opens mid-year: the computer city takes its project decisions then, without a vote).
  const proposal = (actor: Actor, yearStart: boolean, votedOnly = false) => {
    const policy = resolvePolicy(adviserName(scenario, actor), actor);
    const moves = policy?.({ state, scenario, actor, trigger: { yearStart, newGrantCalls: votedOnly ? ['(adviser)'] : [], mustAnswer: !!n } }) ?? [];
    return moves.find((m): m is Extract<Action, { type: 'propose' }> => m.type === 'propose' && m.by === actor)?.terms ?? null;
  };
  // A suggestion the side may make now: a year-start proposal that counted on a budget vote the
  // side has not made (a programme authorisation, rule-based-city.ts) gives way to the proposal
  // the envelope already voted allows.
  const lawfulNow = (terms: ContractTerms | null) => (terms && termsLawful(state, scenario, terms) ? terms : null);
  const own = !n && by === 'city' ? (lawfulNow(proposal(by, true)) ?? proposal(by, false, true)) : proposal(by, false);
  if (own) return structuredClone(own);
  if (!n && by === 'partner') {
    // The computer partner never opens: suggest what a city would open with, a deal it can sign.
    const opening = lawfulNow(proposal('city', true)) ?? proposal('city', false, true);
    if (opening) return structuredClone(opening);
  }
  if (n) return structuredClone(n.offer);
  return defaultOffer(state, scenario);
}
