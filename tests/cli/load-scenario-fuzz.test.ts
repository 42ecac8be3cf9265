/**
 * Fuzzing the CLI's scenario loader in-process: generated mutations of the reference scenario
 * (a field deleted, a value replaced by any JSON value, a number pushed out of range, an unknown
 * key added) and broken JSON text. The loader must either accept, or answer with one paragraph
 * that starts with the source name; it must never throw.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioFromText, loadScenario } from '../../src/cli/load-scenario';
import { findDuplicateKey, parseJsonText } from '../../src/cli/json-text';
import { locateJsonError } from '../../src/sim/json-position';
import { parseSave } from '../../src/sim';
import { defaultScenario, tempDir } from './helpers';

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
    value: fc.oneof(fc.constantFrom(-1, -1e12, 1.5, 2, 1e15, 0, 0.5, 101, 100001, 1e304, 1e306, 1e308, 5e10, 5.0000001e10), fc.double({ noNaN: true, noDefaultInfinity: true })),
  }),
  fc.record({
    kind: fc.constant('addKey' as const),
    path: fc.constantFrom([], ...paths),
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype')),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
);

/** Follows a path; undefined when an earlier mutation removed part of it. */
const at = (root: any, path: (string | number)[]) => path.reduce<any>((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), root);

function apply(root: any, m: Mutation): any {
  const copy = structuredClone(root);
  if (m.kind === 'addKey') {
    const target = at(copy, m.path);
    // defineProperty: an own key even for "__proto__", as JSON.parse makes it.
    if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
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
    const whole = JSON.stringify(base, null, 1);
    // A line of the file repeated: a key given twice when the line holds one.
    const repeated = fc.nat(whole.split('\n').length - 2).map((n) => {
      const lines = whole.split('\n');
      return [...lines.slice(0, n + 1), lines[n]!.endsWith(',') ? lines[n]! : lines[n]! + ',', ...lines.slice(n + 1)].join('\n');
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string(), fc.nat(14000).map((n) => JSON.stringify(base).slice(0, n)), repeated), (text) => {
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

/** Issue 12: the loader's regressions, each case of the issue in-process. */
describe('scenario loader: bounds, ids, reserved and repeated keys, encodings (issue 12)', () => {
  const refusal = (mutate: (s: any) => void): string => {
    const s = structuredClone(base) as any;
    mutate(s);
    const r = scenarioFromText(JSON.stringify(s), SOURCE);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.error;
  };

  it.each([
    ['city.debtEur', (s: any) => (s.city.debtEur = 1e308), 'city.debtEur: found 1e+308, expected at most €50 billion'],
    ['city.operatingCostEur', (s: any) => (s.city.operatingCostEur = 1e306), 'city.operatingCostEur: found 1e+306, expected at most €50 billion'],
    ['partner.cashEur', (s: any) => (s.partner.cashEur = 5.1e10), 'partner.cashEur: found 51000000000, expected at most €50 billion'],
    ['a district\'s population', (s: any) => (s.territory.districts[2].population = 1e7 + 1), 'territory.districts[2].population: found 10000001, expected at most 10 million people'],
    ['a district\'s light points', (s: any) => (s.territory.districts[2].lightingPoints = 6e6), 'territory.districts[2].lightingPoints: found 6000000, expected at most 5 million light points'],
    ['a district\'s building energy', (s: any) => (s.territory.districts[0].buildingsEnergyMWh = 1e304), 'territory.districts[0].buildingsEnergyMWh: found 1e+304, expected at most 100 million MWh a year'],
    ['a price per unit', (s: any) => (s.projects.catalogue.citizenApp.capexPerUnitEur = 2e8), 'projects.catalogue.citizenApp.capexPerUnitEur: found 200000000, expected at most €100 million per unit'],
    ['a saving per unit', (s: any) => (s.projects.catalogue.citizenApp.benefits.co2TPerUnit = 2e6), 'projects.catalogue.citizenApp.benefits.co2TPerUnit: found 2000000, expected at most 1 million t CO₂ per unit'],
    ['communes', (s: any) => (s.territory.communes = 1001), 'territory.communes: found 1001, expected at most 1,000 communes'],
    ['a governance measure', (s: any) => (s.coordination.measures.sharedDataPlatform.costEur = 1e308), 'coordination.measures.sharedDataPlatform.costEur: found 1e+308, expected at most €50 billion'],
    ['the events list', (s: any) => (s.events = Array.from({ length: 101 }, (_, i) => ({ ...s.events[0], id: `e${i}` }))), 'events: found a list of 101, expected at most 100 items'],
  ])('bound: %s', (_name, mutate, message) => {
    expect(refusal(mutate)).toContain(message);
  });

  it.each([
    ['grant call ids', (s: any) => (s.funding.calls[2].id = s.funding.calls[0].id), 'funding.calls[2].id: found the string "dsil", expected a grant call id of its own (duplicate grant call id "dsil": funding.calls[0] has it already)'],
    ['event ids', (s: any) => (s.events[4].id = 'overrun'), 'events[4].id: found the string "overrun", expected an event id of its own (duplicate event id "overrun": events[1] has it already)'],
    ['district ids', (s: any) => (s.territory.districts[1].id = 'centre'), 'territory.districts[1].id: found the string "centre", expected a district id of its own (duplicate district id "centre": territory.districts[0] has it already)'],
    ['mayor ids', (s: any) => (s.politics.mayors[2].id = 'green'), 'politics.mayors[2].id: found the string "green", expected a mayor id of its own (duplicate mayor id "green": politics.mayors[1] has it already)'],
    ['households above population', (s: any) => (s.territory.districts[0].households = 40001), "territory.districts[0].households: found 40001, expected at most the district's population (40000)"],
    ['a campaign longer than the term', (s: any) => ((s.politics.termYears = 1), (s.politics.campaignMonths = 18)), 'politics.campaignMonths: found 18, expected a campaign within the term (politics.termYears 1: at most 12 months)'],
    ['an election before the start', (s: any) => (s.politics.nextElection = { year: s.start.year - 1, month: 3 }), 'politics.nextElection.year: found 2025, expected an election after the start (start 2026-04, election month 3)'],
    ['a year starting after the budget deadline', (s: any) => (s.start.month = 9), 'start.month: found 9, expected 1–4 (January to April): each year\'s first month is the city\'s budget, voted with its rates by 15 April (CGCT L1612-2, CGI art. 1639 A)'],
    ['a kebab-case catalogue key', (s: any) => (s.projects.catalogue['street-lighting'] = s.projects.catalogue.streetLighting), 'projects.catalogue.street-lighting: found the key "street-lighting", expected a camelCase id (letters and digits only: "streetLighting"?)'],
  ])('semantic check: %s', (_name, mutate, message) => {
    expect(refusal(mutate)).toContain(message);
  });

  it('a household count equal to the population and a campaign as long as the term are accepted', () => {
    const s = structuredClone(base) as any;
    s.territory.districts[0].households = s.territory.districts[0].population;
    s.politics.termYears = 2;
    s.politics.campaignMonths = 24;
    expect(scenarioFromText(JSON.stringify(s), SOURCE).ok).toBe(true);
  });

  it.each([
    ['"__proto__" in the catalogue', '"catalogue":{', '"catalogue":{"__proto__":{},', 'projects.catalogue.__proto__: found the reserved key "__proto__"'],
    ['"constructor" in the catalogue', '"catalogue":{', '"catalogue":{"constructor":{},', 'projects.catalogue.constructor: found the reserved key "constructor"'],
    ['"prototype" in a district', '"id":"nord",', '"id":"nord","prototype":1,', 'territory.districts[1].prototype: found the reserved key "prototype"'],
    ['"__proto__" at the top', '{', '{"__proto__":{"id":"x"},', '(the whole file)'],
  ])('reserved key %s: refused, not dropped', (_name, from, to, message) => {
    const text = JSON.stringify(base).replace(from, to);
    expect(text).not.toBe(JSON.stringify(base));
    const r = scenarioFromText(text, SOURCE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message.startsWith('(') ? '__proto__: found the reserved key' : message);
  });

  it('a key given twice: refused with its path and both places, in a scenario and in any JSON file', () => {
    const text = JSON.stringify(base, null, 2).replace('"debtRate":', '"debtEur": 1,\n    "debtRate":');
    const r = scenarioFromText(text, SOURCE);
    expect(r.ok).toBe(false);
    const first = text.split('\n').findIndex((l) => l.includes('"debtEur"')) + 1;
    if (!r.ok) expect(r.error).toBe(`scenario ${SOURCE} is not valid: city.debtEur is given twice, at line ${first}, column 5 and at line ${first + 1}, column 5; expected each key once (JSON would keep the last one silently)`);
    expect(findDuplicateKey('{"a":[{"b":1},{"b":2,"c":{"d":1,"d":2}}]}')?.path).toEqual(['a', 1, 'c', 'd']);
    expect(findDuplicateKey('{"a":{"b":1},"c":{"b":2}}')).toBeNull();
    const save = parseJsonText('{"format":"horizons-save","format":"x"}', 'run.json', 'save file');
    expect(save.ok ? '' : save.error).toContain('save file run.json is not valid: format is given twice, at line 1, column 2 and at line 1, column 27');
  });


  describe('files in other encodings, refused by name', () => {
    const dir = tempDir();
    const text = JSON.stringify(base, null, 2);
    const write = (name: string, bytes: Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };

    it('UTF-8 with a byte-order mark is read', () => {
      expect(loadScenario(write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).ok).toBe(true);
    });

    it.each([
      ['UTF-16 (little-endian, with a byte-order mark)', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['UTF-16 (big-endian, with a byte-order mark)', () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
      ['UTF-16 (little-endian)', () => Buffer.from(text, 'utf16le')],
      ['UTF-16 (big-endian)', () => Buffer.from(text, 'utf16le').swap16()],
      ['UTF-32 (little-endian, with a byte-order mark)', () => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('{}')])],
      ['UTF-32 (big-endian, with a byte-order mark)', () => Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b])],
    ])('%s', (encoding, bytes) => {
      const path = write(`${encoding.replace(/\W+/g, '-')}.json`, bytes());
      const r = loadScenario(path);
      expect(r.ok ? '' : r.error).toBe(`scenario file ${path} is encoded in ${encoding}; save it as UTF-8`);
    });

    it('one stray zero byte in a UTF-8 file is a character out of place, not UTF-16', () => {
      const path = write('nul.json', Buffer.from(text.slice(0, 1) + '\u0000' + text.slice(1)));
      const r = loadScenario(path);
      expect(r.ok ? '' : r.error).toMatch(new RegExp(`^scenario ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON at line 1, column 2`));
    });

    it('Latin-1: the place of the first byte that is not UTF-8', () => {
      const path = write('latin1.json', Buffer.from(text, 'latin1'));
      const r = loadScenario(path);
      expect(r.ok ? '' : r.error).toBe(`scenario file ${path} is not UTF-8 text (a byte that is not UTF-8 at line 5, column 17); it may be Latin-1 or Windows-1252: save it as UTF-8`);
    });
  });

  describe('saves: the embedded scenario and the actions pass the same checks', () => {
    const save = (scenario: unknown, actions: unknown[] = []) => ({
      format: 'horizons-save',
      version: 1,
      scenario,
      seed: 1,
      city: 'steady-mayor',
      partner: 'infrastructure-partner',
      years: 1,
      actions,
      yearlyHashes: ['0123456789abcdef'],
      finalHash: '0123456789abcdef',
    });

    it('a scenario beyond its bounds or with ids used twice', () => {
      const s = structuredClone(base) as any;
      s.city.debtEur = 1e308;
      s.funding.calls[1].id = s.funding.calls[0].id;
      const r = parseSave(save(s), 'run.json');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toContain('scenario embedded in save run.json is not valid');
        expect(r.error).toContain('city.debtEur: found 1e+308, expected at most €50 billion');
        expect(r.error).toContain('funding.calls[1].id: found the string "dsil", expected a grant call id of its own');
      }
    });

    it('a reserved key in an action', () => {
      const raw = JSON.parse(JSON.stringify(save(base)).replace('"actions":[]', '"actions":[{"tick":0,"action":{"type":"setConcertation","level":0.5,"__proto__":{"x":1}}}]'));
      const r = parseSave(raw, 'run.json');
      expect(r.ok ? '' : r.error).toContain('save run.json is not valid:\n  actions[0].action.__proto__: found the reserved key "__proto__"');
    });
  });
});
