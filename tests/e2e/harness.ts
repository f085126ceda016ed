/**
 * The browser-test harness: Debian's Chromium driven by playwright-core, the built extension loaded,
 * the fixture chat sites served under their real host names, a fresh profile per launch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { FIXTURE_HOSTS, startFixtureServer, type FixtureServer } from './fixtures/server';
import { readLedgerTurns } from './ledger-read';
import { hourIn, middayZone } from './zone';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built extension; SPENDMETER_EXTENSION_DIR points elsewhere (the bench's before/after runs). */
export const EXTENSION_DIR = process.env.SPENDMETER_EXTENSION_DIR ?? resolve(process.cwd(), '.output', 'chrome-mv3');

export interface Harness {
  context: BrowserContext;
  server: FixtureServer;
  extensionId: string;
  serviceWorker(): Promise<Worker>;
  /** Every request the browser made, with the page or worker that made it. */
  requests: { url: string; fromExtension: boolean; /** Playwright's resource type (document, image, fetch, xhr, …). */ type: string }[];
  close(): Promise<void>;
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package "chromium" (apt-get install -y chromium), or set CHROMIUM_PATH`);
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`no built extension in ${EXTENSION_DIR}: run "npm run build" first`);
  }
}

/** `extension: false` starts the same browser on the same fixture server without the extension (the benchmark's baseline). */
export async function launch(options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; headless?: boolean; extension?: boolean } = {}): Promise<Harness> {
  assertChromium();
  const server = await startFixtureServer();
  const profile = mkdtempSync(join(tmpdir(), 'spendmeter-profile-'));
  const rules = [...FIXTURE_HOSTS.map((h) => `MAP ${h}:443 127.0.0.1:${server.port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  const zone = middayZone(); // the extension's day cannot end during the file (zone.ts)
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    env: { ...process.env, TZ: zone },
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1100, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    args: [
      ...(options.extension === false ? ['--disable-extensions'] : [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`]),
      `--host-resolver-rules=${rules}`,
      `--ignore-certificate-errors-spki-list=${server.spki}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: Harness['requests'] = [];
  context.on('request', (request) => {
    const frameUrl = (() => {
      try {
        return request.frame().url();
      } catch {
        return '';
      }
    })();
    requests.push({ url: request.url(), fromExtension: frameUrl.startsWith('chrome-extension://') || request.url().startsWith('chrome-extension://'), type: request.resourceType() });
  });
  let extensionId = '';
  if (options.extension !== false) {
    let [sw] = context.serviceWorkers();
    sw ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
    extensionId = new URL(sw.url()).host;
    // The browser took the zone: the service worker's hour is the zone's (else say so, not flake at midnight).
    const hours = [hourIn(zone), await sw.evaluate(() => new Date().getHours()), hourIn(zone)];
    if (hours[1] !== hours[0] && hours[1] !== hours[2]) throw new Error(`the browser ignored TZ=${zone}: its hour is ${hours[1]}, the zone's ${hours[0]}`);
  }
  return {
    context,
    server,
    extensionId,
    requests,
    async serviceWorker() {
      const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      return live ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Stops the extension's service worker the hard way (as the browser does when it is idle). */
export async function killServiceWorker(h: Harness): Promise<void> {
  const browser = h.context.browser();
  if (!browser) throw new Error('no browser handle');
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { type: string; url: string; targetId: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.extensionId}/`));
  if (!target) throw new Error('the extension has no service worker running');
  await session.send('Target.closeTarget', { targetId: target.targetId });
  await session.detach();
}

/** Where a new chat starts on each fixture host (most start at `/`). */
const NEW_CHAT_PATH: Record<string, string> = { 'openrouter.ai': '/chat', 'aistudio.google.com': '/prompts/new_chat' };

export function newChatUrl(host: string, query = ''): string {
  return `https://${host}${NEW_CHAT_PATH[host] ?? '/'}${query ? `?${query}` : ''}`;
}

/** Types into the fixture composer, or into `selector` (a real page's own chat box). */
export async function typeDraft(page: Page, text: string, selector = '[data-fixture-composer]'): Promise<void> {
  const composer = page.locator(selector);
  await composer.click();
  await composer.fill(text);
}

export interface PillFigures {
  draftTokens: number;
  contextTokens: number;
  model: string;
  costUsd: string;
  exact: boolean;
  counting: boolean;
}

export async function pillFigures(page: Page): Promise<PillFigures | null> {
  return page.evaluate(() => {
    const pills = document.querySelectorAll('spendmeter-pill');
    if (pills.length !== 1) return null;
    const d = (pills[0] as HTMLElement).dataset;
    if (d.draftTokens === undefined) return null;
    return { draftTokens: Number(d.draftTokens), contextTokens: Number(d.contextTokens), model: d.model ?? '', costUsd: d.costUsd ?? '', exact: d.exact === 'true', counting: d.counting === 'true' };
  });
}

/** Waits until the pill shows figures that satisfy `ok` (and is not counting). */
export async function waitForPill(page: Page, ok: (f: PillFigures) => boolean, timeout = 10_000): Promise<PillFigures> {
  const deadline = Date.now() + timeout;
  let last: PillFigures | null = null;
  while (Date.now() < deadline) {
    last = await pillFigures(page);
    if (last && !last.counting && ok(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`the pill never showed the expected figures; last: ${JSON.stringify(last)}`);
}

export async function openPopup(h: Harness): Promise<Page> {
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await popup.waitForSelector('[data-testid="today-turns"][data-value]', { state: 'attached', timeout: 15_000 });
  return popup;
}

export async function todayFigures(popup: Page): Promise<{ usd: number; turns: number }> {
  return popup.evaluate(() => ({
    usd: Number(document.querySelector('[data-testid="today-usd"]')?.getAttribute('data-value')),
    turns: Number(document.querySelector('[data-testid="today-turns"]')?.getAttribute('data-value')),
  }));
}

export async function waitForToday(popup: Page, ok: (f: { usd: number; turns: number }) => boolean, timeout = 15_000): Promise<{ usd: number; turns: number }> {
  const deadline = Date.now() + timeout;
  let last = await todayFigures(popup);
  while (Date.now() < deadline) {
    last = await todayFigures(popup);
    if (ok(last)) return last;
    await popup.waitForTimeout(100);
  }
  throw new Error(`the popup never showed the expected figures; last: ${JSON.stringify(last)}`);
}

export async function badgeText(h: Harness): Promise<string> {
  const sw = await h.serviceWorker();
  return sw.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
}

/** The ledger's turn rows, read straight from the extension's IndexedDB in one of its pages. */
export async function ledgerTurns(extensionPage: Page): Promise<Record<string, unknown>[]> {
  return extensionPage.evaluate(readLedgerTurns);
}

/** Waits for the ledger's rows of a site to satisfy `ok`. */
export async function waitForTurns(extensionPage: Page, site: string, ok: (rows: Record<string, unknown>[]) => boolean, timeout = 20_000): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + timeout;
  let rows: Record<string, unknown>[] = [];
  while (Date.now() < deadline) {
    rows = (await ledgerTurns(extensionPage)).filter((r) => r.site === site);
    if (ok(rows)) return rows;
    await extensionPage.waitForTimeout(100);
  }
  throw new Error(`the ledger never held the expected ${site} turns; last: ${JSON.stringify(rows)}`);
}

/** The per-site health the content scripts reported (storage item `local:health`). */
export async function siteHealth(extensionPage: Page): Promise<Record<string, { status: string; note: string | null }>> {
  return extensionPage.evaluate(async () => {
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return ((await chromeApi.storage.local.get('health')).health ?? {}) as Record<string, { status: string; note: string | null }>;
  });
}
