/** `npm run sweep`: rows identical for 1 and 2 workers, CSV shape, validation before any run. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMMARY_KEYS } from '../../src/sim';
import { FAST, expectUserError, runCli, tempDir } from './helpers';

const ARGS = ['--scenario', 'dijon-like', '--seeds', '1-3', '--set', 'coordination.alignment=0.2,0.8', ...FAST];

describe('npm run sweep', () => {
  it('gives the same rows with 1 and 2 workers, in (combination, seed) order', async () => {
    const dir = tempDir();
    const out = join(dir, 'two.csv');
    // The 2-worker sweep runs from another directory: its worker is bundled from the sources' own paths.
    const [one, two] = await Promise.all([runCli('sweep', [...ARGS, '--workers', '1']), runCli('sweep', [...ARGS, '--workers', '2', '--out', out], dir)]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(one.stdout);
    const lines = one.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(['seed', 'coordination.alignment', ...SUMMARY_KEYS, 'stateHash'].join(','));
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([['1', '0.2'], ['2', '0.2'], ['3', '0.2'], ['1', '0.8'], ['2', '0.8'], ['3', '0.8']]);
    for (const r of rows) expect(r).toHaveLength(2 + SUMMARY_KEYS.length + 1);
    // The swept value changes the runs: the hashes of the two combinations differ.
    expect(new Set(rows.map((r) => r[r.length - 1])).size).toBe(6);
    // stderr: a one-line summary (no progress bar when stderr is not a terminal).
    expect(two.stderr).toMatch(/^sweep: 6 runs \(2 combinations × 3 seeds\) in [\d.]+ s with 2 workers/);
  });

  it('validates every --set combination before any run, and writes nothing', async () => {
    const out = join(tempDir(), 'never.csv');
    const [bad, seeds] = await Promise.all([
      runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '1-2', '--set', 'coordination.alignment=0.5,7', '--out', out]),
      runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '5-2']),
    ]);
    expectUserError(bad, 'sweep', ['coordination.alignment', 'found 7']);
    expect(existsSync(out)).toBe(false);
    expectUserError(seeds, 'sweep', ['--seeds: found 5-2']);
  });
});
