import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalogData, CatalogError, findModel, parseCatalog, turnOverheadTokens } from '../../../lib/catalog';
import { parsePriceTable } from '../../../lib/catalog/price-table';
import { buildCatalog, comparePrice } from '../../../scripts/build-catalog';
import curation from '../../../lib/catalog/curation.json';

const catalog = bundledCatalogData();
// Vitest runs from the project root; ../shared sits beside it on developer machines and in CI.
const PRICES_CSV = resolve('..', 'shared', 'reference', 'prices.csv');

describe('bundled catalog', () => {
  it('passes its schema and carries its data date', () => {
    expect(catalog.models.length).toBeGreaterThan(100);
    expect(catalog.dataAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.version).toContain(curation.pricesAsOf);
  });

  it('is what `npm run catalog` generates from the installed source and curation.json', () => {
    expect(buildCatalog()).toEqual(catalog);
  });

  it('gives every correction a reason, a source and a date', () => {
    for (const c of curation.corrections) {
      expect(c.reason.length, c.model).toBeGreaterThan(5);
      expect(c.source.length, c.model).toBeGreaterThan(5);
      expect(c.date, c.model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('covers the flagship models of the supported sites', () => {
    for (const name of ['gpt-5.5', 'gpt-6-sol', 'claude-sonnet-5', 'claude-opus-4-8', 'gemini-2.5-pro', 'gemini-3.1-pro', 'deepseek-v4-pro', 'mistral-medium-2604', 'grok-4.7', 'sonar-pro', 'qwen3.8-max']) {
      expect(findModel(catalog, name).found, name).toBe(true);
    }
  });
});

describe.skipIf(!existsSync(PRICES_CSV))('cross-check against ../shared/reference/prices.csv', () => {
  const rows = existsSync(PRICES_CSV) ? parsePriceTable(readFileSync(PRICES_CSV, 'utf8')) : [];

  it('has the researched rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(100);
  });

  it.each(rows.map((r) => [`${r.provider}/${r.modelId}`, r] as const))('%s matches price by price', (id, row) => {
    const model = catalog.models.find((m) => m.id === id);
    expect(model, `${id} is missing from the catalog`).toBeDefined();
    expect(comparePrice(row, model!)).toEqual([]);
  });
});

describe('findModel', () => {
  it.each([
    ['gpt-5.5', 'openai/gpt-5.5', 'alias'],
    ['openai/gpt-5.5', 'openai/gpt-5.5', 'id'],
    ['GPT-5.5 Thinking', 'openai/gpt-5.5', 'label'],
    ['ChatGPT 5', 'openai/gpt-5-chat-latest', 'label'],
    ['Sonnet 5', 'anthropic/claude-sonnet-5', 'label'],
    ['  sonnet   5 ', 'anthropic/claude-sonnet-5', 'label'],
    ['2.5 Pro', 'google/gemini-2.5-pro', 'label'],
    ['claude-sonnet-4-20250514', 'anthropic/claude-sonnet-4-0', 'alias'],
    ['claude-opus-4-8-20260101', 'anthropic/claude-opus-4-8', 'alias'],
  ])('%j → %s by %s', (query, id, by) => {
    const m = findModel(catalog, query);
    expect(m.found).toBe(true);
    if (m.found) {
      expect(m.model.id).toBe(id);
      expect(m.matchedBy).toBe(by);
    }
  });

  it.each(['gpt-99', 'claude', 'GPT', 'sonnet', 'gemini', 'claude-sonnet', '', '   ', null, undefined])('never guesses for %j', (query) => {
    expect(findModel(catalog, query).found).toBe(false);
  });
});

describe('Claude tokenizers', () => {
  it.each([
    ['claude-3-7-sonnet-20250219', 'claude-v3', 'claude_v3', 7],
    ['claude-sonnet-4-5', 'claude-v3', 'claude_v3', 7],
    ['claude-haiku-4-5', 'claude-v3', 'claude_v3', 7],
    ['claude-opus-4-6', 'claude-v3', 'claude_v3', 7],
    ['claude-opus-4-7', 'claude-v4-7', 'claude_v4_7', 11],
    ['claude-opus-4-8', 'claude-v4-7', 'claude_v4_7', 11],
    ['Sonnet 5', 'claude-v5', 'claude_v5', 6],
    ['claude-opus-5', 'claude-v5', 'claude_v5', 6],
  ])('%s counts exactly with %s (%s), frame %i tokens per turn', (name, tokenizer, encoding, frame) => {
    const m = findModel(catalog, name);
    if (!m.found) throw new Error(`${name} not found`);
    expect([m.model.tokenizer, m.tokenizer.exact, m.tokenizer.encoding, m.tokenizer.messageOverhead]).toEqual([tokenizer, true, encoding, frame]);
    expect(m.tokenizer.source).toMatch(/ctok/);
    expect(turnOverheadTokens(catalog, m.model, 40)).toBe(40 + frame);
  });

  it('adds no frame for a tokenizer without one, or without a model', () => {
    const gpt = findModel(catalog, 'gpt-5.5');
    expect(gpt.found && turnOverheadTokens(catalog, gpt.model, 40)).toBe(40);
    expect(turnOverheadTokens(catalog, null, 40)).toBe(40);
  });
});

describe('parseCatalog', () => {
  const good = () => structuredClone(catalog) as unknown as Record<string, any>;

  it('rejects a wrong type with the field path and reason', () => {
    const bad = good();
    bad.models[3].price.input = 'cheap';
    expect(() => parseCatalog(bad)).toThrow(CatalogError);
    try {
      parseCatalog(bad);
    } catch (e) {
      expect((e as CatalogError).issues[0]!.path).toBe('models.3.price.input');
      expect((e as CatalogError).message).toMatch(/models\.3\.price\.input: .*number/);
    }
  });

  it.each([
    ['a negative price', (c: any) => (c.models[0].price.output = -1), 'models.0.price.output'],
    ['a missing dataAsOf', (c: any) => delete c.dataAsOf, 'dataAsOf'],
    ['a newer schema version', (c: any) => (c.schemaVersion = 2), 'schemaVersion'],
    ['an unknown tokenizer', (c: any) => (c.models[1].tokenizer = 'nope'), 'models.1.tokenizer'],
    ['descending tiers', (c: any) => (c.models[0].price.tiers = [{ fromInputTokens: 200 }, { fromInputTokens: 100 }]), 'models.0.price.tiers.1.fromInputTokens'],
    ['a label naming two models', (c: any) => (c.models[1].uiLabels = [c.models[0].id]), 'models.1'],
  ])('rejects %s', (_label, mutate, path) => {
    const bad = good();
    mutate(bad);
    let error: CatalogError | undefined;
    try {
      parseCatalog(bad);
    } catch (e) {
      error = e as CatalogError;
    }
    expect(error).toBeInstanceOf(CatalogError);
    expect(error!.issues.map((i) => i.path)).toContain(path);
  });

  it('rejects something that is not a catalog at all', () => {
    expect(() => parseCatalog('hello')).toThrow(/not valid/);
    expect(() => parseCatalog(null)).toThrow(CatalogError);
  });
});
