/**
 * The scenario's upper bounds (scenario-schema.ts `SCENARIO_BOUNDS`, MODEL §17): every numeric field
 * has one, and a scenario with its fields at their bounds runs 30 years with finite numbers only —
 * the bounds are what keeps €10³⁰⁸ of debt out of the ledger, not a guard after the fact.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, runSimulation, type Scenario } from '../../src/sim';
import { SCENARIO_BOUNDS, scenarioSchema } from '../../src/sim/scenario-schema';
import { dijon } from './helpers';

type Path = (string | number)[];

interface Def {
  type: string;
  shape?: Record<string, Node>;
  element?: Node;
  valueType?: Node;
  items?: Node[];
  innerType?: Node;
  checks?: { _zod: { def: { check: string; value?: number } } }[];
}
interface Node {
  _zod: { def: Def };
}

/** A number schema's bounds, read from its checks (`z.minimum`, `z.maximum`). */
function boundsOf(node: Node): { minimum?: number; maximum?: number } {
  const out: { minimum?: number; maximum?: number } = {};
  for (const c of node._zod.def.checks ?? []) {
    const { check, value } = c._zod.def;
    if (check === 'greater_than' && value !== undefined) out.minimum = Math.max(out.minimum ?? -Infinity, value);
    if (check === 'less_than' && value !== undefined) out.maximum = Math.min(out.maximum ?? Infinity, value);
  }
  return out;
}

/** The schema of the value at `path` (through objects, lists, tuples, the catalogue, defaults). */
function schemaAt(path: Path): Node {
  let node = scenarioSchema as unknown as Node;
  for (const key of path) {
    for (let d = node._zod.def; d.type === 'default' || d.type === 'optional'; d = node._zod.def) node = d.innerType!;
    const d = node._zod.def;
    if (d.type === 'object') node = d.shape![key as string]!;
    else if (d.type === 'array') node = d.element!;
    else if (d.type === 'record') node = d.valueType!;
    else if (d.type === 'tuple') node = d.items![key as number]!;
    else throw new Error(`no schema under ${path.join('.')} (${d.type})`);
  }
  for (let d = node._zod.def; d.type === 'default' || d.type === 'optional'; d = node._zod.def) node = d.innerType!;
  return node;
}

function numericPaths(v: unknown, prefix: Path = []): Path[] {
  if (typeof v === 'number') return [prefix];
  if (Array.isArray(v)) return v.flatMap((x, i) => numericPaths(x, [...prefix, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => numericPaths(x, [...prefix, k]));
  return [];
}

const base = dijon();
const paths = numericPaths(base);
const bounds = paths.filter((p) => schemaAt(p)._zod.def.type !== 'literal').map((p) => ({ path: p, ...boundsOf(schemaAt(p)) }));

/** Fields whose bound is a date or a share that other fields must match (checked by their own rules). */
const TIED = ['start', 'politics.nextElection', 'citizens.incomeShares', 'citizens.adjustmentRate', 'citizens.neighbourInfluence', 'citizens.agents'];
const tied = (p: Path) => TIED.some((t) => p.join('.') === t || p.join('.').startsWith(t + '.'));

/** Brings the draw back within the rules that tie fields together (each is tested on its own). */
function repairTies(s: Scenario): void {
  for (const d of s.territory.districts) d.households = Math.min(d.households, d.population);
  s.horizonYears = Math.max(s.horizonYears, s.playableYears);
  s.politics.campaignMonths = Math.min(s.politics.campaignMonths, s.politics.termYears * 12);
}

function setAt(root: unknown, path: Path, value: number): void {
  const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], root);
  parent[path.at(-1)!] = value;
}

/** Every number in a run's output that is NaN or ±Infinity, by where it is. */
function nonFinite(v: unknown, where = ''): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [`${where} = ${v}`];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinite(x, `${where}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${where}.${k}`));
  return [];
}

function runFinite(sc: Scenario, seed: number): string[] {
  const run = runSimulation(sc, { seed, years: 30, agents: 300 });
  return [...nonFinite(run.yearly, 'yearly'), ...nonFinite(run.summary, 'summary')];
}

describe('scenario upper bounds', () => {
  it('every numeric field of the reference scenario has a finite upper bound', () => {
    const unbounded = bounds.filter((b) => b.maximum === undefined || !Number.isFinite(b.maximum)).map((b) => b.path.join('.'));
    expect(unbounded).toEqual([]);
  });

  it('the money and quantities take their bounds from SCENARIO_BOUNDS', () => {
    const max = (path: string) => bounds.find((b) => b.path.join('.') === path)!.maximum;
    expect(max('city.debtEur')).toBe(SCENARIO_BOUNDS.eur);
    expect(max('city.taxes.vatShareEur')).toBe(SCENARIO_BOUNDS.eur);
    expect(max('partner.cashEur')).toBe(SCENARIO_BOUNDS.eur);
    expect(max('projects.catalogue.streetLighting.capexPerUnitEur')).toBe(SCENARIO_BOUNDS.eurPerUnit);
    expect(max('territory.districts.0.population')).toBe(SCENARIO_BOUNDS.districtPopulation);
    expect(max('territory.districts.0.buildingsEnergyMWh')).toBe(SCENARIO_BOUNDS.buildingsEnergyMWh);
  });

  it('the reference scenario lies within its bounds', () => {
    expect(parseScenario(structuredClone(base), 'dijon-like').ok).toBe(true);
  });

  it('a scenario with every money and quantity field at its upper bound runs 30 years with finite numbers', () => {
    const raw = structuredClone(base) as unknown;
    for (const b of bounds) if (!tied(b.path)) setAt(raw, b.path, b.maximum!);
    const parsed = parseScenario(raw, 'at the bounds');
    expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
    if (parsed.ok) expect(runFinite(parsed.value, 1)).toEqual([]);
  });

  it('fields drawn at their lower bound, upper bound or reference value: refused, or 30 finite years', () => {
    const free = bounds.filter((b) => !tied(b.path));
    const tried: boolean[] = [];
    const choice = fc.array(fc.constantFrom<'min' | 'max' | 'ref'>('min', 'max', 'max', 'ref'), { minLength: free.length, maxLength: free.length });
    fc.assert(
      fc.property(choice, fc.integer({ min: 1, max: 1000 }), (choices, seed) => {
        const raw = structuredClone(base) as unknown;
        choices.forEach((c, i) => {
          const b = free[i]!;
          if (c === 'max') setAt(raw, b.path, b.maximum!);
          else if (c === 'min' && b.minimum !== undefined) setAt(raw, b.path, b.minimum);
        });
        repairTies(raw as Scenario);
        const parsed = parseScenario(raw, 'drawn');
        tried.push(parsed.ok);
        if (!parsed.ok) {
          expect(parsed.error).toMatch(/^scenario drawn is not valid:\n {2}\S/);
          return;
        }
        expect(runFinite(parsed.value, seed)).toEqual([]);
      }),
      { numRuns: 12, seed: 12 },
    );
    // Most draws are valid scenarios that run (a refused one checks only the message).
    expect(tried.filter(Boolean).length).toBeGreaterThanOrEqual(6);
  });
});
