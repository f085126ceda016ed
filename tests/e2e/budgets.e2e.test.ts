// Budgets in Chromium and Firefox: a tiny daily budget set on the options page, one turn that
// crosses it turns the badge red and shows one notification, the pill warns on the next draft, and
// with "confirm before sending" on, the first Enter is held and the second one sends. The badge
// and the notifications are asked from the options page (`action.getBadgeBackgroundColor`,
// `notifications.getAll` and `onClosed`): the same APIs the background uses, reachable in both
// browsers (Firefox has no background target to evaluate in; see watchNotifications for why its
// notifications are seen closing).
import { describe, expect, it } from 'vitest';
import { BROWSER_LABEL, poll } from './driver';
import { badgeColor, badgeText, notificationIds, openPopup, optionsMessage, useBrowser, watchNotifications, waitForPill, waitForToday } from './steps';

const b = useBrowser();
const NEUTRAL = [59, 66, 82, 255];
const RED = [196, 43, 28, 255];
const same = (a: number[], e: number[]) => JSON.stringify(a) === JSON.stringify(e);

describe(`[${BROWSER_LABEL}] budgets`, () => {
  it('goes red, notifies once and warns in the pill after a turn crosses a tiny daily budget', async () => {
    const options = await b.d.extensionPage('options.html');
    const daily = 'input[aria-label="Daily budget (USD)"]';
    await options.waitFor(daily);
    await watchNotifications(options);
    // A bad amount is refused and the field keeps no budget.
    await options.fill(daily, '-3');
    await options.press(daily, 'Tab');
    await optionsMessage(options, 'budgets.daily');
    await options.fill(daily, '0.00005');
    await options.press(daily, 'Tab');
    await optionsMessage(options, 'Saved.');
    expect(await badgeColor(options)).toEqual(NEUTRAL); // nothing spent yet

    const popup = await openPopup(b.d);
    expect(await popup.attr('[data-testid="budget-day"]', 'data-level')).toBe('ok');
    const chat = await b.d.newPage('https://chatgpt.com/?gen=E&stream=15');
    const composer = '[data-fixture-composer]';
    await chat.waitFor('spendmeter-pill');
    await chat.fill(composer, 'What does this cost? '.repeat(12).trim());
    const first = await waitForPill(chat, (f) => f.draftTokens > 0);
    expect(Number(first.costUsd)).toBeGreaterThan(0.00005);
    expect(await chat.attr('spendmeter-pill', 'data-budget')).toBe('over'); // this send would cross it
    expect(await chat.text('spendmeter-pill >>> .warning')).toBe("this message would take you over today's budget ($0.00005 left)");
    await chat.press(composer, 'Enter');
    await waitForToday(popup, (f) => f.turns === 1);

    await poll(() => badgeColor(options), (c) => same(c, RED), 'the badge never turned red');
    const ids = await poll(() => notificationIds(options), (n) => n.length === 1, 'no budget notification');
    expect(ids[0]).toMatch(/^spendmeter-budget:day@\d{4}-\d\d-\d\d:over$/);
    await popup.waitFor('[data-testid="budget-day"][data-level="over"]');
    expect(await popup.text('[data-testid="budget-day"]')).toContain('Over by');

    // The next draft: the pill says the budget is already gone.
    await chat.fill(composer, 'And another question?');
    await waitForPill(chat, (f) => f.draftTokens > 0 && f.contextTokens > 0);
    expect(await chat.text('spendmeter-pill >>> .warning')).toBe("you are over today's budget ($0.00005)");

    // Confirm before sending: the first Enter is held, typing goes on, the second Enter sends.
    await options.evaluate(() => [...document.querySelectorAll('label')].find((l) => l.textContent?.includes('Confirm before sending'))!.querySelector('input')!.click());
    await optionsMessage(options, 'Saved.');
    await chat.bringToFront();
    await chat.fill(composer, 'A third question');
    await waitForPill(chat, (f) => f.draftTokens > 0);
    const userMessages = () => chat.count('li[data-message-role="user"]');
    const sentBefore = await userMessages();
    await chat.press(composer, 'Enter');
    await chat.waitFor('spendmeter-pill[data-held="true"]');
    expect(await chat.text('spendmeter-pill >>> .warning')).toContain('Press Enter or click send again to send anyway.');
    await chat.press(composer, 'End');
    await chat.type(composer, ', please');
    // The held Enter sent nothing: the draft is still there, with the typing after it.
    expect(await chat.value(composer)).toBe('A third question, please');
    expect(await userMessages()).toBe(sentBefore);
    await chat.press(composer, 'Enter');
    await poll(userMessages, (n) => n === sentBefore + 1, 'the second Enter did not send');
    await waitForToday(popup, (f) => f.turns === 2);
    // Still one notification: the budget was already announced as over today.
    expect(await notificationIds(options)).toHaveLength(1);

    // Deleting the data on the options page puts the badge back to nothing spent, neutral. (The
    // page's confirm() is answered yes in the page itself: the same in both browsers.)
    await options.bringToFront();
    await options.evaluate(() => {
      window.confirm = () => true;
      [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Delete all data')!.click();
    });
    await optionsMessage(options, 'All data deleted.');
    await poll(() => badgeColor(options), (c) => same(c, NEUTRAL), 'the badge never went back to neutral');
    expect(await badgeText(options)).toBe('');
    await chat.close();
    await popup.close();
    await options.close();
  });
});
