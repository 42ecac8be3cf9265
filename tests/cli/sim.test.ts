/** `npm run sim`: the real command, spawned; output shapes, --out, and the bargain seam. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMMARY_KEYS } from '../../src/sim';
import { FAST, expectUserError, runCli, tempDir } from './helpers';

/** The keys of a contract record, in order (DESIGN §7: part of the interface). */
const CONTRACT_KEYS = ['id', 'form', 'families', 'districts', 'openedTick', 'signedTick', 'durationYears', 'worksEur', 'valueEur', 'upkeepTakenOverEur', 'publicWorksShare', 'partnerIrr', 'partnerProfitEur', 'partnerPeakOutlayEur', 'endedTick', 'endReason'];

describe.concurrent('npm run sim', () => {
  it('prints the summary as JSON: SUMMARY_KEYS in order, numbers, then stateHash and the contracts signed', async () => {
    const r = await runCli('sim', ['--scenario', 'dijon-like', '--seed', '1', ...FAST]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual([...SUMMARY_KEYS, 'stateHash', 'contracts']);
    for (const k of SUMMARY_KEYS) {
      expect(typeof summary[k], k).toBe('number');
      expect(Number.isFinite(summary[k]), k).toBe(true);
    }
    expect(summary.stateHash).toMatch(/^\S+$/);
    // The keys the issue names must all be there.
    for (const k of ['servicesDelivered', 'pilotsStarted', 'pilotsScaled', 'contractsSigned', 'contractsRenegotiated', 'contractsCancelled', 'cityMoneySpentEur', 'servicesPerMillionEur', 'citizenSatisfaction', 'incumbentReelections', 'elections', 'cityDebtEur', 'debtCapacityYears', 'partnerNpvEur', 'energySavedMWh', 'co2AvoidedT', 'grantsWonEur', 'alignment']) {
      expect(summary, k).toHaveProperty(k);
    }
    // One record per contract signed with the partner, with exactly the keys of the interface.
    const contracts = summary.contracts as Record<string, unknown>[];
    expect(Array.isArray(contracts)).toBe(true);
    expect(contracts).toHaveLength(summary.contractsSigned as number);
    for (const c of contracts) expect(Object.keys(c)).toEqual(CONTRACT_KEYS);
  });

  it('lists every contract signed over a longer run, its figures consistent with the summary', async () => {
    const r = await runCli('sim', ['--scenario', 'dijon-like', '--seed', '1', '--years', '18', '--agents', '300']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    const contracts = summary.contracts as Record<string, unknown>[];
    expect(contracts.length).toBe(summary.contractsSigned);
    expect(contracts.length).toBeGreaterThan(0);
    for (const c of contracts) {
      expect(Object.keys(c)).toEqual(CONTRACT_KEYS);
      expect(Number(c.signedTick)).toBeGreaterThanOrEqual(Number(c.openedTick));
      expect(Number(c.valueEur)).toBeGreaterThan(0);
      expect(Number(c.upkeepTakenOverEur)).toBeGreaterThanOrEqual(0);
      expect(Number(c.upkeepTakenOverEur)).toBeLessThanOrEqual(Number(c.valueEur));
      expect(Number(c.publicWorksShare)).toBeGreaterThanOrEqual(0);
      expect(Number(c.publicWorksShare)).toBeLessThanOrEqual(1);
      expect((c.families as string[]).length).toBeGreaterThan(0);
      expect(c.partnerIrr === null || Number.isFinite(c.partnerIrr)).toBe(true);
      expect(Number.isFinite(c.partnerProfitEur)).toBe(true);
      expect(Number(c.partnerPeakOutlayEur)).toBeGreaterThanOrEqual(0);
      expect((c.endedTick === null) === (c.endReason === null)).toBe(true);
    }
    const months = contracts.map((c) => Number(c.signedTick) - Number(c.openedTick)).sort((a, b) => a - b);
    const mid = months.length >> 1;
    expect(summary.procedureMonthsMedian).toBe(months.length % 2 ? months[mid] : (months[mid - 1]! + months[mid]!) / 2);
  });

  it('prints the yearly series as CSV and writes it atomically with --out (nothing on stdout)', async () => {
    const dir = tempDir();
    const out = join(dir, 'series.csv');
    const r = await runCli('sim', ['--scenario', 'dijon-like', '--seed', '2', '--format', 'csv', '--out', out, ...FAST]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(['year', 'yearIndex', ...SUMMARY_KEYS].join(','));
    expect(lines).toHaveLength(1 + 3);
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      expect(cells).toHaveLength(2 + SUMMARY_KEYS.length);
      for (const c of cells) expect(Number.isFinite(Number(c)) && c !== '', line).toBe(true);
    }
    const yearIndex = lines.slice(1).map((l) => Number(l.split(',')[1]));
    expect(yearIndex).toEqual([yearIndex[0], yearIndex[0]! + 1, yearIndex[0]! + 2]);
    expect(readdirSync(dir)).toEqual(['series.csv']); // no temporary file left behind
  });

  it('applies --set and the personalities (a different scenario gives a different hash)', async () => {
    const [a, b] = await Promise.all([
      runCli('sim', ['--scenario', 'dijon-like', '--seed', '3', ...FAST]),
      runCli('sim', ['--scenario', 'dijon-like', '--seed', '3', '--set', 'coordination.alignment=0.95', '--set', 'funding.grantShare=0.8', ...FAST]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(a.stdout).stateHash).not.toBe(JSON.parse(b.stdout).stateHash);
  });

  it('writes nothing with --out when an input is wrong, and leaves an existing file alone', async () => {
    const dir = tempDir();
    const fresh = join(dir, 'fresh.json');
    const existing = join(dir, 'existing.json');
    writeFileSync(existing, 'keep me');
    const [r1, r2] = await Promise.all([
      runCli('sim', ['--scenario', 'dijon-like', '--seed', '1', '--set', 'city.discountRate=abc', '--out', fresh, ...FAST]),
      runCli('sim', ['--scenario', 'dijon-like', '--seed', '1', '--set', 'city.discountRate=9', '--out', existing, '--save', join(dir, 'save.json'), ...FAST]),
    ]);
    expectUserError(r1, 'sim', ['--set city.discountRate', '"abc"', 'expected a finite number']);
    expectUserError(r2, 'sim', ['city.discountRate', 'found 9']);
    expect(existsSync(fresh)).toBe(false);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['existing.json']);
  });

  it('bargain: validates its flags, then prints the split as JSON', async () => {
    const [bad, tooPatient, ok] = await Promise.all([
      runCli('sim', ['bargain', '--delta-city', '1.2', '--delta-partner', '0.9', '--proposer', 'city']),
      runCli('sim', ['bargain', '--delta-city', '0.9', '--delta-partner', '0.999999', '--proposer', 'city']),
      runCli('sim', ['bargain', '--delta-city', '0.9', '--delta-partner', '0.95', '--proposer', 'partner', '--format', 'json']),
    ]);
    expectUserError(bad, 'sim', ['--delta-city: found 1.2', 'expected a discount factor']);
    expectUserError(tooPatient, 'sim', ['--delta-partner: found 0.999999, expected a discount factor from 0 to 0.99999']);
    expect(ok.code, ok.stderr).toBe(0);
    const split = JSON.parse(ok.stdout) as Record<string, number>;
    expect(Object.keys(split)).toEqual(['cityShare', 'partnerShare', 'rounds']);
    // Partner proposes with δ = 0.95 against the city's 0.9: it keeps (1 − 0.9)/(1 − 0.95·0.9).
    expect(split.partnerShare).toBeCloseTo(0.1 / (1 - 0.855), 2);
    expect(split.rounds).toBe(1);
  });
});
