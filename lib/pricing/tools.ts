/**
 * Pricing the tool calls of a turn (issue 18): each kind at its provider's published per-call price
 * from the catalog (`toolPrices`, each with its source and date). A call without such a price is
 * "not priced", never $0: a tool with no published price, one billed by container time (which a
 * chat's stream cannot show), or any call of a model the catalog does not know.
 */
import type { Catalog, ToolPrice } from '../catalog';
import type { ToolCall, ToolKind } from '../usage/tools';

export interface PricedToolCall {
  kind: ToolKind;
  count: number;
  /** What the calls cost at the published price; null when not priced. */
  usd: number | null;
}

/** The catalog's price for `kind` on `modelId`'s provider (and model, where the price names models), or null. */
export function toolPriceFor(catalog: Pick<Catalog, 'toolPrices'>, modelId: string | null, kind: ToolKind): ToolPrice | null {
  if (modelId === null) return null;
  const provider = modelId.slice(0, modelId.indexOf('/'));
  return catalog.toolPrices.find((p) => p.provider === provider && p.kind === kind && (p.models === undefined || new RegExp(p.models).test(modelId))) ?? null;
}

/** Why a kind is not priced on this model, or null when it is. */
export function whyNotPriced(price: ToolPrice | null, modelId: string | null): string | null {
  if (modelId === null) return 'the model is unpriced';
  if (price === null) return 'no published per-call price';
  if (price.unit === 'container' || price.unit === 'container-hour') return `billed per ${price.unit === 'container' ? 'container' : 'container-hour'} (${price.published}), which the chat does not show`;
  return null;
}

function priceOne(call: ToolCall, price: ToolPrice | null, modelId: string | null): number | null {
  if (whyNotPriced(price, modelId) !== null || price === null) return null;
  // A per-prompt price (Gemini 2.5 grounding) is one fee for the turn, however many queries it ran.
  return price.unit === 'prompt' ? price.usdPerUnit : call.count * price.usdPerUnit;
}

/**
 * The turn's tool calls with their cost, and the total of those priced (null when none is): the
 * figure that joins the turn's token cost.
 */
export function priceToolCalls(calls: readonly ToolCall[], modelId: string | null, catalog: Pick<Catalog, 'toolPrices'>): { calls: PricedToolCall[]; toolUsd: number | null } {
  let toolUsd: number | null = null;
  const priced = calls.map((call) => {
    const usd = priceOne(call, toolPriceFor(catalog, modelId, call.kind), modelId);
    if (usd !== null) toolUsd = (toolUsd ?? 0) + usd;
    return { kind: call.kind, count: call.count, usd };
  });
  return { calls: priced, toolUsd };
}

/** How a kind reads in the pill, the popup and the README ("2 web searches"). */
export const TOOL_NAMES: Record<ToolKind, [one: string, many: string]> = {
  web_search: ['web search', 'web searches'],
  web_fetch: ['page fetch', 'page fetches'],
  x_search: ['X search', 'X searches'],
  code_execution: ['code run', 'code runs'],
  image_generation: ['image generated', 'images generated'],
  research: ['research step', 'research steps'],
  memory: ['memory update', 'memory updates'],
  mcp: ['connector call', 'connector calls'],
  other: ['other tool call', 'other tool calls'],
};

export const toolCallText = (kind: ToolKind, count: number): string => `${count.toLocaleString('en-US')} ${TOOL_NAMES[kind][count === 1 ? 0 : 1]}`;
