import { writeFileSync as __wfs } from 'node:fs';
/**
 * The sweep engine behind `npm run sweep` and the sweep benchmark: the cross product of the
 * `--set` values with a range of seeds, run in this thread (`workers: 1`) or spread over a pool
 * of `worker_threads`. Jobs are numbered in a fixed order (set combination, then seed) and
 * every result is stored at its job's index, so the rows are the same whatever the number of
 * workers and whichever finishes first.
 */
import { Worker } from 'node:worker_threads';
import { runSimulation, SUMMARY_KEYS, type Scenario } from '../sim';
import type { RunShape } from './run-config';
import { toCsv } from './output';

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

export interface SweepJob {
  index: number;
  combo: number;
  seed: number;
}

/** What one run contributes to the CSV: the summary (SUMMARY_KEYS and stateHash). */
export type SweepSummary = Record<string, number | string>;

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

/** Runs one job; what both this thread and the workers call. */
export function runJob(scenario: Scenario, seed: number, shape: RunShape): SweepSummary {
  const { summary } = runSimulation(scenario, { seed, ...shape });
  const out: SweepSummary = {};
  for (const k of SUMMARY_KEYS) out[k] = summary[k] as number;
  out.stateHash = summary.stateHash;
  return out;
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

/** Messages between the pool and a worker; `sweep` tells a finished sweep's late answers apart. */
export type ToWorker = { kind: 'init'; sweep: number; scenarios: Scenario[]; shape: RunShape } | { kind: 'job'; sweep: number; job: SweepJob };
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'done'; sweep: number; index: number; summary: SweepSummary }
  | { kind: 'failed'; sweep: number; index: number; error: string };

export const TRACE: string[] = []; const T0 = performance.now(); process.on('exit', () => { if (process.env.TRACE) __wfs(process.env.TRACE, TRACE.join('\n')); });
const WORKER_URL = new URL('./sweep-worker.mjs', import.meta.url);

/**
 * Runs every job of the plan and returns the rows in job order. With `workers: n`, n threads
 * run simulations: this one and n − 1 worker threads. This thread starts at once while the
 * workers boot (0.3–1 s each under tsx on this machine), so no core idles during their start-up.
 */
export async function runSweep(plan: SweepPlan, options: SweepOptions): Promise<SweepRow[]> {
  const jobs = sweepJobs(plan);
  const summaries: SweepSummary[] = new Array(jobs.length);
  let done = 0;
  const record = (index: number, summary: SweepSummary) => {
    summaries[index] = summary;
    done++; // not inside the optional call below: its arguments are skipped without a callback
    options.onProgress?.(done, jobs.length);
  };
  const queue = { next: 0 };
  const extra = Math.max(0, Math.min(options.workers, jobs.length) - 1);
  const own = options.pool === undefined && extra > 0 ? openSweepPool(extra) : undefined;
  const pool = options.pool ?? own;
  const sweep = pool && extra > 0 ? pool.begin(plan, jobs, queue, extra, record) : undefined;
  try {
    while (queue.next < jobs.length) {
      sweep?.check();
      const job = jobs[queue.next++]!;
      const tj = performance.now();
      const sm = runJob(plan.combos[job.combo]!.scenario, job.seed, plan.shape);
      TRACE.push(`M ${(tj - T0).toFixed(0)} ${(performance.now() - tj).toFixed(1)}`);
      record(job.index, sm);
      // Let the workers' messages in (their results, their requests for more jobs).
      if (sweep) await new Promise((resolve) => setImmediate(resolve));
    }
    if (sweep) await sweep.finished(() => done === jobs.length);
  } finally {
    sweep?.end();
    await own?.close();
  }
  return jobs.map((job) => ({ seed: job.seed, values: plan.combos[job.combo]!.values, summary: summaries[job.index]! }));
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
  /** Resolves once every worker has loaded the model and listens. */
  ready(): Promise<void>;
  begin(plan: SweepPlan, jobs: SweepJob[], queue: { next: number }, use: number, record: (index: number, s: SweepSummary) => void): PoolSweep;
  close(): Promise<void>;
}

/**
 * Starts `size` worker threads. During a sweep they are fed from its shared queue, each with one
 * job running and one waiting so that none waits for a message between runs.
 */
export function openSweepPool(size: number): SweepPool {
  interface Slot {
    worker: Worker;
    ready: boolean;
  }
  let closing = false;
  let sweepId = 0;
  let readyCount = 0;
  let onAllReady: (() => void) | undefined;
  const allReady = new Promise<void>((resolve) => (onAllReady = resolve));
  let current: { id: number; feed: (slot: Slot) => void; onMessage: (m: FromWorker, slot: Slot) => void; fail: (e: Error) => void } | undefined;
  const slots: Slot[] = [];
  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: new Worker(WORKER_URL), ready: false };
    slots.push(slot);
    slot.worker.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') {
        TRACE.push(`READY ${(performance.now() - T0).toFixed(0)}`);
        slot.ready = true;
        if (++readyCount === size) onAllReady?.();
        current?.feed(slot);
        current?.feed(slot);
      } else if (current && m.sweep === current.id) current.onMessage(m, slot);
    });
    slot.worker.on('error', (e) => current?.fail(e));
    slot.worker.on('exit', (code) => {
      if (!closing) current?.fail(new Error(`a sweep worker stopped early (exit code ${code})`));
    });
  }
  return {
    size,
    ready: () => allReady,
    begin(plan, jobs, queue, use, record) {
      const id = ++sweepId;
      const mine = slots.slice(0, use);
      let failure: Error | undefined = closing ? new Error('the sweep pool is closed') : undefined;
      let wake: (() => void) | undefined;
      const feed = (slot: Slot) => {
        if (slot.ready && queue.next < jobs.length && mine.includes(slot)) {
          slot.worker.postMessage({ kind: 'job', sweep: id, job: jobs[queue.next++]! } satisfies ToWorker);
        }
      };
      const fail = (e: Error) => {
        failure ??= e;
        wake?.();
      };
      current = {
        id,
        feed,
        fail,
        onMessage(m, slot) {
          if (m.kind === 'done') {
            TRACE.push(`W ${(performance.now() - T0).toFixed(0)} ${(m.summary as any).__ms.toFixed(1)}`); delete (m.summary as any).__ms;
            record(m.index, m.summary);
            feed(slot);
            wake?.();
          } else if (m.kind === 'failed') {
            fail(new Error(`sweep run ${m.index} (seed ${jobs[m.index]?.seed}) failed in a worker: ${m.error}`));
          }
        },
      };
      for (const slot of mine) {
        // Messages on a port keep their order: the worker has this sweep's scenarios before its jobs.
        slot.worker.postMessage({ kind: 'init', sweep: id, scenarios: plan.combos.map((c) => c.scenario), shape: plan.shape } satisfies ToWorker);
        feed(slot);
        feed(slot);
      }
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
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** The sweep's CSV: seed, one column per `--set` path, the summary keys, stateHash. */
export function sweepCsv(plan: SweepPlan, rows: readonly SweepRow[]): string {
  const header = ['seed', ...plan.paths, ...SUMMARY_KEYS, 'stateHash'];
  return toCsv(
    header,
    rows.map((r) => [r.seed, ...r.values, ...SUMMARY_KEYS.map((k) => r.summary[k]), r.summary.stateHash]),
  );
}
