/**
 * Browser-neutral steps for the shared browser tests (the ones that run in Chromium and Firefox):
 * one browser per test file, the pill's figures, the popup's, the ledger, the badge. Everything
 * waits for a condition, polled with `evaluate`.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchDriver, poll, type Driver, type LaunchOptions, type TestPage } from './driver';
import type { PillFigures } from './harness';
import { tokensOn } from './expected';
import { readLedgerTurns } from './ledger-read';

export { newChatUrl } from './harness';
export type { PillFigures } from './harness';

/**
 * Launches one browser for the file, closes it after, and fails a test whose extension code logged
 * an error while it ran (Firefox: read from the browser's output; Chromium: extension pages, the
 * service worker and uncaught page errors).
 */
export function useBrowser(options: LaunchOptions = {}, ready?: (d: Driver) => Promise<void>): { readonly d: Driver } {
  const ref = {} as { d: Driver };
  beforeAll(async () => {
    ref.d = await launchDriver(options);
    await ready?.(ref.d);
  });
  afterEach(() => {
    if (ref.d) expect(ref.d.takeExtensionErrors(), 'errors logged by extension code').toEqual([]);
  });
  afterAll(async () => {
    await ref.d?.close();
  });
  return ref;
}

export function pillFigures(page: TestPage): Promise<PillFigures | null> {
  return page.evaluate(() => {
    const pills = document.querySelectorAll('spendmeter-pill');
    if (pills.length !== 1) return null;
    const d = (pills[0] as HTMLElement).dataset;
    if (d.draftTokens === undefined) return null;
    return { draftTokens: Number(d.draftTokens), contextTokens: Number(d.contextTokens), model: d.model ?? '', costUsd: d.costUsd ?? '', exact: d.exact === 'true', counting: d.counting === 'true' };
  });
}

/** Waits until the pill shows figures that satisfy `ok` (and is not counting). */
export function waitForPill(page: TestPage, ok: (f: PillFigures) => boolean, timeout = 10_000): Promise<PillFigures> {
  return poll(() => pillFigures(page), (f) => f !== null && !f.counting && ok(f), 'the pill never showed the expected figures', timeout, 50) as Promise<PillFigures>;
}

export async function openPopup(d: Driver): Promise<TestPage> {
  const popup = await d.extensionPage('popup.html');
  await popup.waitFor('[data-testid="today-turns"][data-value]');
  return popup;
}

export function todayFigures(popup: TestPage): Promise<{ usd: number; turns: number }> {
  return popup.evaluate(() => ({
    usd: Number(document.querySelector('[data-testid="today-usd"]')?.getAttribute('data-value')),
    turns: Number(document.querySelector('[data-testid="today-turns"]')?.getAttribute('data-value')),
  }));
}

export function waitForToday(popup: TestPage, ok: (f: { usd: number; turns: number }) => boolean, timeout = 15_000) {
  return poll(() => todayFigures(popup), ok, 'the popup never showed the expected figures', timeout);
}

type ActionApi = { action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> }; notifications: { getAll(): Promise<object> } };

/** The toolbar badge's text, asked from an extension page (Chromium asks the same API from its service worker). */
export function badgeText(extensionPage: TestPage): Promise<string> {
  return extensionPage.evaluate(() => {
    const g = globalThis as unknown as { browser?: ActionApi; chrome: ActionApi };
    return (g.browser ?? g.chrome).action.getBadgeText({});
  });
}

export function badgeColor(extensionPage: TestPage): Promise<number[]> {
  return extensionPage.evaluate(async () => {
    const g = globalThis as unknown as { browser?: ActionApi; chrome: ActionApi };
    return [...(await (g.browser ?? g.chrome).action.getBadgeBackgroundColor({}))];
  });
}

/**
 * Starts noting the notifications that close, in an extension page that stays open. Headless Firefox
 * has no notification backend: a notification is closed the moment it is shown (`onClosed` fires,
 * `getAll()` is empty), so the ids shown are `getAll()`'s (Chromium) plus the closed ones (Firefox).
 */
export function watchNotifications(extensionPage: TestPage): Promise<void> {
  return extensionPage.evaluate(() => {
    const g = globalThis as unknown as Record<'browser' | 'chrome', { notifications: { onClosed: { addListener(f: (id: string) => void): void } } } | undefined> & { __closedNotifications?: string[] };
    const closed: string[] = (g.__closedNotifications = []);
    (g.browser ?? g.chrome)!.notifications.onClosed.addListener((id) => closed.push(id));
  });
}

/** The notifications shown since `watchNotifications`, open or closed. */
export function notificationIds(extensionPage: TestPage): Promise<string[]> {
  return extensionPage.evaluate(async () => {
    const g = globalThis as unknown as { browser?: ActionApi; chrome: ActionApi; __closedNotifications?: string[] };
    return [...new Set([...Object.keys(await (g.browser ?? g.chrome).notifications.getAll()), ...(g.__closedNotifications ?? [])])];
  });
}

/** The ledger's turn rows, read straight from the extension's IndexedDB in one of its pages. */
export function ledgerTurns(extensionPage: TestPage): Promise<Record<string, unknown>[]> {
  return extensionPage.evaluate(readLedgerTurns);
}

/** Waits for the ledger's rows of a site to satisfy `ok`. */
export async function waitForTurns(extensionPage: TestPage, site: string, ok: (rows: Record<string, unknown>[]) => boolean, timeout = 20_000) {
  return poll(async () => (await ledgerTurns(extensionPage)).filter((r) => r.site === site), ok, `the ledger never held the expected ${site} turns`, timeout);
}

/** The per-site health the content scripts reported (storage item `local:health`). */
export function siteHealth(extensionPage: TestPage): Promise<Record<string, { status: string; note: string | null }>> {
  return extensionPage.evaluate(async () => {
    const g = globalThis as unknown as Record<'browser' | 'chrome', { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } | undefined>;
    return ((await (g.browser ?? g.chrome)!.storage.local.get('health')).health ?? {}) as Record<string, { status: string; note: string | null }>;
  });
}

/**
 * A round trip through the page's content script and the background: a draft typed and its count
 * shown (priced on the pill's model, tests/e2e/expected.ts). Whatever the page sent the background
 * before it has been handled once this returns, so a test can then check that something was *not*
 * recorded without waiting for a time.
 */
export async function settle(page: TestPage, composer = '[data-fixture-composer]'): Promise<void> {
  const text = `settle ${Math.random().toString(36).slice(2, 8)}`;
  await page.fill(composer, text);
  // Generous: a woken Firefox event page starts its counting worker afresh (seconds on a busy machine).
  await waitForPill(page, (f) => f.draftTokens === tokensOn(f.model, text), 20_000);
}

/** Waits for the options page's message to contain `text`. */
export async function optionsMessage(options: TestPage, text: string): Promise<string> {
  await options.waitUntil((t) => document.querySelector('[data-testid="options-message"]')?.textContent?.includes(t), text);
  return (await options.text('[data-testid="options-message"]')) ?? '';
}
