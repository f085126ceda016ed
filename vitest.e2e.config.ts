// Browser tests: real headless Chromium with the built extension (see tests/e2e/harness.ts). One
// file at a time: each launches its own browser, and the machines have two cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: process.env.E2E_INCLUDE ? [process.env.E2E_INCLUDE] : ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // CI asks for a JSON report too (its closing line is read from it).
    ...(process.env.VITEST_E2E_JSON ? { reporters: ['default', 'json'], outputFile: { json: process.env.VITEST_E2E_JSON } } : {}),
  },
});
