/**
 * src/sim is pure (STYLE.md §1, DESIGN.md §6): no Phaser, zustand, DOM, Node I/O, clock, timers
 * or global random generator. Checked twice: statically (a scan of every file under src/sim) and
 * at run time (a short run with the clock and Math.random rigged to throw and to count calls).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blankNonCode, scanDir, scanSource, sourceFiles } from './helpers/purity-scan';

const SIM_DIR = resolve(__dirname, '../src/sim');
const SCENARIO = resolve(__dirname, '../scenarios/dijon-like.json');

const format = (vs: ReturnType<typeof scanDir>) => vs.map((v) => `${v.file}:${v.line}: ${v.rule}\n    ${v.text}`).join('\n');

describe('static scan of src/sim', () => {
  it('finds the simulation sources', () => {
    expect(sourceFiles(SIM_DIR).length).toBeGreaterThan(3);
  });

  it('finds no import of phaser, zustand or Node modules, and no clock, timer, DOM or Math.random', () => {
    const violations = scanDir(SIM_DIR, resolve(SIM_DIR, '..')).filter((v) => v.kind === 'impure');
    expect(violations, `src/sim must stay pure:\n${format(violations)}`).toEqual([]);
  });

  // Same seed, same bits in Node and in Chromium (DESIGN.md §8): engines round exp, log, pow,
  // sin, cos… differently in the last bit, so the sim must not call them (see tests/e2e).
  it('calls no Math function whose rounding differs between JS engines', () => {
    const violations = scanDir(SIM_DIR, resolve(SIM_DIR, '..')).filter((v) => v.kind === 'engine');
    expect(violations, `engine-dependent maths in src/sim:\n${format(violations)}`).toEqual([]);
  });
});

describe('the scanner itself', () => {
  const flags = (src: string) => scanSource('x.ts', src).map((v) => v.rule);

  it.each([
    ['const u = Math.random();', /Math\.random/],
    ['const u = Math . random ();', /Math\.random/],
    ['const t = Date.now();', /clock/],
    ['const t = new Date();', /clock/],
    ['const t = new Date', /clock/],
    ['const s = Date();', /clock/],
    ['const t = performance.now();', /clock/],
    ['setTimeout(() => 0, 10);', /timer/],
    ['const id = setInterval(f, 10);', /timer/],
    ['const w = window.innerWidth;', /window/],
    ['document.title = "x";', /document/],
    ['const e = process.env.SEED;', /process/],
    ["import Phaser from 'phaser';", /phaser/],
    ["import { createStore } from 'zustand/vanilla';", /zustand/],
    ["import { readFileSync } from 'node:fs';", /node:/],
    ["import { join } from 'path';", /built-in/],
    ["import { Worker } from 'worker_threads';", /built-in/],
    ["const fs = require('fs');", /built-in/],
    ["const m = await import('node:perf_hooks');", /node:/],
    ['const label = `${Math.random()}`;', /Math\.random/],
    ["const re = /'/; const u = Math.random();", /Math\.random/],
    ['const d = Math.pow(1 + r, -t);', /engine-dependent/],
    ['const y = 1 / (1 + Math.exp(-z));', /engine-dependent/],
    ['const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(v);', /engine-dependent/],
    ['const d = (1 + r) ** -t;', /\*\*/],
  ])('flags %s', (src, rule) => {
    expect(flags(src).some((r) => rule.test(r))).toBe(true);
  });

  it.each([
    ['// never call Math.random or Date.now here'],
    ['/* the window of opportunity; a document; new Date */ const x = 1;'],
    ["const kind = 'window';"],
    ['const msg = `process. ${count} new Date`;'],
    ["const id = z.string().regex(/^[a-z0-9-]+$/, 'a lower-case id');"],
    ['const state = { document: 1 }; const w = state.window;'],
    ['const updatedAt = obj.Date; const now = clock.now;'],
    ["import seedrandom from 'seedrandom'; import { x } from './rng';"],
    ['/** A doc comment. */ const s = Math.sqrt(x) + Math.floor(y) + Math.imul(a, b);'],
  ])('does not flag %s', (src) => {
    expect(flags(src)).toEqual([]);
  });

  it('keeps line numbers while blanking comments and strings', () => {
    const src = "/* a\n b */ const s = 'x';\nMath.random();";
    expect(blankNonCode(src).split('\n').length).toBe(3);
    expect(scanSource('x.ts', src)[0]?.line).toBe(3);
  });

  it('catches a Math.random() added to a copy of src/sim, and only that', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'horizons-purity-'));
    try {
      cpSync(SIM_DIR, scratch, { recursive: true });
      const before = format(scanDir(scratch));
      const victim = sourceFiles(scratch)[0]!;
      writeFileSync(victim, `${readFileSync(victim, 'utf8')}\nexport const sneaky = () => Math.random();\n`);
      const after = scanDir(scratch);
      const added = after.filter((v) => !before.includes(`${v.file}:${v.line}: ${v.rule}`));
      expect(added).toHaveLength(1);
      expect(added[0]!.rule).toMatch(/Math\.random/);
      expect(added[0]!.text).toContain('sneaky');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('runtime trap', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('runs 3 years with 500 agents without touching Math.random, the clock or timers', async () => {
    // Imported here so that the static scan above still reports when the sim does not load.
    const { parseScenario, runSimulation } = await import('../src/sim');
    const parsed = parseScenario(JSON.parse(readFileSync(SCENARIO, 'utf8')), SCENARIO);
    if (!parsed.ok) throw new Error(parsed.error);

    const calls: string[] = [];
    const trap = (name: string) => () => {
      calls.push(name);
      throw new Error(`src/sim called ${name}`);
    };
    const RealDate = Date;
    class TrappedDate extends RealDate {
      constructor(...args: ConstructorParameters<typeof Date>) {
        trap('new Date')();
        super(...args);
      }
      static override now = trap('Date.now');
    }
    vi.spyOn(Math, 'random').mockImplementation(trap('Math.random'));
    vi.spyOn(performance, 'now').mockImplementation(trap('performance.now'));
    vi.stubGlobal('Date', TrappedDate);
    vi.stubGlobal('setTimeout', trap('setTimeout'));
    vi.stubGlobal('setInterval', trap('setInterval'));

    const run = () => runSimulation(parsed.value, { seed: 1, years: 3, agents: 500 });
    let first: ReturnType<typeof runSimulation> | undefined;
    let second: ReturnType<typeof runSimulation> | undefined;
    try {
      first = run();
      second = run();
    } finally {
      vi.restoreAllMocks();
      vi.unstubAllGlobals();
    }
    // A call swallowed by a try/catch inside the sim still shows here.
    expect(calls).toEqual([]);
    expect(first.yearly).toHaveLength(3);
    expect(second.summary.stateHash).toBe(first.summary.stateHash);
  });
});
