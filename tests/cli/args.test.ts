/** The CLI's value parsers and sweep planning, in-process (no spawn): cheap and precise. */
import { describe, expect, it } from 'vitest';
import { userError } from './helpers';
import { parseCommandLine, parseInteger, parseNumber, parseSeed, parseSeedRange, parseSetFlag, suggest } from '../../src/cli/args';
import { crossProduct, sweepJobs, type SweepPlan } from '../../src/cli/sweep-core';
import { looksLikePath } from '../../src/cli/load-scenario';
import { parseJsonText } from '../../src/cli/json-text';
import { locateJsonError } from '../../src/sim/json-position';


describe('seed', () => {
  it.each(['0', '1', '42', '4294967295', ' 7 '])('accepts %j', (raw) => {
    expect(parseSeed(raw)).toBe(Number(raw.trim()));
  });
  it.each(['1.5', 'abc', '', '-1', '4294967296', '1e3', '0x10', '12abc'])('refuses %j, naming --seed and what is expected', (raw) => {
    const m = userError(() => parseSeed(raw));
    expect(m).toMatch(/^--seed: found /);
    expect(m).toContain('expected a whole number from 0 to 4294967295');
  });
});

describe('numbers', () => {
  it.each([['0.05', 0.05], ['-3', -3], ['1e6', 1e6], ['.5', 0.5], ['+2', 2]])('parses %j', (raw, n) => {
    expect(parseNumber(raw, '--set x')).toBe(n);
  });
  it.each(['', 'abc', '0x10', 'Infinity', 'NaN', '1,5', '5%'])('refuses %j', (raw) => {
    expect(userError(() => parseNumber(raw, '--set x'))).toMatch(/^--set x: found .*expected a finite number/);
  });
  it('bounds integers', () => {
    expect(userError(() => parseInteger('61', '--years', 1, 60))).toBe('--years: found 61, expected a whole number from 1 to 60');
  });
});

describe('--set', () => {
  it('splits path and value', () => {
    expect(parseSetFlag('city.discountRate=0.05', false)).toEqual({ path: 'city.discountRate', values: [0.05] });
    expect(parseSetFlag('a.b=1,2,3', true)).toEqual({ path: 'a.b', values: [1, 2, 3] });
  });
  it('refuses a missing "=", a list in sim, and a non-number', () => {
    expect(userError(() => parseSetFlag('city.discountRate', false))).toMatch(/^--set: found "city.discountRate", expected <path>=<value>/);
    expect(userError(() => parseSetFlag('a=1,2', false))).toContain('lists of values are for npm run sweep');
    expect(userError(() => parseSetFlag('a.b=1,x', true))).toBe('--set a.b: found "x", expected a finite number such as 0.05');
  });
});

describe('--seeds', () => {
  it('expands an inclusive range', () => {
    expect(parseSeedRange('3-6')).toEqual([3, 4, 5, 6]);
    expect(parseSeedRange('9')).toEqual([9]);
  });
  it.each(['6-3', 'a-b', '1-', '1.5-3', ''])('refuses %j', (raw) => {
    expect(userError(() => parseSeedRange(raw))).toMatch(/^--seeds/);
  });
});

describe('flags', () => {
  const flags = { seed: { type: 'string', help: '' }, set: { type: 'string', multiple: true, help: '' }, help: { type: 'boolean', help: '' } } as const;
  it('names an unknown flag, suggests the near one, lists the known ones', () => {
    const m = userError(() => parseCommandLine(['--sed', '1'], flags));
    expect(m).toBe('unknown flag --sed (did you mean --seed?); the known flags are --seed, --set, --help');
  });
  it('names a flag without its value, a switch with a value, a repeated flag, a stray argument', () => {
    expect(userError(() => parseCommandLine(['--seed'], flags))).toMatch(/^flag --seed needs a value/);
    expect(userError(() => parseCommandLine(['--help=1'], flags))).toMatch(/^flag --help is a switch/);
    // node reports '-h, --help': the message names --help, not "-h,".
    const short = { help: { type: 'boolean', short: 'h', help: '' }, seed: { type: 'string', short: 's', help: '' } } as const;
    expect(userError(() => parseCommandLine(['--help=yes'], short))).toBe('flag --help is a switch and takes no value: write --help alone');
    expect(userError(() => parseCommandLine(['-h=1'], short))).toBe('flag -h (--help) is a switch and takes no value: write -h alone');
    expect(userError(() => parseCommandLine(['-s=1'], short))).toBe('flag -s: write -s <value> or --seed=<value>');
    expect(userError(() => parseCommandLine(['--seed'], short))).toMatch(/^flag --seed needs a value/);
    expect(userError(() => parseCommandLine(['--seed', '1', '--seed', '2'], flags))).toMatch(/^flag --seed is given more than once/);
    expect(userError(() => parseCommandLine(['oops'], flags))).toMatch(/^unexpected argument "oops"/);
  });
  it('keeps repeatable flags', () => {
    expect(parseCommandLine(['--set', 'a=1', '--set', 'b=2'], flags).values.set).toEqual(['a=1', 'b=2']);
  });
  it('suggests only close names', () => {
    expect(suggest('zzzzzz', ['seed'])).toBe('');
  });
});

describe('sweep plan', () => {
  it('crosses values with the first path slowest', () => {
    expect(crossProduct([[1, 2], [10, 20, 30]])).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
    expect(crossProduct([])).toEqual([[]]);
  });
  it('orders jobs by combination, then seed', () => {
    const plan = { paths: ['a'], combos: [{ values: [1] }, { values: [2] }], seeds: [5, 6], shape: {} } as unknown as SweepPlan;
    expect(sweepJobs(plan)).toEqual([
      { index: 0, combo: 0, seed: 5 },
      { index: 1, combo: 0, seed: 6 },
      { index: 2, combo: 1, seed: 5 },
      { index: 3, combo: 1, seed: 6 },
    ]);
  });
});

describe('scenario argument', () => {
  it('tells ids from paths', () => {
    expect(looksLikePath('dijon-like')).toBe(false);
    expect(looksLikePath('./x')).toBe(true);
    expect(looksLikePath('x.json')).toBe(true);
  });
});

describe('JSON error positions', () => {
  it.each([
    ['{"a": 1,}', 8],
    ['{"a": [1, 2,, 3]}', 12],
    ['{"a": tru}', 9],
    ['{"a": "x\ny"}', 8],
    ['{"a": 01}', 7],
    ['{"a": 1} x', 9],
    ['{"a": ', 6],
    ['{"a" 1}', 5],
  ])('locates the first error in %j', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(locateJsonError(text)).toBe(offset);
  });
  it('accepts valid JSON', () => {
    expect(locateJsonError('{"a": [1, -2.5e3, "\\u00e9\\n", true, false, null, {}]}')).toBe(-1);
  });
  it('reports line and column with what it found', () => {
    const r = parseJsonText('{\n  "a": 1,\n  "b": [1,,2]\n}', 'x.json', 'scenario');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^scenario x\.json is not valid JSON at line 3, column 11: found ",2\]\\n}"/);
  });
});
