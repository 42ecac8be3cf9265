/**
 * `npm run sweep`: many headless runs (the cross product of `--set` values × a seed range), one
 * CSV row per run, a progress bar on stderr, optionally spread over worker threads. Everything
 * (scenario, every `--set` combination, flags, output path) is validated before the first run.
 *
 *   npm run sweep -- --scenario dijon-like --seeds 1-100 --set coordination.alignment=0.2,0.8 --workers 2 --out a.csv
 */
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { fail, runMain } from './errors';
import { list, parseCommandLine, parseInteger, parseSeedRange, parseSetFlag, required, str, usage, type FlagSpecs } from './args';
import { applySets, checkDistinctPaths, readRunFlags, RUN_FLAGS } from './run-config';
import { checkWritable, emit } from './output';
import { crossProduct, runSweep, sweepCsv, type SweepPlan } from './sweep-core';

const SWEEP_FLAGS = {
  scenario: RUN_FLAGS.scenario,
  seeds: { type: 'string', value: '<a>-<b>', help: 'the seeds to run, inclusive, e.g. 1-200 (required)' },
  set: { type: 'string', multiple: true, value: '<path>=<v1>,<v2>,…', help: 'values of a numeric scenario field to sweep; several --set give their cross product' },
  years: RUN_FLAGS.years,
  city: RUN_FLAGS.city,
  partner: RUN_FLAGS.partner,
  agents: RUN_FLAGS.agents,
  workers: { type: 'string', value: '<n>', help: 'worker threads (default 1: run in this thread)' },
  out: { type: 'string', value: '<file.csv>', help: 'write the CSV to this file instead of stdout' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagSpecs;

/** Most runs one sweep may ask for: beyond this, a typo in --seeds is more likely than intent. */
const MAX_RUNS = 1_000_000;

await runMain('sweep', async () => {
  const args = parseCommandLine(process.argv.slice(2), SWEEP_FLAGS);
  if (args.values.help) {
    process.stdout.write(usage('npm run sweep -- --scenario <id|path> --seeds <a>-<b> [flags]', SWEEP_FLAGS));
    return 0;
  }
  const { scenario, source, shape } = readRunFlags(args);
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
  const out = str(args, 'out');
  if (out !== undefined) checkWritable(out, '--out');

  const plan: SweepPlan = { paths, combos, seeds, shape };
  const total = combos.length * seeds.length;
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: 'sweep [{bar}] {value}/{total} runs | {percentage}% | eta {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(total, 0);
  const t0 = performance.now();
  let rows;
  try {
    rows = await runSweep(plan, { workers, onProgress: (done) => bar?.update(done) });
  } finally {
    bar?.stop();
  }
  emit(sweepCsv(plan, rows), out);
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(
    `sweep: ${total} runs (${combos.length} combination${combos.length > 1 ? 's' : ''} × ${seeds.length} seeds) in ${seconds.toFixed(1)} s with ${workers} worker${workers > 1 ? 's' : ''}${out ? ` → ${out}` : ''}\n`,
  );
  return 0;
});
