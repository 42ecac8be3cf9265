/**
 * Fuzzing the CLI's scenario loader in-process: generated mutations of the reference scenario
 * (a field deleted, a value replaced by any JSON value, a number pushed out of range, an unknown
 * key added) and broken JSON text. The loader must either accept, or answer with one paragraph
 * that starts with the source name; it must never throw.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioFromText, loadScenario } from '../../src/cli/load-scenario';
import { locateJsonError } from '../../src/cli/json-text';
import { defaultScenario } from './helpers';

const SOURCE = 'fuzz/scenario.json';

/** Every path (list of keys) to a value inside the scenario, containers included. */
function allPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...prefix, k]));
  return out;
}

const base = defaultScenario();
const paths = allPaths(base);
const numericPaths = paths.filter((p) => typeof p.reduce<any>((o, k) => o[k], base) === 'number');


type Mutation =
  | { kind: 'delete'; path: (string | number)[] }
  | { kind: 'replace'; path: (string | number)[]; value: unknown }
  | { kind: 'number'; path: (string | number)[]; value: number }
  | { kind: 'addKey'; path: (string | number)[]; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) }),
  fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...paths), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant('number' as const),
    path: fc.constantFrom(...numericPaths),
    value: fc.oneof(fc.constantFrom(-1, -1e12, 1.5, 2, 1e15, 0, 0.5, 101, 100001), fc.double({ noNaN: true, noDefaultInfinity: true })),
  }),
  fc.record({ kind: fc.constant('addKey' as const), path: fc.constantFrom([], ...paths), key: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 1 }) }),
);

/** Follows a path; undefined when an earlier mutation removed part of it. */
const at = (root: any, path: (string | number)[]) => path.reduce<any>((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), root);

function apply(root: any, m: Mutation): any {
  const copy = structuredClone(root);
  if (m.kind === 'addKey') {
    const target = at(copy, m.path);
    if (target && typeof target === 'object' && !Array.isArray(target)) target[m.key] = m.value;
    return copy;
  }
  const parent = at(copy, m.path.slice(0, -1));
  const last = m.path[m.path.length - 1]!;
  if (parent === null || typeof parent !== 'object') return copy;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = m.value;
  return copy;
}

/** What every answer of the loader must look like. */
function checkAnswer(text: string): void {
  const r = scenarioFromText(text, SOURCE); // must not throw
  if (r.ok) return;
  expect(typeof r.error).toBe('string');
  expect(r.error.startsWith(`scenario ${SOURCE} `)).toBe(true);
  expect(r.error).not.toMatch(/\n\s*\n/); // one paragraph
  expect(r.error).not.toMatch(/^\s+at /m); // no stack trace
  expect(r.error).not.toMatch(/undefined|\[object Object\]/);
  // The validator's generic words mean an issue kind the message does not describe yet.
  expect(r.error).not.toMatch(/Invalid input|Invalid key/);
}

describe('scenario loader under fuzzing', () => {
  it('accepts the reference scenario as it is', () => {
    expect(scenarioFromText(JSON.stringify(base), SOURCE).ok).toBe(true);
    expect(loadScenario('dijon-like').ok).toBe(true);
  });

  it('answers mutated scenarios with a message that starts with the source, never a throw', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        checkAnswer(JSON.stringify(ms.reduce(apply, base)));
      }),
      { numRuns: 300 },
    );
  });

  it('names a catalogue id that is not camelCase, and what an id looks like', () => {
    const bad = structuredClone(base) as { projects: { catalogue: Record<string, unknown> } };
    bad.projects.catalogue['bad key'] = bad.projects.catalogue.streetLighting;
    const r = scenarioFromText(JSON.stringify(bad), SOURCE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('projects.catalogue.bad key: found the key "bad key", expected a camelCase id');
  });

  it('refuses a scenario without a required section, naming it', () => {
    const r = scenarioFromText(JSON.stringify(apply(base, { kind: 'delete', path: ['city'] })), SOURCE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('city');
  });

  it('answers any JSON value and broken JSON text the same way', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string(), fc.nat(14000).map((n) => JSON.stringify(base).slice(0, n))), (text) => {
        checkAnswer(text);
      }),
      { numRuns: 300 },
    );
  });

  it('locates a JSON error exactly when JSON.parse refuses the text', () => {
    const text = JSON.stringify(base, null, 1);
    const broken = fc.tuple(fc.nat(text.length - 1), fc.nat(3), fc.constantFrom('', ',', '}', ']', '"', ':', '0', '-', '\\', 'tru', ' ', '{'))
      .map(([at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(broken, fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), (t) => {
        let valid = true;
        try {
          JSON.parse(t);
        } catch {
          valid = false;
        }
        const at = locateJsonError(t);
        expect(at === -1).toBe(valid);
        if (!valid) expect(at).toBeLessThanOrEqual(t.length);
      }),
      { numRuns: 500 },
    );
  });
});
