/**
 * `npm run sweep`: many headless runs (the cross product of `--set` values × a seed range), one
 * CSV row per run, a progress bar on stderr, optionally spread over worker threads. Everything
 * (scenario, every `--set` combination, flags, output path) is validated before the first run.
 * Nothing finished is lost: without `--out` the rows are printed in order as they come; with
 * `--out f.csv` each finished run goes to the checkpoint `f.csv.partial` at once, `f.csv` is
 * written from it at the end, and `--resume` continues an interrupted sweep. A job estimated to
 * take more than ten minutes states its size and starts only with `--yes`.
 *
 *   npm run sweep -- --scenario dijon-like --seeds 1-100 --set coordination.alignment=0.2,0.8 --workers 2 --out a.csv
 */
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { EXIT_FAILURE, fail, runMain, UserError } from './errors';
import { list, parseCommandLine, parseInteger, parseSeedRange, parseSetFlag, required, str, usage, type FlagSpecs } from './args';
import { applySets, checkDistinctPaths, readRunFlags, RUN_FLAGS } from './run-config';
import { checkOutputs, csvLine, outFlag, stageFile } from './output';
import { crossProduct, runJob, runJobs, sizeNotice, sweepCsvLine, sweepHeader, sweepJobs, type SweepJob, type SweepPlan, type SweepSummary } from './sweep-core';
import { countRuns, lockCheckpoint, openCheckpoint, PARTIAL_SUFFIX, readCheckpoint, sweepIdentity, type CheckpointWriter } from './sweep-checkpoint';

const SWEEP_FLAGS = {
  scenario: RUN_FLAGS.scenario,
  seeds: { type: 'string', value: '<a>-<b>', help: 'the seeds to run, inclusive, e.g. 1-200 (required)' },
  set: { type: 'string', multiple: true, value: '<path>=<v1>,<v2>,…', help: 'values of a numeric scenario field to sweep; several --set give their cross product' },
  years: RUN_FLAGS.years,
  city: RUN_FLAGS.city,
  partner: RUN_FLAGS.partner,
  agents: RUN_FLAGS.agents,
  workers: { type: 'string', value: '<n>', help: 'worker threads (default 1: run in this thread)' },
  out: { type: 'string', value: '<file.csv>', help: 'write the CSV to this file instead of stdout (- is stdout; finished runs are kept in <file.csv>.partial until the end)' },
  resume: { type: 'boolean', help: 'continue an interrupted sweep from <file.csv>.partial (same flags, with --out)' },
  yes: { type: 'boolean', help: 'start a sweep estimated to take more than 10 minutes' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagSpecs;

/** Most runs one sweep may ask for: beyond this, a typo in --seeds is more likely than intent. */
const MAX_RUNS = 1_000_000;

/**
 * Test hook: `HORIZONS_SWEEP_STOP_AFTER=<n>[:<signal>]` sends the process a signal (SIGKILL by
 * default: a crash) once it has recorded n runs, so that the tests interrupt a sweep at a known
 * point instead of racing a timer.
 */
function stopHook(): { after: number; signal: NodeJS.Signals } | undefined {
  const m = /^(\d+)(?::(SIG[A-Z]+))?$/.exec(process.env.HORIZONS_SWEEP_STOP_AFTER ?? '');
  return m ? { after: Number(m[1]), signal: (m[2] ?? 'SIGKILL') as NodeJS.Signals } : undefined;
}

/** The runs timed before a sweep goes on: until this many seconds have passed, or this many runs (and a tenth of the sweep at most). */
const MEASURE_SECONDS = 1;
const MEASURE_RUNS = 100;

/** Seconds since `t0` (a `performance.now()` reading). */
const since = (t0: number) => (performance.now() - t0) / 1000;


await runMain('sweep', async () => {
  const args = parseCommandLine(process.argv.slice(2), SWEEP_FLAGS);
  if (args.values.help) {
    process.stdout.write(usage('npm run sweep -- --scenario <id|path> --seeds <a>-<b> [flags]', SWEEP_FLAGS));
    return 0;
  }
  const { scenario, source, shape, input } = readRunFlags(args);
  const seeds = parseSeedRange(required(args, 'seeds', '<a>-<b>'));
  const workersRaw = str(args, 'workers');
  const workers = workersRaw === undefined ? 1 : parseInteger(workersRaw, '--workers', 1, Math.max(64, availableParallelism() * 4));
  const sets = list(args, 'set').map((raw) => parseSetFlag(raw, true));
  const paths = sets.map((s) => s.path);
  checkDistinctPaths(paths);
  const valueLists = crossProduct(sets.map((s) => s.values));
  if (valueLists.length * seeds.length > MAX_RUNS) fail(`the sweep asks for ${valueLists.length * seeds.length} runs; expected at most ${MAX_RUNS} (fewer seeds or values)`);
  // Validate every combination now, so that a bad value cannot stop the sweep half-way.
  const combos = valueLists.map((values) => ({ values, scenario: applySets(scenario, paths.map((path, i) => ({ path, value: values[i]! })), source) }));
  const out = outFlag(str(args, 'out'));
  const resume = args.values.resume === true;
  const yes = args.values.yes === true;
  if (resume && out === undefined) fail('--resume needs --out <file.csv>: an interrupted sweep keeps its finished runs in <file.csv>.partial');
  const partial = out === undefined ? undefined : out + PARTIAL_SUFFIX;
  if (out !== undefined) checkOutputs([{ flag: '--out', path: out }, { flag: 'the checkpoint', path: partial! }], [input]);
  // One sweep at a time on an --out: the lock is taken before the checkpoint is looked at.
  if (out !== undefined) lockCheckpoint(partial!, out);

  const plan: SweepPlan = { paths, combos, seeds, shape };
  const header = sweepHeader(plan);
  const identity = sweepIdentity(plan, header);
  const jobs = sweepJobs(plan);
  const total = jobs.length;
  const prefix = (job: SweepJob) => csvLine([job.seed, ...plan.combos[job.combo]!.values]) + ',';
  /** Each run's CSV line by job index, once finished. */
  const lines: (string | undefined)[] = new Array(total);
  let keptBytes: number | undefined;
  if (partial !== undefined && existsSync(partial)) {
    if (!resume) {
      const n = countRuns(partial);
      fail(`${partial} holds ${n} finished run${n === 1 ? '' : 's'} of an interrupted sweep; add --resume to continue it, or delete it to start over`);
    }
    const checkpoint = readCheckpoint(partial, identity, jobs, prefix);
    for (const [index, line] of checkpoint.rows) lines[index] = line;
    keptBytes = checkpoint.keptBytes;
    process.stderr.write(`sweep: resuming from ${partial}: ${checkpoint.rows.size} of ${total} runs already done\n`);
  } else if (resume) {
    process.stderr.write(`sweep: nothing to resume (no ${partial}); starting from the first run\n`);
  }
  const resumed = lines.reduce((n, l) => n + (l === undefined ? 0 : 1), 0);
  const todo = jobs.filter((job) => lines[job.index] === undefined);

  // Runs now, timed, for the estimate. On a resume, the first run kept is run again first and must
  // give the same line (the model has not changed since). Then runs to do, kept, until about a
  // second has passed (or a tenth of the runs): the estimate is the mean of the later half (the
  // first runs pay for the JIT's warm-up, up to 15 times slower for short runs).
  const t0 = performance.now();
  const kept = jobs.find((job) => lines[job.index] !== undefined);
  if (kept !== undefined) {
    const again = sweepCsvLine(plan, kept, runJob(plan.combos[kept.combo]!.scenario, kept.seed, shape));
    if (again !== lines[kept.index]) {
      fail(`the checkpoint ${partial} does not match this version of the model: run ${kept.index} (seed ${kept.seed}) gives another result now; delete it to start the sweep over`);
    }
  }
  const measured: { job: SweepJob; summary: SweepSummary; seconds: number }[] = [];
  const measureAtMost = Math.max(1, Math.min(MEASURE_RUNS, Math.floor(todo.length / 10)));
  for (const job of todo) {
    if (measured.length > 0 && (since(t0) >= MEASURE_SECONDS || measured.length >= measureAtMost)) break;
    const t = performance.now();
    const summary = runJob(plan.combos[job.combo]!.scenario, job.seed, shape);
    measured.push({ job, summary, seconds: since(t) });
  }
  const later = measured.slice(Math.floor(measured.length / 2));
  const secondsPerRun = later.reduce((sum, m) => sum + m.seconds, 0) / Math.max(1, later.length);
  const notice = sizeNotice({ runs: todo.length, secondsPerRun, threads: workers, yes, resumed });
  if (notice.refuse) fail(notice.text!);
  if (notice.text) process.stderr.write(`sweep: ${notice.text}\n`);

  // Where finished runs go: the checkpoint (with --out), or stdout in job order.
  let writer: CheckpointWriter | undefined;
  let printed = 0;
  if (partial !== undefined) writer = openCheckpoint(partial, keptBytes === undefined ? { identity } : { identity, keptBytes }, resumed);
  else process.stdout.write(csvLine(header) + '\n');
  const hook = stopHook();
  let recordedHere = 0;
  const record = (job: SweepJob, summary: SweepSummary) => {
    const line = sweepCsvLine(plan, job, summary);
    lines[job.index] = line;
    if (writer) writer.append(job.index, line);
    while (!writer && printed < total && lines[printed] !== undefined) {
      process.stdout.write(lines[printed] + '\n');
      lines[printed++] = ''; // printed: its text is no longer needed
    }
    if (hook && ++recordedHere === hook.after) process.kill(process.pid, hook.signal);
  };

  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: 'sweep [{bar}] {value}/{total} runs | {percentage}% | eta {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  const done = () => lines.reduce((n, l) => n + (l === undefined ? 0 : 1), 0);
  const onSignal = (signal: NodeJS.Signals) => {
    bar?.stop();
    const n = done();
    process.stderr.write(
      writer
        ? `sweep: interrupted (${signal}): ${n} of ${total} runs are kept in ${partial}; run the same command with --resume to continue\n`
        : `sweep: interrupted (${signal}) after ${printed} of ${total} runs; the rows printed are complete (with --out, a sweep can be resumed)\n`,
    );
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  bar?.start(total, resumed);
  try {
    for (const m of measured) record(m.job, m.summary);
    const rest = todo.slice(measured.length);
    const base = total - rest.length;
    await runJobs(plan, rest, { workers, onResult: record, onProgress: (n) => bar?.update(base + n) });
  } catch (e) {
    bar?.stop();
    if (writer && !(e instanceof UserError)) process.stderr.write(`sweep: stopped by an error; the ${done()} finished runs are kept in ${partial} (--resume continues)\n`);
    throw e;
  } finally {
    bar?.stop();
  }
  writer?.close();
  if (out !== undefined) {
    // The CSV in job order, as an uninterrupted sweep writes it, then the checkpoint goes.
    const file = stageFile(out, '--out');
    try {
      file.write(csvLine(header) + '\n');
      for (let i = 0; i < total; i += 1000) file.write(lines.slice(i, i + 1000).map((l) => l + '\n').join(''));
      file.commit();
    } catch (e) {
      file.abort();
      if (e instanceof UserError) fail(`${e.message}; the ${total} finished runs are kept in ${partial}: make room and run the same command with --resume`, EXIT_FAILURE);
      throw e;
    }
    rmSync(partial!, { force: true });
  }
  const seconds = since(t0);
  process.stderr.write(
    `sweep: ${total} runs (${combos.length} combination${combos.length > 1 ? 's' : ''} × ${seeds.length} seeds${resumed ? `, ${resumed} resumed` : ''}) in ${seconds.toFixed(1)} s with ${workers} worker${workers > 1 ? 's' : ''}${out ? ` → ${out}` : ''}\n`,
  );
  return 0;
});
