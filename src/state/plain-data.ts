/**
 * What `dispatch` keeps of an action: a copy made of JSON data only (objects, lists, strings, finite
 * numbers, true/false, null), the form a save records and a replay reads back. The copy is made
 * before anything is applied, so that an action the game cannot record (a function, a Symbol, a
 * BigInt, NaN or Infinity, a cycle, a Date or a Map) is refused whole, naming the field and what was
 * found, and nothing of the game has moved. What JSON would drop or change is settled the same way
 * here: a key whose value is `undefined` is left out, −0 becomes 0.
 *
 * Hand-written rather than `JSON.parse(JSON.stringify(x))` (which turns NaN into null and drops a
 * function without a word) or `structuredClone` (which keeps NaN, −0, a Date or a Map): the point is
 * to say which field is wrong, in words a person reads.
 */

/** A copy of plain JSON data, or the first field that is not (`number`: NaN or ±Infinity, a number that is not finite). */
export type DataCopy = { ok: true; value: unknown } | { ok: false; field: string; found: string; number: boolean };

/** Deeper than this is not an action (and would exhaust the stack on a crafted one). */
const MAX_DEPTH = 32;

/** What JSON data may be, for the messages. */
export const JSON_DATA = 'JSON data (a number, a string, true or false, a list or an object)';

class NotData extends Error {
  constructor(
    readonly field: string,
    readonly found: string,
    readonly number = false,
  ) {
    super(`${field}: found ${found}`);
  }
}

const fieldOf = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** The kind of a value JSON cannot hold, in words. */
function describeNonData(v: unknown): string {
  switch (typeof v) {
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a Symbol';
    case 'bigint':
      return 'a BigInt';
    case 'undefined':
      return 'nothing';
    case 'number':
      return `the number ${String(v)}`;
    default: {
      const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object that is not plain data';
    }
  }
}

function copy(v: unknown, path: string, ancestors: object[]): unknown {
  const here = path || 'the action';
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new NotData(here, describeNonData(v), true);
    return v === 0 ? 0 : v; // −0 → 0, as JSON writes it
  }
  if (typeof v !== 'object') throw new NotData(here, describeNonData(v));
  if (ancestors.includes(v)) throw new NotData(here, 'a cycle (an object that contains itself)');
  if (ancestors.length >= MAX_DEPTH) throw new NotData(here, `more than ${MAX_DEPTH} levels of nesting`);
  const inside = [...ancestors, v];
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) throw new NotData(`${path}[${i}]`, 'an empty slot');
      out.push(copy(v[i], `${path}[${i}]`, inside));
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw new NotData(here, describeNonData(v));
  const out: Record<string, unknown> = {};
  for (const key of Reflect.ownKeys(v)) {
    if (typeof key === 'symbol') throw new NotData(here, `a Symbol key (${String(key)})`);
    const d = Object.getOwnPropertyDescriptor(v, key)!;
    if (!d.enumerable) continue; // as JSON: not written
    const field = fieldOf(path, key);
    if (key === '__proto__') throw new NotData(field, 'the reserved key "__proto__"');
    if (d.get || d.set) throw new NotData(field, 'a getter (a value computed when read)');
    if (d.value === undefined) continue; // as JSON: a key without a value is left out
    out[key] = copy(d.value, field, inside);
  }
  return out;
}

/** Copies `x` if it is JSON data throughout; else names the first field that is not, and what it is. */
export function copyData(x: unknown): DataCopy {
  try {
    return { ok: true, value: copy(x, '', []) };
  } catch (err) {
    if (err instanceof NotData) return { ok: false, field: err.field, found: err.found, number: err.number };
    // A proxy's trap, a stack overflow: the value cannot be read as data.
    return { ok: false, field: 'the action', found: `a value that cannot be read (${err instanceof Error ? err.message : String(err)})`, number: false };
  }
}
