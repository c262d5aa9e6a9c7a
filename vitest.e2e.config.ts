import { defineConfig } from 'vitest/config';

// Real Chromium with the built extension: one file at a time, generous timeouts (a run watches a call
// for over a minute so the library's delayed telemetry attempt falls inside it).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: Number(process.env.GUARD_E2E_TEST_TIMEOUT_MS ?? 240_000),
    hookTimeout: 120_000,
  },
});
