/**
 * File outputs are safe (issue 12, "data lost or changed without consent"): `--out`, `--save` and
 * the inputs are compared as real paths (links resolved, hard links by inode), writing over an
 * input is refused, every output is checked writable before the run, and `--out` replaces nothing
 * but a regular file. Each refusal leaves every file as it was and no temporary file behind.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioInput } from '../../src/cli/run-config';
import { SCENARIOS_DIR } from '../../src/cli/load-scenario';
import { FAST, defaultScenario, expectUserError, runCli, tempDir } from './helpers';

const sim = (...args: string[]) => runCli('sim', ['--seed', '1', ...FAST, ...args]);

/** A directory this process cannot create files in: a read-only one, or /sys as root (which ignores modes). */
function unwritableDir(): string {
  if (process.getuid?.() === 0) return '/sys';
  const dir = join(tempDir(), 'locked');
  mkdirSync(dir);
  chmodSync(dir, 0o555);
  return dir;
}

/** A scenario file in a fresh directory, and its text. */
function scenarioFile(): { dir: string; path: string; text: string } {
  const dir = tempDir();
  const path = join(dir, 'f.json');
  const text = JSON.stringify(defaultScenario(), null, 2);
  writeFileSync(path, text);
  return { dir, path, text };
}

describe.concurrent('sim: outputs compared as real paths', () => {
  it('--out a/./x.json --save a/x.json is refused, and neither file is written', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'x.json'), 'keep me');
    const r = await sim('--scenario', 'dijon-like', '--out', `${dir}/a/./x.json`, '--save', join(dir, 'a', 'x.json')); // not join(): it would remove the './'
    expectUserError(r, 'sim', ['--out', '--save', 'are the same file', 'give two different files']);
    expect(readFileSync(join(dir, 'a', 'x.json'), 'utf8')).toBe('keep me');
    expect(readdirSync(join(dir, 'a'))).toEqual(['x.json']);
  });

  it('--out and --save through a linked directory are the same file too', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    const r = await sim('--scenario', 'dijon-like', '--out', join(dir, 'real', 'x.json'), '--save', join(dir, 'alias', 'x.json'));
    expectUserError(r, 'sim', ['are the same file']);
    expect(readdirSync(join(dir, 'real'))).toEqual([]);
  });

  it('--scenario f.json --out f.json is refused: the scenario is not overwritten', async () => {
    const { path, text } = scenarioFile();
    expectUserError(await sim('--scenario', path, '--out', path), 'sim', [`--out ${path} is the file read as --scenario`, 'writing over an input is refused']);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('the scenario reached through a symbolic link or a hard link is refused as --out and --save', async () => {
    const { dir, path, text } = scenarioFile();
    symlinkSync(path, join(dir, 'link.json'));
    linkSync(path, join(dir, 'hard.json'));
    const [viaLink, viaHard] = await Promise.all([
      sim('--scenario', join(dir, 'link.json'), '--out', path),
      sim('--scenario', path, '--save', join(dir, 'hard.json')),
    ]);
    expectUserError(viaLink, 'sim', ['is the file read as --scenario']);
    expectUserError(viaHard, 'sim', ['--save', 'is the file read as --scenario']);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(['f.json', 'hard.json', 'link.json']);
  });

  it('a scenario id is an input too: its file in scenarios/', () => {
    expect(scenarioInput('dijon-like')).toEqual({ flag: '--scenario', path: join(SCENARIOS_DIR, 'dijon-like.json') });
    expect(scenarioInput('./mine.json')).toEqual({ flag: '--scenario', path: './mine.json' });
  });
});

describe.concurrent('sim: outputs checked before the run', () => {
  it('--save s.json --out <unwritable> exits 2 before s.json is touched', async () => {
    const dir = tempDir();
    const save = join(dir, 's.json');
    writeFileSync(save, 'the old save');
    const out = join(unwritableDir(), 'x.json');
    const r = await sim('--scenario', 'dijon-like', '--save', save, '--out', out);
    expectUserError(r, 'sim', [`--out ${out}: cannot write in the directory`, 'permission denied']);
    expect(readFileSync(save, 'utf8')).toBe('the old save');
    expect(readdirSync(dir)).toEqual(['s.json']);
  });

  it('--out in a missing directory, and --out <a directory>, say so', async () => {
    const dir = tempDir();
    const [missing, isDir, slash] = await Promise.all([
      sim('--scenario', 'dijon-like', '--out', join(dir, 'nope', 'x.json')),
      sim('--scenario', 'dijon-like', '--out', dir),
      sim('--scenario', 'dijon-like', '--out', dir + '/'),
    ]);
    expectUserError(missing, 'sim', [`the directory ${join(dir, 'nope')} does not exist`]);
    expectUserError(isDir, 'sim', [`--out ${dir} is a directory; expected a file path such as ${join(dir, 'out.csv')}`]);
    expectUserError(slash, 'sim', [`--out ${dir}/ is a directory path; expected a file path`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--help=yes names the switch', async () => {
    expectUserError(await runCli('sim', ['--help=yes']), 'sim', ['flag --help is a switch and takes no value: write --help alone']);
  });
});

describe.concurrent('sim: --out replaces only a regular file', () => {
  it('refuses a symbolic link (the link and its target stay as they were)', async () => {
    const dir = tempDir();
    const target = join(dir, 'target.json');
    writeFileSync(target, 'target');
    symlinkSync(target, join(dir, 'link.json'));
    const r = await sim('--scenario', 'dijon-like', '--out', join(dir, 'link.json'));
    expectUserError(r, 'sim', [`--out ${join(dir, 'link.json')} is a symbolic link to ${target}`, 'replaces only a regular file']);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('target');
  });

  it('refuses a named pipe, as it would a device such as /dev/null', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await sim('--scenario', 'dijon-like', '--format', 'csv', '--out', fifo);
    expectUserError(r, 'sim', [`--out ${fifo} is a named pipe; --out writes only regular files`, 'redirect stdout']);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('replaces a regular file atomically, keeping its mode, and writes --out and --save together', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.json');
    const save = join(dir, 'save.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    const r = await sim('--scenario', 'dijon-like', '--out', out, '--save', save);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).stateHash).toBe(JSON.parse(readFileSync(save, 'utf8')).finalHash);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'save.json']);
  });
});

describe.concurrent('replay and sweep: the same checks', () => {
  it('replay --out through a link to the save being replayed is refused', async () => {
    const dir = tempDir();
    const save = join(dir, 'save.json');
    const made = await sim('--scenario', 'dijon-like', '--save', save);
    expect(made.code, made.stderr).toBe(0);
    const before = readFileSync(save, 'utf8');
    mkdirSync(join(dir, 'sub'));
    symlinkSync(dir, join(dir, 'sub', 'up'));
    const r = await runCli('replay', [save, '--format', 'csv', '--out', join(dir, 'sub', 'up', 'save.json')]);
    expectUserError(r, 'replay', ['is the file read as the save being replayed']);
    expect(readFileSync(save, 'utf8')).toBe(before);
  });

  it('sweep: an unwritable --out, or --out over the scenario, is refused before the first run', async () => {
    const { path, text } = scenarioFile();
    const out = join(unwritableDir(), 'x.csv');
    const [unwritable, over] = await Promise.all([
      runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '1-3', ...FAST, '--out', out]),
      runCli('sweep', ['--scenario', path, '--seeds', '1-3', ...FAST, '--out', path]),
    ]);
    expectUserError(unwritable, 'sweep', [`--out ${out}: cannot write in the directory`]);
    expectUserError(over, 'sweep', ['is the file read as --scenario']);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(path + '.partial')).toBe(false);
  });
});
