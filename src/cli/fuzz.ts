/**
 * `npm run fuzz -- [--cases 10000] [--seed 1] [--workers 2] [--only <family,…>]`: the generated
 * suites of tests/fuzz at scale (issue 12). Damaged scenario files, damaged saves and autosaves,
 * malformed actions for the model and for the game's `dispatch`, and command lines, each judged
 * as tests/fuzz/harness.ts says: accepted (and finite), refused clearly, unclear, silently
 * accepted, or crashed. Prints the counts per family and a few examples of every class that is
 * not clean; exits 1 when any input was unclear, silently accepted or crashed.
 *
 * The cases run in child processes (`--workers`, 2 by default), a chunk at a time; a case that
 * takes longer than `--case-timeout` seconds (default 120) is counted as crashed (hung), its
 * process is killed and the chunk goes on in a new one. The same seed gives the same cases.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fail, runMain } from './errors';
import { parseCommandLine, parseInteger, str, usage, type FlagSpecs } from './args';
import { Tally, type Family, type Verdict } from '../../tests/fuzz/harness';
import { scenarioFamily } from '../../tests/fuzz/scenario-family';
import { autosaveFamily, saveFamily } from '../../tests/fuzz/save-family';
import { dispatchFamily, modelActionFamily } from '../../tests/fuzz/action-family';
import { cliFamily } from '../../tests/fuzz/cli-family';

/** The families, the issue's four groups, and each one's share of the cases. */
const FAMILIES: { family: Family<any>; group: string; share: number }[] = [
  { family: scenarioFamily, group: '(a) scenarios', share: 0.25 },
  { family: saveFamily, group: '(b) saves', share: 0.18 },
  { family: autosaveFamily, group: '(b) saves', share: 0.07 },
  { family: modelActionFamily, group: '(c) actions', share: 0.12 },
  { family: dispatchFamily, group: '(c) actions', share: 0.13 },
  { family: cliFamily, group: '(d) command lines', share: 0.25 },
];

const FUZZ_FLAGS = {
  cases: { type: 'string', value: '<n>', help: 'number of generated inputs, over all families (default 10000)' },
  seed: { type: 'string', value: '<n>', help: 'seed of the generators (default 1): the same seed gives the same inputs' },
  workers: { type: 'string', value: '<n>', help: 'child processes judging cases in parallel (default 2)' },
  only: { type: 'string', value: '<names>', help: `families to run, comma-separated: ${FAMILIES.map((f) => f.family.name.replace(/ /g, '-')).join(', ')}` },
  'case-timeout': { type: 'string', value: '<s>', help: 'seconds after which a case counts as hung (default 120)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagSpecs;

interface Chunk {
  family: number;
  seed: number;
  from: number;
  to: number;
}
type FromChild = { kind: 'case'; i: number; label: string; verdict: Verdict } | { kind: 'done' };

/** The inputs of a family for a seed: the same list in the parent and in every child. */
const sample = (k: number, seed: number, count: number) => fc.sample(FAMILIES[k]!.family.arbitrary, { seed: seed * 100 + k, numRuns: count });

/** In a child: judges the chunks the parent sends, one message per case. */
function child(): void {
  process.on('message', async (c: Chunk) => {
    const { family } = FAMILIES[c.family]!;
    const inputs = sample(c.family, c.seed, c.to);
    for (let i = c.from; i < c.to; i++) {
      const input = inputs[i];
      let verdict: Verdict;
      let label = '';
      try {
        label = family.label(input);
        verdict = await family.judge(input);
      } catch (e) {
        verdict = { outcome: 'crashed', detail: `the judge threw: ${e instanceof Error ? e.message : String(e)}` };
      }
      process.send!({ kind: 'case', i, label, verdict } satisfies FromChild);
    }
    process.send!({ kind: 'done' } satisfies FromChild);
  });
}

async function parent(): Promise<number> {
  const args = parseCommandLine(process.argv.slice(2), FUZZ_FLAGS);
  if (args.values.help) {
    process.stdout.write(usage('npm run fuzz -- [--cases 10000] [--seed 1] [--workers 2] [--only scenario-files,dispatch]', FUZZ_FLAGS));
    return 0;
  }
  const total = parseInteger(str(args, 'cases') ?? '10000', '--cases', 1, 10_000_000);
  const seed = parseInteger(str(args, 'seed') ?? '1', '--seed', 0, 1_000_000);
  const workers = parseInteger(str(args, 'workers') ?? '2', '--workers', 1, 64);
  const timeoutMs = parseInteger(str(args, 'case-timeout') ?? '120', '--case-timeout', 1, 86_400) * 1000;
  const only = str(args, 'only')?.split(',').map((s) => s.trim());
  const chosen = FAMILIES.map((f, k) => ({ ...f, k })).filter((f) => !only || only.includes(f.family.name.replace(/ /g, '-')));
  if (chosen.length === 0) fail(`--only: found ${only!.join(',')}, expected some of ${FAMILIES.map((f) => f.family.name.replace(/ /g, '-')).join(', ')}`);
  const shares = chosen.reduce((s, f) => s + f.share, 0);
  const counts = chosen.map((f) => Math.max(1, Math.round((total * f.share) / shares)));

  const CHUNK = 200;
  const queue: Chunk[] = [];
  chosen.forEach((f, j) => {
    for (let from = 0; from < counts[j]!; from += CHUNK) queue.push({ family: f.k, seed, from, to: Math.min(counts[j]!, from + CHUNK) });
  });
  const byFamily = new Tally(6);
  const byGroup = new Tally(0);
  const t0 = performance.now();
  let done = 0;
  const all = counts.reduce((a, b) => a + b, 0);
  const record = (k: number, label: string, v: Verdict) => {
    byFamily.add(FAMILIES[k]!.family.name, label, v);
    byGroup.add(FAMILIES[k]!.group, label, v);
    done++;
    if (done % 500 === 0) process.stderr.write(`fuzz: ${done}/${all} cases, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  };

  const self = fileURLToPath(import.meta.url);
  /** Runs chunks from the queue in one child at a time; a hung or dead child is replaced. */
  const lane = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const chunk = c;
      await new Promise<void>((resolve) => {
        const proc: ChildProcess = fork(self, ['--child'], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        let next = chunk.from;
        let finished = false;
        let timer: NodeJS.Timeout;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => stop(`hung: no answer within ${timeoutMs / 1000} s`), timeoutMs);
        };
        const stop = (why: string) => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          proc.kill('SIGKILL');
          if (next < chunk.to) {
            const label = FAMILIES[chunk.family]!.family.label(sample(chunk.family, chunk.seed, next + 1)[next]);
            record(chunk.family, label, { outcome: 'crashed', detail: why });
            if (next + 1 < chunk.to) queue.unshift({ ...chunk, from: next + 1 });
          }
          resolve();
        };
        proc.on('message', (m: FromChild) => {
          if (m.kind === 'case') {
            record(chunk.family, m.label, m.verdict);
            next = m.i + 1;
            arm();
          } else {
            finished = true;
            clearTimeout(timer);
            proc.kill();
            resolve();
          }
        });
        proc.on('exit', (code, signal) => stop(`the process died (${signal ?? `exit ${code}`})`));
        arm();
        proc.send(chunk);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, lane));

  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`Generated inputs, seed ${seed}: ${done} cases in ${seconds.toFixed(0)} s\n\nBy the issue's four families:\n${byGroup.report()}\n\nBy generator:\n${byFamily.report()}\n`);
  const bad = [...byFamily.counts.values()].reduce((s, c) => s + c.unclear + c.silent + c.crashed, 0);
  return bad > 0 ? 1 : 0;
}

if (process.argv.includes('--child')) child();
else await runMain('fuzz', parent);
