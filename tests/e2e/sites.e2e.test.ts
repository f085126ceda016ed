// Every site and every DOM generation, in Chromium and in Firefox (E2E_BROWSER, see driver.ts) with
// the built extension: the pill shows the right counts and cost, sending records exactly one turn,
// the next draft carries the first turn as context, and reloading records nothing.
import { describe, expect, it } from 'vitest';
import { REPLIES, SITES } from './fixtures/sites.js';
import { BROWSER_LABEL, type TestPage } from './driver';
import { badgeText, newChatUrl, openPopup, settle, todayFigures, useBrowser, waitForPill, waitForToday } from './steps';
import { inputCost, modelOf, tokensOn, turnCost } from './expected';

const CASES = Object.entries(SITES as Record<string, { model: string; generations: Record<string, unknown> }>)
  .filter(([host]) => host !== 'chat.openai.com')
  .flatMap(([host, site]) => Object.keys(site.generations).map((gen) => ({ host, gen, model: site.model })));
CASES.push({ host: 'chat.openai.com', gen: 'A', model: 'openai/gpt-5.2' });

const SITE_NAMES: Record<string, string> = {
  'chatgpt.com': 'ChatGPT', 'chat.openai.com': 'ChatGPT', 'claude.ai': 'Claude', 'gemini.google.com': 'Gemini', 'chat.deepseek.com': 'DeepSeek',
  'chat.mistral.ai': 'Le Chat', 'grok.com': 'Grok', 'www.perplexity.ai': 'Perplexity', 'copilot.microsoft.com': 'Copilot', 'poe.com': 'Poe',
  'openrouter.ai': 'OpenRouter', 'aistudio.google.com': 'AI Studio', 'chat.qwen.ai': 'Qwen Chat',
};

let popup: TestPage;
const b = useBrowser({}, async (d) => {
  popup = await openPopup(d);
});

describe.each(CASES)(`[${BROWSER_LABEL}] $host ($gen)`, ({ host, gen, model }) => {
  it('prices the draft, records one turn per send, none on reload', async () => {
    const page = await b.d.newPage(newChatUrl(host, `gen=${gen}&stream=15`));
    await page.waitFor('spendmeter-pill');

    const draft = `How much does this question cost on ${host}? Please answer briefly.`;
    await page.fill('[data-fixture-composer]', draft);
    const draftTokens = tokensOn(model, draft);
    const { frame } = modelOf(model); // the message frame of a Claude model, per turn
    const pill = await waitForPill(page, (f) => f.draftTokens === draftTokens);
    expect(pill.model).toBe(model);
    expect(pill.contextTokens).toBe(0);
    expect(pill.exact).toBe(modelOf(model).exact);
    expect(Number(pill.costUsd)).toBeCloseTo(inputCost(model, draftTokens + frame), 12);

    const before = await todayFigures(popup);
    await page.press('[data-fixture-composer]', 'Enter');
    const replyTokens = tokensOn(model, REPLIES[0]!);
    const after = await waitForToday(popup, (f) => f.turns === before.turns + 1);
    expect(after.usd - before.usd).toBeCloseTo(turnCost(model, draftTokens + frame, replyTokens), 10);
    expect(await badgeText(popup)).toMatch(/^(\$\d|<1¢)/);
    // The chart's bar for today and the site breakdown carry the same figures.
    const todayBar = await popup.evaluate(() => [...document.querySelectorAll('[data-testid="daily-chart"] [data-day]')].at(-1)?.getAttribute('data-value'));
    expect(Number(todayBar)).toBeCloseTo(after.usd, 12);
    expect(await popup.text('[data-testid="by-site"]')).toContain(SITE_NAMES[host]);

    // The next draft carries the first turn as context.
    const second = 'And a follow-up.';
    await page.fill('[data-fixture-composer]', second);
    const context = draftTokens + replyTokens;
    const next = await waitForPill(page, (f) => f.contextTokens === context && f.draftTokens === tokensOn(model, second));
    expect(Number(next.costUsd)).toBeCloseTo(inputCost(model, context + tokensOn(model, second) + frame), 12);

    // Reload: the conversation comes back as context, and nothing new is recorded (checked after
    // a round trip through the background, so anything the reload sent has been handled).
    await page.reload();
    await page.waitFor('spendmeter-pill');
    await waitForPill(page, (f) => f.contextTokens === context);
    await settle(page);
    expect((await todayFigures(popup)).turns).toBe(after.turns);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
