// The options page in real Chromium: a bad value is rejected with a message and changes nothing;
// hiding the pill on a site removes it there while tracking goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('options page', () => {
  it('rejects a bad value, keeps the old one, and applies good ones', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const overhead = options.getByLabel('Hidden overhead tokens on Claude');
    await overhead.fill('-5');
    await overhead.press('Tab');
    await options.getByTestId('options-message').filter({ hasText: 'Not saved' }).waitFor();
    expect(await options.getByTestId('options-message').textContent()).toContain('sites.claude.overheadTokens');
    expect(await overhead.inputValue()).toBe('0');

    await overhead.fill('250');
    await overhead.press('Tab');
    await options.getByTestId('options-message').filter({ hasText: 'Saved.' }).waitFor();
    await options.reload();
    expect(await options.getByLabel('Hidden overhead tokens on Claude').inputValue()).toBe('250');
    expect(await options.getByTestId('catalog-info').textContent()).toMatch(/prices as of \d{4}-\d{2}-\d{2}, \d+ models/);

    await options.getByLabel('Show the pill on ChatGPT').uncheck();
    await options.getByTestId('options-message').filter({ hasText: 'Saved.' }).waitFor();
    const chat = await h.context.newPage();
    await chat.goto('https://chatgpt.com/?gen=A');
    await chat.locator('[data-fixture-composer]').fill('hello');
    await chat.waitForTimeout(1500);
    expect(await chat.locator('spendmeter-pill').count()).toBe(0);
    await options.getByLabel('Show the pill on ChatGPT').check();
    await chat.waitForSelector('spendmeter-pill', { state: 'attached', timeout: 10_000 });
  });
});
