/**
 * The page's URL parameters, checked as the command line checks its flags: `?seed=` is a seed
 * (0 to MAX_SEED, `isSeed`), `?agents=` a number of citizen agents (MIN_AGENTS to MAX_AGENTS,
 * `isAgentCount`), the same ranges as `--seed`, a save file and a scenario. A value out of range or
 * not a whole number is ignored, and the menu says so (`GameState.urlNotes`): the game never starts
 * with a seed it cannot replay or with no citizens.
 */
import { isAgentCount, isSeed, MAX_AGENTS, MAX_SEED, MIN_AGENTS } from '../sim';
import type { UrlNote } from './game-types';

/** What the address sets, and what it held that was ignored. */
export interface UrlSettings {
  seed?: number;
  agents?: number;
  notes: UrlNote[];
}

/** A whole number written in decimal digits ("12", " 12 "), or null. */
function wholeNumber(raw: string): number | null {
  const t = raw.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** Reads `?seed=` and `?agents=` from the query string (`window.location.search`). */
export function readUrlParams(search: string): UrlSettings {
  const params = new URLSearchParams(search);
  const out: UrlSettings = { notes: [] };
  const read = (param: UrlNote['param'], ok: (x: unknown) => x is number, min: number, max: number): number | undefined => {
    const raw = params.get(param);
    if (raw === null) return undefined;
    const value = wholeNumber(raw);
    if (ok(value)) return value;
    out.notes.push({ param, raw: raw.length > 40 ? `${raw.slice(0, 40)}…` : raw, min, max });
    return undefined;
  };
  const seed = read('seed', isSeed, 0, MAX_SEED);
  const agents = read('agents', isAgentCount, MIN_AGENTS, MAX_AGENTS);
  if (seed !== undefined) out.seed = seed;
  if (agents !== undefined) out.agents = agents;
  return out;
}
