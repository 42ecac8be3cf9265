/**
 * C1 Horizons: the shorter the city's effective horizon (a high electoral hazard, a strong present
 * bias), the fewer long contracts are signed and the fewer services exist after 20 years.
 * Reference scenario, default computer players, 32 seeds, 20 years, 1,000 agents; each pair of
 * conditions is played on the same seeds (paired).
 *
 * The mechanism (discount.ts, MODEL.md §5): what the city commits by contract (works, payments) is
 * recognised in full at signature — voted as multi-year authorisations (CGCT L2311-3), a
 * partnership's investment counted as debt, weighed in the prior evaluation and the budgetary
 * sustainability study at the public rate (CCP L2212-1 to L2212-3) — so neither present bias nor
 * the electoral hazard can push it onto the successors; the benefits, and the running costs no
 * contract commits, fall later and count less. A short horizon thus shrinks the city's ceiling for
 * what a long contract commits it to, and the long contracts close less often.
 *
 * Three comparisons: both channels together, present bias alone (the scenario's electoral hazard)
 * and the electoral hazard alone (the scenario's present bias).
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/sim';
import { longContracts, mean, measure, reference, sePaired, servicesAtYear, withSets } from './harness';

const SEEDS = 32;
const base = reference();
const opts = { years: 20, agents: 1000 };
// One run per seed and condition; both measures come from it.
const metrics = { services: (r: RunResult) => servicesAtYear(r, 20), long: longContracts };
const run = (sets: Record<string, number>) => measure({ scenario: withSets(base, sets), ...opts }, SEEDS, metrics);

/** Mean of long − short, above a margin and two paired standard errors. */
function expectMore(long: number[], short: number[], margin: number): void {
  expect(mean(long) - mean(short)).toBeGreaterThan(Math.max(margin, 2 * sePaired(long, short)));
}

describe('C1: a shorter city horizon means fewer long contracts and fewer services after 20 years', () => {
  const short = run({ 'city.electoralHazard': 0.3, 'city.presentBias': 0.6 });
  const long = run({ 'city.electoralHazard': 0, 'city.presentBias': 1 });

  it('fewer services run after 20 years with a short-sighted city', () => {
    // A margin of 10 services (of ~50–65) and two standard errors (paired by seed).
    expectMore(long.services, short.services, 10);
  });

  it('fewer long contracts (10 years or more) with a short-sighted city', () => {
    expectMore(long.long, short.long, 0.3);
  });
});

describe('C1 through present bias alone (electoral hazard at the scenario\u2019s 8 %/yr)', () => {
  const biased = run({ 'city.presentBias': 0.6 });
  const unbiased = run({ 'city.presentBias': 1 });

  it('fewer services after 20 years', () => {
    expectMore(unbiased.services, biased.services, 5);
  });

  // Holds since issue 9's fourth round: +1.09 ± 0.26 on seeds 1–32, +0.66 ± 0.24 on 9001–9032,
  // +1.22 ± 0.21 on 20001–20032 (third round: +0.28 ± 0.30, +0.25 ± 0.27). What changed is the prior
  // evaluation (MODEL §12): it no longer credits the winner's reputation, so partnerships dearer
  // than procurement — the long counters the present-biased city had accepted for their grant and
  // near-term gains (63 25-year contracts in 32 runs against 32, third round) — are refused. With
  // present bias removed from the city's lens (β = 1 in cityLens) the leg reads 0.000 and fails.
  // Issue 9, thirteenth round (the guarantee's cover counted during the contract only): +0.66 ± 0.33
  // on seeds 1–32, 0.00 ± 0.26 on 9001–9032, +0.91 ± 0.24 on 20001–20032 (before it: +0.72 ± 0.30,
  // −0.19 ± 0.26, +0.63 ± 0.24): it misses its floor on two blocks. Why (traced, 32 seeds): the
  // city opens at its shortest length (5 years) whatever β; the bids cap the payment; the partner
  // counters at that price for the longest term it expects the city to take; and the city, whose
  // "never take back" rule still reads its pre-bid opening, finds no lawful counter and takes any
  // term worth more than nothing. So β moves which deals are opened (the LED alone, 25 years, rather
  // than the LED with the platform, 12), not their length. Since the city bargains after the bids
  // (its "never take back" rule reads its opening at the bids' price; it expects the partner to
  // take the next bidder's price, MODEL §13.6; test city-counter-after-bids), the length is its
  // counter's too, and β shortens it: +2.09 ± 0.23 on seeds 1–32, +1.56 ± 0.28 on 9001–9032,
  // +1.94 ± 0.27 on 20001–20032 (every C1 leg passes on the three blocks). The flagship then signs
  // for 8 years, not 12 (MODEL §13.8: the 12 years came from the defect).
  // Issue 9, eleventh round: not met, and in this model it should not be (MODEL §12, "Present bias
  // in practice"). Commitments are recognised at signature at the public rate, so β cuts the value
  // of every deal by the same share of its benefits; a contract's length trades later years against
  // later years, which quasi-hyperbolic discounting leaves alone (Laibson 1997). The leg held (+1.41
  // ± 0.23 on 1–32, +1.69 ± 0.20 on 9001–9032) only through the months the present-biased city lost
  // countering the partner's final offer again, until its last round (146 of 251 procedures reached
  // it, against 98 of 262 unbiased); since the city signs a final offer worth anything to it or
  // walks away (MODEL §13.6, CCP R2161-17), +0.28 ± 0.24 and −0.03 ± 0.20. Traced (helper c1pb): the
  // city's lens asks 5–6 years at any β (179 of 179 final offers at β 0.6, 104 of 105 at β 1); the
  // partner sets the length, at a next-bidder price that is the same at every length; no long final
  // offer is worth less than €1.4 M to the β 0.6 city. β chooses the deals (services, above: +20.3 ±
  // 2.0, +19.5 ± 1.8), the electoral hazard the lengths (below). Tried and not kept: the buyer fixing
  // the length in its notice (CCP L2112-5) — +0.22 ± 0.13, but long contracts all but vanish at
  // both β (6 and 13 in 32 runs against 122 and 131) and the flagship signs for 5 years in 21 runs
  // of 32 (calibration: 10–15). Skipped (docs/CLAIMS.md).
  // Issue 9, twelfth round (helper c1slope, commit 6295389): it holds again, through which deals
  // β opens, not their length (MODEL §12, "Present bias in practice"): +0.81 ± 0.26 on seeds 1–32,
  // +0.94 ± 0.22 on 9001–9032, +1.13 ± 0.24 on 20001–20032. In 32 runs (1–32), β = 1 against 0.6:
  // leak detection, smart traffic and pedestrian priority signed for their equipment's life (15–25
  // years) 64 times against 15; solar roofs (25 years) 1 against 19 and waste sensors (10 years) 13
  // against 23 go the other way. It is a threshold, not a slope: β 0.7 against 1, +0.56 ± 0.30,
  // +1.28 ± 0.24, +0.75 ± 0.27; β 0.8 against 1, +0.31 ± 0.19, 0.00 ± 0.22, +0.28 ± 0.23.
  // Later in the twelfth round, with a replacement tendered before its equipment ends (MODEL §7),
  // the council's vote on the city's own purchases (§13.1) and the renewal lead by form: +0.59 ±
  // 0.26 on seeds 1–32 (holds), +0.41 ± 0.22 on 9001–9032 (under its two standard errors): the
  // unbiased city now gives some of its later negotiations to renewals, which are short. At its
  // threshold; asserted because it holds on the tests' block (docs/CLAIMS.md).
  // Thirteenth round, a bundle's works phased to open together (MODEL §8): +1.13 ± 0.30 (1–32),
  // +1.22 ± 0.26 (9001–9032). Traced: the unbiased city's contracts do not move; the biased one's
  // first deal, a quick-service bundle β makes it pick, is now paid in year 4, before its pieces open,
  // which empties that year's envelope and delays its LED deal and the sensors' renewal: quick wins
  // crowding out long commitments, not a lens that prefers short lengths. Phasing off: +0.59 / +0.44.
  it('fewer long contracts', () => {
    expectMore(unbiased.long, biased.long, 0.25);
  });
});

describe('C1 through the electoral hazard alone (present bias at the scenario\u2019s 0.8)', () => {
  const hazard = run({ 'city.electoralHazard': 0.3 });
  const safe = run({ 'city.electoralHazard': 0 });

  it('fewer services after 20 years', () => {
    expectMore(safe.services, hazard.services, 5);
  });

  // Holds by the commitments weighed at signature (discount.ts, MODEL.md §12): a longer contract
  // commits more payments at the public rate against benefits the hazard discounts after the
  // election, so a hazard-fearing city signs fewer of them. Measured (paired, 32 seeds, long
  // contracts with no hazard against 30 %/yr), at the end of issue 9's third round: +1.78 ± 0.31 on
  // seeds 1–32, +1.56 ± 0.23 on 9001–9032 (+2.31 ± 0.26 on 20001–20032 on an earlier model). Weighing the commitments through the hazard lens
  // instead reverses it (−1.00 ± 0.40 on seeds 1–32: the payments then fall on the successors).
  it('fewer long contracts', () => {
    expectMore(safe.long, hazard.long, 0.25);
  });
});
