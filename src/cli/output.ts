/**
 * Where the commands' results go: stdout, or a file written atomically (a temporary file in the
 * same directory, then a rename), so that a failed command never leaves a half-written or
 * clobbered file behind. Also the CSV writer the commands share.
 */
import { writeFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { fail } from './errors';
import { SUMMARY_KEYS } from '../sim';
import type { MetricRow } from '../sim/types';

/** Checks early (before any run) that `--out`/`--save` can be written where asked. */
export function checkWritable(path: string, flag: string): void {
  if (path.trim() === '') fail(`${flag}: found an empty value, expected a file path`);
  const dir = dirname(path);
  let st;
  try {
    st = statSync(dir);
  } catch {
    return fail(`${flag} ${path}: the directory ${dir} does not exist`);
  }
  if (!st.isDirectory()) fail(`${flag} ${path}: ${dir} is not a directory`);
  try {
    if (statSync(path).isDirectory()) fail(`${flag} ${path}: this is a directory, expected a file path`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') fail(`${flag} ${path}: cannot be checked (${code ?? String(e)})`);
  }
}

/** Writes the whole text to `path` atomically: temp file, then rename; nothing on failure. */
export function writeFileAtomic(path: string, text: string, flag = '--out'): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`${flag} ${path}: cannot write it (${code ?? (e as Error).message})`);
  }
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

/** CSV text (RFC 4180, "\n" line ends) from a header and rows of the same width. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** The yearly series as CSV: year, yearIndex, then every summary key (`sim --format csv`, `replay --format csv`). */
export function yearlyCsv(yearly: readonly MetricRow[]): string {
  const header = ['year', 'yearIndex', ...SUMMARY_KEYS];
  return toCsv(header, yearly.map((row) => header.map((k) => row[k])));
}
