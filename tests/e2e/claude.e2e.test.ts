// Claude's exact counts in the browser (Chromium and Firefox, see driver.ts): on the claude.ai
// fixture page the pill shows data-exact="true" and the reconstructed count for the model the
// picker shows, for each generation of the vocabulary (v3: Sonnet 4.5; v4.7: Opus 4.7; Claude 5:
// Sonnet 5), and the cost adds the model's message frame to the draft, not to its count.
import { describe, expect, it } from 'vitest';
import { BROWSER_LABEL } from './driver';
import { inputCost, modelOf, tokensOn } from './expected';
import { newChatUrl, useBrowser, waitForPill } from './steps';

const LABEL = '[data-testid="model-selector-dropdown"] .whitespace-nowrap';
// Like the held-out check of issue 15: English, a line of JavaScript, a Chinese sentence (on one
// line: the composer is a rich-text editor, whose paragraphs are the page's business). It opens
// with a digit, where Claude 5's message frame counts one token less than Opus 4.7's on the same
// vocabulary, so all three generations give different counts (56, 67, 66).
const DRAFT = '3 things before Friday? The CSV export keeps dropping rows: const rows = data.filter((r) => r.total > 0).map(toCsv); 东京是日本的首都，也是最大的城市。';

const b = useBrowser();

describe(`[${BROWSER_LABEL}] Claude counts exactly with the reconstructed vocabulary`, () => {
  it('shows the exact count for each generation the picker names', async () => {
    const page = await b.d.newPage(newChatUrl('claude.ai', 'gen=hub&stream=15'));
    await page.waitFor('spendmeter-pill');
    await page.fill('[data-fixture-composer]', DRAFT);
    const counts: number[] = [];
    for (const [label, model, encoding] of [
      ['Sonnet 4.5', 'anthropic/claude-sonnet-4-5', 'claude_v3'],
      ['Opus 4.7', 'anthropic/claude-opus-4-7', 'claude_v4_7'],
      ['Sonnet 5', 'anthropic/claude-sonnet-5', 'claude_v5'],
    ] as const) {
      await page.evaluate(({ selector, text }) => void (document.querySelector(selector)!.textContent = text), { selector: LABEL, text: label });
      expect(modelOf(model)).toMatchObject({ exact: true, encoding });
      const tokens = tokensOn(model, DRAFT);
      const pill = await waitForPill(page, (f) => f.model === model && f.draftTokens === tokens, 20_000);
      expect(pill.exact).toBe(true);
      expect(await page.evaluate(() => document.querySelector('spendmeter-pill')!.getAttribute('data-exact'))).toBe('true');
      expect(Number(pill.costUsd)).toBeCloseTo(inputCost(model, tokens + modelOf(model).frame), 12);
      counts.push(tokens);
    }
    // The generations really differ on this draft: v4.7's vocabulary, and Claude 5's frame.
    expect(new Set(counts).size).toBe(3);
    expect(counts[1]).toBeGreaterThan(counts[0]!);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
