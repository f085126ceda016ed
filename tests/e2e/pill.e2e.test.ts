// The pill's manners in real Chromium: never over the send button, keyboard operable, follows the
// page's dark scheme, and waits for IME composition to end before counting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITES } from './fixtures/sites.js';
import { launch, newChatUrl, pillFigures, waitForPill, type Harness } from './harness';
import { o200k } from './expected';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('the pill', () => {
  it.each(Object.keys(SITES).filter((host) => host !== 'chat.openai.com'))('never covers the send button on %s', async (host) => {
    const page = await h.context.newPage();
    await page.goto(newChatUrl(host));
    await page.locator('[data-fixture-composer]').fill('A draft to price.');
    await waitForPill(page, (f) => f.draftTokens > 0);
    await page.locator('spendmeter-pill button.summary').click();
    await page.locator('spendmeter-pill .details').waitFor();
    const pill = (await page.locator('spendmeter-pill .pill').boundingBox())!;
    const send = (await page.locator('[data-fixture-send]').boundingBox())!;
    const overlaps = pill.x < send.x + send.width && send.x < pill.x + pill.width && pill.y < send.y + send.height && send.y < pill.y + pill.height;
    expect(overlaps).toBe(false);
    await page.close();
  });

  it('opens its details from the keyboard without taking keystrokes from the composer', async () => {
    const page = await h.context.newPage();
    await page.goto('https://chatgpt.com/?gen=E');
    const composer = page.locator('[data-fixture-composer]');
    await composer.fill('keyboard');
    await waitForPill(page, (f) => f.draftTokens === o200k('keyboard'));
    const summary = page.locator('spendmeter-pill button.summary');
    expect(await summary.getAttribute('aria-expanded')).toBe('false');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await summary.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('spendmeter-pill .details').textContent()).toContain('API-equivalent');
    // A click on the pill leaves the focus in the composer.
    await composer.focus();
    await summary.click();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-fixture-composer'))).toBe(true);
    await page.close();
  });

  it('follows the page into dark and back, live, without a resize', async () => {
    const page = await h.context.newPage();
    await page.goto('https://claude.ai/new?gen=hub');
    // The site's own switch: a class on <html> that its style sheet keys the colours on.
    await page.addStyleTag({ content: 'html.dark body, html.dark fieldset { background: #1a1a1a !important; color: #eee; }' });
    await page.locator('[data-fixture-composer]').fill('dark');
    await waitForPill(page, (f) => f.draftTokens > 0);
    const theme = (want: string) => page.waitForFunction((t) => document.querySelector('spendmeter-pill')?.getAttribute('data-theme') === t, want);
    await theme('light');
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    await theme('dark');
    const bg = await page.locator('spendmeter-pill button.summary').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(31, 35, 40)');
    await page.evaluate(() => document.documentElement.classList.remove('dark'));
    await theme('light');
    // A style switch: a sheet added after the pill shows.
    await page.addStyleTag({ content: 'body, fieldset { background: #101010 !important; }' });
    await theme('dark');
    await page.close();
  });

  it("follows the browser's colour scheme where the page's colours follow it", async () => {
    const page = await h.context.newPage();
    await page.goto('https://claude.ai/new?gen=hub');
    await page.addStyleTag({ content: '@media (prefers-color-scheme: dark) { body, fieldset { background: #1a1a1a !important; } }' });
    await page.locator('[data-fixture-composer]').fill('scheme');
    await waitForPill(page, (f) => f.draftTokens > 0);
    const theme = (want: string) => page.waitForFunction((t) => document.querySelector('spendmeter-pill')?.getAttribute('data-theme') === t, want);
    await theme('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await theme('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await theme('light');
    await page.close();
  });

  it('does not count an IME composition until it ends', async () => {
    const page = await h.context.newPage();
    await page.goto('https://chat.deepseek.com/?gen=main');
    const composer = page.locator('[data-fixture-composer]');
    await composer.fill('hello');
    await waitForPill(page, (f) => f.draftTokens === Math.round(o200k('hello')));
    await composer.evaluate((el: HTMLTextAreaElement) => {
      el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
      el.value = 'hello にほんご';
      el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, data: 'にほんご' }));
    });
    await page.waitForTimeout(600);
    expect((await pillFigures(page))?.draftTokens).toBe(o200k('hello'));
    await composer.evaluate((el: HTMLTextAreaElement) => {
      el.value = 'hello 日本語';
      el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '日本語' }));
    });
    await waitForPill(page, (f) => f.draftTokens !== o200k('hello'));
    await page.close();
  });
});
