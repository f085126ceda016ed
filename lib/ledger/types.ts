/**
 * The ledger's row shapes, free of Dexie so that content scripts (which never open the database)
 * can share the types and constants.
 */
import type { ModelSource } from '../models/sources';
import type { SiteId } from '../sites/hosts';

export type { ReportedCounts } from '../messaging/protocol';
import type { ReportedCounts } from '../messaging/protocol';

/**
 * How much of a turn the site reported itself. A record of the same turn with a higher rank replaces
 * the one written before (the page is seen first, the stream's usage arrives later); an equal or
 * lower rank changes nothing, so recording stays idempotent in either order.
 */
export function reportRank(turn: { reportedCounts: ReportedCounts; reportedModel: boolean }): number {
  return { none: 0, output: 2, total: 4, full: 8 }[turn.reportedCounts] + (turn.reportedModel ? 1 : 0);
}

/** All input a turn sent: prompt, context, overhead, cache reads and cache writes. */
export function turnInputTokens(t: Pick<TurnRow, 'promptTokens' | 'contextTokens' | 'overheadTokens' | 'cachedInputTokens' | 'cacheWriteTokens'>): number {
  return t.promptTokens + t.contextTokens + t.overheadTokens + t.cachedInputTokens + t.cacheWriteTokens;
}

/** Version 4's attachment columns for a turn with none (and for turns written before them). */
export const NO_ATTACHMENT_COLUMNS = {
  attachmentTokensMin: 0,
  attachmentTokensMax: 0,
  attachmentImages: 0,
  attachmentPdfs: 0,
  attachmentPdfPages: 0,
  attachmentTextFiles: 0,
  attachmentOtherFiles: 0,
  attachmentsUnpriced: 0,
} as const;

/** Model column value for a turn whose model the catalog did not know. */
export const UNKNOWN_MODEL = 'unknown';

export interface TurnRow {
  id: string;
  site: SiteId;
  conversationId: string;
  promptKey: string;
  replyKey: string;
  /** Catalog model id, or `unknown`. */
  model: string;
  modelLabel: string | null;
  /** Where the model came from; null for turns recorded before version 3. */
  modelSource: ModelSource | null;
  /** The reply was an image or a framed report, not text (its output is what could be seen). Since version 3. */
  replyOpaque: 'image' | 'frame' | null;
  /** The catalog version the turn was priced with; a price change never rewrites history. */
  catalogVersion: string;
  /** Local day the reply finished. */
  day: string;
  sentAt: number;
  finishedAt: number;
  promptTokens: number;
  contextTokens: number;
  overheadTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache (site-reported). Since version 2. */
  cacheWriteTokens: number;
  exactPrompt: boolean;
  exactContext: boolean;
  exactOutput: boolean;
  regenerated: boolean;
  /** What the site reported itself (see TurnRecord.reported). Since version 2. */
  reportedCounts: ReportedCounts;
  reportedModel: boolean;
  priced: boolean;
  /** API-equivalent cost; null when unpriced. With attachments priced as a range, the low end. */
  usd: number | null;
  /** Cached tokens billed at the input price for want of a cached price. */
  upperBound: boolean;
  // Since version 4 (attachments, lib/attachments): what was attached to the prompt, as counts, and
  // its tokens as a range (min = max when every rule gives one figure). Not part of promptTokens.
  attachmentTokensMin: number;
  attachmentTokensMax: number;
  attachmentImages: number;
  attachmentPdfs: number;
  attachmentPdfPages: number;
  attachmentTextFiles: number;
  attachmentOtherFiles: number;
  /** Attachments that could not be priced (unknown size, no rule): the cost leaves them out. */
  attachmentsUnpriced: number;
  /** The cost at the high end of the attachments' range (= usd without a range); null when unpriced. */
  usdMax: number | null;
}

export interface DailyRow {
  day: string;
  site: SiteId;
  model: string;
  turns: number;
  unpricedTurns: number;
  /** Turns whose model the user chose (a default or an alias for a label), and turns whose model we assumed (the site's default). Since version 3. */
  chosenTurns: number;
  assumedTurns: number;
  usd: number;
  /** The day's cost at the high end of attachment ranges (= usd without any). Since version 4. */
  usdMax: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export interface ConversationRow {
  site: SiteId;
  conversationId: string;
  model: string;
  turns: number;
  unpricedTurns: number;
  usd: number;
  firstAt: number;
  lastAt: number;
}

