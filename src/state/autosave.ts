/**
 * The autosave: the game saved at the end of every year in local storage, versioned.
 *
 * An autosave is an envelope around a replay save (`SaveFile`, the format `npm run replay` reads)
 * with the role played. Reading one never loses it: a save that cannot be read (broken JSON, another
 * format, an old version, a model that no longer replays it) is moved, untouched, to a key of its
 * own, and the menu says what was wrong and where it is kept.
 */
import { found, parseSave, type SaveFile } from '../sim';
import { lineColumn, locateJsonError } from '../sim/json-position';
import { ROLES, type Role } from './game-types';

export const AUTOSAVE_KEY = 'horizons.autosave';
export const CORRUPT_KEY = 'horizons.autosave.unreadable';
export const AUTOSAVE_FORMAT = 'horizons-autosave';
export const AUTOSAVE_VERSION = 1;

/** The part of `localStorage` the autosave uses (tests give a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Autosave {
  format: typeof AUTOSAVE_FORMAT;
  version: typeof AUTOSAVE_VERSION;
  role: Role;
  save: SaveFile;
}

export type AutosaveRead = { kind: 'none' } | { kind: 'ok'; autosave: Autosave } | { kind: 'corrupt'; key: string; error: string };

/** A value where a name is expected, in words: a number is said to be one ("the number 2", not "2"). */
const asText = (v: unknown): string => (typeof v === 'number' ? `the number ${v}` : found(v));

/** Parses an autosave's text; the message names the field and what was expected. */
export function parseAutosave(text: string): { ok: true; value: Autosave } | { ok: false; error: string } {
  let raw: unknown;
  // A byte-order mark (an autosave copied through a text editor) is not part of the JSON.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    raw = JSON.parse(json);
  } catch {
    if (json.trim() === '') return { ok: false, error: 'the autosave is empty; expected a saved game' };
    const at = locateJsonError(json);
    const offset = at >= 0 ? at : json.length;
    const where = offset >= json.length ? 'it ends too early, at the end of the text' : `at ${lineColumn(json, offset)} (character ${offset + 1}), found ${JSON.stringify(json.slice(offset, offset + 12))}`;
    return { ok: false, error: `the autosave is not valid JSON: ${where}; it was cut or edited` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: 'the autosave is not a JSON object' };
  const env = raw as Record<string, unknown>;
  if (env.format !== AUTOSAVE_FORMAT) return { ok: false, error: `format: found ${asText(env.format)}, expected "${AUTOSAVE_FORMAT}"` };
  if (env.version !== AUTOSAVE_VERSION) {
    return { ok: false, error: `version: found ${found(env.version)}, expected ${AUTOSAVE_VERSION} (a save from another version of Horizons)` };
  }
  if (!ROLES.includes(env.role as Role)) return { ok: false, error: `role: found ${asText(env.role)}, expected one of ${ROLES.join(', ')}` };
  const save = parseSave(env.save, 'autosave');
  if (!save.ok) return { ok: false, error: save.error };
  return { ok: true, value: { format: AUTOSAVE_FORMAT, version: AUTOSAVE_VERSION, role: env.role as Role, save: save.value } };
}

/** Keeps an unreadable save under a key of its own (never over an earlier one) and frees the main key. */
function setAsideUnreadable(storage: KeyValueStorage, text: string): string {
  let key = CORRUPT_KEY;
  for (let k = 2; storage.getItem(key) !== null && storage.getItem(key) !== text; k++) key = `${CORRUPT_KEY}.${k}`;
  storage.setItem(key, text);
  storage.removeItem(AUTOSAVE_KEY);
  return key;
}

/**
 * Sets aside the autosave that was read but does not replay (edited, or from another version of the
 * model), before the next year's autosave can overwrite it. Returns the key it is kept under, or
 * null when storage refused the move (it is then still under the autosave's key, untouched).
 */
export function setAsideAutosave(storage: KeyValueStorage | null): string | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(AUTOSAVE_KEY);
    return text === null ? null : setAsideUnreadable(storage, text);
  } catch {
    return null;
  }
}

/** Reads the autosave; an unreadable one is set aside (kept) and reported. */
export function readAutosave(storage: KeyValueStorage | null): AutosaveRead {
  if (!storage) return { kind: 'none' };
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  const parsed = parseAutosave(text);
  if (parsed.ok) return { kind: 'ok', autosave: parsed.value };
  try {
    return { kind: 'corrupt', key: setAsideUnreadable(storage, text), error: parsed.error };
  } catch {
    // Storage full or refused: leave the save where it is (still kept) and say so.
    return { kind: 'corrupt', key: AUTOSAVE_KEY, error: parsed.error };
  }
}

/** Writes the autosave; returns an error message when storage refuses (full, disabled). */
export function writeAutosave(storage: KeyValueStorage | null, role: Role, save: SaveFile): string | null {
  if (!storage) return 'no local storage';
  const env: Autosave = { format: AUTOSAVE_FORMAT, version: AUTOSAVE_VERSION, role, save };
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(env));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
