// Hidden reasoning (issue 18): which turns are a lower bound. The catalog says which models reason
// (each with a source); a site that counts reasoning is never marked.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData, findModel, parseCatalog, type Model } from '@/lib/catalog';
import { draftReasoningHidden, reasoningHidden, reasoningReported, reasons, SITES_REPORTING_REASONING } from '@/lib/pricing/reasoning';
import type { ReportedCounts } from '@/lib/messaging/protocol';

const catalog = bundledCatalogData();
const model = (id: string): Model => {
  const m = findModel(catalog, id);
  if (!m.found) throw new Error(`not in the catalog: ${id}`);
  return m.model;
};

describe('the catalog says which models reason', () => {
  it.each([
    ['openai/o3', 'always'],
    ['openai/gpt-5', 'always'],
    ['openai/gpt-5.5', 'optional'],
    ['anthropic/claude-opus-4-6', 'optional'],
    ['google/gemini-2.5-pro', 'always'],
    ['google/gemini-3.8-flash', 'optional'],
    ['deepseek/deepseek-reasoner', 'always'],
    ['xai/grok-4', 'always'],
    ['alibaba/qwen3-max', 'optional'],
    ['perplexity/sonar-reasoning-pro', 'always'],
  ])('%s: %s', (id, mode) => {
    expect(model(id).reasoning).toEqual({ mode, source: expect.stringMatching(/docs|model card|guide/), checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('an imported catalog with a reasoning flag of another shape is refused, naming the field', () => {
    const bad = { ...catalog, models: catalog.models.map((m) => (m.id === 'openai/o3' ? { ...m, reasoning: { mode: 'sometimes', source: 'x', checkedAt: '2026-11-30' } } : m)) };
    const at = catalog.models.findIndex((m) => m.id === 'openai/o3');
    expect(() => parseCatalog(bad)).toThrow(new RegExp(`models\\.${at}\\.reasoning\\.mode`));
  });

  it.each(['openai/gpt-4o', 'openai/gpt-4.1', 'anthropic/claude-3-5-sonnet', 'deepseek/deepseek-chat', 'xai/grok-3', 'perplexity/sonar-pro'])('%s: not known to reason', (id) => {
    expect(model(id).reasoning).toBeUndefined();
  });
});

describe('reasons', () => {
  it.each([
    ['a model that always reasons', 'openai/o3', null, false, true],
    ['an optional reasoner without a sign', 'openai/gpt-5.5', 'GPT-5.5', false, false],
    ['an optional reasoner whose label says Thinking', 'openai/gpt-5.5', 'GPT-5.5 Thinking', false, true],
    ['Claude with Extended thinking', 'anthropic/claude-opus-4-6', 'Opus 4.6 Extended', false, true],
    ['DeepThink (深度思考)', 'deepseek/deepseek-v3.2', '深度思考', false, true],
    ['a stream that showed thinking, on a model the catalog does not mark', 'xai/grok-3', 'grok-3', true, true],
    ['a non-reasoning model with no sign', 'openai/gpt-4o', 'GPT-4o', false, false],
  ] as const)('%s', (_name, id, label, seen, expected) => {
    expect(reasons(model(id), label, seen)).toBe(expected);
  });

  it('an unknown model reasons only on a sign', () => {
    expect(reasons(null, null, false)).toBe(false);
    expect(reasons(null, 'Thinking', false)).toBe(true);
  });
});

describe('reasoningHidden: a reasoning turn whose reasoning the site did not count', () => {
  const cases: [string, ReportedCounts, number, boolean][] = [
    ['counted from the page (claude.ai 2025–2026, Gemini, Grok, Perplexity)', 'none', 0, true],
    ["ChatGPT's token_count alone: the visible reply only", 'output', 0, true],
    ['an output count that names reasoning tokens', 'output', 120, false],
    ["DeepSeek's total of input and output", 'total', 0, false],
    ['full counts (AI Studio thoughts, Qwen reasoning_tokens, Anthropic output)', 'full', 0, false],
  ];
  for (const [name, counts, reasoningTokens, hidden] of cases) {
    it(name, () => {
      expect(reasoningReported(counts, reasoningTokens)).toBe(!hidden);
      expect(reasoningHidden({ model: model('openai/o3'), label: null, thinkingSeen: false, counts, reasoningTokens })).toBe(hidden);
    });
  }

  it('never marks a model that does not reason', () => {
    expect(reasoningHidden({ model: model('openai/gpt-4o'), label: 'GPT-4o', thinkingSeen: false, counts: 'none', reasoningTokens: 0 })).toBe(false);
  });
});

describe('the pill: the next turn', () => {
  it('sites whose streams count reasoning are never marked: Qwen, AI Studio, DeepSeek', () => {
    expect([...SITES_REPORTING_REASONING].sort()).toEqual(['aistudio', 'deepseek', 'qwen']);
    for (const site of SITES_REPORTING_REASONING) expect(draftReasoningHidden(site, model('google/gemini-2.5-pro'), null, false)).toBe(false);
  });

  it('Gemini 2.5 Pro on gemini.google.com, o3 on ChatGPT: marked; not once the site reported the last turn in full', () => {
    expect(draftReasoningHidden('gemini', model('google/gemini-2.5-pro'), null, false)).toBe(true);
    expect(draftReasoningHidden('chatgpt', model('openai/o3'), 'o3', false)).toBe(true);
    expect(draftReasoningHidden('claude', model('anthropic/claude-opus-4-6'), 'Opus 4.6 Extended', true)).toBe(false);
    expect(draftReasoningHidden('chatgpt', model('openai/gpt-5.5'), 'GPT-5.5 Instant', false)).toBe(false);
  });
});
