/**
 * C4 Coordination: a better-aligned territory (departments, communes of the metropole and citizens
 * pulling together) gets more services per euro of city money, leaves fewer orphan pilots, wins
 * more of the grants it applies for, and closes its procedures faster.
 * Reference scenario, default computer players, 32 seeds, 18 years, 1,000 agents; the structural
 * alignment `coordination.alignment` at 0.8 against 0.3, paired by seed, every metric from the
 * same runs.
 *
 * The mechanisms (MODEL.md §9, coordination): departments that talk do not start the same pilot
 * twice in one district (a duplicate is an orphan from the start, rules/contracts.ts); a pooled,
 * better-prepared file wins a call more often (success × (0.4 + 0.6 a), rules/funding.ts); fewer
 * veto players mean fewer rounds before the award (rules/procedure.ts); and the data platform
 * multiplies the other services by its synergies × a (rules/projects.ts). Under the budget's
 * limits (the envelope, the debt ceiling) each of these turns into more services for the same
 * city money.
 *
 * How much each channel brings to the services per € million (c34 helper, 18 years, 300 agents,
 * paired mean difference ± SE over 32 seeds, 0.8 against 0.3; one channel held at a = 0.55 in
 * both runs): all channels +0.011 ± 0.009 on seeds 20001–20032 (+0.035 ± 0.010 on 1–32, +0.029
 * ± 0.010 on 9001–9032); without the veto channel +0.038 ± 0.010 (20001) and +0.032 ± 0.006
 * (1–32); without the platform's synergy +0.020 ± 0.010 (20001), +0.038 ± 0.010 (1–32); without
 * the duplicates +0.008 ± 0.009 and without the pooled grants +0.003 ± 0.009 (20001). The veto
 * channel cuts the ratio on 20001: what the vetoes kill at low alignment are the large deals
 * (mean works €23 M against €11 M for the contracts signed, seeds 20001–20016), each few services
 * per euro (one per family and district): on 20001 the aligned city has +6.3 services for +€9.8 M
 * with the channel, +2.3 for −€9.1 M without it, so the deals the vetoes kill bring 4 services for
 * €19 M (0.21 a million, half the mean ratio) and a vetoed city looks thrifty; the synergy raises the platform's value to the city
 * (valuation) but only the quality of the other services, not their number nor their cost, so an
 * aligned city buys the platform and counts no more services. At 0.7 against 0.4: +0.024 ± 0.011
 * (1–32), +0.014 ± 0.009 (20001). Not fixed yet (MODEL §18).
 * Measured again at the end of issue 9's third round (c3c4 helper, 18 years, 1,000 agents, as this
 * test): +0.0146 ± 0.0097 on 20001–20032 (t 1.5), +0.033 ± 0.010 on 1–32; holding one channel at
 * 0.55 on 20001: without the vetoes +0.032 ± 0.010 (+0.5 services for −€10.3 M, against +6.8 for
 * +€10.2 M with them), without the synergy +0.019 ± 0.010, without the duplicates +0.013 ± 0.010,
 * without the pooled grants +0.006 ± 0.009 — the same story, not tuned.
 * With no grant filed where the city bears none of the works (a €0 award is no longer a success)
 * and no failed notice published again unchanged in the same mandate (relaunch helper): services
 * per € million +0.028 ± 0.010 (1–32), +0.034 ± 0.010 (9001–9032), +0.016 ± 0.0095 (20001–20032,
 * t 1.7); grant success +0.117 ± 0.017, +0.113 ± 0.014, +0.090 ± 0.017.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/sim';
import { mean, measure, pairedDiffs, reference, sePaired, withSets } from './harness';

const SEEDS = 32;
const YEARS = 18;
const base = reference();
const opts = { years: YEARS, agents: 1000 };

/** Share of the grant applications that won money (NaN when the run filed none: no measure, dropped from the pairs). An award of nothing is no success (the model logs none: rules/funding.ts). */
function grantSuccess(r: RunResult): number {
  let won = 0;
  let lost = 0;
  for (const e of r.state.log) {
    if (e.kind === 'grantWon' && e.data.eur > 0) won++;
    else if (e.kind === 'grantWon' || e.kind === 'grantLost') lost++;
  }
  return won + lost > 0 ? won / (won + lost) : Number.NaN;
}

const metrics = {
  servicesPerMillion: (r: RunResult) => r.yearly[YEARS - 1]!.servicesPerMillionEur!,
  serviceYears: (r: RunResult) => r.summary.serviceYears!,
  orphans: (r: RunResult) => r.yearly[YEARS - 1]!.orphanPilots!,
  procedureMonths: (r: RunResult) => r.yearly[YEARS - 1]!.procedureMonthsMedian!,
  grants: grantSuccess,
};
const orNull = (xs: readonly number[]): (number | null)[] => xs.map((x) => (Number.isNaN(x) ? null : x));

describe('C4: alignment raises services per euro, cuts orphan pilots, raises grant success and shortens procedures', () => {
  const run = (alignment: number) => measure({ scenario: withSets(base, { 'coordination.alignment': alignment }), ...opts }, SEEDS, metrics);
  const high = run(0.8);
  const low = run(0.3);

  // Eighth round of issue 9 (the city bargains over the length after the bids; one hidden
  // territory gap a type that pilots measure; amendments balanced on what still runs): +0.0173 ±
  // 0.0096 (1–32), +0.0302 ± 0.0096 (9001–9032), +0.0137 ± 0.0110 (20001–20032): real and small
  // (alignment buys more services at about their mean cost, MODEL §10), under its 2-SE floor on two
  // blocks of three. Skipped (docs/CLAIMS.md); the count of services below carries DESIGN §2's
  // "few services".
  // Ninth round (whole-year lengths, MODEL §13.6): +0.0184 ± 0.0110 (1–32).
  // Tenth round, sealed bids (MODEL §13.1): +0.031 ± 0.009 (1–32), +0.005 ± 0.012 (9001–9032:
  // fails), +0.023 ± 0.008 (20001–20032), +0.043 ± 0.015 (30001–30032); after the round's review
  // +0.037 ± 0.011, −0.001 ± 0.011 (fails), +0.024 ± 0.008, +0.041 ± 0.010; with no contract past
  // its equipment's life (MODEL §13.2), the final model: +0.020 ± 0.008, +0.006 ± 0.013 (fails),
  // +0.033 ± 0.009, +0.041 ± 0.010. Unskipped: met on three blocks of four, the tests' own among
  // them. Mutation check (1–32): with the pooled grant files
  // held at a = 0.55 (funding.ts, success × (0.4 + 0.6 a)) +0.012 ± 0.009, fails (with the grant
  // success leg); the count of services (below) still holds, +5.0 ± 1.3.
  it('more services per million euros of city money after 18 years', () => {
    expect(mean(high.servicesPerMillion) - mean(low.servicesPerMillion)).toBeGreaterThan(Math.max(0.01, 2 * sePaired(high.servicesPerMillion, low.servicesPerMillion)));
  });

  // DESIGN §2's second sentence: low alignment disperses the effort, few services. The per-euro leg
  // above is real but small (+0.025 ± 0.006 over seeds 1–32, 9001–9032 and 20001–20032 pooled, 6 %
  // of the ratio; it fails its 2-SE floor on 9001 and 20001 alone, docs/CLAIMS.md): alignment buys
  // more services at about their mean cost each; this leg reads the count.
  // Ninth round (contracts at whole-year lengths, MODEL §13.6): +4.50 ± 1.70 (1–32), +5.25 ± 1.80
  // (9001–9032), +6.50 ± 2.00 (20001–20032); eighth: +5.5 / +8.5 / +7.0.
  // Nineteenth round: the services over the 18 years (service-years, what the scores count), no
  // longer those running in year 18 alone. A count in one year reads which contracts happen to be
  // in their works that year: seed 20028's aligned city had a €62 M bundle signed in month 200
  // still in its works in month 215 (24 services against 88, −64 of the block's +3.8 ± 3.1 at the
  // eighteenth round's end, failing; 30001–30032 read +2.3 ± 1.7, failing too). With the events
  // drawn as common random numbers (MODEL §14; a probe of these runs' settings) the year-18 count
  // read +6.3 ± 2.2 (1–32), +6.0 ± 2.7 (9001–9032), +6.1 ± 2.4 (20001–20032), +3.5 ± 1.9
  // (30001–30032: under its floor of max(3, 2 SE)); the service-years +105 ± 26, +59 ± 17, +78 ±
  // 17, +72 ± 19. With the incumbency bias at 0.2 too: +110 ± 27, +52 ± 17, +77 ± 16, +79 ± 19;
  // with the elections' swing drawn in common as well (the round's final model, this test): +109 ±
  // 25, +55 ± 18, +65 ± 15, +78 ± 19. The floor, 30 service-years, is two services over the 15 years after the first works.
  // Mutation check (1–32): the vetoes held at a = 0.55 (negotiation.ts `vetoChance` and
  // `roundsNeeded`), −30 ± 21 with bias 0.2 before the swing change, −26 ± 20 on the final model:
  // fails (the year-18 count still read +4.5 ± 2.2 and +4.75 ± 2.1 and passed: it did not catch the
  // loss of the channel).
  it('more services over the 18 years (service-years): low alignment disperses the effort', () => {
    expect(mean(high.serviceYears) - mean(low.serviceYears)).toBeGreaterThan(Math.max(30, 2 * sePaired(high.serviceYears, low.serviceYears)));
  });

  it('fewer orphan pilots', () => {
    expect(mean(low.orphans) - mean(high.orphans)).toBeGreaterThan(Math.max(1, 2 * sePaired(low.orphans, high.orphans)));
  });

  it('a larger share of grant applications wins', () => {
    const [h, l] = [orNull(high.grants), orNull(low.grants)];
    expect(mean(pairedDiffs(h, l))).toBeGreaterThan(Math.max(0.03, 2 * sePaired(h, l)));
  });

  it('procedures close faster (median months from opening to signature)', () => {
    expect(mean(low.procedureMonths) - mean(high.procedureMonths)).toBeGreaterThan(Math.max(0.5, 2 * sePaired(low.procedureMonths, high.procedureMonths)));
  });
});
