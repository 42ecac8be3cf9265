/**
 * Generated scenario files (issue 12, family a): the reference scenario damaged in its fields, its
 * keys, its ids and its bytes, read from a file as `--scenario <path>` reads it. Each is accepted
 * and runs two years with finite numbers, or refused with one message naming the file and the
 * field. Fixed seed and count; the issue's own cases first. `npm run fuzz` runs thousands.
 */
import { describe, expect, it } from 'vitest';
import { fixedSample, unclean } from './harness';
import { objectIndex, pathIndex, scenarioFamily, type ScenarioInput } from './scenario-family';

const none = { kind: 'none' } as const;
const set = (path: (string | number)[], raw: string): ScenarioInput => ({ edits: [{ kind: 'set', at: pathIndex(path), value: { raw } }], semantic: none, damage: none });

/** The issue's cases, by its bullets. */
const ISSUE: [string, ScenarioInput][] = [
  ['a money field at the edge of the doubles (city.debtEur = 1e308) is refused, not a ledger crash', set(['city', 'debtEur'], '1e308')],
  ['city.operatingCostEur = 1e306', set(['city', 'operatingCostEur'], '1e306')],
  ["a district's buildingsEnergyMWh = 1e304", set(['territory', 'districts', 0, 'buildingsEnergyMWh'], '1e304')],
  ['a governance measure costEur = 1e308', set(['coordination', 'measures', 'smartCityOffice', 'costEur'], '1e308')],
  ['a file with a byte-order mark (Windows Notepad) is read', { edits: [], semantic: none, damage: { kind: 'bom' } }],
  ['a UTF-16 file is refused by name', { edits: [], semantic: none, damage: { kind: 'utf16le' } }],
  ['households above population are refused', { edits: [], semantic: { kind: 'households', district: 0 }, damage: none }],
  ['a campaign longer than the term is refused', { edits: [], semantic: { kind: 'campaign', months: 120 }, damage: none }],
  ['duplicate event ids are refused', { edits: [{ kind: 'dupId', at: 3 }], semantic: none, damage: none }],
  ['a duplicate JSON key is refused', { edits: [{ kind: 'dupKey', at: objectIndex(['city']), value: { raw: '0.5' }, first: false }], semantic: none, damage: none }],
  ['a "__proto__" catalogue key is refused', { edits: [{ kind: 'addKey', at: objectIndex(['projects', 'catalogue']), key: '__proto__', value: { raw: '{}' } }], semantic: none, damage: none }],
];

describe('generated scenario files', () => {
  it.each(ISSUE)('%s', async (_name, input) => {
    expect(await unclean(scenarioFamily, [input])).toEqual([]);
  });

  it('150 damaged scenarios (seed 12): each accepted and finite, or refused clearly', async () => {
    expect(await unclean(scenarioFamily, fixedSample(scenarioFamily, 12, 150))).toEqual([]);
  });
});
