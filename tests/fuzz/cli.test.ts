/**
 * Generated command lines (issue 12, family d): `sim`, `sweep`, `replay` and `sim bargain` run in
 * this process in a directory of their own. Exit 0 with finite output and no input written over,
 * or exit 2 with one message naming a flag or file and every file as before. Fixed seed and
 * count; the cases first (`@name` is a file of the case's directory).
 */
import { describe, expect, it } from 'vitest';
import { fixedSample, unclean } from './harness';
import { cliFamily, type CliInput } from './cli-family';

const sim = (...args: string[]): CliInput => ({ command: 'sim', args: ['--scenario', '@scen.json', '--seed', '1', '--years', '1', ...args] });

describe('generated command lines', () => {
  it.each<[string, CliInput]>([
    ['sim --set city.debtEur=1e308 is refused, not an internal error', sim('--set', 'city.debtEur=1e308')],
    ['sim --set city.taxes.tfpbEur=1e308 gives no null or Infinity in the output', sim('--set', 'city.taxes.tfpbEur=1e308', '--format', 'csv')],
    ['sweep --set …buildingsEnergyMWh=1e306 is refused', { command: 'sweep', args: ['--scenario', '@scen.json', '--seeds', '1', '--years', '1', '--set', 'territory.districts.0.buildingsEnergyMWh=1e306'] }],
    ['--out a/./x.json --save a/x.json: one file does not overwrite the other', sim('--out', '@./out.json', '--save', '@out.json')],
    ['--scenario f.json --out f.json does not overwrite the scenario', sim('--out', '@scen.json')],
    ['--save s.json with an --out that cannot be written leaves s.json as it was', sim('--save', '@existing.csv', '--out', '/proc/horizons-fuzz-out.json')],
    ['--out onto a symbolic link is refused', sim('--out', '@link.json')],
    ['replay --out onto a symbolic link is refused', { command: 'replay', args: ['@save.json', '--out', '@link.json'] }],
  ])('%s', async (_name, input) => {
    expect(await unclean(cliFamily, [input])).toEqual([]);
  });

  it('80 generated command lines (seed 12): each runs with finite output, or is refused clearly with nothing changed', async () => {
    expect(await unclean(cliFamily, fixedSample(cliFamily, 12, 80))).toEqual([]);
  });
});
