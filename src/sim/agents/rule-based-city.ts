/**
 * The rule-based city: a baseline policy for the city (the negotiating computer players of the
 * next issue replace it; it stays as a named baseline).
 *
 * At the start of each year (and, for projects only, when a grant call opens):
 * - budget: the smart-city envelope is the scenario's, halved when the debt-capacity ratio passes
 *   ¾ of the ceiling and nil above it; taxes rise by the maximum step when gross savings no longer
 *   cover debt repayment plus 3 % of revenue (but not during the campaign and the six months
 *   before it, while they still cover it), and fall by a point when a fiscal mayor sees a wide margin;
 *   a contract whose first year of works the envelope cannot pay may be carried by a programme
 *   authorisation (AP/CP, `Programme`): the vote adds its payment credits, within the year's
 *   financing capacity and the mandate's smart-city plan;
 * - governance: it sets up a smart-city office while alignment is under 0.7, an inter-communal
 *   agreement when an open grant call needs several communes, a shared data policy once a data
 *   platform is built or planned;
 * - taxes also rise when the treasury runs below −5 % of revenue;
 * - projects: when no negotiation is open, it values every candidate deal through its own lens
 *   (valuation.ts) — a global performance contract with the partner over the districts not yet
 *   served, the same works bought alone, or a pilot when a pilot-only grant is open or the benefits
 *   are very uncertain, and the data platform bundled with the families it multiplies
 *   (`platformBundles`); a partner contract's payment is affordable when it leaves the net savings
 *   to come above the margin the city keeps (`rentRoomEur`: the real balance, CGCT L1612-4), its
 *   works' share going to the envelope through the budget check, and it opens at 75 % of the payment it expects the
 *   partner to need — and keeps those worth more than nothing: it opens a negotiation for the
 *   most valuable deal with the partner (when none is open) and buys alone the most valuable
 *   purchase its envelope allows once the credits of that deal (or of the one under negotiation)
 *   are kept (`KeptDeal`). It names no grant call in a partnership the partner finances
 *   alone (nothing of its own to file, rules/terms.ts), and it does not publish again a notice
 *   whose negotiation failed in this mandate with nothing changed (rules/relaunch.ts), nor put to
 *   the council a purchase it refused in this mandate with nothing changed
 *   (rules/negotiation.ts `purchaseBarred`). It discounts neither a deal nor a purchase by the
 *   chance of a veto (the same rule breaks both, MODEL §13.1).
 * In a negotiation, on its turn: it accepts an offer worth more than nothing to it; otherwise it
 * counters halfway between its last offer and the partner's ask, and walks away after four offers.
 */
import { projectType } from '../rules/catalogue';
import { heldDistricts, heldDistrictsByFamily } from '../rules/services';
import { grantIneligibility } from '../rules/funding';
import { cityPaidTerms, partnershipStudyFor, partnershipThreshold, shortestLife, termsKey, termsLawful, termsLawfulChecker } from '../rules/terms';
import { annualPrincipalEur, taxRevenueEur } from '../rules/budget';
import { commitmentAllowed, envelopeCapacityEur, lendersRatioYears, netSavingsForecastEur, pendingCapitalEur, rentOperatingEur, underSettlement, worksCapitalEur, type WorksCapital } from '../rules/legality';
import { meanOverrunFactor, spreadBorneAtScale } from '../rules/projects';
import { buildYearsOf, cityPaymentAnnuity, dealCapexEur, dealCityPrice, dealCityValueOfPrice, dealContext, dealFlows, dealValuesOverDurations, valueForCity, yearsToElection, type DealCityPrice, type DealContext } from '../rules/valuation';
import type { Action, ContractTerms, Explanation, Observation, ProjectFamily, SimState } from '../types';
import type { ProjectType, Scenario } from '../scenario-schema';
import { reviewContracts } from './contract-review';
import { filedCalls } from '../rules/funding';
import { relaunchesFailedNotice } from '../rules/relaunch';
import { purchaseBarred } from '../rules/negotiation';

const DURATIONS = [6, 9, 12, 15, 20] as const;

function cityValue(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers' = 'partner'): number {
  return valueForCity(state, scenario, dealFlows(state, scenario, terms, builder, 'public'));
}

function openEligibleCalls(state: Readonly<SimState>, scenario: Scenario, projects: string[], pilot: boolean): string[] {
  return state.grantCalls.filter((c) => state.tick <= c.deadlineTick && grantIneligibility(state, scenario, c, { projects, pilot }) === null).map((c) => c.id);
}

/** The calls a purchase beside a kept deal may name: none of the deal's (`KeptDeal`). */
function callsBeside(calls: string[], kept: KeptDeal | null): string[] {
  return kept ? calls.filter((id) => !kept.terms.grantCalls.includes(id)) : calls;
}

/** Districts where a project type's family already runs (or is being built) at scale: the model
 *  refuses to buy that service there again (rules/services.ts), so the city offers the others —
 *  among them those whose equipment is within its renewal lead, which it may replace. */
function servedDistricts(state: Readonly<SimState>, scenario: Scenario, typeId: string): Set<number> {
  return heldDistricts(state, scenario, projectType(scenario, typeId)!.family, false, true);
}

interface Candidate {
  kind: 'negotiate' | 'alone';
  terms: ContractTerms;
  value: number;
  cityMoney: number;
}

function baseTerms(projects: string[], districts: number[]): ContractTerms {
  // A global performance contract: no deferred payment (CCP L2191-5), the city pays the works.
  return cityPaidTerms({ form: 'performance', projects, districts, pilot: false, durationYears: 12, grantCalls: [] });
}

/**
 * What one decision has already projected, by terms: the lengths priced for a form (the partner's
 * expected ask and the city's value at it) and the value of a purchase alone. Shared by the two
 * `candidates` calls of one decision, whose states differ only in the envelope left — which no
 * projection or value reads (it only sizes a partnership's capital share, part of the terms, and
 * the budget check, run on each call).
 */
interface DecisionMemo {
  /** Null when the decision draws up one list (`PricedForms`). */
  priced: PricedForms | null;
  alone: Map<string, AloneValue>;
  /** `servedOf` by project type and builder (the deployments, which it reads, are the same in both states). */
  served: Map<string, ReadonlySet<number>>;
  /** The districts held by family, for a deal with the partner and for a purchase alone (`heldDistrictsByFamily`, made when first asked). */
  heldForPartner: Map<ProjectFamily, Set<number>> | null;
  heldForSuppliers: Map<ProjectFamily, Set<number>> | null;
  /** What the deployments say for any deal (valuation.ts `dealContext`): the same deployments, contracts and partner in both states. */
  deals: DealContext;
}

/** A form's lengths as priced (`priceLengths`). */
type PricedLength = { d: number; ask: number; value: number };

/**
 * The forms a decision priced, with the room they were priced in, in order; found again by the
 * room and the terms (`termsKey`) once a second list asks (`lookup`). No form is priced twice
 * within a list, so the first list builds no key: they are built, once, only when a second list
 * is drawn up (most decisions draw up one).
 */
interface PricedForms {
  list: { room: number; form: ContractTerms; lengths: PricedLength[] }[];
  byKey: Map<string, PricedLength[]> | null;
  lookup: boolean;
}

/** `priceLengths`' key of a form priced in this room. */
const pricedKey = (room: number, form: ContractTerms): string => `${room}|${termsKey(form)}`;

function newMemo(state: Readonly<SimState>, twoLists: boolean): DecisionMemo {
  return { priced: twoLists ? { list: [], byKey: null, lookup: false } : null, alone: new Map(), served: new Map(), heldForPartner: null, heldForSuppliers: null, deals: dealContext(state) };
}

/** The districts 0…nd−1 that no set of `served` holds, in order (a plain loop: spreading `Array(nd).keys()` was a visible share of each decision). */
function districtsNotIn(nd: number, served: readonly ReadonlySet<number>[]): number[] {
  const out: number[] = [];
  for (let d = 0; d < nd; d++) {
    // As `served.every((s) => !s.has(d))`, without a closure per district.
    let free = true;
    for (let i = 0; free && i < served.length; i++) free = !served[i]!.has(d);
    if (free) out.push(d);
  }
  return out;
}

/** The districts held against a deal at scale by `builder` of the type's family (`servedDistricts`
 *  for the partner) through the decision's memo (read only: the set is shared), the same districts:
 *  every family's are found in one pass (`heldDistrictsByFamily`). A purchase alone
 *  has a shorter renewal lead than a partner deal (services.ts `renewalLeadMonths`), so fewer
 *  districts are free for it. */
function servedOf(state: Readonly<SimState>, scenario: Scenario, typeId: string, memo: DecisionMemo, builder: 'partner' | 'suppliers' = 'partner'): ReadonlySet<number> {
  const key = builder === 'partner' ? typeId : `${typeId}|suppliers`;
  let served = memo.served.get(key);
  if (!served) {
    const byFamily = builder === 'partner' ? (memo.heldForPartner ??= heldDistrictsByFamily(state, scenario, 'partner')) : (memo.heldForSuppliers ??= heldDistrictsByFamily(state, scenario, 'suppliers'));
    served = byFamily.get(projectType(scenario, typeId)!.family) ?? NONE_HELD;
    memo.served.set(key, served);
  }
  return served;
}

/** No district held (read only). */
const NONE_HELD: ReadonlySet<number> = new Set();

/**
 * The net savings share of revenue the computer city keeps: under it, it raises the rates
 * (`yearlyDecisions`), so it does not sign a rent that would take it there.
 */
const KEPT_MARGIN_SHARE = 0.03;

/**
 * What a new partner contract's annual payment may take, euros a year: the net savings to come
 * (`netSavingsForecastEur`: gross savings less the principal, loans and partnership rent capital,
 * and what is signed and not yet in them) less the margin the city keeps (`KEPT_MARGIN_SHARE` of
 * revenue). A finance department tests a rent where its budget books it (§5): a performance
 * contract's payment and a partnership rent's operating part are operating spending, a rent's
 * capital part is debt repayment, and both must be covered by the city's own resources — the real
 * balance (CGCT L1612-4), which the budget check applies at signature (`goldenRule`). The works'
 * share the city pays goes to the envelope, and a partnership's capital counts as debt for the
 * lenders: the budget check tests both (rules/legality.ts). Until issue 9 the computer city summed
 * every running payment with the new one against the year's works envelope (€8 M): no budget
 * tests operating spending against investment credits, and the lighting contract and the
 * solar-roofs partnership left €0.66 M of room for years, which a balanced amendment freed.
 */
function rentRoomEur(state: Readonly<SimState>, scenario: Scenario): number {
  return netSavingsForecastEur(state, scenario) - KEPT_MARGIN_SHARE * yearRevenueEur(state, scenario);
}

/** The city's revenue in a year at its current rates: taxes, the State's grant and its other revenue, euros. */
function yearRevenueEur(state: Readonly<SimState>, scenario: Scenario): number {
  return taxRevenueEur(scenario, state.city.taxLevel) + state.city.stateGrantEur + scenario.city.otherRevenueEur;
}

/** The partner's expected ask and the city's value at it, for each contract length of a form (kept when the partner can be paid and the payment fits the room the budget leaves, `rentRoomEur`). */
function priceLengths(state: Readonly<SimState>, scenario: Scenario, form: ContractTerms, room: number, memo: DecisionMemo): PricedLength[] {
  // The room left filters the lengths kept, so it is part of the key.
  const priced = memo.priced;
  if (priced !== null && priced.lookup) {
    if (priced.byKey === null) {
      priced.byKey = new Map();
      // As a Map set in this order would keep them: the first form of a key is kept.
      for (const p of priced.list) {
        const k = pricedKey(p.room, p.form);
        if (!priced.byKey.has(k)) priced.byKey.set(k, p.lengths);
      }
    }
    const known = priced.byKey.get(pricedKey(room, form));
    if (known) return known;
  }
  const out: PricedLength[] = [];
  // A length past the shortest life in the scope is refused whatever the rest of the terms
  // (terms.ts `outlivesEquipment`): no opening at it can be chosen, so it is not priced (the values
  // of the others are the same numbers, each length's its own).
  const durations = lawfulLengths(scenario, form);
  // Each length's values are read here only: summed as the projection goes, no rows written.
  const values = dealValuesOverDurations(state, scenario, form, durations, { builder: 'partner', view: 'public', context: memo.deals });
  for (let i = 0; i < durations.length; i++) {
    const d = durations[i]!;
    const v = values[i]!;
    const a = v.partnerAnnuity;
    if (a <= 0) continue;
    const ask = Math.max(0, -v.partner / a);
    // Affordability: the payment must leave the net savings the city keeps (`rentRoomEur`).
    if (ask > room) continue;
    out.push({ d, ask, value: v.city - ask * v.cityAnnuity });
  }
  if (priced !== null) {
    priced.list.push({ room, form, lengths: out });
    if (priced.byKey !== null) priced.byKey.set(pricedKey(room, form), out);
  }
  return out;
}

/** The lengths of `DURATIONS` the shape check lets a form's terms run (`outlivesEquipment`: a performance or partnership contract at scale no longer than the shortest life in its scope). */
function lawfulLengths(scenario: Scenario, form: ContractTerms): readonly number[] {
  if ((form.form !== 'performance' && form.form !== 'partnership') || form.pilot) return DURATIONS;
  const { years } = shortestLife(scenario, form.projects);
  return DURATIONS.filter((d) => d <= years);
}

/**
 * What the city reads of a purchase by its suppliers: the works' price and the grants it expects,
 * and its value to the city (`aloneCity`), summed only when asked — for a purchase its envelope can
 * pay (`aloneFits`) — on the state and terms it was priced with.
 */
interface AloneValue {
  capexEur: number;
  expectedGrantsEur: number;
  priced: DealCityPrice;
  state: Readonly<SimState>;
  terms: ContractTerms;
  /** Null until asked. */
  city: number | null;
}

/**
 * `dealCityValue` of a purchase by the city's suppliers (`valueForCity` of its `dealFlows`, the
 * same numbers), through the decision's memo, by project type, kind (a purchase at scale or a
 * pilot) and the calls named: within a decision those determine the terms (the districts not yet
 * served: none reads the envelope, nor does the value).
 */
function suppliersValue(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, memo: DecisionMemo): AloneValue {
  // The calls named are part of the key: a purchase beside a deal names none of the deal's (`KeptDeal`).
  const key = `${terms.pilot ? 'pilot' : 'alone'}|${terms.projects[0]!}|${terms.grantCalls.join(',')}`;
  const known = memo.alone.get(key);
  if (known) return known;
  const priced = dealCityPrice(state, scenario, terms, 'suppliers', 'private', memo.deals);
  const value: AloneValue = { capexEur: priced.capexEur, expectedGrantsEur: priced.expectedGrantsEur, priced, state, terms, city: null };
  memo.alone.set(key, value);
  return value;
}

/** A purchase's value to the city (`dealCityValue`'s `city`), summed when first asked. */
function aloneCity(scenario: Scenario, v: AloneValue): number {
  return (v.city ??= dealCityValueOfPrice(v.state, scenario, v.terms, v.priced));
}

/** The share of the expected energy savings the computer city asks the partner to guarantee (penalties 1:1), within the scenario's cap. */
const askedGuarantee = (scenario: Scenario): number => Math.min(0.6, scenario.negotiation.maxGuaranteedSavingShare);

/** A list's terms checker (`termsLawfulChecker`). */
type TermsChecker = ReturnType<typeof termsLawfulChecker>;

/** The best partner contract (performance, or partnership once studied) for these projects and districts, at the length worth most to the city, or null. */
function partnerCandidate(state: Readonly<SimState>, scenario: Scenario, projects: string[], remaining: number[], room: number, memo: DecisionMemo, lawful: TermsChecker): Candidate | null {
  const envelope = state.city.envelopeLeftEur;
  const energy = projects.some((p) => projectType(scenario, p)!.benefits.energyMWhPerUnit > 0);
  const t0 = baseTerms(projects, remaining);
  t0.guaranteedSavingShare = energy ? askedGuarantee(scenario) : 0;
  t0.penaltyRate = energy ? 1 : 0;
  t0.grantCalls = openEligibleCalls(state, scenario, projects, false);
  const capex = dealCapexEur(scenario, t0);
  const years = Math.max(1, buildYearsOf(scenario, t0));
  // A partnership contract, once its prior evaluation is done: the partner finances what the
  // envelope cannot pay during the works (at most half).
  const forms: ContractTerms[] = [t0];
  const study = partnershipStudyFor(state, t0);
  if (study && study.readyTick <= state.tick) {
    const share = Math.round(Math.min(0.5, Math.max(0, (envelope * years) / Math.max(1, capex))) * 20) / 20;
    // A grant funds the city's own share of the works: with none, it files no application (rules/terms.ts).
    forms.push({ ...t0, form: 'partnership', cityCapitalShare: share, grantCalls: share > 0 ? t0.grantCalls : [] });
  }
  // Values are linear in the payment: one projection per duration gives the partner's
  // expected ask and the city's value at that ask.
  // Ranked before their terms are written: only those checked need them.
  const ranked: { form: ContractTerms; d: number; ask: number; value: number }[] = [];
  for (const form of forms) for (const { d, ask, value } of priceLengths(state, scenario, form, room, memo)) ranked.push({ form, d, ask, value });
  ranked.sort((x, y) => y.value - x.value);
  // The most valuable lawful one (the lengths of a form share their scope, checked once: `lawful`,
  // the list's checker), not a notice that failed in this mandate with nothing changed since
  // (rules/relaunch.ts).
  for (const { form, d, ask, value } of ranked) {
    const opening = { ...form, durationYears: d, annualPaymentEur: Math.round((ask * 0.75) / 1000) * 1000 };
    if (!relaunchesFailedNotice(state, opening) && lawful(opening)) return { kind: 'negotiate', terms: opening, value, cityMoney: capex * form.cityCapitalShare + ask * d };
  }
  return null;
}

/** The districts none of these projects' families serves yet (a module function: under the TypeScript loader a named closure is named again at each call). */
function openTo(state: Readonly<SimState>, scenario: Scenario, projects: string[], memo: DecisionMemo): number[] {
  const served = projects.map((id) => servedOf(state, scenario, id, memo));
  return districtsNotIn(scenario.territory.districts.length, served);
}

/** Bundles of the data platform with the families it multiplies (`synergyWithPlatform` > 0), over the districts none of them serves yet. */
function platformBundles(state: Readonly<SimState>, scenario: Scenario, ids: string[], room: number, memo: DecisionMemo, lawful: TermsChecker): Candidate[] {
  const platforms = ids.filter((id) => projectType(scenario, id)!.family === 'dataPlatform');
  const multiplied = ids.filter((id) => { const t = projectType(scenario, id)!; return t.family !== 'dataPlatform' && t.synergyWithPlatform > 0; });
  const out: Candidate[] = [];
  for (const pid of platforms) {
    let best: Candidate | null = null;
    for (const id of multiplied) {
      const districts = openTo(state, scenario, [id, pid], memo);
      if (districts.length === 0) continue;
      const k = partnerCandidate(state, scenario, [id, pid], districts, room, memo, lawful);
      if (!k) continue;
      out.push(k);
      if (!best || k.value > best.value) best = k;
    }
    // Grow the best pair while one more family adds to its value.
    while (best) {
      let next: Candidate | null = null;
      for (const id of multiplied) {
        if (best.terms.projects.includes(id)) continue;
        const projects = [...best.terms.projects.slice(0, -1), id, pid];
        const districts = openTo(state, scenario, projects, memo);
        if (districts.length === 0) continue;
        const k = partnerCandidate(state, scenario, projects, districts, room, memo, lawful);
        if (k && k.value > (next ?? best).value) next = k;
      }
      if (next) out.push(next);
      best = next;
    }
  }
  return out;
}

/**
 * A deal whose credits a decision keeps before any purchase alone: the open negotiation's offer, or
 * the deal the decision proposes. A finance department plans a programme under award first (AP/CP,
 * CGCT L2311-3 and R2311-9: the payment credits of the year are the programme's) and sincerely
 * (L1612-4): its first-year share of the works, net of the grants it counts on, is kept; a purchase
 * beside it files none of its calls (it would take from the budget those calls hold for the deal,
 * and the deal would count on a grant won twice); and the purchase must leave the deal what the
 * budget check will ask again when the partner answers and at signature (`aloneFits`).
 */
interface KeptDeal {
  terms: ContractTerms;
  capital: WorksCapital;
  /** Its rent's operating part a year (`rentOperatingEur`): what it takes from gross savings. */
  operatingEur: number;
  /** Already past the lenders' limit on its own: no room a purchase could take from it. */
  pastLimit: boolean;
}

/** The credits a decision keeps for a deal, with what every purchase beside it is checked against (computed once a decision). */
function keepDeal(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms): KeptDeal {
  const capital = worksCapitalEur(state, scenario, terms, 'partner');
  const operatingEur = rentOperatingEur(scenario, terms, capital.financedEur);
  const pastLimit = lendersRatioYears(state, scenario, operatingEur, capital.net, capital.financedEur) > scenario.funding.lendersRefuseYears;
  return { terms, capital, operatingEur, pastLimit };
}

/**
 * Whether a purchase alone (or a pilot) fits what the decision leaves it. With no deal's credits
 * kept: its share net of expected grants fits the envelope (the budget check's own figure). While
 * credits are kept for a deal, the purchase is budgeted at what its signature may draw on the
 * envelope: its works at their expected overrun (drawn at signature, rules/projects.ts) and no
 * grant not yet notified (décret 2018-514 art. 8: "seule la décision attributive, régulièrement
 * notifiée, vaut accord de financement"); and it must leave the deal its borrowing room (the
 * lenders' limit, which the deal must still meet with the purchase's capital counted).
 */
function aloneFits(state: Readonly<SimState>, scenario: Scenario, type: ProjectType, v: AloneValue, envelope: number, kept: KeptDeal | null): boolean {
  if (!kept) return v.capexEur - v.expectedGrantsEur <= envelope;
  const draw = v.capexEur * meanOverrunFactor(scenario, type);
  if (draw > envelope) return false;
  const { capital } = kept;
  return kept.pastLimit || lendersRatioYears(state, scenario, kept.operatingEur, capital.net, capital.financedEur, draw) <= scenario.funding.lendersRefuseYears;
}

/**
 * The candidate deals of one decision. With `negotiate` false only the purchases alone (and pilots)
 * are listed: the caller reads nothing else from them (a second list for the envelope left once a
 * deal keeps its share, `kept`, or any list while a negotiation is open). The partner contract for
 * the same project is then valued only when a pilot needs it (what the pilot teaches), exactly as
 * the full list would value it.
 */
function candidates(state: Readonly<SimState>, scenario: Scenario, memo: DecisionMemo, negotiate: boolean, kept: KeptDeal | null = null): Candidate[] {
  const out: Candidate[] = [];
  const nd = scenario.territory.districts.length;
  const envelope = state.city.envelopeLeftEur;
  const partnerOk = state.tick >= state.partner.activeFromTick;
  const room = rentRoomEur(state, scenario);
  const ids = Object.keys(scenario.projects.catalogue);
  // One checker for the list's terms, all on this state (`termsLawful` of each: the state's budget
  // figures and each scope's checks made once for the list).
  const lawful = termsLawfulChecker(state, scenario, memo.deals);
  for (const id of ids) {
    const type = projectType(scenario, id)!;
    const served = servedOf(state, scenario, id, memo);
    const remaining = districtsNotIn(nd, [served]);
    if (remaining.length === 0) continue;
    // A global performance contract with the partner.
    let full: Candidate | null | undefined;
    if (partnerOk && negotiate) {
      full = partnerCandidate(state, scenario, [id], remaining, room, memo, lawful);
      if (full) out.push(full);
    }
    // Buying the works alone (procurement with local suppliers), where no equipment waits beyond a purchase's renewal lead.
    const aloneDistricts = districtsNotIn(nd, [servedOf(state, scenario, id, memo, 'suppliers')]);
    const alone: ContractTerms = { ...baseTerms([id], aloneDistricts), form: 'procurement', durationYears: 0, cityCapitalShare: 1, terminationCompensation: 0 };
    alone.grantCalls = callsBeside(openEligibleCalls(state, scenario, [id], false), kept);
    const aloneValue = aloneDistricts.length > 0 ? suppliersValue(state, scenario, alone, memo) : null;
    if (aloneValue && aloneFits(state, scenario, type, aloneValue, envelope, kept) && lawful(alone, undefined, 'suppliers')) {
      out.push({ kind: 'alone', terms: alone, value: aloneCity(scenario, aloneValue), cityMoney: aloneValue.capexEur - aloneValue.expectedGrantsEur });
    }
    // A pilot, when a pilot-only grant is open or the benefits are very uncertain.
    const hasPilot = state.deployments.some((d) => d.type === id && d.pilot && !d.duplicate);
    // The risk a pilot would teach: what the city would still bear at scale once the guarantee it may
    // ask of the partner is counted (a pilot and a guarantee answer the same risk, rules/projects.ts).
    // The guarantee covers only the contract's years: those of the contract the city would ask
    // when it has priced one, else the shortest length it asks (valuation.ts counts the cover so).
    const sigma = spreadBorneAtScale(scenario, type, partnerOk ? askedGuarantee(scenario) : 0, full ? full.terms.durationYears : DURATIONS[0]);
    if (type.pilot.allowed && !hasPilot && served.size === 0) {
      const district = remaining.reduce((a, b) => (scenario.territory.districts[b]!.population > scenario.territory.districts[a]!.population ? b : a));
      const pilot: ContractTerms = {
        ...baseTerms([id], [district]),
        form: 'pilot',
        pilot: true,
        durationYears: scenario.negotiation.pilotMaxYears,
        cityCapitalShare: 1,
      };
      pilot.grantCalls = callsBeside(openEligibleCalls(state, scenario, [id], true), kept);
      const pilotOnlyGrant = pilot.grantCalls.some((c) => state.grantCalls.find((g) => g.id === c)?.pilotOnly);
      if (pilotOnlyGrant || sigma >= 0.35) {
        const pilotValue = suppliersValue(state, scenario, pilot, memo);
        const money = pilotValue.capexEur - pilotValue.expectedGrantsEur;
        // A pilot is worth what it teaches: a share of the full deal's value, at little cost.
        if (full === undefined && partnerOk) full = partnerCandidate(state, scenario, [id], remaining, room, memo, lawful);
        const learning = full ? 0.05 * Math.abs(full.value) : 0;
        if (aloneFits(state, scenario, type, pilotValue, envelope, kept) && lawful({ ...pilot, form: 'pilot' }, undefined, 'suppliers')) {
          out.push({ kind: 'alone', terms: pilot, value: aloneCity(scenario, pilotValue) + learning + (pilotOnlyGrant ? pilotValue.expectedGrantsEur : 0), cityMoney: Math.max(money, 1) });
        }
      }
    }
  }
  // The platform bundled with the families it multiplies (Hart 2003: one contract builds and runs
  // the equipment and the platform that steers it; Dijon 2017: LED, traffic lights and the control
  // centre in one global performance contract): each family with the platform, then the best of
  // those grown one family at a time while the bundle is worth more to the city.
  if (partnerOk && negotiate) out.push(...platformBundles(state, scenario, ids, room, memo, lawful));
  return out;
}

/**
 * How a computer city opens a negotiation on a deal the yearly rules chose: it may reshape the
 * terms (duration, payment, compensation) or decline (null). The rule-based city keeps them.
 */
export type OpeningHook = (state: Readonly<SimState>, terms: ContractTerms) => { terms: ContractTerms; explanation?: Explanation } | null;

/** The city's decisions at the start of a year (budget, taxes, governance, projects) or when a grant call opens (projects). */
export function yearlyDecisions(state: Readonly<SimState>, scenario: Scenario, yearStart: boolean, opening?: OpeningHook): Action[] {
  const actions: Action[] = [];
  if (!yearStart) return projectDecisions(state, scenario, state.city.envelopeLeftEur, opening).actions;
  const c = scenario.city;
  const city = state.city;
  const mayor = city.mayor.profile;
  const revenue = yearRevenueEur(state, scenario);
  // Net savings as the real balance reads them (CGCT L1612-4): gross savings less the debt repaid,
  // loans' principal and the capital part of partnership rents alike (annualPrincipalEur).
  const margin = city.grossSavingsEur - annualPrincipalEur(state, scenario);
  let taxChange = 0;
  const electionSoon = yearsToElection(state) < Math.max(1, scenario.politics.campaignMonths / 12 + 0.5);
  const cash = state.ledger.balancesCents.city / 100;
  if ((margin < KEPT_MARGIN_SHARE * revenue || cash < -0.05 * revenue) && !(electionSoon && margin > 0 && cash > -0.1 * revenue)) taxChange = c.maxTaxChange;
  else if (mayor.fiscal >= 0.6 && margin > 0.1 * revenue && city.taxLevel > 0.9) taxChange = -Math.min(0.01, c.maxTaxChange);
  let envelope = c.smartCityEnvelopeEur;
  if (city.debtCapacityYears > c.debtCeilingYears) envelope = 0;
  else if (city.debtCapacityYears > 0.75 * c.debtCeilingYears) envelope *= 0.5;
  // The envelope must be financeable (rules/legality.ts); under the prefect's settlement it is 0.
  envelope = underSettlement(state) ? 0 : Math.min(envelope, Math.floor(envelopeCapacityEur(state, scenario)));
  if (underSettlement(state) && taxChange < 0) taxChange = 0;
  // Rates rise at most to their legal cap (CGI 1636 B septies).
  if (taxChange > 0) taxChange = Math.max(0, Math.min(taxChange, c.maxTaxLevel - city.taxLevel));
  const budgetAt = actions.length;
  const g = city.governance;
  const alignmentPct = Math.round(state.alignment * 100);
  if (!g.smartCityOffice && state.alignment < 0.7) actions.push({ type: 'governance', measure: 'smartCityOffice', on: true, explanation: { key: 'city.smartCityOffice', params: { alignmentPct } } });
  const needsPooling = state.grantCalls.some((call) => call.minCommunes > 1 && state.tick <= call.deadlineTick);
  if (!g.interCommunalAgreement && needsPooling) actions.push({ type: 'governance', measure: 'interCommunalAgreement', on: true, explanation: { key: 'city.interCommunalAgreement', params: { alignmentPct } } });
  const platform = state.deployments.some((d) => d.family === 'dataPlatform' && (d.stage === 'building' || d.stage === 'operating'));
  if (!g.sharedDataPlatform && platform) actions.push({ type: 'governance', measure: 'sharedDataPlatform', on: true, explanation: { key: 'city.sharedDataPlatform', params: { alignmentPct } } });

  // A new majority's budgets, its first mandate: what to do with the contracts it inherits (contract-review.ts).
  actions.push(...reviewContracts(state, scenario));
  actions.push(...partnershipStudies(state, scenario, envelope));
  // What is left once works already signed take this year's share (as setBudget books it).
  const pending = pendingCapitalEur(state);
  // What the year's vote leaves for new works: the envelope less the works signed earlier still to
  // pay in the next 12 months and what the year already committed (actions.ts, setBudget).
  const committedBefore = pending.earlierNext12Eur + city.yearCommittedEur;
  const left = Math.max(0, envelope - committedBefore);
  // A programme (AP/CP) only while the debt is well below its ceiling (the envelope not cut): at
  // most what the year's financing capacity leaves once the same works are counted.
  const capacity = underSettlement(state) ? 0 : Math.floor(envelopeCapacityEur(state, scenario));
  const programme: Programme | undefined = envelope > 0 && city.debtCapacityYears <= 0.75 * c.debtCeilingYears && capacity - committedBefore > left
    ? { extraEur: capacity - committedBefore - left, planRoomEur: Math.max(0, c.smartCityEnvelopeEur * c.investmentPlanYears - pending.totalEur) }
    : undefined;
  const projects = projectDecisions(state, scenario, Math.max(0, envelope - pending.next12Eur), opening, programme);
  // The vote carries the programme's payment credits on top of what is already committed.
  if (projects.reserveEur > 0) envelope = Math.min(capacity, Math.max(envelope, committedBefore + left) + projects.reserveEur);
  // The payment credits falling due this year on works signed (`paymentsDueEur`; CGCT L1612-4,
  // L1612-15): the vote includes them, even where it leaves nothing for new works.
  if (!underSettlement(state)) envelope = Math.max(envelope, Math.ceil(committedBefore));
  // A tax cut the year's investment, those payments included, would leave unfinanced is put off (L1612-4).
  if (taxChange < 0 && !commitmentAllowed(state, scenario, { kind: 'budget', envelopeEur: envelope, taxChange })) taxChange = 0;
  actions.splice(budgetAt, 0, {
    type: 'setBudget',
    envelopeEur: envelope,
    taxChange,
    explanation: {
      key: taxChange > 0 ? 'city.budgetTaxUp' : taxChange < 0 ? 'city.budgetTaxDown' : 'city.budget',
      params: { envelopeM: Math.round(envelope / 1e4) / 100, taxPct: Math.round(taxChange * 1000) / 10, debtYears: Math.round(city.debtCapacityYears * 10) / 10, ceilingYears: c.debtCeilingYears },
    },
  });

  actions.push(...projects.actions);
  return actions;
}

/**
 * The prior evaluation of a partnership contract (CCP L2212-1) for the dearest project whose works
 * the envelope cannot pay during their build and that the city may not buy through a performance
 * contract now (its budget rules refuse it), above the threshold of R2211-1 and not studied yet:
 * at most one a year (each costs `partnershipStudyCostEur` and takes `partnershipStudyMonths`).
 */
function partnershipStudies(state: Readonly<SimState>, scenario: Scenario, envelope: number): Action[] {
  if (state.tick < state.partner.activeFromTick) return [];
  const nd = scenario.territory.districts.length;
  let best: { id: string; districts: number[]; capex: number } | null = null;
  for (const id of Object.keys(scenario.projects.catalogue)) {
    const served = servedDistricts(state, scenario, id);
    const remaining = districtsNotIn(nd, [served]);
    if (remaining.length === 0) continue;
    const t = { ...baseTerms([id], remaining), form: 'partnership' as const };
    if (partnershipStudyFor(state, t)) continue;
    const th = partnershipThreshold(scenario, t);
    const years = Math.max(1, buildYearsOf(scenario, t));
    if (th.capexEur < th.thresholdEur || th.capexEur <= envelope * years) continue;
    // Only when paying the works itself is not open to the city (a performance contract refused).
    if (termsLawful(state, scenario, { ...t, form: 'performance', cityCapitalShare: 1 })) continue;
    if (!best || th.capexEur > best.capex) best = { id, districts: remaining, capex: th.capexEur };
  }
  if (!best) return [];
  const neg = scenario.negotiation;
  return [{ type: 'studyPartnership', projects: [best.id], districts: best.districts, explanation: { key: 'city.studiesPartnership', params: { project: best.id, costM: Math.round(neg.partnershipStudyCostEur / 1e4) / 100, months: neg.partnershipStudyMonths } } }];
}

/**
 * A programme authorisation (AP/CP, CGCT L2311-3 and R2311-9): the council may commit a multi-year
 * programme and put in each year's budget only that year's payment credits. The computer city uses
 * it for a contract whose first year of works the yearly envelope cannot pay: at most the year's
 * financing capacity beyond the envelope (`extraEur`), and the programme's whole net capital at most
 * the smart-city plan of the mandate not yet committed (`planRoomEur`: the yearly envelope ×
 * `investmentPlanYears` − works signed and still to pay).
 */
interface Programme {
  extraEur: number;
  planRoomEur: number;
}

/** Candidates by value to the city, then the less city money, then the project's id (a total order: the same choice on every run). */
function byValue(a: Candidate, b: Candidate): number {
  return b.value - a.value || a.cityMoney - b.cityMoney || (a.terms.projects[0]! < b.terms.projects[0]! ? -1 : a.terms.projects[0]! > b.terms.projects[0]! ? 1 : 0);
}

/**
 * A deal whose first year the envelope cannot pay is a programme: its whole net capital must fit the
 * plan (`view`: the state with the programme's credits in the envelope). A module function, not a
 * closure in `projectDecisions`: under the TypeScript loader a named closure is named again at each call.
 */
function fitsProgramme(view: Readonly<SimState>, scenario: Scenario, k: Candidate, envelope: number, programme: Programme | undefined): boolean {
  const extra = programme ? programme.extraEur : 0;
  return k.kind !== 'negotiate' || extra === 0 || worksCapitalEur(view, scenario, k.terms, 'partner').firstYear <= envelope || worksCapitalEur(view, scenario, k.terms, 'partner').net <= programme!.planRoomEur;
}

/** The best deal to negotiate (if none is open) and the best purchase alone the envelope leaves once
 *  the credits of the deal open or proposed are kept (`KeptDeal`); `reserveEur`: the payment credits
 *  beyond the envelope the year's budget must carry for the programme under negotiation or proposed
 *  now (0 without a programme). */
function projectDecisions(state: Readonly<SimState>, scenario: Scenario, envelope: number, opening?: OpeningHook, programme?: Programme): { actions: Action[]; reserveEur: number } {
  const actions: Action[] = [];
  const n = state.negotiation;
  const extra = programme ? programme.extraEur : 0;
  const view: Readonly<SimState> = { ...state, city: { ...state.city, envelopeLeftEur: envelope + extra } };
  // While a negotiation is open no deal is proposed: only the purchases alone beside it are listed (below).
  const memo = newMemo(state, n === null);
  const list = n ? [] : candidates(view, scenario, memo, true).filter((k) => k.value > 0 && fitsProgramme(view, scenario, k, envelope, programme)).sort(byValue);
  const deal = list.find((k) => k.kind === 'negotiate');
  let proposed: ContractTerms | null = null;
  if (deal && opening) {
    const opened = opening(view, deal.terms);
    // The reshaped terms must still pass the budget check (a payment or grant change may move them past it).
    if (opened && termsLawful(view, scenario, opened.terms)) {
      proposed = opened.terms;
      actions.push({ type: 'propose', by: 'city', terms: opened.terms, ...(opened.explanation ? { explanation: opened.explanation } : {}) });
    }
  } else if (deal) {
    proposed = deal.terms;
    actions.push({ type: 'propose', by: 'city', terms: deal.terms, reason: `worth €${(deal.value / 1e6).toFixed(1)} M to the city as we count it` });
  }
  // The credits of the deal open or proposed are kept first; a programme carries beyond the
  // envelope what its first year needs, within the year's capacity.
  const keptTerms = n ? n.offer : proposed;
  const kept: KeptDeal | null = keptTerms ? keepDeal(view, scenario, keptTerms) : null;
  const keptEur = kept ? kept.capital.firstYear : 0;
  const reserveEur = Math.min(extra, Math.max(0, keptEur - envelope));
  // Purchases alone keep the plain envelope, less the kept credits.
  const aloneView: Readonly<SimState> = { ...state, city: { ...state.city, envelopeLeftEur: Math.max(0, envelope + reserveEur - keptEur) } };
  // The second list finds the forms the first priced (`PricedForms`).
  if (memo.priced !== null) memo.priced.lookup = true;
  const aloneList = kept || extra > 0 ? candidates(aloneView, scenario, memo, false, kept).filter((k) => k.value > 0).sort(byValue) : list;
  // Not a need the council refused in this mandate, unchanged (negotiation.ts `purchaseBarred`).
  const alone = aloneList.find((k) => k.kind === 'alone' && !purchaseBarred(state, scenario, k.terms) && !(deal?.terms.projects.includes(k.terms.projects[0]!) ?? false) && !(n?.offer.projects.includes(k.terms.projects[0]!) ?? false));
  if (alone) {
    actions.push({
      type: 'launchAlone',
      project: alone.terms.projects[0]!,
      districts: alone.terms.districts,
      pilot: alone.terms.pilot,
      grantCalls: alone.terms.grantCalls,
      explanation: { key: alone.terms.pilot ? 'city.pilotAlone' : 'city.buysAlone', params: { project: alone.terms.projects[0]!, districts: alone.terms.districts.length, costM: Math.round(alone.cityMoney / 1e4) / 100, valueM: Math.round(alone.value / 1e4) / 100 } },
    });
  }
  return { actions, reserveEur };
}

function respond(state: Readonly<SimState>, scenario: Scenario): Action[] {
  const n = state.negotiation!;
  const offer = n.offer;
  const value = cityValue(state, scenario, offer);
  if (value > 0 && termsLawful(state, scenario, offer, { atAcceptance: true })) {
    return [{ type: 'accept', by: 'city', reason: `worth €${(value / 1e6).toFixed(1)} M to the city as we count it` }];
  }
  const cityOffers = n.history.filter((h) => h.by === 'city' && h.kind === 'offer');
  if (cityOffers.length >= 4 || n.round >= n.maxRounds) {
    return [{ type: 'walkAway', by: 'city', reason: `at these terms the deal costs the city €${(-value / 1e6).toFixed(1)} M as we count it` }];
  }
  const last = cityOffers[cityOffers.length - 1]?.terms ?? offer;
  const flows = dealFlows(state, scenario, offer, 'partner', 'public');
  // The most the city can pay at the partner's duration and stay at a zero value for itself.
  const maxPay = offer.annualPaymentEur + value / Math.max(1e-9, cityPaymentAnnuity(state, scenario, offer, flows));
  const middle = (last.annualPaymentEur + offer.annualPaymentEur) / 2;
  const counter: ContractTerms = {
    ...structuredClone(offer),
    grantCalls: filedCalls(state, offer.grantCalls),
    annualPaymentEur: Math.max(0, Math.round(Math.min(middle, Math.max(maxPay, last.annualPaymentEur)) / 1000) * 1000),
    terminationCompensation: (last.terminationCompensation + offer.terminationCompensation) / 2,
  };
  if (!termsLawful(state, scenario, counter)) return [{ type: 'walkAway', by: 'city', reason: 'no lawful counter-offer is left' }];
  return [{ type: 'propose', by: 'city', terms: counter, reason: `we can pay €${(counter.annualPaymentEur / 1e6).toFixed(2)} M a year at most` }];
}

export function ruleBasedCity(obs: Observation): Action[] {
  const state = obs.state;
  const n = state.negotiation;
  const actions: Action[] = [];
  if (obs.trigger.yearStart || obs.trigger.newGrantCalls.length > 0) actions.push(...yearlyDecisions(state, obs.scenario, obs.trigger.yearStart));
  if (n && n.turn === 'city' && n.ratificationMonthsLeft === 0 && (n.lastMoveTick < state.tick || obs.trigger.answerNow)) actions.push(...respond(state, obs.scenario));
  return actions;
}
