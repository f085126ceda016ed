// Usage limits from the sites' own streams, in real Chromium with the built extension: a fixture
// Claude page receives a completion stream with `message_limit` (written from its documented shape,
// tests/fixtures/streams/claude-completion-limits.sse) and the pill, the popup and a notification
// follow, and survive a restarted service worker; a ChatGPT stream that reports the message-cap
// fallback puts the note in the pill and the popup; a fixture grok.com page POSTs its own
// `/rest/rate-limits` (on opening and with each message) and the answer, a window with no reset
// time, reaches the pill, the popup and one notification. Every wait is for a condition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { GROK_RATE_LIMITS, LIMIT_RESET_SECONDS } from './fixtures/server';
import { killServiceWorker, launch, newChatUrl, openPopup, typeDraft, waitForPill, type Harness } from './harness';

let h: Harness;
let popup: Page;

beforeAll(async () => {
  h = await launch();
  popup = await openPopup(h);
});

afterAll(async () => {
  await h?.close();
});

async function sendOn(host: string, query: string, draft: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(newChatUrl(host, query));
  await page.waitForSelector('spendmeter-pill', { state: 'attached', timeout: 15_000 });
  await typeDraft(page, draft);
  // The first count of a fresh browser starts the counting worker: slow on a busy machine.
  await waitForPill(page, (f) => f.draftTokens > 0, 45_000);
  await page.locator('[data-fixture-composer]').press('Enter');
  return page;
}

async function notificationIds(): Promise<string[]> {
  const sw = await h.serviceWorker();
  return sw.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<object> } } }).chrome.notifications.getAll()));
}

describe('usage limits', () => {
  it('Claude: message_limit reaches the pill (amber at 80%), the popup (bars, reset, pace) and one notification', async () => {
    const sentAt = Date.now();
    const page = await sendOn('claude.ai', 'net=limits&stream=15', 'How close am I to my limit?');
    const host = page.locator('spendmeter-pill');
    await page.waitForFunction(() => document.querySelector('spendmeter-pill')?.getAttribute('data-limit-used') === '0.8612345', undefined, { timeout: 20_000 });
    const line = page.locator('spendmeter-pill [data-testid="pill-limit"]');
    await line.waitFor();
    expect(await line.textContent()).toMatch(/^5-hour limit 86% · resets \d\d:\d\d$/); // the browser's clock reads about noon (zone.ts): the reset is today, so no weekday
    expect(await line.getAttribute('class')).toContain('level-warning');
    expect(await host.getAttribute('data-limit-used')).toBe('0.8612345');

    await popup.reload();
    const five = popup.getByTestId('limit-claude-5h');
    await five.waitFor({ timeout: 15_000 });
    expect(await five.getAttribute('data-used')).toBe('0.8612345');
    const resets = Date.parse((await five.getAttribute('data-resets-at'))!);
    expect(resets).toBeGreaterThanOrEqual(Math.floor(sentAt / 1000) * 1000 + LIMIT_RESET_SECONDS * 1000 - 1000);
    expect(resets).toBeLessThanOrEqual(Date.now() + LIMIT_RESET_SECONDS * 1000);
    expect(await five.getAttribute('data-level')).toBe('warning');
    // One reading 86% into a 5-hour window with 2 h 15 min left: at that pace it runs out first.
    expect(await five.textContent()).toMatch(/Resets in 2 h 1[45] min \(\d\d:\d\d\) · at this rate the window runs out at \d\d:\d\d$/); // both today (zone.ts), so neither carries a weekday
    expect(await popup.getByTestId('limit-claude-7d').getAttribute('data-used')).toBe('0.4210987');
    expect(await popup.locator('[data-testid^="limit-chatgpt-"], [data-testid^="limit-deepseek-"]').count()).toBe(0);

    await expect.poll(notificationIds, { timeout: 15_000 }).toEqual([expect.stringMatching(/^spendmeter-limit:claude:5h@\d+:warning$/)]);

    // A restarted service worker loses nothing: the readings are in extension storage.
    await killServiceWorker(h);
    await popup.reload();
    await popup.getByTestId('limit-claude-5h').waitFor({ timeout: 15_000 });
    expect(await popup.getByTestId('limit-claude-5h').getAttribute('data-used')).toBe('0.8612345');

    // The same window at the same level is not announced again.
    await typeDraft(page, 'And again?');
    await waitForPill(page, (f) => f.draftTokens > 0);
    await page.locator('[data-fixture-composer]').press('Enter');
    await popup.waitForFunction(
      async () => {
        const item = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, Record<string, { history: unknown[] }>>> } } } }).chrome.storage.local;
        const book = (await item.get('limitBook')).limitBook;
        return (book?.['claude:5h']?.history.length ?? 0) >= 1;
      },
      undefined,
      { timeout: 20_000 },
    );
    expect(await notificationIds()).toHaveLength(1);
    await page.close();
  });

  it('ChatGPT: the message-cap fallback shows in the pill and the popup, with the feature quota', async () => {
    const page = await sendOn('chatgpt.com', 'gen=E&net=limits&stream=15', 'Which model answers at the cap?');
    const note = page.locator('spendmeter-pill [data-testid="pill-fallback"]');
    await note.waitFor({ timeout: 20_000 });
    expect(await note.textContent()).toBe('ChatGPT switched this chat to a smaller model (message cap)');
    // A quota of uses left says no share: the pill's most pressing share stays Claude-free and empty.
    expect(await page.locator('spendmeter-pill').getAttribute('data-limit-used')).toBe('');

    await popup.reload();
    const quota = popup.getByTestId('limit-chatgpt-deep_research');
    await quota.waitFor({ timeout: 15_000 });
    expect(await quota.getAttribute('data-used')).toBe('');
    expect(await quota.textContent()).toContain('3 left');
    expect(await popup.getByTestId('limit-fallback-chatgpt').textContent()).toContain('ChatGPT switched this chat to a smaller model (message cap)');
    await page.close();
  });

  it("Grok: the page's own rate-limit answer reaches the pill (amber at 85%), the popup (no reset time) and one notification", async () => {
    const { remainingQueries, totalQueries } = GROK_RATE_LIMITS;
    const used = String(1 - remainingQueries / totalQueries);
    expect(used).toBe('0.85'); // 3 of 20 left
    const page = await h.context.newPage();
    await page.goto(newChatUrl('grok.com', 'net=limits'));
    // The page asks on opening: the line shows before anything is sent.
    await page.waitForFunction((u) => document.querySelector('spendmeter-pill')?.getAttribute('data-limit-used') === u, used, { timeout: 20_000 });
    const line = page.locator('spendmeter-pill [data-testid="pill-limit"]');
    await line.waitFor();
    expect(await line.textContent()).toBe('grok-4 limit 85%'); // named after the model asked about; Grok gives no reset time
    expect(await line.getAttribute('class')).toContain('level-warning');

    await popup.reload();
    const row = popup.getByTestId('limit-grok-grok-4');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-used')).toBe(used);
    expect(await row.getAttribute('data-level')).toBe('warning');
    expect(await row.getAttribute('data-resets-at')).toBe('');
    expect(await row.locator('.budget-head').textContent()).toBe('Grok-4 limit85% used');
    expect(await row.getByRole('meter').getAttribute('aria-valuenow')).toBe('85');
    expect(await row.locator('.budget-note').textContent()).toBe('3 of 20 left · 2-hour window · the site gives no reset time');

    const grokNotices = async () => (await notificationIds()).filter((id) => id.startsWith('spendmeter-limit:grok:'));
    await expect.poll(grokNotices, { timeout: 15_000 }).toEqual(['spendmeter-limit:grok:grok-4@open:warning']);

    // Each message sent asks again: the second reading joins the same window and is not announced again.
    await typeDraft(page, 'How many questions are left?');
    await waitForPill(page, (f) => f.draftTokens > 0, 45_000);
    await page.locator('[data-fixture-composer]').press('Enter');
    await popup.waitForFunction(
      async () => {
        const item = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, Record<string, { history: unknown[] }>>> } } } }).chrome.storage.local;
        const book = (await item.get('limitBook')).limitBook;
        return (book?.['grok:grok-4']?.history.length ?? 0) >= 1;
      },
      undefined,
      { timeout: 20_000 },
    );
    expect(await grokNotices()).toHaveLength(1);
    expect(h.server.requests.filter((r) => r.host === 'grok.com' && r.path === '/rest/rate-limits')).toHaveLength(2);
    // The rate-limit requests are the page's: the extension itself requested nothing.
    expect(h.requests.filter((r) => r.fromExtension && !r.url.startsWith('chrome-extension://'))).toEqual([]);
    await page.close();
  });
});
