/**
 * One sweep run and the messages of the sweep pool: what both the main thread (sweep-core.ts)
 * and a worker thread (sweep-worker-body.ts) need. Kept apart from the pool so that the worker's
 * bundle holds the worker body and the model only (no `import.meta`, no pool, no CSV code).
 */
import { runSimulation, SUMMARY_KEYS, type Scenario } from '../sim';
import type { RunShape } from './run-config';

export interface SweepJob {
  index: number;
  combo: number;
  seed: number;
}

/** What one run contributes to the CSV: the summary (SUMMARY_KEYS and stateHash). */
export type SweepSummary = Record<string, number | string>;

/** Runs one job; what both this thread and the workers call. */
export function runJob(scenario: Scenario, seed: number, shape: RunShape): SweepSummary {
  const { summary } = runSimulation(scenario, { seed, ...shape });
  const out: SweepSummary = {};
  for (const k of SUMMARY_KEYS) out[k] = summary[k] as number;
  out.stateHash = summary.stateHash;
  return out;
}

/** Messages between the pool and a worker; `sweep` tells a finished sweep's late answers apart. */
export type ToWorker = { kind: 'init'; sweep: number; scenarios: Scenario[]; shape: RunShape } | { kind: 'job'; sweep: number; job: SweepJob };
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'done'; sweep: number; index: number; summary: SweepSummary }
  | { kind: 'failed'; sweep: number; index: number; error: string };
