/**
 * Bad input to the headless commands (issue 2, "Bad input"): each gets one clear message that
 * names the file, field or flag, what was found and what is expected; a non-zero exit; no stack
 * trace; nothing on stdout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAST, defaultScenario, expectUserError, runCli, tempDir, writeScenario } from './helpers';

const dir = tempDir();
const sim = (...args: string[]) => runCli('sim', args);
const run = (scenario: string, ...rest: string[]) => sim('--scenario', scenario, '--seed', '1', ...FAST, ...rest);

describe.concurrent('bad scenarios', () => {
  it('unknown scenario id: lists the known ids', async () => {
    expectUserError(await run('atlantis'), 'sim', ['--scenario', 'unknown scenario id "atlantis"', 'dijon-like']);
  });

  it('missing file', async () => {
    const path = join(dir, 'nope.json');
    expectUserError(await run(path), 'sim', [path, 'no such file']);
  });

  it('invalid JSON: names the file and the position', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "id": "x",\n  "city": {,\n}');
    expectUserError(await run(path), 'sim', [`scenario ${path} is not valid JSON at line 3, column`]);
  });

  it('missing field', async () => {
    const path = writeScenario(dir, 'missing-field', (s) => delete s.city.debtEur);
    expectUserError(await run(path), 'sim', [`scenario ${path} is not valid`, 'city.debtEur', 'found nothing', 'expected a number']);
  });

  it('wrong type', async () => {
    const path = writeScenario(dir, 'wrong-type', (s) => (s.city.discountRate = 'three percent'));
    expectUserError(await run(path), 'sim', [path, 'city.discountRate', 'found the string "three percent"', 'expected a number']);
  });

  it('negative budget', async () => {
    const path = writeScenario(dir, 'negative-budget', (s) => (s.city.smartCityEnvelopeEur = -5000000));
    expectUserError(await run(path), 'sim', [path, 'city.smartCityEnvelopeEur', 'found -5000000', 'expected ≥ 0']);
  });

  it('unknown project family', async () => {
    const path = writeScenario(dir, 'unknown-family', (s) => (s.projects.catalogue.streetLighting.family = 'teleportation'));
    expectUserError(await run(path), 'sim', [path, 'projects.catalogue.streetLighting.family', 'found the string "teleportation"', 'expected one of']);
  });

  it('a share above 1', async () => {
    const path = writeScenario(dir, 'share-above-one', (s) => (s.funding.grantShare = 1.5));
    expectUserError(await run(path), 'sim', [path, 'funding.grantShare', 'found 1.5', 'expected ≤ 1']);
  });
});

describe.concurrent('bad flags', () => {
  it('unknown --set path', async () => {
    expectUserError(await run('dijon-like', '--set', 'city.discountRat=0.05'), 'sim', ['--set city.discountRat', 'no numeric field']);
  });

  it('non-numeric --set value', async () => {
    expectUserError(await run('dijon-like', '--set', 'city.discountRate=high'), 'sim', ['--set city.discountRate', 'found "high"', 'expected a finite number']);
  });

  it.each([['1.5'], ['abc'], ['']])('non-integer seed %j', async (seed) => {
    expectUserError(await sim('--scenario', 'dijon-like', '--seed', seed), 'sim', ['--seed: found', 'expected a whole number']);
  });

  it('missing seed', async () => {
    expectUserError(await sim('--scenario', 'dijon-like'), 'sim', ['--seed is required']);
  });

  it('unknown flag', async () => {
    expectUserError(await run('dijon-like', '--sede', '3'), 'sim', ['unknown flag --sede', 'did you mean --seed?']);
  });

  it('years out of range, unknown personality, unknown format', async () => {
    const [years, city, wrongSide, format] = await Promise.all([
      sim('--scenario', 'dijon-like', '--seed', '1', '--years', '61'),
      run('dijon-like', '--city', 'napoleon'),
      run('dijon-like', '--city', 'patient-partner'),
      run('dijon-like', '--format', 'xml'),
    ]);
    expectUserError(wrongSide, 'sim', ['--city: "patient-partner" is not a city personality']);
    expectUserError(years, 'sim', ['--years: found 61, expected a whole number from 1 to 60']);
    expectUserError(city, 'sim', ['--city: "napoleon" is not a city personality', 'expected one of', 'steady-mayor']);
    expectUserError(format, 'sim', ['--format: found "xml", expected one of json, csv']);
  });
});

describe.concurrent('bad saves', () => {
  it('corrupt JSON', async () => {
    const path = join(dir, 'corrupt-save.json');
    writeFileSync(path, '{"format": "horizons-save", "version": 1, "seed": ');
    expectUserError(await runCli('replay', [path]), 'replay', [`save file ${path} is not valid JSON`, 'line 1, column']);
  });

  it('wrong format', async () => {
    const path = join(dir, 'foreign-save.json');
    writeFileSync(path, JSON.stringify({ format: 'some-other-game', version: 1 }));
    expectUserError(await runCli('replay', [path]), 'replay', [path, 'format']);
  });

  it('missing save file, and no save file given', async () => {
    const path = join(dir, 'absent-save.json');
    const [missing, none] = await Promise.all([runCli('replay', [path]), runCli('replay', [])]);
    expectUserError(missing, 'replay', [path, 'no such file']);
    expectUserError(none, 'replay', ['expected the save file']);
  });
});

/**
 * Issue 12, the commands of the issue: figures no city has, a save carrying them, files with a
 * byte-order mark or in UTF-16, a key given twice, a reserved key. The other cases of the loader
 * run in-process (load-scenario-fuzz.test.ts).
 */
describe.concurrent('out-of-bounds figures (issue 12): refused with the field, the figure and the bound in its unit', () => {
  it.each([
    ['city.debtEur=1e308', 'city.debtEur: found 1e+308, expected at most €50 billion'],
    ['city.operatingCostEur=1e306', 'city.operatingCostEur: found 1e+306, expected at most €50 billion'],
    ['city.taxes.tfpbEur=1e306', 'city.taxes.tfpbEur: found 1e+306, expected at most €50 billion'],
    ['territory.districts.0.buildingsEnergyMWh=1e304', 'territory.districts[0].buildingsEnergyMWh: found 1e+304, expected at most 100 million MWh a year'],
    ['coordination.measures.smartCityOffice.costEur=1e308', 'coordination.measures.smartCityOffice.costEur: found 1e+308, expected at most €50 billion'],
  ])('sim --set %s', async (set, message) => {
    expectUserError(await run('dijon-like', '--set', set), 'sim', [`scenario scenarios/dijon-like.json with --set ${set.split('=')[0]}=`, message]);
  });

  it('sweep --set city.debtEur=1e308: refused before the first run', async () => {
    const r = await runCli('sweep', ['--scenario', 'dijon-like', '--seeds', '1-2', '--set', 'city.debtEur=1e308', ...FAST]);
    expectUserError(r, 'sweep', ['city.debtEur: found 1e+308, expected at most €50 billion']);
  });
});

describe.concurrent('saves carrying a bad scenario, with a byte-order mark (issue 12)', () => {
  let save: Record<string, any>;
  let savePath: string;
  beforeAll(async () => {
    savePath = join(dir, 'base-save.json');
    const made = await runCli('sim', ['--scenario', 'dijon-like', '--seed', '3', '--save', savePath, ...FAST]);
    if (made.code !== 0) throw new Error(`sim --save failed: ${made.stderr}`);
    save = JSON.parse(readFileSync(savePath, 'utf8'));
  });

  it('replay refuses a save whose embedded scenario owes €10³⁰⁸', async () => {
    const bad = structuredClone(save);
    bad.scenario.city.debtEur = 1e308;
    const path = join(dir, 'save-huge-debt.json');
    writeFileSync(path, JSON.stringify(bad));
    expectUserError(await runCli('replay', [path]), 'replay', [`embedded in save ${path}`, 'city.debtEur: found 1e+308, expected at most €50 billion']);
  });

  it('replay reads a save written with a UTF-8 byte-order mark', async () => {
    const path = join(dir, 'save-bom.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(savePath)]));
    const r = await runCli('replay', [path]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(save.finalHash + '\n');
  });
});

describe.concurrent('scenario files: byte-order mark, UTF-16, a key given twice, a reserved key (issue 12)', () => {
  const text = () => JSON.stringify(defaultScenario(), null, 2);

  it('a scenario with a UTF-8 byte-order mark runs', async () => {
    const path = join(dir, 'bom.json');
    writeFileSync(path, '\uFEFF' + text());
    const r = await run(path);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stateHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a scenario in UTF-16 is refused by name', async () => {
    const path = join(dir, 'utf16.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(), 'utf16le')]));
    expectUserError(await run(path), 'sim', [`scenario file ${path} is encoded in UTF-16 (little-endian, with a byte-order mark); save it as UTF-8`]);
  });

  it('a key given twice is refused with both places', async () => {
    const path = join(dir, 'twice.json');
    writeFileSync(path, text().replace('"debtEur": 280000000,', '"debtEur": 280000000,\n    "debtEur": 1,'));
    expectUserError(await run(path), 'sim', [`scenario ${path} is not valid: city.debtEur is given twice, at line`, 'expected each key once']);
  });

  it('a __proto__ catalogue key is refused, not dropped', async () => {
    const path = join(dir, 'proto.json');
    writeFileSync(path, text().replace('"catalogue": {', '"catalogue": {\n      "__proto__": {},'));
    expectUserError(await run(path), 'sim', [`scenario ${path} is not valid`, 'projects.catalogue.__proto__: found the reserved key "__proto__"']);
  });
});
