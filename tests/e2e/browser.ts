/**
 * Shared harness of the browser tests (src/cli/browser-harness.ts, also used by the bench), and
 * `describeE2E`: without Chromium the tests are skipped with a loud banner, unless REQUIRE_E2E=1
 * (CI), which turns the absence into a failure.
 */
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { CHROMIUM_PATH } from '../../src/cli/browser-harness';

export * from '../../src/cli/browser-harness';

const REQUIRED = process.env.REQUIRE_E2E === '1';

function missingMessage(): string {
  return (
    `Chromium not found at ${CHROMIUM_PATH}. Install it (as root: apt-get update && apt-get install -y chromium) ` +
    `or point CHROMIUM_PATH at a Chromium binary.`
  );
}

/**
 * `describe` for browser tests: runs them when Chromium is there; otherwise fails them under
 * REQUIRE_E2E=1, or skips them with a banner nobody can miss.
 */
export function describeE2E(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
  } else if (REQUIRED) {
    describe(name, () => {
      it('needs Chromium (REQUIRE_E2E=1)', () => {
        throw new Error(`REQUIRE_E2E=1 but the browser tests cannot run: ${missingMessage()}`);
      });
    });
  } else {
    const line = '!'.repeat(100);
    console.warn(
      `\n${line}\n!!! BROWSER TESTS SKIPPED: "${name}"\n!!! ${missingMessage()}\n` +
        `!!! Set REQUIRE_E2E=1 to make this a failure (CI does).\n${line}\n`,
    );
    describe.skip(name, body);
  }
}

