/**
 * Finds, reads and validates a scenario for the headless commands. `--scenario` takes an id
 * (resolved to `scenarios/<id>.json` of the project, wherever the command is run from) or a path
 * (read as it is). Every failure comes back as one paragraph that starts with the file or id:
 * unknown id (with the known ids), unreadable file, invalid JSON (with line and column), or the
 * schema's own messages (each field, what was found, what is expected). Nothing here throws for
 * bad input.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, isAbsolute } from 'node:path';
import { parseScenario, type Result, type Scenario } from '../sim';
import { parseJsonText } from './json-text';
import { lineColumn } from '../sim/json-position';

/** The project root, from this file's location (src/cli/ → ../../), not from the cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');

export interface LoadedScenario {
  scenario: Scenario;
  /** How messages name it: the path as given, or `scenarios/<id>.json` for an id. */
  source: string;
}

/** Ids of the scenario files shipped in scenarios/ (file names without `.json`). */
function knownScenarioIds(): string[] {
  try {
    return readdirSync(SCENARIOS_DIR)
      .filter((f) => f.endsWith('.json') && !f.startsWith('.') && !f.endsWith('.schema.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
  } catch {
    return [];
  }
}

/** An argument names a file (rather than an id) when it has a directory part or a .json ending. */
export function looksLikePath(spec: string): boolean {
  return spec.includes('/') || spec.includes('\\') || spec.endsWith('.json');
}

/** Validates a scenario given as JSON text (what a file holds); never throws for bad input. */
export function scenarioFromText(text: string, source: string): Result<Scenario> {
  const json = parseJsonText(text, source, 'scenario');
  if (!json.ok) return json;
  return parseScenario(json.value, source);
}

/**
 * UTF-16 without a byte-order mark: ASCII text (as JSON mostly is) then has a zero in every other
 * byte, at odd places (little-endian) or even ones (big-endian). Nine pairs in ten of the first 32
 * are asked for, so that one stray zero byte in a UTF-8 file is read as what it is (a character
 * the JSON parser then places by line and column), not as an encoding.
 */
function looksUtf16(bytes: Uint8Array, zeroAt: 0 | 1): boolean {
  const pairs = Math.min(32, Math.floor(bytes.length / 2));
  if (pairs < 2) return false;
  let hits = 0;
  for (let i = 0; i < pairs; i++) if (bytes[2 * i + zeroAt] === 0 && bytes[2 * i + 1 - zeroAt] !== 0) hits++;
  return hits >= 0.9 * pairs;
}

/**
 * The text of a file's bytes, which must be UTF-8: a UTF-8 byte-order mark is skipped (Windows
 * Notepad writes one); UTF-16 and UTF-32 (by their byte-order mark, or UTF-16 without one by its
 * zero bytes) and bytes that are not UTF-8 (Latin-1, Windows-1252) are refused by name.
 */
function decodeUtf8(bytes: Uint8Array, path: string, what: string): Result<string> {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  const refuse = (encoding: string) => ({ ok: false as const, error: `${what} ${path} is encoded in ${encoding}; save it as UTF-8` });
  if (starts(0xef, 0xbb, 0xbf)) bytes = bytes.subarray(3);
  else if (starts(0xff, 0xfe, 0, 0)) return refuse('UTF-32 (little-endian, with a byte-order mark)');
  else if (starts(0, 0, 0xfe, 0xff)) return refuse('UTF-32 (big-endian, with a byte-order mark)');
  else if (starts(0xff, 0xfe)) return refuse('UTF-16 (little-endian, with a byte-order mark)');
  else if (starts(0xfe, 0xff)) return refuse('UTF-16 (big-endian, with a byte-order mark)');
  else if (looksUtf16(bytes, 1)) return refuse('UTF-16 (little-endian)');
  else if (looksUtf16(bytes, 0)) return refuse('UTF-16 (big-endian)');
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // Where the first byte that is not UTF-8 lies: the lenient decoding puts U+FFFD there.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const where = at >= 0 ? ` (a byte that is not UTF-8 at ${lineColumn(lenient, at)})` : '';
    return { ok: false, error: `${what} ${path} is not UTF-8 text${where}; it may be Latin-1 or Windows-1252: save it as UTF-8` };
  }
}

/** The largest scenario or save file read (50 MB): a real one is a few kilobytes to a few megabytes. */
const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/**
 * Reads a text file, turning the usual failures into a message naming the file. Before reading,
 * the path (links followed) must be a regular file of at most `MAX_INPUT_BYTES`: a device
 * (/dev/zero), a named pipe or a socket would never end, or block, and is refused by name.
 */
export function readTextFile(path: string, what: string): Result<string> {
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (!st.isFile() && !st.isDirectory()) {
      const kind = st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'not a regular file';
      return { ok: false, error: `${what} ${path} is ${kind}; expected a regular JSON file` };
    }
    if (st.size > MAX_INPUT_BYTES) {
      return { ok: false, error: `${what} ${path} is ${(st.size / 1024 / 1024).toFixed(1)} MB; expected a JSON file of at most ${MAX_INPUT_BYTES / 1024 / 1024} MB` };
    }
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' :
      code === 'EISDIR' ? 'this is a directory, expected a JSON file' :
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
      (e as Error).message;
    return { ok: false, error: `${what} ${path}: cannot read it (${why})` };
  }
  return decodeUtf8(bytes, path, what);
}

/** Resolves `--scenario <id|path>` to a validated scenario, or one clear message. */
export function loadScenario(spec: string): Result<LoadedScenario> {
  if (spec.trim() === '') return { ok: false, error: `--scenario: found an empty value, expected a scenario id (${knownScenarioIds().join(', ')}) or a path to a JSON file` };
  let file: string;
  let source: string;
  if (looksLikePath(spec)) {
    file = spec;
    source = spec;
  } else {
    const ids = knownScenarioIds();
    if (!ids.includes(spec)) {
      return { ok: false, error: `--scenario: unknown scenario id "${spec}"; the known ids are ${ids.join(', ') || '(none found in ' + SCENARIOS_DIR + ')'} (or give a path to a JSON file)` };
    }
    file = join(SCENARIOS_DIR, `${spec}.json`);
    const rel = relative(process.cwd(), file);
    source = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  }
  const text = readTextFile(file, 'scenario file');
  if (!text.ok) return text;
  const scenario = scenarioFromText(text.value, source);
  if (!scenario.ok) return scenario;
  return { ok: true, value: { scenario: scenario.value, source } };
}
