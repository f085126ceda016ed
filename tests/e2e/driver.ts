/**
 * A small browser-neutral driver for the browser tests that run in Chromium and in Firefox alike.
 * `E2E_BROWSER` picks the browser (`chromium`, the default, or `firefox`); the test bodies only use
 * the interfaces below. Chromium is driven by playwright-core (tests/e2e/harness.ts), Firefox by
 * puppeteer-core over WebDriver BiDi (tests/e2e/firefox.ts). Both serve the same fixture sites.
 *
 * Selectors are CSS; ` >>> ` steps into an open shadow root (the pill's), as in puppeteer; the
 * Chromium side drops it, since Playwright's CSS already pierces shadow roots.
 */
import type { FixtureServer } from './fixtures/server';

export type BrowserName = 'chromium' | 'firefox';

export const BROWSER: BrowserName = process.env.E2E_BROWSER?.startsWith('firefox') ? 'firefox' : 'chromium';

/** What a failing test is named after: the browser, and for Firefox which binary (the minimum or the current ESR). */
export const BROWSER_LABEL = BROWSER === 'firefox' ? `firefox ${process.env.FIREFOX_LABEL ?? process.env.FIREFOX_PATH ?? 'esr'}` : 'chromium';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TestPage {
  /** Console errors and uncaught exceptions seen on this page (content scripts log into it). */
  errors: string[];
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The page's address, read from the page itself (puppeteer's `url()` lags on Firefox). */
  location(): Promise<string>;
  back(): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Waits for an element to be in the DOM. */
  waitFor(selector: string, timeout?: number): Promise<void>;
  /** Polls `fn` in the page (never `waitForFunction`: Firefox 140's extension CSP forbids it) until it is truthy. */
  waitUntil<A>(fn: (arg: A) => unknown, arg?: A, timeout?: number): Promise<void>;
  count(selector: string): Promise<number>;
  text(selector: string): Promise<string | null>;
  attr(selector: string, name: string): Promise<string | null>;
  value(selector: string): Promise<string>;
  box(selector: string): Promise<Box>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  /** Replaces the field's text as a user would. */
  fill(selector: string, text: string): Promise<void>;
  /** Types at the caret, key by key. */
  type(selector: string, text: string): Promise<void>;
  /** Focuses `selector` and presses `key` (`Enter`, `Tab`, `End`). */
  press(selector: string, key: string): Promise<void>;
  /** Presses a key wherever the focus is. */
  key(key: string): Promise<void>;
  addStyle(css: string): Promise<void>;
  /**
   * Emulates the browser's `prefers-color-scheme`. Chromium: Playwright's `emulateMedia`. Firefox:
   * puppeteer's `emulateMediaFeatures`, which throws `Unsupported` where puppeteer cannot do it over
   * WebDriver BiDi.
   */
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/** What a browser's driver cannot do: a test may skip itself in that browser on it, saying why. */
export class Unsupported extends Error {
  override name = 'Unsupported';
}

export interface Driver {
  browser: BrowserName;
  label: string;
  server: FixtureServer;
  newPage(url?: string): Promise<TestPage>;
  /** An extension page (`popup.html`, `options.html`) in a tab. */
  extensionPage(path: string): Promise<TestPage>;
  /**
   * Stops the extension's background the hard way. Chromium: the service worker's target is closed
   * (CDP). Firefox has no such target over BiDi: its event page is made to suspend by a short
   * `extensions.background.idle.timeout`, and this waits until a marker set on the background
   * window is gone (the page was torn down and started anew).
   */
  stopBackground(): Promise<void>;
  /**
   * Kills the counting worker. Chromium: its offscreen document is closed (CDP). Firefox counts in a
   * worker of the background page itself (no offscreen documents), so the worker dies with the event
   * page: this is stopBackground.
   */
  killCountingWorker(): Promise<void>;
  /** Runs `fn` in the service worker (Chromium only; null in Firefox, whose event page is no target). */
  background: ((fn: () => void) => Promise<void>) | null;
  /** Requests made by extension pages and workers to anything but the extension's own files (Chromium only; Firefox: null). */
  extensionRequests(): string[] | null;
  /** Errors logged by extension code (background, extension pages) since the last call. */
  takeExtensionErrors(): string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** Firefox only: how soon an idle event page suspends (ms). */
  backgroundIdleMs?: number;
}

export async function launchDriver(options: LaunchOptions = {}): Promise<Driver> {
  if (BROWSER === 'firefox') return (await import('./firefox')).launchFirefox(options);
  return (await import('./chromium')).launchChromium(options);
}

/** Polls `get` until `ok`, or throws with the last value. */
export async function poll<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 15_000, every = 100): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = await get();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, every));
    last = await get();
  }
  return last;
}
