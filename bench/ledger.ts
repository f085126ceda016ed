/**
 * The ledger figures of `npm run bench`, in headless Chromium with the built extension:
 * - ledger_write_ms_p50: one turn written (with its rollups), on a ledger of 100,000 turns;
 * - popup_render_ms_100k_turns: from opening the popup to today's figures and the chart being
 *   shown, on a ledger of 100,000 turns over 365 days (median of nine opens).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { FIGURES_SHOWN_MARK } from '../components/marks';
import { launch } from '../tests/e2e/harness';
import { percentile } from './stats';

/** Turns in the seeded ledger (fewer with BENCH_TURNS, to compare). */
const TURNS = Number(process.env.BENCH_TURNS ?? 100_000);

export type Figure = { name: string; value: number; unit: string };

export async function ledgerFigures(): Promise<Figure[]> {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, 'ledger-page.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    alias: { '@': resolve(import.meta.dirname, '..') },
  });
  const code = bundle.outputFiles[0]!.text;
  const h = await launch();
  try {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.evaluate(code);
    const now = Date.now();
    const seedSeconds = await page.evaluate(([n, c]) => (globalThis as unknown as { spendmeterBench: { seed(c: number, d: number, t: number): Promise<number> } }).spendmeterBench.seed(c!, 365, n!), [now, TURNS]);
    const writes = await page.evaluate(([n]) => (globalThis as unknown as { spendmeterBench: { writes(c: number, t: number): Promise<number[]> } }).spendmeterBench.writes(200, n!), [now]);
    await page.close();

    const renders: number[] = [];
    // Two opens to warm up (the browser caches compiled extension code after a few loads, as it
    // does for someone who opens the popup daily), then the median of nine.
    for (let i = 0; i < 11; i++) {
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
      // The popup marks the moment its figures are first on screen (user timing, from navigation start).
      await popup.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIGURES_SHOWN_MARK, { timeout: 30_000 });
      const shownAt = await popup.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, FIGURES_SHOWN_MARK);
      if (i >= 2) renders.push(shownAt);
      const turns = Number(await popup.locator('[data-testid="month-turns"]').getAttribute('data-value'));
      if (!(turns > 0)) throw new Error('the popup showed no turns for this month: the seeded ledger was not read');
      await popup.close();
    }
    return [
      { name: 'ledger_seed_s_100k_turns', value: seedSeconds, unit: 's' },
      { name: 'ledger_write_ms_p50', value: percentile(writes, 50), unit: 'ms' },
      { name: 'ledger_write_ms_p95', value: percentile(writes, 95), unit: 'ms' },
      { name: 'popup_render_ms_100k_turns', value: percentile(renders, 50), unit: 'ms' },
    ];
  } finally {
    await h.close();
  }
}
