// Tool calls priced at the catalog's published per-call prices (issue 18): a table per provider,
// and "not priced" (null, never $0) for calls without a per-call price.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData, parseCatalog } from '@/lib/catalog';
import { priceToolCalls, toolCallText, toolPriceFor, whyNotPriced } from '@/lib/pricing/tools';
import { priceTurn } from '@/lib/pricing/turn';
import type { TurnRecord } from '@/lib/messaging/protocol';
import type { ToolCall } from '@/lib/usage/tools';

const catalog = bundledCatalogData();

describe('the catalog\'s tool prices', () => {
  it('every price names its source and date, and is what the provider publishes', () => {
    expect(catalog.toolPrices.length).toBeGreaterThanOrEqual(8);
    for (const p of catalog.toolPrices) {
      expect(p.source.length, `${p.provider} ${p.kind}`).toBeGreaterThan(20);
      expect(p.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(catalog.providers.map((x) => x.id)).toContain(p.provider);
    }
  });

  it('a catalog from before tool prices still parses (none), and a price for an unknown provider is refused', () => {
    const { toolPrices: _t, ...old } = catalog;
    expect(parseCatalog(old).toolPrices).toEqual([]);
    const bad = { ...catalog, toolPrices: [{ ...catalog.toolPrices[0]!, provider: 'nobody' }] };
    expect(() => parseCatalog(bad)).toThrow(/toolPrices\.0\.provider: unknown provider nobody/);
  });
});

describe('priceToolCalls', () => {
  const cases: { name: string; model: string | null; calls: ToolCall[]; usd: (number | null)[]; total: number | null }[] = [
    { name: 'OpenAI web search: $10 per 1,000 calls', model: 'openai/gpt-5.2', calls: [{ kind: 'web_search', count: 3 }], usd: [0.03], total: 0.03 },
    { name: 'Anthropic web search: $10 per 1,000 searches', model: 'anthropic/claude-opus-4-6', calls: [{ kind: 'web_search', count: 2 }], usd: [0.02], total: 0.02 },
    { name: 'xAI web, X search and code execution: $5 per 1,000 calls each', model: 'xai/grok-4', calls: [{ kind: 'web_search', count: 4 }, { kind: 'x_search', count: 2 }, { kind: 'code_execution', count: 1 }], usd: [0.02, 0.01, 0.005], total: 0.035 },
    { name: 'Perplexity search: $5 per 1,000 requests', model: 'perplexity/sonar-pro', calls: [{ kind: 'web_search', count: 2 }], usd: [0.01], total: 0.01 },
    { name: 'Gemini 3 grounding: $14 per 1,000 queries', model: 'google/gemini-3.8-flash', calls: [{ kind: 'web_search', count: 5 }], usd: [0.07], total: 0.07 },
    { name: 'Gemini 2.5 grounding: $35 per 1,000 prompts, once however many queries', model: 'google/gemini-2.5-pro', calls: [{ kind: 'web_search', count: 5 }], usd: [0.035], total: 0.035 },
    { name: 'OpenAI code runs are billed per container: not priced', model: 'openai/gpt-5.2', calls: [{ kind: 'code_execution', count: 2 }], usd: [null], total: null },
    { name: 'memory and connector calls have no price: not priced, and a priced search still counts', model: 'openai/gpt-5.2', calls: [{ kind: 'web_search', count: 1 }, { kind: 'memory', count: 4 }, { kind: 'mcp', count: 1 }], usd: [0.01, null, null], total: 0.01 },
    { name: 'DeepSeek publishes no search price', model: 'deepseek/deepseek-chat', calls: [{ kind: 'web_search', count: 3 }], usd: [null], total: null },
    { name: 'an unpriced model prices nothing', model: null, calls: [{ kind: 'web_search', count: 1 }], usd: [null], total: null },
    { name: 'no calls, no cost', model: 'openai/gpt-5.2', calls: [], usd: [], total: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const priced = priceToolCalls(c.calls, c.model, catalog);
      expect(priced.calls.map((p) => p.usd)).toEqual(c.usd.map((u) => (u === null ? null : expect.closeTo(u, 12))));
      if (c.total === null) expect(priced.toolUsd).toBeNull();
      else expect(priced.toolUsd).toBeCloseTo(c.total, 12);
      expect(priced.calls.map((p) => [p.kind, p.count])).toEqual(c.calls.map((x) => [x.kind, x.count]));
    });
  }

  it('says why a call is not priced', () => {
    expect(whyNotPriced(toolPriceFor(catalog, 'openai/gpt-5.2', 'code_execution'), 'openai/gpt-5.2')).toMatch(/billed per container \(\$0\.03 per container/);
    expect(whyNotPriced(toolPriceFor(catalog, 'openai/gpt-5.2', 'memory'), 'openai/gpt-5.2')).toBe('no published per-call price');
    expect(whyNotPriced(null, null)).toBe('the model is unpriced');
    expect(whyNotPriced(toolPriceFor(catalog, 'openai/gpt-5.2', 'web_search'), 'openai/gpt-5.2')).toBeNull();
  });

  it('reads as counts of what was done', () => {
    expect(toolCallText('web_search', 1)).toBe('1 web search');
    expect(toolCallText('web_search', 2)).toBe('2 web searches');
    expect(toolCallText('mcp', 3)).toBe('3 connector calls');
  });
});

describe('priceTurn with tools and reasoning', () => {
  const record: TurnRecord = {
    site: 'chatgpt', conversationId: 'c1', promptKey: 'u1', replyKey: 'a1', model: 'openai/gpt-5.2', modelLabel: 'GPT-5.2 Thinking', modelSource: 'picker',
    promptTokens: 1000, contextTokens: 0, overheadTokens: 0, outputTokens: 1000, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0,
    exact: { prompt: true, context: true, output: true }, reported: { counts: 'none', model: false }, sentAt: 1, finishedAt: 2, regenerated: false, replyOpaque: null,
    tools: [{ kind: 'web_search', count: 2 }, { kind: 'memory', count: 1 }], thinking: false,
  };

  it('keeps the token cost in usd and the priced calls apart in toolUsd; marks a Thinking turn the site did not count', () => {
    const turn = priceTurn(record, catalog, 'input');
    expect(turn.usd).toBeGreaterThan(0);
    expect(turn.toolUsd).toBeCloseTo(0.02, 12);
    expect(turn.toolCalls).toEqual([{ kind: 'web_search', count: 2, usd: expect.closeTo(0.02, 12) }, { kind: 'memory', count: 1, usd: null }]);
    expect(turn.reasoningHidden).toBe(true);
    expect(turn.thinking).toBe(false);
  });

  it('is not marked when the site reported full counts, nor for an Instant turn', () => {
    expect(priceTurn({ ...record, reported: { counts: 'full', model: true } }, catalog, 'input').reasoningHidden).toBe(false);
    expect(priceTurn({ ...record, modelLabel: 'GPT-5.2 Instant' }, catalog, 'input').reasoningHidden).toBe(false);
  });

  it('an unknown model: unpriced tokens and calls, never $0', () => {
    const turn = priceTurn({ ...record, model: 'nobody/model' }, catalog, 'input');
    expect([turn.usd, turn.toolUsd, turn.toolCalls.map((c) => c.usd)]).toEqual([null, null, [null, null]]);
  });
});
