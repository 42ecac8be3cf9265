/**
 * Negotiation: alternating offers over the contract terms, one round a month, inside an award
 * procedure (procedure.ts).
 *
 * An offer made when no negotiation is open publishes a procedure: its notice (the opening offer)
 * is out for the publication months, the bids come in and are analysed for the bids months (with,
 * in a competitive dialogue, the dialogue with the candidates: procedure.ts `dialogueMonths`), and
 * only then does the other side answer. In the negotiation (or dialogue) phase the side whose
 * turn it is may accept the other's last offer, counter with its own, or walk away to its outside
 * option; every offer obeys the competitive bound (procedure.ts). A negotiation lasts at most
 * `maxRoundsPerYear` rounds (one a month), then fails. An accepted offer goes through the award
 * (the council's decision) and the standstill before signature. The council's majority (DESIGN C4;
 * its groups, `vetoPlayers` in the scenario, follow their communes; none holds a veto): with
 * alignment a, the city side needs R = 1 + round(vetoPlayers × (1 − a)) rounds of internal
 * agreement; an acceptance before round R adds R − round months of ratification to the award, and
 * each award month may break the deal with probability 0.1 × (1 − a), less when co-funders pay part of
 * it (`vetoChance`); a purchase the city makes alone above the EU threshold goes to the same council,
 * whose majority may split by the same rule (`ratifyPurchase`). Low alignment means longer procedures and more breakdowns. The procedure's close (signed, failed, or unsuccessful when no
 * firm bids) is logged with the months since its notice.
 */
import { withStream } from '../rng';
import type { Scenario } from '../scenario-schema';
import type { Actor, ContractTerms, Explanation, Negotiation, ProcedureKind, SimState } from '../types';
import { deploymentCapexEur, projectType } from './catalogue';
import { grantIneligibility } from './funding';
import { signContract } from './contracts';
import { vetoRounds } from './lead-times';
import { partnerCostFactor } from './partner';
import { competitiveCapEur, monthsToBids, newProcedure, openBids } from './procedure';
import { recordFailedNotice } from './relaunch';
import { termsProblem } from './terms';
import { awardedWorksFactor, dealCapital } from './valuation';

/** What a side says with its move. */
export interface MoveNote {
  reason: string;
  explanation?: Explanation;
}

function note(n: MoveNote | string): MoveNote {
  return typeof n === 'string' ? { reason: n } : n;
}

/** The monthly chance that the council's majority splits during the award when the territory pays the whole deal itself (an assumption: MODEL §13.2). */
const VETO_PER_AWARD_MONTH = 0.1;

/**
 * The monthly chance that the council's majority splits over an accepted deal during its award and
 * the council does not authorise it (its groups follow their communes; no commune or département
 * holds a veto of its own, MODEL §13.1): 0.1 × (1 − alignment) × the share of the deal's cost the
 * territory's own taxpayers bear. The councillors object to what their residents pay; the
 * co-funders' money (State, Region, EU: the grants the terms expect to win) is a cost they do not
 * bear and a gain they would lose by refusing, so a co-financed deal is refused less (DESIGN C3:
 * co-financing widens the zone of agreement, the council's included). The share is the co-financing rate of the operation: the
 * grants over the whole works, whoever finances them first — a partner's financing is repaid by the
 * city's rent, so it is no outside money (the budget illusion the Cour des comptes warns of).
 */
export function vetoChance(state: SimState, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers' = 'partner'): number {
  const base = VETO_PER_AWARD_MONTH * (1 - state.alignment);
  const { capexEur, expectedGrantsEur } = dealCapital(state, scenario, terms, builder);
  if (expectedGrantsEur <= 0 || capexEur <= 0) return base;
  return base * (1 - Math.min(1, expectedGrantsEur / capexEur));
}

/** Rounds of internal agreement the city side needs before it can sign (C4: the groups of the council's majority). */
export function roundsNeeded(state: SimState, scenario: Scenario): number {
  return vetoRounds(scenario, state.alignment);
}

/**
 * Months of the award, the council's decision, for an offer accepted at round `round`: the
 * procedure's award months plus one month for each round of internal agreement the council's majority
 * still need (R − round). A partner deal and a purchase alone above the EU threshold both count them
 * so (`ratifyPurchase`).
 */
export function ratificationMonths(scenario: Scenario, kind: ProcedureKind, rounds: number, round: number): number {
  return scenario.procurement.months[kind].award + Math.max(0, rounds - round);
}

/** Whether the council's majority splits over the deal in one month of its award (`vetoChance`, drawn on the city's stream). */
function vetoedThisMonth(state: SimState, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers' = 'partner'): boolean {
  return withStream(state, 'city', (rng) => rng.chance(vetoChance(state, scenario, terms, builder)));
}

/**
 * The council's decision on a purchase the city makes alone (its own suppliers) through a formal
 * procedure, above the EU threshold of its object (`procurement.euThresholdsEur`, R2124-1). No
 * commune and no département holds a veto on a métropole's purchase within its competence: its
 * council decides by the majority of the votes cast (CGCT L2121-20, applied to the EPCI by
 * L5211-1); above the thresholds the tender committee, members of the council elected at
 * proportional representation (L1414-2, L1411-5), chooses the holder, and the council authorises
 * the signature (L2122-21-1) unless it delegated that to the president or the bureau (L5211-10; a
 * commune's mayor, L2122-22 4°, without limit of amount since 2009). So the EU threshold is the
 * customary line of that delegation — many councils keep the formal procedures for themselves —
 * not a legal one (MODEL §13.1). In a métropole the council is made of the communes' delegates
 * (L5211-6, L5217-2): what the model draws is the cohesion of its majority, whose factions follow
 * their communes (alignment, DESIGN C4), by the partner deals' rule: the purchase is one decision
 * of the city, taken at once (an offer accepted at the first round), its award lasts
 * `ratificationMonths(…, R, 1)` months, R − 1 of them added to its procedure (the months to build
 * the majority), and each may see the majority split with `vetoChance`. The deliberation may come
 * before the procedure is engaged (L2122-21-1: "la délibération … peut être prise avant
 * l'engagement de la procédure de passation", with the need and its estimated amount), so the
 * months are drawn when it is launched: `vetoed` true, the purchase is not made and nothing is
 * spent; false, its works wait `extraMonths` more than its procedure's. Below the threshold (an
 * adapted procedure, under delegation) nothing is drawn.
 */
function ratifyPurchase(state: SimState, scenario: Scenario, terms: ContractTerms, kind: ProcedureKind): { vetoed: boolean; extraMonths: number; months: number } {
  if (kind === 'adapted') return { vetoed: false, extraMonths: 0, months: 0 };
  const rounds = roundsNeeded(state, scenario);
  const months = ratificationMonths(scenario, kind, rounds, 1);
  for (let m = 0; m < months; m++) if (vetoedThisMonth(state, scenario, terms, 'suppliers')) return { vetoed: true, extraMonths: rounds - 1, months };
  return { vetoed: false, extraMonths: rounds - 1, months };
}

/**
 * Whether the council refused this need in this mandate and nothing it refused has changed, so it is
 * not put to the council again (`councilOnPurchase`): the rule of a failed consultation
 * (relaunch.ts `relaunchesFailedNotice`) applied to the council's refusal. The new request is
 * compared with the union of what the council refused of this project in this mandate, not with each
 * refusal apart (two refusals over districts 1–2 and 3–4 refuse 1–4): the same mandate, no election
 * since (a new council sets a new programme); the same need, every district among the refused ones
 * (a part of a refused need is not bought apart: R2121-1, and below the threshold it would escape the
 * council that refused it); the same funding, no grant call the refused requests did not name for
 * which the purchase is eligible (funding.ts `grantIneligibility`; a new co-financer lowers what the
 * residents pay, which is what divided the majority: `vetoChance` — a call that cannot fund it brings
 * nothing new). A district or an eligible call outside that union, or a new council, is a new
 * deliberation. The model's assumption about a council's conduct, not a rule of law: nothing forbids
 * a council to be asked twice, but an executive that puts back the same deliberation to the same
 * majority expects the same vote.
 */
export function purchaseBarred(state: Readonly<SimState>, scenario: Scenario, terms: Pick<ContractTerms, 'projects' | 'districts' | 'grantCalls' | 'pilot'>): boolean {
  const refused = refusedOfProject(state, terms.projects[0]);
  if (refused.length === 0) return false;
  const districts = new Set(refusedDistricts(refused));
  const calls = new Set(refused.flatMap((v) => v.grantCalls));
  if (!terms.districts.every((d) => districts.has(d))) return false;
  return !terms.grantCalls.some((id) => {
    if (calls.has(id)) return false;
    const call = state.grantCalls.find((c) => c.id === id);
    return call !== undefined && grantIneligibility(state, scenario, call, terms) === null;
  });
}

/** The districts of these refusals, each once, in order: the union a new request is read against (`purchaseBarred`). */
export function refusedDistricts(refused: NonNullable<SimState['vetoedPurchases']>): number[] {
  return [...new Set(refused.flatMap((v) => v.districts))].sort((x, y) => x - y);
}

/** The council's refusals of a purchase alone of `project` in this mandate (`councilOnPurchase`). */
export function refusedOfProject(state: Readonly<SimState>, project: string | undefined): NonNullable<SimState['vetoedPurchases']> {
  return (state.vetoedPurchases ?? []).filter((v) => v.electionTick === state.nextElectionTick && v.project === project);
}

/**
 * A purchase alone put to the council (`ratifyPurchase`): the months of internal agreement it adds
 * to its procedure, or null when the council refused it (logged, and recorded for `purchaseBarred`;
 * only this mandate's refusals are kept). The caller refuses a barred purchase before it comes here.
 */
export function councilOnPurchase(state: SimState, scenario: Scenario, terms: ContractTerms, kind: ProcedureKind): number | null {
  const vote = ratifyPurchase(state, scenario, terms, kind);
  if (!vote.vetoed) return vote.extraMonths;
  const project = terms.projects[0]!;
  const kept = (state.vetoedPurchases ?? []).filter((v) => v.electionTick === state.nextElectionTick);
  kept.push({ tick: state.tick, project, districts: [...terms.districts], grantCalls: [...terms.grantCalls], electionTick: state.nextElectionTick });
  state.vetoedPurchases = kept;
  state.log.push({ tick: state.tick, kind: 'purchaseVetoed', data: { project, districts: terms.districts.length, months: vote.months } });
  return null;
}

/** Publishes a procedure with this opening offer: the other side answers once the bids are in. */
export function openNegotiation(state: SimState, scenario: Scenario, terms: ContractTerms, why: MoveNote | string, by: Actor = 'city'): void {
  state.counters.negotiationsOpened += 1;
  const procedure = newProcedure(state, scenario, terms);
  state.negotiation = {
    id: state.counters.negotiationsOpened,
    openedTick: state.tick,
    procedure,
    turn: by === 'city' ? 'partner' : 'city',
    offer: structuredClone(terms),
    offeredBy: by,
    round: 1,
    roundsNeeded: roundsNeeded(state, scenario),
    maxRounds: scenario.negotiation.maxRoundsPerYear,
    // No answer before the month after the bids phase ends.
    lastMoveTick: state.tick + Math.max(0, monthsToBids(scenario, procedure) - 1),
    ratificationMonthsLeft: 0,
    history: [{ tick: state.tick, by, kind: 'offer', terms: structuredClone(terms), ...note(why) }],
  };
  state.log.push({ tick: state.tick, kind: 'negotiationOpened', data: { projects: terms.projects.join('+'), form: terms.form, years: terms.durationYears, procedure: procedure.kind, bidders: procedure.bidders } });
  settlePhases(state, scenario);
}

/** Moves on past fixed phases of zero months (a procedure without publication, or bids). */
function settlePhases(state: SimState, scenario: Scenario): void {
  const n = state.negotiation;
  if (!n) return;
  const p = n.procedure;
  const months = scenario.procurement.months[p.kind];
  if (p.phase === 'publication' && p.monthsLeft <= 0) {
    p.phase = 'bids';
    p.monthsLeft = months.bids + (p.dialogueMonths ?? 0);
  }
  if (p.phase === 'bids' && p.monthsLeft <= 0) bidsIn(state, scenario, n);
}

/** The bids are in: none ends the procedure (unsuccessful); otherwise the negotiation begins under the competitive bound. */
function bidsIn(state: SimState, scenario: Scenario, n: Negotiation): void {
  const p = n.procedure;
  if (p.bidders === 0) {
    state.log.push({ tick: state.tick, kind: 'procedureUnsuccessful', data: { negotiation: n.id, form: n.offer.form, procedure: p.kind } });
    closeProcedure(state, n, { outcome: 'unsuccessful' });
    state.counters.negotiationsFailed += 1;
    state.negotiation = null;
    return;
  }
  openBids(state, scenario, n, partnerCostFactor(state, scenario));
  p.phase = 'negotiation';
  p.monthsLeft = 0;
  const cap = competitiveCapEur(state, scenario, n.offer);
  // The bids undercut an opening offer above what the next bidder would accept.
  const undercut = cap !== null && n.offer.annualPaymentEur > cap;
  if (undercut) n.offer.annualPaymentEur = cap;
  state.log.push({ tick: state.tick, kind: 'bidsOpened', data: { negotiation: n.id, bidders: p.bidders, capEur: cap ?? -1, undercut } });
}

/** Catalogue price of the works in an offer's scope, euros (for the procedure's report). */
function worksEur(scenario: Scenario, terms: ContractTerms): number {
  let sum = 0;
  for (const id of terms.projects) {
    const t = projectType(scenario, id);
    if (t) for (const d of terms.districts) sum += deploymentCapexEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1);
  }
  return Math.round(sum);
}

/** Logs the end of a procedure: how it ended and the months from its notice. */
function closeProcedure(state: SimState, n: Negotiation, end: { outcome: 'signed' | 'failed' | 'unsuccessful'; scenario?: Scenario; contractId?: number }): void {
  const { outcome, scenario, contractId = 0 } = end;
  state.log.push({
    tick: state.tick,
    kind: 'procedureClosed',
    data: {
      negotiation: n.id,
      outcome,
      phase: n.procedure.phase,
      procedure: n.procedure.kind,
      form: n.offer.form,
      pilot: n.offer.pilot,
      openedTick: n.openedTick,
      months: state.tick - n.openedTick,
      worksEur: scenario ? worksEur(scenario, n.offer) : -1,
      contract: contractId,
    },
  });
}

/** A side's counter-offer (a round). */
export function counterOffer(state: SimState, by: Actor, terms: ContractTerms, why: MoveNote | string): void {
  const n = state.negotiation!;
  n.offer = structuredClone(terms);
  n.offeredBy = by;
  n.turn = by === 'city' ? 'partner' : 'city';
  n.round += 1;
  n.lastMoveTick = state.tick;
  n.history.push({ tick: state.tick, by, kind: 'offer', terms: structuredClone(terms), ...note(why) });
}

/** A side accepts: the award (with ratification) and the standstill follow, then signature. */
export function acceptOffer(state: SimState, scenario: Scenario, by: Actor, why: MoveNote | string): void {
  const n = state.negotiation!;
  n.history.push({ tick: state.tick, by, kind: 'accept', ...note(why) });
  n.lastMoveTick = state.tick;
  const months = scenario.procurement.months[n.procedure.kind];
  const award = ratificationMonths(scenario, n.procedure.kind, n.roundsNeeded, n.round);
  n.procedure.phase = award > 0 ? 'award' : 'standstill';
  n.procedure.monthsLeft = award > 0 ? award : months.standstill;
  n.ratificationMonthsLeft = award + months.standstill;
  if (n.ratificationMonthsLeft === 0) concludeDeal(state, scenario);
}

/** A side walks away: the procedure ends without a contract. */
export function walkAway(state: SimState, by: Actor, why: MoveNote | string): void {
  const n = state.negotiation!;
  n.history.push({ tick: state.tick, by, kind: 'walkAway', ...note(why) });
  state.log.push({ tick: state.tick, kind: 'negotiationFailed', data: { by, rounds: n.round } });
  recordFailedNotice(state, n, by);
  closeProcedure(state, n, { outcome: 'failed' });
  state.counters.negotiationsFailed += 1;
  state.negotiation = null;
}

function concludeDeal(state: SimState, scenario: Scenario): void {
  const n = state.negotiation!;
  // The terms are checked once more at signature: months of award and standstill may have moved
  // the budget past the golden rule or the debt ceiling.
  const problem = termsProblem(state, scenario, n.offer, { atAcceptance: true });
  if (problem) {
    walkAway(state, 'city', `the deal can no longer be signed: ${problem.reason}`);
    return;
  }
  const worksPriceFactor = awardedWorksFactor(state);
  state.negotiation = null;
  const contract = signContract(state, scenario, n.offer, 'partner', { openedTick: n.openedTick, worksPriceFactor });
  closeProcedure(state, n, { outcome: 'signed', scenario, contractId: contract.id });
}

/** Each month: the fixed phases of the procedure run down, the council's majority ratifies, and the round limit holds. */
export function negotiationTick(state: SimState, scenario: Scenario): void {
  const n = state.negotiation;
  if (!n) return;
  const p = n.procedure;
  if (p.phase === 'publication' || p.phase === 'bids') {
    p.monthsLeft -= 1;
    settlePhases(state, scenario);
    return;
  }
  if ((p.phase === 'award' || p.phase === 'standstill') && n.lastMoveTick < state.tick) {
    if (p.phase === 'award') {
      if (vetoedThisMonth(state, scenario, n.offer)) {
        walkAway(state, 'city', 'a commune or department vetoed the deal during ratification');
        return;
      }
    }
    p.monthsLeft -= 1;
    n.ratificationMonthsLeft -= 1;
    if (p.phase === 'award' && p.monthsLeft <= 0 && n.ratificationMonthsLeft > 0) {
      p.phase = 'standstill';
      p.monthsLeft = n.ratificationMonthsLeft;
    }
    if (n.ratificationMonthsLeft <= 0) concludeDeal(state, scenario);
    return;
  }
  // After the last round the side to answer has one month to accept or walk away.
  if (p.phase === 'negotiation' && n.round >= n.maxRounds && state.tick >= answerDeadlineTick(n)) {
    walkAway(state, n.turn, 'no answer to the last offer: the negotiation ends');
  }
}

/** Months an offer stays valid unanswered in the model (offers customarily bind for 90 to 120 days). */
export const OFFER_VALIDITY_MONTHS = 4;

/** Whether the offer on the table awaits an answer, under its validity: the negotiation phase, no acceptance being ratified. */
export function offerAwaitsAnswer(n: Readonly<Negotiation>): boolean {
  return n.procedure.phase === 'negotiation' && n.ratificationMonthsLeft === 0;
}

/**
 * The last month in which the side to answer may still answer the offer on the table: the offer's
 * validity, or after the last round the month the round limit leaves (`negotiationTick`), whichever
 * the negotiation is under. What the negotiation table tells a person.
 */
export function answerDeadlineTick(n: Readonly<Negotiation>): number {
  return n.lastMoveTick + (n.round >= n.maxRounds ? 2 : OFFER_VALIDITY_MONTHS);
}

/**
 * As a month opens, before anyone moves: an offer of the negotiation phase left unanswered through
 * its validity (the months after the one it was made in, OFFER_VALIDITY_MONTHS of them) lapses,
 * and the procedure ends without a contract, as the silent side's walk-away (MODEL.md §13.1, "An
 * offer's validity"). Checked at the month's opening so that the last month a table names is the
 * last month an answer is taken.
 */
export function lapseUnansweredOffer(state: SimState): void {
  const n = state.negotiation;
  if (n && offerAwaitsAnswer(n) && state.tick > answerDeadlineTick(n)) {
    walkAway(state, n.turn, 'no answer within the offer\u2019s validity: the offer lapsed and the procedure ends');
  }
}
