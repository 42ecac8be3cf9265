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
 * city makes alone, the open negotiation covers the family and the district at scale (in the scope
 * its notice published, or in its latest offer). A
 * contract whose equipment there has reached the end of its life no longer holds it (the model
 * does not renew equipment within a contract): the service is gone and may be bought again.
 *
 * Renewal ahead of the end. A city plans the replacement of its equipment in its multi-year
 * investment plan (the PPI, voted as programme authorisations and payment credits, AP/CP: CGCT
 * L2311-3, R2311-9) and tenders it early enough that the service does not lapse (the continuity of
 * the public service, a principle of constitutional value: Conseil constitutionnel 79-105 DC). So a
 * deployment at scale whose equipment ends within its *renewal lead* (`renewalLeadMonths`) no
 * longer holds its family × district against a replacement, a deal at scale that covers it (a
 * purchase alone or a partner contract): the lead is the award procedure of that deal (for a
 * purchase alone, the adapted procedure or open call for tenders and deliberation its value requires; for a deal
 * with the partner, the longest it may go through: a competitive dialogue's fixed phases, its
 * dialogue months for one family, every round of offers and the ratification, as procedure.ts and
 * negotiation.ts count them: lead-times.ts), its works (the type's `buildMonths`), and one year of
 * the computer city's decision rhythm (`DECISION_RHYTHM_MONTHS`: it decides its investments with
 * its yearly budget). It still holds it against anything else: a pilot, and any deal while a
 * replacement is under works (the replacement holds it then). The budget must be sincere (CGCT
 * L1612-4) and the city must not pay two operations for one service: the replacement's works are
 * scheduled so that it enters service in the old equipment's last month (`replacementOf`,
 * read at signature by contracts.ts; a *date de commencement* set in the contract), and the old
 * equipment retires when its replacement opens (projects.ts `retireReplaced`): it runs its life
 * but that last month and the two never run together. A replacement signed while the old
 * equipment still runs but opening after its end (awarded late in the lead, or phased with a slower
 * bundle, contracts.ts `phaseWorks`) finds it still running (projects.ts `awaitsReplacement`); only
 * one signed after the old equipment ended leaves a gap.
 * French procurement law has the buyer define its needs before it buys (CCP L2111-1) and value one
 * need as a whole, whoever supplies it (R2121-1); splitting one need into several purchases to
 * escape the procedure its value requires is banned by R2121-4 (with R2121-5 and R2121-6 on how
 * works and supplies are counted). A city that is procuring a service in a district, or already
 * has it, has no need left to buy beside it: an offer or a purchase whose scope meets a held family
 * × district is refused (`familyUnderContract`), whoever proposes it. That a negotiation with the
 * partner may not cover what the city already runs alone is a simplification of the model (cities
 * do put existing equipment under a *marché global de performance*, L2171-3).
 *
 * Pilots are exempt in one direction only, pilot then scale: scaling a project over its pilot's
 * district is the ordinary way up (and the pilot is then absorbed into the scale deployment,
 * rules/projects.ts), but a pilot of a family in a district where that family runs, is built, is
 * contracted or (for a pilot the city buys alone) is under negotiation at scale is refused the same
 * way: an experiment of a service the city already has is the same double payment (the innovation
 * partnership of L2172-3 is for needs the market cannot yet meet). A commune's copy of a pilot
 * (a duplicate, rules/contracts.ts) is not launched there either.
 */
import { problem, type Problem } from '../refusal';
import { DOMAINS, PROJECT_FAMILIES, type Domain, type ProjectType, type Scenario } from '../scenario-schema';
import type { ContractTerms, ProjectFamily, SimState } from '../types';
import { deploymentCapexEur, projectType } from './catalogue';
import { longestProcedureMonths, purchaseProcedureMonths } from './lead-times';
import { sameNeedEur } from './procedure';

/** Districts a scenario may have at most (its schema's bound on `territory.districts`). */
const MAX_DISTRICTS = 16;
const FAMILY_INDEX: ReadonlyMap<ProjectFamily, number> = new Map(PROJECT_FAMILIES.map((f, i) => [f, i]));
/** How many family × district slots there are: the size of an array indexed by `serviceSlot`. */
const SERVICE_SLOTS = PROJECT_FAMILIES.length * MAX_DISTRICTS;

/** One number per family × district (the monthly loops index arrays by it instead of building strings). */
export function serviceSlot(family: ProjectFamily, district: number): number {
  return FAMILY_INDEX.get(family)! * MAX_DISTRICTS + district;
}

/**
 * An array with one number per family × district slot, for a monthly loop that marks or sums by
 * slot: each such loop keeps its own and clears it (`fill(0)`) at each call, since an array this
 * size is stored outside V8's heap and making one costs more than clearing one. It carries
 * nothing from one call to the next.
 */
export function slotScratch(): Float64Array {
  return new Float64Array(SERVICE_SLOTS);
}

const SEEN = slotScratch();

/** Distinct family × district pairs with a deployment running at scale (a deployment down for repair still counts). */
export function servicesDelivered(state: Readonly<SimState>): number {
  const seen = SEEN.fill(0);
  let n = 0;
  for (const d of state.deployments) {
    if (d.stage !== 'operating' || d.pilot) continue;
    const slot = serviceSlot(d.family, d.district);
    if (seen[slot] === 0) {
      seen[slot] = 1;
      n++;
    }
  }
  return n;
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
 * The computer city's decision rhythm: it decides its investments once a year, with its budget
 * (voted each year, CGCT L2311-1, L1612-2; amended within the year, L1612-11), so the window in
 * which it may tender a replacement in time spans one year more than the procedure and the works.
 */
const DECISION_RHYTHM_MONTHS = 12;

/** Who would build a replacement: the partner (a negotiated deal) or the city's own suppliers (a purchase alone). */
type Builder = 'partner' | 'suppliers';

/**
 * The months ahead of its end of life at which a deployment's replacement may be tendered: the
 * award procedure the replacement goes through, its type's works, and one year of the city's
 * decision rhythm (`DECISION_RHYTHM_MONTHS`). The procedure is the deal's own: for a purchase the
 * city makes alone (`builder` 'suppliers'), the one a purchase of this replacement goes through
 * (lead-times.ts `purchaseProcedureMonths`: an adapted procedure, or above the EU threshold an
 * open call for tenders and the council's deliberation — 2, or 5 + 3 months at the starting
 * scenario); for a deal with the partner,
 * the longest the rules allow for its one family (`longestProcedureMonths`: a competitive
 * dialogue, every round of offers, the ratification, at today's alignment), since a negotiation's
 * length is not known when it opens. A purchase's award is thus not signed years before its works
 * (a fixed price must be updated — actualisé — when more than three months pass between the date
 * of its price and the works' start, CCP R2112-11: a long wait is the exception); a replacement that needs less than its lead (a negotiation settled
 * early) waits for its scheduled start (`replacementOf`).
 */
export function renewalLeadMonths(state: Readonly<SimState>, scenario: Scenario, d: Readonly<SimState>['deployments'][number], builder: Builder): number {
  const type = projectType(scenario, d.type)!;
  return (builder === 'suppliers' ? purchaseLeadProcedureMonths(state, scenario, type, d.district) : longestProcedureMonths(scenario, state.alignment, 1)) + type.buildMonths + DECISION_RHYTHM_MONTHS;
}

/** The procedure of a purchase alone replacing a type's equipment in a district (`renewalLeadMonths`, builder 'suppliers'). */
function purchaseLeadProcedureMonths(state: Readonly<SimState>, scenario: Scenario, type: ProjectType, district: number): number {
  // The replacement valued as its purchase will be (contracts.ts `purchaseProcedure`): that district
  // with the family's other purchases alone of this mandate still in service (procedure.ts `sameNeedEur`).
  const value = deploymentCapexEur(type, scenario, district, 1) + sameNeedEur(state, scenario, new Set([type.family]), [district]);
  return purchaseProcedureMonths(scenario, state.alignment, type.family, value);
}

/** Is this a running deployment at scale whose equipment ends within its renewal lead for this builder (`renewalLeadMonths`)? */
function renewable(state: Readonly<SimState>, scenario: Scenario, d: Readonly<SimState>['deployments'][number], builder: Builder): boolean {
  if (d.pilot || d.stage !== 'operating') return false;
  return renewableWithin(state, scenario, d, builder, longestProcedureMonths(scenario, state.alignment, 1));
}

/** `renewable` of a running deployment at scale, given `longestProcedureMonths(scenario, state.alignment, 1)` (a caller that asks it of many deployments makes it once). */
function renewableWithin(state: Readonly<SimState>, scenario: Scenario, d: Readonly<SimState>['deployments'][number], builder: Builder, longest: number): boolean {
  const left = d.lifetimeMonths - d.ageMonths;
  // Every lead is at most the longest procedure (a purchase's is shorter), the works (a deployment at
  // scale's own `buildMonths` is its type's) and the decision rhythm: most equipment is far from its
  // end, and this bound spares pricing its replacement (the same answer, faster: the held checks
  // run on every candidate the computer players weigh).
  // A partner deal's lead is that bound itself (`renewalLeadMonths`).
  if (left > longest + d.buildMonths + DECISION_RHYTHM_MONTHS) return false;
  return builder !== 'suppliers' || left <= renewalLeadMonths(state, scenario, d, builder);
}

/**
 * What a new deployment at scale replaces, and when its works start: the running deployment at
 * scale of its family in its district (none: null, nothing to replace), and the month its works
 * start so that it enters service in that equipment's last month (that one runs to the operation
 * phase of its last month, `lifetimeMonths − ageMonths − 1` months from now; works of
 * `buildMonths` starting at month s run their first month at s and open at s + buildMonths − 1, in
 * the construction phase, before the operation), which it then retires (projects.ts): at every
 * month's end one of the two runs. A start already past is now.
 */
export function replacementOf(state: Readonly<SimState>, replacement: Readonly<SimState>['deployments'][number]): { uid: number; worksStartTick: number } | null {
  if (replacement.pilot) return null;
  for (const d of state.deployments) {
    if (d === replacement || d.pilot || d.stage !== 'operating' || d.family !== replacement.family || d.district !== replacement.district) continue;
    const start = state.tick + (d.lifetimeMonths - d.ageMonths - 1) - replacement.buildMonths + 1;
    return { uid: d.uid, worksStartTick: Math.max(state.tick, start) };
  }
  return null;
}

/**
 * The districts where a family is held at scale (for the computer players, which offer only the
 * others); `withNegotiation`: also those the open negotiation covers (a purchase alone);
 * `replacement`: held against a deal at scale built by `builder`, so a district whose equipment is
 * within its renewal lead for that builder (`renewable`) and has no replacement under works is free
 * (false: held against a pilot, which no renewal frees).
 */
export function heldDistricts(state: Readonly<SimState>, scenario: Scenario, family: ProjectFamily, withNegotiation: boolean, replacement = false, builder: Builder = 'partner'): Set<number> {
  const out = new Set<number>();
  for (const d of state.deployments) if (d.family === family && holds(d) && !(replacement && renewable(state, scenario, d, builder))) out.add(d.district);
  if (withNegotiation) for (const scope of negotiatedScopes(state)) if (coversFamily(scenario, scope.projects, family)) for (const d of scope.districts) out.add(d);
  return out;
}

/**
 * `heldDistricts(state, scenario, family, false, true, builder)` of every family at once (a family
 * held nowhere is absent): one pass over the deployments, for a caller that asks it of every family
 * on one state (the computer city's candidate list, at each of its decisions).
 */
export function heldDistrictsByFamily(state: Readonly<SimState>, scenario: Scenario, builder: Builder): Map<ProjectFamily, Set<number>> {
  const out = new Map<ProjectFamily, Set<number>>();
  const longest = longestProcedureMonths(scenario, state.alignment, 1);
  for (const d of state.deployments) {
    // As `holds(d) && !renewable(…)`: a deployment under works is never renewable.
    if (!holds(d) || (d.stage === 'operating' && renewableWithin(state, scenario, d, builder, longest))) continue;
    let held = out.get(d.family);
    if (held === undefined) out.set(d.family, (held = new Set()));
    held.add(d.district);
  }
  return out;
}

/**
 * The scopes at scale the open negotiation holds: the notice's (its opening offer, what the
 * procedure published) and its latest offer. A counter-offer that narrows the scope does not free
 * the dropped districts for a purchase alone while the procedure runs (the scope is the notice's).
 */
function negotiatedScopes(state: Readonly<SimState>): Pick<ContractTerms, 'projects' | 'districts'>[] {
  const n = state.negotiation;
  if (!n) return [];
  const notice = n.history[0]?.terms;
  return (notice ? [notice, n.offer] : [n.offer]).filter((t) => !t.pilot);
}

function heldProblem(scenario: Scenario, at: { project: string; family: ProjectFamily; district: number }, h: Holder): Problem {
  const district = scenario.territory.districts[at.district]!.id;
  const what = h.by === 'negotiation' ? `the open negotiation ${h.id}` : `contract ${h.id}`;
  return problem(
    'familyUnderContract',
    { project: at.project, family: at.family, district, by: h.by, id: h.id },
    `${at.project} in ${district}: the ${at.family} service there is already held by ${what}; the city does not buy the same service twice in a district, not even as a pilot (CCP L2111-1, R2121-1)`,
  );
}

/**
 * Why these terms (at scale or a pilot) would buy a service already held, or null: the first deployment at scale under
 * works or running on a family × district of the scope (named by its contract) — for terms at scale,
 * not one within its renewal lead for this builder (`renewable`: these terms would replace it) — then — for the
 * city's own purchase (`launchAlone`, builder 'suppliers') — the open negotiation's scope at scale
 * (its notice's and its latest offer's). An offer
 * to the partner is checked against what is held outside the negotiation it belongs to.
 */
export function serviceHeldProblem(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers'): Problem | null {
  const families = terms.projects.map((p) => projectType(scenario, p)!.family);
  for (const d of state.deployments) {
    if (!holds(d)) continue;
    const k = families.indexOf(d.family);
    if (k < 0 || !terms.districts.includes(d.district) || (!terms.pilot && renewable(state, scenario, d, builder))) continue;
    return heldProblem(scenario, { project: terms.projects[k]!, family: d.family, district: d.district }, { by: 'contract', id: d.contractId ?? 0 });
  }
  if (builder !== 'suppliers') return null;
  for (const scope of negotiatedScopes(state)) {
    for (let k = 0; k < families.length; k++) {
      if (!coversFamily(scenario, scope.projects, families[k]!)) continue;
      const district = terms.districts.find((d) => scope.districts.includes(d));
      if (district !== undefined) return heldProblem(scenario, { project: terms.projects[k]!, family: families[k]!, district }, { by: 'negotiation', id: state.negotiation!.id });
    }
  }
  return null;
}

/**
 * What the territory already runs: each legacy stock (`territory.legacy`) gives, in every district,
 * `quality × condition × left` to its family's domain, where `left` is the share of the stock still
 * in place there and `condition = 1 − PAST_LIFE_LOSS × overLife` with
 * `overLife = min(1, shareOverLife + months ÷ (12 × lifetimeYears))`: a stock no one renews ages, a
 * growing share of it is past its service life, and units past it fail more and give less
 * (street lights' sodium lamps lose output as they age; old controllers and boilers break down).
 * A project of the family at scale in the district replaces the stock there once it runs (the old
 * lights come down when the new ones are lit), for good: `left` falls to `1 − its scale` and does
 * not come back when the new equipment reaches the end of its life. The stock is counted once:
 * it is not a service in `servicesDelivered` (that counts what was bought), and where a project
 * replaced it, only the project serves.
 */
const PAST_LIFE_LOSS = 0.5;

/** What equipment gives, per unit, once this share of its life is past its end (0: at its end): 1 − PAST_LIFE_LOSS × the share, at most the whole loss. */
export function wornCondition(sharePastLife: number): number {
  return 1 - PAST_LIFE_LOSS * Math.min(1, sharePastLife);
}

/** The domain a family serves (the catalogue's first project of that family), or null if none. */
function familyDomain(scenario: Scenario, family: ProjectFamily): Domain | null {
  // In the catalogue's order, as Object.values, without building the list (called every month).
  const catalogue = scenario.projects.catalogue;
  for (const id in catalogue) if (catalogue[id]!.family === family) return catalogue[id]!.domain;
  return null;
}

/** Quality per unit of a legacy stock in place, at a tick (1 − PAST_LIFE_LOSS × the share past its life). */
function legacyCondition(stock: Scenario['territory']['legacy'][number], tick: number): number {
  return wornCondition(stock.shareOverLife + tick / (12 * stock.lifetimeYears));
}

/** The district service level the legacy stocks give at the start, before any project (citizens' expectations start there). */
export function serviceLevelAtStart(scenario: Scenario): number {
  // Each domain's level (in DOMAINS' order), summed in that order: called every month by the citizens.
  const levels = new Float64Array(DOMAINS.length);
  for (const stock of scenario.territory.legacy) {
    const domain = familyDomain(scenario, stock.family);
    if (domain === null) continue;
    const k = DOMAINS.indexOf(domain);
    levels[k] = Math.min(1, levels[k]! + stock.quality * legacyCondition(stock, 0));
  }
  let sum = 0;
  for (let k = 0; k < levels.length; k++) sum += levels[k]!;
  return Math.min(1, sum / 3);
}

const AT_SCALE = slotScratch();

/**
 * The month's legacy services (called by the operation phase once the deployments have delivered):
 * retire the stock a project at scale now runs over, then add what is left of it to each district's
 * domain quality (capped at 1).
 */
export function legacyServices(state: SimState, scenario: Scenario): void {
  const legacy = scenario.territory.legacy;
  if (legacy.length === 0) return;
  const atScale = AT_SCALE.fill(0);
  for (const d of state.deployments) if (!d.pilot && d.stage === 'operating') atScale[serviceSlot(d.family, d.district)]! += d.scale;
  for (let k = 0; k < legacy.length; k++) {
    const stock = legacy[k]!;
    const domain = familyDomain(scenario, stock.family);
    if (domain === null) continue;
    const condition = legacyCondition(stock, state.tick);
    state.districts.forEach((dist, i) => {
      const left = Math.min(dist.legacyLeft[k] ?? 1, Math.max(0, 1 - atScale[serviceSlot(stock.family, i)]!));
      dist.legacyLeft[k] = left;
      dist.services[domain] = Math.min(1, dist.services[domain] + stock.quality * condition * left);
    });
  }
}
