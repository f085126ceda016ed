/**
 * The ledger's row shapes, free of Dexie so that content scripts (which never open the database)
 * can share the types and constants.
 */
import type { ModelSource } from '../models/sources';
import type { SiteId } from '../sites/hosts';
import type { PricedToolCall } from '../pricing/tools';
import type { ToolKind } from '../usage/tools';

export type { ReportedCounts } from '../messaging/protocol';
import type { ReportedCounts } from '../messaging/protocol';

/**
 * How much of a turn the site reported itself. A record of the same turn with a higher rank replaces
 * the one written before (the page is seen first, the stream's usage arrives later); an equal or
 * lower rank changes nothing, so recording stays idempotent in either order.
 */
export function reportRank(turn: { reportedCounts: ReportedCounts; reportedModel: boolean; toolCalls?: readonly unknown[]; thinking?: boolean }): number {
  // The stream's tool calls and thinking (issue 18) rank lowest: they come with the stream's own
  // record, which outranks the page's even when the stream carried no counts.
  const work = (turn.toolCalls?.length ?? 0) > 0 || turn.thinking === true ? 1 : 0;
  return { none: 0, output: 4, total: 8, full: 16 }[turn.reportedCounts] + (turn.reportedModel ? 2 : 0) + work;
}

/** What a turn cost in all: its tokens and its priced tool calls (issue 18). */
export const turnTotalUsd = (t: Pick<TurnRow, 'usd' | 'toolUsd'>): number => (t.usd ?? 0) + (t.toolUsd ?? 0);

/** The same at the high end of an attachment range (= turnTotalUsd without a range). */
export const turnTotalUsdMax = (t: Pick<TurnRow, 'usd' | 'usdMax' | 'toolUsd'>): number => (t.usdMax ?? t.usd ?? 0) + (t.toolUsd ?? 0);

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
  /** Tool calls the site's stream named, by kind, each with its cost (null: not priced). Since version 4. */
  toolCalls: PricedToolCall[];
  /** What the priced tool calls cost, apart from `usd` (tokens); null when none was priced. Since version 4. */
  toolUsd: number | null;
  /** The site's stream showed the model thinking. Since version 4. */
  thinking: boolean;
  /** A reasoning model whose reasoning the site did not count: `usd` is a lower bound. Since version 4. */
  reasoningHidden: boolean;
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
  /** Tokens and priced tool calls together. */
  usd: number;
  /** The day's cost at the high end of attachment ranges (= usd without any). Since version 4. */
  usdMax: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** The priced tool calls' share of `usd`, calls by kind, calls not priced. Since version 4. */
  toolUsd: number;
  toolCalls: Partial<Record<ToolKind, number>>;
  unpricedToolCalls: number;
  /** Turns whose cost is a lower bound: reasoning not visible. Since version 4. */
  reasoningHiddenTurns: number;
}

export interface ConversationRow {
  site: SiteId;
  conversationId: string;
  model: string;
  turns: number;
  unpricedTurns: number;
  usd: number;
  /** The cost at the high end of attachment ranges (= usd without any). Since version 5. */
  usdMax: number;
  /** Turns whose cost is a lower bound: reasoning not visible. Since version 5. */
  reasoningHiddenTurns: number;
  firstAt: number;
  lastAt: number;
}

