// Upgrades: a database exactly as each earlier version of the code wrote it (its schema and row
// shapes frozen here, as they shipped) is opened by the current code, and nothing is lost. A new
// schema version adds its predecessor here before it ships.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { conversation, openLedgerDb, readSummary, recordTurn, turnId } from '@/lib/ledger';
import { DB_VERSION, NO_ATTACHMENT_COLUMNS } from '@/lib/ledger/db';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const TZ = 'Europe/Berlin';
const finishedAt = Date.parse('2026-11-20T10:00:05Z');

/** Version 1 (2026-11): turns, daily rollups per (day, site, model), conversation rollups. */
const V1 = {
  schema: {
    turns: '&id, day, finishedAt, [site+conversationId]',
    daily: '&[day+site+model], day',
    conversations: '&[site+conversationId], lastAt',
  },
  turn: {
    id: turnId('claude', 'conv-1', 'u1', 'a1'), site: 'claude', conversationId: 'conv-1', promptKey: 'u1', replyKey: 'a1',
    model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5', catalogVersion: '2026-11-01', day: '2026-11-20',
    sentAt: finishedAt - 5000, finishedAt, promptTokens: 1000, contextTokens: 4000, overheadTokens: 0, outputTokens: 800,
    reasoningTokens: 0, cachedInputTokens: 0, exactPrompt: false, exactContext: false, exactOutput: false, regenerated: false,
    priced: true, usd: 0.027, upperBound: false,
  },
  daily: { day: '2026-11-20', site: 'claude', model: 'anthropic/claude-sonnet-4-5', turns: 1, unpricedTurns: 0, usd: 0.027, inputTokens: 5000, outputTokens: 800, reasoningTokens: 0 },
  conversation: { site: 'claude', conversationId: 'conv-1', model: 'anthropic/claude-sonnet-4-5', turns: 1, unpricedTurns: 0, usd: 0.027, firstAt: finishedAt, lastAt: finishedAt },
};

/** Version 2 (2026-11-28): turns gained cacheWriteTokens, reportedCounts, reportedModel. Same tables. */
const V2 = {
  schema: V1.schema,
  turn: { ...V1.turn, id: turnId('chatgpt', 'conv-2', 'u1', 'a1'), site: 'chatgpt', conversationId: 'conv-2', model: 'openai/gpt-5.2', modelLabel: 'GPT-5.2', cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false },
  daily: { ...V1.daily, site: 'chatgpt', model: 'openai/gpt-5.2' },
  conversation: { ...V1.conversation, site: 'chatgpt', conversationId: 'conv-2', model: 'openai/gpt-5.2' },
};

/** Version 3 (2026-11-30): turns gained modelSource, replyOpaque; daily rollups chosenTurns, assumedTurns. Same tables. */
const V3 = {
  schema: V1.schema,
  turn: { ...V2.turn, id: turnId('claude', 'conv-3', 'u1', 'a1'), site: 'claude', conversationId: 'conv-3', model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5', modelSource: 'picker', replyOpaque: null },
  daily: { ...V1.daily, chosenTurns: 0, assumedTurns: 0 },
  conversation: { ...V1.conversation, conversationId: 'conv-3' },
};

/**
 * Version 3 (2026-11-29): turns gained modelSource and replyOpaque, daily rollups chosenTurns and
 * assumedTurns. Same tables. Frozen again with a Grok turn for version 4's tools and hidden reasoning.
 */
const V3_TOOLS = {
  schema: V1.schema,
  turn: { ...V2.turn, id: turnId('grok', 'conv-3', 'u1', 'a1'), site: 'grok', conversationId: 'conv-3', model: 'xai/grok-4', modelLabel: 'Grok 4', modelSource: 'stream', replyOpaque: null },
  daily: { ...V2.daily, site: 'grok', model: 'xai/grok-4', chosenTurns: 0, assumedTurns: 0 },
  conversation: { ...V2.conversation, site: 'grok', conversationId: 'conv-3', model: 'xai/grok-4' },
};

/**
 * Version 4 (2026-11-30): turns gained the attachments, usdMax, tools and hidden reasoning; daily
 * rollups usdMax and the tools. Conversation rollups had no usdMax or hidden-reasoning count. Same
 * tables. Conversation 4a holds a turn whose PDF was priced as a range (0.05–0.1), an exact one
 * whose reasoning the page did not show, and an unpriced one; conversation 4b only an exact one.
 */
const V4_TURN = {
  ...V3.turn, ...NO_ATTACHMENT_COLUMNS, usdMax: 0.027, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false,
};
const V4 = {
  schema: V1.schema,
  turns: [
    { ...V4_TURN, id: turnId('claude', 'conv-4a', 'u1', 'a1'), conversationId: 'conv-4a', usd: 0.05, usdMax: 0.1, attachmentTokensMin: 15000, attachmentTokensMax: 30000, attachmentPdfs: 1, attachmentPdfPages: 10, toolCalls: [{ kind: 'web_search', count: 1, usd: 0.01 }], toolUsd: 0.01 },
    { ...V4_TURN, id: turnId('claude', 'conv-4a', 'u2', 'a2'), conversationId: 'conv-4a', promptKey: 'u2', replyKey: 'a2', reasoningHidden: true },
    { ...V4_TURN, id: turnId('claude', 'conv-4a', 'u3', 'a3'), conversationId: 'conv-4a', promptKey: 'u3', replyKey: 'a3', model: 'unknown', priced: false, usd: null, usdMax: null },
    { ...V4_TURN, id: turnId('claude', 'conv-4b', 'u1', 'a1'), conversationId: 'conv-4b' },
  ],
  daily: [
    { ...V3.daily, turns: 3, usd: 0.114, usdMax: 0.164, toolUsd: 0.01, toolCalls: { web_search: 1 }, unpricedToolCalls: 0, reasoningHiddenTurns: 1 },
    { ...V3.daily, model: 'unknown', turns: 1, unpricedTurns: 1, usd: 0, usdMax: 0, toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 },
  ],
  conversations: [
    { ...V1.conversation, conversationId: 'conv-4a', turns: 3, unpricedTurns: 1, usd: 0.087 },
    { ...V1.conversation, conversationId: 'conv-4b' },
  ],
};

describe('ledger upgrades', () => {
  it(`opens a version 4 database in the current version (${DB_VERSION}): each conversation's usdMax and hidden-reasoning count from its turns`, async () => {
    const old = new Dexie('upgrade-v4');
    old.version(4).stores(V4.schema);
    await old.open();
    await old.table('turns').bulkAdd(V4.turns);
    await old.table('daily').bulkAdd(V4.daily);
    await old.table('conversations').bulkAdd(V4.conversations);
    old.close();

    const db = openLedgerDb('upgrade-v4');
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.turns.toArray()).toEqual(expect.arrayContaining(V4.turns));
    expect(await db.daily.toArray()).toEqual(expect.arrayContaining(V4.daily));
    // 4a: its low end plus what the PDF's range adds (0.1 − 0.05; the tool call is at both ends),
    // and one turn whose cost is a lower bound; 4b: no range, no lower bound.
    const a = (await conversation(db, 'claude', 'conv-4a'))!;
    expect({ ...a, usdMax: undefined }).toEqual({ ...V4.conversations[0], usdMax: undefined, reasoningHiddenTurns: 1 });
    expect(a.usdMax).toBeCloseTo(0.137, 12);
    expect(await conversation(db, 'claude', 'conv-4b')).toEqual({ ...V4.conversations[1], usdMax: 0.027, reasoningHiddenTurns: 0 });
    // A turn recorded now with a range of its own adds both ends to the upgraded rollup.
    const { id: _id, day: _day, ...base } = V4.turns[1]!;
    await recordTurn(db, { ...base, promptKey: 'u4', replyKey: 'a4', usd: 0.02, usdMax: 0.03 } as never, TZ);
    const after = (await conversation(db, 'claude', 'conv-4a'))!;
    expect(after.usd).toBeCloseTo(0.107, 12);
    expect(after.usdMax).toBeCloseTo(0.167, 12);
    expect(after.reasoningHiddenTurns).toBe(2); // the new turn copies u2's hidden reasoning
    // The old turns are still the same turns: recording one again adds nothing.
    const { id: _id2, day: _day2, ...again } = V4.turns[0]!;
    expect((await recordTurn(db, again as never, TZ)).added).toBe(false);
  });

  it(`opens a version 3 database in the current version (${DB_VERSION}): no attachments, usdMax = usd, nothing lost`, async () => {
    const old = new Dexie('upgrade-v3');
    old.version(3).stores(V3.schema);
    await old.open();
    await old.table('turns').add(V3.turn);
    await old.table('daily').add(V3.daily);
    await old.table('conversations').add(V3.conversation);
    old.close();

    const db = openLedgerDb('upgrade-v3');
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.turns.toArray()).toEqual([{ ...V3.turn, ...NO_ATTACHMENT_COLUMNS, usdMax: 0.027, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false }]);
    expect(await db.daily.toArray()).toEqual([{ ...V3.daily, usdMax: 0.027, toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 }]);
    expect(await conversation(db, 'claude', 'conv-3')).toEqual({ ...V3.conversation, usdMax: 0.027, reasoningHiddenTurns: 0 });
    const summary = await readSummary(db, Date.parse('2026-11-20T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(summary.today).toEqual({ usd: 0.027, usdMax: 0.027, turns: 1, unpricedTurns: 0, lowerBoundTurns: 0 });
    // A turn of the same day with a PDF priced as a range: the day's low end and high end part.
    const { id: _id, day: _day, ...base } = V3.turn;
    await recordTurn(db, { ...base, replyKey: 'a2', usd: 0.05, usdMax: 0.1, attachmentTokensMin: 15000, attachmentTokensMax: 30000, attachmentPdfs: 1, attachmentPdfPages: 10 } as never, TZ);
    const after = await readSummary(db, Date.parse('2026-11-20T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(after.today.usd).toBeCloseTo(0.077, 12);
    expect(after.today.usdMax).toBeCloseTo(0.127, 12);
    // The old turn is still the same turn: recording it again adds nothing.
    expect((await recordTurn(db, base as never, TZ)).added).toBe(false);
  });

  it(`opens a version 3 database in the current version (${DB_VERSION}): no tool calls, not marked, rollups without tools`, async () => {
    const old = new Dexie('upgrade-v3-tools');
    old.version(3).stores(V3_TOOLS.schema);
    await old.open();
    await old.table('turns').add(V3_TOOLS.turn);
    await old.table('daily').add(V3_TOOLS.daily);
    await old.table('conversations').add(V3_TOOLS.conversation);
    old.close();

    const db = openLedgerDb('upgrade-v3-tools');
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    // Nothing was read of tools or thinking then: none, and never marked as a lower bound after the fact.
    expect(await db.turns.toArray()).toEqual([{ ...V3_TOOLS.turn, ...NO_ATTACHMENT_COLUMNS, usdMax: 0.027, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false }]);
    expect(await db.daily.toArray()).toEqual([{ ...V3_TOOLS.daily, usdMax: 0.027, toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 }]);
    expect(await conversation(db, 'grok', 'conv-3')).toEqual({ ...V3_TOOLS.conversation, usdMax: 0.027, reasoningHiddenTurns: 0 });
    const summary = await readSummary(db, Date.parse('2026-11-20T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(summary.today).toEqual({ usd: 0.027, usdMax: 0.027, turns: 1, unpricedTurns: 0, lowerBoundTurns: 0 });
    expect(summary.monthTools).toEqual({ toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 });
    // A turn recorded now with two priced searches and hidden reasoning joins the upgraded rollup.
    const { id: _id, day: _day, ...base } = V3_TOOLS.turn;
    await recordTurn(db, { ...base, replyKey: 'a2', usd: 0.01, toolCalls: [{ kind: 'web_search', count: 2, usd: 0.01 }, { kind: 'memory', count: 1, usd: null }], toolUsd: 0.01, thinking: true, reasoningHidden: true } as never, TZ);
    expect((await db.daily.toArray())[0]).toMatchObject({ turns: 2, usd: 0.047, toolUsd: 0.01, toolCalls: { web_search: 2, memory: 1 }, unpricedToolCalls: 1, reasoningHiddenTurns: 1 });
    expect((await readSummary(db, Date.parse('2026-11-20T12:00:00Z'), { weekStart: 1, timeZone: TZ })).today).toEqual({ usd: 0.047, usdMax: 0.047, turns: 2, unpricedTurns: 0, lowerBoundTurns: 1 });
    // The old turn still counts as written.
    const { id: _id3, day: _day3, ...again } = V3_TOOLS.turn;
    expect((await recordTurn(db, again as never, TZ)).added).toBe(false);
  });

  it(`opens a version 2 database in the current version (${DB_VERSION}): sources unknown, rollups counted as neither chosen nor assumed`, async () => {
    const old = new Dexie('upgrade-v2');
    old.version(2).stores(V2.schema);
    await old.open();
    await old.table('turns').add(V2.turn);
    await old.table('daily').add(V2.daily);
    await old.table('conversations').add(V2.conversation);
    old.close();

    const db = openLedgerDb('upgrade-v2');
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.turns.toArray()).toEqual([{ ...V2.turn, modelSource: null, replyOpaque: null, ...NO_ATTACHMENT_COLUMNS, usdMax: V2.turn.usd, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false }]);
    expect(await db.daily.toArray()).toEqual([{ ...V2.daily, chosenTurns: 0, assumedTurns: 0, usdMax: V2.daily.usd, toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 }]);
    const summary = await readSummary(db, Date.parse('2026-11-20T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(summary.byModel).toEqual([expect.objectContaining({ key: 'openai/gpt-5.2', turns: 1, chosenTurns: 0, assumedTurns: 0 })]);
    // A turn of the same day recorded now, at a model we assumed, is counted as assumed.
    const { id: _id, day: _day, ...base } = V2.turn;
    await recordTurn(db, { ...base, replyKey: 'a2', modelSource: 'site default', replyOpaque: null } as never, TZ);
    expect((await db.daily.toArray())[0]).toMatchObject({ turns: 2, chosenTurns: 0, assumedTurns: 1 });
  });

  it(`opens a version 1 database in the current version (${DB_VERSION}) with nothing lost`, async () => {
    const old = new Dexie('upgrade-v1');
    old.version(1).stores(V1.schema);
    await old.open();
    await old.table('turns').add(V1.turn);
    await old.table('daily').add(V1.daily);
    await old.table('conversations').add(V1.conversation);
    old.close();

    const db = openLedgerDb('upgrade-v1');
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.turns.toArray()).toEqual([expect.objectContaining(V1.turn)]);
    // Version 2's fields, filled in for turns written before them.
    expect(await db.turns.toArray()).toEqual([expect.objectContaining({ cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false })]);
    expect(await db.daily.toArray()).toEqual([expect.objectContaining(V1.daily)]);
    expect(await conversation(db, 'claude', 'conv-1')).toEqual({ ...V1.conversation, usdMax: 0.027, reasoningHiddenTurns: 0 });
    const summary = await readSummary(db, Date.parse('2026-11-20T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    expect(summary.today).toEqual({ usd: 0.027, usdMax: 0.027, turns: 1, unpricedTurns: 0, lowerBoundTurns: 0 });
    // The old turn still counts as written: recording it again adds nothing.
    const { id: _id, day: _day, ...again } = V1.turn;
    expect((await recordTurn(db, again as never, TZ)).added).toBe(false);
    expect(await db.turns.count()).toBe(1);
  });
});
