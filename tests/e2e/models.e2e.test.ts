// Which model is priced, in real Chromium: a picker label with an effort word prices the model; a
// name the catalog does not know is unpriced, says what it read, shows in the popup's health, and
// can be priced as a model the user picks (an alias, saved for that site and listed in the options);
// the recorded turn says where its model came from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, newChatUrl, openPopup, typeDraft, waitForPill, waitForTurns, type Harness } from './harness';

let h: Harness;
let popup: Page;

beforeAll(async () => {
  h = await launch();
  popup = await openPopup(h);
});

afterAll(async () => {
  await h?.close();
});

const LABEL = '[data-testid="model-selector-dropdown"] .whitespace-nowrap';

async function pillData(page: Page, key: string): Promise<string | undefined> {
  return page.evaluate((k) => (document.querySelector('spendmeter-pill') as HTMLElement | null)?.dataset[k], key);
}

async function waitForPillData(page: Page, key: string, value: string): Promise<void> {
  await page.waitForFunction(([k, v]) => (document.querySelector('spendmeter-pill') as HTMLElement | null)?.dataset[k!] === v, [key, value], { timeout: 15_000 });
}

describe('the model the pill prices', () => {
  it('reads effort words, leaves an unknown name unpriced, and prices it by the alias the user saves', async () => {
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(newChatUrl('claude.ai', 'stream=15'));
    await page.waitForSelector('spendmeter-pill', { state: 'attached', timeout: 15_000 });
    await typeDraft(page, 'Which model am I talking to?');
    await waitForPill(page, (f) => f.draftTokens > 0 && f.model === 'anthropic/claude-sonnet-4-5');
    expect(await pillData(page, 'modelSource')).toBe('picker');

    // The picker adds the thinking mode: same model, same price.
    await page.locator(LABEL).evaluate((el) => (el.textContent = 'Sonnet 4.6 Adaptive'));
    await waitForPill(page, (f) => f.model === 'anthropic/claude-sonnet-4-6' && f.costUsd !== '');

    // A name the catalog does not know: unpriced, never a default, and the details say what was read.
    await page.locator(LABEL).evaluate((el) => (el.textContent = 'Ultra 7'));
    await waitForPill(page, (f) => f.model === 'unknown' && f.costUsd === '');
    const pill = page.locator('spendmeter-pill');
    await pill.locator('button.summary').click();
    await pill.getByTestId('pill-model').filter({ hasText: 'page shows "Ultra 7"' }).waitFor();

    // Drift shows in the popup's health instead of as $0.
    await popup.reload();
    await popup.locator('[data-testid="health"] [data-site="claude"]').filter({ hasText: 'model not recognised: "Ultra 7"' }).waitFor({ timeout: 20_000 });

    // Priced as a model the user picks, saved as an alias for that label on this site.
    await pill.getByLabel('Price "Ultra 7" as').selectOption('anthropic/claude-opus-4-8');
    await pill.getByRole('button', { name: 'Save' }).click();
    await waitForPillData(page, 'model', 'anthropic/claude-opus-4-8');
    expect(await pillData(page, 'modelSource')).toBe('user alias');
    expect(await pillData(page, 'costUsd')).not.toBe('');

    // The recorded turn carries the model and where it came from.
    await page.locator('[data-fixture-composer]').press('Enter');
    const rows = await waitForTurns(popup, 'claude', (r) => r.length === 1);
    expect(rows[0]).toMatchObject({ model: 'anthropic/claude-opus-4-8', modelLabel: 'Ultra 7', modelSource: 'user alias', priced: true });
    await popup.reload();
    await popup.locator('[data-testid="by-model"] [data-key="anthropic/claude-opus-4-8"][data-chosen="1"]').waitFor({ timeout: 15_000 });

    // The alias is listed in the options, and removing it there makes the name unpriced again.
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const row = options.locator('[data-testid="aliases"] [data-site="claude"][data-label="ultra 7"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Remove' }).click();
    await options.getByTestId('options-message').filter({ hasText: 'Saved.' }).waitFor();
    await waitForPillData(page, 'model', 'unknown');

    // Bad input in the options changes nothing and says why.
    await options.getByLabel('Label the site shows').fill('Ultra 7');
    await options.getByLabel('Price as model').fill('no/such-model');
    await options.getByRole('button', { name: 'Add alias' }).click();
    await options.getByTestId('options-message').filter({ hasText: 'is not a model in the catalog' }).waitFor();
    expect(await options.locator('[data-testid="aliases"] li').count()).toBe(0);
    expect(errors).toEqual([]);
    await options.close();
    await page.close();
  });
});
