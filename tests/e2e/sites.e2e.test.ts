// Every site and every DOM generation, in real Chromium with the built extension: the pill shows
// the right counts and cost, sending records exactly one turn, the next draft carries the first
// turn as context, and reloading records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPLIES, SITES } from './fixtures/sites.js';
import { badgeText, launch, newChatUrl, openPopup, todayFigures, typeDraft, waitForPill, waitForToday, type Harness } from './harness';
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

let h: Harness;
let popup: Page;

beforeAll(async () => {
  h = await launch();
  popup = await openPopup(h);
});

afterAll(async () => {
  await h?.close();
});

describe.each(CASES)('$host ($gen)', ({ host, gen, model }) => {
  it('prices the draft, records one turn per send, none on reload', async () => {
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(newChatUrl(host, `gen=${gen}&stream=15`));
    await page.waitForSelector('spendmeter-pill', { state: 'attached', timeout: 15_000 });

    const draft = `How much does this question cost on ${host}? Please answer briefly.`;
    await typeDraft(page, draft);
    const draftTokens = tokensOn(model, draft);
    const pill = await waitForPill(page, (f) => f.draftTokens === draftTokens);
    expect(pill.model).toBe(model);
    expect(pill.contextTokens).toBe(0);
    expect(pill.exact).toBe(modelOf(model).exact);
    expect(Number(pill.costUsd)).toBeCloseTo(inputCost(model, draftTokens), 12);

    const before = await todayFigures(popup);
    await page.locator('[data-fixture-composer]').press('Enter');
    const replyTokens = tokensOn(model, REPLIES[0]!);
    const after = await waitForToday(popup, (f) => f.turns === before.turns + 1);
    expect(after.usd - before.usd).toBeCloseTo(turnCost(model, draftTokens, replyTokens), 10);
    expect(await badgeText(h)).toMatch(/^(\$\d|<1¢)/);
    // The chart's bar for today and the site breakdown carry the same figures.
    const todayBar = popup.locator('[data-testid="daily-chart"] [data-day]').last();
    expect(Number(await todayBar.getAttribute('data-value'))).toBeCloseTo(after.usd, 12);
    expect(await popup.getByTestId('by-site').textContent()).toContain(SITE_NAMES[host]);

    // The next draft carries the first turn as context.
    const second = 'And a follow-up.';
    await typeDraft(page, second);
    const context = draftTokens + replyTokens;
    const next = await waitForPill(page, (f) => f.contextTokens === context && f.draftTokens === tokensOn(model, second));
    expect(Number(next.costUsd)).toBeCloseTo(inputCost(model, context + tokensOn(model, second)), 12);

    // Reload: the conversation comes back as context, and nothing new is recorded.
    await page.reload();
    await page.waitForSelector('spendmeter-pill', { state: 'attached', timeout: 15_000 });
    await waitForPill(page, (f) => f.contextTokens === context);
    await page.waitForTimeout(1500);
    expect((await todayFigures(popup)).turns).toBe(after.turns);
    expect(errors).toEqual([]);
    await page.close();
  });
});
