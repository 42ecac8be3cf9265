/** `sim --save` then `npm run replay`: same hash as the run; a tampered hash names its year. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAST, expectUserError, runCli, tempDir } from './helpers';

describe('npm run replay', () => {
  it('replays a save made by sim --save to the same stateHash, and catches a tampered year', async () => {
    const dir = tempDir();
    const save = join(dir, 'run.json');
    const run = await runCli('sim', ['--scenario', 'dijon-like', '--seed', '7', '--set', 'city.presentBias=0.6', '--save', save, ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    const hash = JSON.parse(run.stdout).stateHash as string;
    const saved = JSON.parse(readFileSync(save, 'utf8'));
    expect(saved.format).toBe('horizons-save');
    expect(saved.yearlyHashes).toHaveLength(3);
    expect(saved.finalHash).toBe(hash);

    const tampered = join(dir, 'tampered.json');
    const t = structuredClone(saved);
    t.yearlyHashes[1] = t.yearlyHashes[1].split('').reverse().join('');
    writeFileSync(tampered, JSON.stringify(t));

    const [plain, json, bad] = await Promise.all([runCli('replay', [save]), runCli('replay', [save, '--format', 'json']), runCli('replay', [tampered])]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(hash + '\n');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, finalHash: hash, years: 3, contracts: JSON.parse(run.stdout).contracts });
    expectUserError(bad, 'replay', [tampered, 'year 2 of 3: the save expects stateHash ' + t.yearlyHashes[1], 'does not replay'], 1);
  });

  it('prints a replayed game\'s yearly series as CSV, the same rows as sim --format csv, and writes it with --out', async () => {
    const dir = tempDir();
    const save = join(dir, 'run.json');
    const args = ['--scenario', 'dijon-like', '--seed', '11', '--set', 'coordination.alignment=0.7', ...FAST];
    const [made, csv] = await Promise.all([runCli('sim', [...args, '--save', save]), runCli('sim', [...args, '--format', 'csv'])]);
    expect(made.code, made.stderr).toBe(0);
    expect(csv.code, csv.stderr).toBe(0);
    const out = join(dir, 'replayed.csv');
    const [printed, written, self] = await Promise.all([
      runCli('replay', [save, '--format', 'csv']),
      runCli('replay', [save, '--format', 'csv', '--out', out]),
      runCli('replay', [save, '--format', 'csv', '--out', save]),
    ]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout.split('\n')[0]).toMatch(/^year,yearIndex,/);
    expect(printed.stdout.trim().split('\n')).toHaveLength(1 + 3);
    expect(printed.stdout).toBe(csv.stdout);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(csv.stdout);
    expectUserError(self, 'replay', ['--out', 'is the file read as the save being replayed', 'writing over an input is refused'], 2);
    expect(JSON.parse(readFileSync(save, 'utf8')).format).toBe('horizons-save');
  });
});
