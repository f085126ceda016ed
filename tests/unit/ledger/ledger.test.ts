import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, localDay, startOfNextDay, weekStartDay } from '@/lib/ledger/days';
import { clearAll, clearBefore, openLedgerDb, readSummary, recordTurn, recordTurns, todaySpend, topConversations, turnId, type LedgerDb } from '@/lib/ledger';
import type { NewTurn } from '@/lib/pricing/turn';

let db: LedgerDb;
let n = 0;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  db = openLedgerDb(`test-${++n}`);
});

const TZ = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);

function turn(over: Partial<NewTurn> = {}): NewTurn {
  return {
    site: 'chatgpt', conversationId: 'c1', promptKey: 'u1', replyKey: 'a1', model: 'openai/gpt-5.2', modelLabel: 'GPT-5.2', catalogVersion: 'v1',
    sentAt: at('2026-11-21T10:00:00Z'), finishedAt: at('2026-11-21T10:00:05Z'),
    promptTokens: 100, contextTokens: 50, overheadTokens: 0, outputTokens: 200, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false, modelSource: 'picker', replyOpaque: null,
    exactPrompt: true, exactContext: true, exactOutput: true, regenerated: false, priced: true, usd: 0.5, upperBound: false, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false,
    ...over,
  };
}

describe('recordTurn', () => {
  it('writes a turn once: the same turn again changes nothing', async () => {
    expect((await recordTurn(db, turn(), TZ)).added).toBe(true);
    expect((await recordTurn(db, turn({ usd: 99 }), TZ)).added).toBe(false);
    expect(await db.turns.count()).toBe(1);
    const [daily] = await db.daily.toArray();
    expect(daily).toMatchObject({ turns: 1, usd: 0.5, inputTokens: 150, outputTokens: 200 });
    expect(await db.conversations.get(['chatgpt', 'c1'])).toMatchObject({ turns: 1, usd: 0.5 });
  });

  it('derives the id from site, conversation and message keys only', () => {
    expect(turnId('chatgpt', 'c1', 'u1', 'a1')).toBe(turnId('chatgpt', 'c1', 'u1', 'a1'));
    expect(turnId('chatgpt', 'c1', 'u1', 'a1')).not.toBe(turnId('claude', 'c1', 'u1', 'a1'));
    expect(turnId('chatgpt', 'c1', 'u1', 'a1')).not.toBe(turnId('chatgpt', 'c1', 'u1', 'a2'));
  });

  it('keeps concurrent writes of the same turn to one row', async () => {
    const results = await Promise.all([recordTurn(db, turn(), TZ), recordTurn(db, turn(), TZ), recordTurn(db, turn(), TZ)]);
    expect(results.filter((r) => r.added)).toHaveLength(1);
    expect((await db.daily.toArray())[0]?.turns).toBe(1);
  });

  it('rolls up per day, site and model, and counts unpriced turns apart', async () => {
    await recordTurn(db, turn(), TZ);
    await recordTurn(db, turn({ replyKey: 'a2', usd: 0.25 }), TZ);
    await recordTurn(db, turn({ replyKey: 'a3', site: 'claude', model: 'unknown', priced: false, usd: null }), TZ);
    const s = await readSummary(db, at('2026-11-21T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(s.today).toEqual({ usd: 0.75, usdMax: 0.75, turns: 3, unpricedTurns: 1, lowerBoundTurns: 0 });
    expect(s.bySite.map((r) => [r.key, r.usd, r.turns])).toEqual([['chatgpt', 0.75, 2], ['claude', 0, 1]]);
    expect(s.byModel.find((r) => r.key === 'unknown')).toMatchObject({ unpricedTurns: 1, usd: 0 });
    expect(s.days).toHaveLength(30);
    expect(s.days[29]).toEqual({ day: '2026-11-21', usd: 0.75, usdMax: 0.75, turns: 3, unpricedTurns: 1, lowerBoundTurns: 0 });
  });

  it('puts a turn on the local day its reply finished (a turn across midnight)', async () => {
    // Sent 23:59:50 Berlin time on the 20th, finished 00:00:10 on the 21st.
    await recordTurn(db, turn({ sentAt: at('2026-11-20T22:59:50Z'), finishedAt: at('2026-11-20T23:00:10Z') }), TZ);
    const [row] = await db.turns.toArray();
    expect(row?.day).toBe('2026-11-21');
    expect(localDay(at('2026-11-20T23:00:10Z'), 'America/New_York')).toBe('2026-11-20');
  });

  it('separates today, this week and this month', async () => {
    await recordTurn(db, turn({ replyKey: 'm', finishedAt: at('2026-11-02T12:00:00Z'), sentAt: at('2026-11-02T11:00:00Z') }), TZ);
    await recordTurn(db, turn({ replyKey: 'w', finishedAt: at('2026-11-17T12:00:00Z'), sentAt: at('2026-11-17T11:00:00Z') }), TZ);
    await recordTurn(db, turn({ replyKey: 'o', finishedAt: at('2026-10-30T12:00:00Z'), sentAt: at('2026-10-30T11:00:00Z') }), TZ);
    await recordTurn(db, turn(), TZ);
    const s = await readSummary(db, at('2026-11-21T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect([s.today.turns, s.week.turns, s.month.turns]).toEqual([1, 2, 3]);
    // With Sunday weeks the 17th (a Tuesday) is still this week.
    const sunday = await readSummary(db, at('2026-11-21T12:00:00Z'), { weekStart: 0, timeZone: TZ });
    expect(sunday.week.turns).toBe(2);
    expect(s.days.reduce((sum, d) => sum + d.turns, 0)).toBe(4);
  });

  it('lists the costliest conversations and clears old data with its rollups', async () => {
    await recordTurn(db, turn({ conversationId: 'cheap', usd: 0.1 }), TZ);
    await recordTurn(db, turn({ conversationId: 'dear', usd: 2 }), TZ);
    await recordTurn(db, turn({ conversationId: 'old', usd: 5, finishedAt: at('2026-09-01T12:00:00Z'), sentAt: at('2026-09-01T11:00:00Z') }), TZ);
    expect((await topConversations(db, at('2026-11-01T00:00:00Z'))).map((c) => c.conversationId)).toEqual(['dear', 'cheap']);
    expect(await clearBefore(db, '2026-11-01')).toBe(1);
    expect(await db.conversations.get(['chatgpt', 'old'])).toBeUndefined();
    expect((await db.daily.where('day').equals('2026-09-01').toArray())).toEqual([]);
    expect((await todaySpend(db, at('2026-11-21T12:00:00Z'), TZ)).usd).toBeCloseTo(2.1, 12);
    await clearAll(db);
    expect(await db.turns.count()).toBe(0);
  });
});

describe('recordTurn with what the site reported', () => {
  // The same turn as the page showed it, and as the site reported it (model and all counts).
  const counted = () => turn({ usd: 0.5, modelSource: 'site default' });
  const reported = () => turn({ model: 'openai/gpt-5.1', modelLabel: 'gpt-5-1', promptTokens: 100, contextTokens: 9000, cachedInputTokens: 800, cacheWriteTokens: 40, outputTokens: 250, reasoningTokens: 60, reportedCounts: 'full', reportedModel: true, modelSource: 'stream', usd: 0.75 });

  async function state() {
    return { turns: await db.turns.toArray(), daily: await db.daily.toArray(), conversations: await db.conversations.toArray() };
  }

  it('the page first, then the stream: the turn and its rollups are replaced, once', async () => {
    expect(await recordTurn(db, counted(), TZ)).toMatchObject({ added: true, updated: false });
    expect(await recordTurn(db, reported(), TZ)).toMatchObject({ added: false, updated: true });
    expect(await recordTurn(db, reported(), TZ)).toMatchObject({ added: false, updated: false });
    expect(await recordTurn(db, counted(), TZ)).toMatchObject({ added: false, updated: false });
    const after = await state();
    expect(after.turns).toEqual([expect.objectContaining({ model: 'openai/gpt-5.1', reportedCounts: 'full', usd: 0.75 })]);
    // The old model's day row (an assumed model) is gone; the new one holds the turn once, as the site's.
    expect(after.daily).toEqual([{ day: '2026-11-21', site: 'chatgpt', model: 'openai/gpt-5.1', turns: 1, unpricedTurns: 0, chosenTurns: 0, assumedTurns: 0, usd: 0.75, usdMax: 0.75, inputTokens: 100 + 9000 + 800 + 40, outputTokens: 250, reasoningTokens: 60, toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 }]);
    expect(after.conversations).toEqual([expect.objectContaining({ turns: 1, usd: 0.75, model: 'openai/gpt-5.1' })]);
  });

  it('the stream first, then the page: the same end state', async () => {
    await recordTurn(db, reported(), TZ);
    const first = await state();
    expect(await recordTurn(db, counted(), TZ)).toMatchObject({ added: false, updated: false });
    expect(await state()).toEqual(first);
    globalThis.indexedDB = new IDBFactory();
    db = openLedgerDb('other-order');
    await recordTurn(db, counted(), TZ);
    await recordTurn(db, reported(), TZ);
    expect(await state()).toEqual(first);
  });

  it('ranks reports: a total beats the page, full counts beat a total, a model adds to either', async () => {
    await recordTurn(db, counted(), TZ);
    expect((await recordTurn(db, turn({ reportedCounts: 'total', usd: 0.6 }), TZ)).updated).toBe(true);
    expect((await recordTurn(db, turn({ reportedModel: true, usd: 0.55 }), TZ)).updated).toBe(false);
    expect((await recordTurn(db, turn({ reportedCounts: 'total', reportedModel: true, usd: 0.65 }), TZ)).updated).toBe(true);
    expect((await recordTurn(db, reported(), TZ)).updated).toBe(true);
    expect((await db.daily.toArray()).map((d) => [d.turns, d.usd])).toEqual([[1, 0.75]]);
  });
});

describe('days', () => {
  it.each([
    ['2026-11-21', 1, '2026-11-16'],
    ['2026-11-16', 1, '2026-11-16'],
    ['2026-11-21', 0, '2026-11-15'],
    ['2026-11-21', 6, '2026-11-21'],
    ['2027-01-01', 1, '2026-12-28'],
  ])('the week of %s starting on weekday %i begins %s', (day, start, expected) => {
    expect(weekStartDay(day, start)).toBe(expected);
  });

  it('steps over month and year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it.each([
    // DST starts in Berlin on 2026-03-29 (02:00 → 03:00) and ends on 2026-10-25.
    ['2026-03-28', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-11-21', 'America/New_York', '2026-11-22T05:00:00.000Z'],
    // Santiago skips midnight when DST starts (2026-09-06 00:00 → 01:00).
    ['2026-09-05', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
  ])('the day after %s in %s starts at %s', (day, tz, iso) => {
    const start = startOfNextDay(day, tz);
    expect(new Date(start).toISOString()).toBe(iso);
    expect(localDay(start, tz)).toBe(addDays(day, 1));
    expect(localDay(start - 1000, tz)).toBe(day);
  });
});

describe('recordTurns (batched, for imports)', () => {
  it('leaves the same turns and rollups as writing one at a time, duplicates included', async () => {
    const turns: NewTurn[] = [];
    for (let i = 0; i < 5000; i++) {
      const finishedAt = at('2026-01-01T00:00:00Z') + ((i * 7919) % 400) * 86_400_000 + (i % 24) * 3_600_000;
      turns.push(
        turn({
          site: (['chatgpt', 'claude', 'gemini'] as const)[i % 3], conversationId: `c${i % 97}`, promptKey: `u${i % 4000}`, replyKey: `a${i % 4000}`,
          model: i % 11 === 0 ? 'unknown' : `m${i % 4}`, priced: i % 11 !== 0, usd: i % 11 === 0 ? null : (i % 13) / 100, finishedAt, sentAt: finishedAt - 1000,
        }),
      );
    }
    const one = openLedgerDb(`one-${n}`);
    for (const t of turns) await recordTurn(one, t, TZ);
    const batched = openLedgerDb(`batch-${n}`);
    expect(await recordTurns(batched, turns, TZ)).toBe(await one.turns.count());
    expect(await recordTurns(batched, turns, TZ)).toBe(0); // again: nothing added
    const sorted = <T,>(rows: T[]) => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v))).sort();
    expect(sorted(await batched.turns.toArray())).toEqual(sorted(await one.turns.toArray()));
    expect(sorted(await batched.daily.toArray())).toEqual(sorted(await one.daily.toArray()));
    expect(sorted(await batched.conversations.toArray())).toEqual(sorted(await one.conversations.toArray()));
  });
});

describe('breakdown rows carry their high end (usdMax) beside usd', () => {
  // A PDF priced as a range: the turn cost 0.06 at least and 0.11 at most.
  const ranged = (over: Partial<NewTurn> = {}) => turn({ promptKey: 'r1', replyKey: 'r1', usd: 0.06, usdMax: 0.11, attachmentTokensMin: 18000, attachmentTokensMax: 36000, attachmentPdfs: 1, attachmentPdfPages: 12, ...over });
  const unpriced = (over: Partial<NewTurn> = {}) => turn({ promptKey: 'x1', replyKey: 'x1', model: 'unknown', priced: false, usd: null, usdMax: null, ...over });
  const claude = { site: 'claude', conversationId: 'k1', model: 'anthropic/claude-sonnet-4-5' } as const;
  type Ends = { usd: number; usdMax: number; turns: number; unpricedTurns: number };
  const CASES: { name: string; turns: NewTurn[]; site: Record<string, Ends>; model: Record<string, Ends>; conversation: Record<string, Ends> }[] = [
    {
      name: 'exact turns only: the high end is the low end',
      turns: [turn(), turn({ promptKey: 'u2', replyKey: 'a2', usd: 0.25 })],
      site: { chatgpt: { usd: 0.75, usdMax: 0.75, turns: 2, unpricedTurns: 0 } },
      model: { 'openai/gpt-5.2': { usd: 0.75, usdMax: 0.75, turns: 2, unpricedTurns: 0 } },
      conversation: { 'chatgpt/c1': { usd: 0.75, usdMax: 0.75, turns: 2, unpricedTurns: 0 } },
    },
    {
      name: 'a ranged turn and an exact one: the range is the sum of both ends',
      turns: [ranged(), turn({ usd: 0.02 })],
      site: { chatgpt: { usd: 0.08, usdMax: 0.13, turns: 2, unpricedTurns: 0 } },
      model: { 'openai/gpt-5.2': { usd: 0.08, usdMax: 0.13, turns: 2, unpricedTurns: 0 } },
      conversation: { 'chatgpt/c1': { usd: 0.08, usdMax: 0.13, turns: 2, unpricedTurns: 0 } },
    },
    {
      name: 'a ranged turn and an unpriced one: the unpriced adds nothing to either end, and is counted',
      turns: [ranged(), unpriced()],
      site: { chatgpt: { usd: 0.06, usdMax: 0.11, turns: 2, unpricedTurns: 1 } },
      model: { 'openai/gpt-5.2': { usd: 0.06, usdMax: 0.11, turns: 1, unpricedTurns: 0 }, unknown: { usd: 0, usdMax: 0, turns: 1, unpricedTurns: 1 } },
      conversation: { 'chatgpt/c1': { usd: 0.06, usdMax: 0.11, turns: 2, unpricedTurns: 1 } },
    },
    {
      name: 'a ranged turn on one site, exact turns on another: only its rows are ranges',
      turns: [ranged(claude), turn(), unpriced({ ...claude, model: 'unknown' })],
      site: { claude: { usd: 0.06, usdMax: 0.11, turns: 2, unpricedTurns: 1 }, chatgpt: { usd: 0.5, usdMax: 0.5, turns: 1, unpricedTurns: 0 } },
      model: { 'anthropic/claude-sonnet-4-5': { usd: 0.06, usdMax: 0.11, turns: 1, unpricedTurns: 0 }, 'openai/gpt-5.2': { usd: 0.5, usdMax: 0.5, turns: 1, unpricedTurns: 0 }, unknown: { usd: 0, usdMax: 0, turns: 1, unpricedTurns: 1 } },
      conversation: { 'claude/k1': { usd: 0.06, usdMax: 0.11, turns: 2, unpricedTurns: 1 }, 'chatgpt/c1': { usd: 0.5, usdMax: 0.5, turns: 1, unpricedTurns: 0 } },
    },
    {
      name: "priced tool calls count at both ends",
      turns: [ranged({ toolCalls: [{ kind: 'web_search', count: 1, usd: 0.01 }], toolUsd: 0.01 })],
      site: { chatgpt: { usd: 0.07, usdMax: 0.12, turns: 1, unpricedTurns: 0 } },
      model: { 'openai/gpt-5.2': { usd: 0.07, usdMax: 0.12, turns: 1, unpricedTurns: 0 } },
      conversation: { 'chatgpt/c1': { usd: 0.07, usdMax: 0.12, turns: 1, unpricedTurns: 0 } },
    },
    {
      name: "the stream's own count replaces the page's range: the rows' range goes with it",
      turns: [ranged(), ranged({ usd: 0.09, usdMax: 0.09, reportedCounts: 'total' })],
      site: { chatgpt: { usd: 0.09, usdMax: 0.09, turns: 1, unpricedTurns: 0 } },
      model: { 'openai/gpt-5.2': { usd: 0.09, usdMax: 0.09, turns: 1, unpricedTurns: 0 } },
      conversation: { 'chatgpt/c1': { usd: 0.09, usdMax: 0.09, turns: 1, unpricedTurns: 0 } },
    },
  ];
  const ends = (r: Ends): Ends => ({ usd: Number(r.usd.toFixed(9)), usdMax: Number(r.usdMax.toFixed(9)), turns: r.turns, unpricedTurns: r.unpricedTurns });
  const byKey = <T extends Ends>(rows: T[], key: (r: T) => string) => Object.fromEntries(rows.map((r) => [key(r), ends(r)]));

  it.each(CASES)('$name', async ({ turns, site, model, conversation }) => {
    for (const t of turns) await recordTurn(db, t, TZ);
    const summary = await readSummary(db, at('2026-11-21T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(byKey(summary.bySite, (r) => r.key)).toEqual(site);
    expect(byKey(summary.byModel, (r) => r.key)).toEqual(model);
    expect(byKey(await topConversations(db, at('2026-11-01T00:00:00Z')), (r) => `${r.site}/${r.conversationId}`)).toEqual(conversation);
  });

  it("a conversation's range leaves with its old turns", async () => {
    await recordTurn(db, ranged({ finishedAt: at('2026-09-01T12:00:00Z'), sentAt: at('2026-09-01T11:00:00Z') }), TZ);
    await recordTurn(db, turn({ usd: 0.02 }), TZ);
    expect(ends((await db.conversations.get(['chatgpt', 'c1']))!)).toEqual({ usd: 0.08, usdMax: 0.13, turns: 2, unpricedTurns: 0 });
    expect(await clearBefore(db, '2026-11-01')).toBe(1);
    expect(ends((await db.conversations.get(['chatgpt', 'c1']))!)).toEqual({ usd: 0.02, usdMax: 0.02, turns: 1, unpricedTurns: 0 });
  });
});

describe('rows whose cost is a lower bound (reasoning the page did not show)', () => {
  it('each site, model and conversation row counts its turns with hidden reasoning, and loses them with the turns', async () => {
    const hidden = (over: Partial<NewTurn> = {}) => turn({ promptKey: 'h1', replyKey: 'h1', reasoningHidden: true, ...over });
    await recordTurn(db, hidden({ finishedAt: at('2026-11-02T12:00:00Z'), sentAt: at('2026-11-02T11:00:00Z') }), TZ);
    await recordTurn(db, turn(), TZ);
    await recordTurn(db, turn({ site: 'claude', conversationId: 'k1', model: 'anthropic/claude-sonnet-4-5' }), TZ);
    const summary = await readSummary(db, at('2026-11-21T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(Object.fromEntries(summary.bySite.map((r) => [r.key, r.lowerBoundTurns]))).toEqual({ chatgpt: 1, claude: 0 });
    expect(Object.fromEntries(summary.byModel.map((r) => [r.key, r.lowerBoundTurns]))).toEqual({ 'openai/gpt-5.2': 1, 'anthropic/claude-sonnet-4-5': 0 });
    const conversations = await topConversations(db, at('2026-11-01T00:00:00Z'));
    expect(Object.fromEntries(conversations.map((r) => [`${r.site}/${r.conversationId}`, r.reasoningHiddenTurns]))).toEqual({ 'chatgpt/c1': 1, 'claude/k1': 0 });
    // The same turn again adds nothing; clearing it takes its mark out of the conversation.
    await recordTurn(db, hidden({ finishedAt: at('2026-11-02T12:00:00Z'), sentAt: at('2026-11-02T11:00:00Z') }), TZ);
    expect((await db.conversations.get(['chatgpt', 'c1']))!.reasoningHiddenTurns).toBe(1);
    expect(await clearBefore(db, '2026-11-10')).toBe(1);
    expect((await db.conversations.get(['chatgpt', 'c1']))!.reasoningHiddenTurns).toBe(0);
  });
});
