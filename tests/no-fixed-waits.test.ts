/**
 * The browser tests wait for conditions (a locator's state, `waitForFunction` on `window.horizons`),
 * never for a fixed time: a fixed wait is too short on a loaded machine and wasted on a fast one.
 * This scans tests/e2e and the harness it runs on (src/cli/browser-harness.ts) for Playwright's
 * `waitForTimeout` and for a hand-made sleep (a promise resolved by `setTimeout`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const SCANNED = [resolve(ROOT, 'tests/e2e'), resolve(ROOT, 'src/cli/browser-harness.ts')];

const FIXED_WAITS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'waitForTimeout', pattern: /\bwaitForTimeout\b/ },
  { name: 'a sleep through setTimeout', pattern: /\bsetTimeout\s*\(/ },
];

/** The fixed waits in a source text, as `line: name`. */
function fixedWaits(source: string): string[] {
  const out: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const w of FIXED_WAITS) if (w.pattern.test(line)) out.push(`${i + 1}: ${w.name}`);
  });
  return out;
}

function filesUnder(path: string): string[] {
  if (path.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : e.name.endsWith('.ts') ? [join(path, e.name)] : []));
}

describe('the browser tests wait for conditions, not for time', () => {
  it('finds the browser tests', () => {
    expect(filesUnder(SCANNED[0]!).some((f) => f.endsWith('game.test.ts'))).toBe(true);
  });

  it('no waitForTimeout nor setTimeout sleep in tests/e2e or the browser harness', () => {
    const found = SCANNED.flatMap(filesUnder).flatMap((f) => fixedWaits(readFileSync(f, 'utf8')).map((w) => `${relative(ROOT, f)}:${w}`));
    expect(found).toEqual([]);
  });

  it('the scan sees the ways of waiting a fixed time', () => {
    expect(fixedWaits('await page.waitForTimeout(50);')).toEqual(['1: waitForTimeout']);
    expect(fixedWaits("const ok = 1;\nawait page['waitForTimeout'](300);")).toEqual(['2: waitForTimeout']);
    expect(fixedWaits('await new Promise((r) => setTimeout(r, 100));')).toEqual(['1: a sleep through setTimeout']);
    expect(fixedWaits("await page.waitForFunction(() => window.horizons!.getGame().screen === 'end');")).toEqual([]);
  });
});
