/**
 * The sweep engine behind `npm run sweep` and the sweep benchmark: the cross product of the
 * `--set` values with a range of seeds, run in this thread (`workers: 1`) or spread over a pool
 * of `worker_threads`. Jobs are numbered in a fixed order (set combination, then seed) and
 * every result is stored at its job's index, so the rows are the same whatever the number of
 * workers and whichever finishes first.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SUMMARY_KEYS, type Scenario } from '../sim';
import type { RunShape } from './run-config';
import { csvLine } from './output';
import { runJob, type FromWorker, type SweepJob, type SweepSummary, type ToWorker } from './sweep-run';

export { runJob, type SweepJob, type SweepSummary } from './sweep-run';

/** One combination of `--set` values, with the scenario it produces (already validated). */
export interface SweepCombo {
  values: number[];
  scenario: Scenario;
}

export interface SweepPlan {
  /** The `--set` paths, in the order given; each combo has one value per path. */
  paths: string[];
  combos: SweepCombo[];
  seeds: number[];
  shape: RunShape;
}

export interface SweepRow {
  seed: number;
  values: number[];
  summary: SweepSummary;
}

/** The jobs in their fixed order: every seed of the first combination, then the next… */
export function sweepJobs(plan: SweepPlan): SweepJob[] {
  const jobs: SweepJob[] = [];
  plan.combos.forEach((_, combo) => {
    for (const seed of plan.seeds) jobs.push({ index: jobs.length, combo, seed });
  });
  return jobs;
}

/** Every combination of the values of each path (first path varies slowest). */
export function crossProduct(valueLists: readonly (readonly number[])[]): number[][] {
  return valueLists.reduce<number[][]>((acc, values) => acc.flatMap((prefix) => values.map((v) => [...prefix, v])), [[]]);
}

export interface SweepOptions {
  /** Threads that run simulations: this one plus `workers − 1` worker threads. */
  workers: number;
  /** Worker threads to reuse (already started, JIT warm); by default a pool is opened and closed. */
  pool?: SweepPool;
  /** Called after each finished run with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** The worker thread's code, bundled with the model into one plain-JS script by `bundleWorker`. */
const WORKER_ENTRY = fileURLToPath(new URL('./sweep-worker-body.ts', import.meta.url));

/**
 * Bundles the worker body, the model and its libraries (zod, seedrandom) into one CommonJS
 * script with esbuild, in memory. A worker then starts from plain JavaScript: no TypeScript
 * loader in it (tsx's hooks transform every module off-thread, which made a worker's start-up
 * and first runs slow), and nothing written to disk. About 0.2 s, while this thread already runs.
 */
async function bundleWorker(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no worker bundle');
  return code;
}

/**
 * Runs every job of the plan and returns the rows in job order. With `workers: n`, n threads
 * run simulations: this one and n − 1 worker threads (see `runJobs`).
 */
export async function runSweep(plan: SweepPlan, options: SweepOptions): Promise<SweepRow[]> {
  const jobs = sweepJobs(plan);
  const summaries: SweepSummary[] = new Array(jobs.length);
  await runJobs(plan, jobs, { ...options, onResult: (job, summary) => (summaries[job.index] = summary) });
  return jobs.map((job) => ({ seed: job.seed, values: plan.combos[job.combo]!.values, summary: summaries[job.index]! }));
}

/**
 * Runs the given jobs of the plan (all of them, or those an interrupted sweep has left) and hands
 * each result to `onResult` as soon as it is in, in the order they finish. This thread starts at
 * once while the workers are bundled and boot (about 0.3 s), so no core idles during their
 * start-up; it yields to the event loop after each run, so that the workers' messages and a
 * Ctrl-C are heard between runs.
 */
export async function runJobs(plan: SweepPlan, jobs: readonly SweepJob[], options: SweepOptions & { onResult: (job: SweepJob, summary: SweepSummary) => void }): Promise<void> {
  const byIndex = new Map(jobs.map((job) => [job.index, job]));
  let done = 0;
  const record = (index: number, summary: SweepSummary) => {
    done++; // not inside the optional call below: its arguments are skipped without a callback
    options.onResult(byIndex.get(index)!, summary);
    options.onProgress?.(done, jobs.length);
  };
  const queue = { next: 0 };
  const extra = Math.max(0, Math.min(options.workers, jobs.length) - 1);
  const own = options.pool === undefined && extra > 0 ? openSweepPool(extra) : undefined;
  const pool = options.pool ?? own;
  const sweep = pool && extra > 0 ? pool.begin(plan, jobs, queue, extra, record) : undefined;
  try {
    // Wait for the workers' bundle before running here: built while this thread runs, its
    // build would wait on this busy event loop (0.9 s instead of 0.2 s for the workers to start).
    if (sweep) await pool!.started();
    while (queue.next < jobs.length) {
      sweep?.check();
      const job = jobs[queue.next++]!;
      record(job.index, runJob(plan.combos[job.combo]!.scenario, job.seed, plan.shape));
      // Let the workers' messages in (their results, their requests for more jobs), and signals.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (sweep) await sweep.finished(() => done === jobs.length);
  } finally {
    sweep?.end();
    await own?.close();
  }
}

/** One sweep's use of a pool. */
interface PoolSweep {
  /** Throws the first worker failure, if any. */
  check(): void;
  /** Resolves once `allDone()` holds (checked after each result), rejects on a failure. */
  finished(allDone: () => boolean): Promise<void>;
  /** Detaches the sweep: late answers of its workers are ignored. */
  end(): void;
}

/** Worker threads that can serve several sweeps in turn (the benchmark reuses warm ones). */
export interface SweepPool {
  readonly size: number;
  /** Resolves once the workers' bundle is built and the workers are created (they take jobs from then on). */
  started(): Promise<void>;
  /** Resolves once every worker has loaded the model and listens. */
  ready(): Promise<void>;
  begin(plan: SweepPlan, jobs: readonly SweepJob[], queue: { next: number }, use: number, record: (index: number, s: SweepSummary) => void): PoolSweep;
  close(): Promise<void>;
}

/**
 * Starts `size` worker threads (once their bundle is built). During a sweep they are fed from its
 * shared queue, each with one job running and one waiting so that none waits for a message
 * between runs. A sweep begun before the bundle is built hands the workers its scenarios and
 * first jobs as soon as they are created.
 */
export function openSweepPool(size: number): SweepPool {
  interface Slot {
    /** Set once the bundle is built; it takes messages at once (they wait until it listens). */
    worker?: Worker;
  }
  interface Current {
    id: number;
    /** Gives a started worker of this sweep its scenarios and its first two jobs. */
    start: (slot: Slot) => void;
    onMessage: (m: FromWorker, slot: Slot) => void;
    fail: (e: Error) => void;
  }
  let closing = false;
  let sweepId = 0;
  let readyCount = 0;
  /** A failure of the pool itself (the bundle could not be built), reported to every sweep. */
  let broken: Error | undefined;
  let onAllReady: (() => void) | undefined;
  let onBroken: ((e: Error) => void) | undefined;
  const allReady = new Promise<void>((resolve, reject) => {
    onAllReady = resolve;
    onBroken = reject;
  });
  allReady.catch(() => {}); // reported through ready() and the sweeps, not as an unhandled rejection
  let current: Current | undefined;
  const slots: Slot[] = Array.from({ length: size }, () => ({}));

  const startWorker = (slot: Slot, code: string) => {
    // execArgv: [] — the bundle is plain JavaScript: no need for the loader this process runs under.
    const worker = new Worker(code, { eval: true, execArgv: [] });
    slot.worker = worker;
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') {
        if (++readyCount === size) onAllReady?.();
      } else if (current && m.sweep === current.id) current.onMessage(m, slot);
    });
    worker.on('error', (e) => current?.fail(e));
    worker.on('exit', (code) => {
      if (!closing) current?.fail(new Error(`a sweep worker stopped early (exit code ${code})`));
    });
  };
  const settled = bundleWorker().then(
    (code) => {
      if (closing) return;
      for (const slot of slots) startWorker(slot, code);
      // A worker keeps the messages sent before it listens: the running sweep's scenarios and
      // first jobs go now, so that they wait for it rather than it for them.
      for (const slot of slots) current?.start(slot);
    },
    (e: unknown) => {
      broken = new Error(`could not bundle the sweep worker: ${e instanceof Error ? e.message : String(e)}`);
      onBroken?.(broken);
      current?.fail(broken);
    },
  );
  const started = settled.then(() => {
    if (broken) throw broken;
  });
  started.catch(() => {}); // the same failure is reported through ready() and the sweeps

  return {
    size,
    started: () => started,
    ready: () => allReady,
    begin(plan, jobs, queue, use, record) {
      const id = ++sweepId;
      const mine = slots.slice(0, use);
      let failure: Error | undefined = closing ? new Error('the sweep pool is closed') : broken;
      let wake: (() => void) | undefined;
      const post = (slot: Slot, m: ToWorker) => slot.worker!.postMessage(m);
      const feed = (slot: Slot) => {
        if (slot.worker && queue.next < jobs.length && mine.includes(slot)) post(slot, { kind: 'job', sweep: id, job: jobs[queue.next++]! });
      };
      const fail = (e: Error) => {
        failure ??= e;
        wake?.();
      };
      const start = (slot: Slot) => {
        if (!slot.worker || !mine.includes(slot)) return;
        // Messages on a port keep their order: the worker has this sweep's scenarios before its jobs.
        post(slot, { kind: 'init', sweep: id, scenarios: plan.combos.map((c) => c.scenario), shape: plan.shape });
        feed(slot);
        feed(slot);
      };
      current = {
        id,
        start,
        fail,
        onMessage(m, slot) {
          if (m.kind === 'done') {
            record(m.index, m.summary);
            feed(slot);
            wake?.();
          } else if (m.kind === 'failed') {
            fail(new Error(`sweep run ${m.index} (seed ${jobs.find((j) => j.index === m.index)?.seed}) failed in a worker: ${m.error}`));
          }
        },
      };
      for (const slot of mine) start(slot); // the workers already started; the others once bundled
      return {
        check() {
          if (failure) throw failure;
        },
        finished(allDone) {
          return new Promise((resolve, reject) => {
            const test = () => {
              if (failure) reject(failure);
              else if (allDone()) resolve();
            };
            wake = test;
            test();
          });
        },
        end() {
          if (current?.id === id) current = undefined;
        },
      };
    },
    async close() {
      closing = true;
      current = undefined;
      await settled; // a bundle still being built starts no worker once closing
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}

/** The sweep's CSV columns: seed, one column per `--set` path, the summary keys, stateHash. */
export function sweepHeader(plan: SweepPlan): string[] {
  return ['seed', ...plan.paths, ...SUMMARY_KEYS, 'stateHash'];
}

/** One run's CSV line (without its line end), as the sweep's output and its checkpoint hold it. */
export function sweepCsvLine(plan: SweepPlan, job: SweepJob, summary: SweepSummary): string {
  return csvLine([job.seed, ...plan.combos[job.combo]!.values, ...SUMMARY_KEYS.map((k) => summary[k]), summary.stateHash]);
}

/** Above this many runs a sweep states its size and estimated time before it goes on. */
const STATE_SIZE_ABOVE_RUNS = 2_000;
/** A sweep estimated to take longer than this (seconds) starts only with `--yes`. */
const CONSENT_ABOVE_SECONDS = 10 * 60;
/**
 * A sweep of more runs than this starts only with `--yes` whatever its estimate: the same command
 * asks for consent on every machine, and a typo in `--seeds` (1-1000000 for 1-1000) is caught even
 * where runs are fast.
 */
const CONSENT_ABOVE_RUNS = 100_000;

/** "3 h 20 min", "12 min", "40 s": a duration as a person reads an estimate. */
export function roughDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

/**
 * What a sweep says before it goes on, from its size and the measured time of its first run:
 * nothing for a small job; its size and estimated time above `STATE_SIZE_ABOVE_RUNS` runs or
 * `CONSENT_ABOVE_SECONDS`; and beyond `CONSENT_ABOVE_SECONDS` or `CONSENT_ABOVE_RUNS` it stops there unless `yes`
 * (never a silent day-long job). The estimate spreads the runs evenly over the threads.
 */
export function sizeNotice(p: { runs: number; secondsPerRun: number; threads: number; yes: boolean; resumed?: number }): { text?: string; refuse: boolean } {
  const threads = Math.max(1, Math.min(p.threads, p.runs));
  const seconds = (p.secondsPerRun * p.runs) / threads;
  if (p.runs <= STATE_SIZE_ABOVE_RUNS && seconds <= CONSENT_ABOVE_SECONDS) return { refuse: false };
  const left = p.resumed ? ` left (${p.resumed.toLocaleString('en-US')} already done)` : '';
  const text =
    `${p.runs.toLocaleString('en-US')} runs${left}, about ${roughDuration(seconds)} with ${threads} thread${threads > 1 ? 's' : ''} ` +
    `(a run takes about ${p.secondsPerRun < 0.1 ? p.secondsPerRun.toFixed(3) : p.secondsPerRun.toFixed(1)} s here)`;
  if ((seconds > CONSENT_ABOVE_SECONDS || p.runs > CONSENT_ABOVE_RUNS) && !p.yes) return { text: `${text}; add --yes to start it (or ask for fewer seeds or values, or more --workers)`, refuse: true };
  return { text, refuse: false };
}
