/**
 * Family (a): the reference scenario file `scenarios/dijon-like.json`, damaged (generators.ts) and
 * read by the command line's loader from a real file (`loadScenario`, as `--scenario <path>` does).
 * An accepted scenario runs two years with 200 citizen agents (unless the damage touched them);
 * the summary, the yearly rows, the contracts and the whole state must hold finite numbers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { contractRecords, runSimulation } from '../../src/sim';
import { loadScenario, SCENARIOS_DIR } from '../../src/cli/load-scenario';
import { allPaths, applyEdits, damageText, editArb, isJson, textDamageArb, valueAt, type Edit, type TextDamage } from './generators';
import { accepted, crashed, firstNonFinite, judgeRefusal, silent, thrown, type Expectation, type Family, type Verdict } from './harness';

/** The scenario every case starts from: the reference one with 200 citizen agents (fast runs). */
export function baseScenario(): Record<string, any> {
  const s = JSON.parse(readFileSync(join(SCENARIOS_DIR, 'dijon-like.json'), 'utf8'));
  s.citizens.agents = 200;
  return s;
}

/** The semantic checks, as edits the loader must refuse. */
type Semantic = { kind: 'households'; district: number } | { kind: 'campaign'; months: number } | { kind: 'none' };

export interface ScenarioInput {
  edits: Edit[];
  semantic: Semantic;
  damage: TextDamage;
}

const semanticArb: fc.Arbitrary<Semantic> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('households' as const), district: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('campaign' as const), months: fc.constantFrom(73, 120, 1000) }) },
);

/** Years each accepted scenario runs. */
const YEARS = 2;
let dir: string | undefined;
let n = 0;
/** A directory of this process for the generated files (one per case, left for inspection). */
export function workDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'horizons-fuzz-'));
  return dir;
}

function applySemantic(doc: Record<string, any>, s: Semantic): { label?: string; mustRefuse?: string; name?: string } {
  if (s.kind === 'households') {
    const d = doc.territory.districts[s.district % doc.territory.districts.length];
    d.households = d.population + 1;
    return { label: `households ${d.households} > population ${d.population} in ${d.id}`, mustRefuse: 'households above the population', name: 'households' };
  }
  if (s.kind === 'campaign') {
    doc.politics.campaignMonths = s.months;
    return { label: `campaignMonths ${s.months} > the ${doc.politics.termYears}-year term`, mustRefuse: 'a campaign longer than the term', name: 'campaignMonths' };
  }
  return {};
}

function describeInput(x: ScenarioInput): { bytes: Buffer; label: string; expect: Expectation } {
  const doc = baseScenario();
  const sem = applySemantic(doc, x.semantic);
  const { text, notes } = applyEdits(doc, x.edits);
  const { bytes, notes: dn } = damageText(text, x.damage);
  const label = [...notes.labels, sem.label, dn.label].filter(Boolean).join('; ') || '(unchanged)';
  const damagedText = x.damage.kind === 'bom' || x.damage.kind === 'none' ? text : bytes.toString('utf8');
  const broken = !isJson(damagedText);
  const mustRefuse = [notes.mustRefuse, notes.duplicateKey, sem.mustRefuse, dn.mustRefuse].filter(Boolean).join('; ');
  const whole = x.damage.kind === 'whole';
  const clean = x.edits.length === 0 && x.semantic.kind === 'none';
  return {
    bytes,
    label,
    expect: {
      // A text that no longer parses is named by its line and column; a parsed one by its fields.
      names: broken || dn.refuseMatch || dn.reshaped ? [] : [...notes.names, ...(sem.name ? [sem.name] : [])],
      ...(mustRefuse ? { mustRefuse } : {}),
      ...(dn.mustAccept && clean ? { mustAccept: dn.mustAccept } : {}),
      ...(dn.refuseNot ? { refuseNot: dn.refuseNot } : {}),
      ...(dn.refuseMatch ? { refuseMatch: dn.refuseMatch } : broken ? { refuseMatch: /line \d+, column \d+|empty/ } : {}),
      injected: whole ? [] : notes.injected,
    },
  };
}

export const scenarioFamily: Family<ScenarioInput> = {
  name: 'scenario files',
  arbitrary: fc.record({ edits: fc.array(editArb, { minLength: 0, maxLength: 3 }), semantic: semanticArb, damage: textDamageArb }),
  label: (x) => describeInput(x).label,
  judge(x): Verdict {
    const { bytes, label, expect } = describeInput(x);
    const file = join(workDir(), `scenario-${n++}.json`);
    writeFileSync(file, bytes);
    try {
      return judgeFile(file, label, expect);
    } finally {
      rmSync(file, { force: true });
    }
  },
};

function judgeFile(file: string, label: string, expect: Expectation): Verdict {
  let loaded;
  try {
    loaded = loadScenario(file);
  } catch (e) {
    return thrown(e, 'loadScenario');
  }
  if (!loaded.ok) return judgeRefusal(loaded.error, { ...expect, file });
  if (expect.mustRefuse) return silent(`accepted ${expect.mustRefuse} (${label})`);
  try {
    const scenario = loaded.value.scenario;
    const r = runSimulation(scenario, { seed: 1, years: YEARS });
    const bad = firstNonFinite({ summary: r.summary, yearly: r.yearly, contracts: contractRecords(r.state, scenario), state: r.state });
    return bad ? crashed(`accepted, then non-finite: ${bad}`) : accepted();
  } catch (e) {
    return thrown(e, 'runSimulation');
  }
}

/** The index `Edit.at` takes to reach a path of the base scenario (for the regression examples). */
export function pathIndex(path: (string | number)[]): number {
  const i = allPaths(baseScenario()).findIndex((p) => p.length === path.length && p.every((k, j) => k === path[j]));
  if (i < 0) throw new Error(`no path ${path.join('.')} in the base scenario`);
  return i;
}

/** The index `Edit.at` takes for an `addKey` into an object of the base scenario. */
export function objectIndex(path: (string | number)[]): number {
  const base = baseScenario();
  const objects = allPaths(base).filter((p) => {
    const v = valueAt(base, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  return 1 + objects.findIndex((p) => p.length === path.length && p.every((k, j) => k === path[j]));
}
