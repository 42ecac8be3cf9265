/**
 * Applying a player's or a policy's action: check it, then change the state, or refuse it.
 *
 * An illegal action (wrong shape, out of turn, out of bounds, after the last playable year) comes
 * back as `{ ok: false, reason }` with a reason a player can read, and leaves the state unchanged.
 */
import type { TickScratch } from './money';
import { cityPays, newScratch } from './money';
import { projectType } from './rules/catalogue';
import { answerAmendment, balancedAmendment, cancelContract, proposeAmendment, purchaseProcedure, signContract, substantialModification } from './rules/contracts';
import { acceptOffer, councilOnPurchase, counterOffer, openNegotiation, purchaseBarred, refusedDistricts, refusedOfProject, walkAway, type MoveNote } from './rules/negotiation';
import { partnerActive } from './rules/partner';
import { phaseProblem } from './rules/procedure';
import { launchAloneTerms } from './rules/alone-price';
import { MAX_CONTRACT_YEARS, partnershipStudyFor, termsProblem } from './rules/terms';
import { GOVERNANCE_MEASURES, mayMoveThisMonth, servicesToGiveUp } from './queries';
import { commitmentProblem, envelopeLeftAfterVoteEur } from './rules/legality';
import type { Scenario } from './scenario-schema';
import type { Action, ActionResult, Actor, ContractTerms, Explanation, RetiredAction, SimState } from './types';
import { found, numberProblem, problem, refusal, type Problem, type RefusalCode, type RefusalParams } from './refusal';

const refuse = (code: RefusalCode, params: RefusalParams, reason: string): ActionResult => refusal(problem(code, params, reason));
const refuseWith = (p: Problem): ActionResult => refusal(p);
const OK: ActionResult = { ok: true };

function isObj(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const num = numberProblem;

/**
 * A copy of plain data (objects, arrays, primitives), as `structuredClone` copies it: the same keys in
 * the same order, nothing shared. An explanation is such data, and `structuredClone` cost more than a
 * move's own checks (every move of a computer player carries one).
 */
function clonePlain(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(clonePlain);
  if (!isObj(x)) return x;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(x)) out[k] = clonePlain(x[k]);
  return out;
}

/** The note a move carries: its free reason and, when well formed, its structured explanation. */
function moveNote(a: { reason?: unknown; explanation?: unknown }): MoveNote {
  const e = a.explanation;
  const ok =
    isObj(e) &&
    typeof e.key === 'string' &&
    isObj(e.params) &&
    Object.values(e.params).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  return { reason: typeof a.reason === 'string' ? a.reason : '', ...(ok ? { explanation: clonePlain(e) as Explanation } : {}) };
}

function bySide(by: unknown): ActionResult {
  return refuse('fieldUnknownValue', { field: 'by', found: found(by), expected: 'city, partner' }, `by: found ${found(by)}, expected "city" or "partner"`);
}

/** Is the simulation still in its playable years (decisions allowed)? */
export function inPlayableYears(state: SimState, scenario: Scenario): boolean {
  return state.tick < scenario.playableYears * 12;
}

/** Who may take this action. */
export function actorOf(action: Action): Actor {
  if (action.type === 'propose' || action.type === 'accept' || action.type === 'walkAway') return action.by;
  if (action.type === 'answerAmendment') return 'partner';
  return 'city';
}

export function applyAction(state: SimState, scenario: Scenario, scratch: TickScratch, action: unknown): ActionResult {
  const result = apply(state, scenario, scratch, action);
  // A decision outside a negotiation that carries an explanation goes to the log, for the game.
  if (result.ok && isObj(action) && !['propose', 'accept', 'walkAway'].includes(String(action.type))) {
    const note = moveNote(action);
    if (note.explanation) state.log.push({ tick: state.tick, kind: 'decision', data: { action: String(action.type), key: note.explanation.key, ...note.explanation.params } });
  }
  return result;
}

/** The fields of a contract's terms, every one (a field left out fails to compile here). */
const TERM_FIELDS = ['form', 'projects', 'districts', 'pilot', 'durationYears', 'cityCapitalShare', 'annualPaymentEur', 'guaranteedSavingShare', 'penaltyRate', 'terminationCompensation', 'dataOwnership', 'savingsShareToPartner', 'grantCalls'] as const satisfies readonly (keyof ContractTerms)[];
const termFieldsListed: Exclude<keyof ContractTerms, (typeof TERM_FIELDS)[number]> extends never ? true : never = true;
void termFieldsListed;

function apply(state: SimState, scenario: Scenario, scratch: TickScratch, action: unknown): ActionResult {
  if (!isObj(action)) return refuse('notAnAction', { found: found(action) }, `an action is an object with a "type", found ${found(action)}`);
  // An object whose type is not a name: say what the type was, not "found an object".
  if (typeof action.type !== 'string') return refuse('unknownAction', { type: found(action.type) }, `type: found ${found(action.type)}, expected the name of an action (a string such as "setBudget")`);
  if (!inPlayableYears(state, scenario)) return refuse('playableYearsOver', { years: scenario.playableYears }, `the playable years are over (${scenario.playableYears}); the simulation runs on without new decisions`);
  const a = action as Action | RetiredAction;
  switch (a.type) {
    case 'setBudget': {
      const p = num(a.envelopeEur, 'envelopeEur', 0, 1e10) ?? num(a.taxChange, 'taxChange', -scenario.city.maxTaxChange, scenario.city.maxTaxChange);
      if (p) return refuseWith(p);
      const unbalanced = commitmentProblem(state, scenario, { kind: 'budget', envelopeEur: a.envelopeEur, taxChange: a.taxChange });
      if (unbalanced) return refuseWith(unbalanced);
      // The envelope is this year's payment credit: works signed earlier and still to pay in the
      // next 12 months come out of it first. taxChange moves the voted rates (TFPB, CFE) only.
      // A second vote in the same year (a supplementary budget) cannot open the year's room again.
      state.city.envelopeLeftEur = envelopeLeftAfterVoteEur(state, a.envelopeEur);
      if (a.taxChange !== 0) {
        const before = state.city.taxLevel;
        state.city.taxLevel = Math.max(0.5, before + a.taxChange);
        state.city.taxVotes.push({ tick: state.tick, change: state.city.taxLevel - before });
      }
      return OK;
    }
    case 'setConcertation': {
      const p = num(a.level, 'level', 0, 1);
      if (p) return refuseWith(p);
      // An effort above the usual one is paid for, like a governance measure: the budget must carry its rise.
      const annualEur = concertationCostEur(scenario, a.level) - concertationCostEur(scenario, state.city.concertation);
      if (annualEur > 0) {
        const unaffordable = commitmentProblem(state, scenario, { kind: 'upkeep', annualEur, what: 'concertation' });
        if (unaffordable) return refuseWith(unaffordable);
      }
      // A fall is recorded too (a negative upkeep), so that a rise and a fall within the year cancel
      // in the net savings to come instead of counting the same cost twice.
      if (annualEur !== 0) recordNewUpkeep(state, annualEur);
      state.city.concertation = a.level;
      return OK;
    }
    case 'governance': {
      const measures = GOVERNANCE_MEASURES;
      if (!measures.includes(a.measure)) return refuse('fieldUnknownValue', { field: 'measure', found: found(a.measure), expected: measures.join(', ') }, `measure: found ${found(a.measure)}, expected one of ${measures.join(', ')}`);
      if (typeof a.on !== 'boolean') return refuse('fieldNotBoolean', { field: 'on', found: found(a.on) }, `on: found ${found(a.on)}, expected true or false`);
      if (a.on && !state.city.governance[a.measure]) {
        const annualEur = scenario.coordination.measures[a.measure].costEur;
        const unaffordable = commitmentProblem(state, scenario, { kind: 'upkeep', annualEur, what: a.measure });
        if (unaffordable) return refuseWith(unaffordable);
        recordNewUpkeep(state, annualEur);
      }
      state.city.governance[a.measure] = a.on;
      return OK;
    }
    case 'launchAlone': {
      const type = typeof a.project === 'string' ? projectType(scenario, a.project) : undefined;
      if (!type) return refuse('unknownProject', { project: found(a.project), known: Object.keys(scenario.projects.catalogue).join(', ') }, `project: unknown ${found(a.project)}`);
      if (typeof a.pilot !== 'boolean') return refuse('fieldNotBoolean', { field: 'pilot', found: found(a.pilot) }, `pilot: found ${found(a.pilot)}, expected true or false`);
      const terms = launchAloneTerms(scenario, a);
      // The same bounds as an offer, then the budget check for works the city buys itself.
      const unlawful = termsProblem(state, scenario, terms, { builder: 'suppliers' });
      if (unlawful) return refuseWith(unlawful);
      // A need the council refused in this mandate, unchanged, is not put to it again (negotiation.ts `purchaseBarred`): no vote takes place.
      if (purchaseBarred(state, scenario, terms)) {
        const project = terms.projects[0]!;
        // Named by their ids, as the other refusals name districts (services.ts `heldProblem`).
        const districts = refusedDistricts(refusedOfProject(state, project)).map((d) => scenario.territory.districts[d]!.id).join(', ');
        return refuse('purchaseRefusedByCouncil', { project, districts }, `${project}: not put to the council, which refused its purchase in districts ${districts} in this mandate; it decides again only with one more district, a grant call the purchase is eligible for, or after the next elections`);
      }
      // Above the EU threshold the council decides, and its majority may split (negotiation.ts `ratifyPurchase`).
      const procedure = purchaseProcedure(state, scenario, terms);
      const deliberationMonths = councilOnPurchase(state, scenario, terms, procedure);
      if (deliberationMonths === null) return OK;
      signContract(state, scenario, terms, 'suppliers', { procedure, deliberationMonths });
      return OK;
    }
    case 'propose': {
      if (a.by !== 'city' && a.by !== 'partner') return bySide(a.by);
      if (!isObj(a.terms)) return refuse('fieldUnknownValue', { field: 'terms', found: found(a.terms), expected: 'an object' }, `terms: found ${found(a.terms)}, expected an object`);
      const n = state.negotiation;
      if (n && n.ratificationMonthsLeft > 0) return refuse('awaitingRatification', {}, 'the deal is accepted and awaits ratification: no new offer now');
      const phase = n && phaseProblem(n);
      if (phase) return refuseWith(phase);
      if (n && n.turn !== a.by) return refuse('notYourTurn', { turn: n.turn }, `it is the ${n.turn}'s turn to answer`);
      if (n && !mayMoveThisMonth(state, a.by)) return refuse('oneRoundAMonth', {}, 'one offer and its answer a month: wait for next month');
      if (n && n.round >= n.maxRounds) return refuse('roundsExhausted', { max: n.maxRounds }, `the negotiation has had its ${n.maxRounds} rounds: accept the offer or walk away`);
      if (!partnerActive(state)) return refuse('noPartner', {}, 'there is no partner to negotiate with until a new one arrives');
      const extra = Object.keys(a.terms).find((k) => !(TERM_FIELDS as readonly string[]).includes(k));
      // A key the terms do not have would be copied into the contract (and the save) unread.
      if (extra !== undefined) return refuse('fieldUnknown', { field: `terms.${extra}`, action: 'propose', expected: TERM_FIELDS.join(', ') }, `terms.${extra}: not a field of the terms (their fields: ${TERM_FIELDS.join(', ')})`);
      const terms = a.terms as ContractTerms;
      const unlawful = termsProblem(state, scenario, terms);
      if (unlawful) return refuseWith(unlawful);
      if (!n) openNegotiation(state, scenario, terms, moveNote(a), a.by);
      else counterOffer(state, a.by, terms, moveNote(a));
      return OK;
    }
    case 'accept': {
      const n = state.negotiation;
      if (!n) return refuse('noOffer', {}, 'there is no offer to accept');
      if (a.by !== 'city' && a.by !== 'partner') return bySide(a.by);
      if (n.offeredBy === a.by) return refuse('ownOffer', {}, 'a side cannot accept its own offer');
      if (n.turn !== a.by) return refuse('notYourTurn', { turn: n.turn }, `it is the ${n.turn}'s turn`);
      if (n.ratificationMonthsLeft > 0) return refuse('awaitingRatification', {}, 'the deal is already accepted and awaits ratification');
      const phase = phaseProblem(n);
      if (phase) return refuseWith(phase);
      if (!mayMoveThisMonth(state, a.by)) return refuse('oneRoundAMonth', {}, 'one offer and its answer a month: answer next month');
      const unlawful = termsProblem(state, scenario, n.offer, { atAcceptance: true });
      if (unlawful) return refuse('offerNoLongerLawful', { ...unlawful.params, cause: unlawful.code }, `the offer is no longer lawful: ${unlawful.reason}`);
      acceptOffer(state, scenario, a.by, moveNote(a));
      return OK;
    }
    case 'walkAway': {
      const n = state.negotiation;
      if (!n) return refuse('noNegotiation', {}, 'there is no negotiation to leave');
      if (a.by !== 'city' && a.by !== 'partner') return bySide(a.by);
      walkAway(state, a.by, moveNote(a));
      return OK;
    }
    case 'scalePilot': // retired: kept refused for the saves that hold it
      return refuse('scalePilotByContract', {}, 'scale a pilot by proposing a contract for its project in the other districts');
    case 'cancelContract': {
      const c = typeof a.contractId === 'number' ? state.contracts[a.contractId - 1] : undefined;
      if (!c || c.builder !== 'partner') return refuse('notPartnerContract', { contract: found(a.contractId) }, `contract ${found(a.contractId)} is not a contract with the partner`);
      if (c.status !== 'running' && c.status !== 'building') return refuse('contractNotRunning', { contract: c.id, status: c.status }, `contract ${c.id} is ${c.status}, not running`);
      if (a.abandon !== undefined && typeof a.abandon !== 'boolean') return refuse('fieldNotBoolean', { field: 'abandon', found: found(a.abandon) }, `abandon: found ${found(a.abandon)}, expected true or false`);
      if (a.abandon === true && servicesToGiveUp(state, c) === 0) return refuse('nothingToGiveUp', { contract: c.id }, `contract ${c.id} runs no service that can be switched off: it can be cancelled, not given up`);
      cancelContract(state, scenario, scratch, c, a.abandon === true);
      return OK;
    }
    case 'renegotiateContract': {
      // A proposal of amendment (avenant): the partner signs or refuses it (answerAmendment).
      const c = typeof a.contractId === 'number' ? state.contracts[a.contractId - 1] : undefined;
      if (!c || c.builder !== 'partner') return refuse('notPartnerContract', { contract: found(a.contractId) }, `contract ${found(a.contractId)} is not a contract with the partner`);
      if (c.status !== 'running' && c.status !== 'building') return refuse('contractNotRunning', { contract: c.id, status: c.status }, `contract ${c.id} is ${c.status}, not running`);
      const p = num(a.paymentCut, 'paymentCut', 0, 0.5);
      if (p) return refuseWith(p);
      if (c.amendment) return refuse('amendmentPending', { contract: c.id }, `an amendment to contract ${c.id} already awaits the partner's answer`);
      const am = balancedAmendment(state, scenario, c, a.paymentCut);
      if (!am) return refuse('amendmentUnbalanced', { contract: c.id, paymentCut: a.paymentCut }, `cutting the payment of contract ${c.id} by ${Math.round(a.paymentCut * 100)} % leaves no lengthening that keeps the partner's financial balance: the payment would no longer cover its running costs, or the lengthening would outlast the contract's equipment`);
      if (am.tooLong) return refuse('amendmentTooLong', { contract: c.id, limitYears: MAX_CONTRACT_YEARS, foundYears: Math.round(am.years * 10) / 10 }, `keeping the partner's financial balance after this cut would make contract ${c.id} last ${am.years.toFixed(1)} years, beyond ${MAX_CONTRACT_YEARS}`);
      const substantial = substantialModification(scenario, c, am.modificationEur);
      if (substantial) return refuseWith(substantial);
      proposeAmendment(state, c, am.amendment);
      return OK;
    }
    case 'answerAmendment': {
      const by: unknown = a.by;
      if (by !== 'partner') return refuse('fieldUnknownValue', { field: 'by', found: found(by), expected: 'partner' }, `by: found ${found(by)}, expected "partner"`);
      const c = typeof a.contractId === 'number' ? state.contracts[a.contractId - 1] : undefined;
      if (!c || c.builder !== 'partner') return refuse('notPartnerContract', { contract: found(a.contractId) }, `contract ${found(a.contractId)} is not a contract with the partner`);
      if (!c.amendment) return refuse('noAmendment', { contract: c.id }, `no amendment to contract ${c.id} awaits an answer`);
      if (typeof a.accept !== 'boolean') return refuse('fieldNotBoolean', { field: 'accept', found: found(a.accept) }, `accept: found ${found(a.accept)}, expected true or false`);
      answerAmendment(state, c, a.accept);
      return OK;
    }
    case 'studyPartnership': {
      // The prior evaluation and budget-sustainability study of a partnership (CCP L2212-1, L2212-2).
      if (!Array.isArray(a.projects) || a.projects.length === 0) return refuse('noProject', {}, 'the study names no project');
      for (const id of a.projects) if (typeof id !== 'string' || !projectType(scenario, id)) return refuse('unknownProject', { project: found(id), known: Object.keys(scenario.projects.catalogue).join(', ') }, `unknown project ${found(id)}`);
      const nd = scenario.territory.districts.length;
      if (!Array.isArray(a.districts) || a.districts.length === 0) return refuse('noDistrict', {}, 'the study covers no district');
      for (const d of a.districts) if (!Number.isInteger(d) || d < 0 || d >= nd) return refuse('unknownDistrict', { district: found(d), max: nd - 1 }, `district ${found(d)} does not exist (0 to ${nd - 1})`);
      const existing = partnershipStudyFor(state, a);
      if (existing) return refuse('partnershipStudyExists', { readyTick: existing.readyTick }, `a prior evaluation of this scope exists already (ready from month ${existing.readyTick})`);
      const neg = scenario.negotiation;
      cityPays(state, scratch, { to: 'suppliers', eur: neg.partnershipStudyCostEur, reason: 'partnership prior evaluation', section: 'operating', smart: true });
      state.partnershipStudies.push({ projects: [...new Set(a.projects)], districts: [...new Set(a.districts)], startTick: state.tick, readyTick: state.tick + neg.partnershipStudyMonths });
      state.log.push({ tick: state.tick, kind: 'partnershipStudy', data: { projects: a.projects.join('+'), districts: a.districts.length, readyTick: state.tick + neg.partnershipStudyMonths, costEur: neg.partnershipStudyCostEur } });
      return OK;
    }
    default:
      return refuse('unknownAction', { type: found((a as { type: unknown }).type) }, `unknown action type ${found((a as { type: unknown }).type)}`);
  }
}

/**
 * An operating commitment taken this month (a measure's upkeep, a change of concertation effort, a
 * fall as a negative entry), kept for the 12 months it is not yet fully in gross savings
 * (legality.ts reads them in the net savings to come).
 */
function recordNewUpkeep(state: SimState, annualEur: number): void {
  state.city.newUpkeep = state.city.newUpkeep.filter((u) => state.tick - u.tick < 12);
  state.city.newUpkeep.push({ tick: state.tick, annualEur });
}

/**
 * What a concertation effort costs the city a year beyond its usual one (`city.concertation`, whose
 * cost is in its running costs): `city.concertationCostEur` per unit of effort above it (MODEL.md
 * §10). An effort below the usual one saves nothing: the usual effort's cost is in the scenario's
 * running costs without a line of its own, and most of it is staff the city keeps.
 */
export function concertationCostEur(scenario: Scenario, level: number): number {
  return scenario.city.concertationCostEur * Math.max(0, level - scenario.city.concertation);
}

/**
 * The month after the playable years (MODEL.md §10, "After the playable years"): the city's
 * standing choices are no longer counted, neither their cost nor the decisions they would serve —
 * no governance measure (its cost stops), the usual concertation effort (whose cost the scenario's
 * running costs carry). The years that follow show the late effects of what the mandates signed
 * and built (contracts, equipment, services, debt), not of recurring choices no one makes any
 * more: the alignment a measure buys serves procedures, grant files and pilots, and none comes
 * after, so a measure kept to the horizon was paid for nothing, and switching every one off at the
 * last playable budget gained its whole cost. A log line says so when something changes.
 */
export function standingChoicesLeave(state: SimState, scenario: Scenario): void {
  const g = state.city.governance;
  const kept = GOVERNANCE_MEASURES.filter((m) => g[m]).length;
  const concertationPct = Math.round(state.city.concertation * 100);
  if (kept === 0 && state.city.concertation === scenario.city.concertation) return;
  for (const m of GOVERNANCE_MEASURES) g[m] = false;
  state.city.concertation = scenario.city.concertation;
  state.log.push({ tick: state.tick, kind: 'decision', data: { action: 'playEnd', key: 'playEnd.standingChoices', kept, concertationPct, usualPct: Math.round(scenario.city.concertation * 100) } });
}

/** Governance measures, and a concertation effort above the usual one, cost money every month they are kept (operating section). */
export function governanceUpkeep(state: SimState, scenario: Scenario, scratch: TickScratch): void {
  const concertation = concertationCostEur(scenario, state.city.concertation);
  if (concertation > 0) cityPays(state, scratch, { to: 'suppliers', eur: concertation / 12, reason: 'concertation', section: 'operating', smart: true });
  const m = scenario.coordination.measures;
  const g = state.city.governance;
  if (g.smartCityOffice) cityPays(state, scratch, { to: 'suppliers', eur: m.smartCityOffice.costEur / 12, reason: 'smart-city office', section: 'operating', smart: true });
  if (g.interCommunalAgreement) cityPays(state, scratch, { to: 'suppliers', eur: m.interCommunalAgreement.costEur / 12, reason: 'inter-communal agreement', section: 'operating', smart: true });
  if (g.sharedDataPlatform) cityPays(state, scratch, { to: 'suppliers', eur: m.sharedDataPlatform.costEur / 12, reason: 'shared data policy', section: 'operating', smart: true });
}

/** Whether an action would be accepted now, without changing the state (on a copy): the game lists
 *  only actions that `dispatch` accepts. */
export function tryAction(state: SimState, scenario: Scenario, action: unknown): ActionResult {
  const copy = structuredClone(state);
  return applyAction(copy, scenario, newScratch(copy), action);
}
