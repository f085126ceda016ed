/**
 * The cost engine: pure functions from token counts and a catalog price to USD.
 *
 * Rules: a long-context tier applies to the whole request once the prompt (uncached + cached +
 * cache-write input) reaches its `fromInputTokens`; cached input is billed at the cached-input price
 * and, when the model has none, at the full input price with the result marked as an upper bound;
 * reasoning tokens are billed as output (they are output tokens the site does not show).
 */
import { findModel, type Catalog, type Price } from '../catalog';

export interface Usage {
  /** Uncached input tokens (prompt, re-sent context, hidden overhead). */
  inputTokens: number;
  /** Input tokens read from a prompt cache. */
  cachedInputTokens?: number;
  /** Input tokens written to a prompt cache. */
  cacheWriteTokens?: number;
  /** Visible output tokens. */
  outputTokens: number;
  /** Hidden reasoning tokens, billed as output. */
  reasoningTokens?: number;
}

export interface CostBreakdown {
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

export type CostResult =
  | {
      priced: true;
      usd: number;
      breakdown: CostBreakdown;
      modelId: string;
      /** The tier's threshold when a long-context tier applied. */
      tierFromInputTokens?: number;
      /** True when cached tokens were billed at the full input price for want of a cached price. */
      upperBound: boolean;
    }
  | { priced: false; reason: string };

export interface Rates {
  input: number;
  cachedInput: number | undefined;
  cacheWrite: number | undefined;
  output: number;
  tierFromInputTokens?: number;
}

/** The rates in force for a prompt of `promptTokens` (the highest tier reached, else the base). */
export function ratesFor(price: Price, promptTokens: number): Rates {
  let rates: Rates = { input: price.input, cachedInput: price.cachedInput, cacheWrite: price.cacheWrite, output: price.output };
  for (const tier of price.tiers) {
    if (promptTokens < tier.fromInputTokens) break;
    rates = {
      input: tier.input ?? price.input,
      cachedInput: tier.cachedInput ?? price.cachedInput,
      cacheWrite: tier.cacheWrite ?? price.cacheWrite,
      output: tier.output ?? price.output,
      tierFromInputTokens: tier.fromInputTokens,
    };
  }
  return rates;
}

function tokenCount(n: number | undefined, field: string): number {
  const v = n ?? 0;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${field} must be a non-negative number, got ${n}`);
  return v;
}

/** Cost of `usage` at `price`. */
export function costAtPrice(usage: Usage, price: Price, modelId: string): CostResult & { priced: true } {
  const input = tokenCount(usage.inputTokens, 'inputTokens');
  const cached = tokenCount(usage.cachedInputTokens, 'cachedInputTokens');
  const written = tokenCount(usage.cacheWriteTokens, 'cacheWriteTokens');
  const output = tokenCount(usage.outputTokens, 'outputTokens');
  const reasoning = tokenCount(usage.reasoningTokens, 'reasoningTokens');
  const rates = ratesFor(price, input + cached + written);
  const perToken = (usdPerMillion: number) => usdPerMillion / 1_000_000;
  const breakdown: CostBreakdown = {
    input: input * perToken(rates.input),
    cachedInput: cached * perToken(rates.cachedInput ?? rates.input),
    cacheWrite: written * perToken(rates.cacheWrite ?? rates.input),
    output: output * perToken(rates.output),
    reasoning: reasoning * perToken(rates.output),
  };
  const usd = breakdown.input + breakdown.cachedInput + breakdown.cacheWrite + breakdown.output + breakdown.reasoning;
  const result: CostResult & { priced: true } = {
    priced: true,
    usd,
    breakdown,
    modelId,
    upperBound: cached > 0 && rates.cachedInput === undefined,
  };
  if (rates.tierFromInputTokens !== undefined) result.tierFromInputTokens = rates.tierFromInputTokens;
  return result;
}

/** Cost of `usage` on the catalog model named `model` (id, alias or UI label); unpriced if unknown. */
export function cost(usage: Usage & { model: string | null | undefined }, catalog: Catalog): CostResult {
  const match = findModel(catalog, usage.model);
  if (!match.found) {
    return { priced: false, reason: match.query ? `"${match.query}" is not in the price catalog` : 'no model was identified' };
  }
  return costAtPrice(usage, match.model.price, match.model.id);
}
