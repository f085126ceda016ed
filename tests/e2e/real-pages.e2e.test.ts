// Real pages of the live sites, replayed in real Chromium with the built extension (the captures in
// ../shared/snapshots, read in place; see real-pages.ts for the route that serves them). On each:
// the pill appears above the chat box, the page's messages are counted as context, the model is
// the one the page names (or the site's default), the draft is priced and counted as it is typed,
// and nothing is recorded, thrown, logged or fetched by the extension.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleMessage, Page } from 'playwright-core';
import { launch, ledgerTurns, openPopup, pillFigures, typeDraft, type Harness, type PillFigures } from './harness';
import { OLDER_PAGES, REAL_PAGES, SNAPSHOTS_DIR, realPageUrl, snapshotsAvailable, type RealPageCase } from './real-pages';

const available = snapshotsAvailable();
if (!available) {
  console.warn(`real-pages.e2e: skipped, the real captures are not there (${SNAPSHOTS_DIR}; CI has the shared folder beside the clone)`);
}

const DRAFT = 'Hello from the replay test';
const SHOTS = resolve(process.cwd(), 'artifacts', 'screenshots');
/** Generous: the machines have two cores and are shared; every wait ends as soon as its condition holds. */
const WAIT = 30_000;

let h: Harness;
let popup: Page;
/** Errors logged by the extension's own pages and workers (service worker, popup) during the file. */
const extensionErrors: string[] = [];

beforeAll(async () => {
  if (!available) return;
  mkdirSync(SHOTS, { recursive: true });
  h = await launch();
  const listen = (where: string) => (m: ConsoleMessage) => m.type() === 'error' && extensionErrors.push(`${where}: ${m.text()}`);
  (await h.serviceWorker()).on('console', listen('service worker'));
  h.context.on('serviceworker', (w) => w.on('console', listen('service worker (restarted)')));
  popup = await openPopup(h);
  popup.on('console', listen('popup'));
  popup.on('pageerror', (e) => extensionErrors.push(`popup: ${String(e)}`));
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/**
 * Console errors that are the replayed page's own, not ours: its stylesheets, images, fonts and
 * frames are gone or refused by the fixture CSP (its scripts are removed, so nothing else of the
 * page's can run). Refused scripts, workers or connections, and anything else, are ours.
 */
function pageResourceNoise(m: ConsoleMessage): boolean {
  const text = m.text();
  if (text.includes('chrome-extension://') || m.location().url.startsWith('chrome-extension://')) return false;
  if (/^Failed to load resource\b/.test(text)) return true; // any fetch of ours would show in the requests check
  // Chromium's wording before and after 2026: "Refused to load the image '…' because it violates…",
  // "Loading the image '…' violates the following Content Security Policy directive…".
  return /^(Refused to load the|Loading the) (image|stylesheet|font|media)\b|^Refused to (frame|apply inline style)\b|^Framing '/.test(text);
}

interface Opened {
  page: Page;
  errors: string[];
}

async function open(c: RealPageCase): Promise<Opened> {
  const page = await h.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && !pageResourceNoise(m) && errors.push(`${m.text()} (at ${m.location().url})`));
  page.on('pageerror', (e) => errors.push(String(e)));
  const response = await page.goto(realPageUrl(c), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  expect(response?.status(), `the route served ${c.file}`).toBe(200);
  await page.waitForSelector(c.composerSelector, { state: 'attached', timeout: WAIT });
  await page.waitForSelector('spendmeter-pill', { state: 'attached', timeout: WAIT });
  return { page, errors };
}

type Arg = string | number | null;
/** Waits until `condition` holds in the page; a timeout is not an error here: the assertion after it says what was wrong. */
async function until(page: Page, condition: (arg: Arg) => boolean, arg: Arg, timeout = WAIT): Promise<void> {
  await page.waitForFunction(condition, arg, { timeout, polling: 100 }).catch(() => undefined);
}

interface Geometry {
  pills: number;
  pill: { top: number; bottom: number; left: number; right: number; width: number; height: number; display: string } | null;
  composer: { top: number; bottom: number; left: number; right: number } | null;
  box: { top: number } | null;
  viewport: { width: number; height: number };
}

async function geometry(page: Page, c: RealPageCase): Promise<Geometry> {
  return page.evaluate(
    ({ composerSelector, box }) => {
      const rect = (el: Element | null) => {
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
      };
      const pills = document.querySelectorAll('spendmeter-pill');
      const pill = pills[0] ?? null;
      return {
        pills: pills.length,
        pill: pill ? { ...rect(pill)!, display: getComputedStyle(pill).display } : null,
        composer: rect(document.querySelector(composerSelector)),
        box: rect(document.querySelector(box)),
        viewport: { width: window.innerWidth, height: window.innerHeight },
      };
    },
    { composerSelector: c.composerSelector, box: c.pin ?? '[data-realpage-composer]' },
  );
}

/** What each case's pill showed, printed at the end of the file for the report. */
const shown: Record<string, string> = {};

function replay(c: RealPageCase) {
  let opened: Opened | undefined;
  const need = () => {
    if (!opened) throw new Error(`${c.file} did not open (see the first test of this case)`);
    return opened;
  };

  afterAll(async () => {
    await opened?.page.close().catch(() => undefined);
  });

  const shot = (step: string) => resolve(SHOTS, `real-${c.file.replace(/\.html$/, '').replace(/^real\//, '').replace(/[^\w-]+/g, '-')}-${step}.png`);

  it(`puts the pill above the ${c.composer} composer and counts the page's messages as context`, async () => {
    opened = await open(c);
    const { page } = opened;
    // Where the user sees it (a real composer's box can be taller than the room it has here).
    await page.locator(c.composerSelector).scrollIntoViewIfNeeded({ timeout: WAIT });
    // Placed: shown, right above the chat box (its box's top edge less a small gap).
    await until(
      page,
      (selector) => {
        const pill = document.querySelector('spendmeter-pill');
        const composer = document.querySelector(String(selector));
        if (!pill || !composer) return false;
        const p = pill.getBoundingClientRect();
        return getComputedStyle(pill).display !== 'none' && p.height > 0 && p.bottom <= composer.getBoundingClientRect().top + 4;
      },
      c.composerSelector,
    );
    const g = await geometry(page, c);
    await page.screenshot({ path: shot('open') });
    expect(g.pills, 'one pill').toBe(1);
    expect(g.composer, 'the composer').not.toBeNull();
    expect(g.pill!.display).not.toBe('none');
    expect(g.pill!.height).toBeGreaterThan(0);
    expect(g.composer!.top, 'the composer is in the window').toBeLessThan(g.viewport.height);
    expect(g.pill!.bottom, `pill bottom vs composer top (${JSON.stringify(g)})`).toBeLessThanOrEqual(g.composer!.top + 4);
    // Next to it, not somewhere up the page: at most a small gap above the composer's box.
    expect(g.pill!.bottom, `pill bottom vs composer box top (${JSON.stringify(g)})`).toBeGreaterThanOrEqual(Math.min(g.box?.top ?? g.composer!.top, g.composer!.top) - 40);
    expect(g.pill!.top).toBeGreaterThanOrEqual(0);
    expect(g.pill!.left).toBeGreaterThanOrEqual(0);
    expect(g.pill!.right).toBeLessThanOrEqual(g.viewport.width);

    // The page's messages are the context of the next draft.
    await until(page, (min) => {
      const d = document.querySelector<HTMLElement>('spendmeter-pill')?.dataset;
      return !!d && d.counting !== 'true' && Number(d.contextTokens) >= Number(min);
    }, c.minContextTokens);
    const f = await pillFigures(page);
    expect(f, 'the pill carries figures').not.toBeNull();
    expect(f!.contextTokens, `context tokens (pill: ${JSON.stringify(f)})`).toBeGreaterThanOrEqual(c.minContextTokens);
  });

  it(`prices it as ${c.model} (the page says: ${c.label})`, async () => {
    const { page } = need();
    await until(page, (model) => document.querySelector<HTMLElement>('spendmeter-pill')?.dataset.model === model, c.model, 8_000);
    const f = await pillFigures(page);
    shown[c.name] = JSON.stringify(f);
    expect(f?.model, `data-model on ${c.file}`).toBe(c.model);
    // Recognised, not a fallback that happens to be the same id.
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('spendmeter-pill')?.dataset.modelSource), 'data-model-source').toBe(c.source);
    expect(f?.costUsd, 'data-cost-usd (priced)').not.toBe('');
    expect(Number(f?.costUsd)).toBeGreaterThan(0);
  });

  it('counts a typed draft, records nothing, and neither throws nor logs errors', async () => {
    const { page, errors } = need();
    if (c.composer === 'real') {
      // The capture is pretty-printed: whitespace between the editor's tags that the editor's own
      // script would never have rendered (a rich editor's text is pre-wrap, so it would count).
      await page.evaluate((selector) => {
        const editor = document.querySelector(selector);
        if (editor?.getAttribute('contenteditable') !== 'true') return;
        const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
        const blank: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/^\s*$/.test((n as Text).data)) blank.push(n as Text);
        for (const n of blank) n.remove();
      }, c.composerSelector);
    }
    await typeDraft(page, DRAFT, c.composerSelector);
    await until(page, () => {
      const d = document.querySelector<HTMLElement>('spendmeter-pill')?.dataset;
      return !!d && d.counting !== 'true' && Number(d.draftTokens) > 0;
    }, null);
    const f: PillFigures | null = await pillFigures(page);
    shown[c.name] = JSON.stringify(f);
    expect(f?.draftTokens, `draft tokens (pill: ${JSON.stringify(f)})`).toBeGreaterThan(0);
    // Still placed above the composer once it holds text.
    const g = await geometry(page, c);
    expect(g.pill!.bottom, JSON.stringify(g)).toBeLessThanOrEqual(g.composer!.top + 4);
    await page.screenshot({ path: shot('typed') });

    // Nothing recorded: the popup, read afresh, counts no turn today.
    await popup.reload();
    await popup.waitForSelector('[data-testid="today-turns"][data-value]', { state: 'attached', timeout: WAIT });
    expect(await popup.getAttribute('[data-testid="today-turns"]', 'data-value')).toBe('0');
    expect(errors).toEqual([]);
    await page.close();
    opened = undefined;
  });
}

describe.skipIf(!available)('real pages of the live sites (2025-08 → 2026-07)', () => {
  describe.each(REAL_PAGES)('$name', (c) => replay(c));
});

describe.skipIf(!available)('older real pages, not in the set the rules were written against (2026-02 → 10)', () => {
  describe.each(OLDER_PAGES)('$name', (c) => replay(c));
});

describe.skipIf(!available)('after every real page', () => {
  it('recorded no turn and made no request off the pages under test', async () => {
    console.log(`real pages, what the pill showed:\n${Object.entries(shown).map(([name, f]) => `  ${name}: ${f}`).join('\n')}`);
    expect(await ledgerTurns(popup)).toEqual([]);
    expect(extensionErrors).toEqual([]);
    // Extension pages and workers fetched nothing but the extension's own files.
    expect(h.requests.filter((r) => r.fromExtension && !r.url.startsWith('chrome-extension://'))).toEqual([]);
    // The replayed pages have no scripts left, so any fetch, XHR, socket or script load from them
    // would be the content script's or the usage reader's.
    const active = ['fetch', 'xhr', 'websocket', 'eventsource', 'script'];
    expect(h.requests.filter((r) => !r.url.startsWith('chrome-extension://') && active.includes(r.type))).toEqual([]);
    // The fixture hosts saw page loads, the pages' own images, styles and fonts (refused), favicons.
    const passive = ['document', 'image', 'style', 'font', 'video', 'audio', 'track', 'iframe'];
    expect(h.server.requests.filter((r) => !(passive.includes(r.dest) || r.path.startsWith('/favicon')))).toEqual([]);
  });
});
