/**
 * Services: what the city gets, counted once, and the rule that it does not buy the same one twice.
 *
 * A service is one project family operating at scale in one district: two deployments of the same
 * family in the same district are one service (the reporter `servicesDelivered` counts distinct
 * family × district pairs; pilots are experiments, not services).
 *
 * A service is *held* in a district when it is already provided for or being procured there: a
 * deployment of the family at scale is under works or runs there, under its contract (a purchase
 * the city made, a contract with the partner, running or since completed) — or, for a purchase the
 * city makes alone, the open negotiation's offer covers the family and the district at scale. A
 * contract whose equipment there has reached the end of its life no longer holds it (the model
 * does not renew equipment within a contract): the service is gone and may be bought again. French procurement law has the buyer define its needs
 * before it buys (CCP L2111-1) and value one need as a whole, whoever supplies it (R2121-1, the
 * ban on splitting of L2113-10's logic): a city that is procuring a service in a district, or
 * already has it, does not buy it a second time beside it. So an offer or a purchase at scale
 * whose scope meets a held family × district is refused (`familyUnderContract`), whoever proposes
 * it. Pilots are exempt both ways: a pilot is an experiment, and scaling a project over its
 * pilot's district is the ordinary way up.
 */
import { problem, type Problem } from '../refusal';
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, ProjectFamily, SimState } from '../types';
import { projectType } from './catalogue';

/** Distinct family × district pairs with a deployment running at scale (a deployment down for repair still counts). */
export function servicesDelivered(state: Readonly<SimState>): number {
  const seen = new Set<string>();
  for (const d of state.deployments) if (d.stage === 'operating' && !d.pilot) seen.add(`${d.family}@${d.district}`);
  return seen.size;
}

/** What holds a family in a district: the open negotiation (its id) or a contract (its id). */
interface Holder {
  by: 'negotiation' | 'contract';
  id: number;
}

function coversFamily(scenario: Scenario, projects: readonly string[], family: ProjectFamily): boolean {
  for (const p of projects) if (projectType(scenario, p)?.family === family) return true;
  return false;
}

/**
 * What holds a family at scale in a district now, or null: the contract of a deployment at scale
 * under works or running there (the city's own purchase, a contract with the partner, running or
 * since completed), then (when asked for) the open negotiation.
 */
function holder(state: Readonly<SimState>, scenario: Scenario, family: ProjectFamily, district: number, withNegotiation: boolean): Holder | null {
  for (const d of state.deployments) {
    if (d.family === family && d.district === district && !d.pilot && (d.stage === 'building' || d.stage === 'operating')) return { by: 'contract', id: d.contractId ?? 0 };
  }
  const n = state.negotiation;
  if (withNegotiation && n && !n.offer.pilot && n.offer.districts.includes(district) && coversFamily(scenario, n.offer.projects, family)) return { by: 'negotiation', id: n.id };
  return null;
}

/**
 * The districts where a family is held at scale (for the computer players, which offer only the
 * others); `withNegotiation`: also those the open negotiation covers (a purchase alone).
 */
export function heldDistricts(state: Readonly<SimState>, scenario: Scenario, family: ProjectFamily, withNegotiation: boolean): Set<number> {
  const out = new Set<number>();
  for (let d = 0; d < state.districts.length; d++) if (holder(state, scenario, family, d, withNegotiation)) out.add(d);
  return out;
}

/**
 * Why these terms would buy a service already held, or null. `builder` 'suppliers' is the city's
 * own purchase (`launchAlone`): the open negotiation holds what it covers too. An offer to the
 * partner is checked against what is held outside the negotiation it belongs to.
 */
export function serviceHeldProblem(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers'): Problem | null {
  if (terms.pilot) return null;
  for (const p of terms.projects) {
    const family = projectType(scenario, p)!.family;
    for (const d of terms.districts) {
      const h = holder(state, scenario, family, d, builder === 'suppliers');
      if (!h) continue;
      const district = scenario.territory.districts[d]!.id;
      const what = h.by === 'negotiation' ? `the open negotiation ${h.id}` : `contract ${h.id}`;
      return problem(
        'familyUnderContract',
        { project: p, family, district, by: h.by, id: h.id },
        `${p} in ${district}: the ${family} service there is already held by ${what}; the city does not buy the same service twice in a district (CCP L2111-1, R2121-1)`,
      );
    }
  }
  return null;
}
