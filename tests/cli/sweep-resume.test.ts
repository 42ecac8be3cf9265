/**
 * A sweep keeps what it did (issue 12): each finished run goes to `<out>.partial` at once, so a
 * crash (SIGKILL), Ctrl-C (SIGINT) or a full disk keeps every finished run; `--resume` continues
 * and its output is byte for byte that of an uninterrupted sweep. The sweep is stopped at a known
 * point by its test hook (HORIZONS_SWEEP_STOP_AFTER), not by a timer. A job estimated at more than
 * ten minutes states its size and waits for --yes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAST, expectUserError, runCli, tempDir } from './helpers';

const ARGS = ['--scenario', 'dijon-like', '--seeds', '1-4', '--set', 'coordination.alignment=0.2,0.8', ...FAST];
const TOTAL = 8;

/** The uninterrupted sweep's CSV (stdout), the reference every resumed sweep must equal. */
let reference = '';
beforeAll(async () => {
  const r = await runCli('sweep', [...ARGS, '--workers', '2']);
  if (r.code !== 0 || r.stdout.trimEnd().split('\n').length !== 1 + TOTAL) throw new Error(`the reference sweep failed: ${r.stderr}`);
  reference = r.stdout;
});

const stopAfter = (n: number, signal = 'SIGKILL') => ({ HORIZONS_SWEEP_STOP_AFTER: `${n}:${signal}` });
const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');

describe.concurrent('npm run sweep --out: checkpoint and --resume', () => {
  it('a crash (SIGKILL) keeps the finished runs; --resume finishes with the same file as an uninterrupted sweep', async () => {
    const dir = tempDir();
    const out = join(dir, 'a.csv');
    const crashed = await runCli('sweep', [...ARGS, '--workers', '2', '--out', out], undefined, stopAfter(3));
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const kept = lines(out + '.partial');
    expect(kept).toHaveLength(1 + 3); // the header, then the three runs recorded before the crash
    for (const l of kept.slice(1)) expect(reference).toContain(JSON.parse(l).row + '\n');

    // Without --resume the checkpoint is not thrown away: the sweep refuses to start over.
    const again = await runCli('sweep', [...ARGS, '--out', out]);
    expectUserError(again, 'sweep', [`${out}.partial holds 3 finished runs of an interrupted sweep`, '--resume']);
    expect(lines(out + '.partial')).toEqual(kept);

    const resumed = await runCli('sweep', [...ARGS, '--workers', '2', '--out', out, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming from ${out}.partial: 3 of ${TOTAL} runs already done`);
    expect(resumed.stderr).toMatch(/8 runs \(2 combinations × 4 seeds, 3 resumed\)/);
    expect(readFileSync(out, 'utf8')).toBe(reference);
    expect(readdirSync(dir)).toEqual(['a.csv']); // the checkpoint is gone once the file is written
  });

  it('Ctrl-C (SIGINT) with one thread: stops between runs, says what is kept, exits 130; a line cut short is dropped on resume', async () => {
    const dir = tempDir();
    const out = join(dir, 'b.csv');
    const stopped = await runCli('sweep', [...ARGS, '--workers', '1', '--out', out], undefined, stopAfter(2, 'SIGINT'));
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(new RegExp(`interrupted \\(SIGINT\\): \\d of ${TOTAL} runs are kept in ${out}\\.partial; run the same command with --resume`));
    const kept = lines(out + '.partial').length - 1;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(TOTAL);
    // A full disk or a crash in the middle of a write leaves the last line cut short.
    appendFileSync(out + '.partial', '{"run":7,"row":"4,0.8,1');
    const resumed = await runCli('sweep', [...ARGS, '--out', out, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(reference);
  });

  it('refuses to resume with other flags, or from a checkpoint the model no longer reproduces, and keeps it', async () => {
    const dir = tempDir();
    const out = join(dir, 'c.csv');
    const crashed = await runCli('sweep', [...ARGS, '--out', out], undefined, stopAfter(2));
    expect(crashed.signal).toBe('SIGKILL');
    const partial = out + '.partial';
    const kept = readFileSync(partial, 'utf8');
    const otherYears = ARGS.map((a) => (a === '3' ? '4' : a));
    const other = await runCli('sweep', [...otherYears, '--out', out, '--resume']);
    expectUserError(other, 'sweep', [`the checkpoint ${partial} belongs to another sweep (different years)`, 'delete it to start over']);
    // A run whose recorded result differs (as after a change of the model) is caught by running it again.
    const [head, first, ...rest] = kept.split('\n');
    const entry = JSON.parse(first!);
    entry.row = entry.row.replace(/,[^,]+$/, ',0000');
    writeFileSync(partial, [head, JSON.stringify(entry), ...rest].join('\n'));
    const changed = await runCli('sweep', [...ARGS, '--out', out, '--resume']);
    expectUserError(changed, 'sweep', [`the checkpoint ${partial} does not match this version of the model`]);
    expect(existsSync(partial)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it('--resume needs --out; --resume with nothing to resume starts from the first run', async () => {
    const out = join(tempDir(), 'd.csv');
    const [noOut, fresh] = await Promise.all([runCli('sweep', [...ARGS, '--resume']), runCli('sweep', [...ARGS, '--out', out, '--resume'])]);
    expectUserError(noOut, 'sweep', ['--resume needs --out']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toContain('nothing to resume');
    expect(readFileSync(out, 'utf8')).toBe(reference);
  });
});

describe.concurrent('npm run sweep to stdout', () => {
  it('prints each row as it comes, in order: Ctrl-C keeps the rows printed', async () => {
    const r = await runCli('sweep', [...ARGS, '--workers', '1'], undefined, stopAfter(3, 'SIGINT'));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted \(SIGINT\) after \d of 8 runs; the rows printed are complete/);
    const printed = r.stdout.split('\n').length - 1;
    expect(printed).toBeGreaterThanOrEqual(1 + 3);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(reference.startsWith(r.stdout)).toBe(true);
  });

  it('a day-long job states its size and estimated time, and starts only with --yes (nothing written)', async () => {
    const dir = tempDir();
    const out = join(dir, 'huge.csv');
    const r = await runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '1-1000000', '--years', '1', '--agents', '50', '--out', out]);
    expectUserError(r, 'sweep', [/^sweep: 1,000,000 runs, about .+ with 1 thread \(a run takes about [\d.]+ s here\); add --yes to start it/]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
