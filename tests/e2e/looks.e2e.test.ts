// Accessibility and looks, in both themes: axe-core finds nothing on the popup and the options page
// (with figures, budgets, limits and a plan in them), and the pill is photographed on every site, light and dark,
// into artifacts/screenshots/ (kept out of git).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SITES } from './fixtures/sites.js';
import { launch, newChatUrl, openPopup, typeDraft, waitForPill, waitForToday, type Harness } from './harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = resolve(process.cwd(), 'artifacts', 'screenshots');
const HOSTS = Object.keys(SITES).filter((host) => host !== 'chat.openai.com');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.each(['light', 'dark'] as const)('%s theme', (scheme) => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch({ colorScheme: scheme });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('has no axe violations on the popup or the options page', async () => {
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const daily = options.getByLabel('Daily budget (USD)');
    await daily.fill('0.001');
    await daily.press('Tab');
    await options.getByTestId('options-message').filter({ hasText: 'Saved.' }).waitFor();
    // A plan and limit readings, so that the popup's limits and plan sections are checked too.
    await options.getByTestId('plan-select-claude').selectOption('claude-pro');
    await options.getByTestId('plan-price-claude').waitFor();
    const sw = await h.serviceWorker();
    await sw.evaluate(async () => {
      const now = Date.now();
      const reading = (window: string, used: number, hours: number, seconds: number) => ({ site: 'claude', window, used, remaining: null, total: null, resetsAt: now + hours * 3_600_000, windowSeconds: seconds, seenAt: now, history: [] });
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ limitBook: { 'claude:5h': reading('5h', 0.86, 2, 18000), 'claude:7d': reading('7d', 0.42, 90, 604800) } });
    });
    // A turn, so that the popup has figures, a chart, breakdowns and a budget bar to check.
    const popup = await openPopup(h);
    const chat = await h.context.newPage();
    await chat.goto(newChatUrl('claude.ai', 'gen=hub&stream=10'));
    await typeDraft(chat, 'A question for the accessibility check.');
    await waitForPill(chat, (f) => f.draftTokens > 0);
    await chat.locator('[data-fixture-composer]').press('Enter');
    await waitForToday(popup, (f) => f.turns === 1);
    await chat.close();
    await popup.reload();
    await popup.waitForSelector('[data-testid="budget-day"]');
    await popup.waitForSelector('[data-testid="by-model"]');
    await popup.waitForSelector('[data-testid="limit-claude-5h"]');
    await popup.waitForSelector('[data-testid="plan-value-claude"]');
    expect(await axeViolations(popup)).toEqual([]);
    await options.reload();
    await options.getByRole('heading', { name: 'Budgets' }).waitFor();
    expect(await axeViolations(options)).toEqual([]);
    await popup.close();
    await options.close();
  });

  it('photographs the pill on every site', async () => {
    for (const host of HOSTS) {
      const page = await h.context.newPage();
      await page.goto(newChatUrl(host));
      await typeDraft(page, 'How much will this question cost me?');
      await waitForPill(page, (f) => f.draftTokens > 0);
      // The fixtures are light pages; a dark site is imitated by a style sheet added once the pill
      // shows, which the pill follows like any theme switch (no resize, no reload).
      if (scheme === 'dark') await page.addStyleTag({ content: 'html, body, body *:not(spendmeter-pill) { background-color: #1a1a1a !important; color: #eee !important; }' });
      await page
        .waitForFunction((theme) => document.querySelector('spendmeter-pill')?.getAttribute('data-theme') === theme, scheme, { timeout: 5000 })
        .catch(() => {
          throw new Error(`the pill on ${host} did not follow the ${scheme} page`);
        });
      const path = resolve(SHOTS, `pill-${host}-${scheme}.png`);
      await page.screenshot({ path });
      expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
      await page.close();
    }
  });
});
