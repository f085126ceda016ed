// The browser-neutral driver (driver.ts) over the Chromium harness (playwright-core).
import type { Page } from 'playwright-core';
import { killServiceWorker, launch } from './harness';
import type { Driver, LaunchOptions, TestPage } from './driver';

const css = (selector: string) => selector.replaceAll(' >>> ', ' ');

function wrap(page: Page): TestPage {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const loc = (s: string) => page.locator(css(s)).first();
  return {
    errors,
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    location: async () => page.url(),
    back: async () => void (await page.goBack({ waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (s, timeout = 15_000) => void (await loc(s).waitFor({ state: 'attached', timeout })),
    waitUntil: async (fn, arg, timeout = 15_000) => void (await page.waitForFunction(fn as never, arg, { timeout })),
    count: (s) => page.locator(css(s)).count(),
    text: (s) => loc(s).textContent(),
    attr: (s, name) => loc(s).getAttribute(name),
    value: (s) => loc(s).inputValue(),
    box: async (s) => (await loc(s).boundingBox())!,
    click: (s) => loc(s).click(),
    focus: (s) => loc(s).focus(),
    fill: async (s, text) => {
      await loc(s).click();
      await loc(s).fill(text);
    },
    type: (s, text) => loc(s).pressSequentially(text),
    press: (s, key) => loc(s).press(key),
    key: (key) => page.keyboard.press(key),
    addStyle: async (content) => void (await page.addStyleTag({ content })),
    emulateColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

export async function launchChromium(options: LaunchOptions): Promise<Driver> {
  const h = await launch({ viewport: options.viewport });
  const extensionErrors: string[] = [];
  h.context.on('weberror', (e) => extensionErrors.push(String(e.error())));
  const sw = await h.serviceWorker();
  sw.on('console', (m) => m.type() === 'error' && extensionErrors.push(`background: ${m.text()}`));
  return {
    browser: 'chromium',
    label: 'chromium',
    server: h.server,
    async newPage(url) {
      const page = wrap(await h.context.newPage());
      if (url) await page.goto(url);
      return page;
    },
    async extensionPage(path) {
      const page = await h.context.newPage();
      page.on('console', (m) => m.type() === 'error' && extensionErrors.push(`${path}: ${m.text()}`));
      await page.goto(`chrome-extension://${h.extensionId}/${path}`);
      return wrap(page);
    },
    stopBackground: () => killServiceWorker(h),
    async killCountingWorker() {
      const session = await h.context.browser()!.newBrowserCDPSession();
      const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { url: string; targetId: string }[] };
      const offscreen = targetInfos.find((t) => t.url.startsWith(`chrome-extension://${h.extensionId}/offscreen.html`));
      if (!offscreen) throw new Error('no offscreen document: the counting worker is not running');
      await session.send('Target.closeTarget', { targetId: offscreen.targetId });
      await session.detach();
    },
    async background(fn) {
      const sw = await h.serviceWorker();
      await sw.evaluate(fn);
    },
    extensionRequests: () => h.requests.filter((r) => r.fromExtension && !r.url.startsWith('chrome-extension://')).map((r) => r.url),
    takeExtensionErrors: () => extensionErrors.splice(0),
    close: () => h.close(),
  };
}
