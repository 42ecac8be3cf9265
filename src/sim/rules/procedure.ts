/**
 * The award procedure and competition (Code de la commande publique, CCP): a negotiation runs
 * inside a procedure, not as a chat.
 *
 * Phases, in order: publication (the notice is out, firms prepare their applications or bids:
 * R2161-2 and R2161-24 minimum time limits), bids (opening and analysis, the
 * selection of candidates), negotiation or dialogue (the alternating offers of negotiation.ts, one
 * round a month: L2124-3 negotiated procedure, L2124-4 competitive dialogue; L3124-1 for
 * concessions), award (from the accepted offer to the council's decision, during which the city's
 * veto players ratify: L2152-7 the economically most advantageous offer), standstill (R2182-1: 11
 * days between the notice to the losing bidders and signature, a month in this monthly model),
 * then signature. The months of each fixed phase come from `procurement.months.<kind>`, where the
 * kind follows the contract's form, estimated value and object (`awardProcedure`). The estimated
 * value is the whole price over the contract's life (R2121-1: works + payments over its
 * duration); the object is works or supplies/services, by the main project. Below the EU
 * threshold of its object (`procurement.euThresholdsEur`, R2123-1: €216 k excl. VAT for supplies
 * and services, €5.404 M for works, 2026–27) a pilot or a plain purchase goes through an adapted
 * procedure (MAPA, R2123-4: no standstill); above it, a formal one: an open call for tenders
 * (R2124-2, bids ≥ 35 days R2161-2, award, standstill R2182-1) for a plain purchase, a
 * procedure with negotiation (months of the dialogue) for a pilot negotiated with the partner. A
 * concession goes through the concession procedure; every other form (performance, partnership)
 * through a competitive dialogue. The city's own purchases (actions.ts `launchAlone`, the communes'
 * duplicate pilots) go through the same procedures: signed at the launch (the money is voted and
 * set aside), their works start only when the procedure's months are over (`procedureMonths`).
 *
 * Competition. `procurement.bidders` firms bid. With none, the procedure is unsuccessful
 * (*infructueux*) when the bids phase ends: there is no deal. With one, nothing bounds the price
 * but the city's own value. With two or more, the lowest-cost firm is the partner and the others
 * are firms of the same market: their cost factors are uniform within ± `rivalCostSpread` of the
 * market's cost (`partner.trueCostFactor`, the partner's own before its local experience), no lower
 * than the partner's, each counting its expected cost, the overruns the builder bears included. The
 * bids are sealed: nothing is drawn, and the next-cheapest's expected cost given that the partner
 * wins (`openBids`, `expectedCappedLowest`) sets the competitive bound on the global price (one
 * price for works and service, CCP L2171-3; L2152-7): the city pays its share of the works at that
 * bidder's cost, never above catalogue (valuation.ts `awardedWorksFactor`), and no offer may carry
 * an annual payment above what that bidder would accept, its costs plus a normal return (its value
 * at the market's cost of capital and political-risk premium, partnerLens, is zero). The partner's
 * rent thus comes from weak competition and private costs, not from catalogue prices.
 * When the bids are in, a city opening offer above the bound comes down to it (the bids undercut it).
 */
import { problem, type Problem } from '../refusal';
import type { ProjectFamily, Scenario } from '../scenario-schema';
import type { ContractForm, ContractTerms, Negotiation, Procedure, ProcedureKind, SimState } from '../types';
import { deploymentCapexEur, projectType } from './catalogue';
import { dialogueMonthsOf, WORKS_FAMILIES } from './lead-times';
import { partnerFit } from './partner';
import { expectedOverrun } from './projects';
import { partnerValuesOfVariants, type PartnerValues } from './valuation';

/** Payments are offered on a grid of €1,000 (the computer players' grid): the bound is rounded up to it. */
const PAYMENT_GRID_EUR = 1000;

/** What the contract buys, by its main (dearest) project: works, or supplies and services (CCP L1111-2 to -4). */
export function contractObject(scenario: Scenario, terms: Pick<ContractTerms, 'projects' | 'districts' | 'pilot'>): 'works' | 'suppliesServices' {
  let main = terms.projects[0]!;
  let mainCapex = -1;
  for (const id of terms.projects) {
    const t = projectType(scenario, id);
    if (!t) continue;
    let c = 0;
    for (const d of terms.districts) c += deploymentCapexEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1);
    if (c > mainCapex) {
      mainCapex = c;
      main = id;
    }
  }
  const t = projectType(scenario, main);
  return t && WORKS_FAMILIES.includes(t.family) ? 'works' : 'suppliesServices';
}

/** The estimated value of a contract (R2121-1): its works at catalogue prices plus its payments over its duration, euros excl. VAT. */
export function estimatedValueEur(scenario: Scenario, terms: Pick<ContractTerms, 'projects' | 'districts' | 'pilot' | 'annualPaymentEur' | 'durationYears'>): number {
  let capex = 0;
  for (const id of terms.projects) {
    const t = projectType(scenario, id);
    if (!t) continue;
    for (const d of terms.districts) capex += deploymentCapexEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1);
  }
  const pay = Number.isFinite(terms.annualPaymentEur) ? Math.max(0, terms.annualPaymentEur) : 0;
  const years = Number.isFinite(terms.durationYears) ? Math.max(0, terms.durationYears) : 0;
  return capex + pay * years;
}

/**
 * The value of the city's other purchases alone of the same need as a new one of `families` over
 * `districts` (R2121-1: a need is not split to stay under a threshold). R2121-5 values an operation
 * of works as what the buyer decides to do "dans une période de temps et un périmètre déterminés";
 * the model takes the mandate as that period (the executive's programme, voted by the council
 * elected with it): the purchases alone of the family signed since the last election (or the
 * start) whose equipment is still under works or in service count with the new one, a purchase of
 * an earlier mandate does not (a network renewed or widened fifteen years on is a new operation).
 * Supplies forming a functional unit count as one (R2121-6); the 12-month rule (R2121-7) is for
 * recurring needs, which a network of equipment is not. Only the districts the new purchase does not
 * cover count: the equipment it would replace there (a renewal, MODEL §7) is ending, not added to.
 * The contract `exceptId` is excluded, and a commune's copy of a pilot (`duplicate`) is another
 * buyer's purchase. Used by both the purchase's procedure (contracts.ts `purchaseProcedure`) and
 * its renewal lead (services.ts `renewalLeadMonths`), so the two value the need alike.
 */
export function sameNeedEur(state: Readonly<SimState>, scenario: Scenario, families: ReadonlySet<ProjectFamily | undefined>, districts: readonly number[], exceptId = 0): number {
  const mandateStart = state.nextElectionTick - scenario.politics.termYears * 12;
  let eur = 0;
  for (const o of state.contracts) {
    if (o.id === exceptId || o.builder !== 'suppliers' || o.signedTick < mandateStart || !o.terms.projects.some((p) => families.has(projectType(scenario, p)?.family))) continue;
    const live = new Set<number>();
    for (const uid of o.deployments) {
      const d = state.deployments[uid - 1]!;
      if (d.duplicate || !families.has(d.family) || districts.includes(d.district)) continue;
      if (d.stage === 'building' || d.stage === 'operating') live.add(d.district);
    }
    if (live.size > 0) eur += estimatedValueEur(scenario, { ...o.terms, projects: o.terms.projects.filter((p) => families.has(projectType(scenario, p)?.family)), districts: [...live] });
  }
  return eur;
}

/**
 * The procedure a contract is awarded by, from its form, estimated value and object: below the EU
 * threshold of its object a pilot or a purchase is adapted (MAPA); above it a purchase is an open
 * call for tenders and a pilot negotiated with the partner a formal procedure with negotiation.
 */
export function awardProcedure(scenario: Scenario, terms: ContractTerms, buyer: 'partner' | 'suppliers' = 'partner', sameNeedEur = 0): ProcedureKind {
  const kind = procedureKind(terms.form);
  if (terms.form !== 'pilot' && terms.form !== 'procurement') return kind;
  const threshold = scenario.procurement.euThresholdsEur[contractObject(scenario, terms)];
  if (estimatedValueEur(scenario, terms) + sameNeedEur < threshold) return 'adapted';
  return terms.form === 'pilot' && buyer === 'partner' ? 'dialogue' : 'open';
}

/** The procedure a contract form is awarded by, before its value and object (`awardProcedure` refines it). */
export function procedureKind(form: ContractForm | string): ProcedureKind {
  if (form === 'pilot') return 'adapted';
  if (form === 'procurement') return 'open';
  if (form === 'concession') return 'concession';
  return 'dialogue';
}

/**
 * The months a competitive dialogue or a concession procedure spends with the candidates on top of
 * `months.bids` (R2161-24 to R2161-31: the dialogue goes on until the buyer has identified the
 * solutions that meet its needs): the specifications of each project family in the scope go
 * through the R rounds of internal agreement of the city's veto players (R = 1 +
 * round(vetoPlayers × (1 − alignment)), negotiation.ts `roundsNeeded`), `dialogueMonthsPerRound`
 * months each. A bundle of families takes longer than one family, an aligned territory less long
 * (DESIGN C4: fewer veto rounds, fewer re-decisions); a pilot (a negotiated or adapted procedure)
 * and a purchase have none.
 */
export function dialogueMonths(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms): number {
  if (terms.pilot) return 0;
  const kind = awardProcedure(scenario, terms);
  if (kind !== 'dialogue' && kind !== 'concession') return 0;
  const families = new Set<string>();
  for (const id of terms.projects) families.add(projectType(scenario, id)?.family ?? id);
  return dialogueMonthsOf(scenario, state.alignment, families.size);
}

/** A new procedure for an offer made now: its notice is published this month. */
export function newProcedure(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms): Procedure {
  const kind = awardProcedure(scenario, terms);
  return { kind, phase: 'publication', monthsLeft: scenario.procurement.months[kind].publication, bidders: scenario.procurement.bidders, rivalCostFactor: null, dialogueMonths: dialogueMonths(state, scenario, terms) };
}

/** Months from the notice to the first answer: publication plus bids and the dialogue (the month the bidders' answer is due). */
export function monthsToBids(scenario: Scenario, procedure: Procedure): number {
  const m = scenario.procurement.months[procedure.kind];
  return m.publication + m.bids + (procedure.dialogueMonths ?? 0);
}

/** Why no move is possible in the procedure's current phase, or null when the sides may move. */
export function phaseProblem(n: Negotiation): Problem | null {
  const p = n.procedure;
  if (p.phase === 'negotiation') return null;
  return problem('procedurePhase', { phase: p.phase, monthsLeft: p.monthsLeft }, `no move in the ${p.phase} phase of the award procedure: ${p.monthsLeft} month(s) left in it`);
}

/**
 * The bids come in: the competitive bound's cost factor, the price the partner's sealed bid is set
 * against. Bids are sealed (CCP L2132-1: during the consultation the buyer may not disclose the
 * total amount or the detailed price of the offers), so the partner does not see its rivals' costs:
 * it bids what the next-cheapest of them would cost (its expected overruns included) *on average
 * given that it wins*, its costs below theirs — the equilibrium of a first-price sealed-bid
 * procurement auction with independent private costs and symmetric bidders (Vickrey 1961; Krishna,
 * *Auction Theory*, ch. 2: b(c) = E[Y | Y > c], Y the lowest of the rivals' costs), with the
 * buyer's estimate as its reserve (a bid above it is *inacceptable*, CCP L2152-3: b(c) = E[min(Y,
 * R) | Y > c]); the partner is the stronger bidder, so it is an approximation (MODEL §13.1). A
 * sealed bid carries no luck of the draw: until issue 9's tenth round the bound was the next
 * rival's drawn cost, known to the partner (an English auction), and in about 3 % of awards no
 * rival bid under the estimate, which then set the price (seed 9024: a partner IRR of 25.7 %). The
 * bound's cost factor is the mean of what was drawn; its spread is gone. No draw is made.
 */
export function openBids(state: SimState, scenario: Scenario, n: Negotiation, partnerCost: number): void {
  const p = n.procedure;
  p.rivalCostFactor = null;
  if (p.bidders < 2) return;
  // Rivals are firms of the same market: their costs spread uniformly around the market's cost of
  // these works (the partner's own before its local experience, `partner.trueCostFactor`), not
  // around catalogue prices, which carry the firms' margin; none below the partner's.
  const s = scenario.procurement.rivalCostSpread;
  const centre = scenario.partner.trueCostFactor;
  const lo = Math.max(partnerCost, centre * (1 - s));
  const hi = Math.max(lo, centre * (1 + s));
  // Each bids its expected cost: the overruns the builder bears (§7, 1 + |sd·N|: mean 1 + sd·√(2/π)) included.
  p.rivalCostFactor = expectedCappedLowest(lo, hi, p.bidders - 1, expectedOverrun(scenario, n.offer), 1);
}

/**
 * E[min(a·Y, cap)] for Y the lowest of m independent costs uniform on [lo, hi]: the next-cheapest
 * rival's expected bid (a its mark-up on cost, the expected overrun), capped at the buyer's estimate.
 * With S(y) = ((hi − y) / (hi − lo))^m the chance that Y exceeds y, E[min(aY, cap)] = a · (lo +
 * ∫ from lo to z of S) with z = min(hi, cap / a), and ∫ from lo to z of S = (hi − lo) / (m + 1) ·
 * (1 − ((hi − z) / (hi − lo))^(m + 1)); when cap / a ≤ lo every rival's bid is at or above the cap.
 */
export function expectedCappedLowest(lo: number, hi: number, m: number, a: number, cap: number): number {
  if (a * lo >= cap) return cap;
  if (hi <= lo) return a * lo;
  const z = Math.min(hi, cap / a);
  // ((hi − z) / (hi − lo))^(m + 1), m a whole number of rivals: multiplied out (no Math.pow in the core).
  const q = (hi - z) / (hi - lo);
  let tail = q;
  for (let i = 0; i < m; i++) tail *= q;
  return a * (lo + ((hi - lo) / (m + 1)) * (1 - tail));
}

/**
 * The competitive bound: the highest annual payment the award may carry under these terms, what
 * the next-cheapest bidder would accept (its costs plus a normal return), euros; null when nothing
 * bounds it (no bids in yet, or a single bidder). The negotiation table shows it.
 */
export function competitiveCapEur(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms): number | null {
  return competitiveCapsOf(state, scenario)(terms);
}

/**
 * `competitiveCapEur` for the variants of one offer (the same state, scenario and scope; terms that
 * differ in length, guarantee, compensation or payment), the same numbers: the rival's state is
 * built once and its setups are shared (`partnerValuesOfVariants`). The negotiators bound a grid
 * of variants at each offer.
 */
export function competitiveCapsOf(state: Readonly<SimState>, scenario: Scenario): (terms: ContractTerms) => number | null {
  const rival = state.negotiation?.procedure?.rivalCostFactor;
  if (rival === null || rival === undefined) return () => null;
  // The rival builds and runs at its own cost factor (no local experience: learning is the partner's);
  // its bid holds its expected overruns, which the projection adds back per project (valuation.ts).
  const learning = 1 - scenario.partner.learningMax * partnerFit(state);
  let last: { factor: number; valuesOf: (terms: ContractTerms) => PartnerValues } | undefined;
  // `expectedOverrun` of the last scope asked (the same lists, form and pilot flag: all it reads), as
  // the variants of one offer share them: the same number, not computed again for each variant.
  let overrun: { terms: ContractTerms; value: number } | undefined;
  return (terms) => {
    if (overrun === undefined || !sameOverrunScope(overrun.terms, terms)) overrun = { terms, value: expectedOverrun(scenario, terms) };
    // A bid above the buyer's own estimate (catalogue prices, taken as its reservation price: the
    // credits it allocates, above which an offer is inacceptable, CCP L2152-3) bounds nothing: the
    // estimate does.
    const factor = Math.min(1, rival) / (overrun.value * Math.max(1e-9, learning));
    if (last === undefined || !Object.is(last.factor, factor)) {
      const rivalState: SimState = { ...state, partner: { ...state.partner, trueCostFactor: factor } };
      last = { factor, valuesOf: partnerValuesOfVariants(rivalState, scenario, 'partner', 'private') };
    }
    // Terms already at a nil payment (the negotiators' variants) are projected as they are.
    const zero: ContractTerms = Object.is(terms.annualPaymentEur, 0) ? terms : { ...terms, annualPaymentEur: 0 };
    // `valueForPartner` and `partnerPaymentAnnuity` of the rival's flows (the same numbers, without rows).
    const values = last.valuesOf(zero);
    const v0 = values.partner;
    const slope = values.partnerAnnuity;
    if (!(slope > 0)) return null;
    const floor = Math.max(0, -v0 / slope);
    return Math.ceil(floor / PAYMENT_GRID_EUR) * PAYMENT_GRID_EUR;
  };
}

/** Whether `expectedOverrun` reads the same of both terms: the same project and district lists (as arrays), form and pilot flag. */
function sameOverrunScope(a: ContractTerms, b: ContractTerms): boolean {
  return a.projects === b.projects && a.districts === b.districts && a.form === b.form && a.pilot === b.pilot;
}

/** Why these terms exceed the competitive bound (L2152-7: the next bidder would do it for less), or null. */
export function competitionProblem(state: SimState, scenario: Scenario, terms: ContractTerms): Problem | null {
  if (!Number.isFinite(terms.annualPaymentEur) || terms.annualPaymentEur <= 0) return null;
  const cap = competitiveCapEur(state, scenario, terms);
  if (cap === null || terms.annualPaymentEur <= cap) return null;
  const bidders = state.negotiation!.procedure.bidders;
  return problem(
    'aboveCompetitiveBid',
    { paymentEur: terms.annualPaymentEur, capEur: cap, bidders },
    `an annual payment of €${(terms.annualPaymentEur / 1e6).toFixed(2)} M is above what the next of ${bidders} bidders would accept (€${(cap / 1e6).toFixed(2)} M): the award goes to the economically most advantageous offer`,
  );
}
