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
import { lineColumn, locateJsonError } from '../sim/json-position';

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
