/**
 * src/sim is pure (STYLE.md §1, DESIGN.md §6): no Phaser, zustand, DOM, Node I/O, clock, timers,
 * global random generator, or maths whose last bit differs between engines. Checked twice:
 * statically by the linter's rules for src/sim (.oxlintrc.json; this file runs them on the sim
 * and on a probe, so that a rule dropped from the configuration fails here), and at run time
 * (a short run with the clock and Math.random rigged to throw and to count calls), which no
 * linter can say.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const ROOT = resolve(__dirname, '..');
const SCENARIO = resolve(ROOT, 'scenarios/dijon-like.json');
const OXLINT = resolve(ROOT, 'node_modules/oxlint/bin/oxlint');

interface Diagnostic {
  code: string;
  filename: string;
  labels: { span: { line: number } }[];
}

/** Runs the project's linter on `paths` with `config` and returns its diagnostics. */
function lint(config: string, paths: string[], cwd = ROOT): Diagnostic[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [OXLINT, '-c', config, '-f', 'json', ...paths], { cwd, encoding: 'utf8' });
  } catch (e) {
    // oxlint exits with 1 when it finds something; its JSON report is still on stdout.
    out = (e as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { diagnostics: Diagnostic[] }).diagnostics;
}

/** The purity rules of .oxlintrc.json (they apply to src/sim/**). */
const PURITY = /no-restricted-(imports|globals|properties)|no-exponent-operator/;

// The purity rules are the linter's (.oxlintrc.json, run by `npm run lint` in `npm test`); the
// simulation is also linted here, so that a plain `vitest run` still refuses an impure sim.
describe('src/sim under the linter\'s purity rules', () => {
  it('has no import of phaser, zustand, Node or the floors above, no clock, timer, DOM, Math.random or engine-dependent maths', () => {
    const found = lint('.oxlintrc.json', ['src/sim']).filter((d) => PURITY.test(d.code));
    expect(found.map((d) => `${d.filename}:${d.labels[0]?.span.line}: ${d.code}`)).toEqual([]);
  });
});

describe('the purity rules themselves', () => {
  // One forbidden thing per line of a probe file placed at src/sim/ in a scratch copy of the
  // configuration: each must be flagged on its own line; the allowed lines must not be.
  const FORBIDDEN: [string, RegExp][] = [
    ['export const u = Math.random();', /no-restricted-properties/],
    ['export const t = Date.now();', /no-restricted-globals/],
    ['export const t2 = new Date();', /no-restricted-globals/],
    ['export const t3 = performance.now();', /no-restricted-globals/],
    ['setTimeout(() => 0, 10);', /no-restricted-globals/],
    ['export const w = window.innerWidth;', /no-restricted-globals/],
    ["document.title = 'x';", /no-restricted-globals/],
    ['export const e = process.env.SEED;', /no-restricted-globals/],
    ["import Phaser from 'phaser'; export const P = Phaser;", /no-restricted-imports/],
    ["import { createStore } from 'zustand/vanilla'; export const c = createStore;", /no-restricted-imports/],
    ["import { readFileSync } from 'node:fs'; export const r = readFileSync;", /no-restricted-imports/],
    ["import { join } from 'path'; export const j = join;", /no-restricted-imports/],
    ["import { mountGame } from '../game/mount'; export const m = mountGame;", /no-restricted-imports/],
    ['export const d = Math.pow(1.05, -3);', /no-restricted-properties/],
    ['export const y = 1 / (1 + Math.exp(-2));', /no-restricted-properties/],
    ['export const z = Math.log(2) + Math.cos(1);', /no-restricted-properties/],
    ['export const p = (1.05) ** -3;', /no-exponent-operator/],
    ['let q = 2; q **= 3; export const q2 = q;', /no-exponent-operator/],
  ];
  const ALLOWED = [
    '// never call Math.random or Date.now here',
    "export const kind = 'window' + `process. new Date`;",
    'const state = { document: 1, window: 2 }; export const ws = state.window + state.document;',
    "import seedrandom from 'seedrandom'; export const sr = seedrandom;",
    'export const s = Math.sqrt(2) + Math.floor(1.5) + Math.imul(3, 4);',
  ];

  it('flag each forbidden line of a probe in src/sim, and none of the allowed ones', () => {
    const found = lintProbe('src/sim/probe.ts', [...FORBIDDEN.map(([code]) => code), ...ALLOWED]).filter((d) => PURITY.test(d.code));
    const byLine = (line: number) => found.filter((d) => d.labels[0]?.span.line === line).map((d) => d.code);
    FORBIDDEN.forEach(([code, rule], k) => expect(byLine(k + 1).some((c) => rule.test(c)), code).toBe(true));
    ALLOWED.forEach((code, k) => expect(byLine(FORBIDDEN.length + k + 1), code).toEqual([]));
  });
});

// The browser tests wait for conditions, never for a fixed time (issue 10): the same linter says
// it for tests/e2e and the harness they run on.
describe('the browser tests\' waits', () => {
  it('flag waitForTimeout and a setTimeout sleep in tests/e2e, and not a wait for a condition', () => {
    const lines = [
      'export const a = async (page: any) => page.waitForTimeout(50);',
      'export const b = () => new Promise((r) => setTimeout(r, 100));',
      "export const c = async (page: any) => page.waitForFunction(() => (window as any).horizons.getGame().screen === 'end');",
    ];
    const found = lintProbe('tests/e2e/probe.ts', lines).filter((d) => /no-restricted-(properties|globals)/.test(d.code));
    expect(found.map((d) => d.labels[0]?.span.line).sort()).toEqual([1, 2]);
  });
});

/** Lints `lines` written at `path` inside a scratch copy of the project's linter configuration. */
function lintProbe(path: string, lines: string[]): Diagnostic[] {
  const dir = mkdtempSync(join(tmpdir(), 'horizons-lint-'));
  try {
    const config = JSON.parse(stripJsonComments(readFileSync(join(ROOT, '.oxlintrc.json'), 'utf8'))) as { jsPlugins: string[] };
    config.jsPlugins = config.jsPlugins.map((p) => resolve(ROOT, p));
    writeFileSync(join(dir, '.oxlintrc.json'), JSON.stringify(config));
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), lines.join('\n') + '\n');
    return lint('.oxlintrc.json', [dirname(path)], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Drops the // comments of a JSONC file (the configuration's strings hold no //). */
function stripJsonComments(text: string): string {
  return text.replace(/^\s*\/\/.*$/gm, '');
}

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
