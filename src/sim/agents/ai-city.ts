/**
 * The negotiating computer city.
 *
 * Once a year (and when a grant call opens) it takes the rule-based city's budget, tax, governance
 * and project decisions (rule-based-city.ts), valuing projects through its personality's lens; it
 * opens a negotiation with the offer that maximises its expected value given its prior belief about
 * the partner (negotiator.ts). On its turn it accepts an offer worth at least what countering is
 * worth to it (its patience δ × its best counter's expected value), counters with its best offer
 * under its updated belief, or walks away when no offer is worth anything to it.
 */
import { applyAction } from '../actions';
import { newScratch } from '../money';
import { commitmentAllowed } from '../rules/legality';
import { termsKey, termsLawful } from '../rules/terms';
import { trialState } from '../serialize';
import { dealValues } from '../rules/valuation';
import type { Scenario } from '../scenario-schema';
import type { Action, ContractTerms, Negotiation, Observation, Policy, SimState } from '../types';
import { at, cityBelief, cityBestOffer, cityLinearOf, millions, PATIENCE_TYPES, percent, roundDelta, shouldAccept } from './negotiator';
import { cityView, type CityPersonality, partnerPersonality } from './personalities';
import { yearlyDecisions } from './rule-based-city';
import { filedCalls } from '../rules/funding';
import { competitiveCapsOf } from '../rules/procedure';

/** The bid margin the city assumes partners ask for (it does not know which partner it faces). */
const ASSUMED_PARTNER_MARGIN = partnerPersonality('infrastructure-partner')!.marginShare;

/** The city's patience this month: its personality's, shrinking as the election nears. */
function cityPatience(state: Readonly<SimState>, p: CityPersonality): number {
  const months = Math.max(1, state.nextElectionTick - state.tick);
  return p.patience * (1 - (0.02 * 12) / Math.max(12, months));
}

/** The city's δ per round: its rate plus electoral hazard over a month, times its patience. */
function cityDelta(state: Readonly<SimState>, view: Scenario, p: CityPersonality): number {
  return roundDelta(view.city.discountRate + view.city.electoralHazard, cityPatience(state, p));
}

function priorNegotiation(state: Readonly<SimState>, terms: ContractTerms): Negotiation {
  return { id: 0, openedTick: state.tick, procedure: { kind: 'dialogue', phase: 'negotiation', monthsLeft: 0, bidders: 1, rivalCostFactor: null }, turn: 'partner', offer: terms, offeredBy: 'city', round: 0, roundsNeeded: 1, maxRounds: 1, lastMoveTick: state.tick, ratificationMonthsLeft: 0, history: [] };
}

export function makeAiCity(p: CityPersonality): Policy {
  return (obs: Observation): Action[] => {
    const state = obs.state;
    const pub = obs.scenario;
    const view = cityView(pub, p);
    const actions: Action[] = [];
    if (obs.trigger.yearStart || obs.trigger.newGrantCalls.length > 0) {
      actions.push(
        ...yearlyDecisions(state, view, obs.trigger.yearStart, (s, terms) => {
          const delta = cityDelta(s, view, p);
          const belief = cityBelief({ state: s, publicScenario: pub, ownView: view, negotiation: priorNegotiation(s, terms), marginShare: ASSUMED_PARTNER_MARGIN, ownDelta: delta });
          const best = cityBestOffer({ state: s, publicScenario: pub, ownView: view, base: terms, belief, marginShare: ASSUMED_PARTNER_MARGIN, maxYears: p.maxYears, ownDelta: delta, roundsLeft: pub.negotiation.maxRoundsPerYear - 1 });
          if (!best) return null;
          return {
            terms: best.terms,
            explanation: {
              key: 'city.opens',
              params: { project: terms.projects.join('+'), years: best.terms.durationYears, paymentM: millions(best.terms.annualPaymentEur), valueM: millions(best.value), acceptPct: percent(best.acceptProb) },
            },
          };
        }),
      );
    }
    const n = state.negotiation;
    if (n && actions.length > 0 && !(obs.trigger.mustAnswer && n.turn === 'city')) return besideDeal(state, pub, actions, n.offer);
    if (n && obs.trigger.mustAnswer && n.turn === 'city') {
      const reply = answer(state, pub, view, n, p);
      // The answer was weighed before this year's budget: if the envelope just voted no longer
      // funds the city's share, the city walks away rather than offer what it cannot pay.
      // Whether the month's decisions and the answer fit together: asked at most once for both tests
      // below (kept in `joint`; no closure: under the TypeScript loader a named closure is named
      // again at each call).
      let joint: boolean | undefined;
      if (actions.some((a) => a.type === 'setBudget') && !(joint ??= inTurn(state, pub, [...actions, ...reply])) && inTurn(state, pub, actions)) {
        actions.push({ type: 'walkAway', by: 'city', explanation: { key: 'city.walksAway', params: { valueM: 0, years: n.offer.durationYears, paymentM: millions(n.offer.annualPaymentEur) } } });
      } else if (actions.length > 0 && (reply[0]?.type === 'accept' || reply[0]?.type === 'propose') && !(joint ??= inTurn(state, pub, [...actions, ...reply])) && inTurn(state, pub, reply)) {
        // The deal it is accepting, or the counter it is making, comes first: its credits were
        // planned before this month's purchases (a grant lost this month can raise its share after
        // they were decided), so the city keeps only the decisions that still leave those terms
        // lawful (AP/CP, MODEL §13.8). Made after a purchase that took the envelope's last credits,
        // a counter was refused (issue 9, ninth round).
        return dealFirst(state, pub, reply, actions, reply[0].type === 'propose' ? reply[0].terms : n.offer);
      } else actions.push(...reply);
    }
    return actions;
  };
}

/**
 * The acceptance (or the counter), then those decisions of the same turn that leave its terms
 * lawful at signature (their share of the envelope, the lenders' limit: what the signature will
 * check again), each checked on a copy of the state after the ones kept before it.
 */
function dealFirst(state: Readonly<SimState>, scenario: Scenario, accept: readonly Action[], decisions: readonly Action[], offer: ContractTerms): Action[] {
  let after: Readonly<SimState> = state;
  const out: Action[] = [...accept];
  for (const a of decisions) {
    const trial = trialState(after);
    if (!applyAction(trial, scenario, newScratch(trial), a).ok || !termsLawful(trial, scenario, offer, { atAcceptance: true })) continue;
    after = trial;
    out.push(a);
  }
  return out;
}

/**
 * The month's decisions while an offer is on the table and the city does not answer it: each kept,
 * except a purchase alone after which that offer would no longer fit its credits at signature. The
 * credits of a deal under award are set before its procedure (an offer above them is
 * *inacceptable*, CCP L2152-3; AP/CP, CGCT L2311-3), so a purchase decided beside it must leave
 * them. A purchase beside a deal is planned at the average overrun (rule-based-city.ts), and the
 * one drawn when it is signed can go past what the deal left: before, the partner then walked
 * away from an offer the city could no longer sign (cancel-everything-city, seed 2, 200 agents,
 * month 154; issue 9's ninth round, the review). A vote of the budget is never dropped.
 */
function besideDeal(state: Readonly<SimState>, scenario: Scenario, actions: readonly Action[], offer: ContractTerms): Action[] {
  if (!actions.some((a) => a.type === 'launchAlone') || !offerFits(state, scenario, offer)) return [...actions];
  // In most months the decisions leave the deal its credits: one trial of them all says so.
  const all = trialState(state);
  const scratch = newScratch(all);
  if (actions.every((a) => applyAction(all, scenario, scratch, a).ok) && offerFits(all, scenario, offer)) return [...actions];
  let after: Readonly<SimState> = state;
  const out: Action[] = [];
  for (const a of actions) {
    const trial = trialState(after);
    const ok = applyAction(trial, scenario, newScratch(trial), a).ok;
    if (ok && a.type === 'launchAlone' && !offerFits(trial, scenario, offer)) continue;
    if (ok) after = trial;
    out.push(a);
  }
  return out;
}

/**
 * What a purchase alone can take from the deal is its credits: the envelope and the lenders' limit
 * (`commitmentAllowed`, what the signature checks again of the budget). A module function, not a
 * closure in `besideDeal`: under the TypeScript loader a named closure is named again at each call.
 */
function offerFits(state: Readonly<SimState>, scenario: Scenario, offer: ContractTerms): boolean {
  return commitmentAllowed(state, scenario, { kind: 'works', terms: offer, builder: 'partner' });
}

/** Whether the model accepts all these actions taken in this order (on a copy of the state). */
function inTurn(state: Readonly<SimState>, scenario: Scenario, actions: readonly Action[]): boolean {
  const copy = trialState(state);
  const scratch = newScratch(copy);
  return actions.every((a) => applyAction(copy, scenario, scratch, a).ok);
}

/**
 * The city's value (its lens) of its own last offer in this negotiation, Infinity if none: at the
 * payment the bids left it. The bids lower an opening above the next bidder's price to that price
 * (rules/negotiation.ts, the competitive bound): the competition, not the city, made that
 * concession, so a counter at the competitive price takes nothing back. Read at the pre-bid
 * payment, the rule forced every counter above the bound (unlawful), so the city had no counter
 * and took any longer term the partner asked at that price (issue 9, C1).
 */
function lastOwnValue(state: Readonly<SimState>, view: Scenario, pub: Scenario, n: Negotiation): number {
  const mine = [...n.history].reverse().find((m) => m.by === 'city' && m.kind === 'offer' && m.terms);
  if (!mine?.terms) return Infinity;
  const zero = { ...mine.terms, annualPaymentEur: 0 };
  const cap = competitiveCapsOf(state, pub)(zero);
  const pay = cap === null ? mine.terms.annualPaymentEur : Math.min(cap, mine.terms.annualPaymentEur);
  return at(cityLinearOf(dealValues(state, view, zero, 'partner', 'public')), pay);
}

/** Whether two sets of terms ask the same thing: every term but the grant calls (which close on their own dates, `filedCalls`). */
function sameAsk(a: ContractTerms, b: ContractTerms): boolean {
  return termsKey(a, 'grantCalls') === termsKey(b, 'grantCalls');
}

/**
 * Is the offer on the table the partner's final offer: an ask it already made in this
 * negotiation, put again in answer to the city's counter? The partner has turned the counter down
 * and not moved: the same counter would get the same answer (its refusal says nothing of its
 * patience, which is all the city's belief learns from, so the belief cannot see it). The city then
 * acts as if it had closed the talks and called for final offers — its conduct, drawn from the law,
 * in which the buyer decides when offers are final: a final offer is not negotiated (CCP R2161-17,
 * "à l'exception des offres finales"; in a competitive dialogue, the performance and partnership
 * contracts' procedure here, only clarifications that leave its fundamental elements unchanged,
 * R2161-24 and following; a concession's negotiation is free, L3121-1): it signs it or ends the
 * procedure without follow-up (R2185-1). Before issue 9's eleventh round the
 * computer city put the same counter again until its last round and then signed the same offer,
 * four to six months later (half of the default city's procedures, seeds 1–32).
 */
export function partnerStandsFirm(n: Readonly<Negotiation>): boolean {
  if (n.offeredBy !== 'partner') return false;
  const asks = n.history.filter((m) => m.by === 'partner' && m.kind === 'offer' && m.terms);
  const last = asks[asks.length - 1];
  return last !== undefined && sameAsk(last.terms!, n.offer) && asks.slice(0, -1).some((m) => sameAsk(m.terms!, n.offer));
}

function answer(state: Readonly<SimState>, pub: Scenario, view: Scenario, n: Negotiation, p: CityPersonality): Action[] {
  const offer = n.offer;
  const zero = { ...offer, annualPaymentEur: 0 };
  const lin = cityLinearOf(dealValues(state, view, zero, 'partner', 'public'));
  const value = at(lin, offer.annualPaymentEur);
  const delta = cityDelta(state, view, p);
  const belief = cityBelief({ state, publicScenario: pub, ownView: view, negotiation: n, marginShare: ASSUMED_PARTNER_MARGIN, ownDelta: delta });
  // A final offer is taken as the last round's: signed if worth anything, else the city walks away.
  const roundsLeft = partnerStandsFirm(n) ? 0 : n.maxRounds - n.round;
  const base = { ...offer, grantCalls: filedCalls(state, offer.grantCalls) };
  const counter = roundsLeft <= 0 ? null : cityBestOffer({
          state,
          publicScenario: pub,
          ownView: view,
          base,
          belief,
          marginShare: ASSUMED_PARTNER_MARGIN,
          maxYears: p.maxYears,
          ownDelta: delta,
          roundsLeft,
          atMost: offer.annualPaymentEur,
          fallback: value,
          ownCap: lastOwnValue(state, view, pub, n),
        });
  // What rejecting is worth: its best counter a month later (accepted, or bargained on).
  const continuation = counter ? delta * counter.expected : 0;
  const lawful = termsLawful(state, pub, offer, { atAcceptance: true });
  if (lawful && shouldAccept(value, 0, continuation)) {
    return [{ type: 'accept', by: 'city', explanation: { key: 'city.accepts', params: { valueM: millions(value), years: offer.durationYears, paymentM: millions(offer.annualPaymentEur) } } }];
  }
  if (!counter) {
    return [{ type: 'walkAway', by: 'city', explanation: { key: 'city.walksAway', params: { valueM: millions(value), years: offer.durationYears, paymentM: millions(offer.annualPaymentEur) } } }];
  }
  const believedPatience = PATIENCE_TYPES.reduce<number>((a, x, k) => a + x * belief[k]!, 0);
  return [
    {
      type: 'propose',
      by: 'city',
      terms: counter.terms,
      explanation: {
        key: counter.terms.durationYears < offer.durationYears ? 'city.tooLong' : 'city.counters',
        params: {
          offeredYears: offer.durationYears,
          years: counter.terms.durationYears,
          offeredM: millions(offer.annualPaymentEur),
          paymentM: millions(counter.terms.annualPaymentEur),
          valueM: millions(value),
          electionMonths: Math.max(0, state.nextElectionTick - state.tick),
          believedPatiencePct: percent(believedPatience),
        },
      },
    },
  ];
}
