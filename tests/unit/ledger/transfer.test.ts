import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openLedgerDb, recordTurn, type LedgerDb } from '@/lib/ledger';
import { csvCell, exportCsv, exportJson, importJson } from '@/lib/ledger/transfer';
import type { NewTurn } from '@/lib/pricing/turn';

let db: LedgerDb;
let n = 0;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  db = openLedgerDb(`transfer-${++n}`);
});

const turn = (over: Partial<NewTurn> = {}): NewTurn => ({
  site: 'chatgpt', conversationId: 'c1', promptKey: 'u1', replyKey: 'a1', model: 'openai/gpt-5.2', modelLabel: '=HYPERLINK("x")', catalogVersion: 'v1',
  sentAt: 1_763_700_000_000, finishedAt: 1_763_700_005_000, promptTokens: 10, contextTokens: 0, overheadTokens: 0, outputTokens: 20, reasoningTokens: 0,
  cachedInputTokens: 0, cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false, modelSource: 'picker', replyOpaque: null, exactPrompt: true, exactContext: true, exactOutput: true, regenerated: false, priced: true, usd: 0.25, upperBound: false, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false, ...over,
});

describe('CSV', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+cmd', `"'+cmd"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
    [null, ''],
    [0.25, '0.25'],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('exports every turn with a header and no formula cells', async () => {
    await recordTurn(db, turn());
    const csv = await exportCsv(db);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^day,finishedAt,site,/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('JSON import', () => {
  it('round-trips, and importing the same file twice adds nothing', async () => {
    await recordTurn(db, turn());
    await recordTurn(db, turn({ replyKey: 'a2', usd: 0.5 }));
    const file = await exportJson(db);
    const other = openLedgerDb(`transfer-other-${n}`);
    expect(await importJson(other, file)).toEqual({ ok: true, added: 2, skipped: 0 });
    expect(await importJson(other, file)).toEqual({ ok: true, added: 0, skipped: 2 });
    expect((await other.daily.toArray()).reduce((s, r) => s + r.usd, 0)).toBeCloseTo(0.75, 12);
  });

  it('imports a file from before ledger version 2 (no cache writes, nothing site-reported), and keeps reported figures of newer files', async () => {
    await recordTurn(db, turn({ replyKey: 'a2', cacheWriteTokens: 40, reportedCounts: 'full', reportedModel: true }));
    const file = JSON.parse(await exportJson(db)) as { turns: Record<string, unknown>[] };
    const { cacheWriteTokens: _c, reportedCounts: _r, reportedModel: _m, ...old } = file.turns[0]!;
    const other = openLedgerDb(`transfer-v1-${n}`);
    expect(await importJson(other, JSON.stringify({ ...file, turns: [{ ...old, id: 'v1-row', replyKey: 'a1' }, file.turns[0]] }))).toEqual({ ok: true, added: 2, skipped: 0 });
    const rows = (await other.turns.toArray()).sort((a, b) => a.replyKey.localeCompare(b.replyKey));
    expect(rows.map((r) => [r.replyKey, r.cacheWriteTokens, r.reportedCounts, r.reportedModel])).toEqual([['a1', 0, 'none', false], ['a2', 40, 'full', true]]);
  });

  it('carries tool calls, their cost and the lower-bound mark (issue 18b); a file from before them reads as none', async () => {
    const tools = { toolCalls: [{ kind: 'web_search' as const, count: 2, usd: 0.02 }, { kind: 'code_execution' as const, count: 1, usd: null }], toolUsd: 0.02, thinking: true, reasoningHidden: true };
    await recordTurn(db, turn({ replyKey: 'a2', ...tools }));
    const file = JSON.parse(await exportJson(db)) as { turns: Record<string, unknown>[] };
    const { toolCalls: _t, toolUsd: _u, thinking: _h, reasoningHidden: _r, ...old } = file.turns[0]!;
    const other = openLedgerDb(`transfer-v3-${n}`);
    expect(await importJson(other, JSON.stringify({ ...file, turns: [{ ...old, id: 'v3-row', replyKey: 'a1' }, file.turns[0]] }))).toEqual({ ok: true, added: 2, skipped: 0 });
    const rows = (await other.turns.toArray()).sort((a, b) => a.replyKey.localeCompare(b.replyKey));
    expect(rows.map((r) => [r.replyKey, r.toolCalls, r.toolUsd, r.thinking, r.reasoningHidden])).toEqual([['a1', [], null, false, false], ['a2', tools.toolCalls, 0.02, true, true]]);
    // The rollup holds tokens and tools together.
    expect((await other.daily.toArray()).reduce((s, r) => s + r.usd, 0)).toBeCloseTo(0.25 + 0.25 + 0.02, 12);
    const csv = (await exportCsv(other)).trim().split('\r\n');
    expect(csv[0]).toMatch(/,toolUsd,toolCalls,reasoningHidden$/);
    expect(csv[2]).toMatch(/,0\.02,web_search:2 code_execution:1:unpriced,true$/);
  });

  it.each([
    ['not JSON', '{"format": "spendmeter-ledger", "turns": [', 'not valid JSON'],
    ['another format', JSON.stringify({ format: 'other', version: 1, exportedAt: '', turns: [] }), 'format'],
    ['a bad row', JSON.stringify({ format: 'spendmeter-ledger', version: 1, exportedAt: '', turns: [{ id: 'x', site: 'myspace' }] }), 'turns.0.site'],
    ['a newer version', JSON.stringify({ format: 'spendmeter-ledger', version: 99, exportedAt: '', turns: [] }), 'newer Spendmeter'],
  ])('rejects %s with a clear message and changes nothing', async (_name, text, message) => {
    await recordTurn(db, turn());
    const result = await importJson(db, text);
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toContain(message);
    expect(await db.turns.count()).toBe(1);
  });

  it('rejects a truncated file with a valid first half: nothing is written', async () => {
    await recordTurn(db, turn());
    const file = await exportJson(db);
    const other = openLedgerDb(`transfer-trunc-${n}`);
    expect((await importJson(other, file.slice(0, file.length - 40))).ok).toBe(false);
    expect(await other.turns.count()).toBe(0);
  });
});
