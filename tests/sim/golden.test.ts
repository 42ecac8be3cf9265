/**
 * The golden seeded run: seed 1 of the reference scenario, its full 30 years with the scenario's
 * 10,000 citizen agents and the scenario's default computer players (steady-mayor, infrastructure-partner). The yearly summary is pinned as a
 * snapshot (numbers to 6 significant digits, so that a diff reads), and the final state hash
 * exactly. A change to the model shows here first: if it is intended, review the diff and update
 * the snapshot (`npx vitest run tests/sim/golden.test.ts -u`).
 */
import { describe, expect, it } from 'vitest';
import { runSimulation, SUMMARY_KEYS } from '../../src/sim';
import type { MetricRow } from '../../src/sim/types';
import { dijon, invariantViolations } from './helpers';

const round6 = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(6)));
const rounded = (row: MetricRow) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, round6(v)]));

describe('golden run: dijon-like, seed 1', () => {
  const sc = dijon();
  const result = runSimulation(sc, { seed: 1 });

  it('runs the scenario’s horizon with its own agents', () => {
    expect(result.state.citizens.satisfaction.length).toBe(sc.citizens.agents);
    expect(result.state.tick).toBe(sc.horizonYears * 12);
    expect(result.yearly).toHaveLength(sc.horizonYears);
    expect(result.yearly.map((r) => r.year)).toEqual(Array.from({ length: sc.horizonYears }, (_, i) => sc.start.year + i));
    for (const row of result.yearly) for (const key of SUMMARY_KEYS) expect(typeof row[key], key).toBe('number');
    expect(invariantViolations(result.state)).toEqual([]);
  });

  it('yearly summary', () => {
    expect(result.yearly.map(rounded)).toMatchSnapshot();
  });

  it('final summary and state hash', () => {
    const { stateHash, ...summary } = result.summary;
    expect(rounded(summary)).toMatchSnapshot('summary');
    expect(stateHash).toMatchSnapshot('stateHash');
  });
});
