// Browser tests: the built extension in a real headless browser, one browser launch per file.
// E2E_BROWSER picks the browser: `chromium` (the default: tests/e2e/harness.ts, playwright-core) or
// `firefox` (tests/e2e/firefox.ts, puppeteer-core over WebDriver BiDi; FIREFOX_PATH picks the
// binary, e.g. the unpacked minimum version). Firefox runs the files written on the neutral driver
// (tests/e2e/driver.ts); the others use Chromium-only APIs (CDP, screenshots, emulation) and run in
// Chromium only. One file at a time: the machines have two cores.
import { defineConfig } from 'vitest/config';

/** The files that run in both browsers (written on tests/e2e/driver.ts). */
export const BOTH_BROWSERS = ['sites', 'pill', 'faults', 'budgets', 'usage', 'options', 'tools', 'claude'].map((f) => `tests/e2e/${f}.e2e.test.ts`);

const firefox = process.env.E2E_BROWSER?.startsWith('firefox') ?? false;
const all = firefox ? BOTH_BROWSERS : ['tests/e2e/**/*.e2e.test.ts'];

export default defineConfig({
  test: {
    name: process.env.E2E_BROWSER ?? 'chromium',
    include: process.env.E2E_INCLUDE ? [process.env.E2E_INCLUDE] : all,
    // E2E_INCLUDE naming a Chromium-only file runs nothing in Firefox, and says so.
    passWithNoTests: firefox,
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // CI asks for a JSON report too (its closing line is read from it).
    ...(process.env.VITEST_E2E_JSON ? { reporters: ['default', 'json'], outputFile: { json: process.env.VITEST_E2E_JSON } } : {}),
  },
});
