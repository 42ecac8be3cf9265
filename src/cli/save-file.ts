/**
 * Writing and reading save files from the command line: `sim --save` records a run as a
 * `SaveFile` (scenario as run, seed, personalities, years, actions, every yearly hash) that
 * `replay` reads back and checks.
 */
import { createSave, parseSave, type RunResult, type SaveFile, type Scenario, type TimedAction } from '../sim';
import { readTextFile } from './load-scenario';
import { parseJsonText } from './json-text';
import { unwrap } from './errors';

/** The save of a finished headless run (run with `yearlyHashes: true`), scenario embedded as run. */
export function buildSave(
  scenario: Scenario,
  run: { seed: number; city: string; partner: string; agents?: number; actions: TimedAction[] },
  result: RunResult,
): SaveFile {
  const save = createSave(scenario, { ...run, years: result.yearlyHashes.length }, [...result.yearlyHashes]);
  // The run's own final hash, not only the last yearly one: a replay checks both.
  return { ...save, finalHash: result.summary.stateHash };
}

/** Reads and validates a save file; one clear message (naming the file) when it cannot be used. */
export function readSaveFile(path: string): SaveFile {
  const text = unwrap(readTextFile(path, 'save file'));
  const json = unwrap(parseJsonText(text, path, 'save file'));
  return unwrap(parseSave(json, path));
}
