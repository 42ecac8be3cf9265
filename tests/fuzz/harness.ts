/**
 * The judge of the generated suites (issue 12): every generated input is either accepted and runs
 * with finite numbers everywhere, or refused with one message that names the field, flag or file
 * in words a person reads. Anything else is counted against the project:
 *
 * - `unclear`: a refusal that names none of what was changed, reads like the JSON parser's or the
 *   validator's internals ("Unexpected token", "Invalid input", "found null" for NaN), or refuses
 *   an input the issue says must be read (a byte-order mark);
 * - `silent`: an input the issue says must be refused (a duplicate id or JSON key, a `__proto__`
 *   key, households above population, another encoding) was accepted;
 * - `crashed`: a stack trace, an "internal error", a throw, a non-finite number in the state or the
 *   output, a state, log, file or save changed by a refusal.
 *
 * The families (scenario files, save files, actions, command lines) each give an arbitrary of
 * inputs and a `judge`; `npm test` runs a few hundred of them with fixed seeds, `npm run fuzz`
 * ten thousand and more (src/cli/fuzz.ts).
 */
import fc from 'fast-check';

export const OUTCOMES = ['accepted', 'refused', 'unclear', 'silent', 'crashed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Verdict {
  outcome: Outcome;
  /** The message, or what went wrong. */
  detail: string;
}

/** One family of generated inputs: how to make them, name them and judge them. */
export interface Family<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** A short description of the input, for the examples printed. */
  label(input: T): string;
  judge(input: T): Promise<Verdict> | Verdict;
}

export const accepted = (detail = ''): Verdict => ({ outcome: 'accepted', detail });
export const crashed = (detail: string): Verdict => ({ outcome: 'crashed', detail });
export const silent = (detail: string): Verdict => ({ outcome: 'silent', detail });
const unclear = (detail: string): Verdict => ({ outcome: 'unclear', detail });

/** What the judge knows of an input, to read its refusal. */
export interface Expectation {
  /** The refusal must contain one of these (a field's key, a flag, the file); empty: no demand. */
  names: string[];
  /** The file the message must name (scenarios, saves). */
  file?: string;
  /** Why the input must be refused (the issue's semantic checks); accepted → `silent`. */
  mustRefuse?: string;
  /** Why the input must be accepted (a byte-order mark); refused → `unclear`. */
  mustAccept?: string;
  /** The refusal must match this (e.g. /UTF-16/ for a UTF-16 file). */
  refuseMatch?: RegExp;
  /** The refusal must not match this (a byte-order mark blamed at line 1, column 1). */
  refuseNot?: RegExp;
  /** Values put into the input: a NaN must not be reported as "null", nor a string "1" as 1. */
  injected?: unknown[];
}

/** Words of the JSON parser, the validator or JavaScript itself, not of a person. */
const INTERNALS = /Unexpected token|Unexpected end of JSON|Unexpected non-whitespace|in JSON at position|SyntaxError|Invalid input|Invalid key in record|\[object Object\]|\bundefined\b|is not a function|Cannot read propert/;

/** A refusal's message judged: clear, unclear, or a crash in disguise. */
export function judgeRefusal(message: unknown, e: Expectation): Verdict {
  if (typeof message !== 'string' || message.trim() === '') return crashed(`refused without a message (${JSON.stringify(message)})`);
  const m = message;
  const gist = oneLine(m.replace(/^\s+at .*$/gm, '').replace(/\(a bug in Horizons, please report it\):/, ''), 300);
  if (/^\s+at /m.test(m)) return crashed(`stack trace: ${gist}`);
  if (/internal error/i.test(m)) return crashed(`internal error: ${gist}`);
  if (e.mustAccept) return unclear(`refused, but ${e.mustAccept} must be read: ${oneLine(m)}`);
  // The parser's words are fine as a parenthesis after a place a person finds (line and column).
  const internals = INTERNALS.exec(/line \d+, column \d+/.test(m) ? m.replace(/\([^()]*\)/g, '') : m);
  if (internals) return unclear(`reads like internals ("${internals[0]}"): ${oneLine(m)}`);
  if (e.refuseNot?.test(m)) return unclear(`blames ${e.refuseNot}: ${oneLine(m)}`);
  if (e.refuseMatch && !e.refuseMatch.test(m)) return unclear(`does not say ${e.refuseMatch}: ${oneLine(m)}`);
  if (e.file !== undefined && !m.includes(e.file)) return unclear(`does not name the file ${e.file}: ${oneLine(m)}`);
  if (e.names.length > 0 && !e.names.some((n) => m.includes(n) || (n.length > 3 && n.endsWith('s') && m.includes(n.slice(0, -1))))) return unclear(`names none of ${e.names.slice(0, 4).map((n) => JSON.stringify(n)).join(', ')}: ${oneLine(m)}`);
  const injected = e.injected ?? [];
  for (const v of injected) {
    // A null put in elsewhere in the same input is rightly "found null": not a non-finite number's words.
    if (typeof v === 'number' && !Number.isFinite(v) && injected.includes(null)) continue;
    const word = foundWord(m, v);
    if (word) return unclear(`${word}: ${oneLine(m)}`);
  }
  return { outcome: 'refused', detail: oneLine(m) };
}

/** A value reported in other words than it is: NaN or Infinity as "null", a string "1" as 1. */
function foundWord(m: string, v: unknown): string | null {
  // A "found null" beside "found the number Infinity" is another field that is null (two damages in one input).
  if (typeof v === 'number' && !Number.isFinite(v) && /found null\b/.test(m) && !m.includes(`found the number ${String(v)}`)) return `${String(v)} reported as "null"`;
  if (typeof v === 'string' && v !== '' && /^[-+\d.eE]+$|^(NaN|-?Infinity|true|false|null)$/.test(v)) {
    const bare = new RegExp(`found ${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.+-])`);
    if (bare.test(m)) return `the string "${v}" reported as ${v}`;
  }
  return null;
}

const firstLine = (s: string): string => s.split('\n', 1)[0] ?? '';
export const oneLine = (s: string, max = 400): string => {
  const t = s.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return t.length > max ? t.slice(0, max) + '…' : t;
};

/** A thrown value as a crash: its message and where it came from (first frame). */
export function thrown(e: unknown, where: string): Verdict {
  const err = e instanceof Error ? e : new Error(String(e));
  const frame = /\n\s+at ([^\n]+)/.exec(err.stack ?? '')?.[1] ?? '';
  return crashed(`${where} threw: ${firstLine(err.message)}${frame ? ` (at ${frame.replace(/^.*\/(src|tests)\//, '$1/')})` : ''}`);
}

/** Where the first number that is not finite sits (typed arrays included), or null. */
export function firstNonFinite(v: unknown, path = '', seen = new Set<object>()): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${path || '(value)'} = ${String(v)}`;
  if (v === null || typeof v !== 'object') return null;
  if (seen.has(v)) return null;
  seen.add(v);
  if (ArrayBuffer.isView(v)) {
    if (v instanceof Float32Array || v instanceof Float64Array) {
      for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return `${path}[${i}] = ${String(v[i])}`;
    }
    return null;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = firstNonFinite(v[i], `${path}[${i}]`, seen);
      if (r) return r;
    }
    return null;
  }
  for (const [k, x] of Object.entries(v)) {
    const r = firstNonFinite(x, path ? `${path}.${k}` : k, seen);
    if (r) return r;
  }
  return null;
}

/** A value a save (JSON) cannot keep as it is: a function, a symbol, a bigint, NaN, a class instance. */
export function notPlainJson(v: unknown, path = '', seen = new Set<object>()): string | null {
  switch (typeof v) {
    case 'function':
    case 'symbol':
    case 'bigint':
      return `${path || '(value)'} is a ${typeof v}`;
    case 'number':
      return Number.isFinite(v) ? null : `${path || '(value)'} = ${String(v)}`;
    case 'object': {
      if (v === null) return null;
      if (seen.has(v)) return `${path} is circular`;
      seen.add(v);
      const proto = Object.getPrototypeOf(v);
      if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return `${path || '(value)'} is a ${proto?.constructor?.name ?? 'class instance'}`;
      for (const [k, x] of Object.entries(v)) {
        const r = notPlainJson(x, path ? `${path}.${k}` : k, seen);
        if (r) return r;
      }
      seen.delete(v);
      return null;
    }
    default:
      return null;
  }
}

/** A failure's detail without what varies from case to case (figures, paths, quoted values). */
const gist = (d: string): string =>
  d
    .replace(/\/tmp\S*/g, '<file>')
    .replace(/"[^"]{25,}"/g, '"…"')
    .replace(/-?\d[\d.e+]*/g, '#')
    .replace(/⏎.*$/, '')
    .slice(0, 110);

/** Counts and a few examples of each outcome, per family. */
export class Tally {
  readonly counts = new Map<string, Record<Outcome, number>>();
  readonly examples = new Map<string, Record<Outcome, string[]>>();
  /** How often each kind of failure came (its detail without figures, paths and quoted values). */
  readonly causes = new Map<string, Map<string, number>>();
  constructor(private readonly keep = 5) {}

  add(family: string, label: string, v: Verdict): void {
    if (!this.counts.has(family)) {
      this.counts.set(family, Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
      this.examples.set(family, Object.fromEntries(OUTCOMES.map((o) => [o, []])) as unknown as Record<Outcome, string[]>);
    }
    this.counts.get(family)![v.outcome]++;
    if (v.outcome === 'unclear' || v.outcome === 'silent' || v.outcome === 'crashed') {
      const cause = `${v.outcome}: ${gist(v.detail)}`;
      const c = this.causes.get(family) ?? new Map<string, number>();
      c.set(cause, (c.get(cause) ?? 0) + 1);
      this.causes.set(family, c);
    }
    const ex = this.examples.get(family)![v.outcome];
    // Different details first: the same bug a hundred times teaches less than five bugs.
    const key = v.detail.replace(/\d+/g, '#').slice(0, 80);
    if (ex.length < this.keep && !ex.some((e) => e.includes(key))) ex.push(`${label}\n      → ${v.detail}  [${key}]`);
  }

  /** The table of counts and the examples of the classes that are not clean. */
  report(): string {
    const head = ['family', 'tried', 'accepted', 'refused clearly', 'unclear', 'silently accepted', 'crashed'];
    const rows: string[][] = [];
    const total = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    for (const [family, c] of this.counts) {
      const tried = OUTCOMES.reduce((s, o) => s + c[o], 0);
      rows.push([family, String(tried), ...OUTCOMES.map((o) => String(c[o]))]);
      for (const o of OUTCOMES) total[o] += c[o];
    }
    rows.push(['total', String(OUTCOMES.reduce((s, o) => s + total[o], 0)), ...OUTCOMES.map((o) => String(total[o]))]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
    const out = [line(head), ...rows.map(line)];
    for (const [family, ex] of this.examples) {
      const causes = [...(this.causes.get(family) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 10);
      if (this.keep > 0 && causes.length > 0) out.push('', `${family} — the most frequent causes:`, ...causes.map(([c, k]) => `  ${String(k).padStart(5)}  ${c}`));
      for (const o of ['unclear', 'silent', 'crashed'] as const) {
        if (ex[o].length === 0) continue;
        out.push('', `${family} — ${o} (${this.counts.get(family)![o]}), e.g.:`);
        for (const e of ex[o]) out.push(`  - ${e.replace(/\s+\[[^\]]*\]$/, '')}`);
      }
    }
    return out.join('\n');
  }
}

/** The same inputs every run: a family's first `count` inputs for a fixed seed. */
export function fixedSample<T>(family: Family<T>, seed: number, count: number): T[] {
  return fc.sample(family.arbitrary, { seed, numRuns: count });
}

/** Judges inputs in turn; the ones that are not clean (unclear, silent, crashed), one line each. */
export async function unclean<T>(family: Family<T>, inputs: readonly T[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const v = await family.judge(input);
    if (v.outcome !== 'accepted' && v.outcome !== 'refused') out.push(`${v.outcome}: ${family.label(input)} → ${v.detail}`);
  }
  return out;
}
