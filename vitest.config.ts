import { defineConfig } from 'vitest/config';

// Tests run under Node; the browser tests drive a real Chromium themselves (tests/e2e).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
