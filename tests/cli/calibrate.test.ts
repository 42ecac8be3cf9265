/**
 * `npm run calibrate`: the calibration figures of a seed block, each against its target (issue 9,
 * MODEL.md calibration). The flagship's figures must be the ones `npm run sim` reports for the
 * same runs (its `contracts` array), the defeats those of its log, and a user's mistake one message.
 */
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from './helpers';
import { calibrationText, quantile, type CalibrationFigure } from '../../src/cli/calibration';

interface Contract {
  families: string[];
  signedTick: number;
  durationYears: number;
  worksEur: number;
}

describe.concurrent('npm run calibrate', () => {
  it('reads the flagship as `npm run sim` reports it, seed by seed', async () => {
    const flags = ['--years', '12', '--agents', '300'];
    const [cal, ...sims] = await Promise.all([
      runCli('calibrate', ['--seeds', '1-3', ...flags, '--format', 'json']),
      ...[1, 2, 3].map((seed) => runCli('sim', ['--scenario', 'dijon-like', '--seed', String(seed), ...flags])),
    ]);
    expect(cal.code, cal.stderr).toBe(0);
    const figures = (JSON.parse(cal.stdout) as { figures: CalibrationFigure[] }).figures;
    const byKey = Object.fromEntries(figures.map((f) => [f.key, f]));
    const flagships = sims
      .map((s) => (JSON.parse(s.stdout) as { contracts: Contract[] }).contracts.find((c) => c.families.includes('streetLighting') && c.families.includes('dataPlatform') && c.signedTick < 72))
      .filter((c): c is Contract => c !== undefined);
    expect(byKey.flagshipShare!.value).toBeCloseTo(flagships.length / 3, 12);
    const years = flagships.map((c) => c.durationYears).sort((a, b) => a - b);
    const mid = years.length >> 1;
    const median = years.length === 0 ? null : years.length % 2 ? years[mid]! : (years[mid - 1]! + years[mid]!) / 2;
    expect(byKey.flagshipYears!.value).toBe(median);
    // Its quartiles (R's type 7: 25 % and 75 % of the way through the sorted lengths, interpolated).
    const at = (p: number) => {
      const h = (years.length - 1) * p;
      const lo = Math.floor(h);
      return lo + 1 < years.length ? years[lo]! + (h - lo) * (years[lo + 1]! - years[lo]!) : years[lo]!;
    };
    expect(byKey.flagshipYears!.quartiles).toEqual(years.length === 0 ? undefined : [at(0.25), at(0.75)]);
    expect(byKey.flagshipYears!.inRange).toBe(byKey.flagshipYears!.value !== null && byKey.flagshipYears!.value >= 10 && byKey.flagshipYears!.value <= 15);
    const works = flagships.map((c) => c.worksEur).sort((a, b) => a - b);
    expect(byKey.flagshipWorksEur!.value).toBe(works.length === 0 ? null : works.length % 2 ? works[mid]! : (works[mid - 1]! + works[mid]!) / 2);
    // The playable elections (12 years: all of them) and the incumbents' defeats, as the runs' counters give them.
    const summaries = sims.map((s) => JSON.parse(s.stdout) as { elections: number; incumbentReelections: number });
    const held = summaries.reduce((a, x) => a + x.elections, 0);
    const lost = summaries.reduce((a, x) => a + x.elections - x.incumbentReelections, 0);
    expect(byKey.electionsLostShare!.n).toBe(held);
    expect(byKey.electionsLostShare!.value).toBeCloseTo(lost / held, 12);
    for (const f of figures) expect(Number.isNaN(f.value)).toBe(false);
  });

  it('marks a figure out of its range, and prints a median\u2019s quartiles', () => {
    const f = (value: number): CalibrationFigure => ({ key: 'flagshipYears', label: 'flagship length (median)', value, min: 10, max: 15, unit: 'years', inRange: value >= 10 && value <= 15, n: 3 });
    expect(calibrationText([f(8)])).toMatch(/^OUT .*8 years \(target 10–15 years; n 3\)/);
    expect(calibrationText([f(12)])).toMatch(/^in range .*12 years/);
    expect(calibrationText([{ ...f(11.5), quartiles: [7.25, 12] }])).toMatch(/11\.5 years \(target 10–15 years; n 3; quartiles 7\.3 years to 12 years\)/);
  });

  it('quartiles by linear interpolation between order statistics (R\u2019s type 7); the middle one is the median', () => {
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 0.75)).toBe(3.25);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([5, 12, 7], 0.5)).toBe(7);
    expect(quantile([9], 0.25)).toBe(9);
  });

  it('a mistake in a flag is one message naming it', async () => {
    const [range, format, unknown] = await Promise.all([
      runCli('calibrate', ['--seeds', '9-3']),
      runCli('calibrate', ['--seeds', '1', '--format', 'csv']),
      runCli('calibrate', ['--sedes', '1-3']),
    ]);
    expectUserError(range, 'calibrate', ['--seeds', 'first seed not above the last']);
    expectUserError(format, 'calibrate', ['--format', 'csv']);
    expectUserError(unknown, 'calibrate', ['--sedes', 'did you mean --seeds?']);
  });
});
