/**
 * Command-line parsing shared by the headless commands: node's `util.parseArgs` in strict mode,
 * with its errors rephrased into one message that names the flag, and the value parsers (seed,
 * years, `--set`, seed ranges, formats, personalities) that say what they found and expected.
 */
import { parseArgs } from 'node:util';
import { fail } from './errors';
import { MAX_SEED } from '../sim/seed';

export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder of the value in the usage text ("<n>"). */
  value?: string;
  help: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Usage text of a command, built from the same specs the parser uses. */
export function usage(synopsis: string, flags: FlagSpecs): string {
  const lines = Object.entries(flags).map(([name, f]) => {
    const left = `  ${f.short ? `-${f.short}, ` : ''}--${name}${f.type === 'string' ? ` ${f.value ?? '<value>'}` : ''}${f.multiple ? ' (repeatable)' : ''}`;
    return `${left.padEnd(36)} ${f.help}`;
  });
  return `usage: ${synopsis}\n\n${lines.join('\n')}\n`;
}

/** Edit distance with transpositions (optimal string alignment), for "did you mean --seed?". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** "did you mean --x?" when one name is close enough, else "". */
export function suggest(found: string, known: readonly string[], prefix = ''): string {
  let best = '';
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(found.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(1, Math.floor(found.length / 3)) ? ` (did you mean ${prefix}${best}?)` : '';
}

/**
 * Parses `argv` strictly against `flags`. Unknown flags, missing values, values given to a switch,
 * a flag given twice and unexpected positionals all become one `UserError` naming the flag.
 */
export function parseCommandLine(argv: string[], flags: FlagSpecs, maxPositionals = 0): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, f]) => [name, { type: f.type, multiple: f.multiple ?? false, ...(f.short ? { short: f.short } : {}) }]),
  );
  const known = Object.keys(flags);
  const knownList = known.map((k) => `--${k}`).join(', ');
  // "-h=1" would be read as the switches -h, -= and -1: name the flag instead.
  const shortWithValue = argv.map((a) => /^-([A-Za-z])=/.exec(a)?.[1]).find((c) => c !== undefined);
  if (shortWithValue !== undefined) {
    const name = Object.keys(flags).find((k) => flags[k]!.short === shortWithValue);
    if (name === undefined) return fail(`unknown flag -${shortWithValue}; the known flags are ${knownList}`);
    return fail(flags[name]!.type === 'boolean' ? `flag -${shortWithValue} (--${name}) is a switch and takes no value: write -${shortWithValue} alone` : `flag -${shortWithValue}: write -${shortWithValue} <value> or --${name}=<value>`);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    // node names a flag as '--seed', '-h, --help' or '-s, --seed <value>': keep the long name.
    const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
    const flag = /--[^\s,=<]+/.exec(quoted)?.[0] ?? quoted.split(/[\s,]/)[0] ?? quoted;
    switch (err.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        return fail(`unknown flag ${flag}${suggest(flag.replace(/^-+/, ''), known, '--')}; the known flags are ${knownList}`);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        if (/does not take an argument/.test(err.message)) return fail(`flag ${flag} is a switch and takes no value: write ${flag} alone`);
        if (/ambiguous/.test(err.message)) return fail(`flag ${flag}: found a value starting with "-", expected ${flag} <value> (write ${flag}=<value> if the value really starts with "-")`);
        return fail(`flag ${flag} needs a value: ${flag} ${flags[flag.replace(/^-+/, '')]?.value ?? '<value>'}`);
      default:
        return fail(err.message.split('\n')[0] ?? err.message);
    }
  }
  // parseArgs keeps the last of repeated single-valued flags silently: refuse the ambiguity.
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (flags[t.name]?.multiple) continue;
    if (seen.has(t.name)) fail(`flag --${t.name} is given more than once; give it once`);
    seen.add(t.name);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals]!;
    return fail(`unexpected argument "${extra}"${maxPositionals === 0 ? ': this command takes only flags' : ''} (known flags: ${knownList})`);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

/** The value of a single-valued string flag, or undefined. */
export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** The values of a repeatable string flag (possibly none). */
export function list(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : [];
}

/** The value of a required string flag; a clear message when it is missing. */
export function required(args: ParsedArgs, name: string, placeholder: string): string {
  const v = str(args, name);
  if (v === undefined) return fail(`flag --${name} is required: --${name} ${placeholder}`);
  return v;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Longest run: the scenario schema caps `horizonYears` at 60. */
const MAX_YEARS = 60;

function describeArg(raw: string): string {
  return raw === '' ? 'an empty value' : `"${raw}"`;
}

/** A whole number within [min, max], for the flag `what` ("--seed"); else a clear message. */
export function parseInteger(raw: string, what: string, min: number, max: number, grouped = false): number {
  const t = raw.trim();
  // `grouped`: the bounds as a person reads them (100,000); seeds stay plain, as they are typed.
  const show = (n: number) => (grouped ? n.toLocaleString('en-US') : String(n));
  const expected = `expected a whole number from ${show(min)} to ${show(max)}`;
  if (!INTEGER.test(t)) return fail(`${what}: found ${describeArg(raw)}, ${expected}`);
  const n = Number(t);
  if (!Number.isSafeInteger(n) || n < min || n > max) return fail(`${what}: found ${raw}, ${expected}`);
  return n;
}

/** A finite decimal number ("0.05", "-3", "1e6"); "", "abc", "0x10", "Infinity" are refused. */
export function parseNumber(raw: string, what: string): number {
  const t = raw.trim();
  const n = Number(t);
  if (!DECIMAL.test(t) || !Number.isFinite(n)) return fail(`${what}: found ${describeArg(raw)}, expected a finite number such as 0.05`);
  return n;
}

export function parseSeed(raw: string, flag = '--seed'): number {
  return parseInteger(raw, flag, 0, MAX_SEED);
}

export function parseYears(raw: string): number {
  return parseInteger(raw, '--years', 1, MAX_YEARS);
}

/** `--seeds a-b` (inclusive, a ≤ b) or a single seed `a`. */
export function parseSeedRange(raw: string, maxCount = 1_000_000): number[] {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw);
  if (!m) return fail(`--seeds: found ${describeArg(raw)}, expected a range of whole numbers <a>-<b> such as 1-200`);
  const a = parseSeed(m[1]!, '--seeds (first seed)');
  const b = m[2] === undefined ? a : parseSeed(m[2], '--seeds (last seed)');
  if (b < a) return fail(`--seeds: found ${raw}, expected the first seed not above the last (e.g. ${b}-${a})`);
  if (b - a + 1 > maxCount) return fail(`--seeds: found ${b - a + 1} seeds, expected at most ${maxCount}`);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Splits `path=value`; `values` for sweeps (`path=v1,v2,…`), one value otherwise. */
export function parseSetFlag(raw: string, multiple: boolean): { path: string; values: number[] } {
  const eq = raw.indexOf('=');
  const expected = multiple ? '<path>=<v1>,<v2>,… such as coordination.alignment=0.2,0.8' : '<path>=<value> such as city.discountRate=0.05';
  if (eq <= 0) return fail(`--set: found "${raw}", expected ${expected}`);
  const path = raw.slice(0, eq).trim();
  const rest = raw.slice(eq + 1);
  const parts = multiple ? rest.split(',') : [rest];
  if (!multiple && rest.includes(',')) return fail(`--set ${path}: found "${rest}", expected one number (lists of values are for npm run sweep)`);
  const values = parts.map((p) => parseNumber(p, `--set ${path}`));
  return { path, values };
}

/** One of a fixed list of words (a format, a proposer), else a message listing them. */
export function parseChoice<T extends string>(raw: string, what: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  return fail(`${what}: found ${describeArg(raw)}, expected one of ${choices.join(', ')}`);
}
