/** Politics (src/sim/rules/politics.ts): elections, defeats, new mayors, reopened contracts. */
import { describe, expect, it } from 'vitest';
import { signContract, contractsPhase } from '../../src/sim/rules/contracts';
import { reviewContracts } from '../../src/sim/agents/contract-review';
import { incumbentShift, politicsPhase, voteProbability } from '../../src/sim/rules/politics';
import type { Scenario } from '../../src/sim/scenario-schema';
import type { SimState } from '../../src/sim/types';
import { advance, dijon, freshState, scratch, terms } from './helpers';

const sc = dijon();

/** A state on election day whose citizens feel `now` after starting the term at `before`. */
function electionDay(now: number, before: number, seed = 1, scenario: Scenario = sc, agents = 400): SimState {
  const s = freshState(scenario, seed, agents);
  s.tick = s.nextElectionTick;
  s.citizens.satisfaction.fill(now);
  for (const d of s.districts) {
    d.satisfaction = now;
    d.satisfactionAtTermStart = before;
  }
  return s;
}

describe('elections', () => {
  it('the first election falls in March 2032 (71 months after April 2026), then every term', () => {
    const s = freshState();
    expect(s.nextElectionTick).toBe(71);
    advance(s, sc, 71);
    expect(s.counters.elections).toBe(0);
    advance(s, sc, 1);
    expect(s.counters.elections).toBe(1);
    expect(s.nextElectionTick).toBe(71 + 12 * sc.politics.termYears);
    expect(s.log.filter((e) => e.kind === 'election')).toHaveLength(1);
  });

  it('nothing happens on other months', () => {
    const s = electionDay(0.1, 0.9);
    s.tick -= 1;
    const before = JSON.stringify({ ...s, citizens: null });
    politicsPhase(s, sc, scratch(s));
    expect(JSON.stringify({ ...s, citizens: null })).toBe(before);
  });

  it('with very high satisfaction gains the incumbent wins', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const s = electionDay(0.95, 0.3, seed);
      politicsPhase(s, sc, scratch(s));
      expect(s.counters.elections).toBe(1);
      expect(s.counters.incumbentReelections, `seed ${seed}`).toBe(1);
      expect(s.city.mayor.profile.id).toBe('builder');
      expect(s.city.mayor.terms).toBe(2);
      expect(s.lastVoteShare).toBeGreaterThan(0.5);
      expect(s.city.newMayorTick).toBe(-1);
    }
  });

  it('with a collapse the incumbent loses: a new mayor, alignment cut by electionReset', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const s = electionDay(0.1, 0.7, seed);
      const a = s.alignment;
      politicsPhase(s, sc, scratch(s));
      expect(s.counters.elections).toBe(1);
      expect(s.counters.incumbentReelections, `seed ${seed}`).toBe(0);
      expect(s.lastVoteShare).toBeLessThan(0.5);
      expect(s.city.mayor.profile.id).not.toBe('builder');
      expect(['green', 'fiscal']).toContain(s.city.mayor.profile.id);
      expect(s.city.mayor.sinceTick).toBe(s.tick);
      expect(s.city.mayor.terms).toBe(1);
      expect(s.city.newMayorTick).toBe(s.tick);
      expect(s.alignment).toBeCloseTo(a * (1 - sc.coordination.electionReset), 12);
    }
  });

  // MODEL §4: each agent casts its probability of voting for the incumbent, not a draw, so a
  // city's result has no sampling noise and does not depend on how many agents stand for its voters.
  it('the share is the citizens\u2019 expected vote: no sampling noise, whatever the number of agents', () => {
    const swingOf = (s: SimState) => (s.log.find((e) => e.kind === 'election')!.data as { swing: number }).swing;
    const results = [300, 1000, 3000].map((agents) => {
      const s = electionDay(0.6, 0.5, 7, sc, agents);
      // Every district alike: each citizen's logit is the shift (taken before the vote) + β Δs + the swing.
      const logit = incumbentShift(s, sc.politics, 0) + sc.politics.voteSensitivity * (0.6 - 0.5);
      politicsPhase(s, sc, scratch(s));
      return { share: s.lastVoteShare, expected: voteProbability(logit + swingOf(s)) };
    });
    // Same seed, same swing: the same share with 300, 1,000 and 3,000 agents of the same satisfaction...
    for (const r of results) expect(r.share).toBeCloseTo(results[0]!.share, 12);
    // ...and it is each citizen's probability (the swing logged to 0.001).
    expect(results[0]!.share).toBeCloseTo(results[0]!.expected, 3);
  });

  it('a new term starts: visible services are forgotten, satisfaction is the new reference', () => {
    const s = electionDay(0.8, 0.5);
    s.districts[0]!.visibleThisTerm = 2;
    politicsPhase(s, sc, scratch(s));
    expect(s.districts[0]!.visibleThisTerm).toBe(0);
    expect(s.districts[0]!.satisfactionAtTermStart).toBe(0.8);
  });

  it('visible services sway the vote, with diminishing returns: no pile of openings wins an election by itself', () => {
    const shares = (visible: number, scenario: Scenario = sc) => {
      const s = electionDay(0.5, 0.5, 3, scenario);
      for (const d of s.districts) d.visibleThisTerm = visible;
      politicsPhase(s, scenario, scratch(s));
      return s.lastVoteShare;
    };
    // One citizen app opened in every district (visibility 0.9 × quality 0.35) moves the vote...
    expect(shares(0.315)).toBeGreaterThan(shares(0) + 0.01);
    // ...ten of them hardly more: the effect is bounded by visibilityWeight × visibilitySaturation log-odds.
    const bound = sc.politics.visibilityWeight * sc.politics.visibilitySaturation;
    expect(shares(3.15) - shares(0)).toBeLessThan(bound / 4 + 0.02);
    expect(shares(3.15) - shares(0.315)).toBeLessThan(0.5 * (shares(0.315) - shares(0)));
    // Linear (visibilitySaturation 0, as before issue 9), ten openings would carry it.
    const linear = { ...sc, politics: { ...sc.politics, visibilitySaturation: 0 } };
    expect(shares(3.15, linear) - shares(0, linear)).toBeGreaterThan(0.3);
  });

  it('the cost of ruling: each term served costs the incumbent votes (Nannestad & Paldam)', () => {
    const share = (terms: number) => {
      const s = electionDay(0.5, 0.5, 3);
      s.city.mayor.terms = terms;
      politicsPhase(s, sc, scratch(s));
      return s.lastVoteShare;
    };
    expect(share(1)).toBeGreaterThan(share(3) + 0.02);
    expect(incumbentShift(electionDay(0.5, 0.5), sc.politics, 0) - incumbentShift(electionDay(0.5, 0.5), { ...sc.politics, costOfRuling: 0 }, 0)).toBeCloseTo(-sc.politics.costOfRuling, 12);
  });
});

describe('after a defeat', () => {
  function withRunningContract(scenario: Scenario, compensation: number, seed: number) {
    const s = electionDay(0.1, 0.7, seed, scenario);
    const c = signContract(s, scenario, terms({ terminationCompensation: compensation }), 'partner');
    for (const uid of c.deployments) s.deployments[uid - 1]!.stage = 'operating';
    contractsPhase(s, scenario, scratch(s), new Map());
    c.partnerUnrecoveredEur = 1e6;
    return { s, c };
  }

  it('a defeat changes no contract by itself: what the new majority does is its decision', () => {
    const { s, c } = withRunningContract(sc, 0, 1);
    const pay = c.terms.annualPaymentEur;
    politicsPhase(s, sc, scratch(s));
    expect(s.city.newMayorTick).toBe(s.tick);
    expect(c.status).toBe('running');
    expect(c.terms.annualPaymentEur).toBe(pay);
    expect(s.counters.contractsCancelled + s.counters.contractsRenegotiated).toBe(0);
  });

  it('the computer city then reviews its contracts at its next budget, priced by the law', () => {
    const { s, c } = withRunningContract(sc, 0, 1);
    politicsPhase(s, sc, scratch(s));
    // without a lost-profit clause and with nothing unamortised, ending a contract whose payment
    // exceeds what running it would cost the city pays
    c.partnerUnrecoveredEur = 0;
    expect(reviewContracts(s, sc).map((a) => a.type)).toContain('cancelContract');
  });

  it('the review goes on over the new majority\u2019s first mandate (a contract under works at the defeat is weighed once it runs), never beyond it', () => {
    const { s, c } = withRunningContract(sc, 0, 1);
    politicsPhase(s, sc, scratch(s));
    c.partnerUnrecoveredEur = 0;
    const defeat = s.tick;
    // Its third budget: still its mandate.
    s.tick = defeat + 25;
    expect(reviewContracts(s, sc).map((a) => a.type)).toContain('cancelContract');
    // The next mandate: the contracts are its own business by now.
    s.tick = defeat + 12 * sc.politics.termYears;
    expect(reviewContracts(s, sc)).toEqual([]);
  });

  it('a new majority does not reopen the contracts it signed itself', () => {
    const { s, c } = withRunningContract(sc, 0, 1);
    politicsPhase(s, sc, scratch(s));
    c.partnerUnrecoveredEur = 0;
    // The same contract, had the new majority signed it after its defeat.
    c.signedTick = s.city.newMayorTick + 1;
    s.tick = c.signedTick + 12;
    expect(reviewContracts(s, sc)).toEqual([]);
  });
});

