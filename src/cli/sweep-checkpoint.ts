/**
 * The sweep's checkpoint, `<out>.partial` beside `--out`: one JSON line per finished run, written
 * (and handed to the operating system) as each run finishes, so that Ctrl-C, a full disk or a
 * crash keeps every finished run, and `--resume` continues from there. Its first line says which
 * sweep it belongs to (scenario digest, seeds, `--set` values, players, years, agents, columns),
 * so that a resume with other flags is refused instead of mixing two sweeps. A line cut short by
 * a crash or a full disk is the last one: it is dropped on resume. Once every run is in, the
 * sweep writes `--out` (the CSV in job order, as an uninterrupted sweep does) and removes it.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { EXIT_FAILURE, fail } from './errors';
import { ioReason } from './output';
import type { SweepJob, SweepPlan } from './sweep-core';

/** The checkpoint of `--out f.csv` is `f.csv.partial`. */
export const PARTIAL_SUFFIX = '.partial';

const FORMAT = 'horizons-sweep-checkpoint';

/** Which sweep a checkpoint belongs to: everything that decides its rows (not `--workers`). */
export type SweepIdentity = Record<string, unknown>;

export function sweepIdentity(plan: SweepPlan, header: readonly string[]): SweepIdentity {
  return {
    format: FORMAT,
    version: 1,
    columns: header.join(','),
    seeds: `${plan.seeds[0]}-${plan.seeds[plan.seeds.length - 1]}`,
    values: plan.combos.map((c) => c.values),
    years: plan.shape.years ?? null,
    city: plan.shape.city ?? null,
    partner: plan.shape.partner ?? null,
    agents: plan.shape.agents ?? null,
    scenarioSha256: createHash('sha256').update(JSON.stringify(plan.combos.map((c) => c.scenario))).digest('hex'),
  };
}

/** What a checkpoint holds: the CSV line of each finished run by job index. */
export interface Checkpoint {
  rows: Map<number, string>;
  /** Bytes of its whole lines: what is kept when appending resumes (a cut-short last line is not). */
  keptBytes: number;
}

/** How many finished runs a checkpoint holds (its lines after the first), for messages. */
export function countRuns(path: string): number {
  try {
    const text = readFileSync(path, 'utf8');
    return Math.max(0, text.split('\n').length - 2);
  } catch {
    return 0;
  }
}

const NUMBER_CELL = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/;
const HASH_CELL = /^[0-9a-f]+$/;

/**
 * What is wrong with a kept row, if anything: a row as the sweep writes it has one cell per
 * column, a finite number in each but the last (written by `String(number)`, so never quoted),
 * and the state hash in hexadecimal last. An edited row (a cell more or less, NaN, an empty cell)
 * would otherwise reach the final CSV.
 */
function rowProblem(row: string, columns: number): string | undefined {
  const cells = row.split(',');
  if (cells.length !== columns) return `has ${cells.length} cells, expected ${columns} (one per column of the header)`;
  const last = cells.length - 1;
  for (let c = 0; c < last; c++) {
    const cell = cells[c]!;
    if (!NUMBER_CELL.test(cell) || !Number.isFinite(Number(cell))) return `has ${cell === '' ? 'an empty cell' : JSON.stringify(cell)} in column ${c + 1}, expected a finite number`;
  }
  if (!HASH_CELL.test(cells[last]!)) return `has ${cells[last] === '' ? 'an empty cell' : JSON.stringify(cells[last])} in its last column, expected the state hash (hexadecimal)`;
  return undefined;
}

/**
 * Reads the checkpoint of an interrupted sweep and checks it against this sweep: the same
 * identity, each line a run of this sweep (index in range, the seed and values it should have,
 * no run twice, one finite number per column and the state hash last). Anything else is refused with the line and what is wrong.
 */
export function readCheckpoint(path: string, identity: SweepIdentity, jobs: readonly SweepJob[], linePrefix: (job: SweepJob) => string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`the checkpoint ${path}: cannot read it (${ioReason(e)})`);
  }
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  const lines = whole.split('\n').slice(0, -1);
  const rows = new Map<number, string>();
  const columns = String(identity.columns).split(',').length;
  // A checkpoint cut short before its first line was whole holds nothing yet.
  if (lines.length === 0) return { rows, keptBytes: 0 };
  const damaged = (n: number, why: string): never => fail(`the checkpoint ${path} is damaged at line ${n} (${why}); delete it to start the sweep over`);
  let head: unknown;
  try {
    head = JSON.parse(lines[0]!);
  } catch {
    head = undefined;
  }
  if (typeof head !== 'object' || head === null || (head as SweepIdentity).format !== FORMAT) {
    return fail(`${path} is not a sweep checkpoint (its first line is not a ${FORMAT} header); move it away or delete it`);
  }
  const differ = Object.keys(identity).filter((k) => JSON.stringify((head as SweepIdentity)[k]) !== JSON.stringify(identity[k]));
  if (differ.length > 0) {
    const names = differ.map((k) => (k === 'scenarioSha256' ? 'scenario' : k)).join(', ');
    return fail(
      `the checkpoint ${path} belongs to another sweep (different ${names}): resume with the same --scenario, --seeds, --set, --years, --city, --partner and --agents, or delete it to start over`,
    );
  }
  for (let i = 1; i < lines.length; i++) {
    let entry: unknown;
    try {
      entry = JSON.parse(lines[i]!);
    } catch {
      return damaged(i + 1, 'not JSON');
    }
    const { run, row } = (entry ?? {}) as { run?: unknown; row?: unknown };
    if (typeof run !== 'number' || !Number.isInteger(run) || run < 0 || run >= jobs.length) return damaged(i + 1, `run ${JSON.stringify(run)} is not a run of this sweep`);
    if (typeof row !== 'string' || !row.startsWith(linePrefix(jobs[run]!))) return damaged(i + 1, `run ${run} does not hold its seed and values`);
    if (rows.has(run)) return damaged(i + 1, `run ${run} is there twice`);
    const bad = rowProblem(row, columns);
    if (bad !== undefined) return damaged(i + 1, `run ${run} ${bad}`);
    rows.set(run, row);
  }
  return { rows, keptBytes: Buffer.byteLength(whole) };
}

/** Appends finished runs to a checkpoint. */
export interface CheckpointWriter {
  append(index: number, line: string): void;
  /** Flushes to the disk and closes. */
  close(): void;
}

/** Flushed to the disk (not only to the operating system) at most this often, in milliseconds. */
const SYNC_EVERY_MS = 1000;

/**
 * Opens a checkpoint for appending: a new one (its header first; it must not exist), or the one
 * an interrupted sweep left, cut back to its whole lines. Never follows a symbolic link. A write
 * that fails (a full disk) stops the sweep with a message that says the finished runs are kept.
 */
export function openCheckpoint(path: string, start: { identity: SweepIdentity } | { keptBytes: number; identity: SweepIdentity }, alreadyKept: number): CheckpointWriter {
  let kept = alreadyKept;
  const stop = (e: unknown): never =>
    fail(`cannot write the checkpoint ${path} (${ioReason(e)}); the ${kept} finished run${kept === 1 ? ' is' : 's are'} kept in it: make room and run the same command with --resume`, EXIT_FAILURE);
  const writeAll = (fd: number, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  };
  let fd: number;
  try {
    const resuming = 'keptBytes' in start;
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | (resuming ? 0 : constants.O_CREAT | constants.O_EXCL), 0o666);
    if (resuming && fstatSync(fd).size > start.keptBytes) ftruncateSync(fd, start.keptBytes);
    if (!resuming || start.keptBytes === 0) writeAll(fd, JSON.stringify(start.identity) + '\n');
  } catch (e) {
    return stop(e);
  }
  let lastSync = Date.now();
  return {
    append(index, line) {
      try {
        writeAll(fd, JSON.stringify({ run: index, row: line }) + '\n');
        kept++;
        if (Date.now() - lastSync >= SYNC_EVERY_MS) {
          fdatasyncSync(fd);
          lastSync = Date.now();
        }
      } catch (e) {
        stop(e);
      }
    },
    close() {
      try {
        fdatasyncSync(fd);
        closeSync(fd);
      } catch (e) {
        stop(e);
      }
    },
  };
}

/** The lock of `<out>.partial` is `<out>.partial.lock`, holding the pid of the sweep writing it. */
const LOCK_SUFFIX = '.lock';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of a checkpoint, so that two sweeps on one `--out` at once do not read each
 * other's finished runs as an interrupted sweep, nor append to one checkpoint: the lock file is
 * created exclusively and holds this process's pid; it is removed when the process exits (also on
 * Ctrl-C, or a refusal). A lock whose process is gone (a crash, SIGKILL) is taken over. Returns the
 * function that releases it.
 */
export function lockCheckpoint(partial: string, out: string): () => void {
  const lock = partial + LOCK_SUFFIX;
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return fail(`cannot create the lock ${lock} of the sweep's checkpoint (${ioReason(e)})`);
      let text = '';
      try {
        text = readFileSync(lock, 'utf8');
      } catch {
        // removed meanwhile, or not readable: judged by its text below
      }
      const pid = /^\s*(\d+)\s*$/.exec(text) ? Number(text) : undefined;
      if (pid !== undefined && pid !== process.pid && pidAlive(pid)) {
        return fail(`another sweep (pid ${pid}) is writing ${out} (its lock is ${lock}); wait for it to finish, or choose another --out`);
      }
      if (pid === undefined && text !== '') {
        return fail(`${lock} is not a sweep's lock (it should hold a process id); remove it, or choose another --out`);
      }
      // Its sweep is gone (or it was left empty by a crash between create and write): take it over.
      try {
        rmSync(lock, { force: true });
      } catch (e2) {
        return fail(`${lock} cannot be taken over (${ioReason(e2)}): remove it, or choose another --out`);
      }
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    const release = () => {
      process.off('exit', release);
      rmSync(lock, { force: true });
    };
    process.on('exit', release);
    return release;
  }
  return fail(`cannot take the lock ${lock} of the sweep's checkpoint: another sweep took it at the same moment; choose another --out`);
}
