/**
 * Generators of damaged JSON files, shared by the scenario and the save families: edits of the
 * parsed document (a value replaced by a hostile one, a field deleted, an unknown, reserved or
 * duplicate key added, an id duplicated) and damages of its text or bytes (cut, a character
 * inserted, a byte-order mark, UTF-16, Latin-1).
 *
 * A hostile value is kept as JSON text (`raw`), so that numbers JSON.parse reads as Infinity
 * (`1e999`), -0 or integers past 2⁵³ reach the loader as a person's file would carry them.
 */
import fc from 'fast-check';

export type JsonPath = (string | number)[];

/** A value put into a document, as JSON text. */
export interface Raw {
  raw: string;
}

const NUMBERS = ['-1', '0', '-0', '0.5', '1.5', '2', '7', '101', '1e6', '1e15', '1e306', '1e308', '-1e308', '1e999', '-1e999', '9007199254740993', '4294967296', '1e-320', '-5000000'];
const OTHERS = ['"1"', '""', '"NaN"', '"Infinity"', '"three percent"', 'null', 'true', 'false', '[]', '{}', '[1,2]', '{"a":1}', '[null]', JSON.stringify('x'.repeat(5000)), '['.repeat(60) + ']'.repeat(60)];

/** A value a clumsy or hostile person puts in a field. */
export const hostileRaw: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...OTHERS) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null') },
).map((raw) => ({ raw }));

/** A document edit; `at` picks among the document's paths (an index taken modulo their count). */
export type Edit =
  | { kind: 'set'; at: number; value: Raw }
  | { kind: 'scale'; at: number; factor: number }
  | { kind: 'delete'; at: number }
  | { kind: 'addKey'; at: number; key: string; value: Raw }
  | { kind: 'dupKey'; at: number; value: Raw; first: boolean }
  | { kind: 'dupId'; at: number };

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'street-lighting', 'debtEUR', 'extra', '', ' ', 'hasOwnProperty', 'id', 'type'];

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileRaw }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('scale' as const), at: fc.nat(), factor: fc.constantFrom(-1, 10, 1000, 1e6, 1e12, 1e300, 0.5, 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })), value: hostileRaw }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dupKey' as const), at: fc.nat(), value: hostileRaw, first: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dupId' as const), at: fc.nat() }) },
);

/** A damage of the file's text or bytes. */
export type TextDamage =
  | { kind: 'none' }
  | { kind: 'bom' }
  | { kind: 'utf16le' }
  | { kind: 'utf16be' }
  | { kind: 'latin1' }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; s: string }
  | { kind: 'cut'; at: number; n: number }
  | { kind: 'whole'; text: string };

export const textDamageArb: fc.Arbitrary<TextDamage> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'utf16le' as const }, { kind: 'utf16be' as const }, { kind: 'latin1' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(',', '}', ']', '"', ':', '\\', 'x', '\u0000', '//', "'", 'NaN', '\uFEFF', '\uD800') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), text: fc.constantFrom('', ' ', 'null', '[]', '{}', '42', '"x"', 'true', '\uFEFF', '{"a":1}{"b":2}') }) },
);

/** Every path inside a document (containers and leaves), in a fixed order. */
export function allPaths(v: unknown, prefix: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = prefix.length ? [prefix] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...prefix, k]));
  return out;
}

export const valueAt = (root: unknown, path: JsonPath): unknown =>
  path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), root);

const formatPath = (path: JsonPath): string => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('') || '(the whole file)';

/** The last key of a path that is a name (not an index): what a message about it should say. */
const lastName = (path: JsonPath): string | undefined => [...path].reverse().find((k): k is string => typeof k === 'string');

/** What the edits did, for the judge. */
export interface EditNotes {
  /** Keys a refusal may name. */
  names: string[];
  mustRefuse?: string;
  /** A key twice in one object: only the text shows it (a parsed document has lost it). */
  duplicateKey?: string;
  injected: unknown[];
  labels: string[];
}

/**
 * Applies document edits to a copy of `doc` and returns its JSON text. Values and added keys go
 * through placeholders replaced in the text, so that `__proto__` stays a key and `1e999` a number.
 */
export function applyEdits(doc: unknown, edits: readonly Edit[], indent = 2): { text: string; notes: EditNotes } {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const raws = new Map<string, string>();
  const keys = new Map<string, string>();
  const notes: EditNotes = { names: [], injected: [], labels: [] };
  const placeholder = (raw: string) => {
    const p = `@@RAW${raws.size}@@`;
    raws.set(p, raw);
    return p;
  };
  const refuse = (why: string) => (notes.mustRefuse = notes.mustRefuse ? `${notes.mustRefuse}; ${why}` : why);
  for (const e of edits) {
    const paths = allPaths(copy);
    if (paths.length === 0) break;
    const path = paths[e.at % paths.length]!;
    const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const name = lastName(path);
    switch (e.kind) {
      case 'set':
        parent[last] = placeholder(e.value.raw);
        notes.labels.push(`${formatPath(path)}=${e.value.raw.slice(0, 30)}`);
        if (name) notes.names.push(name);
        break;
      case 'scale': {
        const numbers = paths.filter((p) => typeof valueAt(copy, p) === 'number');
        const p = numbers[e.at % Math.max(1, numbers.length)];
        if (!p) break;
        const target = valueAt(copy, p.slice(0, -1)) as Record<string | number, unknown>;
        const v = (target[p[p.length - 1]!] as number) * e.factor;
        target[p[p.length - 1]!] = placeholder(Number.isFinite(v) ? JSON.stringify(v) : v > 0 ? '1e999' : '-1e999');
        notes.labels.push(`${formatPath(p)}×${e.factor}`);
        const n = lastName(p);
        if (n) notes.names.push(n);
        break;
      }
      case 'delete':
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last];
        notes.labels.push(`delete ${formatPath(path)}`);
        if (name) notes.names.push(name);
        break;
      case 'addKey':
      case 'dupKey': {
        const objects = paths.filter((p) => isPlainObject(valueAt(copy, p)));
        const p = [[], ...objects][e.at % (objects.length + 1)]!;
        const target = valueAt(copy, p) as Record<string, unknown>;
        const existing = Object.keys(target).filter((k) => !k.startsWith('@@'));
        const key = e.kind === 'addKey' ? e.key : existing[e.at % Math.max(1, existing.length)];
        if (key === undefined) break;
        const k = `@@KEY${keys.size}@@`;
        keys.set(k, key);
        const value = placeholder(e.value.raw);
        if (e.kind === 'dupKey' && e.first) {
          const entries = Object.entries(target);
          for (const old of Object.keys(target)) delete target[old];
          Object.assign(target, { [k]: value }, Object.fromEntries(entries));
        } else target[k] = value;
        notes.labels.push(`${e.kind === 'dupKey' ? 'duplicate key' : 'key'} ${formatPath([...p, key])}=${e.value.raw.slice(0, 30)}`);
        notes.names.push(key);
        if (e.kind === 'dupKey' && existing.includes(key)) notes.duplicateKey = `the key "${key}" appears twice in ${formatPath(p)}`;
        if (key === '__proto__') refuse('a "__proto__" key is reserved');
        break;
      }
      case 'dupId': {
        // Two items of a list with the same id (districts, grant calls, events, mayors).
        const lists = paths.filter((p) => {
          const v = valueAt(copy, p);
          return Array.isArray(v) && v.length >= 2 && v.every((x) => isPlainObject(x) && typeof x.id === 'string');
        });
        const p = lists[e.at % Math.max(1, lists.length)];
        if (!p) break;
        const list = valueAt(copy, p) as { id: string }[];
        list[1]!.id = list[0]!.id;
        notes.labels.push(`duplicate id ${formatPath([...p, 1, 'id'])}="${list[0]!.id}"`);
        notes.names.push(list[0]!.id, 'id');
        refuse(`two items of ${formatPath(p)} have the id "${list[0]!.id}"`);
        break;
      }
    }
  }
  let text = JSON.stringify(copy, null, indent);
  for (const [p, key] of keys) text = text.replace(`"${p}"`, () => JSON.stringify(key));
  // The values still in the document (a later edit may have replaced or deleted one).
  for (const [p, raw] of raws) if (text.includes(`"${p}"`)) notes.injected.push(safeParse(raw));
  for (const [p, raw] of raws) text = text.replace(`"${p}"`, () => raw);
  return { text, notes };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Does the text parse as JSON? */
export function isJson(text: string): boolean {
  try {
    // A byte-order mark in front is read by the loaders, so it does not break the JSON.
    JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

/** What a text damage did, for the judge. */
export interface DamageNotes {
  label: string;
  mustAccept?: string;
  mustRefuse?: string;
  refuseMatch?: RegExp;
  refuseNot?: RegExp;
  /** The text may have changed beyond the edits (a key renamed by a character inserted): names unknown. */
  reshaped?: boolean;
}

/** The file's bytes after a text damage. */
export function damageText(text: string, d: TextDamage): { bytes: Buffer; notes: DamageNotes } {
  const at = (n: number) => n % (text.length + 1);
  switch (d.kind) {
    case 'none':
      return { bytes: Buffer.from(text, 'utf8'), notes: { label: '' } };
    case 'bom':
      return { bytes: Buffer.from('\uFEFF' + text, 'utf8'), notes: { label: 'byte-order mark', mustAccept: 'a file with a UTF-8 byte-order mark', refuseNot: /line 1, column 1\b/ } };
    case 'utf16le':
      return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), notes: { label: 'UTF-16LE', mustRefuse: 'a UTF-16 file', refuseMatch: /UTF-16/i } };
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.alloc(le.length);
      for (let i = 0; i + 1 < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
      return { bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), be]), notes: { label: 'UTF-16BE', mustRefuse: 'a UTF-16 file', refuseMatch: /UTF-16/i } };
    }
    case 'latin1': {
      // Only a text with characters beyond ASCII changes: é becomes a byte UTF-8 cannot read.
      const changed = [...text].some((c) => c.charCodeAt(0) > 0x7f);
      const latin1 = [...text].map((c) => (c.charCodeAt(0) > 0xff ? '?' : c)).join('');
      return { bytes: Buffer.from(latin1, 'latin1'), notes: { label: 'Latin-1', ...(changed ? { mustRefuse: 'a file not in UTF-8 (Latin-1)', refuseMatch: /UTF-8|encoding|Latin/i } : {}) } };
    }
    case 'truncate':
      return { bytes: Buffer.from(text.slice(0, at(d.at)), 'utf8'), notes: { label: `cut at ${at(d.at)}`, reshaped: true } };
    case 'insert':
      return { bytes: Buffer.from(text.slice(0, at(d.at)) + d.s + text.slice(at(d.at)), 'utf8'), notes: { label: `${JSON.stringify(d.s)} inserted at ${at(d.at)}`, reshaped: true } };
    case 'cut':
      return { bytes: Buffer.from(text.slice(0, at(d.at)) + text.slice(at(d.at) + d.n), 'utf8'), notes: { label: `${d.n} characters cut at ${at(d.at)}`, reshaped: true } };
    case 'whole':
      return { bytes: Buffer.from(d.text, 'utf8'), notes: { label: `whole file ${JSON.stringify(d.text)}`, reshaped: true } };
  }
}
