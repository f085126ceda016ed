import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import type { TurnRecord } from '@/lib/messaging/protocol';
import { estimateDraft, median } from '@/lib/pricing/estimate';
import { withPriceOverrides } from '@/lib/pricing/overrides';
import { priceTurn } from '@/lib/pricing/turn';

const catalog = bundledCatalogData();
const turn: TurnRecord = {
  site: 'chatgpt', conversationId: 'c', promptKey: 'u', replyKey: 'a', model: 'openai/gpt-5.2', modelLabel: 'GPT-5.2',
  promptTokens: 1000, contextTokens: 9000, overheadTokens: 500, outputTokens: 2000, reasoningTokens: 1000, cachedInputTokens: 0, cacheWriteTokens: 0, reported: { counts: 'none', model: false },
  exact: { prompt: true, context: true, output: true }, sentAt: 1, finishedAt: 2, regenerated: false, modelSource: 'picker', replyOpaque: null, tools: [], thinking: false,
};

describe('priceTurn', () => {
  // GPT-5.2: $1.75 input, $0.175 cached input, $14 output per million tokens.
  it.each([
    ['context at the full input price', 'input' as const, (10_500 * 1.75 + 3000 * 14) / 1e6],
    ['context at the cached-input price', 'cached' as const, (1500 * 1.75 + 9000 * 0.175 + 3000 * 14) / 1e6],
  ])('%s', (_name, contextPricing, usd) => {
    const row = priceTurn(turn, catalog, contextPricing);
    expect(row.priced).toBe(true);
    expect(row.usd).toBeCloseTo(usd, 12);
    expect(row.catalogVersion).toBe(catalog.version);
  });

  it("bills what the site reported as reported: its cache reads and writes, never the user's cached-context assumption", () => {
    // Claude Sonnet 4.5: $3 input, $0.30 cache read, $3.75 cache write, $15 output per million.
    const reported: TurnRecord = {
      ...turn, site: 'claude', model: 'anthropic/claude-sonnet-4-5', promptTokens: 120, contextTokens: 1114, overheadTokens: 0, cachedInputTokens: 8800, cacheWriteTokens: 210,
      outputTokens: 57, reasoningTokens: 0, reported: { counts: 'full', model: true },
    };
    const usd = (1234 * 3 + 8800 * 0.3 + 210 * 3.75 + 57 * 15) / 1e6;
    for (const contextPricing of ['input', 'cached'] as const) {
      const row = priceTurn(reported, catalog, contextPricing);
      expect(row.usd).toBeCloseTo(usd, 12);
      expect(row).toMatchObject({ cacheWriteTokens: 210, reportedCounts: 'full', reportedModel: true });
    }
  });

  it('leaves an unknown model unpriced, never $0', () => {
    const row = priceTurn({ ...turn, model: null, modelLabel: 'Mystery 9' }, catalog, 'input');
    expect(row).toMatchObject({ priced: false, usd: null, model: 'unknown', modelLabel: 'Mystery 9' });
  });

  it('uses a price override and marks it', () => {
    const overridden = withPriceOverrides(catalog, { 'openai/gpt-5.2': { input: 1, output: 2 } });
    expect(priceTurn(turn, overridden, 'input').usd).toBeCloseTo((10_500 * 1 + 3000 * 2) / 1e6, 12);
    expect(overridden.models.find((m) => m.id === 'openai/gpt-5.2')?.price.source).toBe('user override');
  });
});

describe('estimateDraft', () => {
  const model = catalog.models.find((m) => m.id === 'openai/gpt-5.2')!;
  it('prices the draft, the context and the overhead as input, and a typical reply as output', () => {
    const e = estimateDraft({ model, draftTokens: 100, contextTokens: 900, overheadTokens: 0, replyTokens: [100, 300, 200], contextPricing: 'input' }, catalog);
    expect(e.inputUsd).toBeCloseTo((1000 * 1.75) / 1e6, 12);
    expect(e.typicalReplyTokens).toBe(200);
    expect(e.outputUsd).toBeCloseTo((200 * 14) / 1e6, 12);
    expect(e.cheapest!.usd).toBeLessThanOrEqual(e.inputUsd!);
    expect(e.priciest!.usd).toBeGreaterThanOrEqual(e.inputUsd!);
    expect(e.cheapest!.model.provider).toBe('openai');
  });

  it('is unpriced without a model', () => {
    expect(estimateDraft({ model: null, draftTokens: 1, contextTokens: 0, overheadTokens: 0, replyTokens: [], contextPricing: 'input' }, catalog)).toMatchObject({ priced: false, inputUsd: null });
  });

  it.each([[[], null], [[5], 5], [[1, 3], 2], [[9, 1, 5], 5]])('median of %j is %j', (values, m) => {
    expect(median(values)).toBe(m);
  });
});
