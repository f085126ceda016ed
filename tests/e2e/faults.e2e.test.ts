// Faults and bad input in real Chromium: a service worker stopped mid-stream, a killed counting
// worker, a page that matches no selector, forged messages, a 1 MB paste, regenerated replies,
// reloads of existing conversations, and no network requests from the extension at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED } from './fixtures/sites.js';
import { killServiceWorker, launch, openPopup, pillFigures, todayFigures, typeDraft, waitForPill, waitForToday, type Harness } from './harness';
import { o200k } from './expected';

let h: Harness;
let popup: Page;

beforeAll(async () => {
  h = await launch();
  popup = await openPopup(h);
});

afterAll(async () => {
  await h?.close();
});

async function open(url: string, errors: string[] = []): Promise<Page> {
  const page = await h.context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return page;
}

async function typeAndSend(page: Page, text: string) {
  await typeDraft(page, text);
  await waitForPill(page, (f) => f.draftTokens === o200k(text));
  await page.locator('[data-fixture-composer]').press('Enter');
}

describe('faults', () => {
  it('records a turn exactly once when the service worker is stopped mid-stream', async () => {
    const page = await open('https://chatgpt.com/?gen=A&stream=120');
    await page.waitForSelector('spendmeter-pill', { state: 'attached' });
    const before = await todayFigures(popup);
    await typeAndSend(page, 'A question asked while the background goes to sleep.');
    await page.waitForSelector('[data-testid="stop-button"]');
    await killServiceWorker(h);
    const after = await waitForToday(popup, (f) => f.turns === before.turns + 1, 30_000);
    await page.waitForTimeout(2500);
    expect((await todayFigures(popup)).turns).toBe(after.turns);
    await page.close();
  });

  it('recreates the counting worker after its offscreen document is closed', async () => {
    const page = await open('https://chatgpt.com/?gen=E');
    await page.waitForSelector('spendmeter-pill', { state: 'attached' });
    const composer = page.locator('[data-fixture-composer]');
    await composer.fill('first draft');
    await waitForPill(page, (f) => f.draftTokens === o200k('first draft'));
    const session = await h.context.browser()!.newBrowserCDPSession();
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { url: string; targetId: string }[] };
    const offscreen = targetInfos.find((t) => t.url.startsWith(`chrome-extension://${h.extensionId}/offscreen.html`));
    expect(offscreen).toBeDefined();
    await session.send('Target.closeTarget', { targetId: offscreen!.targetId });
    await page.waitForTimeout(200);
    const text = 'second draft after the worker died';
    await composer.fill(text);
    await waitForPill(page, (f) => f.draftTokens === o200k(text));
    await session.detach();
    await page.close();
  });

  it('tries a failed count again by itself, without another keystroke', async () => {
    const page = await open('https://chatgpt.com/?gen=E');
    await waitForPill(page, (f) => f.draftTokens === 0);
    // The counter does not answer the next two attempts (one request and the host's own retry).
    const sw = await h.serviceWorker();
    await sw.evaluate(() => {
      const g = globalThis as unknown as Record<'chrome' | 'browser', { runtime: { sendMessage: (m: { target?: string }) => Promise<unknown> } } | undefined>;
      let failures = 2;
      for (const api of new Set([g.chrome, g.browser])) {
        if (!api) continue;
        const send = api.runtime.sendMessage.bind(api.runtime);
        api.runtime.sendMessage = (m) => (m?.target === 'offscreen' && failures-- > 0 ? Promise.reject(new Error('test: no answer')) : send(m));
      }
    });
    const text = 'a draft counted on the second try';
    await page.locator('[data-fixture-composer]').fill(text);
    await waitForPill(page, (f) => f.draftTokens === o200k(text));
    await page.close();
  });

  it('throws nothing into a page that matches no selector, and reports it degraded', async () => {
    const errors: string[] = [];
    const page = await open('https://gemini.google.com/app?broken=1', errors);
    await page.waitForTimeout(5500);
    expect(await page.locator('spendmeter-pill').count()).toBeLessThanOrEqual(1);
    expect(await pillFigures(page)).toBeNull();
    expect(errors).toEqual([]);
    await popup.reload();
    const health = popup.locator('[data-testid="health"] li[data-site="gemini"]');
    await health.waitFor();
    expect(await health.getAttribute('data-status')).toBe('degraded');
    expect(await health.textContent()).toContain('chat box');
    await page.close();
  });

  it('records nothing from forged messages posted by the page', async () => {
    const before = await todayFigures(popup);
    const page = await open('https://chatgpt.com/?gen=A&forge=1');
    await page.waitForSelector('spendmeter-pill', { state: 'attached' });
    await page.waitForTimeout(2000);
    expect(await todayFigures(popup)).toEqual(before);
    await page.close();
  });

  it('records a regenerated reply as one new turn', async () => {
    const page = await open('https://claude.ai/new?gen=hub&stream=15');
    await page.waitForSelector('spendmeter-pill', { state: 'attached' });
    const before = await todayFigures(popup);
    await typeDraft(page, 'Tell me something.');
    await waitForPill(page, (f) => f.draftTokens > 0);
    await page.locator('[data-fixture-composer]').press('Enter');
    const first = await waitForToday(popup, (f) => f.turns === before.turns + 1);
    expect(await page.evaluate(() => (window as unknown as { __fixtureRegenerate(): boolean }).__fixtureRegenerate())).toBe(true);
    const second = await waitForToday(popup, (f) => f.turns === first.turns + 1);
    expect(second.usd).toBeGreaterThan(first.usd);
    await page.waitForTimeout(2000);
    expect((await todayFigures(popup)).turns).toBe(second.turns);
    await page.close();
  });

  it('counts an existing conversation as context and records nothing for it', async () => {
    const before = await todayFigures(popup);
    const page = await open('https://chatgpt.com/c/7f3e2a10-0000-4000-8000-0000000000aa?gen=A&seed=existing');
    const context = SEED.reduce((sum, t) => sum + o200k(t.user) + o200k(t.reply), 0);
    await waitForPill(page, (f) => f.contextTokens === context);
    await page.waitForTimeout(2000);
    expect(await todayFigures(popup)).toEqual(before);
    await page.close();
  });

  it('records nothing when switching conversations and back, or revisiting one', async () => {
    const page = await open('https://chatgpt.com/?gen=E&stream=10');
    const start = await todayFigures(popup);
    await typeAndSend(page, 'First conversation, first question.');
    await waitForToday(popup, (f) => f.turns === start.turns + 1);
    await page.waitForURL(/\/c\//);
    const first = page.url();
    const firstContext = (await waitForPill(page, (f) => f.contextTokens > 0)).contextTokens;

    await page.goto('https://chatgpt.com/?gen=E&stream=10');
    await typeAndSend(page, 'Second conversation, first question.');
    await waitForToday(popup, (f) => f.turns === start.turns + 2);
    await page.waitForURL(/\/c\//);
    const second = page.url();
    expect(second).not.toBe(first);

    // Back to the first (history), forward to the second, and the first again by its address.
    await page.goBack({ waitUntil: 'load' });
    await page.goBack({ waitUntil: 'load' });
    await waitForPill(page, (f) => f.contextTokens === firstContext);
    await page.goto(second);
    await waitForPill(page, (f) => f.contextTokens > 0);
    await page.goto(first);
    await waitForPill(page, (f) => f.contextTokens === firstContext);
    await page.waitForTimeout(2000);
    expect((await todayFigures(popup)).turns).toBe(start.turns + 2);
    await page.close();
  });

  it('keeps the page responsive during a 1 MB paste, and the count arrives', async () => {
    const page = await open('https://chatgpt.com/?gen=E');
    await page.waitForSelector('spendmeter-pill', { state: 'attached' });
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(18_500);
    await page.evaluate(() => {
      (window as unknown as { __longTasks: number[] }).__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as unknown as { __longTasks: number[] }).__longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    // Set the value outside the measured window (the browser's own work), then fire the input.
    await page.evaluate((t) => {
      const el = document.querySelector('textarea')!;
      el.value = t;
    }, text);
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      (window as unknown as { __longTasks: number[] }).__longTasks = [];
      document.querySelector('textarea')!.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    const figures = await waitForPill(page, (f) => f.draftTokens === o200k(text) && f.exact, 30_000);
    expect(figures.draftTokens).toBeGreaterThan(100_000);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    expect(longTasks.filter((d) => d > 50)).toEqual([]);
    await page.close();
  });

  it('made no network request to any host (only its own files and the pages under test)', async () => {
    // Extension pages and workers fetched nothing but the extension's own files.
    const external = h.requests.filter((r) => r.fromExtension && !r.url.startsWith('chrome-extension://'));
    expect(external).toEqual([]);
    // The chat hosts saw only page loads, the fixture app's scripts and favicons: no fetch or XHR
    // from a content script.
    expect(h.server.requests.length).toBeGreaterThan(10);
    const unexpected = h.server.requests.filter((r) => !(r.dest === 'document' || (r.dest === 'script' && r.path.startsWith('/__fixture/')) || r.path.startsWith('/favicon')));
    expect(unexpected).toEqual([]);
  });
});
