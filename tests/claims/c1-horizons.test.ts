/**
 * C1 Horizons: the shorter the city's effective horizon (a high electoral hazard, a strong present
 * bias), the fewer long contracts are signed and the fewer services exist after 20 years.
 * Reference scenario, default computer players, 16 seeds, 20 years, 1,000 agents; the two
 * conditions are paired by seed.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/sim';
import { longContracts, mean, measure, reference, sePaired, servicesAtYear, withSets } from './harness';

const SEEDS = 16;
const base = reference();
const short = withSets(base, { 'city.electoralHazard': 0.3, 'city.presentBias': 0.6 });
const long = withSets(base, { 'city.electoralHazard': 0, 'city.presentBias': 1 });

describe('C1: a shorter city horizon means fewer long contracts and fewer services after 20 years', () => {
  // One run per seed and condition; both measures come from it.
  const metrics = { services: (r: RunResult) => servicesAtYear(r, 20), long: longContracts };
  const shortRuns = measure({ scenario: short, years: 20, agents: 1000 }, SEEDS, metrics);
  const longRuns = measure({ scenario: long, years: 20, agents: 1000 }, SEEDS, metrics);

  it('fewer services run after 20 years with a short-sighted city', () => {
    const [s, l] = [shortRuns.services, longRuns.services];
    // A margin of 10 services (of ~50–60) and two standard errors (paired by seed).
    expect(mean(l) - mean(s)).toBeGreaterThan(Math.max(10, 2 * sePaired(l, s)));
  });

  // v2 (issue 8): a global performance contract now has the city pay the works as built (no
  // deferred payment, CCP L2191-5), so in the default play a contract's length no longer carries
  // the partner's capital: it only prolongs the service payments, which a long-sighted city shortens
  // (measured over seeds 1–8: long contracts 1.4 with a long horizon against 1.75 with a short one,
  // services after 20 years 59 against 32). Only partnership contracts and concessions tie the
  // partner's capital to the length, and the default computer city never chooses one yet. This leg
  // of C1 comes back with issue 9 ("Lessons that emerge"), by its mechanism; it is skipped, not met.
  // oxlint-disable-next-line vitest/no-disabled-tests -- a leg of C1 not met yet (issue 9); its figures are above
  it.skip('fewer long contracts (10 years or more) with a short-sighted city', () => {
    const [s, l] = [shortRuns.long, longRuns.long];
    expect(mean(l) - mean(s)).toBeGreaterThan(Math.max(0.3, 2 * sePaired(l, s)));
  });
});
