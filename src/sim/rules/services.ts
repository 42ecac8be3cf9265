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

/** Is this deployment a service held where it stands: at scale, under works or running? */
function holds(d: Readonly<SimState>['deployments'][number]): boolean {
  return !d.pilot && (d.stage === 'building' || d.stage === 'operating');
}

/**
 * The districts where a family is held at scale (for the computer players, which offer only the
 * others); `withNegotiation`: also those the open negotiation covers (a purchase alone).
 */
export function heldDistricts(state: Readonly<SimState>, scenario: Scenario, family: ProjectFamily, withNegotiation: boolean): Set<number> {
  const out = new Set<number>();
  for (const d of state.deployments) if (d.family === family && holds(d)) out.add(d.district);
  const n = state.negotiation;
  if (withNegotiation && n && !n.offer.pilot && coversFamily(scenario, n.offer.projects, family)) for (const d of n.offer.districts) out.add(d);
  return out;
}

function heldProblem(scenario: Scenario, at: { project: string; family: ProjectFamily; district: number }, h: Holder): Problem {
  const district = scenario.territory.districts[at.district]!.id;
  const what = h.by === 'negotiation' ? `the open negotiation ${h.id}` : `contract ${h.id}`;
  return problem(
    'familyUnderContract',
    { project: at.project, family: at.family, district, by: h.by, id: h.id },
    `${at.project} in ${district}: the ${at.family} service there is already held by ${what}; the city does not buy the same service twice in a district (CCP L2111-1, R2121-1)`,
  );
}

/**
 * Why these terms would buy a service already held, or null: the first deployment at scale under
 * works or running on a family × district of the scope (named by its contract), then — for the
 * city's own purchase (`launchAlone`, builder 'suppliers') — the open negotiation's scope. An offer
 * to the partner is checked against what is held outside the negotiation it belongs to.
 */
export function serviceHeldProblem(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers'): Problem | null {
  if (terms.pilot) return null;
  const families = terms.projects.map((p) => projectType(scenario, p)!.family);
  for (const d of state.deployments) {
    if (!holds(d)) continue;
    const k = families.indexOf(d.family);
    if (k >= 0 && terms.districts.includes(d.district)) return heldProblem(scenario, { project: terms.projects[k]!, family: d.family, district: d.district }, { by: 'contract', id: d.contractId ?? 0 });
  }
  const n = state.negotiation;
  if (builder !== 'suppliers' || !n || n.offer.pilot) return null;
  for (let k = 0; k < families.length; k++) {
    if (!coversFamily(scenario, n.offer.projects, families[k]!)) continue;
    const district = terms.districts.find((d) => n.offer.districts.includes(d));
    if (district !== undefined) return heldProblem(scenario, { project: terms.projects[k]!, family: families[k]!, district }, { by: 'negotiation', id: n.id });
  }
  return null;
}
