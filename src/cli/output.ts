/**
 * Where the commands' results go: stdout, or a file written atomically (a temporary file in the
 * same directory, flushed, then a rename), so that a failed command never leaves a half-written or
 * clobbered file behind. Before a run starts, every output is checked: its directory exists and
 * takes a new file, it replaces nothing but a regular file, and no two outputs, nor an output and
 * an input, are the same file once links are resolved. Also the CSV writer the commands share.
 */
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fail, UserError } from './errors';
import { SUMMARY_KEYS } from '../sim';
import type { MetricRow } from '../sim/types';

/** A file a command reads or writes, with the flag that names it in messages ("--out", "the save file"). */
export interface NamedFile {
  flag: string;
  path: string;
}

/** The usual reasons a file cannot be written, in words. */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
    case 'ERR_FS_EISDIR':
      return 'it is a directory';
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}

function lstatOrUndefined(path: string, flag: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return fail(`${flag} ${path}: ${dirname(path)} is not a directory`);
    return fail(`${flag} ${path}: cannot be checked (${ioReason(e)})`);
  }
}

function kindOf(st: Stats): string {
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Refuses a path that a command may not replace: a directory, a symbolic link, a device, a pipe.
 * An absent path is fine. Shared by the outputs and the sweep's checkpoint.
 */
function checkReplaceable(path: string, flag: string): Stats | undefined {
  const st = lstatOrUndefined(path, flag);
  if (st === undefined) return undefined;
  // The checkpoint's path follows from --out: what to do is to move the thing away or pick another --out.
  const checkpoint = flag === 'the checkpoint';
  const remedy = 'remove it or move it away, or choose another --out';
  if (st.isDirectory()) {
    if (checkpoint) return fail(`${flag} ${path} is a directory, where the sweep keeps its finished runs in a file; ${remedy}`);
    return fail(`${flag} ${path} is a directory; expected a file path such as ${join(path, flag === '--save' ? 'save.json' : 'out.csv')}`);
  }
  if (st.isSymbolicLink()) {
    let target = '';
    try {
      target = ` to ${readlinkSync(path)}`;
    } catch {
      // the link's target is only for the message
    }
    if (checkpoint) return fail(`${flag} ${path} is a symbolic link${target}; the sweep writes its checkpoint only as a regular file: ${remedy}`);
    return fail(`${flag} ${path} is a symbolic link${target}; ${flag} replaces only a regular file: give the file itself or another path`);
  }
  if (!st.isFile()) {
    if (checkpoint) return fail(`${flag} ${path} is ${kindOf(st)}; the sweep writes its checkpoint only as a regular file: ${remedy}`);
    return fail(`${flag} ${path} is ${kindOf(st)}; ${flag} writes only regular files${flag === '--out' ? ' (to discard the output, omit --out and redirect stdout to /dev/null)' : ''}`);
  }
  checkNotReadOnly(path, st, flag);
  return st;
}

/**
 * Refuses to replace a file that is read-only: one the user may not write (access W_OK), and,
 * since root passes every access check, one whose mode gives nobody the right to write (chmod 444):
 * its owner marked it as not to be changed. Replacing it would go through (a rename needs only the
 * directory), so it is checked here.
 */
function checkNotReadOnly(path: string, st: Stats, flag: string): void {
  let readOnly = (st.mode & 0o222) === 0;
  try {
    accessSync(path, constants.W_OK);
  } catch {
    readOnly = true;
  }
  if (readOnly) {
    const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
    const noBit = (st.mode & 0o222) === 0;
    fail(`${flag} ${path} exists and is read-only (mode ${mode}${noBit ? '' : ', not writable by you'}); it is not replaced: ${noBit ? 'make it writable (chmod u+w) or ' : ''}choose another path`);
  }
}

/**
 * Checks early (before any run) that `--out`/`--save` can be written where asked: the directory
 * exists and takes a new file (tried, not guessed: a read-only or full file system, or a place
 * such as /sys, fail here), and whatever is there already is a regular file.
 */
function checkWritable(path: string, flag: string): void {
  if (path.trim() === '') fail(`${flag}: found an empty value, expected a file path`);
  if (/[\\/]$/.test(path)) fail(`${flag} ${path} is a directory path; expected a file path such as ${join(path, flag === '--save' ? 'save.json' : 'out.csv')}`);
  const dir = dirname(path);
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `${flag} ${path}: the directory ${dir} does not exist` : code === 'ENOTDIR' ? `${flag} ${path}: ${dir} is not a directory` : `${flag} ${path}: cannot be checked (${ioReason(e)})`);
  }
  if (!dirStat.isDirectory()) fail(`${flag} ${path}: ${dir} is not a directory`);
  checkReplaceable(path, flag);
  // The file itself is written as a new file beside it, then renamed: try exactly that.
  const probe = tempPathFor(path, 'probe');
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    // The directory exists (checked above): "no such file" here means it takes no new file (/proc).
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not take new files, as /proc and /sys do not' : ioReason(e);
    return fail(`${flag} ${path}: cannot write in the directory ${dir} (${why})`);
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Where a path leads once links are resolved: the file's real path, or its directory's plus its name. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Whether two paths name one file: the same real path, or (hard links) the same inode. */
function sameFile(a: string, b: string): boolean {
  if (realPath(a) === realPath(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Checks every output before the run: each writable (`checkWritable`), no two the same file, and
 * none of them an input (writing over the scenario or the save being read is refused).
 */
export function checkOutputs(outputs: readonly NamedFile[], inputs: readonly NamedFile[]): void {
  for (const o of outputs) checkWritable(o.path, o.flag);
  outputs.forEach((o, i) => {
    for (const other of outputs.slice(i + 1)) {
      if (sameFile(o.path, other.path)) fail(`${o.flag} ${o.path} and ${other.flag} ${other.path} are the same file (${realPath(o.path)}); give two different files`);
    }
    for (const input of inputs) {
      if (sameFile(o.path, input.path)) fail(`${o.flag} ${o.path} is the file read as ${input.flag} (${realPath(input.path)}); writing over an input is refused: give another file`);
    }
  });
}

function tempPathFor(path: string, kind: 'tmp' | 'probe'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.${kind}`);
}

/** A file being written beside its final place; `commit` renames it there, `abort` removes it. */
export interface StagedFile {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

/**
 * Starts writing `path` atomically: a new temporary file in the same directory (created, never
 * followed through a link), which `commit` flushes to the disk and renames over `path` — after
 * checking once more that `path` is still absent or a regular file. Keeps an existing file's mode.
 */
export function stageFile(path: string, flag: string): StagedFile {
  const tmp = tempPathFor(path, 'tmp');
  let fd: number | undefined;
  const failWith = (e: unknown): never => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(tmp, { force: true });
    if (e instanceof UserError) throw e;
    return fail(`${flag} ${path}: cannot write it (${ioReason(e)})`);
  };
  try {
    const existing = checkReplaceable(path, flag);
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, existing ? existing.mode & 0o7777 : 0o666);
  } catch (e) {
    failWith(e);
  }
  return {
    write(text) {
      try {
        writeSync(fd!, text);
      } catch (e) {
        failWith(e);
      }
    },
    commit() {
      try {
        fsyncSync(fd!);
        closeSync(fd!);
        fd = undefined;
        checkReplaceable(path, flag);
        renameSync(tmp, path);
      } catch (e) {
        failWith(e);
      }
    },
    abort() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      rmSync(tmp, { force: true });
    },
  };
}

/**
 * Writes several files all or nothing as far as a file system allows: every text goes to its
 * temporary file first, and only once all are written are they renamed into place.
 */
export function writeFilesAtomic(files: readonly { path: string; text: string; flag: string }[]): void {
  const staged: StagedFile[] = [];
  try {
    for (const f of files) {
      const s = stageFile(f.path, f.flag);
      staged.push(s);
      s.write(f.text);
    }
  } catch (e) {
    for (const s of staged) s.abort();
    throw e;
  }
  for (const s of staged) s.commit();
}

/** Writes the whole text to `path` atomically: temp file, then rename; nothing on failure. */
function writeFileAtomic(path: string, text: string, flag = '--out'): void {
  writeFilesAtomic([{ path, text, flag }]);
}

/** `--out -` means stdout, the usual convention: the value `out` has then (undefined). */
export function outFlag(value: string | undefined): string | undefined {
  return value === '-' ? undefined : value;
}

/** `--save -` is refused: a save is a file that replay reads back, and stdout already carries the run's output. */
export function saveFlag(value: string | undefined): string | undefined {
  if (value === '-') fail('--save -: a save goes to a file (stdout carries the run\'s summary or CSV); give a path such as save.json');
  return value;
}

/** Prints to stdout, or writes the file when `out` is given. */
export function emit(text: string, out: string | undefined): void {
  if (out === undefined) process.stdout.write(text);
  else writeFileAtomic(out, text);
}

function csvCell(v: unknown): string {
  const s = typeof v === 'number' ? String(v) : v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (RFC 4180), without its line end. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** CSV text (RFC 4180, "\n" line ends) from a header and rows of the same width. */
function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map(csvLine).join('\n') + '\n';
}

/** The yearly series as CSV: year, yearIndex, then every summary key (`sim --format csv`, `replay --format csv`). */
export function yearlyCsv(yearly: readonly MetricRow[]): string {
  const header = ['year', 'yearIndex', ...SUMMARY_KEYS];
  return toCsv(header, yearly.map((row) => header.map((k) => row[k])));
}
