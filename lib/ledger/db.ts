/**
 * The ledger's database: tables, schema versions and upgrades, all here. No chat text anywhere:
 * ids, counts, costs and times. Opened only in the extension's own pages (background, popup,
 * options), never in a content script, where IndexedDB would belong to the chat site.
 *
 * Versions
 *   1: turns, daily rollups per (day, site, model), conversation rollups.
 *   2: turns gain `cacheWriteTokens`, `reportedCounts` and `reportedModel` (usage the site itself
 *      reported); existing turns get 0, 'none' and false. Same tables and indexes.
 *   3: turns gain `modelSource` (where the model came from) and `replyOpaque` (an image or framed
 *      reply); daily rollups gain `chosenTurns` and `assumedTurns`. Existing turns get null and null
 *      (their source was not kept), rollups 0 and 0. Same tables and indexes.
 *   4 (issue 18): what the text count leaves out. Turns gain the attachments
 *      (`attachmentTokensMin`/`Max`, counts per kind: `attachmentImages`, `attachmentPdfs`,
 *      `attachmentPdfPages`, `attachmentTextFiles`, `attachmentOtherFiles`, `attachmentsUnpriced`)
 *      and `usdMax` (the cost at the top of an attachment range), and the reply's tools and hidden
 *      work (`toolCalls`, `toolUsd`, `thinking`, `reasoningHidden`). Daily rollups gain `usdMax`,
 *      `toolUsd`, `toolCalls`, `unpricedToolCalls` and `reasoningHiddenTurns`. Existing turns get 0s,
 *      `usdMax` = `usd`, [], null, false, false (nothing of this was read then); rollups `usdMax` =
 *      `usd` and 0, {}, 0, 0. Same tables and indexes.
 *   5: conversation rollups gain `usdMax` and `reasoningHiddenTurns` (the popup shows a
 *      conversation's range, and "≥" for a lower bound, as the totals do). Existing rollups get
 *      `usd` plus what their turns' ranges add (`usdMax` − `usd` of each turn, which version 4
 *      kept) and the count of their turns with `reasoningHidden`. Same tables and indexes.
 *
 * A new version keeps every earlier `version(n)` declaration with its upgrade, and adds the schema
 * and rows of its predecessor to tests/unit/ledger/migrations.test.ts before it ships.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { SiteId } from '../sites/hosts';
import { NO_ATTACHMENT_COLUMNS, turnTotalUsd, turnTotalUsdMax, type ConversationRow, type DailyRow, type TurnRow } from './types';

export * from './types';

export const DB_NAME = 'spendmeter-ledger';
export const DB_VERSION = 5;

export type LedgerDb = Dexie & {
  turns: EntityTable<TurnRow, 'id'>;
  daily: Dexie.Table<DailyRow, [string, SiteId, string]>;
  conversations: Dexie.Table<ConversationRow, [SiteId, string]>;
};

export function openLedgerDb(name = DB_NAME): LedgerDb {
  const db = new Dexie(name) as LedgerDb;
  const tables = {
    turns: '&id, day, finishedAt, [site+conversationId]',
    daily: '&[day+site+model], day',
    conversations: '&[site+conversationId], lastAt',
  };
  db.version(1).stores(tables);
  db.version(2)
    .stores(tables)
    .upgrade((tx) =>
      tx
        .table<TurnRow>('turns')
        .toCollection()
        .modify((turn) => {
          turn.cacheWriteTokens ??= 0;
          turn.reportedCounts ??= 'none';
          turn.reportedModel ??= false;
        }),
    );
  db.version(3)
    .stores(tables)
    .upgrade(async (tx) => {
      await tx.table<TurnRow>('turns').toCollection().modify((turn) => {
        turn.modelSource ??= null;
        turn.replyOpaque ??= null;
      });
      await tx.table<DailyRow>('daily').toCollection().modify((daily) => {
        daily.chosenTurns ??= 0;
        daily.assumedTurns ??= 0;
      });
    });
  db.version(4)
    .stores(tables)
    .upgrade(async (tx) => {
      await tx.table<TurnRow>('turns').toCollection().modify((turn) => {
        for (const [key, value] of Object.entries(NO_ATTACHMENT_COLUMNS)) (turn as unknown as Record<string, number>)[key] ??= value;
        if (turn.usdMax === undefined) turn.usdMax = turn.usd;
        turn.toolCalls ??= [];
        turn.toolUsd ??= null;
        turn.thinking ??= false;
        turn.reasoningHidden ??= false;
      });
      await tx.table<DailyRow>('daily').toCollection().modify((daily) => {
        daily.usdMax ??= daily.usd;
        daily.toolUsd ??= 0;
        daily.toolCalls ??= {};
        daily.unpricedToolCalls ??= 0;
        daily.reasoningHiddenTurns ??= 0;
      });
    });
  db.version(5)
    .stores(tables)
    .upgrade(async (tx) => {
      // One pass over the turns: what each conversation's ranges add above its low end, and how
      // many of its turns had reasoning the page did not show.
      const above = new Map<string, number>();
      const hidden = new Map<string, number>();
      await tx.table<TurnRow>('turns').each((turn) => {
        const key = JSON.stringify([turn.site, turn.conversationId]);
        const extra = turnTotalUsdMax(turn) - turnTotalUsd(turn);
        if (extra > 0) above.set(key, (above.get(key) ?? 0) + extra);
        if (turn.reasoningHidden) hidden.set(key, (hidden.get(key) ?? 0) + 1);
      });
      await tx.table<ConversationRow>('conversations').toCollection().modify((conv) => {
        const key = JSON.stringify([conv.site, conv.conversationId]);
        conv.usdMax ??= conv.usd + (above.get(key) ?? 0);
        conv.reasoningHiddenTurns ??= hidden.get(key) ?? 0;
      });
    });
  return db;
}
