/**
 * Pricing a recorded turn: what the same request would cost through the provider's API. Input is
 * the prompt, the re-sent context and the site's hidden overhead; the context is billed at the
 * cached-input price when the user chose so (and the model has one); reasoning is billed as output.
 */
import { findModel, type Catalog } from '../catalog';
import type { TurnRecord } from '../messaging/protocol';
import { UNKNOWN_MODEL, type TurnRow } from '../ledger/types';

export type NewTurn = Omit<TurnRow, 'id' | 'day'>;
import { costAtPrice, type Usage } from './cost';

export type ContextPricing = 'input' | 'cached';

export function turnUsage(turn: Pick<TurnRecord, 'promptTokens' | 'contextTokens' | 'overheadTokens' | 'outputTokens' | 'reasoningTokens' | 'cachedInputTokens'>, contextPricing: ContextPricing, hasCachedPrice: boolean): Usage {
  const contextCached = contextPricing === 'cached' && hasCachedPrice;
  return {
    inputTokens: turn.promptTokens + turn.overheadTokens + (contextCached ? 0 : turn.contextTokens),
    cachedInputTokens: turn.cachedInputTokens + (contextCached ? turn.contextTokens : 0),
    outputTokens: turn.outputTokens,
    reasoningTokens: turn.reasoningTokens,
  };
}

export function priceTurn(turn: TurnRecord, catalog: Catalog, contextPricing: ContextPricing): NewTurn {
  const match = findModel(catalog, turn.model);
  const base = {
    site: turn.site,
    conversationId: turn.conversationId,
    promptKey: turn.promptKey,
    replyKey: turn.replyKey,
    modelLabel: turn.modelLabel,
    catalogVersion: catalog.version,
    sentAt: turn.sentAt,
    finishedAt: turn.finishedAt,
    promptTokens: turn.promptTokens,
    contextTokens: turn.contextTokens,
    overheadTokens: turn.overheadTokens,
    outputTokens: turn.outputTokens,
    reasoningTokens: turn.reasoningTokens,
    cachedInputTokens: turn.cachedInputTokens,
    exactPrompt: turn.exact.prompt,
    exactContext: turn.exact.context,
    exactOutput: turn.exact.output,
    regenerated: turn.regenerated,
  };
  if (!match.found) return { ...base, model: UNKNOWN_MODEL, priced: false, usd: null, upperBound: false };
  const usage = turnUsage(turn, contextPricing, match.model.price.cachedInput !== undefined);
  const result = costAtPrice(usage, match.model.price, match.model.id);
  return { ...base, model: match.model.id, priced: true, usd: result.usd, upperBound: result.upperBound };
}
