/**
 * Family (d): command lines for `sim`, `sweep`, `replay` and `sim bargain`, each run in this
 * process (the command's module imported afresh with its argv, its stdout and stderr captured:
 * a few milliseconds instead of a second per spawned process), in a directory of its own holding
 * a scenario, a save, an existing CSV, a directory, a symbolic link and a dangling one.
 *
 * Exit 0: the output (stdout or --out) holds finite numbers, the --save file replays, and no input
 * was written over (the scenario, the replayed save; --out and --save not the same file, not a
 * link, not a directory). Exit 2: nothing on stdout, one message on stderr that starts with the
 * command and names a flag or a file, and every file exactly as before. Exit 1: only a replay
 * whose hashes differ. Anything else (a stack trace, an internal error) is a crash.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { replaySave, SUMMARY_KEYS, type SaveFile } from '../../src/sim';
import { PROJECT_ROOT } from '../../src/cli/load-scenario';
import { readSaveFile } from '../../src/cli/save-file';
import { UserError } from '../../src/cli/errors';
import { accepted, crashed, firstNonFinite, judgeRefusal, oneLine, thrown, type Family, type Verdict } from './harness';
import { baseScenario, workDir } from './scenario-family';
import { cliSave } from './save-family';

// ---------------------------------------------------------------------------------------------
// Running a command in this process.

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Each run imports the command's module afresh (a new query string: a new module instance). */
const fresh = { count: 0 };

/** Runs `src/cli/<command>.ts` with `args` in this process, as `npm run <command> -- args` would. */
async function runInProcess(command: 'sim' | 'sweep' | 'replay', args: string[]): Promise<CliResult> {
  const url = pathToFileURL(join(PROJECT_ROOT, 'src/cli', `${command}.ts`)).href;
  const saved = { argv: process.argv, exitCode: process.exitCode, out: process.stdout.write, err: process.stderr.write, listeners: process.stdout.listeners('error') };
  let stdout = '';
  let stderr = '';
  process.argv = [process.argv[0]!, join(PROJECT_ROOT, 'src/cli', `${command}.ts`), ...args];
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  let code: number | string | undefined;
  try {
    await import(/* @vite-ignore */ `${url}?fuzz=${fresh.count++}`);
  } finally {
    code = process.exitCode;
    process.argv = saved.argv;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    for (const l of process.stdout.listeners('error')) if (!saved.listeners.includes(l)) process.stdout.off('error', l as () => void);
    process.exitCode = saved.exitCode;
  }
  // The command's `runMain` sets the exit code; a command that set none exits 0.
  return { code: Number(code ?? 0), stdout, stderr };
}

// ---------------------------------------------------------------------------------------------
// The case's directory and what must not change in it.

interface Entry {
  kind: 'file' | 'dir' | 'link' | 'other';
  digest: string;
}

function listing(dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, { kind: 'link', digest: readlinkSync(p) });
      else if (st.isDirectory()) {
        out.set(r, { kind: 'dir', digest: '' });
        walk(p, r);
      } else if (st.isFile()) out.set(r, { kind: 'file', digest: createHash('sha1').update(readFileSync(p)).digest('hex') });
      else out.set(r, { kind: 'other', digest: '' });
    }
  };
  walk(dir, '');
  return out;
}

let saveText: string | undefined;
let scenarioText: string | undefined;
let cases = 0;

/** A fresh directory with the files a command line may name. */
function caseDir(): string {
  const dir = join(workDir(), `cli-${cases++}`);
  mkdirSync(join(dir, 'sub'), { recursive: true });
  scenarioText ??= JSON.stringify(baseScenario(), null, 2);
  writeFileSync(join(dir, 'scen.json'), scenarioText);
  saveText ??= JSON.stringify(cliSave(), null, 2) + '\n';
  writeFileSync(join(dir, 'save.json'), saveText);
  writeFileSync(join(dir, 'existing.csv'), 'keep me\n');
  writeFileSync(join(dir, 'notdir.txt'), 'a file\n');
  symlinkSync('existing.csv', join(dir, 'link.json'));
  symlinkSync('missing-target.json', join(dir, 'dangling.json'));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The command lines.

/** A token that names a file of the case's directory (`@name`), resolved when the case runs. */
const FILES = ['@out.json', '@out.csv', '@existing.csv', '@sub', '@nodir/x.json', '@notdir.txt/x.json', '@link.json', '@dangling.json', '@scen.json', '@save.json', '@./out.json', '@sub/../out.json', '', '/proc/horizons-fuzz-out.json'];
const SEEDS = ['1', '0', '4294967295', '4294967296', '-1', '1.5', 'abc', '', '0x10', '1e3', ' 7', '2147483648'];
const YEARS = ['1', '2', '0', '61', '-1', '1.5', 'abc', ''];
const AGENTS = ['200', '50', '49', '0', '100001', '1e9', '200.5', 'abc', ''];
const SET_PATHS = ['city.debtEur', 'city.operatingCostEur', 'city.taxes.tfpbEur', 'territory.districts.0.buildingsEnergyMWh', 'coordination.measures.smartCityOffice.costEur', 'coordination.alignment', 'city.discountRate', 'citizens.agents', 'horizonYears', 'playableYears', 'funding.grantShare', 'partner.cashEur', 'energy.priceEurPerMWh', 'politics.campaignMonths', 'city.nope', '', 'city', 'city.mayor', '__proto__.x'];
const SET_VALUES = ['1e308', '1e306', '1e304', '-1', '0', '0.5', '2', '1e15', 'NaN', 'Infinity', 'abc', '', '0x10', '1e999', '-0'];
const PERSONALITIES = ['steady-mayor', 'rule-based', 'none', 'infrastructure-partner', 'cash-hungry-partner', 'buy-everything-city', 'nobody', ''];
const JUNK = [['--help=yes'], ['-h'], ['--help'], ['--sede', '3'], ['extra'], ['--'], ['-x'], ['--seed', '2'], ['--format'], ['--out'], ['--Seed', '1'], ['--set', 'a'], ['--years', '1', '--years', '2']];

export interface CliInput {
  command: 'sim' | 'sweep' | 'replay' | 'bargain';
  args: string[];
}

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const opt = (weight: number, arb: fc.Arbitrary<string[]>): fc.Arbitrary<string[]> => fc.oneof({ weight, arbitrary: arb }, { weight: 10 - weight, arbitrary: fc.constant<string[]>([]) });
/** A flag with its first value most of the time (a run that goes through), else any of them. */
const flag = (name: string, values: readonly string[]) => fc.oneof({ weight: 3, arbitrary: fc.constant(values[0]!) }, { weight: 2, arbitrary: pick(values) }).map((v) => [`--${name}`, v]);

const scenarioFlag = fc.oneof({ weight: 6, arbitrary: fc.constant(['--scenario', '@scen.json']) }, { weight: 3, arbitrary: fc.constant(['--scenario', 'dijon-like']) }, { weight: 1, arbitrary: flag('scenario', ['@missing.json', '', '@sub', '@existing.csv', 'atlantis', '@link.json']) });
/** `--set path=value`: often a money field pushed to the edge of the doubles (the crashes), else anything. */
const setFlag = (multiple: boolean) =>
  fc
    .oneof(
      { weight: 2, arbitrary: fc.tuple(pick(SET_PATHS.slice(0, 5)), pick(['1e308', '1e306', '1e304'])) },
      { weight: 3, arbitrary: fc.tuple(pick(SET_PATHS), multiple ? fc.array(pick(SET_VALUES), { minLength: 1, maxLength: 2 }).map((v) => v.join(',')) : pick(SET_VALUES)) },
    )
    .map(([p, v]) => ['--set', `${p}=${v}`]);

const simArgs = fc
  .tuple(
    scenarioFlag,
    opt(9, flag('seed', SEEDS)),
    opt(9, flag('years', YEARS)),
    opt(9, flag('agents', AGENTS)),
    fc.array(setFlag(false), { maxLength: 2 }).map((xs) => xs.flat()),
    opt(3, flag('format', ['json', 'csv', 'xml', ''])),
    opt(4, flag('out', FILES)),
    opt(3, flag('save', FILES)),
    opt(1, flag('city', PERSONALITIES)),
    opt(1, flag('partner', PERSONALITIES)),
    opt(1, pick(JUNK)),
  )
  .map((parts) => parts.flat());

const sweepArgs = fc
  .tuple(
    scenarioFlag,
    opt(9, flag('seeds', ['1', '1-2', '0', '4294967295', '4294967296', '2-1', 'a-b', '', '1-', '-1', '1-1000000000000', ' 3 '])),
    opt(9, flag('years', YEARS)),
    opt(9, flag('agents', AGENTS)),
    fc.array(setFlag(true), { maxLength: 2 }).map((xs) => xs.flat()),
    opt(2, flag('workers', ['1', '1', '2', '0', '-1', 'abc', '1000'])),
    opt(4, flag('out', FILES)),
    opt(1, pick(JUNK)),
  )
  .map((parts) => parts.flat());

const replayArgs = fc
  .tuple(
    fc.oneof({ weight: 8, arbitrary: fc.constant(['@save.json']) }, { weight: 2, arbitrary: pick([['@scen.json'], ['@missing.json'], ['@sub'], ['@existing.csv'], [], ['@save.json', '@save.json']]) }),
    opt(4, flag('format', ['text', 'json', 'csv', 'xml', ''])),
    opt(4, flag('out', FILES)),
    opt(1, pick(JUNK)),
  )
  .map((parts) => parts.flat());

const bargainArgs = fc
  .tuple(opt(9, flag('delta-city', ['0.9', '0', '1', '0.99999', '-0.1', 'NaN', 'abc', '1e-320'])), opt(9, flag('delta-partner', ['0.95', '0.5', '1', '2', ''])), opt(9, flag('proposer', ['city', 'partner', 'mayor'])), opt(3, flag('format', ['text', 'json', 'xml'])))
  .map((parts) => parts.flat());

const cliInputArb: fc.Arbitrary<CliInput> = fc.oneof(
  { weight: 5, arbitrary: simArgs.map((args) => ({ command: 'sim' as const, args })) },
  { weight: 2, arbitrary: sweepArgs.map((args) => ({ command: 'sweep' as const, args })) },
  { weight: 2, arbitrary: replayArgs.map((args) => ({ command: 'replay' as const, args })) },
  { weight: 1, arbitrary: bargainArgs.map((args) => ({ command: 'bargain' as const, args })) },
);

/** Keeps `./` and `../` in a path (join would fold them: the point is two names for one file). */
function asWritten(a: string, dir: string): string {
  return a.startsWith('@') ? `${dir}/${a.slice(1)}` : a;
}

// ---------------------------------------------------------------------------------------------
// The judge.

function checkJsonOutput(text: string, what: string): string | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return `${what} is not JSON: ${oneLine(text, 120)}`;
  }
  const bad = firstNonFinite(v);
  if (bad) return `${what}: ${bad}`;
  if (v && typeof v === 'object' && 'stateHash' in v) {
    for (const k of SUMMARY_KEYS) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x !== 'number') return `${what}: ${k} is ${JSON.stringify(x)}, expected a finite number`;
    }
  }
  return null;
}

function checkCsvOutput(text: string, what: string): string | null {
  const rows = text.trimEnd().split('\n');
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i]!.split(',');
    const j = cells.findIndex((c) => c === '' || /^-?Infinity$|^NaN$/.test(c));
    if (j >= 0) return `${what}: row ${i}, column ${rows[0]!.split(',')[j] ?? j} is ${JSON.stringify(cells[j])}`;
  }
  return null;
}

const flagsOf = (args: string[]) => args.filter((a) => a.startsWith('-')).map((a) => a.split('=')[0]!);

export const cliFamily: Family<CliInput> = {
  name: 'command lines',
  arbitrary: cliInputArb,
  label: (x) => `${x.command === 'bargain' ? 'sim bargain' : x.command} ${x.args.map((a) => (a === '' ? "''" : /\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`,
  async judge(x): Promise<Verdict> {
    const dir = caseDir();
    try {
      return await judgeIn(dir, x);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function judgeIn(dir: string, x: CliInput): Promise<Verdict> {
  const args = x.args.map((a) => (a.startsWith('@') ? asWritten(a, dir) : a));
  const before = listing(dir);
  let r: CliResult;
  try {
    r = await runInProcess(x.command === 'bargain' ? 'sim' : x.command, x.command === 'bargain' ? ['bargain', ...args] : args);
  } catch (e) {
    return thrown(e, `${x.command} (in process)`);
  }
  const after = listing(dir);
  const command = x.command === 'bargain' ? 'sim' : x.command;
  const value = (name: string) => {
    const i = args.lastIndexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const changed = [...before].filter(([k, e]) => {
    const a = after.get(k);
    return !a || a.kind !== e.kind || a.digest !== e.digest;
  }).map(([k]) => k);
  const created = [...after.keys()].filter((k) => !before.has(k));
  if (/^\s+at /m.test(r.stderr) || /internal error/i.test(r.stderr)) return judgeRefusal(r.stderr, { names: [] });
  if (r.code === 2 || (r.code === 1 && command === 'replay' && /does not replay/.test(r.stderr))) {
    if (changed.length > 0 || created.length > 0) return crashed(`refused (exit ${r.code}) but changed ${[...changed, ...created].join(', ')}: ${oneLine(r.stderr, 200)}`);
    if (r.code === 2 && r.stdout !== '') return crashed(`refused with output on stdout: ${oneLine(r.stdout, 120)}`);
    if (!r.stderr.startsWith(`${command}: `)) return { outcome: 'unclear', detail: `the message does not start with "${command}: ": ${oneLine(r.stderr)}` };
    if (r.code === 1) return { outcome: 'refused', detail: oneLine(r.stderr) };
    const names = [...flagsOf(args), ...args.filter((a) => !a.startsWith('-') && a.trim() !== ''), 'flag', 'argument', 'save file'];
    return judgeRefusal(r.stderr.slice(command.length + 2), { names, injected: [] });
  }
  if (r.code !== 0) return crashed(`exit ${r.code}: ${oneLine(r.stderr || r.stdout, 300)}`);
  // Accepted: the output, the files written, the inputs left alone.
  if (args.some((a) => a === '-h' || a === '--help' || a.startsWith('--help='))) return /^usage: /.test(r.stdout) ? accepted('help') : crashed(`help without usage: ${oneLine(r.stdout, 100)}`);
  const out = value('out');
  const save = value('save');
  const inputs = [value('scenario'), command === 'replay' ? args.find((a) => !a.startsWith('-') && a !== value('format') && a !== out) : undefined].filter((p): p is string => !!p && p.startsWith(dir));
  const rel = (p: string) => p.slice(dir.length + 1).replace(/^\.\//, '').replace(/(^|\/)\.\//g, '$1').replace(/[^/]+\/\.\.\//g, '');
  for (const input of inputs) if (changed.includes(rel(input))) return crashed(`exit 0 and the input ${rel(input)} was written over`);
  const targets = [out, save].filter((p): p is string => !!p).map((p) => (p.startsWith(dir) ? rel(p) : p));
  // A target that was a link may be followed (its file written, the link kept), never replaced.
  const real = (t: string) => {
    const was = before.get(t);
    return was?.kind === 'link' ? join(t, '..', was.digest).replace(/^\.\//, '') : t;
  };
  for (const t of targets) {
    const was = before.get(t);
    if (was && was.kind === 'link' && after.get(t)?.kind !== 'link') return crashed(`exit 0 and ${t} (a symbolic link) was replaced by a file`);
    if (was && was.kind !== 'file' && was.kind !== 'link') return crashed(`exit 0 and ${t} (a ${was.kind === 'dir' ? 'directory' : was.kind}) was replaced`);
  }
  if (out && save && real(targets[0]!) === real(targets[1]!)) return crashed(`exit 0 with --out and --save naming the same file ${real(targets[0]!)}: one overwrote the other`);
  targets.push(...targets.map(real));
  const others = changed.filter((k) => !targets.includes(k));
  if (others.length > 0) return crashed(`exit 0 and ${others.join(', ')} changed`);
  const format = value('format') ?? (command === 'sweep' ? 'csv' : command === 'replay' ? 'text' : x.command === 'bargain' ? 'text' : 'json');
  const text = out ? readFileSync(out, 'utf8') : r.stdout;
  const what = out ? `--out ${targets[0]}` : 'stdout';
  const bad = format === 'json' ? checkJsonOutput(text, what) : format === 'csv' ? checkCsvOutput(text, what) : x.command === 'bargain' ? (/NaN|Infinity/.test(text) ? `${what}: ${oneLine(text, 100)}` : null) : null;
  if (bad) return crashed(`exit 0, non-finite output: ${bad}`);
  if (save) {
    try {
      const s: SaveFile = readSaveFile(save);
      if (!replaySave(s).ok) return crashed(`exit 0 and the --save file does not replay`);
    } catch (e) {
      return crashed(`exit 0 and the --save file cannot be read back: ${oneLine(e instanceof UserError ? e.message : String(e), 200)}`);
    }
  }
  return accepted();
}
