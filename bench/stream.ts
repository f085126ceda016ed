/**
 * The streaming figure of `npm run bench`, in headless Chromium with the built extension: while a
 * 20 KB reply streams for 30 s on a fixture chat page, the extension's main-thread time per
 * mutation batch (each flush of the page tracker, timed by the tracker itself on a page that asks
 * for profiling). Call after a build (bench/ledger.ts builds).
 */
import { FLUSH_MEASURE } from '../components/marks';
import { launch, openPopup, typeDraft, waitForPill, waitForToday } from '../tests/e2e/harness';
import type { Figure } from './ledger';
import { percentile } from './stats';

const REPLY_CHARS = 20_000;
const REPLY_MS = 30_000;

export async function streamFigures(): Promise<Figure[]> {
  const h = await launch();
  try {
    const popup = await openPopup(h);
    const page = await h.context.newPage();
    await page.goto(`https://chatgpt.com/?gen=E&replyChars=${REPLY_CHARS}&replyMs=${REPLY_MS}&profile=1`);
    await typeDraft(page, 'Tell me everything about ledgers.');
    await waitForPill(page, (f) => f.draftTokens > 0);
    await page.evaluate(() => performance.clearMeasures());
    await page.locator('[data-fixture-composer]').press('Enter');
    // Recorded once the reply has finished streaming and settled.
    await waitForToday(popup, (f) => f.turns === 1, REPLY_MS + 30_000);
    const batches = await page.evaluate((name) => performance.getEntriesByName(name).map((e) => e.duration), FLUSH_MEASURE);
    if (batches.length < 100) throw new Error(`only ${batches.length} batches were timed: is the page profiling?`);
    return [
      { name: 'stream_batches_20kb_30s', value: batches.length, unit: 'count' },
      { name: 'stream_ms_per_batch_p50', value: percentile(batches, 50), unit: 'ms' },
      { name: 'stream_ms_per_batch_p95', value: percentile(batches, 95), unit: 'ms' },
      { name: 'stream_ms_per_batch_max', value: Math.max(...batches), unit: 'ms' },
    ];
  } finally {
    await h.close();
  }
}
