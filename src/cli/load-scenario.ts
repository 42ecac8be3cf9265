/**
 * Finds, reads and validates a scenario for the headless commands. `--scenario` takes an id
 * (resolved to `scenarios/<id>.json` of the project, wherever the command is run from) or a path
 * (read as it is). Every failure comes back as one paragraph that starts with the file or id:
 * unknown id (with the known ids), unreadable file, invalid JSON (with line and column), or the
 * schema's own messages (each field, what was found, what is expected). Nothing here throws for
 * bad input.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, isAbsolute } from 'node:path';
import { parseScenario, type Result, type Scenario } from '../sim';
import { parseJsonText } from './json-text';

/** The project root, from this file's location (src/cli/ → ../../), not from the cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');

export interface LoadedScenario {
  scenario: Scenario;
  /** How messages name it: the path as given, or `scenarios/<id>.json` for an id. */
  source: string;
}

/** Ids of the scenario files shipped in scenarios/ (file names without `.json`). */
export function knownScenarioIds(): string[] {
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

/** Reads a text file, turning the usual failures into a message naming the file. */
export function readTextFile(path: string, what: string): Result<string> {
  try {
    return { ok: true, value: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' :
      code === 'EISDIR' ? 'this is a directory, expected a JSON file' :
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
      (e as Error).message;
    return { ok: false, error: `${what} ${path}: cannot read it (${why})` };
  }
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
