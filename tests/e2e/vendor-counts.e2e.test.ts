// Vendor tokenizers on the fixture pages (issue 15): a model with a verified vocabulary shows
// data-exact="true" and the vendor tokenizer's count; a model whose tokenizer is unverified or
// unpublished shows "≈" with its error band, and the band on the host as data-error-band.
// Expected counts come from the oracles in expected.ts, never from the extension's code.
import { describe, expect, it } from 'vitest';
import { BROWSER_LABEL, type TestPage } from './driver';
import { countWith, modelOf } from './expected';
import { newChatUrl, optionsMessage, useBrowser, waitForPill } from './steps';

const b = useBrowser();

const DRAFT = 'How many tokens is this question about tokenizers? Please answer briefly.';

async function setDefaultModel(site: string, model: string): Promise<void> {
  const options = await b.d.extensionPage('options.html');
  const input = `input[aria-label="Default model for ${site}"]`;
  await options.waitFor(input);
  await options.fill(input, model);
  await options.press(input, 'Tab');
  await optionsMessage(options, 'Saved.');
  await options.close();
}

async function draftOn(host: string, gen?: string): Promise<TestPage> {
  const page = await b.d.newPage(newChatUrl(host, gen ? `gen=${gen}` : ''));
  await page.waitFor('spendmeter-pill');
  await page.fill('[data-fixture-composer]', DRAFT);
  return page;
}

async function expectEstimate(page: TestPage, model: string, band: string): Promise<void> {
  const m = modelOf(model);
  const tokens = countWith(m.encoding, DRAFT);
  const pill = await waitForPill(page, (f) => f.model === model && f.draftTokens === tokens);
  expect(pill.exact).toBe(false);
  expect(await page.attr('spendmeter-pill', 'data-error-band')).toBe(band);
  expect(await page.text('spendmeter-pill >>> button.summary')).toMatch(new RegExp(`^≈ ${tokens} ±${Math.round(Number(band) * 100)}% \\+ `));
}

async function expectExact(page: TestPage, model: string): Promise<void> {
  const m = modelOf(model);
  expect(m.exact).toBe(true);
  const tokens = countWith(m.encoding, DRAFT);
  // The pill names a newly picked model at once; the draft's count for it (and its exactness)
  // arrives a moment later, so the wait is for the exact count, not only the name.
  const pill = await waitForPill(page, (f) => f.model === model && f.draftTokens === tokens && f.exact);
  expect(pill.exact).toBe(true);
  expect(await page.attr('spendmeter-pill', 'data-error-band')).toBe('');
  expect(await page.text('spendmeter-pill >>> button.summary')).toMatch(new RegExp(`^${tokens} \\+ `));
}

describe(`[${BROWSER_LABEL}] vendor tokenizers on the fixture pages`, () => {
  it('Grok (tokenizer unpublished): ≈ with the English band', async () => {
    const page = await draftOn('grok.com');
    await expectEstimate(page, 'xai/grok-4.7', '0.05');
    await page.close();
  });

  it('Gemini: exact with the Gemma 3 vocabulary', async () => {
    const page = await draftOn('gemini.google.com');
    const pill = await waitForPill(page, (f) => f.draftTokens > 0 && !f.counting);
    await expectExact(page, pill.model);
    expect(modelOf(pill.model).encoding).toBe('gemma3');
    await page.close();
  });

  it('Le Chat: its default (Mistral Medium 3.5, tekken assumed) is ≈ ±10%; Mistral NeMo counts exactly with tekken', async () => {
    let page = await draftOn('chat.mistral.ai');
    await expectEstimate(page, 'mistral/mistral-medium-2604', '0.1');
    await page.close();
    await setDefaultModel('Le Chat', 'mistral/mistral-nemo');
    page = await draftOn('chat.mistral.ai');
    await expectExact(page, 'mistral/mistral-nemo');
    await page.close();
    await setDefaultModel('Le Chat', '');
  });

  it('DeepSeek: the default V4 Flash is ≈ ±10% (V3 vocabulary, unverified); V3.2 counts exactly', async () => {
    let page = await draftOn('chat.deepseek.com');
    await expectEstimate(page, 'deepseek/deepseek-flash', '0.1');
    await page.close();
    await setDefaultModel('DeepSeek', 'deepseek/deepseek-v3.2');
    page = await draftOn('chat.deepseek.com');
    await expectExact(page, 'deepseek/deepseek-v3.2');
    await page.close();
    await setDefaultModel('DeepSeek', '');
  });

  it('Qwen: the page\'s Qwen3.8-Max is ≈ ±10% (Qwen 3 vocabulary, unverified); switching to Qwen3-Max counts exactly', async () => {
    const page = await draftOn('chat.qwen.ai');
    await expectEstimate(page, 'alibaba/qwen3.8-max', '0.1');
    // The user picks Qwen3-Max in the page's model picker.
    await page.evaluate(() => {
      const label = document.querySelector('.index-module__model-name-text___x1, .ant-dropdown-trigger');
      if (label) label.textContent = 'Qwen3-Max';
    });
    await expectExact(page, 'alibaba/qwen3-max');
    await page.close();
  });
});
