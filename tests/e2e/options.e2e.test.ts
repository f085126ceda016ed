// The options page in Chromium and Firefox: a bad value is rejected with a message and changes
// nothing; hiding the pill on a site removes it there while tracking goes on. Firefox opens the
// page by navigating its tab over BiDi (driver.ts), Chromium by page.goto.
import { describe, expect, it } from 'vitest';
import { BROWSER_LABEL } from './driver';
import { openPopup, optionsMessage, todayFigures, useBrowser, waitForToday } from './steps';

const b = useBrowser();

describe(`[${BROWSER_LABEL}] options page`, () => {
  it('rejects a bad value, keeps the old one, and applies good ones', async () => {
    const options = await b.d.extensionPage('options.html');
    const overhead = 'input[aria-label="Hidden overhead tokens on Claude"]';
    await options.waitFor(overhead);
    await options.fill(overhead, '-5');
    await options.press(overhead, 'Tab');
    expect(await optionsMessage(options, 'Not saved')).toContain('sites.claude.overheadTokens');
    expect(await options.value(overhead)).toBe('0');

    await options.fill(overhead, '250');
    await options.press(overhead, 'Tab');
    await optionsMessage(options, 'Saved.');
    await options.reload();
    await options.waitUntil((s) => (document.querySelector(s) as HTMLInputElement | null)?.value === '250', overhead);
    expect(await options.text('[data-testid="catalog-info"]')).toMatch(/prices as of \d{4}-\d{2}-\d{2}, \d+ models/);

    const showOnChatGpt = 'input[aria-label="Show the pill on ChatGPT"]';
    await options.click(showOnChatGpt);
    await optionsMessage(options, 'Saved.');
    expect(await options.evaluate((s) => (document.querySelector(s) as HTMLInputElement).checked, showOnChatGpt)).toBe(false);
    const popup = await openPopup(b.d);
    const before = await todayFigures(popup);
    const chat = await b.d.newPage('https://chatgpt.com/?gen=A&stream=10');
    await chat.fill('[data-fixture-composer]', 'hello');
    await chat.press('[data-fixture-composer]', 'Enter');
    // Tracking goes on (the turn is recorded), so the content script is running, and it placed no pill.
    await waitForToday(popup, (f) => f.turns === before.turns + 1);
    expect(await chat.count('spendmeter-pill')).toBe(0);
    await options.click(showOnChatGpt);
    await chat.waitFor('spendmeter-pill', 10_000);
    await chat.close();
    await popup.close();
    await options.close();
  });
});
