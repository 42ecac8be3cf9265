/**
 * Reading a scenario: validation against the schema with messages a person can act on, and the
 * `--set path=value` overrides that reach every numeric field by its dotted path.
 *
 * Nothing here touches the file system: the caller passes the parsed JSON and a label (the file
 * name or the scenario id) that every message names.
 */
import type { z } from 'zod/mini';
import { POLICY_NAMES_BY_SIDE, resolvePolicy } from './agents';
import { scenarioSchema, type Scenario } from './scenario-schema';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Describes a value for an error message in words a person reads: `the string "1"` (not the number
 * 1), `NaN`, `Infinity`, `a function`, `nothing` (undefined). Every "found …" of the loaders, the
 * saves and the refusals of `dispatch` comes from here (through `found` in refusal.ts).
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  // Not finite: "the number NaN" (the French screens render the words after "the number ").
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `the number ${String(v)}`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'bigint') return `the big integer ${String(v)}n`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

/** A path as the messages and `--set` write it: `territory.districts[0].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole file)';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

const EXPECTED_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  boolean: 'true or false',
  record: 'an object',
};

/**
 * Keys that JavaScript gives a meaning of their own: `JSON.parse` keeps `"__proto__"` as a plain
 * key, but a copy or a spread of the object drops it or changes its prototype, and `constructor`
 * passes for a field every object has. Refused wherever they appear, never silently dropped.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of the reserved keys anywhere in parsed JSON (at most `max`). */
export function reservedKeyPaths(raw: unknown, max = 8): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (out.length >= max || v === null || typeof v !== 'object' || path.length > 64) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else
      for (const k of Object.keys(v)) {
        if (RESERVED_KEYS.has(k)) out.push([...path, k]);
        else walk((v as Record<string, unknown>)[k], [...path, k]);
      }
  };
  walk(raw, []);
  return out;
}

/** "projects.catalogue.__proto__: found the reserved key …" */
export function reservedKeyMessage(path: readonly (string | number)[]): string {
  return `${formatPath(path)}: found the reserved key ${JSON.stringify(path.at(-1))}, expected another name (${[...RESERVED_KEYS].join(', ')} have a meaning of their own in JavaScript)`;
}

/** Turns one zod issue into "field: found X, expected Y" (scenarios and saves alike). */
export function formatIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const found = describeValue(valueAt(raw, issue.path));
  const where = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: found ${found}, expected ${EXPECTED_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      // A range declared in words ("a whole number from 50 to 100,000") says it itself.
      if (issue.message.startsWith('a whole number from ')) return `${where}: found ${found}, expected ${issue.message}`;
      return `${where}: found ${found}, expected ${issue.origin === 'array' ? 'at least ' + String(issue.minimum) + ' items' : (issue.inclusive ? '≥ ' : '> ') + String(issue.minimum)}`;
    case 'too_big':
      // A bound declared with its unit ("at most €50 billion") says it itself.
      if (issue.message.startsWith('at most ') || issue.message.startsWith('a whole number from ')) return `${where}: found ${found}, expected ${issue.message}`;
      return `${where}: found ${found}, expected ${issue.origin === 'array' ? 'at most ' + String(issue.maximum) + ' items' : (issue.inclusive ? '≤ ' : '< ') + String(issue.maximum)}`;
    case 'invalid_value':
      return `${where}: found ${found}, expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling; see docs/SCENARIOS.md)`;
    case 'invalid_key': {
      // A record's key (a catalogue id): the inner issue carries what the key should look like.
      const key = String(issue.path.at(-1));
      const camel = key.toLowerCase().replace(/[^a-z0-9]+([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '');
      const hint = camel && camel !== key ? ` (letters and digits only: "${camel}"?)` : '';
      return `${where}: found the key ${JSON.stringify(key)}, expected ${issue.issues[0]?.message ?? 'a valid key'}${hint}`;
    }
    case 'invalid_format':
      return `${where}: found ${found}, expected ${issue.message}`;
    default:
      return `${where}: found ${found}, ${issue.message}`;
  }
}

/** Validates parsed JSON as a scenario; `source` (file or id) heads the message on failure. */
export function parseScenario(raw: unknown, source: string): Result<Scenario> {
  const reserved = reservedKeyPaths(raw);
  if (reserved.length > 0) return { ok: false, error: `scenario ${source} is not valid:\n${reserved.map((p) => '  ' + reservedKeyMessage(p)).join('\n')}` };
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) {
    for (const side of ['city', 'partner'] as const) {
      const name = parsed.data.policies[side];
      if (!resolvePolicy(name, side)) {
        return { ok: false, error: `scenario ${source} is not valid:\n  policies.${side}: found the string ${JSON.stringify(name)}, expected one of ${POLICY_NAMES_BY_SIDE[side].join(', ')}` };
      }
    }
    return { ok: true, value: parsed.data };
  }
  const lines = parsed.error.issues.slice(0, 8).map((i) => '  ' + formatIssue(i, raw));
  const more = parsed.error.issues.length > 8 ? `\n  … and ${parsed.error.issues.length - 8} more` : '';
  return { ok: false, error: `scenario ${source} is not valid:\n${lines.join('\n')}${more}` };
}

/** Every dotted path that leads to a number in the scenario (what `--set` can reach). */
function numericPaths(scenario: Scenario): string[] {
  const out: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'number') out.push(prefix);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${prefix}.${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}.${k}` : k);
  };
  walk(scenario, '');
  return out;
}

/**
 * Returns a copy of the scenario with one numeric field replaced, validated again, so an
 * override out of bounds gets the same clear message as a bad file.
 */
export function applySet(scenario: Scenario, path: string, value: number, source = scenario.id): Result<Scenario> {
  if (!Number.isFinite(value)) return { ok: false, error: `--set ${path}: found ${String(value)}, expected a finite number` };
  const keys = path.split('.');
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = cur[keys[i]!];
    if (next === null || typeof next !== 'object') return unknownPath(scenario, path);
    cur = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (!Object.prototype.hasOwnProperty.call(cur, last) || typeof cur[last] !== 'number') return unknownPath(scenario, path);
  cur[last] = value;
  const checked = parseScenario(copy, `${source} with --set ${path}=${value}`);
  return checked;
}

function unknownPath(scenario: Scenario, path: string): Result<Scenario> {
  const all = numericPaths(scenario);
  const head = path.split('.')[0] ?? '';
  const near = all.filter((p) => p.startsWith(head + '.')).slice(0, 6);
  const hint = near.length > 0 ? ` Numeric fields under "${head}" include: ${near.join(', ')}.` : ` Examples: city.discountRate, partner.riskAversion, coordination.alignment.`;
  return { ok: false, error: `--set ${path}: no numeric field of scenario ${scenario.id} has this path.${hint}` };
}
