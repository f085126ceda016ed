/**
 * Expected figures computed independently of the extension's code: js-tiktoken's own encoder for
 * OpenAI token counts, @huggingface/tokenizers over the vendor's own tokenizer.json for vendor
 * vocabularies, the catalog JSON read directly for prices. Claude has no offline tokenizer: its
 * reference is our reconstructed counter run in Node, which tests/unit/tokens/claude.test.ts checks
 * against Anthropic's recorded count_tokens results (so the browser tests check the extension
 * delivers that count, exact, for the model the page shows).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200kRanks from 'js-tiktoken/ranks/o200k_base';
import { ClaudeCounter, type ClaudeVocabFile } from '../../lib/tokens/claude';
import { oracle, VENDORS, type VendorName } from '../unit/tokens/vendor-reference';

const encoder = new Tiktoken(o200kRanks);

/** The Claude encodings: the vocabulary file and the message frame each reads it through. */
const CLAUDE: Record<string, { file: string; frame: string }> = {
  claude_v3: { file: 'claude_v3', frame: 'claude_v3' },
  claude_v4_7: { file: 'claude_v4_7', frame: 'claude_v4_7' },
  claude_v5: { file: 'claude_v4_7', frame: 'claude_v5' },
};
const claudeCounters = new Map<string, ClaudeCounter>();

export function countWith(encoding: string, text: string): number {
  if (encoding === 'o200k_base') return encoder.encode(text, [], []).length;
  const claude = CLAUDE[encoding];
  if (claude) {
    let counter = claudeCounters.get(encoding);
    if (!counter) {
      const file = JSON.parse(readFileSync(resolve(process.cwd(), 'lib', 'tokens', 'vocab', `${claude.file}.json`), 'utf8')) as ClaudeVocabFile;
      counter = new ClaudeCounter({ ...file, frame: claude.frame });
      claudeCounters.set(encoding, counter);
    }
    return counter.count(text);
  }
  if (!(encoding in VENDORS)) throw new Error(`no reference tokenizer for ${encoding}`);
  return oracle(encoding as VendorName).count(text);
}

interface CatalogJson {
  models: { id: string; tokenizer: string; price: { input: number; output: number; cachedInput?: number } }[];
  tokenizers: Record<string, { exact: boolean; encoding: string; factors: { prose: number }; messageOverhead?: number }>;
}

const catalog = JSON.parse(readFileSync(resolve(process.cwd(), 'lib', 'catalog', 'catalog.json'), 'utf8')) as CatalogJson;

export function modelOf(id: string) {
  const model = catalog.models.find((m) => m.id === id);
  if (!model) throw new Error(`no model ${id} in catalog.json`);
  const tokenizer = catalog.tokenizers[model.tokenizer]!;
  // `frame`: the tokens the API adds per user message (Claude), a per-turn overhead the pill and the
  // recorded turn add to the input.
  return { ...model, exact: tokenizer.exact, encoding: tokenizer.encoding, factor: tokenizer.factors.prose, frame: tokenizer.messageOverhead ?? 0 };
}

/**
 * Tokens of English prose on a model: the exact count of its vocabulary (OpenAI's, or a vendor's),
 * or for an estimate that vocabulary's count × the tokenizer's prose factor.
 */
export function tokensOn(modelId: string, text: string): number {
  const model = modelOf(modelId);
  const n = countWith(model.encoding, text);
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
