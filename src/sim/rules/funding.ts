/**
 * Funding: grant calls with deadlines, co-financing rates and conditions.
 *
 * The scenario's calls open every `everyYears` in `monthOpen` and close `deadlineMonths` later;
 * events can open extra State calls. An offer may name the calls open when it is made; the
 * application counts if the contract is signed no later than `GRANT_SIGNATURE_GRACE_MONTHS` after
 * the call's deadline (the file was filed in time; the award needs the signed contract), so a
 * negotiation that drags on loses its grants. That grace is two years: a State investment grant
 * lapses when the operation has not started two years after its notification (décret n° 2018-514
 * of 25 June 2018, art. 11), the signature of the works contract being its start; the model
 * applies it to every funder (an assumption for the Region's and the EU's calls). A procedure
 * keeps the applications its opening offer filed: its counter-offers name them while they are
 * valid (`filedCalls`), though the call has closed (issue 9, C3: with six months, the city's
 * works no longer fitted its envelope once the grant lapsed in the bargaining, and the richer the
 * grant the more of its procedures failed).
 * Eligibility: a pilot-only call funds pilots only; a sustainability call funds only low-tech or
 * energy-saving projects; a call needing several communes needs an inter-communal agreement (or,
 * without one, alignment ≥ 0.5 in a territory of enough communes). An eligible application wins
 * with probability `baseSuccess × (0.4 + 0.6 × alignment)` (coordination makes better files,
 * DESIGN C4); it then gets `rate × capital`, within what is left of the call, and all its grants
 * together never exceed `maxGrantShare` (80 %) of the public money of the project — the city's
 * share of the capital —, so the city funds at least 20 % of what it co-finances (CGCT L1111-10).
 * An application is filed only for spending the city bears: none where the partner finances the
 * whole works (a refusal of the terms, rules/terms.ts `grantWithoutCityShare`), none once its other
 * grants reach the ceiling; a call whose budget is spent turns it down. So every grant won pays
 * something (`grantWon` carries the euros), and an award of nothing is never counted as a success.
 * State and Region grants are paid as the works are paid; EU regional funds (FEDER, funder 'eu')
 * pay on spending justified to them, `euGrantLagMonths` after it. Grants are investment revenue.
 */
import { withStream } from '../rng';
import type { Scenario } from '../scenario-schema';
import type { Contract, ContractTerms, GrantCallState, SimState } from '../types';
import { cityReceives, type TickScratch } from '../money';
import { projectType } from './catalogue';
import { contractCapex } from './projects';

/** Months after a call's deadline within which a signature still gets the grant (décret 2018-514, art. 11: two years to start). */
export const GRANT_SIGNATURE_GRACE_MONTHS = 24;

/** Is the call still taking applications (before its deadline)? */
export function callOpen(state: SimState, call: GrantCallState): boolean {
  return state.tick <= call.deadlineTick;
}

/**
 * Is an application filed to this call while it was open still good for a signature now? The file
 * stays with the operation after the call closes (the sides bargain on, the award waits for the
 * signed contract) until `GRANT_SIGNATURE_GRACE_MONTHS` after the deadline.
 */
export function applicationValid(state: Readonly<SimState>, call: GrantCallState): boolean {
  return state.tick <= call.deadlineTick + GRANT_SIGNATURE_GRACE_MONTHS;
}

/**
 * The calls of an offer a counter-offer keeps: the applications filed while each call was open and
 * still valid (`applicationValid`). A counter-offer changes the price, not the file the city sent.
 */
export function filedCalls(state: Readonly<SimState>, ids: readonly string[]): string[] {
  return ids.filter((id) => state.grantCalls.some((c) => c.id === id && applicationValid(state, c)));
}

/** Opens this month's calls (returned by id) and forgets those long past their deadline. */
export function updateGrantCalls(state: SimState, scenario: Scenario): string[] {
  const opened: string[] = [];
  const month = ((scenario.start.month - 1 + state.tick) % 12) + 1;
  const yearIndex = Math.floor((scenario.start.month - 1 + state.tick) / 12);
  state.grantCalls = state.grantCalls.filter((c) => applicationValid(state, c));
  for (const call of scenario.funding.calls) {
    if (call.monthOpen !== month || yearIndex % call.everyYears !== 0) continue;
    if (state.grantCalls.some((c) => c.id === call.id && callOpen(state, c))) continue;
    state.grantCalls = state.grantCalls.filter((c) => c.id !== call.id);
    state.grantCalls.push({
      id: call.id,
      funder: call.funder,
      openTick: state.tick,
      deadlineTick: state.tick + call.deadlineMonths,
      budgetLeftEur: call.budgetEur,
      rate: call.rate ?? scenario.funding.grantShare,
      pilotOnly: call.pilotOnly,
      minCommunes: call.minCommunes,
      sustainabilityOnly: call.sustainabilityOnly,
    });
    opened.push(call.id);
  }
  return opened;
}

/** Why a contract cannot apply to a call, or null when it can. */
export function grantIneligibility(state: Readonly<SimState>, scenario: Scenario, call: GrantCallState, { projects, pilot }: Pick<ContractTerms, 'projects' | 'pilot'>): string | null {
  if (call.pilotOnly && !pilot) return `call ${call.id} funds pilots only`;
  if (call.sustainabilityOnly) {
    const ok = projects.every((p) => {
      const t = projectType(scenario, p);
      return t !== undefined && (t.lowTech || t.benefits.energyMWhPerUnit > 0);
    });
    if (!ok) return `call ${call.id} funds only low-tech or energy-saving projects`;
  }
  if (call.minCommunes > 1) {
    const pooled = state.city.governance.interCommunalAgreement || (scenario.territory.communes >= call.minCommunes && state.alignment >= 0.5);
    if (!pooled) return `call ${call.id} needs ${call.minCommunes} communes applying together (an inter-communal agreement)`;
  }
  return null;
}

export function successProbability(state: SimState, scenario: Scenario): number {
  return scenario.funding.baseSuccess * (0.4 + 0.6 * state.alignment);
}

/** Applies a newly signed contract to the calls its terms name; returns the euros won. */
export function applyForGrants(state: SimState, scenario: Scenario, contract: Contract): number {
  let won = 0;
  const capex = contractCapex(state, contract);
  const cityShare = contract.builder === 'suppliers' || contract.terms.form === 'procurement' ? 1 : contract.terms.cityCapitalShare;
  // L1111-10: the city funds at least 20 % of the public money (its capital share) itself.
  let room = scenario.funding.maxGrantShare * capex * cityShare;
  withStream(state, 'funding', (rng) => {
    for (const id of contract.terms.grantCalls) {
      const call = state.grantCalls.find((c) => c.id === id);
      if (!call || !applicationValid(state, call)) continue;
      if (grantIneligibility(state, scenario, call, contract.terms) !== null) continue;
      // Nothing of the city's own spending left to fund (it bears no share of the works, or its
      // other grants already reach the 80 % ceiling): there is no application to file.
      if (Math.min(call.rate * capex, room) <= 0) continue;
      // The call's budget is spent: the funder turns the application down.
      if (call.budgetLeftEur <= 0) {
        state.log.push({ tick: state.tick, kind: 'grantLost', data: { call: id } });
        continue;
      }
      const success = rng.chance(successProbability(state, scenario));
      if (!success) {
        state.log.push({ tick: state.tick, kind: 'grantLost', data: { call: id } });
        continue;
      }
      // Positive: each of the three bounds is (checked above).
      const amount = Math.min(call.budgetLeftEur, call.rate * capex, room);
      state.log.push({ tick: state.tick, kind: 'grantWon', data: { call: id, eur: amount } });
      call.budgetLeftEur -= amount;
      room -= amount;
      won += amount;
      state.grants.push({ callId: id, funder: call.funder, contractId: contract.id, amountEur: amount, paidEur: 0 });
    }
  });
  contract.grantsEur = won;
  state.counters.grantsWonEur += won;
  return won;
}

/** Grants awarded to a contract follow its works: State and Region pay as the works are paid, the EU
 *  pays the spending justified to it `euGrantLagMonths` later (a receivable, rules/budget.ts). */
export function payGrants(state: SimState, scenario: Scenario, scratch: TickScratch, contract: Contract, priceThisMonth: number): void {
  for (const g of state.grants) {
    if (g.contractId !== contract.id || g.paidEur >= g.amountEur) continue;
    const pay = Math.min(g.amountEur - g.paidEur, priceThisMonth * (g.amountEur / Math.max(1, contractCapex(state, contract))));
    if (g.funder === 'eu' && scenario.funding.euGrantLagMonths > 0) {
      if (pay > 0) state.city.receivables.push({ dueTick: state.tick + scenario.funding.euGrantLagMonths, eur: pay, from: 'eu', reason: `grant ${g.callId}`, smart: true });
    } else {
      cityReceives(state, scratch, { from: g.funder, eur: pay, reason: `grant ${g.callId}`, section: 'investment', smart: true });
    }
    g.paidEur += pay;
  }
}
