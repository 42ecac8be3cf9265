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

/**
 * A copy of plain JSON data, or the first field that is not (`number`: NaN or ±Infinity, a number
 * that is not finite; `expected`: what was expected, when not JSON data: a size).
 */
export type DataCopy = { ok: true; value: unknown } | { ok: false; field: string; found: string; number: boolean; expected?: string };

/** Deeper than this is not an action (and would exhaust the stack on a crafted one). */
const MAX_DEPTH = 32;
/**
 * More values than this (objects, lists, strings, numbers… counted as copied) is not an action: an
 * object that shares its parts (`o = { a: o, b: o }` 24 times over) would otherwise be copied as
 * 2^24 values. The largest action the game makes holds a few hundred.
 */
const MAX_VALUES = 100_000;
/** A longer list is not an action's (its length is read before anything of it, so a list that claims 10^8 items is refused at once). */
export const MAX_LIST = 10_000;

const thousands = (n: number) => n.toLocaleString('en-GB');

/** What JSON data may be, for the messages. */
export const JSON_DATA = 'JSON data (a number, a string, true or false, a list or an object)';

class NotData extends Error {
  constructor(
    readonly field: string,
    readonly found: string,
    readonly number = false,
    readonly expected?: string,
  ) {
    super(`${field}: found ${found}`);
  }
}

/** A field named to its second level ("terms.extra"): a size is the field's, not that of the part deep inside where the count ran out. */
const outerField = (path: string): string => path.split('.').slice(0, 2).join('.') || 'the action';

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

/** How many values have been copied so far. */
interface Budget {
  values: number;
}

function copy(v: unknown, path: string, ancestors: object[], budget: Budget): unknown {
  const here = path || 'the action';
  if (++budget.values > MAX_VALUES) throw new NotData(outerField(path), `more than ${thousands(MAX_VALUES)} values`, false, `at most ${thousands(MAX_VALUES)} values in an action`);
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new NotData(here, describeNonData(v), true);
    return v === 0 ? 0 : v; // −0 → 0, as JSON writes it
  }
  if (typeof v !== 'object') throw new NotData(here, describeNonData(v));
  if (ancestors.includes(v)) throw new NotData(here, 'a cycle (an object that contains itself)');
  if (ancestors.length >= MAX_DEPTH) throw new NotData(here, `more than ${MAX_DEPTH} levels of nesting`);
  try {
    return copyObject(v, path, [...ancestors, v], budget);
  } catch (err) {
    if (err instanceof NotData) throw err;
    // A proxy whose trap throws, a revoked proxy: reading this object failed, not the game.
    throw new NotData(here, `an object that cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
}

function copyObject(v: object, path: string, inside: object[], budget: Budget): unknown {
  const here = path || 'the action';
  if (Array.isArray(v)) {
    const length: unknown = v.length;
    if (typeof length !== 'number' || length > MAX_LIST) throw new NotData(here, `a list of ${typeof length === 'number' ? thousands(length) : String(length)} values`, false, `a list of at most ${thousands(MAX_LIST)} values`);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      if (!(i in v)) throw new NotData(`${path}[${i}]`, 'an empty slot');
      out.push(copy((v as unknown[])[i], `${path}[${i}]`, inside, budget));
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw new NotData(here, describeNonData(v));
  const out: Record<string, unknown> = {};
  for (const key of Reflect.ownKeys(v)) {
    if (typeof key === 'symbol') throw new NotData(here, `a Symbol key (${String(key)})`);
    const d = Object.getOwnPropertyDescriptor(v, key);
    if (!d?.enumerable) continue; // as JSON: not written (or gone since listed, by a proxy)
    const field = fieldOf(path, key);
    if (key === '__proto__') throw new NotData(field, 'the reserved key "__proto__"');
    if (d.get || d.set) throw new NotData(field, 'a getter (a value computed when read)');
    if (d.value === undefined) continue; // as JSON: a key without a value is left out
    out[key] = copy(d.value, field, inside, budget);
  }
  return out;
}

/** Copies `x` if it is JSON data throughout; else names the first field that is not, and what it is. */
export function copyData(x: unknown): DataCopy {
  try {
    return { ok: true, value: copy(x, '', [], { values: 0 }) };
  } catch (err) {
    if (err instanceof NotData) return { ok: false, field: err.field, found: err.found, number: err.number, ...(err.expected !== undefined ? { expected: err.expected } : {}) };
    // Cannot happen (copy names what it cannot read), but a refusal rather than an internal error if it does.
    return { ok: false, field: 'the action', found: `an object that cannot be read (${err instanceof Error ? err.message : String(err)})`, number: false };
  }
}
