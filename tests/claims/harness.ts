/**
 * Shared harness of the claims tests (DESIGN §2): runs the reference scenario over many fixed
 * seeds under two conditions and compares means, with a margin that a model without the mechanism
 * would not meet. Each claim is a tendency over seeds, never a single lucky run.
 */
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

/** Runs a condition over seeds 1…n and returns each run's measure. */
export function measure(c: Condition, seeds: number, metric: (r: RunResult) => number): number[] {
  const out: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runSimulation(c.scenario, {
      seed,
      years: c.years,
      agents: c.agents,
      ...(c.city !== undefined ? { city: c.city } : {}),
      ...(c.partner !== undefined ? { partner: c.partner } : {}),
    });
    out.push(metric(r));
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

/** Standard error of the difference of two means (Welch). */
export function seDiff(a: readonly number[], b: readonly number[]): number {
  const v = (xs: readonly number[]) => {
    const m = mean(xs);
    return xs.reduce((s, x) => s + (x - m) * (x - m), 0) / Math.max(1, xs.length - 1);
  };
  return Math.sqrt(v(a) / a.length + v(b) / b.length);
}

/** Partner contracts signed at 10 years or more. */
export function longContracts(r: RunResult): number {
  return r.state.contracts.filter((c) => c.builder === 'partner' && c.terms.durationYears >= 10).length;
}

/** Services running at the end of year n (1-based). */
export function servicesAtYear(r: RunResult, n: number): number {
  return r.yearly[n - 1]!.servicesDelivered!;
}
