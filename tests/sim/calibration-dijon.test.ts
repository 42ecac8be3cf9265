/**
 * Calibration of the Dijon-like scenario's default play (issue 9), over many seeds, with margins:
 * the flagship bundle the real metropole signed in 2017 (LED street lighting with the control
 * centre in one global performance contract, CCP L2171-3), its length and works, the lighting
 * energy it saves, the length of the award procedures, and the partner's realised return.
 * Figures and sources: docs/MODEL.md §13 and the calibration section.
 */
import { describe, expect, it } from 'vitest';
import { contractRecords, median as medianOf, type ContractRecord } from '../../src/sim/contract-records';
import { procedureMonths } from '../../src/sim/rules/lead-times';
import { runSimulation } from '../../src/sim/run';
import { dijon } from './helpers';

const sc = dijon();
// 32 seeds (16 before issue 9's eighth round: 18 ended contracts then, too few for the IRR's median).
// The flagship's median length is in range here (12 years; `npm run calibrate -- --seeds 501-532`)
// and, since the computer players weigh whole-year lengths (issue 9's ninth round, MODEL §13.6), on
// the four other blocks measured (10–12 years); run by run it ranges from 5 to 15 years, with peaks
// at 5–7 and at 12 (MODEL §18 "Who sets a contract's length"; docs/CLAIMS.md). Before, each run
// signed it for 5, 8 or 12 years and the median of a block fell on 12 or on 8.
const SEEDS = Array.from({ length: 32 }, (_, i) => 501 + i);
const FIRST_MANDATE = 6 * 12;

const median = (xs: readonly number[]): number => medianOf(xs, Number.NaN);

const isFlagship = (c: ContractRecord) => c.families.includes('streetLighting') && c.families.includes('dataPlatform');

/** One 30-year run per seed of the default players: the contracts and the lighting energy by year. */
const runs = SEEDS.map((seed) => {
  const r = runSimulation(sc, { seed, years: 30, agents: 2000 });
  return { records: contractRecords(r.state, sc), lighting: r.yearly.map((y) => y.lightingEnergyMWh!) };
});

describe('the flagship bundle: LED with the control centre (Dijon 2017)', () => {
  const flagships = runs.map((r) => r.records.find((c) => isFlagship(c) && c.signedTick < FIRST_MANDATE) ?? null);
  const signed = flagships.filter((c): c is ContractRecord => c !== null);

  it('is signed during the first mandate in at least half of the runs, 10–15 years long, €40–70 M of works', () => {
    console.log(`flagship in the first mandate: ${signed.length}/${SEEDS.length}; years ${signed.map((c) => c.durationYears).join(' ')}; works median €${(median(signed.map((c) => c.worksEur)) / 1e6).toFixed(1)} M, value median €${(median(signed.map((c) => c.valueEur)) / 1e6).toFixed(1)} M, without the maintenance passed through €${(median(signed.map((c) => c.valueEur - c.upkeepTakenOverEur)) / 1e6).toFixed(1)} M`);
    expect(signed.length).toBeGreaterThanOrEqual(SEEDS.length / 2);
    const years = median(signed.map((c) => c.durationYears));
    expect(years).toBeGreaterThanOrEqual(10);
    expect(years).toBeLessThanOrEqual(15);
    const works = median(signed.map((c) => c.worksEur));
    expect(works).toBeGreaterThanOrEqual(40e6);
    expect(works).toBeLessThanOrEqual(70e6);
  });

  // What it costs over its life (works and operation, `valueEur`; Dijon: €105 M in all, €53 M of it
  // investment). Its operation includes the maintenance of the light points, traffic signals and
  // cameras the contract takes over (MODEL §8): without it the median is about €60 M (the payments
  // buy only the new equipment's operation, about €2 M a year against Dijon's €4.3 M).
  it('costs over its life more than its works and the new equipment’s operation: the networks it maintains are in it', () => {
    const value = median(signed.map((c) => c.valueEur));
    expect(value).toBeGreaterThanOrEqual(70e6);
    expect(value).toBeLessThanOrEqual(130e6);
  });

  // Met since issue 9's fifth round: €84.5 M on seeds 1–32, €85.1 M on 9001–9032, €81.7 M here,
  // €82.6 M on 30001–30032 (median; €81.6 / 82.2 / 78.8 / 79.7 M before), once the contract takes
  // over the maintenance of Dijon's 269 cameras with the lights and the signals (€0.24 M a year,
  // MODEL §3, §8; at cost, so no decision changed). The floor is met THROUGH that maintenance, not
  // the works: €19.8 M of the value is maintenance passed through at cost (`upkeepTakenOverEur`);
  // the value bargained over is €64.7 / 65.3 / 61.9 / 62.9 M (median, same blocks), and here the
  // leg holds only while a camera's maintenance costs at least €373 a year (2.7 % of €13,800;
  // Saint-Étienne €896, the Ministry's range €276–1,104, MODEL §13.8). The works stay at €40.4 M
  // against Dijon's €53 M: the mandate's plan (6 × €8 M) leaves no room for Dijon's traffic and bus
  // works (€14.4 M more); counting the plan net of the FCTVA brought leak detection in (€89–94 M)
  // but broke eight claims legs (MODEL §18).
  it('costs €80–130 M in all (Dijon: €105 M)', () => {
    const value = median(signed.map((c) => c.valueEur));
    expect(value).toBeGreaterThanOrEqual(80e6);
    expect(value).toBeLessThanOrEqual(130e6);
  });

  it('cuts the street lighting’s energy by 55–75 % once the LED runs everywhere (Dijon guaranteed 65 %)', () => {
    // The best year after the works (the LED's 25-year life ends before year 30).
    const drops = runs.map((r) => Math.max(...r.lighting.map((e) => 1 - e / r.lighting[0]!)));
    console.log(`lighting energy drop, median ${(100 * median(drops)).toFixed(0)} % (min ${(100 * Math.min(...drops)).toFixed(0)}, max ${(100 * Math.max(...drops)).toFixed(0)})`);
    expect(median(drops)).toBeGreaterThanOrEqual(0.55);
    expect(median(drops)).toBeLessThanOrEqual(0.75);
  });
});

describe('the partner’s realised return (issue 9)', () => {
  // Under competition the next bidder sets the global price (works and payments) at its expected
  // cost plus a normal return, its costs spread around the market's: the partner's rent is its
  // cost advantage, not catalogue prices (procedure.ts).
  const rates = runs.flatMap((r) => r.records.filter((c) => c.endedTick !== null && c.partnerIrr !== null).map((c) => c.partnerIrr!));

  it('the median realised IRR of ended contracts is above the partner’s cost of capital; hardly any above 25 %', () => {
    const high = rates.filter((x) => x > 0.25).length;
    console.log(`partner IRR of ended contracts: median ${(100 * median(rates)).toFixed(1)} % (n=${rates.length}), above 25 %: ${high}`);
    expect(rates.length).toBeGreaterThanOrEqual(20);
    expect(median(rates)).toBeGreaterThanOrEqual(sc.partner.discountRate);
    expect(high).toBeLessThanOrEqual(rates.length / 20);
  });

  // Met since issue 9's fourth round (review 9d): the prior evaluation credits a partnership only
  // with what its terms commit to, not the winner's reputation, so the five-year partnerships dearer
  // than procurement that carried the tail (25-32 %) no longer pass it (CCP L2212-1, MODEL §13.2).
  // Measured with .scratch/calib2.ts: 9.8 % (n 22) here, 8.7 % (n 36) on 1-32, 7.9 % (n 40) on
  // 9001-9032, none above 25 %.
  it('the median realised IRR of ended contracts lies within 6 points of the partner’s cost of capital, none above 25 %', () => {
    expect(median(rates)).toBeLessThanOrEqual(sc.partner.discountRate + 0.06);
    expect(rates.filter((x) => x > 0.25)).toEqual([]);
  });
});

describe('procedures', () => {
  it('contracts above €20 M take 8–24 months from notice to signature (median); a pilot’s adapted procedure much less', () => {
    const big = runs.flatMap((r) => r.records.filter((c) => c.worksEur > 20e6).map((c) => c.signedTick - c.openedTick));
    console.log(`procedure months, works above €20 M: median ${median(big)} (n=${big.length}); adapted (pilots) ${procedureMonths(sc, 'adapted')}`);
    expect(median(big)).toBeGreaterThanOrEqual(8);
    expect(median(big)).toBeLessThanOrEqual(24);
    expect(procedureMonths(sc, 'adapted')).toBeLessThanOrEqual(median(big) / 3);
  });
});
