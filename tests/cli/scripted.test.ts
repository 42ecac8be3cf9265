/** The scripted strategies by name in `npm run sim` and `npm run sweep`: in the help, the errors, and a 2-worker sweep (its workers resolve them by name). */
import { describe, expect, it } from 'vitest';
import { scriptedStrategies } from '../../src/sim/agents/scripted';
import { FAST, expectUserError, runCli } from './helpers';

const CITY = scriptedStrategies().filter((s) => s.side === 'city').map((s) => s.id);
const PARTNER = scriptedStrategies().filter((s) => s.side === 'partner').map((s) => s.id);

describe.concurrent('scripted strategies on the command line', () => {
  it('sim and sweep list them in --help and in the error for an unknown player', async () => {
    const [simHelp, sweepHelp, badCity, badPartner] = await Promise.all([
      runCli('sim', ['--help']),
      runCli('sweep', ['--help']),
      runCli('sim', ['--scenario', 'dijon-like', '--seed', '1', '--city', 'buy-nothing-city']),
      runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '1-2', '--partner', 'buy-everything-city']),
    ]);
    for (const help of [simHelp, sweepHelp]) {
      expect(help.code, help.stderr).toBe(0);
      for (const id of [...CITY, ...PARTNER]) expect(help.stdout).toContain(id);
    }
    expectUserError(badCity, 'sim', ['--city: "buy-nothing-city" is not a city personality', ...CITY]);
    expectUserError(badPartner, 'sweep', ['--partner: "buy-everything-city" is not a partner personality', ...PARTNER]);
  });

  it('sim runs a scripted city against a scripted partner', async () => {
    const r = await runCli('sim', ['--scenario', 'dijon-like', '--seed', '1', '--city', 'do-nothing-city', '--partner', 'cheap-partner', ...FAST]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, number>;
    expect(summary.contractsSigned).toBe(0);
    expect(summary.cityMoneySpentEur).toBe(0);
  });

  it('sweep --city buy-everything-city gives the same rows with 1 and 2 workers, unlike the default city', async () => {
    const args = ['--scenario', 'dijon-like', '--seeds', '1-3', ...FAST];
    const [one, two, usual] = await Promise.all([
      runCli('sweep', [...args, '--city', 'buy-everything-city', '--partner', 'gouge-partner', '--workers', '1']),
      runCli('sweep', [...args, '--city', 'buy-everything-city', '--partner', 'gouge-partner', '--workers', '2']),
      runCli('sweep', [...args, '--workers', '1']),
    ]);
    for (const r of [one, two, usual]) expect(r.code, r.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toMatch(/with 2 workers/);
    const hashes = (csv: string) => csv.trimEnd().split('\n').slice(1).map((l) => l.split(',').at(-1));
    expect(hashes(one.stdout)).toHaveLength(3);
    for (const [i, h] of hashes(one.stdout).entries()) expect(h).not.toBe(hashes(usual.stdout)[i]);
  });
});
