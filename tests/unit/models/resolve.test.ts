// The model resolver: names as the sites write them, per-site modes, and the order of evidence.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData, findModel } from '@/lib/catalog';
import { isUnrecognised, resolveModel, resolveName, type ModelEvidence } from '@/lib/models/resolve';
import { GEMINI_PICKER_IDS, GENERIC_LABELS, SITE_MODES } from '@/lib/models/site-modes';
import { ADAPTERS } from '@/lib/sites';
import type { SiteId } from '@/lib/sites/hosts';

const catalog = bundledCatalogData();
const meaning = (site: SiteId, name: string) => {
  const m = resolveName(site, name, catalog);
  return m.kind === 'model' ? `${m.model.id} (${m.by})` : m.kind === 'unpriced' ? `unpriced (${m.by})` : 'generic';
};

describe('names as the sites write them', () => {
  it.each<[SiteId, string, string]>([
    // ChatGPT slugs on messages and in streams: dashes for dots, mode suffixes.
    ['chatgpt', 'gpt-5-5', 'openai/gpt-5.5 (catalog)'],
    ['chatgpt', 'gpt-5-3', 'openai/gpt-5.3 (catalog)'],
    ['chatgpt', 'gpt-4o', 'openai/gpt-4o (catalog)'],
    ['chatgpt', 'gpt-4-1-mini', 'openai/gpt-4.1-mini (catalog)'],
    ['chatgpt', 'gpt-5-6-thinking', 'openai/gpt-5.6-sol (catalog)'],
    ['chatgpt', 'gpt-5-1-thinking', 'openai/gpt-5.1 (catalog)'],
    ['chatgpt', 'gpt-5-3-mini', 'openai/gpt-5.4-mini (mode)'],
    ['chatgpt', 'gpt-5-6-auto-thinking', 'openai/gpt-5.6-sol (mode)'],
    ['chatgpt', 'GPT-5.5 Thinking', 'openai/gpt-5.5 (catalog)'],
    ['chatgpt', 'GPT-5.2', 'openai/gpt-5.2 (catalog)'],
    // Typeset hyphens (OpenAI writes "GPT‑5" with a non-breaking one) are hyphens.
    ['chatgpt', 'GPT\u20115.5 Thinking', 'openai/gpt-5.5 (catalog)'],
    ['chatgpt', 'GPT\u20135.2', 'openai/gpt-5.2 (catalog)'],
    // A name written with spaces where the API id has dashes.
    ['mistral', 'Mistral Medium 3.1', 'mistral/mistral-medium-2508 (catalog)'],
    ['grok', 'Grok Code Fast 1', 'xai/grok-code-fast-1 (catalog)'],
    // A mark between the model and its setting.
    ['claude', 'Sonnet 4.5 \u00b7 Extended thinking', 'anthropic/claude-sonnet-4-5 (catalog)'],
    // Ids whose slash and colon are part of the name.
    ['openrouter', 'x-ai/grok-4.3', 'xai/grok-4.3 (catalog)'],
    // A price-changing word stays part of the name.
    ['chatgpt', 'GPT-5 Pro', 'openai/gpt-5-pro (catalog)'],
    ['chatgpt', 'gpt-5-5-pro', 'openai/gpt-5.5-pro (catalog)'],
    ['chatgpt', 'GPT-5.4 mini', 'openai/gpt-5.4-mini (catalog)'],
    ['chatgpt', 'Pro', 'unpriced (mode)'],
    ['chatgpt', 'Thinking', 'openai/gpt-5.6-sol (mode)'],
    ['chatgpt', 'ChatGPT', 'generic'],
    ['chatgpt', 'auto', 'generic'],
    ['chatgpt', 'research', 'generic'], // a Deep Research reply's slug names no chat model
    // Claude: effort and thinking words are settings of the same model.
    ['claude', 'Sonnet 4.5', 'anthropic/claude-sonnet-4-5 (catalog)'],
    ['claude', 'Sonnet 4.5 Extended', 'anthropic/claude-sonnet-4-5 (catalog)'],
    ['claude', 'Sonnet 4.6 Adaptive', 'anthropic/claude-sonnet-4-6 (catalog)'],
    ['claude', 'Fable 5 Max', 'anthropic/claude-fable-5 (catalog)'],
    ['claude', 'Opus 4.8', 'anthropic/claude-opus-4-8 (catalog)'],
    ['claude', 'Opus 4.8 Medium', 'anthropic/claude-opus-4-8 (catalog)'],
    ['claude', 'claude-opus-4-7', 'anthropic/claude-opus-4-7 (catalog)'],
    ['claude', 'claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5 (catalog)'],
    ['claude', 'claude-opus-5', 'anthropic/claude-opus-5 (catalog)'],
    // Gemini and Grok name modes, in the languages their UIs ship.
    ['gemini', 'Flash', 'google/gemini-3.8-flash (mode)'],
    ['gemini', 'Fast', 'google/gemini-3.8-flash (mode)'],
    ['gemini', '高速モード', 'google/gemini-3.8-flash (mode)'],
    ['gemini', 'Thinking', 'google/gemini-3.8-flash (mode)'],
    ['gemini', 'Pro', 'google/gemini-3.1-pro (mode)'],
    ['gemini', '3.1 Pro', 'google/gemini-3.1-pro (catalog)'],
    ['gemini', 'Deep Think', 'unpriced (mode)'],
    ['gemini', 'Gemini', 'generic'],
    ['grok', '自动模式', 'xai/grok-4.7 (mode)'],
    ['grok', 'Auto', 'xai/grok-4.7 (mode)'],
    ['grok', 'Expert', 'xai/grok-4.7 (mode)'],
    ['grok', 'grok-4-auto', 'xai/grok-4.7 (mode)'],
    ['grok', 'grok-3', 'xai/grok-4.7 (mode)'], // grok.com's Fast slot, not the API's grok-3
    ['grok', 'Heavy', 'unpriced (mode)'],
    ['grok', 'Grok 4.7', 'xai/grok-4.7 (catalog)'],
    // Modes elsewhere, and the names streams carry.
    ['deepseek', 'Expert', 'deepseek/deepseek-v4-pro (mode)'],
    ['deepseek', 'DeepThink', 'generic'],
    ['copilot', 'Smart', 'openai/gpt-5 (mode)'],
    ['perplexity', 'pplx_pro', 'perplexity/sonar-pro (mode)'],
    ['perplexity', 'Best', 'generic'],
    ['qwen', 'Qwen3.6-Plus', 'alibaba/qwen3.6-plus (catalog)'],
    ['qwen', 'qwen3-max', 'alibaba/qwen3-max (catalog)'],
    // Unknown stays unpriced: never a guess from a family prefix.
    ['claude', 'Ultra 7', 'unpriced (unknown)'],
    ['chatgpt', 'gpt-7-secret', 'unpriced (unknown)'],
    ['gemini', 'Gemini 9 Flash', 'unpriced (unknown)'],
    ['qwen', 'Qwen3.9-Max', 'unpriced (unknown)'],
  ])('%s: %j → %s', (site, name, expected) => expect(meaning(site, name)).toBe(expected));
});

describe('the order of evidence', () => {
  const base: ModelEvidence = { site: 'chatgpt', siteDefault: 'openai/gpt-chat-latest' };
  const resolve = (e: Partial<ModelEvidence>) => {
    const r = resolveModel({ ...base, ...e }, catalog);
    return [r.model?.id ?? null, r.source, r.read];
  };

  it.each<[string, Partial<ModelEvidence>, (string | null)[]]>([
    ['stream first', { stream: 'gpt-5-3', reply: 'gpt-5-5', picker: 'GPT-5.2' }, ['openai/gpt-5.3', 'stream', 'gpt-5-3']],
    ['then the latest reply', { reply: 'gpt-5-5', picker: 'GPT-5.2' }, ['openai/gpt-5.5', 'reply', 'gpt-5-5']],
    ['then the picker', { picker: 'GPT-5.2' }, ['openai/gpt-5.2', 'picker', 'GPT-5.2']],
    ['a mode by the table', { picker: 'Thinking' }, ['openai/gpt-5.6-sol', 'mode', 'Thinking']],
    ['a generic label passes on', { picker: 'ChatGPT', reply: null }, ['openai/gpt-chat-latest', 'site default', null]],
    ['a generic stream name passes on', { stream: 'auto', reply: 'gpt-4o' }, ['openai/gpt-4o', 'reply', 'gpt-4o']],
    ['the user default before the site default', { picker: 'ChatGPT', userDefault: 'openai/gpt-5.4' }, ['openai/gpt-5.4', 'user default', null]],
    ['an unknown name decides, unpriced, over the defaults', { picker: 'Ultra 7', userDefault: 'openai/gpt-5.4' }, [null, 'picker', 'Ultra 7']],
    ['the user alias prices that label', { picker: 'Ultra 7', aliases: { 'ultra 7': 'openai/gpt-5.5-pro' } }, ['openai/gpt-5.5-pro', 'user alias', 'Ultra 7']],
    ['an alias to a model no longer in the catalog is no alias', { picker: 'Ultra 7', aliases: { 'ultra 7': 'openai/gone' } }, [null, 'picker', 'Ultra 7']],
    ['a mode the stream names', { site: 'gemini', siteDefault: 'google/gemini-3.8-flash', streamMode: 'Fast', picker: 'Pro' }, ['google/gemini-3.8-flash', 'mode', 'Fast']],
    ['blank text is no evidence', { stream: '  ', reply: '', picker: 'GPT-5.2' }, ['openai/gpt-5.2', 'picker', 'GPT-5.2']],
  ])('%s', (_name, evidence, expected) => expect(resolve(evidence)).toEqual(expected));

  it('tells an unknown name from a mode with no API model', () => {
    expect(isUnrecognised(resolveModel({ ...base, picker: 'Ultra 7' }, catalog))).toBe(true);
    expect(isUnrecognised(resolveModel({ ...base, picker: 'Pro' }, catalog))).toBe(false);
    expect(isUnrecognised(resolveModel({ ...base, picker: 'GPT-5.2' }, catalog))).toBe(false);
  });
});

describe('the mode tables', () => {
  it('map to catalog models only, each with a date and a source', () => {
    for (const mode of SITE_MODES) {
      if (mode.model !== null) expect(findModel(catalog, mode.model).found, `${mode.site} ${mode.labels[0]} → ${mode.model}`).toBe(true);
      expect(mode.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(mode.source.length, `${mode.site} ${mode.labels[0]}`).toBeGreaterThan(20);
      expect(mode.labels.length).toBeGreaterThan(0);
    }
    for (const id of Object.values(GEMINI_PICKER_IDS)) expect(findModel(catalog, id).found, id).toBe(true);
  });

  it('never give one label two meanings on one site', () => {
    for (const site of Object.keys(ADAPTERS) as SiteId[]) {
      const seen = new Map<string, string | null>();
      for (const mode of SITE_MODES.filter((m) => m.site === site)) {
        for (const label of mode.labels) {
          const key = label.toLowerCase();
          if (seen.has(key)) expect(seen.get(key), `${site}: ${label}`).toBe(mode.model);
          seen.set(key, mode.model);
        }
      }
      for (const generic of GENERIC_LABELS[site] ?? []) expect(seen.has(generic.toLowerCase()), `${site}: "${generic}" is both a mode and generic`).toBe(false);
    }
  });

  it('every site default is a catalog model', () => {
    for (const adapter of Object.values(ADAPTERS)) expect(findModel(catalog, adapter.spec.defaultModel).found, adapter.id).toBe(true);
  });
});
