/**
 * The ledger figures of `npm run bench`, in headless Chromium with the built extension:
 * - ledger_write_ms_p50: one turn written (with its rollups), on a ledger of 100,000 turns;
 * - popup_render_ms_100k_turns: from opening the popup to today's figures and the chart being
 *   shown, on a ledger of 100,000 turns over 365 days (median of nine opens);
 * - popup_render_ms_empty: the same on an empty ledger, in the same browser, before seeding;
 *   popup_render_100k_vs_empty (in run.ts) is their ratio: what the popup's cost grows with the
 *   ledger, whatever this shared machine's speed is today.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { FIGURES_SHOWN_MARK } from '../components/marks';
import { launch, type Harness } from '../tests/e2e/harness';
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
    const empty = await popupOpens(h, false);
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.evaluate(code);
    const now = Date.now();
    const seedSeconds = await page.evaluate(([n, c]) => (globalThis as unknown as { spendmeterBench: { seed(c: number, d: number, t: number): Promise<number> } }).spendmeterBench.seed(c!, 365, n!), [now, TURNS]);
    const writes = await page.evaluate(([n]) => (globalThis as unknown as { spendmeterBench: { writes(c: number, t: number): Promise<number[]> } }).spendmeterBench.writes(200, n!), [now]);
    await page.close();

    const renders = await popupOpens(h, true);
    return [
      { name: 'ledger_seed_s_100k_turns', value: seedSeconds, unit: 's' },
      { name: 'ledger_write_ms_p50', value: percentile(writes, 50), unit: 'ms' },
      { name: 'ledger_write_ms_p95', value: percentile(writes, 95), unit: 'ms' },
      { name: 'popup_render_ms_empty', value: percentile(empty, 50), unit: 'ms' },
      { name: 'popup_render_ms_100k_turns', value: percentile(renders, 50), unit: 'ms' },
    ];
  } finally {
    await h.close();
  }
}

/**
 * Opens the popup eleven times: two to warm up (the browser caches compiled extension code after a
 * few loads, as it does for someone who opens the popup daily), then nine timed, from navigation
 * start to the popup's mark that its figures are on screen (user timing).
 */
async function popupOpens(h: Harness, seeded: boolean): Promise<number[]> {
  const renders: number[] = [];
  for (let i = 0; i < 11; i++) {
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await popup.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIGURES_SHOWN_MARK, { timeout: 30_000 });
    const shownAt = await popup.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, FIGURES_SHOWN_MARK);
    if (i >= 2) renders.push(shownAt);
    const turns = Number(await popup.locator('[data-testid="month-turns"]').getAttribute('data-value'));
    if (seeded && !(turns > 0)) throw new Error('the popup showed no turns for this month: the seeded ledger was not read');
    if (!seeded && turns !== 0) throw new Error(`the popup showed ${turns} turns on a ledger that should be empty`);
    await popup.close();
  }
  return renders;
}
