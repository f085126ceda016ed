// Attachments in the draft, in Chromium with the built extension on three fixture sites (ChatGPT,
// Claude and Gemini, each with its documented chip markup): an image and a 12-page PDF are attached
// through the page's own file input; the pill adds their tokens by the vendor's rule (the PDF as a
// range where no per-page figure is published: ChatGPT, Claude; fixed on Gemini 3), the cost
// becomes a range where they are one, the recorded turn carries both ends, and the popup a range
// (today's total, and this month's rows for the site and the model).
import { describe, expect, it } from 'vitest';
import type { TestPage } from './driver';
import { inputCost, modelOf, tokensOn, turnCost } from './expected';
import { poll } from './driver';
import { newChatUrl, openPopup, useBrowser, waitForPill, waitForTurns } from './steps';

let popup: TestPage;
const b = useBrowser({}, async (d) => {
  popup = await openPopup(d);
});

/** Chooses an image (w × h, PNG drawn in the page) and a PDF of `pages` pages in the page's own file input. */
function attach(page: TestPage, image: { w: number; h: number }, pages: number): Promise<void> {
  return page.evaluate(async ({ w, h, pages }) => {
    const canvas = new OffscreenCanvas(w, h);
    canvas.getContext('2d')!.fillRect(0, 0, w / 2, h / 2);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
    const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`, ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R >>')];
    const pdf = `%PDF-1.4\n${objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')}%%EOF`;
    const dt = new DataTransfer();
    dt.items.add(new File([png], 'photo.png', { type: 'image/png' }));
    dt.items.add(new File([pdf], 'report.pdf', { type: 'application/pdf' }));
    const input = document.querySelector('[data-fixture-file]') as HTMLInputElement;
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, { w: image.w, h: image.h, pages });
}

function pillAttachments(page: TestPage) {
  return page.evaluate(() => {
    const host = document.querySelector('spendmeter-pill') as HTMLElement | null;
    const line = host?.shadowRoot?.querySelector('[data-testid="pill-attachments"]')?.textContent ?? null;
    const d = host?.dataset ?? {};
    return { min: Number(d.attachmentTokensMin ?? NaN), max: Number(d.attachmentTokensMax ?? NaN), costUsd: Number(d.costUsd), costUsdMax: Number(d.costUsdMax), line };
  });
}

const CASES = [
  // GPT-5.2: OpenAI's GPT-5 tile rule (70 + 140 per 512 px tile): 1000 × 1000 → 768 × 768 → 4 tiles = 630.
  { host: 'chatgpt.com', site: 'chatgpt', model: 'openai/gpt-5.2', image: 630, line: '+ 1 image ≈ 630 tokens, 1 PDF (12 pages) 18k–36k tokens' },
  // Claude: (1000 × 1000) / 750 = 1334 (Anthropic's published example).
  { host: 'claude.ai', site: 'claude', model: 'anthropic/claude-sonnet-4-5', image: 1334, line: '+ 1 image ≈ 1.3k tokens, 1 PDF (12 pages) 18k–36k tokens' },
  // Gemini 3: fixed costs, no range: 1,120 per image, 560 per PDF page (Google's defaults).
  { host: 'gemini.google.com', site: 'gemini', model: 'google/gemini-3.1-pro', image: 1120, pdfPage: [560, 560], line: '+ 1 image ≈ 1.1k tokens, 1 PDF (12 pages) ≈ 6.7k tokens' },
];

describe.each(CASES as { host: string; site: string; model: string; image: number; pdfPage?: [number, number]; line: string }[])('attachments on $host', ({ host, site, model, image, pdfPage = [1500, 3000], line }) => {
  it('prices an image and a PDF by the rule (a range where none is published), on the pill and in the recorded turn', async () => {
    const page = await b.d.newPage(newChatUrl(host, 'stream=15'));
    await page.waitFor('spendmeter-pill');
    await page.waitFor('[data-fixture-file]');
    await attach(page, { w: 1000, h: 1000 }, 12);
    const draft = `What do these two files say, on ${host}?`;
    await page.fill('[data-fixture-composer]', draft);
    const draftTokens = tokensOn(model, draft);
    await waitForPill(page, (f) => f.draftTokens === draftTokens);

    const min = image + 12 * pdfPage[0];
    const max = image + 12 * pdfPage[1];
    // Claude's message frame is part of every turn's input (the catalog's messageOverhead; 0 elsewhere).
    const input = draftTokens + modelOf(model).frame;
    const shown = await poll(() => pillAttachments(page), (a) => a.min === min && a.max === max, 'the pill never showed the attachments', 15_000);
    expect(shown.line).toBe(line);
    expect(shown.costUsd).toBeCloseTo(inputCost(model, input + min), 12);
    expect(shown.costUsdMax).toBeCloseTo(inputCost(model, input + max), 12);

    await page.press('[data-fixture-composer]', 'Enter');
    const rows = await waitForTurns(popup, site, (r) => r.some((t) => t.attachmentTokensMax === max));
    const row = rows.find((t) => t.attachmentTokensMax === max)!;
    expect(row).toMatchObject({ attachmentTokensMin: min, attachmentTokensMax: max, attachmentImages: 1, attachmentPdfs: 1, attachmentPdfPages: 12, attachmentsUnpriced: 0, promptTokens: draftTokens });
    const replyTokens = row.outputTokens as number;
    expect(row.usd as number).toBeCloseTo(turnCost(model, input + min, replyTokens), 10);
    expect(row.usdMax as number).toBeCloseTo(turnCost(model, input + max, replyTokens), 10);

    // Sent: the chips are gone, and so are the pill's attachments.
    await page.fill('[data-fixture-composer]', 'Next.');
    await poll(() => pillAttachments(page), (a) => a.min === 0 && a.max === 0 && a.line === null, 'the attachments stayed on the pill after the send', 15_000);

    // The popup shows today's spend as a range.
    await popup.reload();
    await popup.waitFor('[data-testid="today-usd"][data-value]');
    const today = await popup.evaluate(() => {
      const cell = document.querySelector('[data-testid="today-usd"]')!;
      return { usd: Number(cell.getAttribute('data-value')), max: Number(cell.getAttribute('data-value-max')), lowerBound: cell.getAttribute('data-lower-bound') === 'true', text: cell.textContent ?? '' };
    });
    // Today's high end is at least this turn's range above its low end; a range reads as one (after
    // "≥ " when a turn of the day had reasoning not visible: GPT-5.2 on ChatGPT).
    expect(today.max - today.usd).toBeGreaterThanOrEqual((row.usdMax as number) - (row.usd as number) - 1e-12);
    if (row.reasoningHidden) expect(today.lowerBound).toBe(true);
    if (max > min) expect(today.text).toMatch(today.lowerBound ? /^≥ \$[\d.]+–\$[\d.]+$/ : /^\$[\d.]+–\$[\d.]+$/);

    // This month's rows for the site and the model show the same range (the turns of the other
    // sites of this file are in other rows): "$0.08–$0.13 · 1", one figure on Gemini 3; after "≥ "
    // as the totals, when this turn's reasoning was not visible (the row holds only this turn).
    for (const selector of [`[data-testid="by-site"] li[data-key="${site}"]`, `[data-testid="by-model"] li[data-key="${model}"]`]) {
      await popup.waitFor(`${selector}[data-value-max]`);
      const shown = await popup.evaluate((sel) => {
        const li = document.querySelector(sel)!;
        return { usd: Number(li.getAttribute('data-value')), max: Number(li.getAttribute('data-value-max')), lowerBound: li.getAttribute('data-lower-bound') === 'true', text: li.querySelector('.figure')?.textContent ?? '' };
      }, selector);
      expect(shown.max - shown.usd).toBeCloseTo((row.usdMax as number) - (row.usd as number), 10);
      expect(shown.lowerBound).toBe(Boolean(row.reasoningHidden));
      const figure = max > min ? '\\$[\\d.]+–\\$[\\d.]+ · \\d+' : '\\$[\\d.]+ · \\d+';
      expect(shown.text).toMatch(new RegExp(`^${row.reasoningHidden ? '≥ ' : ''}${figure}`));
    }
  });
});
