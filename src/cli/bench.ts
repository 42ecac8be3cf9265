/**
 * `npm run bench [-- --only <prefix>]`: the performance figures of DESIGN §7 as a JSON array of
 * `{ name, value, unit, target, ok }` on stdout (progress on stderr). Each figure is a median:
 *  - sim.run30y.ms, sim.citizenMonthsPerSec: a 30-year run of dijon-like with 10,000 citizen
 *    agents in this process, after 10 warm-up runs, median of 9 timed runs. The JIT settles after
 *    about 7 runs (runs 1–6 take 1.3–5× the steady time: V8 is still compiling and re-optimising
 *    the computer players' valuation code); with 2 warm-ups most timed runs were still warming
 *    up, so the median moved with the machine's load more than with the model. A sweep, which
 *    runs hundreds of seeds in one thread, sees the steady time;
 *  - sim.loopBoundRatio: the bare loop of the citizens' irreducible work (bench-loop-bound.ts: one
 *    seeded alea draw and one satisfaction update per citizen-month, typed arrays, 10,000 × 360)
 *    timed in the same process, interleaved with the timed runs above (one pass before each run,
 *    after as many warm-up passes as warm-up runs): median bound ÷ median run (1 = the model costs no more than its
 *    citizens' bare loop; target ≥ 0.5, the model no slower than twice the bare loop);
 *  - sim.peakRssMB: peak RSS of one such run, each in its own child process, median of 3;
 *  - sweep.speedup2workers: a 200-seed sweep (30 years, 10,000 agents) through the same
 *    `runSweep` as `npm run sweep -- --workers 1` against `--workers 2`, each sweep with its own
 *    fresh worker (bundled and started by the sweep, as the command does), wall time ratio,
 *    median of 3 pairs. One difference with the command remains: after the first sweep, this
 *    thread's JIT is warm (the command's first runs are about 0.6 s slower, with 1 or 2 workers);
 *  - sweep.speedup2workersWarm (no target): the same, with a worker thread kept warm across
 *    repeats (after a 30-seed warm-up): how the sweep itself scales, without any start-up;
 *  - sweep.workerStartMs: the start-up of one worker thread (bundling included, until it has
 *    loaded the model), median of 5.
 *  - ai.decision.p95ms, game.aiVsAi18y.ms (issue 3): see `aiGamesTimed`;
 *  - browser.* and bundle.appGzipKB (issue 4): see bench-browser.ts.
 * Later issues add their figures to FIGURES.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolvePolicy, runSimulation, type Policy, type Scenario } from '../sim';
import { fail, runMain, unwrap } from './errors';
import { parseCommandLine, str, usage, type FlagSpecs } from './args';
import { loadScenario, PROJECT_ROOT } from './load-scenario';
import { appGzipKB, cityViewFps, closeBrowserBench, coldLoadMs, longestTaskMs } from './bench-browser';
import { openSweepPool, runSweep, type SweepOptions, type SweepPlan } from './sweep-core';
import { timeLoopBound } from './bench-loop-bound';

const BENCH_FLAGS = {
  only: { type: 'string', value: '<prefix>', help: 'run only the figures whose names start with this prefix (e.g. sim, sweep)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagSpecs;

/** The reference run: DESIGN §7 / issue 2. */
const SCENARIO_ID = 'dijon-like';
const YEARS = 30;
const AGENTS = 10_000;
const WARMUP_RUNS = 10;
const TIMED_RUNS = 9;
const RSS_CHILDREN = 3;
/** The sweep benchmark: 200 seeds of the reference scenario, agents and years as below. */
const SWEEP_SEEDS = 200;
const SWEEP_YEARS = 30;
const SWEEP_AGENTS = 10_000;
const SWEEP_REPEATS = 3;
const SWEEP_WARMUP_SEEDS = 30;
const WORKER_START_REPEATS = 5;

const AI_GAME_YEARS = 18;
const AI_WARMUP_GAMES = 2;
const AI_TIMED_GAMES = 5;

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function loadReference(): Scenario {
  return unwrap(loadScenario(SCENARIO_ID)).scenario;
}

let runTimes: { sim: number[]; bound: number[] } | undefined;
/**
 * Timed in-process runs, shared by the sim.* figures that read them, each preceded by one pass of
 * the citizens' bare loop (interleaved, so that both see the same load of the machine).
 */
function timedRuns(): { sim: number[]; bound: number[] } {
  if (runTimes) return runTimes;
  const scenario = loadReference();
  const run = (seed: number) => runSimulation(scenario, { seed, years: YEARS, agents: AGENTS });
  const bound = () => timeLoopBound(scenario, { seed: 1, agents: AGENTS, months: YEARS * 12 });
  // The bare loop's result is consumed (logged) so that it cannot be optimised away.
  let boundResult = 0;
  for (let i = 0; i < WARMUP_RUNS; i++) {
    boundResult += bound().meanSatisfaction;
    run(1);
  }
  const times = { sim: [] as number[], bound: [] as number[] };
  for (let i = 0; i < TIMED_RUNS; i++) {
    const b = bound();
    boundResult += b.meanSatisfaction;
    times.bound.push(b.ms);
    const t0 = performance.now();
    run(1);
    times.sim.push(performance.now() - t0);
  }
  log(`30-year runs (ms): ${times.sim.map((t) => t.toFixed(1)).join(' ')}`);
  log(`citizens' bare loop, 10,000 × ${YEARS * 12} (ms): ${times.bound.map((t) => t.toFixed(1)).join(' ')} (mean satisfaction summed over passes ${boundResult.toFixed(6)})`);
  runTimes = times;
  return runTimes;
}

function peakRssMB(): number {
  const child = fileURLToPath(new URL('./bench-rss-child.ts', import.meta.url));
  const values: number[] = [];
  for (let i = 0; i < RSS_CHILDREN; i++) {
    // The child runs TypeScript too: give it the loader this process runs under (tsx).
    const r = spawnSync(process.execPath, [...process.execArgv, child, SCENARIO_ID, String(YEARS), String(AGENTS)], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the RSS child process failed (exit ${r.status}): ${r.stderr}`);
    const { maxRssKB } = JSON.parse(r.stdout) as { maxRssKB: number };
    values.push(maxRssKB / 1024);
  }
  log(`peak RSS (MB): ${values.map((v) => v.toFixed(1)).join(' ')}`);
  return median(values);
}

function sweepPlan(seeds: number): SweepPlan {
  return {
    paths: [],
    combos: [{ values: [], scenario: loadReference() }],
    seeds: Array.from({ length: seeds }, (_, i) => i + 1),
    shape: { years: SWEEP_YEARS, agents: SWEEP_AGENTS },
  };
}

/** Wall time of one sweep of the plan, in ms. */
async function sweepWall(plan: SweepPlan, options: SweepOptions): Promise<number> {
  const t0 = performance.now();
  await runSweep(plan, options);
  return performance.now() - t0;
}

/** Median ratio of `pairs` (1-worker wall, 2-worker wall) pairs, logged under `label`. */
async function speedupOf(label: string, pair: () => Promise<[number, number]>): Promise<number> {
  const ratios: number[] = [];
  for (let i = 0; i < SWEEP_REPEATS; i++) {
    const [one, two] = await pair();
    ratios.push(one / two);
    log(`${label} sweep of ${SWEEP_SEEDS} seeds: 1 worker ${(one / 1000).toFixed(2)} s, 2 workers ${(two / 1000).toFixed(2)} s, ratio ${(one / two).toFixed(2)}`);
  }
  return median(ratios);
}

/**
 * What `npm run sweep -- --workers 2` gains over `--workers 1`: each 2-worker sweep opens its own
 * pool (bundles the worker, starts it cold, closes it), exactly as the command does.
 */
async function sweepSpeedup(): Promise<number> {
  const plan = sweepPlan(SWEEP_SEEDS);
  return speedupOf('cold', async () => [await sweepWall(plan, { workers: 1 }), await sweepWall(plan, { workers: 2 })]);
}

/**
 * The 2-worker sweep reuses one pool of warm worker threads, and the 1-worker sweep runs in this
 * (warm) thread: the ratio measures how the sweep scales, not the start of a worker.
 */
async function sweepSpeedupWarm(): Promise<number> {
  const plan = sweepPlan(SWEEP_SEEDS);
  const pool = openSweepPool(1);
  try {
    // Warm-up: the JIT of this thread and of the worker (about ten runs each before full speed).
    await runSweep(sweepPlan(SWEEP_WARMUP_SEEDS), { workers: 2, pool });
    return await speedupOf('warm', async () => [await sweepWall(plan, { workers: 1 }), await sweepWall(plan, { workers: 2, pool })]);
  } finally {
    await pool.close();
  }
}

/** Time from opening a pool of one worker (bundling it, then `new Worker`) until it has loaded the model and listens. */
async function workerStartMs(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WORKER_START_REPEATS; i++) {
    const t0 = performance.now();
    const pool = openSweepPool(1);
    await pool.ready();
    times.push(performance.now() - t0);
    await pool.close();
  }
  log(`worker start-up (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);
  return median(times);
}

/**
 * Wraps a policy to time its negotiation decisions: each time it answers an offer (accept, counter
 * or walk away) or opens a negotiation. Calls with nothing to decide are not counted.
 */
function timed(policy: Policy, times: number[]): Policy {
  return (obs) => {
    const t0 = performance.now();
    const actions = policy(obs);
    const ms = performance.now() - t0;
    if (obs.trigger.mustAnswer || actions.some((a) => a.type === 'propose')) times.push(ms);
    return actions;
  };
}

let aiGames: { gameMs: number[]; decisionMs: number[] } | undefined;
/**
 * Whole 18-year computer-against-computer games of the reference scenario (its default
 * personalities, 10,000 agents), after warm-up games: the game times, and every decision's time.
 */
function aiGamesTimed(): { gameMs: number[]; decisionMs: number[] } {
  if (aiGames) return aiGames;
  const scenario = loadReference();
  const city = resolvePolicy(scenario.policies.city, 'city')!;
  const partner = resolvePolicy(scenario.policies.partner, 'partner')!;
  const decisionMs: number[] = [];
  const gameMs: number[] = [];
  for (let i = 0; i < AI_WARMUP_GAMES + AI_TIMED_GAMES; i++) {
    const times: number[] = [];
    const t0 = performance.now();
    runSimulation(scenario, { seed: i + 1, years: AI_GAME_YEARS, agents: AGENTS, city: timed(city, times), partner: timed(partner, times) });
    const ms = performance.now() - t0;
    if (i >= AI_WARMUP_GAMES) {
      gameMs.push(ms);
      decisionMs.push(...times);
    }
  }
  log(`18-year AI games (ms): ${gameMs.map((t) => t.toFixed(0)).join(' ')}; ${decisionMs.length} decisions`);
  aiGames = { gameMs, decisionMs };
  return aiGames;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}

type Direction = 'max' | 'min';
interface FigureSpec {
  name: string;
  unit: string;
  /** 'max': the value must not exceed the target; 'min': it must reach it; 'none': no target (for information). */
  direction: Direction | 'none';
  target?: number;
  measure: () => number | Promise<number>;
}

const FIGURES: FigureSpec[] = [
  { name: 'sim.run30y.ms', unit: 'ms', direction: 'max', target: 100, measure: () => round(median(timedRuns().sim), 2) },
  {
    name: 'sim.citizenMonthsPerSec',
    unit: 'citizen-months/s',
    direction: 'min',
    target: 36e6,
    measure: () => Math.round((AGENTS * YEARS * 12) / (median(timedRuns().sim) / 1000)),
  },
  // Issue 9: the citizens' bare loop ÷ the whole run (see bench-loop-bound.ts).
  { name: 'sim.loopBoundRatio', unit: 'x', direction: 'min', target: 0.5, measure: () => round(median(timedRuns().bound) / median(timedRuns().sim), 3) },
  { name: 'sim.peakRssMB', unit: 'MB', direction: 'max', target: 150, measure: () => round(peakRssMB(), 1) },
  { name: 'sweep.speedup2workers', unit: 'x', direction: 'min', target: 1.7, measure: async () => round(await sweepSpeedup(), 2) },
  // Not in the list: the speedup without any start-up, and the start-up itself (target: our own budget).
  { name: 'sweep.speedup2workersWarm', unit: 'x', direction: 'none', measure: async () => round(await sweepSpeedupWarm(), 2) },
  { name: 'sweep.workerStartMs', unit: 'ms', direction: 'max', target: 1000, measure: async () => round(await workerStartMs(), 0) },
  // Issue 3: a computer player's decision (valuing the offer, choosing an answer or counter-offer).
  { name: 'ai.decision.p95ms', unit: 'ms', direction: 'max', target: 100, measure: () => round(percentile(aiGamesTimed().decisionMs, 0.95), 2) },
  { name: 'game.aiVsAi18y.ms', unit: 'ms', direction: 'max', target: 2000, measure: () => round(median(aiGamesTimed().gameMs), 0) },
  // Issue 4: the browser game, built and served, in headless Chromium.
  { name: 'bundle.appGzipKB', unit: 'KB', direction: 'max', target: 150, measure: async () => round(await appGzipKB(), 1) },
  { name: 'browser.coldLoadMs', unit: 'ms', direction: 'max', target: 2500, measure: async () => round(await coldLoadMs(), 0) },
  { name: 'browser.longestTaskMs', unit: 'ms', direction: 'max', target: 100, measure: async () => round(await longestTaskMs(), 1) },
  { name: 'browser.cityView.fps', unit: 'fps', direction: 'min', target: 55, measure: async () => round(await cityViewFps(), 1) },
];

await runMain('bench', async () => {
  const args = parseCommandLine(process.argv.slice(2), BENCH_FLAGS);
  if (args.values.help) {
    process.stdout.write(usage('npm run bench [-- --only <prefix>]', BENCH_FLAGS) + `\nfigures: ${FIGURES.map((f) => f.name).join(', ')}\n`);
    return 0;
  }
  const only = str(args, 'only');
  const selected = only === undefined ? FIGURES : FIGURES.filter((f) => f.name.startsWith(only));
  if (selected.length === 0) fail(`--only: no figure name starts with "${only}"; the figures are ${FIGURES.map((f) => f.name).join(', ')}`);
  const results: Figure[] = [];
  for (const f of selected) {
    log(`measuring ${f.name}…`);
    const value = await f.measure();
    results.push({
      name: f.name,
      value,
      unit: f.unit,
      target: f.direction === 'none' ? 'none' : `${f.direction === 'max' ? '<=' : '>='} ${f.target}`,
      ok: f.direction === 'none' || (f.direction === 'max' ? value <= f.target! : value >= f.target!),
    });
  }
  await closeBrowserBench();
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  return 0;
});
