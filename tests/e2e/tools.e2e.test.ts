// Tools and hidden reasoning (issue 18b) with the built extension: claude.ai's fixture page sends
// its real reply request and the fixture server replays a reply that thinks and searches the web
// twice, with no usage (as claude.ai's streams are). The ledger gets the turn with its two searches
// priced at Anthropic's published $10 per 1,000, the cost joins the day's total, and the popup says
// the turn's cost is a lower bound because the reasoning was not counted.
import { describe, expect, it } from 'vitest';
import { BROWSER_LABEL, type TestPage } from './driver';
import { newChatUrl, openPopup, todayFigures, useBrowser, waitForPill, waitForToday, waitForTurns } from './steps';

let popup: TestPage;
const b = useBrowser({}, async (d) => {
  popup = await openPopup(d);
});

describe(`[${BROWSER_LABEL}] tools and hidden reasoning`, () => {
  it("Claude: two web searches priced apart and joined to the day's spend; the thinking turn marked a lower bound in the popup", async () => {
    const before = await todayFigures(popup);
    const page = await b.d.newPage(newChatUrl('claude.ai', 'net=tools&stream=15'));
    await page.waitFor('spendmeter-pill');
    await page.fill('[data-fixture-composer]', 'Search the web: what does the ledger keep?');
    await waitForPill(page, (f) => f.draftTokens > 0);
    // Sonnet 4.5 reasons only in its thinking mode: the draft is not a lower bound before the reply shows it thinking.
    expect(await page.attr('spendmeter-pill', 'data-reasoning-hidden')).toBe('false');
    await page.press('[data-fixture-composer]', 'Enter');

    const [row] = await waitForTurns(popup, 'claude', (rows) => rows.length === 1 && (rows[0]!.toolCalls as unknown[]).length > 0);
    expect(row).toMatchObject({
      model: 'anthropic/claude-sonnet-4-5',
      reportedModel: true,
      reportedCounts: 'none',
      toolCalls: [{ kind: 'web_search', count: 2, usd: expect.closeTo(0.02, 12) }],
      thinking: true,
      reasoningHidden: true,
    });
    expect(Number(row!.toolUsd)).toBeCloseTo(0.02, 12);
    // The day's spend holds the tokens and the searches, once.
    const after = await waitForToday(popup, (f) => f.turns === before.turns + 1 && Math.abs(f.usd - before.usd - Number(row!.usd) - 0.02) < 1e-9);
    expect(after.turns).toBe(before.turns + 1);

    await popup.reload();
    await popup.waitFor('[data-testid="month-tools"]');
    expect(await popup.text('[data-testid="month-tools"]')).toMatch(/^Tools this month: 2 web searches · \$0\.02 at published per-call prices$/);
    expect(await popup.attr('[data-testid="today-usd"]', 'data-lower-bound')).toBe('true');
    expect(await popup.text('[data-testid="today-usd"]')).toMatch(/^≥ \$/);
    expect(await popup.text('[data-testid="lower-bound"]')).toContain('1 turn with reasoning not visible');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
