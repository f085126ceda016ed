/**
 * `npm run demo`: the built extension in Debian's Chromium on an offline demo chat page (the
 * ChatGPT fixture, served locally under its real host name) that streams canned replies. With a
 * display the browser opens for you to try; without one the demo types and sends a message itself,
 * prints what the pill, the popup and the badge showed, and saves screenshots.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { badgeText, launch, openPopup, pillFigures, todayFigures, waitForPill, waitForToday } from '../tests/e2e/harness';

const OUT = resolve(process.cwd(), 'artifacts', 'screenshots');
const headed = Boolean(process.env.DISPLAY) && process.env.DEMO_HEADLESS !== '1';

const h = await launch({ headless: !headed, viewport: { width: 1000, height: 700 } });
const page = await h.context.newPage();
await page.goto('https://chatgpt.com/?gen=E&stream=60');
await page.waitForSelector('spendmeter-pill', { state: 'attached', timeout: 15_000 });

if (headed) {
  const popup = await openPopup(h);
  await page.bringToFront();
  console.log('Spendmeter demo: type in the chat box and press Enter. The popup is open in the second tab.');
  console.log(`(popup: chrome-extension://${h.extensionId}/popup.html) Close the browser to end the demo.`);
  await new Promise<void>((done) => h.context.on('close', () => done()));
  void popup;
  await h.close().catch(() => undefined);
} else {
  mkdirSync(OUT, { recursive: true });
  const popup = await openPopup(h);
  const composer = page.locator('[data-fixture-composer]');
  await composer.fill('What would this conversation cost through the API? Give me a short answer.');
  await waitForPill(page, (f) => f.draftTokens > 0);
  await page.locator('spendmeter-pill').evaluate((host) => (host.shadowRoot?.querySelector('button.summary') as HTMLButtonElement | null)?.click());
  await page.screenshot({ path: resolve(OUT, 'demo-pill.png') });
  console.log('pill:', JSON.stringify(await pillFigures(page)));
  const before = await todayFigures(popup);
  await composer.press('Enter');
  const after = await waitForToday(popup, (f) => f.turns === before.turns + 1, 20_000);
  await popup.setViewportSize({ width: 380, height: 640 });
  await popup.screenshot({ path: resolve(OUT, 'demo-popup.png'), fullPage: true });
  console.log('popup today:', JSON.stringify(after), 'badge:', JSON.stringify(await badgeText(h)));
  console.log(`No display: ran the demo headless; screenshots in ${OUT}. With a display (or under xvfb-run) the browser opens for you.`);
  await h.close();
}
