/**
 * Scripted strategies: named rules of thumb that play one side without weighing the deal, offered
 * like the personalities (`--city`, `--partner`, the game's start) so that a room can try the
 * "obvious" strategies, and a test can check that none of them wins cheaply (tests/claims/
 * no-cheap-win.test.ts). None of them reads anything private: they see what every policy sees.
 *
 * City:
 * - `buy-everything-city` votes the steady mayor's budget, then at each of its decisions (the start
 *   of a year, a grant call opening) buys alone every catalogue project in the districts it does not
 *   serve yet — over all of them when the rules allow it, else district by district, the most
 *   populous first — with the open calls it is eligible for; it never negotiates.
 * - `do-nothing-city` takes no action at all: no budget vote, no tax change, no project.
 * - `accept-everything-city` decides and opens as the steady mayor does, and accepts every offer
 *   it has to answer (it walks away only from one the rules no longer allow it to sign).
 * - `refuse-everything-city` decides as the steady mayor would with no partner in sight: it buys
 *   alone what that mayor would, opens nothing, and walks away from any offer it has to answer.
 * - `cancel-everything-city` plays as the steady mayor, then at its first decision a year or more
 *   after a partner contract was signed ends it (the compensation of §8 is owed).
 * - `abandon-everything-city` plays as the steady mayor, then, whenever it acts, ends every running
 *   partner contract at scale that runs a service that can be switched off and gives those services
 *   up (`cancelContract { abandon: true }`: the compensation, and the grants' part within five years
 *   of the works, are owed), as soon as their works are over.
 * - `long-contract-city` plays as the steady mayor, but once the bids are in it asks for the
 *   longest contract the rules allow (25 years, or the life of the shortest-lived equipment in the
 *   scope, `outlivesEquipment`) at the competitive bound, and accepts such an offer at or under it:
 *   the rule of thumb that beat the default city on both scores before a contract's length was
 *   bounded by its equipment (issue 9, tenth round's review). Since then the partner already asks
 *   the longest lawful length, and it plays as `accept-everything-city` on most seeds (MODEL §18).
 * - `tax-cut-city` plays as the steady mayor, and at each budget cuts the voted rates as far as the
 *   rules allow (a full step, else half of one): a tax cut is a transfer to the taxpayers, which
 *   the scores do not reward (MODEL.md §15).
 * Partner:
 * - `gouge-partner` answers every offer with the highest annual payment the rules allow for the
 *   city's terms (its budget, the competitive bound, the form's rules), to the €1,000; it accepts
 *   only an offer already at that maximum that covers its costs, and walks away otherwise when it
 *   has no round left.
 * - `cheap-partner` is the rule-based partner with no margin: it accepts a lawful offer worth at
 *   least nothing to it at its cost of capital, otherwise asks the payment that covers its costs.
 *
 * They act only through lawful actions, checked with the model's own rules before acting
 * (`termsLawful`, the rounds, the contracts' status); the purchases of `buy-everything-city` are
 * checked one after the other on a copy of the state, as the earlier ones leave it.
 */
import { applyAction } from '../actions';
import { newScratch } from '../money';
import { grantIneligibility, callOpen } from '../rules/funding';
import { partnerActive } from '../rules/partner';
import { competitiveCapEur } from '../rules/procedure';
import { cityPaidTerms, shortestLife, termsLawful } from '../rules/terms';
import { dealFlows, valueForPartner } from '../rules/valuation';
import type { Scenario } from '../scenario-schema';
import { cloneState } from '../serialize';
import type { Action, Actor, ContractTerms, Observation, Policy, SimState } from '../types';
import { makeAiCity } from './ai-city';
import { answerAmendments } from './contract-review';
import { servicesToGiveUp } from '../queries';
import { CITY_PERSONALITIES, cityView } from './personalities';
import { yearlyDecisions } from './rule-based-city';
import { ruleBasedPartnerWith } from './rule-based-partner';

/** A scripted strategy: its side, its id and what it does, in both languages (the menu and the briefing show them). */
export interface ScriptedStrategy {
  side: Actor;
  id: string;
  name: { fr: string; en: string };
  describe: { fr: string; en: string };
  policy: Policy;
}

/** The steady mayor: the computer city the scripted cities borrow their yearly routine from. */
const STEADY = CITY_PERSONALITIES.find((p) => p.id === 'steady-mayor')!;
const steady = makeAiCity(STEADY);

/** Does the city decide now (the start of a year, or a grant call that opened)? */
const decides = (obs: Observation) => obs.trigger.yearStart || obs.trigger.newGrantCalls.length > 0;

/** Must the city answer an offer now? */
const mustAnswer = (obs: Observation) => obs.trigger.mustAnswer && obs.state.negotiation?.turn === 'city';

/** Districts where the project runs at scale, is being built, or is held by a running contract. */
function unserved(state: Readonly<SimState>, scenario: Scenario, typeId: string): number[] {
  const served = new Set<number>();
  for (const d of state.deployments) if (d.type === typeId && !d.pilot && (d.stage === 'building' || d.stage === 'operating')) served.add(d.district);
  // Most populous first (ties: the lower index).
  const pop = (d: number) => scenario.territory.districts[d]!.population;
  return [...Array(scenario.territory.districts.length).keys()].filter((d) => !served.has(d)).sort((a, b) => pop(b) - pop(a) || a - b);
}

/** The purchase alone of a project in some districts, with the open calls it is eligible for. */
function purchase(state: Readonly<SimState>, scenario: Scenario, project: string, districts: number[]): Extract<Action, { type: 'launchAlone' }> {
  const grantCalls = state.grantCalls.filter((c) => callOpen(state, c) && grantIneligibility(state, scenario, c, { projects: [project], pilot: false }) === null).map((c) => c.id);
  return { type: 'launchAlone', project, districts, pilot: false, grantCalls };
}

/** The purchase's terms, as the model checks them (actions.ts `launchAlone`). */
function purchaseTerms(a: Extract<Action, { type: 'launchAlone' }>): ContractTerms {
  return cityPaidTerms({ form: 'procurement', projects: [a.project], districts: a.districts, pilot: false, durationYears: 0, grantCalls: a.grantCalls ?? [] });
}

function buyEverything(obs: Observation): Action[] {
  if (!decides(obs)) return [];
  const { state, scenario } = obs;
  // Each purchase takes its share of the envelope: the next one is checked on the state it leaves.
  const copy = cloneState(state);
  const scratch = newScratch(copy);
  const taken: Action[] = [];
  const take = (a: Action) => {
    if (applyAction(copy, scenario, scratch, a).ok) taken.push(a);
  };
  if (obs.trigger.yearStart) for (const a of yearlyDecisions(state, cityView(scenario, STEADY), true)) if (a.type === 'setBudget') take(a);
  for (const project of Object.keys(scenario.projects.catalogue)) {
    const remaining = unserved(copy, scenario, project);
    if (remaining.length === 0) continue;
    const all = purchase(copy, scenario, project, remaining);
    if (termsLawful(copy, scenario, purchaseTerms(all), { builder: 'suppliers' })) {
      take(all);
      continue;
    }
    for (const d of remaining) {
      const one = purchase(copy, scenario, project, [d]);
      if (termsLawful(copy, scenario, purchaseTerms(one), { builder: 'suppliers' })) take(one);
    }
  }
  return taken;
}

function doNothing(): Action[] {
  return [];
}

function acceptEverything(obs: Observation): Action[] {
  const own = steady({ ...obs, trigger: { ...obs.trigger, mustAnswer: false } });
  if (!mustAnswer(obs)) return own;
  const offer = obs.state.negotiation!.offer;
  const lawful = termsLawful(obs.state, obs.scenario, offer, { atAcceptance: true });
  return [...own, lawful ? { type: 'accept', by: 'city', reason: 'accept-everything-city accepts every offer' } : { type: 'walkAway', by: 'city', reason: 'the offer can no longer be signed lawfully' }];
}

/** The longest length `long-contract-city` asks: 25 years, the computer players' longest, or the life of the scope's shortest-lived equipment. */
const LONGEST_ASKED = 25;

function longContract(obs: Observation): Action[] {
  const own = steady(obs);
  const { state, scenario } = obs;
  const n = state.negotiation;
  if (!mustAnswer(obs) || !n || n.ratificationMonthsLeft > 0 || n.procedure.rivalCostFactor === null || n.offer.pilot) return own;
  const rest = own.filter((a) => !((a.type === 'propose' || a.type === 'accept' || a.type === 'walkAway') && a.by === 'city'));
  const target = { ...n.offer, durationYears: Math.min(LONGEST_ASKED, shortestLife(scenario, n.offer.projects).years) };
  const cap = competitiveCapEur(state, scenario, target);
  if (cap === null) return own;
  if (n.offer.durationYears === target.durationYears && n.offer.annualPaymentEur <= cap && termsLawful(state, scenario, n.offer, { atAcceptance: true })) {
    return [...rest, { type: 'accept', by: 'city', reason: `long-contract-city accepts ${target.durationYears} years at or under the competitive bound` }];
  }
  const counter = { ...target, annualPaymentEur: cap };
  if (n.round < n.maxRounds && termsLawful(state, scenario, counter)) {
    return [...rest, { type: 'propose', by: 'city', terms: counter, reason: `long-contract-city asks ${target.durationYears} years at the competitive bound` }];
  }
  return own;
}

function refuseEverything(obs: Observation): Action[] {
  const { state, scenario } = obs;
  const out: Action[] = [];
  if (decides(obs)) {
    // The steady mayor's decisions with no partner in sight: no deal to open, no partnership to study.
    const blind: Readonly<SimState> = { ...state, partner: { ...state.partner, activeFromTick: Number.MAX_SAFE_INTEGER } };
    out.push(...yearlyDecisions(blind, cityView(scenario, STEADY), obs.trigger.yearStart));
  }
  if (mustAnswer(obs)) out.push({ type: 'walkAway', by: 'city', reason: 'refuse-everything-city refuses every offer' });
  return out;
}

/** A contract ends this long after its signature, in months. */
const CANCEL_AFTER_MONTHS = 12;

function cancelEverything(obs: Observation): Action[] {
  const own = steady(obs);
  if (!decides(obs)) return own;
  const state = obs.state;
  const ending = state.contracts.filter((c) => c.builder === 'partner' && (c.status === 'running' || c.status === 'building') && state.tick - c.signedTick >= CANCEL_AFTER_MONTHS).map((c) => c.id);
  if (ending.length === 0) return own;
  // The steady mayor's own review of those contracts (an amendment, an end) gives way to the end.
  const kept = own.filter((a) => !((a.type === 'cancelContract' || a.type === 'renegotiateContract') && ending.includes(a.contractId)));
  return [...kept, ...ending.map((contractId): Action => ({ type: 'cancelContract', contractId }))];
}

function abandonEverything(obs: Observation): Action[] {
  const own = steady(obs);
  const state = obs.state;
  if (obs.actor !== 'city') return own;
  const ending = state.contracts.filter((c) => c.builder === 'partner' && c.status === 'running' && !c.terms.pilot && servicesToGiveUp(state, c) > 0).map((c) => c.id);
  if (ending.length === 0) return own;
  // The steady mayor's own review of those contracts (an amendment, an end) gives way to giving them up.
  const kept = own.filter((a) => !((a.type === 'cancelContract' || a.type === 'renegotiateContract') && ending.includes(a.contractId)));
  return [...kept, ...ending.map((contractId): Action => ({ type: 'cancelContract', contractId, abandon: true }))];
}

/** Would the model take this action now (checked on a copy of the state)? */
function accepted(obs: Observation, a: Action): boolean {
  const copy = cloneState(obs.state);
  return applyAction(copy, obs.scenario, newScratch(copy), a).ok;
}

function taxCut(obs: Observation): Action[] {
  const own = steady(obs);
  if (!obs.trigger.yearStart) return own;
  const step = obs.scenario.city.maxTaxChange;
  // The steady mayor's budget, with the largest cut of the voted rates the rules allow (a full
  // step, else half of one); its own change when they allow no cut. With no budget of its own it
  // votes an empty envelope to cut the rates.
  const vote = own.find((a): a is Extract<Action, { type: 'setBudget' }> => a.type === 'setBudget');
  const tries = [-step, -step / 2].map((taxChange): Action => ({ type: 'setBudget', envelopeEur: vote?.envelopeEur ?? 0, taxChange }));
  const cut = tries.find((a) => accepted(obs, a));
  if (!cut) return own;
  return vote ? own.map((a) => (a === vote ? { ...cut, ...(vote.explanation ? { explanation: vote.explanation } : {}) } : a)) : [cut, ...own];
}

/** The highest annual payment (to €1,000 below it) the rules allow for these terms, from a lawful `from`; null when `from` is not lawful. */
function maxLawfulPayment(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, from: number): number | null {
  const lawful = (p: number) => termsLawful(state, scenario, { ...terms, annualPaymentEur: p });
  if (!lawful(from)) return null;
  // The shape of the terms caps a payment at €10 bn a year (rules/terms.ts).
  const top = 1e10;
  let lo = from;
  let hi = Math.max(1e5, 2 * from);
  while (hi < top && lawful(hi)) [lo, hi] = [hi, 2 * hi];
  if (hi >= top) {
    if (lawful(top)) return top;
    hi = top;
  }
  while (hi - lo > 1000) {
    const mid = Math.round((lo + hi) / 2000) * 1000;
    if (mid <= lo || mid >= hi) break;
    if (lawful(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

function gouge(obs: Observation): Action[] {
  const { state, scenario } = obs;
  const n = state.negotiation;
  // It answers the amendments awaiting it as every computer partner does (contract-review.ts).
  const amendments = obs.trigger.mustAnswer ? answerAmendments(state, scenario) : [];
  if (!n || !obs.trigger.mustAnswer || n.turn !== 'partner' || (n.lastMoveTick >= state.tick && !obs.trigger.answerNow) || n.ratificationMonthsLeft > 0) return amendments;
  const offer = n.offer;
  const base = { ...offer, grantCalls: offer.grantCalls.filter((id) => state.grantCalls.some((c) => c.id === id && callOpen(state, c))) };
  const max = maxLawfulPayment(state, scenario, base, offer.annualPaymentEur);
  const canCounter = n.round < n.maxRounds && partnerActive(state);
  const answer: Action =
    max !== null && max > offer.annualPaymentEur + 1000 && canCounter
      ? { type: 'propose', by: 'partner', terms: { ...base, annualPaymentEur: max }, reason: `gouge-partner asks the most the rules allow: €${(max / 1e6).toFixed(2)} M a year` }
      : (max === null || max <= offer.annualPaymentEur + 1000) &&
          termsLawful(state, scenario, offer, { atAcceptance: true }) &&
          valueForPartner(scenario, offer, dealFlows(state, scenario, offer)) >= 0
        ? { type: 'accept', by: 'partner', reason: 'the city pays the most the rules allow' }
        : { type: 'walkAway', by: 'partner', reason: 'gouge-partner takes the most or nothing' };
  return [...amendments, answer];
}

const atCost = ruleBasedPartnerWith(() => 0);
function cheap(obs: Observation): Action[] {
  return atCost(obs);
}

/**
 * The scripted strategies, city first: the registry (index.ts) offers them by id. A function (and
 * the policies function declarations), so that the registry can read them while the modules that
 * import each other load.
 */
export function scriptedStrategies(): readonly ScriptedStrategy[] {
  return [
  {
    side: 'city',
    id: 'buy-everything-city',
    name: { fr: 'Ville qui achète tout', en: 'Buy-everything city' },
    describe: {
      fr: 'Achète seule, dès que son budget le permet, chaque projet du catalogue dans chaque quartier qui ne l\u2019a pas ; ne négocie jamais.',
      en: 'Buys alone, as soon as its budget allows, every catalogue project in every district without it; never negotiates.',
    },
    policy: buyEverything,
  },
  {
    side: 'city',
    id: 'do-nothing-city',
    name: { fr: 'Ville qui ne fait rien', en: 'Do-nothing city' },
    describe: { fr: 'Ne décide rien : ni budget, ni impôt, ni projet, ni contrat.', en: 'Decides nothing: no budget, no tax, no project, no contract.' },
    policy: doNothing,
  },
  {
    side: 'city',
    id: 'accept-everything-city',
    name: { fr: 'Ville qui accepte tout', en: 'Accept-everything city' },
    describe: {
      fr: 'Décide et ouvre les négociations comme le maire pragmatique, puis accepte toute offre du partenaire.',
      en: 'Decides and opens negotiations as the steady mayor does, then accepts every offer the partner makes.',
    },
    policy: acceptEverything,
  },
  {
    side: 'city',
    id: 'refuse-everything-city',
    name: { fr: 'Ville qui refuse tout', en: 'Refuse-everything city' },
    describe: {
      fr: 'Ne signe rien avec le partenaire : achète seule ce qu\u2019achèterait le maire pragmatique et refuse toute offre.',
      en: 'Signs nothing with the partner: buys alone what the steady mayor would and refuses every offer.',
    },
    policy: refuseEverything,
  },
  {
    side: 'city',
    id: 'cancel-everything-city',
    name: { fr: 'Ville qui résilie tout', en: 'Cancel-everything city' },
    describe: {
      fr: 'Signe comme le maire pragmatique, puis résilie chaque contrat un an après sa signature (et paie l\u2019indemnité).',
      en: 'Signs as the steady mayor does, then ends every contract a year after signing it (and pays the compensation).',
    },
    policy: cancelEverything,
  },
  {
    side: 'city',
    id: 'abandon-everything-city',
    name: { fr: 'Ville qui renonce à tout', en: 'Give-everything-up city' },
    describe: {
      fr: 'Signe comme le maire pragmatique, puis, dès la fin des travaux, résilie chaque contrat qui fait tourner une plateforme, des capteurs ou une application et renonce à ces services (indemnité et subventions à reverser).',
      en: 'Signs as the steady mayor does, then, as soon as the works are over, ends every contract running a platform, sensors or an app and gives those services up (compensation and grants to repay).',
    },
    policy: abandonEverything,
  },
  {
    side: 'city',
    id: 'long-contract-city',
    name: { fr: 'Ville des contrats longs', en: 'Long-contract city' },
    describe: {
      fr: 'Décide comme le maire pragmatique, mais une fois les offres reçues demande le contrat le plus long que les règles permettent (25 ans, ou la vie de l\u2019équipement le plus court), au plafond concurrentiel.',
      en: 'Decides as the steady mayor does, but once the bids are in asks for the longest contract the rules allow (25 years, or the life of the shortest-lived equipment) at the competitive bound.',
    },
    policy: longContract,
  },
  {
    side: 'city',
    id: 'tax-cut-city',
    name: { fr: 'Ville qui baisse les impôts', en: 'Tax-cutting city' },
    describe: {
      fr: 'Joue comme le maire pragmatique, mais baisse à chaque budget les taux votés autant que les règles le permettent.',
      en: 'Plays as the steady mayor does, but cuts the voted rates at each budget as far as the rules allow.',
    },
    policy: taxCut,
  },
  {
    side: 'partner',
    id: 'gouge-partner',
    name: { fr: 'Partenaire gourmand', en: 'Gouging partner' },
    describe: {
      fr: 'Demande toujours le loyer le plus élevé que les règles permettent (budget de la ville, concurrence) ; n\u2019accepte que ce maximum.',
      en: 'Always asks the highest payment the rules allow (the city\u2019s budget, competition); accepts nothing less.',
    },
    policy: gouge,
  },
  {
    side: 'partner',
    id: 'cheap-partner',
    name: { fr: 'Partenaire au prix coûtant', en: 'At-cost partner' },
    describe: {
      fr: 'Offre toujours au prix coûtant : accepte toute offre qui couvre ses coûts à son coût du capital, sans marge.',
      en: 'Always offers at cost: accepts any offer that covers its costs at its cost of capital, with no margin.',
    },
    policy: cheap,
  },
];
}
