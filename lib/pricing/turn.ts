/**
 * Pricing a recorded turn: what the same request would cost through the provider's API. Input is
 * the prompt, the re-sent context and the site's hidden overhead; the context is billed at the
 * cached-input price when the user chose so (and the model has one); reasoning is billed as output.
 * Tool calls the stream named are priced apart (`toolUsd`, lib/pricing/tools), and a reasoning model
 * whose reasoning the site did not count is marked (`reasoningHidden`: the cost is a lower bound).
 * Counts the site reported itself are billed as reported: its cache reads and writes are the real
 * ones, so the user's assumption about cached context does not apply.
 */
import { findModel, type Catalog } from '../catalog';
import type { TurnRecord } from '../messaging/protocol';
import { UNKNOWN_MODEL, type TurnRow } from '../ledger/types';

/** Ledger version 4's attachment columns: a new turn may leave them out (none attached). */
export type AttachmentColumns = 'attachmentTokensMin' | 'attachmentTokensMax' | 'attachmentImages' | 'attachmentPdfs' | 'attachmentPdfPages' | 'attachmentTextFiles' | 'attachmentOtherFiles' | 'attachmentsUnpriced' | 'usdMax';
export type NewTurn = Omit<TurnRow, 'id' | 'day' | AttachmentColumns> & Partial<Pick<TurnRow, AttachmentColumns>>;
import { costAtPrice, type Usage } from './cost';
import { reasoningHidden } from './reasoning';
import { priceToolCalls } from './tools';

export type ContextPricing = 'input' | 'cached';

type TurnCounts = Pick<TurnRecord, 'promptTokens' | 'contextTokens' | 'overheadTokens' | 'outputTokens' | 'reasoningTokens' | 'cachedInputTokens'> &
  Partial<Pick<TurnRecord, 'cacheWriteTokens' | 'reported'>>;

export function turnUsage(turn: TurnCounts, contextPricing: ContextPricing, hasCachedPrice: boolean): Usage {
  const contextCached = contextPricing === 'cached' && hasCachedPrice && turn.reported?.counts !== 'full';
  return {
    inputTokens: turn.promptTokens + turn.overheadTokens + (contextCached ? 0 : turn.contextTokens),
    cachedInputTokens: turn.cachedInputTokens + (contextCached ? turn.contextTokens : 0),
    cacheWriteTokens: turn.cacheWriteTokens ?? 0,
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
    modelSource: turn.modelSource,
    replyOpaque: turn.replyOpaque,
    catalogVersion: catalog.version,
    sentAt: turn.sentAt,
    finishedAt: turn.finishedAt,
    promptTokens: turn.promptTokens,
    contextTokens: turn.contextTokens,
    overheadTokens: turn.overheadTokens,
    outputTokens: turn.outputTokens,
    reasoningTokens: turn.reasoningTokens,
    cachedInputTokens: turn.cachedInputTokens,
    cacheWriteTokens: turn.cacheWriteTokens,
    exactPrompt: turn.exact.prompt,
    exactContext: turn.exact.context,
    exactOutput: turn.exact.output,
    regenerated: turn.regenerated,
    reportedCounts: turn.reported.counts,
    reportedModel: turn.reported.model,
    thinking: turn.thinking,
    ...attachmentFields(turn),
  };
  const model = match.found ? match.model : null;
  const tools = priceToolCalls(turn.tools, model?.id ?? null, catalog);
  const work = {
    toolCalls: tools.calls,
    toolUsd: tools.toolUsd,
    reasoningHidden: reasoningHidden({ model, label: turn.modelLabel, thinkingSeen: turn.thinking, counts: turn.reported.counts, reasoningTokens: turn.reasoningTokens }),
  };
  if (!match.found) return { ...base, ...work, model: UNKNOWN_MODEL, priced: false, usd: null, usdMax: null, upperBound: false };
  const price = (extra: number) => {
    const usage = turnUsage(turn, contextPricing, match.model.price.cachedInput !== undefined);
    usage.inputTokens += extra;
    return costAtPrice(usage, match.model.price, match.model.id);
  };
  // Attachments join the input unless the site reported the input itself (its figure holds them).
  const a = turn.attachments;
  const billed = a && turn.reported.counts !== 'full' && turn.reported.counts !== 'total' ? a : null;
  const result = price(billed?.tokensMin ?? 0);
  const usdMax = billed && billed.tokensMax > billed.tokensMin ? price(billed.tokensMax).usd : result.usd;
  return { ...base, ...work, model: match.model.id, priced: true, usd: result.usd, usdMax, upperBound: result.upperBound };
}

/** A turn's attachments as ledger columns (all 0 for a turn without). */
function attachmentFields(turn: TurnRecord) {
  const a = turn.attachments;
  return {
    attachmentTokensMin: a?.tokensMin ?? 0,
    attachmentTokensMax: a?.tokensMax ?? 0,
    attachmentImages: a?.images ?? 0,
    attachmentPdfs: a?.pdfs ?? 0,
    attachmentPdfPages: a?.pdfPages ?? 0,
    attachmentTextFiles: a?.textFiles ?? 0,
    attachmentOtherFiles: a?.otherFiles ?? 0,
    attachmentsUnpriced: a?.unpriced ?? 0,
  };
}
