/**
 * The body of a sweep worker: receives the scenarios once, then runs the jobs it is sent and
 * posts each summary back with its job index (see sweep-core.ts for the pool). The pool does not
 * load this file as TypeScript: it bundles it with the model into one plain-JS script first.
 */
import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../sim';
import type { RunShape } from './run-config';
import { runJob, type FromWorker, type ToWorker } from './sweep-run';

const port = parentPort;
if (!port) throw new Error('sweep-worker-body.ts must run in a worker thread');

let scenarios: Scenario[] = [];
let shape: RunShape = {};

port.on('message', (m: ToWorker) => {
  if (m.kind === 'init') {
    scenarios = m.scenarios;
    shape = m.shape;
    return;
  }
  const { job, sweep } = m;
  try {
    const summary = runJob(scenarios[job.combo]!, job.seed, shape);
    port.postMessage({ kind: 'done', sweep, index: job.index, summary } satisfies FromWorker);
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    port.postMessage({ kind: 'failed', sweep, index: job.index, error } satisfies FromWorker);
  }
});

// Loaded and listening: the pool may send jobs now.
port.postMessage({ kind: 'ready' } satisfies FromWorker);
