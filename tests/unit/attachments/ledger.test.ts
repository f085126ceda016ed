// A turn's attachments in pricing, the ledger and its export: a range stays a range (usd for the
// low end, usdMax for the high end), site-reported input is not billed twice.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { openLedgerDb, readSummary, recordTurn, type LedgerDb } from '@/lib/ledger';
import { DB_VERSION } from '@/lib/ledger/db';
import { exportCsv, exportJson, importJson } from '@/lib/ledger/transfer';
import { TurnRecordSchema, type TurnRecord } from '@/lib/messaging/protocol';
import { priceTurn } from '@/lib/pricing/turn';

const catalog = bundledCatalogData();
const base: TurnRecord = {
  site: 'claude', conversationId: 'c', promptKey: 'u', replyKey: 'a', model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5',
  promptTokens: 1000, contextTokens: 0, overheadTokens: 0, outputTokens: 500, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reported: { counts: 'none', model: false },
  exact: { prompt: false, context: true, output: false }, sentAt: 1_763_700_000_000, finishedAt: 1_763_700_005_000, regenerated: false, modelSource: 'picker', replyOpaque: null, tools: [], thinking: false,
};
// An image (1000×1000: 1334) and a 12-page PDF (18,000–36,000) on Claude.
const attachments = { images: 1, pdfs: 1, pdfPages: 12, textFiles: 0, otherFiles: 0, unpriced: 0, tokensMin: 19334, tokensMax: 37334 };
// Claude Sonnet 4.5: $3 input, $15 output per million tokens.
const usdAt = (input: number) => (input * 3 + 500 * 15) / 1e6;

describe('pricing a turn with attachments', () => {
  it('bills the low end as usd and the high end as usdMax, and keeps counts per kind', () => {
    const row = priceTurn({ ...base, attachments }, catalog, 'input');
    expect(row.usd).toBeCloseTo(usdAt(1000 + 19334), 12);
    expect(row.usdMax).toBeCloseTo(usdAt(1000 + 37334), 12);
    expect(row).toMatchObject({ promptTokens: 1000, attachmentTokensMin: 19334, attachmentTokensMax: 37334, attachmentImages: 1, attachmentPdfs: 1, attachmentPdfPages: 12 });
  });

  it('without attachments usdMax is usd, and the columns are 0', () => {
    const row = priceTurn(base, catalog, 'input');
    expect(row.usdMax).toBe(row.usd);
    expect(row).toMatchObject({ attachmentTokensMin: 0, attachmentTokensMax: 0, attachmentImages: 0, attachmentsUnpriced: 0 });
  });

  it("does not add attachments to an input the site reported (its figure holds them)", () => {
    const row = priceTurn({ ...base, attachments, reported: { counts: 'full', model: true } }, catalog, 'input');
    expect(row.usd).toBeCloseTo(usdAt(1000), 12);
    expect(row.usdMax).toBe(row.usd);
    expect(row.attachmentTokensMax).toBe(37334);
  });

  it('an unknown model stays unpriced: no usd, no usdMax', () => {
    expect(priceTurn({ ...base, model: null, attachments }, catalog, 'input')).toMatchObject({ priced: false, usd: null, usdMax: null });
  });

  it('the message protocol rejects a range upside down and accepts a record without attachments', () => {
    expect(TurnRecordSchema.safeParse({ ...base, attachments: { ...attachments, tokensMin: 5, tokensMax: 4 } }).success).toBe(false);
    expect(TurnRecordSchema.safeParse(base).success).toBe(true);
  });
});

describe('the ledger and its export carry attachments', () => {
  let db: LedgerDb;
  let n = 0;
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    db = openLedgerDb(`attachments-${++n}`);
  });

  it('sums the low and the high ends per period', async () => {
    await recordTurn(db, priceTurn({ ...base, attachments }, catalog, 'input'), 'UTC');
    await recordTurn(db, priceTurn({ ...base, replyKey: 'b' }, catalog, 'input'), 'UTC');
    const s = await readSummary(db, base.finishedAt, { weekStart: 1, timeZone: 'UTC' });
    expect(s.today.usd).toBeCloseTo(usdAt(20334) + usdAt(1000), 12);
    expect(s.today.usdMax).toBeCloseTo(usdAt(38334) + usdAt(1000), 12);
  });

  it('exports them (CSV and JSON), and a file from before version 4 imports with none', async () => {
    await recordTurn(db, priceTurn({ ...base, attachments }, catalog, 'input'), 'UTC');
    const csv = await exportCsv(db);
    const [header, line] = csv.trim().split('\r\n');
    const cells = Object.fromEntries(header!.split(',').map((h, i) => [h, line!.split(',')[i]]));
    expect(cells).toMatchObject({ attachmentTokensMin: '19334', attachmentTokensMax: '37334', attachmentImages: '1', attachmentPdfs: '1', attachmentPdfPages: '12' });
    expect(Number(cells.usdMax)).toBeCloseTo(usdAt(38334), 12);

    const json = JSON.parse(await exportJson(db));
    expect(json.schemaVersion).toBe(DB_VERSION);
    const other = openLedgerDb(`attachments-import-${n}`);
    expect(await importJson(other, JSON.stringify(json))).toMatchObject({ ok: true, added: 1 });
    expect((await other.turns.toArray())[0]).toMatchObject({ attachmentTokensMax: 37334, attachmentPdfPages: 12 });

    // The same turn as version 3 wrote it: no attachment fields, no usdMax.
    const old = Object.fromEntries(Object.entries(json.turns[0]).filter(([k]) => !k.startsWith('attachment') && k !== 'usdMax'));
    const third = openLedgerDb(`attachments-old-${n}`);
    expect(await importJson(third, JSON.stringify({ ...json, turns: [{ ...old, replyKey: 'old' }] }))).toMatchObject({ ok: true, added: 1 });
    const row = (await third.turns.toArray())[0]!;
    expect(row).toMatchObject({ attachmentTokensMin: 0, attachmentTokensMax: 0, attachmentImages: 0 });
    expect(row.usdMax).toBe(row.usd);
  });

  it('rejects an import whose range is upside down: nothing is written', async () => {
    await recordTurn(db, priceTurn({ ...base, attachments }, catalog, 'input'), 'UTC');
    const json = JSON.parse(await exportJson(db));
    json.turns[0].attachmentTokensMin = 40000;
    const other = openLedgerDb(`attachments-bad-${n}`);
    expect(await importJson(other, JSON.stringify(json))).toMatchObject({ ok: false });
    expect(await other.turns.count()).toBe(0);
  });
});
