/**
 * Static purity scan of the simulation sources: src/sim must not reach the browser, the clock,
 * the global random generator, timers or Node's I/O (STYLE.md §1). Comments and string contents
 * are blanked before the code is searched, so prose such as "never call Math.random" passes;
 * import specifiers are read from the code with only the comments blanked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface PurityViolation {
  file: string;
  line: number;
  /** `impure`: touches the world outside the state; `engine`: gives different bits in different JS engines. */
  kind: 'impure' | 'engine';
  rule: string;
  text: string;
}

/** Modules the simulation may not import (by specifier). */
const FORBIDDEN_IMPORTS: Array<[RegExp, string]> = [
  [/^phaser(\/|$)/, 'imports phaser (rendering belongs to src/game)'],
  [/^zustand(\/|$)/, 'imports zustand (the store belongs to src/state)'],
  [/^node:/, 'imports a node: module (the sim must run in the browser)'],
  [/^(fs|fs\/promises|path|worker_threads|os|child_process|perf_hooks|timers|crypto|process)$/, 'imports a Node built-in module'],
];

/** Globals the simulation may not touch, searched in code with comments and strings blanked. */
const FORBIDDEN_CODE: Array<[RegExp, string]> = [
  [/\bMath\s*\.\s*random\b/, 'uses Math.random (draw from a seeded stream of the state)'],
  [/\bnew\s+Date\b/, 'reads the clock (new Date)'],
  [/(?<![.\w$])Date\s*(\.\s*now\b|\()/, 'reads the clock (Date.now / Date())'],
  [/\bperformance\s*\.\s*now\b/, 'reads the clock (performance.now)'],
  [/(?<![.\w$])(setTimeout|setInterval|setImmediate|requestAnimationFrame)\b/, 'uses a timer (time is an input of the sim)'],
  [/(?<![.\w$])window\b(?!\s*:)/, 'touches window'],
  [/(?<![.\w$])document\b(?!\s*:)/, 'touches document'],
  [/(?<![.\w$])process\s*\./, 'touches process'],
];

/**
 * Math functions that engines are free to round differently (only +, −, ×, ÷ and sqrt are exact
 * in IEEE 754): Node 20 (V8 11.3) and current Chromium disagree in the last bit for several per
 * cent of the arguments of exp, log, pow, sin, cos…, which breaks the Node-vs-browser stateHash.
 */
const ENGINE_DEPENDENT: Array<[RegExp, string]> = [
  [
    /\bMath\s*\.\s*(exp|expm1|log|log1p|log2|log10|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|hypot)\b/,
    'calls an engine-dependent Math function (use a deterministic implementation)',
  ],
  [/\*\*/, 'uses the ** operator (engine-dependent like Math.pow)'],
];

const IMPORT_PATTERNS = [
  /\bfrom\s*(['"])([^'"]+)\1/g,
  /\bimport\s*(['"])([^'"]+)\1/g,
  /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  /\brequire\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
];

const REGEX_PRECEDERS = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_KEYWORDS = /\b(return|typeof|case|in|of|void|yield|await|delete|throw|new|else|do)$/;

/**
 * Replaces the contents of comments, strings, template text and regular expressions by spaces,
 * keeping line breaks (for line numbers) and the code inside template `${…}` expressions.
 */
export function blankNonCode(src: string, keepStrings = false): string {
  const out = src.split('');
  const blankAlways = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  const blank = (from: number, to: number) => {
    if (!keepStrings) blankAlways(from, to);
  };
  // Stack of open template literals: the brace depth at which each `${` was opened.
  const templates: number[] = [];
  let depth = 0;
  let lastSig = '';
  let i = 0;
  const n = src.length;

  const scanTemplateText = (start: number): number => {
    // From just after a backtick or a closing `}` of an expression, to the end of the text part.
    let j = start;
    while (j < n) {
      const c = src[j];
      if (c === '\\') j += 2;
      else if (c === '`') {
        blank(start, j);
        return j + 1; // template closed
      } else if (c === '$' && src[j + 1] === '{') {
        blank(start, j);
        templates.push(depth);
        depth++;
        return j + 2;
      } else j++;
    }
    blank(start, n);
    return n;
  };

  while (i < n) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      blankAlways(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      blankAlways(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      lastSig = c;
    } else if (c === '`') {
      i = scanTemplateText(i + 1);
      lastSig = '`';
    } else if (c === '/' && (lastSig === '' || REGEX_PRECEDERS.has(lastSig) || REGEX_KEYWORDS.test(src.slice(Math.max(0, i - 8), i).trimEnd()))) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        const d = src[j];
        if (d === '\\') j += 2;
        else {
          if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
          j++;
        }
      }
      blankAlways(i + 1, j);
      i = j + 1;
      lastSig = '/';
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          i = scanTemplateText(i + 1);
          lastSig = '`';
          continue;
        }
      }
      if (!/\s/.test(c)) lastSig = /[\w$]/.test(c) ? 'w' : c;
      i++;
    }
  }
  return out.join('');
}

function lineOf(src: string, index: number): number {
  let line = 1;
  for (let k = 0; k < index; k++) if (src.charCodeAt(k) === 10) line++;
  return line;
}

/** The violations in one source text (`file` is only used to label them). */
export function scanSource(file: string, src: string): PurityViolation[] {
  const found: PurityViolation[] = [];
  const lines = src.split('\n');
  const report = (index: number, rule: string, kind: PurityViolation['kind'] = 'impure') => {
    const line = lineOf(src, index);
    found.push({ file, line, kind, rule, text: (lines[line - 1] ?? '').trim() });
  };
  const withoutComments = blankNonCode(src, true);
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of withoutComments.matchAll(pattern)) {
      const spec = m[2]!;
      const bad = FORBIDDEN_IMPORTS.find(([re]) => re.test(spec));
      if (bad) report(m.index ?? 0, `${bad[1]}: '${spec}'`);
    }
  }
  const code = blankNonCode(src);
  for (const [re, rule] of FORBIDDEN_CODE) {
    for (const m of code.matchAll(new RegExp(re.source, 'g'))) report(m.index ?? 0, rule);
  }
  for (const [re, rule] of ENGINE_DEPENDENT) {
    for (const m of code.matchAll(new RegExp(re.source, 'g'))) report(m.index ?? 0, rule, 'engine');
  }
  return found;
}

/** Every .ts/.js file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(c|m)?[jt]sx?$/.test(name)) files.push(path);
  }
  return files;
}

/** Scans a directory tree; file names in the report are relative to `labelRoot`. */
export function scanDir(dir: string, labelRoot = dir): PurityViolation[] {
  return sourceFiles(dir).flatMap((file) => scanSource(relative(labelRoot, file), readFileSync(file, 'utf8')));
}
