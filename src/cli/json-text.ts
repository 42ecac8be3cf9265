/**
 * Parsing JSON files with messages that say where they break. `JSON.parse` does not always give a
 * position (V8 says "Unexpected token ','" with a snippet), so on failure a small scanner walks
 * the JSON grammar to find the offset of the first offending character, reported as line and
 * column. A text that parses is also read for a key given twice in one object, which `JSON.parse`
 * would let the last one win silently (jsonc-parser's visitor gives each key's place).
 */
import { visit } from 'jsonc-parser';
import type { Result } from '../sim';
import { formatPath } from '../sim/scenario';

/** Offset of the first character that breaks the JSON grammar (text.length if it ends early). */
export function locateJsonError(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const bad = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i++] !== ch) {
        i--;
        bad();
      }
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch < ' ') bad();
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              bad();
            }
          }
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else bad();
      } else i++;
    }
    bad();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') bad();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') bad();
        string();
        ws();
        if (text[i] !== ':') bad();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else bad();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else bad();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return Math.min(at as number, text.length);
  }
}

/** "line L, column C" (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** A key given twice in one object: where it is (path, line, column) and where it was first. */
interface DuplicateKey {
  path: (string | number)[];
  line: number;
  column: number;
  firstLine: number;
  firstColumn: number;
}

/** The first key that appears twice in the same object, or null (the text must be valid JSON). */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const open: Map<string, [number, number]>[] = [];
  let found: DuplicateKey | null = null;
  visit(text, {
    onObjectBegin: () => void open.push(new Map()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, _offset, _length, line, character, pathSupplier) => {
      const keys = open.at(-1);
      if (found || !keys) return;
      const first = keys.get(key);
      if (first) found = { path: [...pathSupplier(), key], line: line + 1, column: character + 1, firstLine: first[0], firstColumn: first[1] };
      else keys.set(key, [line + 1, character + 1]);
    },
  });
  return found;
}

/**
 * Parses JSON text (a file's, decoded by load-scenario.ts `decodeUtf8`, which skips a byte-order
 * mark); on failure, a message naming the source and the line and column. A key given twice is refused.
 */
export function parseJsonText(text: string, source: string, what: string): Result<unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    const twice = findDuplicateKey(text);
    if (twice) {
      return { ok: false, error: `${what} ${source} is not valid: ${formatPath(twice.path)} is given twice, at line ${twice.firstLine}, column ${twice.firstColumn} and at line ${twice.line}, column ${twice.column}; expected each key once (JSON would keep the last one silently)` };
    }
    return { ok: true, value };
  } catch (e) {
    if (text.trim() === '') return { ok: false, error: `${what} ${source} is not valid JSON: the file is empty; expected a JSON object` };
    const at = locateJsonError(text);
    const offset = at >= 0 ? at : text.length;
    const found = offset >= text.length ? 'the end of the file' : `${JSON.stringify(text.slice(offset, offset + 12))}`;
    const reason = (e instanceof Error ? e.message : String(e)).split(/, (?:\.\.\.)?"|\s+in JSON at/)[0];
    return { ok: false, error: `${what} ${source} is not valid JSON at ${lineColumn(text, offset)}: found ${found} (${reason}); expected a JSON object` };
  }
}
