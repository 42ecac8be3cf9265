/**
 * The sweep's checkpoint and size notice in-process: what a full disk does to the checkpoint
 * (/dev/full answers every write with ENOSPC), how damaged or foreign checkpoints are refused,
 * and when a sweep states its size or waits for --yes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCheckpoint, readCheckpoint, sweepIdentity } from '../../src/cli/sweep-checkpoint';
import { roughDuration, sizeNotice, sweepHeader, sweepJobs, type SweepPlan } from '../../src/cli/sweep-core';
import { loadScenario } from '../../src/cli/load-scenario';
import { tempDir, userError } from './helpers';
import { SUMMARY_KEYS } from '../../src/sim';

const loaded = loadScenario('dijon-like');
if (!loaded.ok) throw new Error(loaded.error);
const plan: SweepPlan = { paths: ['coordination.alignment'], combos: [{ values: [0.5], scenario: loaded.value.scenario }], seeds: [1, 2, 3], shape: { years: 2 } };
const identity = sweepIdentity(plan, sweepHeader(plan));
const jobs = sweepJobs(plan);
const prefix = (job: { seed: number }) => `${job.seed},0.5,`;
/** A kept row as the sweep writes it: seed, value, one number per summary key, the state hash. */
const row = (seed: number, hash: string, summary = SUMMARY_KEYS.map(() => '0')) => [seed, 0.5, ...summary, hash].join(',');


describe('checkpoint', () => {
  it('writes its header and one line per run, and reads them back', () => {
    const path = join(tempDir(), 'x.csv.partial');
    const w = openCheckpoint(path, { identity }, 0);
    w.append(2, row(3, 'a'));
    w.append(0, row(1, 'b'));
    w.close();
    const c = readCheckpoint(path, identity, jobs, prefix);
    expect([...c.rows]).toEqual([[2, row(3, 'a')], [0, row(1, 'b')]]);
    expect(c.keptBytes).toBe(readFileSync(path).length);
    // Appending again after a line was cut short: the cut is dropped, the whole lines stay.
    writeFileSync(path, readFileSync(path, 'utf8') + '{"run":1,"row":"2,0.');
    const again = readCheckpoint(path, identity, jobs, prefix);
    const w2 = openCheckpoint(path, { identity, keptBytes: again.keptBytes }, again.rows.size);
    w2.append(1, row(2, 'c'));
    w2.close();
    expect([...readCheckpoint(path, identity, jobs, prefix).rows]).toEqual([[2, row(3, 'a')], [0, row(1, 'b')], [1, row(2, 'c')]]);
  });

  it('a full disk stops the sweep with a message that says the finished runs are kept', () => {
    // /dev/full takes the open and refuses every write (ENOSPC), as a full disk does. As a
    // checkpoint being resumed with its header already there (keptBytes > 0), the run's line is its first write.
    const w = openCheckpoint('/dev/full', { identity, keptBytes: 1 }, 5);
    const m = userError(() => w.append(3, row(4, 'x')));
    expect(m).toBe('cannot write the checkpoint /dev/full (no space left on the device); the 5 finished runs are kept in it: make room and run the same command with --resume');
  });

  it('refuses a foreign file, another sweep, and damaged lines, naming the line', () => {
    const dir = tempDir();
    const path = join(dir, 'y.csv.partial');
    writeFileSync(path, 'seed,a,b\n1,2,3\n');
    expect(userError(() => readCheckpoint(path, identity, jobs, prefix))).toMatch(/is not a sweep checkpoint/);
    writeFileSync(path, JSON.stringify({ ...identity, seeds: '1-9', agents: 70 }) + '\n');
    expect(userError(() => readCheckpoint(path, identity, jobs, prefix))).toContain('belongs to another sweep (different seeds, agents)');
    const head = JSON.stringify(identity) + '\n';
    const cases: [string, string][] = [
      [`${JSON.stringify({ run: 0, row: row(1, 'a') })}\nnot json\n`, 'line 3 (not JSON)'],
      [`${JSON.stringify({ run: 3, row: row(1, 'a') })}\n`, 'line 2 (run 3 is not a run of this sweep)'],
      [`${JSON.stringify({ run: 1, row: row(1, 'a') })}\n`, 'line 2 (run 1 does not hold its seed and values)'],
      [`${JSON.stringify({ run: 0, row: row(1, 'a') })}\n`.repeat(2), 'line 3 (run 0 is there twice)'],
    ];
    // Every kept row is checked, not only the first (issue 12 review): a cell more or less, NaN, an empty cell.
    const K = SUMMARY_KEYS.length;
    const zeros = SUMMARY_KEYS.map(() => '0');
    const edited = (r: string) => `${JSON.stringify({ run: 0, row: row(1, 'a') })}\n${JSON.stringify({ run: 1, row: r })}\n`;
    cases.push(
      [edited(row(2, 'b') + ',7'), `line 3 (run 1 has ${K + 4} cells, expected ${K + 3} (one per column of the header))`],
      [edited(row(2, 'b', zeros.slice(1))), `line 3 (run 1 has ${K + 2} cells, expected ${K + 3} (one per column of the header))`],
      [edited(row(2, 'b', ['NaN', ...zeros.slice(1)])), 'line 3 (run 1 has "NaN" in column 3, expected a finite number)'],
      [edited(row(2, 'b', [...zeros.slice(1), ''])), `line 3 (run 1 has an empty cell in column ${K + 2}, expected a finite number)`],
      [edited(row(2, 'b', ['Infinity', ...zeros.slice(1)])), 'line 3 (run 1 has "Infinity" in column 3, expected a finite number)'],
      [edited(row(2, '')), `line 3 (run 1 has an empty cell in its last column, expected the state hash (hexadecimal))`],
    );
    for (const [body, why] of cases) {
      writeFileSync(path, head + body);
      expect(userError(() => readCheckpoint(path, identity, jobs, prefix))).toBe(`the checkpoint ${path} is damaged at ${why}; delete it to start the sweep over`);
    }
  });
});

describe('size notice', () => {
  it('says nothing for a small job', () => {
    expect(sizeNotice({ runs: 2000, secondsPerRun: 0.3, threads: 1, yes: false })).toEqual({ refuse: false });
  });
  it('states a job of more than 2,000 runs, and lets it start when short', () => {
    expect(sizeNotice({ runs: 2001, secondsPerRun: 0.01, threads: 2, yes: false })).toEqual({ refuse: false, text: '2,001 runs, about 10 s with 2 threads (a run takes about 0.010 s here)' });
  });
  it('waits for --yes beyond ten minutes, whatever the count', () => {
    const big = sizeNotice({ runs: 1_000_000, secondsPerRun: 0.1, threads: 1, yes: false });
    expect(big.refuse).toBe(true);
    expect(big.text).toBe('1,000,000 runs, about 27 h 47 min with 1 thread (a run takes about 0.1 s here); add --yes to start it (or ask for fewer seeds or values, or more --workers)');
    expect(sizeNotice({ runs: 100, secondsPerRun: 7, threads: 1, yes: false }).refuse).toBe(true);
    expect(sizeNotice({ runs: 100, secondsPerRun: 7, threads: 2, yes: false }).refuse).toBe(false);
    expect(sizeNotice({ runs: 100, secondsPerRun: 7, threads: 1, yes: true })).toEqual({ refuse: false, text: '100 runs, about 12 min with 1 thread (a run takes about 7.0 s here)' });
    expect(sizeNotice({ runs: 5000, secondsPerRun: 1, threads: 1, yes: true, resumed: 12 }).text).toBe('5,000 runs left (12 already done), about 83 min with 1 thread (a run takes about 1.0 s here)');
  });
  it('waits for --yes beyond 100,000 runs, however fast a run is (the same command asks on every machine)', () => {
    expect(sizeNotice({ runs: 100_001, secondsPerRun: 0.000_1, threads: 8, yes: false }).refuse).toBe(true);
    expect(sizeNotice({ runs: 100_000, secondsPerRun: 0.000_1, threads: 8, yes: false }).refuse).toBe(false);
    expect(sizeNotice({ runs: 100_001, secondsPerRun: 0.000_1, threads: 8, yes: true }).refuse).toBe(false);
  });
  it('reads durations as a person does', () => {
    expect([0.2, 40, 89, 600, 5300, 5400, 86_400, 200_000].map(roughDuration)).toEqual(['1 s', '40 s', '89 s', '10 min', '88 min', '1 h 30 min', '24 h 0 min', '2.3 days']);
  });
});
