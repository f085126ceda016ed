/**
 * The ledger: the only module that touches the database. Writes are idempotent (a turn's id is
 * derived from its site, conversation and message keys, and an existing id is left alone) and
 * update the rollups in the same transaction, so readers never scan turns.
 */
import type { SpendByPeriod } from '../budgets/state';
import type { BudgetPeriod } from '../settings/schema';
import { addDays, localDay, monthStartDay, weekStartDay } from './days';
import { NO_ATTACHMENT_COLUMNS, openLedgerDb, reportRank, turnInputTokens, turnTotalUsd, turnTotalUsdMax, UNKNOWN_MODEL, type ConversationRow, type DailyRow, type LedgerDb, type TurnRow } from './db';
import { addToolCalls, emptyTools, type ToolTotals } from './tools';
import { sourceKind } from '../models/sources';
import type { SiteId } from '../sites/hosts';

export { openLedgerDb, UNKNOWN_MODEL } from './db';
export type { ConversationRow, DailyRow, LedgerDb, TurnRow } from './db';

/** A turn's primary key. Message keys are site ids or positions, never text. */
export function turnId(site: SiteId, conversationId: string, promptKey: string, replyKey: string): string {
  return JSON.stringify([site, conversationId, promptKey, replyKey]);
}

import type { NewTurn } from '../pricing/turn';
export type { NewTurn } from '../pricing/turn';

function toRow(turn: NewTurn, timeZone: string | undefined): TurnRow {
  return { ...NO_ATTACHMENT_COLUMNS, usdMax: turn.usd, ...turn, id: turnId(turn.site, turn.conversationId, turn.promptKey, turn.replyKey), day: localDay(turn.finishedAt, timeZone) };
}

/**
 * Writes a turn once. When it is already there, nothing changes (`added` false), unless the new
 * record carries more of what the site itself reported (`reportRank`): then the stored turn and its
 * share of the rollups are replaced (`updated` true). Either order of page and stream ends the same.
 */
export async function recordTurn(db: LedgerDb, turn: NewTurn, timeZone?: string): Promise<{ added: boolean; updated: boolean; row: TurnRow }> {
  const row = toRow(turn, timeZone);
  return db.transaction('rw', db.turns, db.daily, db.conversations, async () => {
    // All reads at once, then all writes at once: one round of requests each, in one transaction.
    const [existing, daily, conv] = await Promise.all([db.turns.get(row.id), db.daily.get(dailyKey(row)), db.conversations.get(conversationKey(row))]);
    if (existing) {
      if (reportRank(row) <= reportRank(existing)) return { added: false, updated: false, row: existing };
      await db.turns.put(row);
      await addToRollups(db, existing, -1);
      await addToRollups(db, row, +1);
      return { added: false, updated: true, row };
    }
    await Promise.all([db.turns.add(row), writeRollups(db, row, dailyWith(daily ?? null, row, +1), conversationWith(conv ?? null, row, +1))]);
    return { added: true, updated: false, row };
  });
}

const dailyKey = (r: TurnRow): [string, SiteId, string] => [r.day, r.site, r.model];
const conversationKey = (r: TurnRow): [SiteId, string] => [r.site, r.conversationId];

const BATCH_SIZE = 2000;

/**
 * Writes many turns (an import), each at most once, a batch per transaction: the rollups of a batch
 * are read once, updated in memory and written back once. Resolves to the number added.
 */
export async function recordTurns(db: LedgerDb, turns: readonly NewTurn[], timeZone?: string): Promise<number> {
  let added = 0;
  for (let i = 0; i < turns.length; i += BATCH_SIZE) {
    const rows = turns.slice(i, i + BATCH_SIZE).map((t) => toRow(t, timeZone));
    added += await db.transaction('rw', db.turns, db.daily, db.conversations, async () => {
      const existing = await db.turns.bulkGet(rows.map((r) => r.id));
      const ids = new Set<string>();
      const fresh = rows.filter((r, j) => !existing[j] && !ids.has(r.id) && ids.add(r.id));
      if (fresh.length === 0) return 0;
      const daily = new Map<string, DailyRow | null>();
      const convs = new Map<string, ConversationRow | null>();
      const dailyKeys = [...new Map(fresh.map((r) => [JSON.stringify(dailyKey(r)), dailyKey(r)])).values()];
      const convKeys = [...new Map(fresh.map((r) => [JSON.stringify(conversationKey(r)), conversationKey(r)])).values()];
      (await db.daily.bulkGet(dailyKeys)).forEach((row, j) => daily.set(JSON.stringify(dailyKeys[j]), row ?? null));
      (await db.conversations.bulkGet(convKeys)).forEach((row, j) => convs.set(JSON.stringify(convKeys[j]), row ?? null));
      for (const row of fresh) {
        const dk = JSON.stringify(dailyKey(row));
        daily.set(dk, dailyWith(daily.get(dk) ?? null, row, +1));
        const ck = JSON.stringify(conversationKey(row));
        convs.set(ck, conversationWith(convs.get(ck) ?? null, row, +1));
      }
      await db.turns.bulkAdd(fresh);
      await db.daily.bulkPut([...daily.values()].filter((r): r is DailyRow => r !== null));
      await db.conversations.bulkPut([...convs.values()].filter((r): r is ConversationRow => r !== null));
      return fresh.length;
    });
  }
  return added;
}

/** A day's rollup with a turn added (+1) or taken out (-1); null when no turn is left in it. */
function dailyWith(current: DailyRow | null, row: TurnRow, sign: 1 | -1): DailyRow | null {
  const daily = current
    ? { ...current }
    : { day: row.day, site: row.site, model: row.model, turns: 0, unpricedTurns: 0, chosenTurns: 0, assumedTurns: 0, usd: 0, usdMax: 0, inputTokens: 0, outputTokens: 0, reasoningTokens: 0, toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 };
  const kind = row.modelSource ? sourceKind(row.modelSource) : null;
  daily.turns += sign;
  daily.unpricedTurns += sign * (row.priced ? 0 : 1);
  daily.chosenTurns = (daily.chosenTurns ?? 0) + sign * (kind === 'user' ? 1 : 0);
  daily.assumedTurns = (daily.assumedTurns ?? 0) + sign * (kind === 'assumed' ? 1 : 0);
  daily.usdMax = (daily.usdMax ?? daily.usd) + sign * turnTotalUsdMax(row);
  daily.usd += sign * turnTotalUsd(row);
  daily.inputTokens += sign * turnInputTokens(row);
  daily.outputTokens += sign * row.outputTokens;
  daily.reasoningTokens += sign * row.reasoningTokens;
  addToolCalls(daily, row, sign);
  return daily.turns > 0 ? daily : null;
}

/** A conversation's rollup with a turn added or taken out; null when no turn is left in it. */
function conversationWith(current: ConversationRow | null, row: TurnRow, sign: 1 | -1): ConversationRow | null {
  const conv = current
    ? { ...current }
    : { site: row.site, conversationId: row.conversationId, model: row.model, turns: 0, unpricedTurns: 0, usd: 0, usdMax: 0, reasoningHiddenTurns: 0, firstAt: row.finishedAt, lastAt: row.finishedAt };
  conv.turns += sign;
  conv.unpricedTurns += sign * (row.priced ? 0 : 1);
  conv.reasoningHiddenTurns = (conv.reasoningHiddenTurns ?? 0) + sign * (row.reasoningHidden ? 1 : 0);
  conv.usdMax = (conv.usdMax ?? conv.usd) + sign * turnTotalUsdMax(row);
  conv.usd += sign * turnTotalUsd(row);
  if (sign > 0) {
    conv.firstAt = Math.min(conv.firstAt, row.finishedAt);
    if (row.finishedAt >= conv.lastAt) conv.model = row.model;
    conv.lastAt = Math.max(conv.lastAt, row.finishedAt);
  }
  return conv.turns > 0 ? conv : null;
}

/** Puts the rollups of `row`'s day and conversation, or deletes them when no turn is left. */
function writeRollups(db: LedgerDb, row: TurnRow, daily: DailyRow | null, conv: ConversationRow | null): Promise<unknown> {
  return Promise.all([
    daily ? db.daily.put(daily) : db.daily.delete(dailyKey(row)),
    conv ? db.conversations.put(conv) : db.conversations.delete(conversationKey(row)),
  ]);
}

async function addToRollups(db: LedgerDb, row: TurnRow, sign: 1 | -1): Promise<void> {
  const [daily, conv] = await Promise.all([db.daily.get(dailyKey(row)), db.conversations.get(conversationKey(row))]);
  await writeRollups(db, row, dailyWith(daily ?? null, row, sign), conversationWith(conv ?? null, row, sign));
}

export interface PeriodTotal {
  /** Tokens and priced tool calls. */
  usd: number;
  /** The high end where attachments were priced as a range (= usd without any; absent = usd). */
  usdMax?: number;
  turns: number;
  unpricedTurns: number;
  /** Turns whose cost is a lower bound (reasoning not visible; issue 18). */
  lowerBoundTurns: number;
}

export interface Breakdown extends PeriodTotal {
  key: string;
  /** Always present on a row: the high end of its attachment ranges (= usd without any). */
  usdMax: number;
  /** Turns whose model the user chose, and turns whose model we assumed (see DailyRow). */
  chosenTurns: number;
  assumedTurns: number;
}

const emptyBreakdown = (key: string): Breakdown => ({ key, ...emptyTotal(), chosenTurns: 0, assumedTurns: 0 });

function addBreakdown(b: Breakdown, row: DailyRow): void {
  add(b, row);
  b.chosenTurns += row.chosenTurns ?? 0;
  b.assumedTurns += row.assumedTurns ?? 0;
}

export interface LedgerSummary {
  today: PeriodTotal;
  week: PeriodTotal;
  month: PeriodTotal;
  /** The last 30 days, oldest first, one entry per day (zero days included). */
  /** The last 30 days, oldest first, each with its range's high end and its lower-bound turns. */
  days: ({ day: string } & PeriodTotal)[];
  /** This month, by site and by model, most expensive first. */
  bySite: Breakdown[];
  byModel: Breakdown[];
  /** Today, this week and this month by site too, for budgets. */
  spend: SpendByPeriod;
  /** This month's tokens: all input, visible output, and reasoning (billed as output). */
  monthTokens: { input: number; output: number; reasoning: number };
  /** This month's tool calls by kind, what the priced ones cost, and how many were not priced (issue 18). */
  monthTools: ToolTotals;
  todayDay: string;
}

const emptyTotal = (): PeriodTotal & { usdMax: number } => ({ usd: 0, usdMax: 0, turns: 0, unpricedTurns: 0, lowerBoundTurns: 0 });

function add(total: PeriodTotal, row: DailyRow): void {
  total.usd += row.usd;
  total.usdMax = (total.usdMax ?? 0) + (row.usdMax ?? row.usd);
  total.turns += row.turns;
  total.unpricedTurns += row.unpricedTurns;
  total.lowerBoundTurns += row.reasoningHiddenTurns ?? 0;
}

/** Today, this week, this month, 30 days and breakdowns, from the daily rollups only. */
export async function readSummary(db: LedgerDb, now: number, options: { weekStart: number; timeZone?: string }): Promise<LedgerSummary> {
  const today = localDay(now, options.timeZone);
  const weekStart = weekStartDay(today, options.weekStart);
  const monthStart = monthStartDay(today);
  const first = addDays(today, -29);
  const from = [first, weekStart, monthStart].sort()[0]!;
  const rows = await db.daily.where('day').aboveOrEqual(from).toArray();
  const starts = { day: today, week: weekStart, month: monthStart };
  const summary: LedgerSummary = {
    today: emptyTotal(), week: emptyTotal(), month: emptyTotal(), days: [], bySite: [], byModel: [], spend: emptySpend(), monthTokens: { input: 0, output: 0, reasoning: 0 }, monthTools: emptyTools(), todayDay: today,
  };
  const perDay = new Map<string, PeriodTotal>();
  const bySite = new Map<string, Breakdown>();
  const byModel = new Map<string, Breakdown>();
  for (const row of rows) {
    if (row.day > today) continue; // a clock moved back: future rows are not "today"
    addSpend(summary.spend, row, starts);
    if (row.day === today) add(summary.today, row);
    if (row.day >= weekStart) add(summary.week, row);
    if (row.day >= monthStart) {
      add(summary.month, row);
      summary.monthTokens.input += row.inputTokens;
      summary.monthTokens.output += row.outputTokens;
      summary.monthTokens.reasoning += row.reasoningTokens;
      addToolCalls(summary.monthTools, row, 1);
      const s = bySite.get(row.site) ?? emptyBreakdown(row.site);
      addBreakdown(s, row);
      bySite.set(row.site, s);
      const m = byModel.get(row.model) ?? emptyBreakdown(row.model);
      addBreakdown(m, row);
      byModel.set(row.model, m);
    }
    if (row.day >= first) {
      const d = perDay.get(row.day) ?? emptyTotal();
      add(d, row);
      perDay.set(row.day, d);
    }
  }
  for (let i = 0; i < 30; i++) {
    const day = addDays(first, i);
    summary.days.push({ day, ...(perDay.get(day) ?? emptyTotal()) });
  }
  const byCost = (a: Breakdown, b: Breakdown) => b.usd - a.usd || b.turns - a.turns;
  summary.bySite = [...bySite.values()].sort(byCost);
  summary.byModel = [...byModel.values()].sort(byCost);
  return summary;
}

/** The most expensive conversations active since `sinceAt`. */
export async function topConversations(db: LedgerDb, sinceAt: number, limit = 10): Promise<ConversationRow[]> {
  const recent = await db.conversations.where('lastAt').aboveOrEqual(sinceAt).toArray();
  return recent.sort((a, b) => b.usd - a.usd || b.lastAt - a.lastAt).slice(0, limit);
}

export async function conversation(db: LedgerDb, site: SiteId, conversationId: string): Promise<ConversationRow | undefined> {
  return db.conversations.get([site, conversationId]);
}

/** Today's API-equivalent spend in USD. */
export async function todaySpend(db: LedgerDb, now: number, timeZone?: string): Promise<PeriodTotal> {
  const day = localDay(now, timeZone);
  const total = emptyTotal();
  for (const row of await db.daily.where('day').equals(day).toArray()) add(total, row);
  return total;
}

const emptySpend = (): SpendByPeriod => ({ day: { usd: 0, bySite: {} }, week: { usd: 0, bySite: {} }, month: { usd: 0, bySite: {} } });

function addSpend(spend: SpendByPeriod, row: DailyRow, starts: Record<BudgetPeriod, string>): void {
  for (const period of ['day', 'week', 'month'] as const) {
    if (row.day < starts[period]) continue;
    const p = spend[period];
    p.usd += row.usd;
    p.bySite[row.site] = (p.bySite[row.site] ?? 0) + row.usd;
  }
}

/** Spend today, this week and this month, in total and by site, for budgets. */
export async function spendByPeriod(db: LedgerDb, now: number, options: { weekStart: number; timeZone?: string }): Promise<SpendByPeriod> {
  const today = localDay(now, options.timeZone);
  const starts: Record<BudgetPeriod, string> = { day: today, week: weekStartDay(today, options.weekStart), month: monthStartDay(today) };
  const spend = emptySpend();
  for (const row of await db.daily.where('day').between([starts.week, starts.month].sort()[0]!, today, true, true).toArray()) addSpend(spend, row, starts);
  return spend;
}

/** Deletes everything. */
export async function clearAll(db: LedgerDb): Promise<void> {
  await db.transaction('rw', db.turns, db.daily, db.conversations, async () => {
    await Promise.all([db.turns.clear(), db.daily.clear(), db.conversations.clear()]);
  });
}

/** Deletes turns of days before `day`, and their share of the rollups. */
export async function clearBefore(db: LedgerDb, day: string): Promise<number> {
  return db.transaction('rw', db.turns, db.daily, db.conversations, async () => {
    const old = await db.turns.where('day').below(day).toArray();
    for (const row of old) {
      await db.turns.delete(row.id);
      await addToRollups(db, row, -1);
    }
    return old.length;
  });
}

