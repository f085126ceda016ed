// Budgets in real Chromium: a tiny daily budget set on the options page, one turn that crosses it
// turns the badge red and shows one notification, the pill warns on the next draft, and with
// "confirm before sending" on, the first Enter is held and the second one sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { badgeText, launch, openPopup, typeDraft, waitForPill, waitForToday, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

async function setOption(options: Page, act: () => Promise<void>) {
  await act();
  await options.getByTestId('options-message').filter({ hasText: 'Saved.' }).waitFor();
}

async function badgeColor(): Promise<number[]> {
  const sw = await h.serviceWorker();
  return sw.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeBackgroundColor(d: object): Promise<number[]> } } }).chrome.action.getBadgeBackgroundColor({}));
}

async function notificationIds(): Promise<string[]> {
  const sw = await h.serviceWorker();
  return sw.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<object> } } }).chrome.notifications.getAll()));
}

describe('budgets', () => {
  it('goes red, notifies once and warns in the pill after a turn crosses a tiny daily budget', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const daily = options.getByLabel('Daily budget (USD)');
    // A bad amount is refused and the field keeps no budget.
    await daily.fill('-3');
    await daily.press('Tab');
    await options.getByTestId('options-message').filter({ hasText: 'budgets.daily' }).waitFor();
    await setOption(options, async () => {
      await daily.fill('0.00005');
      await daily.press('Tab');
    });
    expect(await badgeColor()).toEqual([59, 66, 82, 255]); // neutral: nothing spent yet

    const popup = await openPopup(h);
    expect(await popup.getByTestId('budget-day').getAttribute('data-level')).toBe('ok');
    const chat = await h.context.newPage();
    await chat.goto('https://chatgpt.com/?gen=E&stream=15');
    await typeDraft(chat, 'What does this cost? '.repeat(12).trim());
    const first = await waitForPill(chat, (f) => f.draftTokens > 0);
    expect(Number(first.costUsd)).toBeGreaterThan(0.00005);
    expect(await chat.locator('spendmeter-pill').getAttribute('data-budget')).toBe('over'); // this send would cross it
    expect(await chat.locator('spendmeter-pill .warning').textContent()).toBe("this message would take you over today's budget ($0.00005 left)");
    await chat.locator('[data-fixture-composer]').press('Enter');
    await waitForToday(popup, (f) => f.turns === 1);

    await expect.poll(badgeColor).toEqual([196, 43, 28, 255]);
    await expect.poll(notificationIds).toHaveLength(1);
    expect((await notificationIds())[0]).toMatch(/^spendmeter-budget:day@\d{4}-\d\d-\d\d:over$/);
    await popup.getByTestId('budget-day').and(popup.locator('[data-level="over"]')).waitFor();
    expect(await popup.getByTestId('budget-day').textContent()).toContain('Over by');

    // The next draft: the pill says the budget is already gone.
    await typeDraft(chat, 'And another question?');
    await waitForPill(chat, (f) => f.draftTokens > 0 && f.contextTokens > 0);
    expect(await chat.locator('spendmeter-pill .warning').textContent()).toBe("you are over today's budget ($0.00005)");

    // Confirm before sending: the first Enter is held, typing goes on, the second Enter sends.
    await setOption(options, () => options.getByLabel(/Confirm before sending/).check());
    await chat.bringToFront();
    const composer = chat.locator('[data-fixture-composer]');
    await typeDraft(chat, 'A third question');
    await waitForPill(chat, (f) => f.draftTokens > 0);
    const userMessages = () => chat.locator('li[data-message-role="user"]').count();
    const sentBefore = await userMessages();
    await composer.press('Enter');
    await chat.locator('spendmeter-pill[data-held="true"]').waitFor({ state: 'attached' });
    expect(await chat.locator('spendmeter-pill .warning').textContent()).toContain('Press Enter or click send again to send anyway.');
    await chat.waitForTimeout(300);
    expect(await userMessages()).toBe(sentBefore);
    await composer.press('End');
    await composer.pressSequentially(', please');
    expect(await composer.inputValue()).toBe('A third question, please');
    await composer.press('Enter');
    await expect.poll(userMessages).toBe(sentBefore + 1);
    await waitForToday(popup, (f) => f.turns === 2);
    // Still one notification: the budget was already announced as over today.
    expect(await notificationIds()).toHaveLength(1);

    // Deleting the data on the options page puts the badge back to nothing spent, neutral.
    options.on('dialog', (d) => void d.accept());
    await options.bringToFront();
    await options.getByRole('button', { name: 'Delete all data' }).click();
    await options.getByTestId('options-message').filter({ hasText: 'All data deleted.' }).waitFor();
    await expect.poll(badgeColor).toEqual([59, 66, 82, 255]);
    expect(await badgeText(h)).toBe('');
    await chat.close();
    await popup.close();
    await options.close();
  });
});
