/**
 * The ledger's database: tables, schema versions and upgrades, all here. No chat text anywhere:
 * ids, counts, costs and times. Opened only in the extension's own pages (background, popup,
 * options), never in a content script, where IndexedDB would belong to the chat site.
 *
 * Versions
 *   1: turns, daily rollups per (day, site, model), conversation rollups.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { SiteId } from '../sites/hosts';

export const DB_NAME = 'spendmeter-ledger';
export const DB_VERSION = 1;

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

export type LedgerDb = Dexie & {
  turns: EntityTable<TurnRow, 'id'>;
  daily: Dexie.Table<DailyRow, [string, SiteId, string]>;
  conversations: Dexie.Table<ConversationRow, [SiteId, string]>;
};

export function openLedgerDb(name = DB_NAME): LedgerDb {
  const db = new Dexie(name) as LedgerDb;
  db.version(1).stores({
    turns: '&id, day, finishedAt, [site+conversationId]',
    daily: '&[day+site+model], day',
    conversations: '&[site+conversationId], lastAt',
  });
  return db;
}
