/**
 * What a review of the command line found (issue 12): inputs that are not regular files (a device,
 * a pipe) or too large are refused before they are read; an existing read-only output is not
 * replaced; `--out -` is stdout; two sweeps on one `--out` at once are kept apart by a lock; and
 * a few messages say what to do.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, chmodSync, ftruncateSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FAST, expectUserError, runCli, tempDir } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sim = (...args: string[]) => runCli('sim', ['--seed', '1', ...FAST, ...args]);

describe.concurrent('inputs must be regular files of at most 50 MB, checked before reading', () => {
  it('a device (/dev/zero) as --scenario, and as the save of replay, is refused at once', async () => {
    const [s, r] = await Promise.all([sim('--scenario', '/dev/zero'), runCli('replay', ['/dev/zero'])]);
    expectUserError(s, 'sim', ['scenario file /dev/zero is a device; expected a regular JSON file']);
    expectUserError(r, 'replay', ['save file /dev/zero is a device; expected a regular JSON file']);
  });

  it('a named pipe is refused without opening it (opening would block)', async () => {
    const fifo = join(tempDir(), 'p.fifo');
    execFileSync('mkfifo', [fifo]);
    expectUserError(await sim('--scenario', fifo), 'sim', [`scenario file ${fifo} is a named pipe`]);
  });

  it('a file above 50 MB is refused by its size, unread', async () => {
    const big = join(tempDir(), 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024 + 1); // sparse: no 50 MB written
    closeSync(fd);
    const [s, r] = await Promise.all([sim('--scenario', big), runCli('replay', [big])]);
    expectUserError(s, 'sim', [`scenario file ${big} is 50.0 MB; expected a JSON file of at most 50 MB`]);
    expectUserError(r, 'replay', [`save file ${big} is 50.0 MB`]);
  });
});

describe.concurrent('an existing read-only output is not replaced', () => {
  it('mode 444 (nobody may write it) is refused, even for root, and the file is kept', async () => {
    const dir = tempDir();
    const out = join(dir, 'ro.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o444);
    const r = await sim('--scenario', 'dijon-like', '--format', 'csv', '--out', out);
    expectUserError(r, 'sim', [`--out ${out} exists and is read-only (mode 444); it is not replaced: make it writable (chmod u+w) or choose another path`]);
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['ro.csv']);
  });

  const asNobody = process.getuid?.() === 0 && spawnSync('runuser', ['--help']).status === 0;
  it.skipIf(!asNobody)('a file another user owns (mode 644) is refused for a user who may not write it (runuser -u nobody)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const out = join(dir, 'theirs.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    const tsx = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--import', tsx, join(ROOT, 'src/cli/sim.ts'), '--seed', '1', ...FAST, '--scenario', 'dijon-like', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', HOME: dir },
    });
    expectUserError({ code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }, 'sim', [`--out ${out} exists and is read-only (mode 644, not writable by you); it is not replaced: choose another path`]);
    expect(readFileSync(out, 'utf8')).toBe('old');
  });
});

describe.concurrent('--out - is stdout', () => {
  it('sim, replay and sweep print to stdout and write no file named "-"', async () => {
    const dir = tempDir();
    const save = join(dir, 's.json');
    const [plain, dash] = await Promise.all([sim('--scenario', 'dijon-like', '--save', save), runCli('sim', ['--seed', '1', ...FAST, '--scenario', 'dijon-like', '--out', '-'], dir)]);
    expect(dash.code, dash.stderr).toBe(0);
    expect(dash.stdout).toBe(plain.stdout);
    const [replay, sweep] = await Promise.all([
      runCli('replay', [save, '--out', '-'], dir),
      runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '1-2', ...FAST, '--out', '-'], dir),
    ]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/^[0-9a-f]+\n$/);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(readdirSync(dir)).toEqual(['s.json']);
  });

  it('--save - is refused: a save is a file', async () => {
    const dir = tempDir();
    const r = await runCli('sim', ['--seed', '1', ...FAST, '--scenario', 'dijon-like', '--save', '-'], dir);
    expectUserError(r, 'sim', ['--save -: a save goes to a file', 'give a path such as save.json']);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe.concurrent('one sweep at a time on an --out: <out>.partial.lock', () => {
  const ARGS = ['--scenario', 'dijon-like', '--seeds', '1-2', ...FAST];

  it('a lock held by a live process is refused with its pid; nothing is touched', async () => {
    const dir = tempDir();
    const out = join(dir, 'a.csv');
    writeFileSync(out + '.partial.lock', `${process.pid}\n`);
    const r = await runCli('sweep', [...ARGS, '--out', out]);
    expectUserError(r, 'sweep', [`another sweep (pid ${process.pid}) is writing ${out}`, 'choose another --out']);
    expect(readdirSync(dir)).toEqual(['a.csv.partial.lock']);
    expect(readFileSync(out + '.partial.lock', 'utf8')).toBe(`${process.pid}\n`);
  });

  it('a stale lock (its process is gone) is taken over, and the lock is removed at the end', async () => {
    const dir = tempDir();
    const out = join(dir, 'b.csv');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(out + '.partial.lock', `${gone}\n`);
    const r = await runCli('sweep', [...ARGS, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['b.csv']);
  });

  it('a lock path that is a directory or holds no pid is refused, not taken over', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'd.csv.partial.lock'));
    writeFileSync(join(dir, 'e.csv.partial.lock'), 'junk');
    const [d, e] = await Promise.all([runCli('sweep', [...ARGS, '--out', join(dir, 'd.csv')]), runCli('sweep', [...ARGS, '--out', join(dir, 'e.csv')])]);
    expectUserError(d, 'sweep', [`${dir}/d.csv.partial.lock cannot be taken over (it is a directory): remove it, or choose another --out`]);
    expectUserError(e, 'sweep', [`${dir}/e.csv.partial.lock is not a sweep's lock`]);
    expect(readdirSync(dir).sort()).toEqual(['d.csv.partial.lock', 'e.csv.partial.lock']);
  });

  it('a crash leaves its lock, which the next sweep takes over and releases, even when it refuses', async () => {
    const dir = tempDir();
    const out = join(dir, 'c.csv');
    const crashed = await runCli('sweep', [...ARGS, '--out', out], undefined, { HORIZONS_SWEEP_STOP_AFTER: '1:SIGKILL' });
    expect(crashed.signal).toBe('SIGKILL');
    expect(readFileSync(out + '.partial.lock', 'utf8')).toMatch(/^\d+\n$/);
    const again = await runCli('sweep', [...ARGS, '--out', out]);
    expectUserError(again, 'sweep', ['holds 1 finished run of an interrupted sweep']);
    expect(existsSync(out + '.partial.lock')).toBe(false);
    expect(readdirSync(dir)).toEqual(['c.csv.partial']);
  });
});

describe.concurrent('messages that say what to do', () => {
  it('a checkpoint path that is a directory: remove it or choose another --out', async () => {
    const dir = tempDir();
    const out = join(dir, 'h.csv');
    mkdirSync(out + '.partial');
    const r = await runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '1', ...FAST, '--out', out]);
    expectUserError(r, 'sweep', [`the checkpoint ${out}.partial is a directory`, 'remove it or move it away, or choose another --out']);
    expect(r.stderr).not.toContain('such as');
    expect(statSync(out + '.partial').isDirectory()).toBe(true);
  });

  it.skipIf(!existsSync('/proc/self'))('--out in /proc says the directory takes no new file', async () => {
    const r = await sim('--scenario', 'dijon-like', '--out', '/proc/x.json');
    expectUserError(r, 'sim', ['--out /proc/x.json: cannot write in the directory /proc (it does not take new files']);
    expect(r.stderr).not.toContain('no such file');
  });

  it('--agents out of range gives the range as a person reads it', async () => {
    const run = (agents: string) => runCli('sim', ['--seed', '1', '--years', '1', '--scenario', 'dijon-like', '--agents', agents]);
    const [low, high] = await Promise.all([run('10'), run('100001')]);
    expectUserError(low, 'sim', ['--agents: found 10, expected a whole number from 50 to 100,000']);
    expectUserError(high, 'sim', ['--agents: found 100001, expected a whole number from 50 to 100,000']);
  });
});
