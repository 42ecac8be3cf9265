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
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/sim';
import { mean, measure, pairedDiffs, reference, sePaired, withSets } from './harness';

const SEEDS = 32;
const YEARS = 18;
const base = reference();
const opts = { years: YEARS, agents: 1000 };

/** Share of the grant applications that won (NaN when the run filed none: no measure, dropped from the pairs). */
function grantSuccess(r: RunResult): number {
  let won = 0;
  let lost = 0;
  for (const e of r.state.log) {
    if (e.kind === 'grantWon') won++;
    else if (e.kind === 'grantLost') lost++;
  }
  return won + lost > 0 ? won / (won + lost) : Number.NaN;
}

const metrics = {
  servicesPerMillion: (r: RunResult) => r.yearly[YEARS - 1]!.servicesPerMillionEur!,
  orphans: (r: RunResult) => r.yearly[YEARS - 1]!.orphanPilots!,
  procedureMonths: (r: RunResult) => r.yearly[YEARS - 1]!.procedureMonthsMedian!,
  grants: grantSuccess,
};
const orNull = (xs: readonly number[]): (number | null)[] => xs.map((x) => (Number.isNaN(x) ? null : x));

describe('C4: alignment raises services per euro, cuts orphan pilots, raises grant success and shortens procedures', () => {
  const run = (alignment: number) => measure({ scenario: withSets(base, { 'coordination.alignment': alignment }), ...opts }, SEEDS, metrics);
  const high = run(0.8);
  const low = run(0.3);

  it('more services per million euros of city money after 18 years', () => {
    expect(mean(high.servicesPerMillion) - mean(low.servicesPerMillion)).toBeGreaterThan(Math.max(0.01, 2 * sePaired(high.servicesPerMillion, low.servicesPerMillion)));
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
