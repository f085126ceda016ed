/**
 * `npm run screenshots`: the README's pictures of the popup and the options page, light and dark.
 * Builds nothing itself (run `npm run build` first); records a few real turns on the offline
 * fixture sites (the Claude one with the site's limit figures in its stream), sets two budgets and
 * a plan, and saves docs/screenshots/{popup,options}-{light,dark}.png.
 */
import { resolve } from 'node:path';
import { launch, newChatUrl, openPopup, typeDraft, waitForPill, waitForToday } from '../tests/e2e/harness';

const OUT = resolve(process.cwd(), 'docs', 'screenshots');
const TURNS = [
  ['chatgpt.com', 'E', 'Summarise the trade-offs of event sourcing for a small team, in five bullet points.'],
  ['claude.ai', 'hub&net=limits', 'Review this function for off-by-one errors and suggest a clearer name for it.'],
  ['gemini.google.com', 'main', 'Plan a three-day trip to Lisbon on a budget, with one museum a day.'],
  ['claude.ai', 'hub', 'Write a haiku about caching.'],
] as const;

for (const scheme of ['light', 'dark'] as const) {
  const h = await launch({ colorScheme: scheme, viewport: { width: 1000, height: 760 } });
  try {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    for (const [label, value] of [['Daily budget (USD)', '0.05'], ['Monthly budget (USD)', '2']] as const) {
      const field = options.getByLabel(label);
      await field.fill(value);
      await field.press('Tab');
      await options.getByTestId('options-message').filter({ hasText: 'Saved.' }).waitFor();
    }
    await options.getByTestId('plan-select-claude').selectOption('claude-pro');
    await options.getByTestId('options-message').filter({ hasText: 'Saved.' }).waitFor();
    const popup = await openPopup(h);
    let turns = 0;
    for (const [host, gen, text] of TURNS) {
      const chat = await h.context.newPage();
      await chat.goto(newChatUrl(host, `gen=${gen}&stream=10`));
      await typeDraft(chat, text);
      await waitForPill(chat, (f) => f.draftTokens > 0);
      await chat.locator('[data-fixture-composer]').press('Enter');
      await waitForToday(popup, (f) => f.turns === turns + 1, 20_000);
      turns++;
      await chat.close();
    }
    await popup.reload();
    await popup.waitForSelector('[data-testid="budget-day"]');
    await popup.waitForSelector('[data-testid="limit-claude-5h"]');
    await popup.waitForSelector('[data-testid="plan-value-claude"]');
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.screenshot({ path: resolve(OUT, `popup-${scheme}.png`), fullPage: true });
    await options.bringToFront();
    await options.reload();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.getByRole('heading', { name: 'Budgets' }).waitFor();
    await options.evaluate(() => document.getElementById('budgets-h')?.scrollIntoView({ block: 'start' }));
    await options.screenshot({ path: resolve(OUT, `options-${scheme}.png`) });
  } finally {
    await h.close();
  }
}
console.log(`screenshots: ${OUT}/{popup,options}-{light,dark}.png`);
