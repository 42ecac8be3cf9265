/**
 * A final offer is not negotiated (CCP R2161-17): once the partner has answered the computer city's
 * counter by asking again what it asked before, the city signs that offer when it is worth anything
 * to it, or walks away; it does not put the same counter again until its rounds run out (MODEL
 * §13.6). Before, half of the default city's procedures went round that loop to their last round
 * and signed the very same offer four to six months later.
 */
import { describe, expect, it } from 'vitest';
import { createRun, resolvePolicy } from '../../src/sim';
import { partnerStandsFirm } from '../../src/sim/agents/ai-city';
import { competitiveCapEur } from '../../src/sim/rules/procedure';
import { termsProblem } from '../../src/sim/rules/terms';
import type { ContractTerms, Negotiation, NegotiationMove, Observation, SimState } from '../../src/sim/types';
import { bareProcedure, dijon, freshState, terms } from './helpers';

const sc = bareProcedure(dijon());

/** A negotiation after the bids whose moves are `offers` (the city's first), the last one on the table for the city to answer. */
function negotiating(offers: ContractTerms[]): SimState {
  const s = freshState(sc, 7);
  const k = offers.length;
  const history: NegotiationMove[] = offers.map((t, i) => ({ by: i % 2 === 0 ? 'city' : 'partner', kind: 'offer', tick: s.tick - k + i, terms: t, reason: '' }));
  s.negotiation = {
    id: 1, openedTick: s.tick - k,
    procedure: { kind: 'dialogue', phase: 'negotiation', monthsLeft: 0, bidders: 2, rivalCostFactor: 0.95 },
    turn: 'city', offer: offers[k - 1]!, offeredBy: 'partner', round: k, roundsNeeded: 1, maxRounds: sc.negotiation.maxRoundsPerYear,
    lastMoveTick: s.tick - 1, ratificationMonthsLeft: 0, history,
  };
  return s;
}

const cityAnswer = (s: SimState) => {
  const obs: Observation = { state: s, scenario: sc, actor: 'city', trigger: { yearStart: false, newGrantCalls: [], mustAnswer: true } };
  return resolvePolicy('steady-mayor', 'city')!(obs);
};

describe('the partner\u2019s final offer', () => {
  const short = terms({ projects: ['streetLighting'], districts: [0, 1, 2], durationYears: 5 });
  const cap = competitiveCapEur(negotiating([short]), sc, short)!;
  const opening = { ...short, annualPaymentEur: Math.round(cap * 3) };
  const ask = { ...short, durationYears: 15, annualPaymentEur: Math.floor(cap / 1000) * 1000 };

  it('is an ask the partner puts again in answer to the city\u2019s counter, not a new one', () => {
    const counter = { ...ask, durationYears: 6 };
    expect(partnerStandsFirm(negotiating([opening, ask]).negotiation!)).toBe(false);
    expect(partnerStandsFirm(negotiating([opening, ask, counter, ask]).negotiation!)).toBe(true);
    expect(partnerStandsFirm(negotiating([opening, ask, counter, { ...ask, durationYears: 14 }]).negotiation!)).toBe(false);
    expect(partnerStandsFirm(negotiating([opening, ask, counter, { ...ask, annualPaymentEur: ask.annualPaymentEur - 1000 }]).negotiation!)).toBe(false);
    // The grant calls close on their own dates: an ask that only lost one is the same ask.
    expect(partnerStandsFirm(negotiating([opening, { ...ask, grantCalls: ['x'] }, counter, ask]).negotiation!)).toBe(true);
  });

  it('is signed by the computer city when it is worth something to it, where it countered the first time', () => {
    const first = cityAnswer(negotiating([opening, ask]));
    expect(first[0]?.type, JSON.stringify(first)).toBe('propose');
    if (first[0]?.type !== 'propose') return;
    const s = negotiating([opening, ask, first[0].terms, ask]);
    expect(termsProblem(s, sc, ask, { atAcceptance: true })).toBeNull();
    const [a] = cityAnswer(s);
    expect(a?.type, JSON.stringify(a)).toBe('accept');
  });

  it('in default play, the computer city never counters a final offer', () => {
    // Seeds 1–3, 12 years: every negotiation's moves, read before it closes.
    const scenario = dijon();
    let finals = 0;
    const countered: string[] = [];
    for (const seed of [1, 2, 3]) {
      const run = createRun(scenario, { seed, years: 12, agents: 200 });
      const seen = new Map<number, Negotiation>();
      while (!run.isOver()) {
        run.advanceTick([]);
        const n = run.state.negotiation;
        if (n) seen.set(n.id, structuredClone(n));
      }
      for (const n of seen.values()) {
        n.history.forEach((m, i) => {
          const next = n.history[i + 1];
          if (m.by !== 'partner' || m.kind !== 'offer' || !next) return;
          const upTo: Negotiation = { ...n, offer: m.terms!, offeredBy: 'partner', history: n.history.slice(0, i + 1) };
          if (!partnerStandsFirm(upTo)) return;
          finals += 1;
          if (next.kind === 'offer') countered.push(`seed ${seed}, negotiation ${n.id}, month ${next.tick}`);
        });
      }
    }
    expect(finals).toBeGreaterThan(0);
    expect(countered).toEqual([]);
  });
});
