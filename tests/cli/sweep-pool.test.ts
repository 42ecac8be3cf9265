/**
 * The sweep engine in-process: the same rows whatever the thread count, with a fresh pool or a
 * reused (warm) one, and a worker's failure reported rather than hanging.
 */
import { describe, expect, it } from 'vitest';
import { openSweepPool, runSweep, type SweepPlan } from '../../src/cli/sweep-core';
import { loadScenario } from '../../src/cli/load-scenario';
import { applySet } from '../../src/sim';

const loaded = loadScenario('dijon-like');
if (!loaded.ok) throw new Error(loaded.error);
const base = loaded.value.scenario;
const withAlignment = (a: number) => {
  const r = applySet(base, 'coordination.alignment', a);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const plan: SweepPlan = {
  paths: ['coordination.alignment'],
  combos: [0.2, 0.9].map((a) => ({ values: [a], scenario: withAlignment(a) })),
  seeds: [1, 2, 3, 4, 5, 6],
  shape: { years: 2, agents: 200 },
};

describe('runSweep', () => {
  it('gives the same rows with 1 thread, 2 threads, and a reused pool of 2 workers (3 threads)', async () => {
    const progress: number[] = [];
    const one = await runSweep(plan, { workers: 1, onProgress: (d) => progress.push(d) });
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(one.map((r) => `${r.values[0]}:${r.seed}`)).toEqual(['0.2:1', '0.2:2', '0.2:3', '0.2:4', '0.2:5', '0.2:6', '0.9:1', '0.9:2', '0.9:3', '0.9:4', '0.9:5', '0.9:6']);
    const two = await runSweep(plan, { workers: 2 });
    expect(two).toEqual(one);
    const pool = openSweepPool(2);
    try {
      await pool.ready();
      // Ready workers take jobs at once: both sweeps go through them, the second one reusing them.
      expect(await runSweep(plan, { workers: 3, pool })).toEqual(one);
      expect(await runSweep(plan, { workers: 3, pool })).toEqual(one);
    } finally {
      await pool.close();
    }
  });

  it('reports a run that fails in a worker instead of hanging', async () => {
    // A warm pool gets the first two jobs (the broken ones); this thread runs the good ones.
    const broken: SweepPlan = { ...plan, seeds: [1, 2], combos: [{ values: [0], scenario: { ...base, citizens: undefined } as never }, plan.combos[0]!] };
    const pool = openSweepPool(1);
    try {
      await pool.ready();
      await expect(runSweep(broken, { workers: 2, pool })).rejects.toThrow(/failed in a worker/);
    } finally {
      await pool.close();
    }
  });
});
