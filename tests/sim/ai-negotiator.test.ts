/**
 * The negotiating computer players (src/sim/agents/negotiator.ts, ai-city.ts, ai-partner.ts,
 * personalities.ts).
 *
 * - Beliefs move the right way. Each side's belief is over the other's patience (PATIENCE_TYPES);
 *   each type accepts a payment that leaves it its reservation plus its claim on the surplus, so a
 *   more patient type asks more (partner) or concedes less (city). A partner that rejects a payment
 *   P (walking away or countering) makes the city believe more in the types whose threshold is
 *   above P — the more patient ones —, one that accepts it in those below; a city that turns down
 *   the partner's ask (countering low) makes the partner believe it more patient, one that accepts
 *   it less.
 * - `bestOffer` and `shouldAccept`, the two rules every decision is made of.
 * - Single decisions on a fresh state: the partner turns down an offer below its margin and takes
 *   a generous lawful one; the city turns down an offer worth less than nothing to it.
 * - Whole games, computer against computer, every city personality against every partner
 *   personality (18 playable years, one seed each, 200 agents): the policies are wrapped to check
 *   each decision against the state it was taken in — a proposal is lawful (`termsProblem` null)
 *   and worth more than its reservation to its proposer through its own lens (the city: > 0; the
 *   partner: > its bid margin, once the bids are in no more than the next bidder's price leaves it);
 *   the partner never accepts an offer worth less than that reservation, the
 *   city never one worth less than 0 to it; every explanation's key exists as `explain.<key>` in
 *   both fr.ts and en.ts and carries every `{param}` of both templates, with finite numbers. Every
 *   negotiation's history (kept by reference while it is open) is checked move by move: offers
 *   and acceptances carry an explanation, a walk-away an explanation or a reason. No action of a
 *   computer player is refused (no `refused` entry in the log).
 *
 * Mutation checks (scratch copy, see the closing report): a partner that forgets its margin
 * (`shouldAccept(value, …)` instead of `value − reservation`) fails the last-round test; inverting
 * the sign of the belief update fails both belief tests; an explanation missing a parameter
 * (`acceptPct` of city.opens) fails every game.
 */
import { spokenParams } from '../../src/i18n/chances';
import { describe, expect, it } from 'vitest';
import { createRun } from '../../src/sim';
import { POLICY_NAMES_BY_SIDE, resolvePolicy } from '../../src/sim/agents';
import {
  at,
  bestOffer,
  cityBelief,
  cityLinear,
  cityTypeDeltas,
  partnerBelief,
  partnerLinear,
  partnerMargin,
  partnerReservation,
  partnerTypeDeltas,
  PATIENCE_TYPES,
  publicCityCeiling,
  publicPartnerFloor,
  roundDelta,
  shouldAccept,
  typeThresholds,
} from '../../src/sim/agents/negotiator';
import { CITY_PERSONALITIES, cityView, PARTNER_PERSONALITIES, partnerView, type CityPersonality, type PartnerPersonality } from '../../src/sim/agents/personalities';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { competitiveCapEur } from '../../src/sim/rules/procedure';
import { termsProblem } from '../../src/sim/rules/terms';
import { dealFlows } from '../../src/sim/rules/valuation';
import { stepInPlace } from '../../src/sim/step';
import { applyAction } from '../../src/sim/actions';
import { newScratch } from '../../src/sim/money';
import type { Action, ContractTerms, Explanation, Negotiation, NegotiationMove, Observation, Policy, SimState } from '../../src/sim/types';
import { bareProcedure, dijon, freshState, NO_POLICIES, terms } from './helpers';

const sc = dijon();
/** The same scenario with no procedure months: an offer is answered the next month. */
const bare = bareProcedure(sc);
const ALL = sc.territory.districts.map((_, i) => i);
const MARGIN = PARTNER_PERSONALITIES[0]!.marginShare;

function negotiation(history: NegotiationMove[], offer: ContractTerms): Negotiation {
  return { id: 1, openedTick: 0, procedure: { kind: 'dialogue', phase: 'negotiation', monthsLeft: 0, bidders: 1, rivalCostFactor: null }, turn: 'partner', offer, offeredBy: 'city', round: history.length, roundsNeeded: 1, maxRounds: 8, lastMoveTick: 0, ratificationMonthsLeft: 0, history };
}
const move = (by: 'city' | 'partner', kind: NegotiationMove['kind'], t?: ContractTerms): NegotiationMove => ({ tick: 0, by, kind, reason: '', ...(t ? { terms: t } : {}) });
const mean = (types: readonly number[], w: number[]) => types.reduce((a, x, k) => a + x * w[k]!, 0);
const massWhere = (w: number[], pred: (k: number) => boolean) => w.reduce((a, x, k) => a + (pred(k) ? x : 0), 0);

describe('beliefs', () => {
  const s = freshState();
  // Terms with a surplus (the city's public ceiling above the partner's public floor): solar roofs
  // everywhere, 8 years, the city paying 80 % of the capital.
  const deal = terms({ projects: ['solarRoofs'], districts: ALL, durationYears: 8, cityCapitalShare: 0.8, annualPaymentEur: 0 });
  const mayor = CITY_PERSONALITIES[0]!;
  const cityOwnView = cityView(sc, mayor);
  const cityDelta = roundDelta(sc.city.discountRate + sc.city.electoralHazard, mayor.patience);
  const partnerDelta = roundDelta(sc.partner.discountRate, PARTNER_PERSONALITIES[0]!.patience);
  const partnerFloorOf = (t: ContractTerms) => publicPartnerFloor(s, sc, t, MARGIN);

  /** The payment each partner type would accept from the city (its floor + its claim on the surplus). */
  const partnerThresholds = () => typeThresholds({ reservation: publicPartnerFloor(s, sc, deal, MARGIN), otherEnd: publicCityCeiling(s, cityOwnView, deal), typeDeltas: partnerTypeDeltas(sc), proposerDelta: cityDelta, towardProposer: 1 });
  /** The payment each city type would accept from the partner (its ceiling − its claim). */
  const cityThresholds = () => typeThresholds({ reservation: publicCityCeiling(s, sc, deal), otherEnd: partnerFloorOf(deal), typeDeltas: cityTypeDeltas(sc), proposerDelta: partnerDelta, towardProposer: -1 });

  it('a more patient type claims more: the partner types ask more, the city types concede less', () => {
    const pt = partnerThresholds();
    const ct = cityThresholds();
    for (let k = 1; k < PATIENCE_TYPES.length; k++) {
      expect(PATIENCE_TYPES[k]!).toBeGreaterThan(PATIENCE_TYPES[k - 1]!);
      expect(pt[k]!).toBeGreaterThan(pt[k - 1]!);
      expect(ct[k]!).toBeLessThan(ct[k - 1]!);
    }
    expect(ct[0]!).toBeGreaterThan(pt[0]!); // there is a surplus to share
  });

  it('a partner that rejects P: the city believes more in the types that would not take P (more patient); an acceptance, the reverse', () => {
    const thr = partnerThresholds();
    const P = Math.round((thr[1]! + thr[3]!) / 2);
    const offer = { ...deal, annualPaymentEur: P };
    const belief = (h: NegotiationMove[]) => cityBelief({ state: s, publicScenario: sc, ownView: cityOwnView, negotiation: negotiation(h, offer), marginShare: MARGIN, ownDelta: cityDelta });
    const prior = belief([move('city', 'offer', offer)]); // no answer yet: the prior
    const walked = belief([move('city', 'offer', offer), move('partner', 'walkAway')]);
    const countered = belief([move('city', 'offer', offer), move('partner', 'offer', { ...offer, annualPaymentEur: thr[4]! })]);
    const accepted = belief([move('city', 'offer', offer), move('partner', 'accept')]);
    const above = (k: number) => thr[k]! > P;
    for (const [name, rejected] of [['walk-away', walked], ['counter-offer', countered]] as const) {
      expect(massWhere(rejected, above), name).toBeGreaterThan(massWhere(prior, above) + 0.02);
      expect(mean(PATIENCE_TYPES, rejected), name).toBeGreaterThan(mean(PATIENCE_TYPES, prior));
    }
    expect(massWhere(accepted, above)).toBeLessThan(massWhere(prior, above) - 0.02);
    expect(mean(PATIENCE_TYPES, accepted)).toBeLessThan(mean(PATIENCE_TYPES, prior));
    for (const b of [prior, walked, countered, accepted]) expect(b.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
  });

  it('a city that turns down the partner’s ask P′ (countering low): the partner believes it more patient; an acceptance, less', () => {
    const thr = cityThresholds();
    const ask = { ...deal, annualPaymentEur: Math.round((thr[1]! + thr[3]!) / 2) };
    const open = { ...deal, annualPaymentEur: Math.round(partnerFloorOf(deal) / 2) };
    const belief = (h: NegotiationMove[]) => partnerBelief({ state: s, publicScenario: sc, negotiation: negotiation(h, h[h.length - 1]!.terms ?? ask), ownFloor: partnerFloorOf, ownDelta: partnerDelta });
    const prior = belief([move('city', 'offer', open), move('partner', 'offer', ask)]);
    const lowCounter = belief([move('city', 'offer', open), move('partner', 'offer', ask), move('city', 'offer', open)]);
    const accepted = belief([move('city', 'offer', open), move('partner', 'offer', ask), move('city', 'accept')]);
    // Types that would not pay P′ (their threshold is below it) gain weight after a rejection.
    const wouldNotPay = (k: number) => thr[k]! < ask.annualPaymentEur;
    expect(massWhere(lowCounter, wouldNotPay)).toBeGreaterThan(massWhere(prior, wouldNotPay) + 0.02);
    expect(mean(PATIENCE_TYPES, lowCounter)).toBeGreaterThan(mean(PATIENCE_TYPES, prior));
    expect(massWhere(accepted, wouldNotPay)).toBeLessThan(massWhere(prior, wouldNotPay) - 0.02);
    expect(mean(PATIENCE_TYPES, accepted)).toBeLessThan(mean(PATIENCE_TYPES, prior));
  });
});

describe('bestOffer and shouldAccept', () => {
  it('bestOffer maximises value × acceptance probability, skips impossible offers, keeps the first of equals', () => {
    const cands = [1, 2, 3, 4];
    // value x, probability 1 − x/5: expected 0.8, 1.2, 1.2, 0.8 → the first of the two bests.
    expect(bestOffer(cands, (x) => x, (x) => 1 - x / 5)).toEqual({ offer: 2, expected: 2 * (1 - 2 / 5) });
    expect(bestOffer(cands, (x) => x, (x) => (x === 4 ? 1 : 0))).toEqual({ offer: 4, expected: 4 });
    expect(bestOffer(cands, (x) => x, () => 0)).toBeNull();
    expect(bestOffer([], (x: number) => x, () => 1)).toBeNull();
    // A negative expected value is still returned (the caller decides whether it is worth making).
    expect(bestOffer([1], () => -5, () => 1)).toEqual({ offer: 1, expected: -5 });
  });

  it('shouldAccept: at least the reservation and at least the continuation', () => {
    expect(shouldAccept(10, 5, 8)).toBe(true);
    expect(shouldAccept(10, 5, 10)).toBe(true);
    expect(shouldAccept(10, 11, 0)).toBe(false);
    expect(shouldAccept(10, 0, 10.001)).toBe(false);
    expect(shouldAccept(0, 0, 0)).toBe(true);
    expect(shouldAccept(-1, 0, -5)).toBe(false);
  });
});

/** Placeholders `{name}` of a template. */
const placeholders = (tpl: string): string[] => [...tpl.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const catalogues = { fr: fr as Record<string, string>, en: en as Record<string, string> };

/** What is wrong with an explanation (empty: fine). */
function explanationProblems(e: Explanation | undefined, where: string): string[] {
  if (!e) return [`${where}: no explanation`];
  const out: string[] = [];
  for (const [lang, cat] of Object.entries(catalogues)) {
    const tpl = cat[`explain.${e.key}`];
    if (typeof tpl !== 'string') {
      out.push(`${where}: explain.${e.key} missing in ${lang}.ts`);
      continue;
    }
    // The chances and risks said in words are derived from the figures (src/i18n/chances.ts).
    const spoken = spokenParams(e.params, lang as 'fr' | 'en');
    for (const p of placeholders(tpl)) if (!(p in e.params) && !(p in spoken)) out.push(`${where}: {${p}} of explain.${e.key} (${lang}) not in params ${JSON.stringify(e.params)}`);
  }
  for (const [k, v] of Object.entries(e.params)) if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) out.push(`${where}: param ${k} = ${String(v)}`);
  return out;
}

function cityValue(state: SimState, p: CityPersonality, t: ContractTerms): number {
  const view = cityView(sc, p);
  const zero = { ...t, annualPaymentEur: 0 };
  return at(cityLinear(state, view, dealFlows(state, view, zero, 'partner', 'public'), zero), t.annualPaymentEur);
}

/** The partner's value of terms through its lens, net of its bid margin. */
function partnerSurplus(state: SimState, p: PartnerPersonality, t: ContractTerms): number {
  const view = partnerView(sc, p);
  const zero = { ...t, annualPaymentEur: 0 };
  const flows = dealFlows(state, view, zero);
  const lin = partnerLinear(view, flows, zero);
  // Its reservation: its bid margin, capped once the bids are in by what the next bidder's price leaves it (negotiator.ts).
  return at(lin, t.annualPaymentEur) - partnerReservation(partnerMargin(view, flows, p.marginShare), lin, competitiveCapEur(state, sc, zero));
}

/** A relative tolerance for values in euros. */
const tol = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

interface GameLog {
  problems: string[];
  counts: Record<string, number>;
  negotiations: Negotiation[];
  refused: number;
  signed: number;
}

/** Wraps a computer policy to check each of its decisions against the state it was taken in. */
function watched(policy: Policy, side: 'city' | 'partner', id: string, log: GameLog): Policy {
  const city = CITY_PERSONALITIES.find((p) => p.id === id);
  const partner = PARTNER_PERSONALITIES.find((p) => p.id === id);
  return (obs: Observation): Action[] => {
    const actions = policy(obs);
    // Each move is judged on the state its batch has made so far (a budget vote before an offer
    // sets the envelope the offer is checked against).
    const running = structuredClone(obs.state) as SimState;
    for (const a of actions) {
      const state = structuredClone(running);
      applyAction(running, sc, newScratch(running), a);
      if (a.type !== 'propose' && a.type !== 'accept' && a.type !== 'walkAway') continue;
      const where = `${id} at tick ${state.tick}, ${a.type}`;
      log.counts[`${side}.${a.type}`] = (log.counts[`${side}.${a.type}`] ?? 0) + 1;
      log.problems.push(...explanationProblems(a.explanation, where));
      if (a.type === 'propose') {
        const problem = termsProblem(state, sc, a.terms);
        if (problem) log.problems.push(`${where}: unlawful proposal: ${problem}`);
        if (city && !(cityValue(state, city, a.terms) > 0)) log.problems.push(`${where}: proposes terms worth ${cityValue(state, city, a.terms)} to the city`);
        if (partner && !(partnerSurplus(state, partner, a.terms) > 0)) log.problems.push(`${where}: proposes terms worth ${partnerSurplus(state, partner, a.terms)} above its margin`);
      }
      if (a.type === 'accept') {
        const offer = state.negotiation!.offer;
        if (termsProblem(state, sc, offer, { atAcceptance: true })) log.problems.push(`${where}: accepts unlawful terms`);
        if (city) {
          const v = cityValue(state, city, offer);
          if (v < -tol(v)) log.problems.push(`${where}: accepts terms worth ${v} to the city`);
        }
        if (partner) {
          const v = partnerSurplus(state, partner, offer);
          if (v < -tol(v)) log.problems.push(`${where}: accepts terms worth ${v} less than its margin`);
        }
      }
    }
    return actions;
  };
}

function playGame(c: CityPersonality, p: PartnerPersonality, seed: number): GameLog {
  const log: GameLog = { problems: [], counts: {}, negotiations: [], refused: 0, signed: 0 };
  const cityPolicy = resolvePolicy(c.id, 'city')!;
  const partnerPolicy = resolvePolicy(p.id, 'partner')!;
  const run = createRun(sc, { seed, years: sc.playableYears, agents: 200, city: watched(cityPolicy, 'city', c.id, log), partner: watched(partnerPolicy, 'partner', p.id, log) });
  const seen = new Set<Negotiation>();
  while (!run.isOver()) {
    run.advanceTick();
    const n = run.state.negotiation;
    if (n && !seen.has(n)) {
      seen.add(n);
      log.negotiations.push(n); // the same object keeps growing until the negotiation closes
    }
  }
  log.refused = run.state.log.filter((e) => e.kind === 'refused').length;
  if (log.refused > 0) log.problems.push(`refused: ${JSON.stringify(run.state.log.filter((e) => e.kind === 'refused').slice(0, 3))}`);
  log.signed = run.state.contracts.filter((k) => k.builder === 'partner').length;
  for (const n of log.negotiations) {
    n.history.forEach((m, i) => {
      const where = `negotiation ${n.id}, move ${i} (${m.by} ${m.kind} at tick ${m.tick})`;
      if (m.kind === 'walkAway') {
        if (m.explanation) log.problems.push(...explanationProblems(m.explanation, where));
        else if (m.reason.trim() === '') log.problems.push(`${where}: a walk-away with neither explanation nor reason`);
      } else log.problems.push(...explanationProblems(m.explanation, where));
    });
  }
  return log;
}

describe('personalities', () => {
  it('every personality resolves on its side only, and is listed for it', () => {
    for (const p of CITY_PERSONALITIES) {
      expect(resolvePolicy(p.id, 'city'), p.id).toBeTypeOf('function');
      expect(resolvePolicy(p.id, 'partner'), p.id).toBeUndefined();
      expect(POLICY_NAMES_BY_SIDE.city).toContain(p.id);
    }
    for (const p of PARTNER_PERSONALITIES) {
      expect(resolvePolicy(p.id, 'partner'), p.id).toBeTypeOf('function');
      expect(resolvePolicy(p.id, 'city'), p.id).toBeUndefined();
      expect(POLICY_NAMES_BY_SIDE.partner).toContain(p.id);
    }
    expect(CITY_PERSONALITIES.length + PARTNER_PERSONALITIES.length).toBeGreaterThanOrEqual(4);
  });
});

describe('single decisions on a fresh state', () => {
  /** The partner finances 70 % of street lighting in three districts: a partnership contract, its
   *  prior evaluation done (the negotiation's logic needs capital at stake). */
  // Eight years with 60 % of the savings guaranteed (penalties 1:1): the prior evaluation credits a
  // partnership only with the performance its terms commit to (MODEL §12); at 12 years without a
  // guarantee no payment the partner takes is value for money against procurement (its capital
  // costs more than the city's).
  const financed = (over: Partial<ContractTerms>) => terms({ form: 'partnership', districts: [0, 1, 2], cityCapitalShare: 0.3, guaranteedSavingShare: 0.6, penaltyRate: 1, durationYears: 8, ...over });
  /** A global performance contract (the city pays the works) for leak detection everywhere. */
  const cityPays = (over: Partial<ContractTerms>) => terms({ projects: ['leakDetection'], districts: ALL, ...over });
  /** The highest lawful payment of a financed deal (the prior evaluation's value-for-money bound). */
  function maxLawful(s: SimState): number {
    let lo = 0;
    let hi = 20_000_000;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (termsProblem(s, bare, financed({ annualPaymentEur: mid })) === null) lo = mid;
      else hi = mid;
    }
    return Math.floor(lo / 1000) * 1000;
  }
  function studiedState(): SimState {
    const s = freshState();
    s.partnershipStudies.push({ projects: ['streetLighting'], districts: ALL, startTick: -bare.negotiation.partnershipStudyMonths, readyTick: 0 });
    return s;
  }
  /** A state where the city offered `t` last month and the partner must answer now. */
  function offered(t: ContractTerms): SimState {
    const s = studiedState();
    const [r] = stepInPlace(s, bare, [{ type: 'propose', by: 'city', terms: t }], NO_POLICIES);
    expect(r).toEqual({ ok: true });
    return s;
  }
  const obs = (s: SimState, actor: 'city' | 'partner'): Observation => ({ state: s, scenario: bare, actor, trigger: { yearStart: false, newGrantCalls: [], mustAnswer: true } });

  it('the partner turns down an offer below its margin and takes a generous lawful one', () => {
    for (const p of PARTNER_PERSONALITIES) {
      const policy = resolvePolicy(p.id, 'partner')!;
      const low = financed({ annualPaymentEur: 10_000 });
      const sLow = offered(low);
      expect(partnerSurplus(sLow, p, low)).toBeLessThan(0);
      const [a] = policy(obs(sLow, 'partner'));
      expect(a?.type, p.id).not.toBe('accept');
      const high = financed({ annualPaymentEur: maxLawful(studiedState()) });
      const sHigh = offered(high);
      sHigh.negotiation!.round = sHigh.negotiation!.maxRounds; // the last round: no counter left
      expect(termsProblem(sHigh, bare, high, { atAcceptance: true })).toBeNull();
      expect(partnerSurplus(sHigh, p, high)).toBeGreaterThan(0);
      const [b] = policy(obs(sHigh, 'partner'));
      expect(b?.type, p.id).toBe('accept');
    }
  });

  it('in the last round, the partner takes an offer just above its margin and turns down one just below (even if worth more than 0)', () => {
    for (const p of PARTNER_PERSONALITIES) {
      const policy = resolvePolicy(p.id, 'partner')!;
      const base = financed({ annualPaymentEur: 0 });
      const s0 = studiedState();
      const view = partnerView(bare, p);
      const flows = dealFlows(s0, view, base);
      const lin = partnerLinear(view, flows, base);
      const margin = partnerMargin(view, flows, p.marginShare);
      expect(margin).toBeGreaterThan(10_000);
      // Payments at which the partner's value is its margin ± half of it.
      for (const [k, expectAccept] of [[0.5, false], [1.5, true]] as const) {
        const pay = Math.round((k * margin - lin.v0) / lin.slope);
        const t = { ...base, annualPaymentEur: pay };
        const s = offered(t);
        s.negotiation!.round = s.negotiation!.maxRounds; // no round left: no continuation
        const v = partnerSurplus(s, p, t);
        expect(v + margin, `${p.id}: worth more than 0`).toBeGreaterThan(0);
        expect(v > 0, `${p.id}: value − margin = ${v.toFixed(0)}`).toBe(expectAccept);
        const [a] = policy(obs(s, 'partner'));
        expect(a?.type === 'accept', `${p.id}, value − margin = ${v.toFixed(0)}`).toBe(expectAccept);
      }
    }
  });

  it('in the last round, the city takes an offer worth just above 0 to it and turns down one just below', () => {
    for (const c of CITY_PERSONALITIES) {
      const policy = resolvePolicy(c.id, 'city')!;
      const base = cityPays({ annualPaymentEur: 0 });
      const view = cityView(bare, c);
      for (const [k, expectAccept] of [[1.05, false], [0.95, true]] as const) {
        const s = offered(cityPays({ annualPaymentEur: 100_000 }));
        const [r] = stepInPlace(s, bare, [{ type: 'propose', by: 'partner', terms: cityPays({ annualPaymentEur: 200_000 }) }], NO_POLICIES);
        expect(r).toEqual({ ok: true });
        // The city's value at the month it answers, linear in the payment: put the ask at k × its ceiling.
        const lin = cityLinear(s, view, dealFlows(s, view, base, 'partner', 'public'), base);
        expect(lin.slope).toBeLessThan(0);
        const ceiling = lin.v0 / -lin.slope;
        expect(ceiling, c.id).toBeGreaterThan(100_000);
        const ask = { ...base, annualPaymentEur: Math.round(k * ceiling) };
        const n = s.negotiation!;
        n.offer = ask;
        n.history[n.history.length - 1]!.terms = ask;
        n.round = n.maxRounds; // no round left: no continuation
        expect(termsProblem(s, bare, ask, { atAcceptance: true })).toBeNull();
        const v = cityValue(s, c, ask);
        expect(v > 0, `${c.id}: value ${v.toFixed(0)}`).toBe(expectAccept);
        const actions = policy(obs(s, 'city'));
        expect(actions.some((a) => a.type === 'accept'), `${c.id}, value ${v.toFixed(0)}`).toBe(expectAccept);
      }
    }
  });

  it('the city does not accept an offer worth less than nothing to it', () => {
    for (const c of CITY_PERSONALITIES) {
      const s = offered(cityPays({ annualPaymentEur: 500_000 }));
      // The partner asks for a payment above what the deal is worth to the city (yet lawful).
      const ask = cityPays({ annualPaymentEur: 6_000_000 });
      const [r] = stepInPlace(s, bare, [{ type: 'propose', by: 'partner', terms: ask }], NO_POLICIES);
      expect(r).toEqual({ ok: true });
      expect(cityValue(s, c, ask)).toBeLessThan(0);
      const actions = resolvePolicy(c.id, 'city')!(obs(s, 'city'));
      expect(actions.map((a) => a.type), c.id).not.toContain('accept');
      expect(actions.length, c.id).toBeGreaterThan(0);
    }
  });
});

describe('computer against computer, every pair of personalities, 18 playable years', () => {
  const games = CITY_PERSONALITIES.flatMap((c, i) => PARTNER_PERSONALITIES.map((p, j) => ({ c, p, seed: 1 + 3 * i + j })));
  const logs = games.map(({ c, p, seed }) => ({ name: `${c.id} vs ${p.id} (seed ${seed})`, log: playGame(c, p, seed) }));

  for (const { name, log } of logs) {
    it(`${name}: lawful, reasoned, explained moves; nothing refused`, () => {
      expect(log.problems.slice(0, 10)).toEqual([]);
      expect(log.refused).toBe(0);
      expect(log.negotiations.length).toBeGreaterThan(0);
    });
  }

  it('the games exercise every kind of move on both sides', () => {
    const total: Record<string, number> = {};
    for (const { log } of logs) for (const [k, v] of Object.entries(log.counts)) total[k] = (total[k] ?? 0) + v;
    for (const k of ['city.propose', 'partner.propose', 'city.accept', 'partner.accept']) expect(total[k] ?? 0, k).toBeGreaterThan(0);
    expect((total['city.walkAway'] ?? 0) + (total['partner.walkAway'] ?? 0)).toBeGreaterThan(0);
    expect(logs.reduce((a, { log }) => a + log.signed, 0)).toBeGreaterThan(9);
  });
});
