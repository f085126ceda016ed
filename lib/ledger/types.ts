/**
 * The ledger's row shapes, free of Dexie so that content scripts (which never open the database)
 * can share the types and constants.
 */
import type { SiteId } from '../sites/hosts';

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
  exactPrompt: boolean;
  exactContext: boolean;
  exactOutput: boolean;
  regenerated: boolean;
  priced: boolean;
  /** API-equivalent cost; null when unpriced. */
  usd: number | null;
  /** Cached tokens billed at the input price for want of a cached price. */
  upperBound: boolean;
}

export interface DailyRow {
  day: string;
  site: SiteId;
  model: string;
  turns: number;
  unpricedTurns: number;
  usd: number;
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

