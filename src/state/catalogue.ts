/**
 * The scenarios the menu offers: one per file in `scenarios/`, validated. A file that does not
 * validate is left out of the menu and its message (file, field, problem) is kept to be shown.
 */
import { parseScenario } from '../sim';
import type { ScenarioEntry } from './game-types';

export interface Catalogue {
  entries: ScenarioEntry[];
  /** One message per scenario file that could not be read. */
  errors: string[];
}

/** Validates raw scenario files, keyed by their path; the default scenario comes first. */
export function buildCatalogue(files: Record<string, unknown>, defaultId = 'dijon-like'): Catalogue {
  const entries: ScenarioEntry[] = [];
  const errors: string[] = [];
  for (const path of Object.keys(files).sort()) {
    const parsed = parseScenario(files[path], path);
    if (parsed.ok) entries.push({ id: parsed.value.id, scenario: parsed.value });
    else errors.push(parsed.error);
  }
  entries.sort((a, b) => Number(b.id === defaultId) - Number(a.id === defaultId));
  return { entries, errors };
}
