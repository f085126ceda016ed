// Joining a site's report with the turn the page showed: which report fits which turn, and the
// record with the site's figures in place of the counted ones.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { reportRank, turnInputTokens, type ReportedCounts } from '@/lib/ledger/types';
import { ReportedCountsSchema, type TurnRecord } from '@/lib/messaging/protocol';
import { MATCH_SLACK_MS, reportFitsTurn, withSiteUsage } from '@/lib/usage/merge';
import type { StreamUsage } from '@/lib/usage/wire';

const catalog = bundledCatalogData();
const counted: TurnRecord = {
  site: 'claude', conversationId: 'c1', promptKey: 'u1', replyKey: 'a1', model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5',
  promptTokens: 120, contextTokens: 3000, overheadTokens: 2400, outputTokens: 400, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0,
  exact: { prompt: false, context: false, output: false }, reported: { counts: 'none', model: false }, sentAt: 10_000, finishedAt: 20_000, regenerated: false, modelSource: 'picker', replyOpaque: null, tools: [], thinking: false,
};
const usage = (over: Partial<StreamUsage>): StreamUsage => ({ model: null, modelMode: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: null, reasoningTokens: null, totalTokens: null, ...over });

describe('reportFitsTurn', () => {
  const at = (startedAt: number, conversationId: string | null = 'c1') => ({ startedAt, conversationId });
  const cases: [string, ReturnType<typeof at>, boolean][] = [
    ['started at the send', at(10_000), true],
    ['started just before the send (regenerated reply seen late)', at(10_000 - MATCH_SLACK_MS), true],
    ['started too long before the send', at(10_000 - MATCH_SLACK_MS - 1), false],
    ['started as the reply finished', at(20_000), true],
    ['started after the reply finished', at(20_001), false],
    ['another conversation', at(12_000, 'c2'), false],
    ['no conversation named', at(12_000, null), true],
  ];
  for (const [what, report, fits] of cases) it(`${what}: ${fits}`, () => expect(reportFitsTurn(report, counted)).toBe(fits));

  it('a page-only conversation id (temporary chat) matches any named conversation', () => {
    expect(reportFitsTurn(at(12_000, 'server-id'), { ...counted, conversationId: 'page-1' }, true)).toBe(true);
  });
});

describe('withSiteUsage', () => {
  it('full counts replace the counted ones, exact; prompt + context is the uncached input, overhead inside it', () => {
    const merged = withSiteUsage(counted, usage({ model: 'claude-sonnet-4-5-20250929', inputTokens: 1234, cachedInputTokens: 8800, cacheWriteTokens: 210, outputTokens: 57 }), catalog);
    expect(merged).toEqual({
      ...counted,
      model: 'anthropic/claude-sonnet-4-5', modelLabel: 'claude-sonnet-4-5-20250929', modelSource: 'stream',
      promptTokens: 120, contextTokens: 1114, overheadTokens: 0, cachedInputTokens: 8800, cacheWriteTokens: 210, outputTokens: 57, reasoningTokens: 0,
      exact: { prompt: true, context: true, output: true }, reported: { counts: 'full', model: true },
    });
    expect(turnInputTokens(merged)).toBe(1234 + 8800 + 210);
  });

  it('a reported input smaller than the counted prompt (the rest was cached) is all prompt', () => {
    const merged = withSiteUsage(counted, usage({ inputTokens: 50, cachedInputTokens: 6000, outputTokens: 10 }), catalog);
    expect([merged.promptTokens, merged.contextTokens, merged.cachedInputTokens]).toEqual([50, 0, 6000]);
    expect(merged.reported).toEqual({ counts: 'full', model: false });
    expect(merged.model).toBe(counted.model);
  });

  it('reasoning is its own figure (Gemini thoughts)', () => {
    const merged = withSiteUsage(counted, usage({ inputTokens: 4186, cachedInputTokens: 1024, outputTokens: 96, reasoningTokens: 412 }), catalog);
    expect([merged.outputTokens, merged.reasoningTokens]).toEqual([96, 412]);
  });

  it('a total only keeps the counted reply and puts the rest on the input side, still an estimate', () => {
    const merged = withSiteUsage({ ...counted, exact: { prompt: true, context: true, output: true } }, usage({ totalTokens: 1480 }), catalog);
    expect([merged.promptTokens, merged.contextTokens, merged.overheadTokens, merged.outputTokens]).toEqual([120, 960, 0, 400]);
    expect(merged.exact).toEqual({ prompt: false, context: false, output: true });
    expect(merged.reported).toEqual({ counts: 'total', model: false });
    expect(turnInputTokens(merged) + merged.outputTokens).toBe(1480);
  });

  it('a total below the counted reply caps the reply', () => {
    const merged = withSiteUsage(counted, usage({ totalTokens: 300 }), catalog);
    expect([merged.promptTokens + merged.contextTokens, merged.outputTokens, merged.exact.output]).toEqual([0, 300, false]);
  });

  it("the site's model replaces the picker's; one the catalog does not know makes the turn unpriced, never a guess", () => {
    const known = withSiteUsage({ ...counted, site: 'chatgpt', model: 'openai/gpt-5.2' }, usage({ model: 'gpt-5-1' }), catalog);
    expect([known.model, known.modelLabel, known.reported]).toEqual(['openai/gpt-5.1', 'gpt-5-1', { counts: 'none', model: true }]);
    expect(known.promptTokens).toBe(counted.promptTokens);
    const unknown = withSiteUsage(counted, usage({ model: 'gpt-7-secret' }), catalog);
    expect([unknown.model, unknown.modelLabel, unknown.modelSource]).toEqual([null, 'gpt-7-secret', 'stream']);
  });

  it('reads the names streams carry by the same rules as the page: slugs, modes, aliases; a generic name changes nothing', () => {
    const chatgpt = { ...counted, site: 'chatgpt' as const, model: 'openai/gpt-chat-latest', modelSource: 'site default' as const };
    const slug = withSiteUsage(chatgpt, usage({ model: 'gpt-5-6-thinking' }), catalog);
    expect([slug.model, slug.modelSource]).toEqual(['openai/gpt-5.6-sol', 'stream']);
    const gemini = withSiteUsage({ ...counted, site: 'gemini' }, usage({ model: null, modelMode: 'Fast' }), catalog);
    expect([gemini.model, gemini.modelLabel, gemini.modelSource]).toEqual(['google/gemini-3.8-flash', 'Fast', 'mode']);
    const aliased = withSiteUsage({ ...counted, site: 'perplexity' }, usage({ model: 'pplx_alpha' }), catalog, { 'pplx alpha': 'perplexity/sonar-pro' });
    expect([aliased.model, aliased.modelSource]).toEqual(['perplexity/sonar-pro', 'user alias']);
    const generic = withSiteUsage(chatgpt, usage({ model: 'auto' }), catalog);
    expect([generic.model, generic.modelSource, generic.reported.model]).toEqual(['openai/gpt-chat-latest', 'site default', false]);
  });

  it('does not change the record it was given', () => {
    const copy = structuredClone(counted);
    withSiteUsage(counted, usage({ model: 'claude-opus-4-5', inputTokens: 1, outputTokens: 1 }), catalog);
    expect(counted).toEqual(copy);
  });

  it("an output count only (ChatGPT's token_count) replaces the counted reply, exact; the input stays counted", () => {
    const chatgpt: TurnRecord = { ...counted, site: 'chatgpt', model: 'openai/gpt-5.2', exact: { prompt: true, context: true, output: true }, outputTokens: 11 };
    const merged = withSiteUsage(chatgpt, usage({ model: 'gpt-5-3', outputTokens: 13 }), catalog);
    expect([merged.outputTokens, merged.reasoningTokens, merged.exact, merged.reported]).toEqual([13, 0, { prompt: true, context: true, output: true }, { counts: 'output', model: true }]);
    expect([merged.promptTokens, merged.contextTokens, merged.overheadTokens]).toEqual([chatgpt.promptTokens, chatgpt.contextTokens, chatgpt.overheadTokens]);
    expect(withSiteUsage(counted, usage({ outputTokens: 13 }), catalog).exact).toEqual({ prompt: false, context: false, output: true });
  });

  it('an output count never replaces a fuller report', () => {
    for (const counts of ['full', 'total'] as const) {
      const reported: TurnRecord = { ...counted, reported: { counts, model: true } };
      expect(withSiteUsage(reported, usage({ outputTokens: 13 }), catalog)).toEqual(reported);
    }
  });
});

describe('reportRank', () => {
  const rank = (reportedCounts: ReportedCounts, reportedModel = false) => reportRank({ reportedCounts, reportedModel });

  it('orders none < output < total < full, a reported model breaking ties only within a kind', () => {
    expect([rank('none'), rank('none', true), rank('output'), rank('output', true), rank('total'), rank('total', true), rank('full'), rank('full', true)]).toEqual([0, 2, 4, 6, 8, 10, 16, 18]);
  });

  it("the stream's tool calls or thinking break ties below a reported model (issue 18): the stream's record replaces the page's", () => {
    const work = (toolCalls: unknown[], thinking: boolean) => reportRank({ reportedCounts: 'none', reportedModel: false, toolCalls, thinking });
    expect([work([], false), work([{}], false), work([], true)]).toEqual([0, 1, 1]);
    expect(reportRank({ reportedCounts: 'none', reportedModel: true })).toBeGreaterThan(work([{}], true));
    expect(reportRank({ reportedCounts: 'output', reportedModel: false, toolCalls: [{}] })).toBe(5);
  });

  it("a stored 'full' turn is never downgraded by a later 'output' one, and imports accept the new kind", () => {
    expect(rank('output', true)).toBeLessThan(rank('full'));
    expect(ReportedCountsSchema.parse('output')).toBe('output');
  });
});
