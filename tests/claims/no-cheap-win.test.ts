/**
 * No cheap win (issue 9): a rule of thumb must not beat the computer players at their own game.
 * Reference scenario (Dijon-like, four bidders), 32 seeds, 30 years, 300 agents; every condition is
 * played on the same seeds, so each comparison is paired by seed (harness.ts `sePaired`).
 *
 * - None of the scripted city strategies (agents/scripted.ts) beats the default computer city on
 *   both the city's score and the territory's score; nor does the rule-based city baseline.
 * - Neither the rule-based partner baseline nor a scripted partner beats the default computer
 *   partner on the partner's score, with four bidders and with one (where bargaining sets the price).
 * - The tax-cutting city (the steady mayor cutting the voted rates at each budget as far as the
 *   rules allow) beats it on neither score: a tax cut is a transfer, not a gain; the tax-raising
 *   one does not beat it on both.
 * - The steady mayor with concertation at its strongest from the first month does not beat it on
 *   both: a concertation effort above the usual one is paid for (MODEL.md §10).
 * - The default city switching every governance measure off at one of the last two playable
 *   budgets gains no more than a point: the model stops counting the measures, and their cost, with
 *   the playable years (MODEL.md §10, "After the playable years"). Its small gain is a bound, not a tie.
 * A strategy "beats" the default on a score when its mean exceeds the default's by more than two
 * paired standard errors (t ≥ 2, the claims' threshold): a tie or noise is not a win.
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicy, type Policy, type RunResult } from '../../src/sim';
import { applyAction } from '../../src/sim/actions';
import { scriptedStrategies } from '../../src/sim/agents/scripted';
import { newScratch } from '../../src/sim/money';
import { cloneState } from '../../src/sim/serialize';
import type { Action } from '../../src/sim/types';
import { mean, measure, reference, sePaired, withSets } from './harness';

/** The summary keys of the three scores (metrics.ts, MODEL.md §15 "Scores"). */
const SCORES = { city: 'cityScore', territory: 'territoryScore', partner: 'partnerScore' } as const;

const SEEDS = 32;
const scenario = reference();
type Scores = Record<keyof typeof SCORES, number[]>;
const played = new Map<string, Scores>();
/** The three scores of a condition on seeds 1…32 (each condition played once, whichever test asks first). */
function runs(who: { city?: string | Policy; partner?: string }, name?: string, where = scenario): Scores {
  const key = (where === scenario ? '' : 'one bidder: ') + (name ?? JSON.stringify(who));
  let r = played.get(key);
  if (!r) {
    r = measure({ scenario: where, years: 30, agents: 300, ...who }, SEEDS, {
      city: (x: RunResult) => x.summary[SCORES.city] as number,
      territory: (x: RunResult) => x.summary[SCORES.territory] as number,
      partner: (x: RunResult) => x.summary[SCORES.partner] as number,
    });
    played.set(key, r);
  }
  return r;
}

/** Does `a` beat `b` (paired by seed): a higher mean by more than two standard errors of the differences? */
function beats(a: readonly number[], b: readonly number[]): boolean {
  for (const x of [...a, ...b]) expect(Number.isFinite(x), 'a score is missing from the summary').toBe(true);
  return mean(a) - mean(b) > 2 * sePaired(a, b);
}

describe('no cheap win: no rule of thumb beats the computer players', () => {
  const byDefault = runs({});

  const cities = [...scriptedStrategies().filter((s) => s.side === 'city').map((s) => s.id), 'rule-based'];
  it.each(cities)('the city %s does not beat the default computer city on both its score and the territory\u2019s', (city) => {
    const r = runs({ city });
    const onCity = beats(r.city, byDefault.city);
    const onTerritory = beats(r.territory, byDefault.territory);
    expect({ city, onCity, onTerritory }).not.toEqual({ city, onCity: true, onTerritory: true });
  });

  // A tax cut is a transfer from the city to its taxpayers: the scores count the city's money and
  // the residents' satisfaction without its tax term (MODEL.md §15), so cutting the rates, however
  // far, must win on neither score (scored with the taxed satisfaction it won on the territory's).
  it('cutting the voted rates at each budget (tax-cut-city) wins on neither score', () => {
    const r = runs({ city: 'tax-cut-city' });
    expect({ onCity: beats(r.city, byDefault.city), onTerritory: beats(r.territory, byDefault.territory) }).toEqual({ onCity: false, onTerritory: false });
  });

  // Nineteenth round (a review's greedy probe, helper 147): the steady mayor raising the voted rates
  // as far as the rules allow at each budget (a full step, else half of one; the rate level reaches
  // 1.54 in 18 years) gained +2.50 ± 1.71 / +2.18 ± 1.12 on seeds 1–16, +0.22 ± 0.45 / +0.15 ±
  // 0.46 on 9001–9016, +1.94 ± 1.09 / +1.59 ± 0.74 on 20001–20016, +0.68 ± 2.40 / +0.93 ± 2.28 on
  // 30001–30016: positive on every block, never on both scores. On the round's final model (this
  // test): +1.68 ± 0.96 / +1.47 ± 0.69 (1–32), −0.46 ± 0.60 / −0.52 ± 0.62 (9001–9032), +0.51 ±
  // 0.61 / +0.59 ± 0.49 (20001–20032), +0.05 ± 0.89 / +0.73 ± 0.99 (30001–30032). The tax is a
  // transfer the scores do not reward (MODEL.md §15); what the revenue buys is more room for the
  // projects, the "vote more" finding below by another road. A bound, not a tie. Twentieth round
  // (the votes cast as probabilities, new swings): +1.28 ± 1.0 / +1.14 ± 0.72 (1–32), +0.27 ± 0.26
  // / +0.29 ± 0.25 (9001–9032), +1.48 ± 0.70 / +1.26 ± 0.56 (20001–20032: beats the default on
  // both, this test fails there), +0.40 ± 0.98 / +1.11 ± 1.0 (30001–30032) — positive on every
  // block (docs/CLAIMS.md, "Issue 9's twentieth round").
  const steadyMayor = resolvePolicy('steady-mayor', 'city')!;
  const taxRaise: Policy = (obs) => {
    const own = steadyMayor(obs);
    if (!obs.trigger.yearStart) return own;
    const step = obs.scenario.city.maxTaxChange;
    const vote = own.find((a): a is Extract<Action, { type: 'setBudget' }> => a.type === 'setBudget');
    const tries = [step, step / 2].map((taxChange): Action => ({ type: 'setBudget', envelopeEur: vote?.envelopeEur ?? 0, taxChange }));
    const up = tries.find((a) => {
      const copy = cloneState(obs.state);
      return applyAction(copy, obs.scenario, newScratch(copy), a).ok;
    });
    if (!up) return own;
    return vote ? own.map((a) => (a === vote ? up : a)) : [up, ...own];
  };
  it('raising the voted rates at each budget as far as the rules allow does not beat the default city on both scores', () => {
    const r = runs({ city: taxRaise }, 'tax raise');
    expect({ onCity: beats(r.city, byDefault.city), onTerritory: beats(r.territory, byDefault.territory) }).not.toEqual({ onCity: true, onTerritory: true });
  });

  // Issue 9, fourteenth round (a greedy player's probe): concertation was free, and at its strongest
  // it beat the default city on both scores (+4.25 ± 1.26 and +3.79 ± 1.17 on seeds 1–16, +3.95 ±
  // 1.17 and +3.93 ± 1.12 on 9001–9016): it eases the works' nuisance, calms protests and raises the
  // alignment, which shortens procedures and wins grants. Paid for since (`city.concertationCostEur`
  // a year per unit above the usual effort, MODEL.md §10), it trades those gains against its cost.
  // The strongest effort through the playable years, back to the usual one at the last playable
  // year's budget (a policy acts at the year's start, at a grant call and when it must answer): the
  // level stayed for the unplayable years, where it was paid for nothing, until the fifteenth round
  // (it now returns to the usual one with the playable years, MODEL.md §10). A review's finding:
  // kept at its strongest to the end it read +0.82 ± 1.16 / −0.37 ± 1.03 on 1–32 then, +1.67 ± 1.17
  // / +0.48 ± 1.04 since (a probe of the fifteenth round); a person who lowers
  // it in the very last playable month gets +1.69 ± 1.16 / +0.50 ± 1.03 (1–32), +1.08 ± 1.00 /
  // +0.55 ± 0.95 (9001–9032), +0.13 ± 0.87 / −0.47 ± 0.75 (20001–20032): no win either.
  const steady = resolvePolicy('steady-mayor', 'city')!;
  const fullConcertation: Policy = (obs) => {
    const own = steady(obs);
    const level = obs.state.tick >= (obs.scenario.playableYears - 1) * 12 ? obs.scenario.city.concertation : 1;
    // Asked again each month until the budget carries it.
    return obs.state.city.concertation !== level ? [{ type: 'setConcertation', level }, ...own] : own;
  };
  it('concertation at its strongest through the playable years (the steady mayor otherwise) does not beat the default city on both scores', () => {
    const r = runs({ city: fullConcertation }, 'full concertation');
    const onCity = beats(r.city, byDefault.city);
    const onTerritory = beats(r.territory, byDefault.territory);
    expect({ onCity, onTerritory }).not.toEqual({ onCity: true, onTerritory: true });
  });

  // Issue 9, fifteenth round (the game's end, a greedy player's probe of the fourteenth): no decision
  // follows the playable years, so the measures a player left on were paid for to year 30 while the
  // alignment they buy served almost nothing there, and switching every one off at the last
  // playable budget gained their whole cost on both scores: +2.11 ± 0.12 (seeds 1–32, 300 agents).
  // The model now stops counting the governance measures and the concertation effort with the
  // playable years, their costs included (actions.ts `standingChoicesLeave`, MODEL.md §10 "After the playable
  // years"). What is left is the end of play seen from inside it: the measures buy nothing in the
  // last playable year (switched off at its budget, +0.25 ± 0.005 on both scores, seeds 1–32 and
  // 9001–9032: their cost exactly) and little in the one before (two budgets before, +0.50 ± 0.01
  // on both scores on 1–32, +0.34 ± 0.13 / +0.39 ± 0.08 on 9001–9032; found by a second review's
  // probe, helper 132); from
  // three budgets before it no longer wins on both blocks. The cause is the measures' net cost
  // during play, an open finding (MODEL.md §18, "What the governance measures are worth", and the
  // skipped test below). The bound is one point, about €3 M of present value (MODEL.md §15): about
  // four years of the measures' cost as discounted at the end of play (two undiscounted, with the
  // opportunity cost of public funds). It fails when the gain exceeds it by two standard errors. On other blocks (two budgets before / the last): +0.21 ±
  // 0.18 and +0.13 ± 0.12 on 20001–20032, +0.55 ± 0.18 and +0.18 ± 0.08 on 30001–30032 (city).
  const defaultCity = resolvePolicy('steady-mayor', 'city')!;
  /** The default city switching every measure off at the budget `yearsBefore` years before the end of the playable years, and never again. */
  const measuresOffBeforeEnd =
    (yearsBefore: number): Policy =>
    (obs) => {
      const own = defaultCity(obs);
      if (obs.state.tick < (obs.scenario.playableYears - yearsBefore) * 12) return own;
      const g = obs.state.city.governance;
      const offs = (Object.keys(g) as (keyof typeof g)[]).filter((m) => g[m]).map((measure) => ({ type: 'governance' as const, measure, on: false }));
      return [...own.filter((a) => a.type !== 'governance'), ...offs];
    };
  it.each([1, 2])('switching every governance measure off %i budget(s) before the end of the playable years gains no more than a point on either score', (yearsBefore) => {
    const r = runs({ city: measuresOffBeforeEnd(yearsBefore) }, `measures off ${yearsBefore} years before the end`);
    for (const score of ['city', 'territory'] as const) {
      const d = r[score].map((x, i) => x - byDefault[score][i]!);
      // More than a point by two standard errors, as "beats" reads a win (above).
      expect(mean(d) - 2 * sePaired(r[score], byDefault[score]), score).toBeLessThan(1);
    }
  });

  // Not met (issue 9, fifteenth round; a review's greedy probe, helper 131): the steady mayor who
  // never sets up a governance measure beats the default city on both scores, +2.39 ± 1.05 (city)
  // and +3.04 ± 1.01 (territory) on seeds 1–32, +2.49 ± 1.21 and +3.18 ± 1.11 on 9001–9032: the
  // three measures cost €1.2 M a year and the alignment they add buys less than that as the scores
  // count it (MODEL.md §18, "What the governance measures are worth"; their cost is about Dijon's own
  // coordination). Skipped until what that work buys (a control centre whose value depends on the
  // services' coordination, say) is modelled. Seventeenth round, works signed deducted once from
  // the envelope (MODEL.md §5): +2.61 ± 0.97 / +3.20 ± 0.81 on 1–32, −0.18 ± 1.15 / +0.57 ± 1.09 on
  // 9001–9032 (30 years, 300 agents): still a win on one block. Eighteenth round, a signature books
  // only its year's works (AP/CP, MODEL.md §5): +0.51 ± 2.26 / +1.64 ± 2.00 on 1–32, +0.59 ± 1.56 /
  // +1.94 ± 1.29 on 9001–9032 (a probe of the same runs): no longer a win. On the model before that
  // change (e9d5e61) this test fails on 1–32 (+2.61 ± 0.97 / +3.20 ± 0.81, the mutation check); with
  // only the whole booking put back (the budget-year check kept) it passes at +1.27 ± 1.5 / +2.22 ±
  // 1.4: the two parts of the change close it together. Nineteenth round's final model (events and
  // the elections' swing as common random numbers, incumbency bias 0.2): +1.89 ± 1.8 / +3.07 ± 1.5
  // (1–32), +1.82 ± 1.6 / +3.19 ± 1.4 (9001–9032), −0.58 ± 2.0 / +1.99 ± 1.9 (20001–20032), −0.59
  // ± 1.6 / +1.67 ± 1.3 (30001–30032): never on the city's score, on the territory's alone on two
  // blocks (t 2.0 and 2.3) — the measures still cost the territory more than the alignment they
  // buy (MODEL.md §18).
  const noMeasures: Policy = (obs) => defaultCity(obs).filter((a) => a.type !== 'governance');
  it('never setting up a governance measure does not beat the default city on both scores', () => {
    const r = runs({ city: noMeasures }, 'no measures');
    expect({ onCity: beats(r.city, byDefault.city), onTerritory: beats(r.territory, byDefault.territory) }).not.toEqual({ onCity: true, onTerritory: true });
  });

  // Not met (issue 9, fifteenth round; a greedy probe, helper 133): the steady mayor voting twice
  // the envelope it would have voted beats it on both scores, +8.81 ± 1.5 / +7.48 ± 1.6 on seeds 1–32
  // (this test, unskipped), +8.03 ± 0.99 / +7.26 ± 1.35 on 9001–9016 (twice only at the first budget +7.78 / +6.74 and
  // +5.30 / +4.98): the catalogue's projects are worth more than their cost and nothing in the model
  // limits how many a city runs at once, nor puts its other needs against them (MODEL.md §18, "The
  // computer city's envelope is the scenario's"). Its first-year part comes from the envelope
  // checked at a deal's proposal, not its signature: a fix measured in the sixteenth round (+1.63 ±
  // 1.30 / +1.64 ± 1.34 on 9001–9032, capped at the year's capacity) broke C5, which leans on the
  // partnerships that check leads to (docs/CLAIMS.md). Skipped until the city's vote has a price.
  // Seventeenth round, works signed deducted once from the envelope (MODEL.md §5; 30 years, 300
  // agents): this test's vote, +6.77 ± 1.55 / +5.72 ± 1.68 on 1–32 and +4.94 ± 0.92 / +3.78 ± 1.03
  // on 9001–9032; capped at the year's capacity +8.81 ± 1.52 / +7.12 ± 1.51 and +6.29 ± 0.95 /
  // +5.36 ± 0.94; the whole capacity whenever the default votes, +8.08 ± 1.65 / +5.91 ± 1.55 and
  // +5.79 ± 1.26 / +3.65 ± 1.26 (helper 142; +5.15 / +2.22 and +3.34 / +1.12 before the fix).
  // The credits checked at signature with the city's planning fitted to it close it (+1.67 ± 1.46
  // / +1.47 ± 1.29 and −0.32 ± 1.04 / +0.07 ± 1.14, capped) but break other legs (docs/CLAIMS.md,
  // "Issue 9's seventeenth round"; branch issue9-r17-credits-at-signature). Eighteenth round, a
  // signature books only its year's works (AP/CP): +5.34 ± 1.66 / +5.88 ± 1.51 on 1–32, +4.82 ±
  // 1.41 / +5.26 ± 1.15 on 9001–9032 (a probe, 30 years, 300 agents): still a win. Nineteenth round's
  // final model (events and the elections' swing as common random numbers, incumbency bias 0.2):
  // +6.18 ± 2.18 / +4.78 ± 1.84 on 1–32, +2.69 ± 1.64 / +2.55 ± 1.32 on 9001–9032 (short of a win
  // there); capped at the year's capacity +6.25 ± 1.78 / +7.10 ± 1.48 and +4.86 ± 1.58 / +5.23 ±
  // 1.08: still a win. Twentieth round: +4.75 ± 1.9 / +3.56 ± 1.6 (1–32, a win), +2.68 ± 1.6 /
  // +2.55 ± 1.3 (9001–9032).
  const doubleEnvelope: Policy = (obs) => defaultCity(obs).map((a) => (a.type === 'setBudget' ? { ...a, envelopeEur: 2 * a.envelopeEur } : a));
  // oxlint-disable-next-line vitest/no-disabled-tests -- a cheap win not closed yet (issue 9); its figures are above
  it.skip('voting twice the envelope does not beat the default city on both scores', () => {
    const r = runs({ city: doubleEnvelope }, 'double envelope');
    expect({ onCity: beats(r.city, byDefault.city), onTerritory: beats(r.territory, byDefault.territory) }).not.toEqual({ onCity: true, onTerritory: true });
  });

  const partners = [...scriptedStrategies().filter((s) => s.side === 'partner').map((s) => s.id), 'rule-based'];
  it.each(partners)('the partner %s does not beat the default computer partner on its own score', (partner) => {
    const r = runs({ partner });
    expect(beats(r.partner, byDefault.partner)).toBe(false);
  });

  // With four bidders the competitive bound sets the price (MODEL §13.1), so how a partner bargains
  // barely matters: the gouging, at-cost and rule-based partners play the same games on seeds 1–32
  // and 9001–9032 (−3.07 ± 1.9 and −4.89 ± 1.5 each, the round's final model) and nearly so on
  // 20001–20032 and 30001–30032, and the test above compares one run three times there (a finding
  // of the eighteenth round's end). With a single bidder
  // bargaining sets the price: there a partner's strategy is put to the test. The strategies must
  // play other games than the default partner's there, or the comparison proves nothing (nineteenth
  // round). Measured: gouge −274 ± 22, at cost −23.8 ± 5.3, rule-based −23.0 ± 5.1 (1–32); −280 ±
  // 21, −18.5 ± 6.1, −18.0 ± 6.0 (9001–9032): asking the most the rules allow closes almost nothing
  // alone.
  const oneBidder = withSets(scenario, { 'procurement.bidders': 1 });
  it.each(partners)('with one bidder, where bargaining sets the price, the partner %s plays other games and does not beat the default computer partner on its own score', (partner) => {
    const alone = runs({}, 'default', oneBidder);
    const r = runs({ partner }, partner, oneBidder);
    expect(r.partner.some((x, i) => x !== alone.partner[i]), 'the same games as the default partner').toBe(true);
    expect(beats(r.partner, alone.partner)).toBe(false);
  });
});
