/**
 * Bad input to the headless commands (issue 2, "Bad input"): each gets one clear message that
 * names the file, field or flag, what was found and what is expected; a non-zero exit; no stack
 * trace; nothing on stdout.
 */
import { describe, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAST, expectUserError, runCli, tempDir, writeScenario } from './helpers';

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
