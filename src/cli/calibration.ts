/**
 * The calibration figures of issue 9 (MODEL.md, calibration; tests/sim/calibration-dijon.test.ts
 * holds them on one seed block): over a block of seeds of the default play, the flagship bundle
 * the real metropole signed (LED street lighting with the control centre in one contract, Dijon
 * 2017), the street lighting's energy saved, the partner's realised return, the length of the
 * large award procedures and the incumbents' defeats. Each figure comes with its target, so that a
 * researcher can check the calibration on seeds and settings no test uses
 * (`npm run calibrate -- --seeds 9001-9032`).
 */
import { contractRecords, median, type ContractRecord } from '../sim/contract-records';
import { runSimulation, type Scenario } from '../sim';

/** One calibration figure: its value over the block, its target range, and whether it is in it. */
export interface CalibrationFigure {
  key: string;
  label: string;
  value: number | null;
  /** Inclusive target range (null: no bound on that side). */
  min: number | null;
  max: number | null;
  unit: string;
  inRange: boolean;
  /** How many observations the figure reads (runs, contracts, elections). */
  n: number;
  /**
   * For a median, the 25th and 75th percentiles of what it reads: a median can sit in range
   * between two peaks (the flagship's length before the bids were sealed: 5–7 years in a fifth of the runs, 12 in a third).
   */
  quartiles?: [number, number];
}


/** The flagship: one contract with the street lighting and the data platform (the control centre). */
const isFlagship = (c: ContractRecord) => c.families.includes('streetLighting') && c.families.includes('dataPlatform');

function figure(key: string, label: string, value: number | null, min: number | null, max: number | null, unit: string, n: number): CalibrationFigure {
  const inRange = value !== null && (min === null || value >= min) && (max === null || value <= max);
  return { key, label, value, min, max, unit, inRange, n };
}

/**
 * The p-quantile of xs by linear interpolation between order statistics (Hyndman and Fan's type 7,
 * R's and NumPy's default): p = ½ is `median`.
 */
export function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

/** A median's figure, with the quartiles of what it reads. */
function medianFigure(key: string, label: string, xs: readonly number[], min: number | null, max: number | null, unit: string): CalibrationFigure {
  const f = figure(key, label, xs.length === 0 ? null : median(xs, 0), min, max, unit, xs.length);
  return xs.length === 0 ? f : { ...f, quartiles: [quantile(xs, 0.25), quantile(xs, 0.75)] };
}

/** What one run contributes to the figures. */
interface RunFacts {
  flagship: ContractRecord | null;
  lightingDrop: number;
  irrs: number[];
  largeProcedureMonths: number[];
  elections: number;
  defeats: number;
}

function runFacts(scenario: Scenario, seed: number, years: number, agents: number | undefined): RunFacts {
  const r = runSimulation(scenario, { seed, years, ...(agents !== undefined ? { agents } : {}) });
  const records = contractRecords(r.state, scenario);
  const firstMandate = scenario.politics.termYears * 12;
  const light = r.yearly.map((y) => y.lightingEnergyMWh ?? 0);
  const first = light[0] ?? 0;
  let elections = 0;
  let defeats = 0;
  for (const e of r.state.log) {
    if (e.kind !== 'election' || e.tick >= scenario.playableYears * 12) continue;
    elections += 1;
    if (!e.data.reelected) defeats += 1;
  }
  return {
    flagship: records.find((c) => isFlagship(c) && c.signedTick < firstMandate) ?? null,
    lightingDrop: first > 0 ? Math.max(...light.map((e) => 1 - e / first)) : 0,
    irrs: records.filter((c) => c.endedTick !== null && c.partnerIrr !== null).map((c) => c.partnerIrr!),
    largeProcedureMonths: records.filter((c) => c.worksEur > 20e6).map((c) => c.signedTick - c.openedTick),
    elections,
    defeats,
  };
}

/**
 * Runs every seed of the block (default players) and returns the figures with their targets
 * (issue 9; sources in MODEL.md). `onRun` is called after each run (a progress bar).
 */
export function calibrationFigures(scenario: Scenario, seeds: readonly number[], years: number, agents: number | undefined, onRun?: () => void): CalibrationFigure[] {
  const facts: RunFacts[] = [];
  for (const seed of seeds) {
    facts.push(runFacts(scenario, seed, years, agents));
    onRun?.();
  }
  const flagships = facts.flatMap((f) => (f.flagship ? [f.flagship] : []));
  const irrs = facts.flatMap((f) => f.irrs);
  const months = facts.flatMap((f) => f.largeProcedureMonths);
  const elections = facts.reduce((a, f) => a + f.elections, 0);
  const defeats = facts.reduce((a, f) => a + f.defeats, 0);
  return [
    figure('flagshipShare', 'flagship signed in the first mandate (share of runs)', seeds.length ? flagships.length / seeds.length : null, 0.5, null, 'share', seeds.length),
    medianFigure('flagshipYears', 'flagship length (median)', flagships.map((c) => c.durationYears), 10, 15, 'years'),
    medianFigure('flagshipWorksEur', 'flagship works (median)', flagships.map((c) => c.worksEur), 40e6, 70e6, '€'),
    medianFigure('flagshipValueEur', 'flagship value over its life (median)', flagships.map((c) => c.valueEur), 80e6, 130e6, '€'),
    medianFigure('lightingEnergyDrop', 'street lighting energy, largest drop from year 1 (median)', facts.map((f) => f.lightingDrop), 0.55, 0.75, 'share'),
    medianFigure('partnerIrrMedian', 'partner IRR on ended contracts (median)', irrs, scenario.partner.discountRate, scenario.partner.discountRate + 0.06, 'per year'),
    figure('partnerIrrAbove25', 'partner IRRs above 25 %', irrs.filter((x) => x > 0.25).length, null, 0, 'contracts', irrs.length),
    medianFigure('largeProcedureMonths', 'procedures for works above €20 M, opening to signature (median)', months, 8, 24, 'months'),
    figure('electionsLostShare', 'playable elections the incumbent lost', elections ? defeats / elections : null, 0.12, 0.35, 'share', elections),
  ];
}

function formatValue(v: number | null, unit: string): string {
  if (v === null) return 'none';
  if (unit === '€') return `€${(v / 1e6).toFixed(1)} M`;
  if (unit === 'share' || unit === 'per year') return `${(100 * v).toFixed(1)} %`;
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${unit}`;
}

/** The figures as text, one line each: value, target, and whether it is in range. */
export function calibrationText(figures: readonly CalibrationFigure[]): string {
  return (
    figures
      .map((f) => {
        const plain = f.unit !== '€' && f.unit !== 'share' && f.unit !== 'per year';
        const target =
          f.max === 0 && f.min === null
            ? 'none'
            : f.min !== null && f.max !== null
              ? plain
                ? `${f.min}–${f.max} ${f.unit}`
                : `${formatValue(f.min, f.unit)}–${formatValue(f.max, f.unit)}`
              : f.min !== null
                ? `≥ ${formatValue(f.min, f.unit)}`
                : `≤ ${formatValue(f.max, f.unit)}`;
        const quartiles = f.quartiles ? `; quartiles ${formatValue(f.quartiles[0], f.unit)} to ${formatValue(f.quartiles[1], f.unit)}` : '';
        return `${f.inRange ? 'in range ' : 'OUT      '} ${f.label}: ${formatValue(f.value, f.unit)} (target ${target}; n ${f.n}${quartiles})`;
      })
      .join('\n') + '\n'
  );
}
