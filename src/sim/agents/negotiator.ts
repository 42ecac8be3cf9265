/**
 * The negotiating computer player's reasoning, shared by the city and the partner.
 *
 * Values. Each side values an offer through its own lens with the reduced model of valuation.ts:
 * for fixed terms, its value is linear in the annual payment, V(P) = v₀ + s·P (s < 0 for the
 * city, > 0 for the partner), so one projection per set of terms gives its value at any payment.
 *
 * Beliefs. Each side is unsure how patient the other is: it holds weights over the other's
 * bargaining patience, PATIENCE_TYPES, with a prior bell around ASSUMED_PATIENCE (0.97, spread
 * 0.05). Reservation payments are estimated on public figures (catalogue costs, the market's cost
 * of capital, the scenario's lens), and each type accepts a payment that leaves it its reservation
 * plus its claim on the surplus (below). The belief is recomputed from the negotiation's history
 * each time (so it lives in the state, through the history), from the answers the other side gave
 * to one's own offers: a turned-down payment makes the types that would have taken it less likely,
 * an accepted one the types that would have refused it, with a logistic likelihood
 * σ(gap / (10 % of the payment)).
 *
 * Patience. Each side has a δ per round (a month): its own discounting over the month times its
 * bargaining patience (`roundDelta`). The share of a surplus the proposer of a round can claim is
 * found by backward induction over the rounds left (`proposerShare`), with the players' own
 * decision rules `bestOffer` and `shouldAccept` — the same computation as the stylised mode, whose
 * limit is Rubinstein's split: the more patient side claims more.
 *
 * Counter-offers. Over a grid of durations, termination compensations and guarantees, a side picks
 * the terms and payment that maximise its expected value. A type of the other side accepts a
 * payment that leaves it its reservation plus its claim on the surplus (the gap between the two
 * sides' reservation payments) as next round's proposer, δ × proposerShare; Pr(accept) = Σ belief(type) · [P meets that type's threshold]; the candidate
 * payments are those thresholds; a counter never concedes past the offer on the table, and never
 * takes back a concession (it is worth no more to its proposer than its own last offer). A counter's
 * expected value counts what follows a rejection: the proposer expects about the offer now on the
 * table two months later (`expectedValue`), so a patient side asks for more. Acceptance.
 * A side accepts an offer worth at least its reservation and at least what countering is worth:
 * δ × the expected value of its best counter; in the last round it takes anything above its
 * reservation. It walks away when no counter is worth anything to it.
 */
import { detExp, detPow } from '../det-math';
import { deploymentCapexEur, projectType } from '../rules/catalogue';
import { competitiveCapsOf } from '../rules/procedure';
import { MAX_CONTRACT_YEARS, termsLawfulChecker } from '../rules/terms';
import { cityPaymentAnnuity, cityValuesOfVariants, dealValues, partnerPaymentAnnuity, partnerValuesOfVariants, valueForCity, valueForPartner, type DealFlows, type DealValues } from '../rules/valuation';
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, Negotiation, SimState } from '../types';

/**
 * The other side's possible patience (its bargaining patience factor), as each side imagines it:
 * from the cash-pressed or election-bound to the unhurried.
 */
export const PATIENCE_TYPES = [0.85, 0.92, 0.96, 0.98, 0.995] as const;

/**
 * The lengths a computer player weighs, in years: every whole year from 5 to 16, where the
 * performance contracts and partnerships of street lighting and control centres are signed (Dijon
 * and Angers 12 years), then 18, 20, 22 and the model's 25 (steps of about an eighth of the
 * length). With the coarser grid of 5, 8, 12, 15, 20 and 25 years (until issue 9's ninth round) a
 * partner conceding on the length after the bids jumped from 12 years to 8; it now concedes one to
 * three years (MODEL §13.6).
 */
export const CONTRACT_LENGTHS = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 25] as const;
const COMPENSATION_GRID = [0, 1] as const;
/** Guaranteed shares of the expected energy savings (with penalties at 1:1) a side may put forward. */
const GUARANTEE_GRID = [0, 0.7] as const;

/** Value linear in the annual payment: V(P) = v0 + slope · P. */
export interface Linear {
  v0: number;
  slope: number;
}

export const at = (l: Linear, payment: number): number => l.v0 + l.slope * payment;

/** Among candidates, the best for the proposer: value × probability that the other accepts. */
export function bestOffer<T>(candidates: readonly T[], value: (c: T) => number, acceptProb: (c: T) => number): { offer: T; expected: number } | null {
  let best: { offer: T; expected: number } | null = null;
  for (const c of candidates) {
    const p = acceptProb(c);
    if (p <= 0) continue;
    const expected = value(c) * p;
    if (best === null || expected > best.expected + 1e-9) best = { offer: c, expected };
  }
  return best;
}

/** Accept when the offer is worth at least the reservation and at least what countering is worth. */
export function shouldAccept(offerValue: number, reservation: number, continuation: number): boolean {
  return offerValue >= reservation - 1e-9 && offerValue >= continuation - 1e-9;
}

function payOf(t: ContractTerms): number {
  return t.annualPaymentEur;
}

/** The city's value of terms as a function of the payment, through a given lens (scenario view). */
export function cityLinear(state: Readonly<SimState>, view: Scenario, flows: DealFlows, terms: ContractTerms): Linear {
  return { v0: valueForCity(state, view, flows), slope: -cityPaymentAnnuity(state, view, terms, flows) };
}

/** The partner's value of terms as a function of the payment, through a given lens. */
export function partnerLinear(view: Scenario, flows: DealFlows, terms: ContractTerms): Linear {
  return { v0: valueForPartner(view, terms, flows), slope: partnerPaymentAnnuity(view, terms, flows) };
}

/** The partner's bid margin: what it needs on top of its cost of capital (its outside option). `flows`: the deal's flows or values (`dealValues`), of which only the partner's capital is read. */
export function partnerMargin(scenario: Scenario, flows: Pick<DealFlows, 'partnerCapitalEur'>, marginShare: number): number {
  return marginOn(flows.partnerCapitalEur, marginShare);
}

/** `partnerMargin` from the flows' `partnerCapitalEur`. */
function marginOn(partnerCapitalEur: number, marginShare: number): number {
  return marginShare * Math.max(0, partnerCapitalEur) + 1;
}

/** `cityLinear` of terms from their values (`dealValues`, `dealValuesOfVariants`: the same numbers as from their flows). */
export function cityLinearOf(values: Pick<DealValues, 'city' | 'cityAnnuity'>): Linear {
  return { v0: values.city, slope: -values.cityAnnuity };
}

/** `partnerLinear` of terms from their values (`dealValues`, `dealValuesOfVariants`: the same numbers as from their flows). */
export function partnerLinearOf(values: Pick<DealValues, 'partner' | 'partnerAnnuity'>): Linear {
  return { v0: values.partner, slope: values.partnerAnnuity };
}

/**
 * The partner's reservation once the bids are in: its bid margin `margin`, but no more than what the
 * next bidder's price `cap` leaves it (its value there, less €1), and never below a normal return
 * (0: its outside option, other cities, pays its cost of capital). The rivals bid at a normal
 * return (procedure.ts); the partner, the cheapest firm, wins at their price whenever that covers
 * its own costs at its cost of capital, its rent the cost gap (Bertrand competition with unequal
 * costs: the price is the second-lowest cost, Tirole 1988 §5.1), rather than walking away over a
 * margin no rival asks. `lin`: its value of the terms, linear in the payment; `cap`: the bound,
 * null with no bids in (a single bidder: the margin stands).
 */
export function partnerReservation(margin: number, lin: Linear, cap: number | null): number {
  return cap === null ? margin : Math.min(margin, Math.max(0, at(lin, cap) - 1));
}

/** The most the city would pay for these terms, as the partner estimates it (public figures). */
export function publicCityCeiling(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms): number {
  const zero = { ...terms, annualPaymentEur: 0 };
  return ceilingOn(cityLinearOf(dealValues(state, scenario, zero, 'partner', 'public')));
}

/** The city's ceiling from its value of the terms, linear in the payment: value ÷ payment annuity. */
function ceilingOn(l: Linear): number {
  return l.v0 > 0 && l.slope < 0 ? l.v0 / -l.slope : 0;
}

/** The least the partner would take for these terms, as the city estimates it (catalogue costs, market rate). */
export function publicPartnerFloor(state: Readonly<SimState>, scenario: Scenario, terms: ContractTerms, marginShare: number): number {
  const zero = { ...terms, annualPaymentEur: 0 };
  const values = dealValues(state, scenario, zero, 'partner', 'public');
  return floorOn(partnerLinearOf(values), values.partnerCapitalEur, marginShare);
}

/** The partner's floor from its value of the terms, linear in the payment, and its capital. */
function floorOn(l: Linear, partnerCapitalEur: number, marginShare: number): number {
  return l.slope > 0 ? Math.max(0, (marginOn(partnerCapitalEur, marginShare) - l.v0) / l.slope) : Infinity;
}

/**
 * For each patience type of the responder, the payment it accepts: its reservation plus its claim
 * on the surplus as next round's proposer (δ_type × proposerShare(δ_type, δ_proposer)). `towardProposer`
 * is +1 when the responder is the partner (it accepts payments at or above the threshold), −1 when
 * it is the city (at or below).
 */
export function typeThresholds({
  reservation,
  otherEnd,
  typeDeltas,
  proposerDelta,
  towardProposer,
}: {
  /** The responder's reservation payment. */
  reservation: number;
  /** The proposer's reservation payment: the surplus lies between the two. */
  otherEnd: number;
  typeDeltas: readonly number[];
  proposerDelta: number;
  towardProposer: 1 | -1;
}): number[] {
  const surplus = Math.max(0, towardProposer * (otherEnd - reservation));
  return typeDeltas.map((d) => reservation + towardProposer * d * proposerShare(d, proposerDelta, CLAIM_HORIZON) * surplus);
}

/** The partner types' δ per round (the market's cost of capital, each patience). */
export function partnerTypeDeltas(scenario: Scenario): number[] {
  return PATIENCE_TYPES.map((p) => roundDelta(scenario.partner.discountRate, p));
}

/** The city types' δ per round (the public rate and hazard, each patience). */
export function cityTypeDeltas(scenario: Scenario): number[] {
  return PATIENCE_TYPES.map((p) => roundDelta(scenario.city.discountRate + scenario.city.electoralHazard, p));
}

/** Prior weight of a type: a bell around the scenario's public figure (market WACC, usual hazard). */
function prior(x: number, centre: number, spread: number): number {
  const z = (x - centre) / spread;
  return detExp(-0.5 * z * z);
}

const sigma = (x: number) => 1 / (1 + detExp(-Math.max(-30, Math.min(30, x))));

function scaleOf(p: number): number {
  return Math.max(10_000, 0.1 * Math.abs(p));
}

function normalise(w: number[]): number[] {
  const s = w.reduce((a, b) => a + b, 0);
  return s > 0 ? w.map((x) => x / s) : w.map(() => 1 / w.length);
}

/**
 * A belief over the other side's patience from its answers to one's own offers: each offer of
 * payment P that it turned down makes the types that would have taken P less likely, each one it
 * accepted the types that would have refused it. `thresholds` gives, for an offer's terms, the
 * payment each type accepts (null to skip the offer); `sign` is +1 when the other side accepts
 * payments at or above its threshold (the partner), −1 at or below (the city).
 */
function beliefFromAnswers(n: Negotiation, me: 'city' | 'partner', thresholds: (terms: ContractTerms) => number[] | null, sign: 1 | -1): number[] {
  let w: number[] = PATIENCE_TYPES.map((p) => prior(p, ASSUMED_PATIENCE, 0.05));
  n.history.forEach((m, i) => {
    if (m.by !== me || m.kind !== 'offer' || !m.terms) return;
    const answer = n.history[i + 1];
    if (!answer) return;
    const thr = thresholds(m.terms);
    if (!thr) return;
    const pay = payOf(m.terms);
    const accepted = answer.kind === 'accept' ? 1 : -1;
    w = w.map((x, k) => x * sigma((accepted * sign * (pay - thr[k]!)) / scaleOf(pay)));
  });
  return normalise(w);
}

/**
 * What a side's best offer is computed from: the state, the public scenario (the other side's view
 * of the figures) and the side's own view, the terms to vary, its belief over the other side's
 * patience types, its δ per round and the rounds left.
 */
interface BestOfferAsk {
  state: Readonly<SimState>;
  publicScenario: Scenario;
  ownView: Scenario;
  base: ContractTerms;
  belief: number[];
  /** The margin share the other side is believed to require (the city's guess) or requires (the partner's own). */
  marginShare: number;
  ownDelta: number;
  roundsLeft: number;
  /** The proposer's value (above its reservation, for the partner) of the offer on the table, 0 if none. */
  fallback?: number;
  /** Its value of its own last offer: a side concedes, it never takes back (Infinity: no offer yet). */
  ownCap?: number;
}

/** What the city believes about the partner's patience, from its answers (weights over PATIENCE_TYPES). */
export function cityBelief({
  state,
  publicScenario,
  ownView,
  negotiation,
  marginShare,
  ownDelta,
}: Pick<BestOfferAsk, 'state' | 'publicScenario' | 'ownView' | 'marginShare' | 'ownDelta'> & { negotiation: Negotiation }): number[] {
  const deltas = partnerTypeDeltas(publicScenario);
  return beliefFromAnswers(
    negotiation,
    'city',
    (terms) => {
      const floor = publicPartnerFloor(state, publicScenario, terms, marginShare);
      return Number.isFinite(floor) ? typeThresholds({ reservation: floor, otherEnd: publicCityCeiling(state, ownView, terms), typeDeltas: deltas, proposerDelta: ownDelta, towardProposer: 1 }) : null;
    },
    1,
  );
}

/** What the partner believes about the city's patience, from its answers (weights over PATIENCE_TYPES). */
export function partnerBelief({
  state,
  publicScenario,
  negotiation,
  ownFloor,
  ownDelta,
}: Pick<BestOfferAsk, 'state' | 'publicScenario' | 'ownDelta'> & {
  negotiation: Negotiation;
  /** Its own floor payment for some terms (its reservation, on its private figures). */
  ownFloor: (terms: ContractTerms) => number;
}): number[] {
  const deltas = cityTypeDeltas(publicScenario);
  return beliefFromAnswers(negotiation, 'partner', (terms) => typeThresholds({ reservation: publicCityCeiling(state, publicScenario, terms), otherEnd: ownFloor(terms), typeDeltas: deltas, proposerDelta: ownDelta, towardProposer: -1 }), -1);
}

/**
 * The terms a side may put on the table, around a base offer: durations × compensations ×
 * guarantees, each at a nil payment (the negotiators value terms at payment 0 and write the payment
 * into the few they check: `pickLawful`), so each variant is one object, not two.
 */
function termVariants(scenario: Scenario, base: ContractTerms, maxYears: number): ContractTerms[] {
  if (base.pilot || base.form === 'procurement') return [{ ...base, annualPaymentEur: 0 }];
  const saves = base.projects.some((p) => (projectType(scenario, p)?.benefits.energyMWhPerUnit ?? 0) > 0);
  const guarantees = saves ? GUARANTEE_GRID.filter((g) => g <= scenario.negotiation.maxGuaranteedSavingShare) : [0];
  const out: ContractTerms[] = [];
  for (const d of CONTRACT_LENGTHS) {
    if (d > Math.min(MAX_CONTRACT_YEARS, maxYears)) continue;
    for (const tc of COMPENSATION_GRID) {
      if (tc > scenario.negotiation.maxTerminationCompensation) continue;
      for (const g of guarantees) {
        // A copy whose terms are then set (the same keys in the same order as a spread with these
        // terms after it): V8 copies and writes faster than it builds a spread with overrides.
        const variant = { ...base };
        variant.durationYears = d;
        variant.terminationCompensation = tc;
        variant.guaranteedSavingShare = g;
        variant.penaltyRate = g > 0 ? 1 : 0;
        variant.annualPaymentEur = 0;
        out.push(variant);
      }
    }
  }
  return out;
}

export interface Choice {
  terms: ContractTerms;
  /** The proposer's value of the terms at this payment. */
  value: number;
  /** Believed probability that the other side accepts. */
  acceptProb: number;
  expected: number;
}

/**
 * What a proposal is worth to its proposer before the answer: its value if accepted; if rejected,
 * the bargaining goes on and the proposer expects to get back about the offer now on the table,
 * two rounds (months) later. So asking for more costs a patient side little, an impatient one much.
 */
function expectedValue(value: number, acceptProb: number, delta: number, fallback: number): number {
  return acceptProb * value + (1 - acceptProb) * delta * delta * Math.max(0, fallback);
}

/**
 * A side's patience per round (a month): its own discounting over the month, times its bargaining
 * patience (the personality's: cash needs, an election coming). `annualRate` is the partner's cost
 * of capital, or the city's rate plus its electoral hazard.
 */
export function roundDelta(annualRate: number, patience: number): number {
  return detPow(1 + annualRate, -1 / 12) * patience;
}

/** The patience each side assumes in the other when it does not know it. */
const ASSUMED_PATIENCE = 0.97;

/**
 * Rounds over which claims on the surplus are reckoned. A year's rounds are an institutional limit,
 * not the end of the relationship (the city can reopen the deal next year), so the claims are
 * those of a long horizon — 600 rounds, 50 years of months — rather than the last-mover advantage
 * of a hard deadline.
 */
const CLAIM_HORIZON = 600;

/**
 * `proposerShare`'s answers by δ of the proposer, then δ of the responder, then rounds left: the
 * numbers themselves as keys (a Map compares them as the string key did: −0 as 0, NaN as NaN),
 * so that no string is built for each question.
 */
const shareMemo = new Map<number, Map<number, Map<number, number>>>();
let shareMemoSize = 0;

function rememberShare(deltaProposer: number, deltaResponder: number, roundsLeft: number, share: number): void {
  if (shareMemoSize > 10_000) {
    shareMemo.clear();
    shareMemoSize = 0;
  }
  let byResponder = shareMemo.get(deltaProposer);
  if (!byResponder) shareMemo.set(deltaProposer, (byResponder = new Map()));
  let byRounds = byResponder.get(deltaResponder);
  if (!byRounds) byResponder.set(deltaResponder, (byRounds = new Map()));
  byRounds.set(roundsLeft, share);
  shareMemoSize += 1;
}

/**
 * The share of a surplus that the proposer of this round can claim, when `roundsLeft` more rounds
 * may follow: backward induction from the last round with the players' own rules — in each round
 * the proposer picks with `bestOffer` the largest share the responder accepts by `shouldAccept`
 * against its continuation (what it would claim as next round's proposer, discounted by its δ).
 * In the last round the responder's continuation is nothing.
 */
export function proposerShare(deltaProposer: number, deltaResponder: number, roundsLeft: number): number {
  // A pure function of its three numbers: remembered, since players ask for the same ones often.
  const known = shareMemo.get(deltaProposer)?.get(deltaResponder)?.get(roundsLeft);
  if (known !== undefined) return known;
  // share(k): the claim of the proposer of a round after which k more rounds may follow.
  let share = 0;
  const rounds = Math.max(0, roundsLeft);
  for (let k = 0; k <= rounds; k++) {
    // This round's proposer is the first proposer when (rounds − k) is even; its responder is the other.
    const responderDelta = (rounds - k) % 2 === 0 ? deltaResponder : deltaProposer;
    const continuation = k === 0 ? 0 : responderDelta * share;
    // The candidate: the largest share the responder accepts, leaving it exactly its continuation.
    const best = bestOffer(
      [1 - continuation],
      (x) => x,
      (x) => (shouldAccept(1 - x, 0, continuation) ? 1 : 0),
    );
    share = best ? best.offer : 0;
  }
  rememberShare(deltaProposer, deltaResponder, roundsLeft, share);
  return share;
}

/** The partner's best counter: maximises its value × the chance the city (as believed) accepts. */
export function partnerBestCounter({
  state,
  publicScenario,
  ownView,
  base,
  belief,
  marginShare,
  ownDelta,
  roundsLeft,
  atLeast = 0,
  fallback = 0,
  ownCap = Infinity,
}: BestOfferAsk & {
  /** The payment on the table: a counter never asks for less than the city already offers. */
  atLeast?: number;
}): Choice | null {
  const deltas = cityTypeDeltas(publicScenario);
  const cands: Candidate[] = [];
  // Each variant's values through its own lens and the public one, summed without rows, each side's
  // alone (valuation.ts): its own, and the city's (which read no compensation: made once for both).
  const ownValues = partnerValuesOfVariants(state, ownView);
  const publicValues = cityValuesOfVariants(state, publicScenario, 'partner', 'public');
  // The variants share their scope: the rival's projections are made once per shape (procedure.ts).
  const capOf = competitiveCapsOf(state, publicScenario);
  for (const zero of termVariants(ownView, base, ownView.partner.horizonYears)) {
    const own = ownValues(zero);
    const lin = partnerLinearOf(own);
    if (lin.slope <= 0) continue;
    const cap = capOf(zero);
    const reservation = partnerReservation(marginOn(own.partnerCapitalEur, marginShare), lin, cap);
    const floor = Math.max(0, (reservation - lin.v0) / lin.slope);
    const ceiling = ceilingOn(cityLinearOf(publicValues(zero)));
    // A city type accepts a payment that leaves it its claim on the surplus (roundsLeft > 0).
    const thresholds = roundsLeft > 0 ? typeThresholds({ reservation: ceiling, otherEnd: floor, typeDeltas: deltas, proposerDelta: ownDelta, towardProposer: -1 }) : deltas.map(() => ceiling);
    for (const p of [...thresholds, floor, cap ?? Infinity]) {
      if (!(p >= floor) || !Number.isFinite(p)) continue;
      let pay = Math.max(Math.ceil(atLeast / 1000) * 1000, Math.floor(p / 1000) * 1000);
      if (Number.isFinite(ownCap)) pay = Math.min(pay, Math.floor((ownCap + reservation - lin.v0) / lin.slope / 1000) * 1000);
      if (pay < floor) continue;
      const acceptProb = thresholds.reduce((a, r, k) => a + (pay <= r ? belief[k]! : 0), 0);
      const value = at(lin, pay) - reservation;
      cands.push({ variant: zero, pay, value, acceptProb, expected: expectedValue(value, acceptProb, ownDelta, fallback), cap });
    }
  }
  return pickLawful(state, publicScenario, cands);
}

/** The city's best offer: maximises its value × the chance the partner (as believed) accepts. */
export function cityBestOffer({
  state,
  publicScenario,
  ownView,
  base,
  belief,
  marginShare,
  maxYears,
  ownDelta,
  roundsLeft,
  atMost = Infinity,
  fallback = 0,
  ownCap = Infinity,
}: BestOfferAsk & {
  /** The longest contract the city considers (its personality's). */
  maxYears: number;
  /** The payment on the table: a counter never offers more than the partner already asks. */
  atMost?: number;
}): Choice | null {
  const deltas = partnerTypeDeltas(publicScenario);
  const cands: Candidate[] = [];
  // Each variant's values through its own lens and the public one, summed without rows, each side's
  // alone (valuation.ts): its own (which read no compensation: made once for both), the partner's.
  const ownValues = cityValuesOfVariants(state, ownView, 'partner', 'public');
  const publicValues = partnerValuesOfVariants(state, publicScenario, 'partner', 'public');
  const capOf = competitiveCapsOf(state, publicScenario);
  for (const zero of termVariants(ownView, base, maxYears)) {
    const own = ownValues(zero);
    const lin = cityLinearOf(own);
    if (lin.slope >= 0) continue;
    const ceiling = lin.v0 / -lin.slope;
    if (ceiling <= 0) continue;
    // Once the bids are in, the next bidder's price for these terms bounds what the partner can ask
    // (its own reservation and counters are bounded by it: `partnerReservation`, `termsLawful`
    // with its cap; Bertrand with unequal costs, Tirole 1988 §5.1): the city, which knows the bids,
    // expects the partner to take that price for these terms, whatever its claim on the surplus.
    const cap = capOf(zero);
    const pub = publicValues(zero);
    const publicFloor = floorOn(partnerLinearOf(pub), pub.partnerCapitalEur, marginShare);
    const floor = cap === null ? publicFloor : Math.min(publicFloor, cap);
    if (!Number.isFinite(floor)) continue;
    // A partner type accepts a payment that gives it its claim on the surplus (roundsLeft > 0).
    const claims = roundsLeft > 0 ? typeThresholds({ reservation: floor, otherEnd: ceiling, typeDeltas: deltas, proposerDelta: ownDelta, towardProposer: 1 }) : deltas.map(() => floor);
    const thresholds = cap === null ? claims : claims.map((t) => Math.min(t, cap));
    for (const p of [...thresholds, ceiling, cap ?? Infinity]) {
      if (!Number.isFinite(p) || p > ceiling) continue;
      let pay = Math.min(Math.floor(atMost / 1000) * 1000, Math.ceil(p / 1000) * 1000);
      if (Number.isFinite(ownCap)) pay = Math.max(pay, Math.ceil((lin.v0 - ownCap) / -lin.slope / 1000) * 1000);
      if (pay > ceiling) continue;
      const acceptProb = thresholds.reduce((a, r, k) => a + (pay >= r ? belief[k]! : 0), 0);
      const value = at(lin, pay);
      cands.push({ variant: zero, pay, value, acceptProb, expected: expectedValue(value, acceptProb, ownDelta, fallback), cap });
    }
  }
  return pickLawful(state, publicScenario, cands);
}

/**
 * A `Choice` before its terms are written: the variant and the payment it names, and the variant's
 * competitive bound, already computed. The negotiators rank dozens of them per offer and check only
 * the best few, so the terms are built only for those (`pickLawful`).
 */
interface Candidate {
  variant: ContractTerms;
  pay: number;
  value: number;
  acceptProb: number;
  expected: number;
  cap: number | null;
}

/** The candidates' ranking: the highest expected value first, then the shorter, then the cheaper. */
function byRank(a: Candidate, b: Candidate): number {
  return b.expected - a.expected || a.variant.durationYears - b.variant.durationYears || a.pay - b.pay;
}

/**
 * Whether a candidate's payment is above its competitive bound: the first check of
 * `termsLawfulChecker(…)(terms, cap)`, which turns it down whatever else its terms say.
 */
function overCap(c: Candidate): boolean {
  return c.cap !== null && Number.isFinite(c.pay) && c.pay > 0 && c.pay > c.cap;
}

/**
 * The best candidate whose terms are lawful now: the first of the ranking (`byRank`, a stable sort)
 * that is lawful, or none when a candidate worth nothing comes first.
 *
 * The same answer, with less work. When no expected value or payment is NaN, the ranking is a
 * consistent order, so the stable sort's order of any subset is the subset of its order: the
 * candidates above their bound (most of the best-ranked ones once the bids are in), which the check
 * would turn down, are left out before ranking — where one of them would have come first with a
 * value of nothing, so does the next one kept (the values only fall down the ranking), or none is
 * left. The first of the ranking is the first candidate, in their order, that no other outranks: it
 * is found in one pass and checked before anything is sorted; the rest are sorted only when it is
 * not lawful. With a NaN the ranking is not an order: every candidate is sorted and checked as given.
 */
function pickLawful(state: Readonly<SimState>, scenario: Scenario, cands: Candidate[]): Choice | null {
  let ordered = true;
  for (const c of cands) if (Number.isNaN(c.expected) || Number.isNaN(c.pay)) ordered = false;
  const ranked: Candidate[] = [];
  if (ordered) {
    for (const c of cands) if (!overCap(c)) ranked.push(c);
  } else ranked.push(...cands);
  // The variants of one offer share its scope: its checks run once (termsLawfulChecker).
  const lawful = termsLawfulChecker(state, scenario);
  let first: Candidate | null = null;
  if (ordered) {
    for (const c of ranked) if (first === null || byRank(c, first) < 0) first = c;
    if (first === null || first.expected <= 0) return null;
    const terms = { ...first.variant, annualPaymentEur: first.pay };
    if (lawful(terms, first.cap)) return { terms, value: first.value, acceptProb: first.acceptProb, expected: first.expected };
  }
  ranked.sort(byRank);
  for (const c of ranked) {
    if (c.expected <= 0) return null;
    // Already checked, and turned down.
    if (c === first) continue;
    const terms = { ...c.variant, annualPaymentEur: c.pay };
    if (lawful(terms, c.cap)) return { terms, value: c.value, acceptProb: c.acceptProb, expected: c.expected };
  }
  return null;
}

/** Total capital of a deal at catalogue prices (for explanations). */
export function dealCapex(scenario: Scenario, terms: ContractTerms): number {
  let sum = 0;
  for (const p of terms.projects) {
    const t = projectType(scenario, p);
    if (!t) continue;
    for (const d of terms.districts) sum += deploymentCapexEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1);
  }
  return sum;
}

export const millions = (eur: number): number => Math.round(eur / 1e4) / 100;
export const percent = (x: number): number => Math.round(x * 1000) / 10;
