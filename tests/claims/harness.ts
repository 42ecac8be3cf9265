/**
 * Shared harness of the claims tests (DESIGN §2): runs the reference scenario over many fixed
 * seeds under two conditions and compares means, with a margin that a model without the mechanism
 * would not meet. Each claim is a tendency over seeds, never a single lucky run.
 *
 * Each condition is run once per seed (`measure`), and every metric a claim reads comes from those
 * same runs. The conditions of a claim are played on the same seeds 1…n, so they are paired: seed k
 * of one condition starts from the same draws as seed k of the other. The standard error of a
 * difference of means is therefore the paired one (`sePaired`): the standard error of the mean of
 * the per-seed differences a[k] − b[k], sd(differences) / √n with the n − 1 variance. A seed's
 * common luck cancels in its difference, which the unpaired (Welch) error would count as noise.
 * A seed where a measure is absent (null, e.g. no deal agreed) is dropped from the pairs, never
 * counted as 0 (`pairedDiffs`).
 */
import { expect } from 'vitest';
import { runSimulation, type Policy, type RunResult, type Scenario } from '../../src/sim';
import { dijon, variant } from '../sim/helpers';

/** The reference scenario (Dijon-like), parsed once. */
export const reference = (): Scenario => dijon();

/** The scenario with some numeric fields replaced (validated again). */
export const withSets = (scenario: Scenario, sets: Record<string, number>): Scenario => variant(sets, scenario);

export interface Condition {
  scenario: Scenario;
  years: number;
  agents: number;
  city?: string | Policy;
  partner?: string | Policy;
}

/**
 * The first seed of the block the claims are played on: 1 unless `CLAIMS_FIRST_SEED` says another
 * (`CLAIMS_FIRST_SEED=9001 npx vitest run tests/claims` checks every claim on seeds 9001…, which no
 * test was written on). `CLAIMS_REPORT=1` prints each paired comparison (mean difference ± SE).
 */
const FIRST_SEED = ((v) => {
  if (v === undefined || v === '') return 1;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || n > 4294967295 - 1000) throw new Error(`CLAIMS_FIRST_SEED: found "${v}", expected an integer seed from 0 to 4294966295`);
  return n;
})(process.env.CLAIMS_FIRST_SEED);

/**
 * Runs a condition once per seed of the block (1…n by default) and returns, for each named metric, its measure in each run
 * (index k for the block's (k + 1)-th seed): all the metrics of a condition come from the same runs.
 */
export function measure<K extends string>(c: Condition, seeds: number, metrics: Record<K, (r: RunResult) => number>): Record<K, number[]> {
  const names = Object.keys(metrics) as K[];
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let seed = FIRST_SEED; seed < FIRST_SEED + seeds; seed++) {
    const r = runSimulation(c.scenario, {
      seed,
      years: c.years,
      agents: c.agents,
      ...(c.city !== undefined ? { city: c.city } : {}),
      ...(c.partner !== undefined ? { partner: c.partner } : {}),
    });
    for (const k of names) out[k].push(metrics[k](r));
  }
  return out;
}

/** The mean of a list; NaN for an empty list (no measure is not a measure of 0, and NaN fails every comparison). */
export const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Standard error of a mean (of paired differences, say); NaN under two values. */
export function seMean(xs: readonly number[]): number {
  if (xs.length < 2) return Number.NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1) / xs.length);
}

/**
 * Paired differences a − b, seed by seed, over the seeds where both runs measured something: a seed
 * with no measure (null, e.g. no deal agreed) is dropped, never counted as 0.
 */
export function pairedDiffs(a: readonly (number | null)[], b: readonly (number | null)[]): number[] {
  if (a.length !== b.length) throw new Error(`pairedDiffs: ${a.length} seeds against ${b.length}`);
  const out: number[] = [];
  a.forEach((x, i) => {
    const y = b[i]!;
    if (x !== null && y !== null) out.push(x - y);
  });
  return out;
}

/**
 * Standard error of mean(a) − mean(b) for runs paired by seed (a[k] and b[k] played on the same
 * seed): the standard error of the mean of the per-seed differences (seeds with no measure dropped).
 */
export function sePaired(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  const d = pairedDiffs(a, b);
  const se = seMean(d);
  if (process.env.CLAIMS_REPORT) console.log(`[claims] ${expect.getState().currentTestName ?? '?'}: ${mean(d).toPrecision(4)} ± ${se.toPrecision(2)} (n ${d.length}, seeds from ${FIRST_SEED})`);
  return se;
}

/** Partner contracts signed at 10 years or more. */
export function longContracts(r: RunResult): number {
  return r.state.contracts.filter((c) => c.builder === 'partner' && c.terms.durationYears >= 10).length;
}

/** Services running at the end of year n (1-based). */
export function servicesAtYear(r: RunResult, n: number): number {
  return r.yearly[n - 1]!.servicesDelivered!;
}
