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
import { termsLawful } from '../rules/terms';
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

/** What a side's computer adviser would propose now (the negotiation table's suggestion and the script API's `propose`). */
export function suggestedOffer(args: { state: Readonly<SimState>; scenario: Scenario; by: Actor }): ContractTerms {
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
