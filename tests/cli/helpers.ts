/**
 * Helpers of the CLI tests: run a real command (`node --import tsx src/cli/<name>.ts`) from the
 * project root, and check that a user's mistake gives one clear message and no stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { UserError } from '../../src/cli/errors';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx's loader by absolute URL, so that commands can also run from another directory. */
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;

export interface CliResult {
  code: number | null;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/cli/<command>.ts` with `args`, cwd = project root (or `cwd`), with `env` added. */
export function runCli(command: 'sim' | 'sweep' | 'replay' | 'bench' | 'calibrate', args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/cli', `${command}.ts`), ...args], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * A user's mistake: exit code 2 (or `code`), nothing on stdout, a message on stderr that
 * starts with the command's name and contains every `needle`, and no stack trace.
 */
export function expectUserError(r: CliResult, command: string, needles: (string | RegExp)[], code = 2): void {
  const context = `exit ${r.code}\nstderr:\n${r.stderr}\nstdout:\n${r.stdout}`;
  expect(r.code, context).toBe(code);
  expect(r.stdout, context).toBe('');
  expect(r.stderr.startsWith(`${command}: `), context).toBe(true);
  expect(r.stderr, context).not.toMatch(/^\s+at /m);
  expect(r.stderr, context).not.toMatch(/internal error/);
  for (const n of needles) {
    if (typeof n === 'string') expect(r.stderr, context).toContain(n);
    else expect(r.stderr, context).toMatch(n);
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'horizons-cli-'));
}

/** The reference scenario as a fresh plain object, to mutate in tests. */
export function defaultScenario(): Record<string, any> {
  return JSON.parse(readFileSync(join(ROOT, 'scenarios/dijon-like.json'), 'utf8'));
}

/** Writes a scenario object (after `mutate`) to `<dir>/<name>.json` and returns the path. */
export function writeScenario(dir: string, name: string, mutate: (s: Record<string, any>) => void): string {
  const s = defaultScenario();
  mutate(s);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(s, null, 2));
  return path;
}

/** Fast run flags: the tests check shapes and messages, not the model. */
export const FAST = ['--years', '3', '--agents', '500'];

/** The message of the UserError `f` throws (fails if it throws something else or nothing). */
export function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}
