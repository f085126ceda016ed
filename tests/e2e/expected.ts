/**
 * Expected figures computed independently of the extension's code: js-tiktoken's own encoder for
 * token counts, the catalog JSON read directly for prices.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kRanks from 'js-tiktoken/ranks/o200k_base';

const encoder = new Tiktoken(o200kRanks);

interface CatalogJson {
  models: { id: string; tokenizer: string; price: { input: number; output: number; cachedInput?: number } }[];
  tokenizers: Record<string, { exact: boolean; factors: { prose: number } }>;
}

const catalog = JSON.parse(readFileSync(resolve(process.cwd(), 'lib', 'catalog', 'catalog.json'), 'utf8')) as CatalogJson;

export function modelOf(id: string) {
  const model = catalog.models.find((m) => m.id === id);
  if (!model) throw new Error(`no model ${id} in catalog.json`);
  return { ...model, exact: catalog.tokenizers[model.tokenizer]!.exact, factor: catalog.tokenizers[model.tokenizer]!.factors.prose };
}

/** Tokens of English prose on a model: exact o200k for OpenAI, o200k × the vendor's prose factor otherwise. */
export function tokensOn(modelId: string, text: string): number {
  const n = encoder.encode(text, [], []).length;
  const model = modelOf(modelId);
  return model.exact ? n : Math.round(n * model.factor);
}

export function o200k(text: string): number {
  return encoder.encode(text, [], []).length;
}

export function inputCost(modelId: string, inputTokens: number): number {
  return (inputTokens * modelOf(modelId).price.input) / 1_000_000;
}

export function turnCost(modelId: string, inputTokens: number, outputTokens: number): number {
  const m = modelOf(modelId);
  return (inputTokens * m.price.input + outputTokens * m.price.output) / 1_000_000;
}
