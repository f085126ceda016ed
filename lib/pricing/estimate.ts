/**
 * The pill's figures: what sending the draft now costs at API prices, what a typical reply would
 * add, and the same request on the cheapest and the priciest model of the same provider.
 */
import type { Catalog, Model } from '../catalog';
import { costAtPrice } from './cost';
import { turnUsage, type ContextPricing } from './turn';

export interface DraftEstimateInput {
  model: Model | null;
  draftTokens: number;
  contextTokens: number;
  overheadTokens: number;
  /** Output tokens of this conversation's earlier replies (for the typical reply length). */
  replyTokens: number[];
  contextPricing: ContextPricing;
}

export interface DraftEstimate {
  priced: boolean;
  /** Input cost of sending now; null when unpriced. */
  inputUsd: number | null;
  typicalReplyTokens: number | null;
  outputUsd: number | null;
  upperBound: boolean;
  cheapest: { model: Model; usd: number } | null;
  priciest: { model: Model; usd: number } | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function inputCost(model: Model, input: DraftEstimateInput): { usd: number; upperBound: boolean } {
  const usage = turnUsage(
    { promptTokens: input.draftTokens, contextTokens: input.contextTokens, overheadTokens: input.overheadTokens, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0 },
    input.contextPricing,
    model.price.cachedInput !== undefined,
  );
  const result = costAtPrice(usage, model.price, model.id);
  return { usd: result.usd, upperBound: result.upperBound };
}

export function estimateDraft(input: DraftEstimateInput, catalog: Catalog): DraftEstimate {
  const typical = median(input.replyTokens);
  if (!input.model) return { priced: false, inputUsd: null, typicalReplyTokens: typical, outputUsd: null, upperBound: false, cheapest: null, priciest: null };
  const model = input.model;
  const { usd, upperBound } = inputCost(model, input);
  const promptTokens = input.draftTokens + input.contextTokens + input.overheadTokens;
  const outputUsd = typical === null ? null : costAtPrice({ inputTokens: promptTokens, outputTokens: typical }, model.price, model.id).breakdown.output;
  let cheapest: DraftEstimate['cheapest'] = null;
  let priciest: DraftEstimate['priciest'] = null;
  for (const other of catalog.models) {
    if (other.provider !== model.provider) continue;
    const c = inputCost(other, input).usd;
    if (!cheapest || c < cheapest.usd) cheapest = { model: other, usd: c };
    if (!priciest || c > priciest.usd) priciest = { model: other, usd: c };
  }
  return { priced: true, inputUsd: usd, typicalReplyTokens: typical, outputUsd, upperBound, cheapest, priciest };
}
