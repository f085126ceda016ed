/**
 * The browser-neutral driver (driver.ts) for Firefox: Debian's firefox-esr (or the unpacked
 * strict_min_version release, FIREFOX_PATH) driven headless by puppeteer-core over WebDriver BiDi,
 * with the built Firefox package installed as a temporary add-on. The recipe and its traps are in
 * ../shared/docs/testing-firefox.md:
 * - the fixture hosts resolve to loopback (`network.dns.localDomains`) and port 443 goes to the
 *   fixture server (`network.socket.forcePort`); the self-signed certificate is accepted through the
 *   BiDi capability `acceptInsecureCerts`;
 * - the add-on's UUID is fixed, so its pages have a known moz-extension:// origin; they are opened by
 *   BiDi navigation (`--remote-allow-system-access`), since `page.goto` never resolves for them;
 * - there is no background target: what the Chromium tests ask the service worker, Firefox tests ask
 *   from an extension page (the same `browser.*` APIs, or `runtime.getBackgroundPage()`);
 * - console output of the background and extension pages goes to Firefox's stdout, which is read for
 *   errors from extension code; output after `close()` starts (Firefox killing running extension
 *   scripts as it exits) is not attributable and is not read.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIXTURE_HOSTS, startFixtureServer } from './fixtures/server';
import { poll, Unsupported, type Driver, type LaunchOptions, type TestPage } from './driver';
import { middayZone } from './zone';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.cwd(), '.output', 'firefox-mv3');
const ADDON_ID = 'spendmeter@spendmeter.dev';
const ADDON_UUID = '5d2b7a1e-53e4-4c6e-9f1a-5be7d0c0ffee';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;

export function assertFirefox(): void {
  if (!existsSync(FIREFOX)) {
    throw new Error(`Firefox not found at ${FIREFOX}: install Debian's package "firefox-esr" (apt-get install -y firefox-esr), or set FIREFOX_PATH`);
  }
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`no built Firefox extension in ${FIREFOX_EXTENSION_DIR}: run "npm run build:firefox" first`);
  }
}

/** Browser stdout lines that are errors from extension code (see the doc's list of Firefox's own noise). */
const EXTENSION_ERROR = /^(JavaScript error: moz-extension:\/\/|console\.error: )/;
/**
 * Firefox's own messages that reach the same output with no extension installed (the doc's
 * baseline run): Remote Settings and its loader, Nimbus, the backup service, favicons, window actors.
 */
const FIREFOX_NOISE = /^console\.error: .*(RSLoader|RemoteSettings|remote-settings|Nimbus|BackupService|FaviconLoader|JSWindowActorChild|services-settings)/;

/**
 * `newTab` is given for extension pages: puppeteer never sees their navigations over BiDi, so after
 * a reload its element handles would point into the old document. Such a page is reloaded by
 * opening it afresh in a new tab, which then stands in for the old one.
 */
function wrap(first: Page, newTab?: () => Promise<Page>): TestPage {
  const errors: string[] = [];
  let page = first;
  const listen = (p: Page) => {
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(String(e)));
  };
  listen(page);
  const el = async (s: string) => {
    const handle = await page.$(s);
    if (!handle) throw new Error(`no element ${s}`);
    return handle;
  };
  const self: TestPage = {
    errors,
    async goto(url) {
      if (url.startsWith('moz-extension:')) {
        // page.goto never sees this navigation over BiDi; the browsing context's own does.
        await (page.mainFrame() as unknown as { browsingContext: { navigate(u: string, wait: string): Promise<unknown> } }).browsingContext.navigate(url, 'complete');
      } else {
        await page.goto(url);
      }
    },
    async reload() {
      if (!newTab) return void (await page.reload());
      const url = await self.location();
      const old = page;
      page = await newTab();
      listen(page);
      await self.goto(url);
      await old.close();
    },
    location: () => page.evaluate(() => location.href),
    // Not page.goBack(): it waits for a load that a same-document (pushState) entry never fires, and
    // timed out on Firefox 140. The address changing is the condition.
    async back() {
      const before = await self.location();
      await page.evaluate(() => history.back());
      await poll(() => self.location().catch(() => before), (u) => u !== before, 'history.back() went nowhere', 15_000, 50);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async waitFor(s, timeout = 15_000) {
      await poll(() => page.$(s).then((h) => h !== null), Boolean, `${s} never appeared`, timeout, 50);
    },
    async waitUntil(fn, arg, timeout = 15_000) {
      await poll(() => page.evaluate(fn as never, arg).then(Boolean), Boolean, `the page never satisfied ${String(fn)}`, timeout, 50);
    },
    count: async (s) => (await page.$$(s)).length,
    text: async (s) => (await el(s)).evaluate((e) => e.textContent),
    attr: async (s, name) => (await el(s)).evaluate((e, n) => e.getAttribute(n), name),
    value: async (s) => (await el(s)).evaluate((e) => (e as HTMLInputElement).value),
    box: async (s) => (await (await el(s)).boundingBox())!,
    click: async (s) => (await el(s)).click(),
    focus: async (s) => (await el(s)).focus(),
    async fill(s, text) {
      const handle = await el(s);
      await handle.click();
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyA');
      await page.keyboard.up('Control');
      await page.keyboard.press('Backspace');
      if (text) await page.keyboard.type(text);
    },
    type: async (s, text) => (await el(s)).type(text),
    press: async (s, key) => (await el(s)).press(key as never),
    key: (key) => page.keyboard.press(key as never),
    addStyle: async (content) => void (await page.addStyleTag({ content })),
    async emulateColorScheme(value) {
      try {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value }]);
      } catch (e) {
        // puppeteer-core 24.43.1's BiDi page sends this through its CDP emulation manager, and Firefox
        // has no CDP: its UnsupportedOperation ("CDP support is required...") is reported as such.
        const err = e as Error;
        if (err?.name === 'UnsupportedOperation' || /CDP support is required/.test(String(err?.message))) {
          throw new Unsupported(`prefers-color-scheme cannot be emulated here (${err.name}: ${err.message})`);
        }
        throw e;
      }
    },
    // BiDi's own browsingContext.setViewport: puppeteer's setViewport also sends
    // emulation.setScreenOrientationOverride, which Firefox 140 does not know.
    setViewport: async (width, height) => {
      await (page.mainFrame() as unknown as { browsingContext: { setViewport(o: object): Promise<void> } }).browsingContext.setViewport({ viewport: { width, height } });
    },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
  return self;
}

export async function launchFirefox(options: LaunchOptions): Promise<Driver> {
  assertFirefox();
  const server = await startFixtureServer();
  const profile = mkdtempSync(join(tmpdir(), 'spendmeter-ff-profile-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      env: { ...process.env, TZ: middayZone() }, // the extension's day cannot end during the file (zone.ts)
      headless: true,
      protocol: 'webDriverBiDi',
      acceptInsecureCerts: true,
      userDataDir: profile,
      defaultViewport: options.viewport ?? { width: 1100, height: 800 },
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.dns.localDomains': FIXTURE_HOSTS.join(','),
        'network.socket.forcePort': `443=${server.port}`,
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
        'devtools.console.stdout.content': true,
        'devtools.console.stdout.chrome': false,
        ...(options.backgroundIdleMs ? { 'extensions.background.idle.timeout': options.backgroundIdleMs } : {}),
      },
    });
  } catch (err) {
    await server.close();
    throw err;
  }
  const output: string[] = [];
  let closing = false;
  let partial = '';
  const read = (chunk: Buffer) => {
    if (closing) return;
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (EXTENSION_ERROR.test(line) && !FIREFOX_NOISE.test(line)) output.push(line);
  };
  browser.process()?.stdout?.on('data', read);
  browser.process()?.stderr?.on('data', read);
  const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (id !== ADDON_ID) throw new Error(`the add-on installed as ${id}, not ${ADDON_ID}`);

  // One extension tab kept open to reach the background's APIs from.
  let helper: TestPage | null = null;
  const extensionTab = async () => {
    if (!helper) {
      helper = wrap(await browser.newPage(), () => browser.newPage());
      await helper.goto(`${EXTENSION_ORIGIN}/options.html`);
    }
    return helper;
  };

  return {
    browser: 'firefox',
    label: `firefox ${(await browser.version()).replace(/^firefox\//i, '')}`,
    server,
    async newPage(url) {
      const page = wrap(await browser.newPage());
      if (url) await page.goto(url);
      return page;
    },
    async extensionPage(path) {
      const page = wrap(await browser.newPage(), () => browser.newPage());
      await page.goto(`${EXTENSION_ORIGIN}/${path}`);
      return page;
    },
    stopBackground: () => stopBackground(),
    killCountingWorker: () => stopBackground(),
    background: null,
    extensionRequests: () => null,
    takeExtensionErrors: () => output.splice(0),
    async close() {
      closing = true;
      await browser.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };

  async function stopBackground(): Promise<void> {
    if (!options.backgroundIdleMs) throw new Error('launch with backgroundIdleMs to let the event page suspend');
    const tab = await extensionTab();
    const mark = () =>
      tab.evaluate(async () => {
        const bg = (await (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser.runtime.getBackgroundPage().catch(() => null)) as (Window & { __spendmeterTestMark?: boolean }) | null;
        if (!bg) return 'asleep';
        if (!bg.__spendmeterTestMark) bg.__spendmeterTestMark = true;
        return 'marked';
      });
    await mark();
    // Asking for the background page wakes it if it is asleep, so what shows the suspension is a
    // window without the marker: the event page was torn down and started anew.
    await poll(
      () =>
        tab.evaluate(async () => {
          const bg = (await (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser.runtime.getBackgroundPage().catch(() => null)) as (Window & { __spendmeterTestMark?: boolean }) | null;
          return bg === null ? 'gone' : bg.__spendmeterTestMark ? 'marked' : 'new';
        }),
      (s) => s !== 'marked',
      'the event page never suspended',
      Math.max(15_000, options.backgroundIdleMs * 10),
    );
  }
}
