/**
 * Export and import of the ledger. CSV for spreadsheets (no cell can start a formula), JSON for
 * moving the ledger between browsers. An import is validated completely before anything is
 * written, and merged idempotently: importing the same file twice adds nothing.
 */
import { z } from 'zod';
import { ModelSourceSchema, ReplyOpaqueSchema, ReportedCountsSchema } from '../messaging/protocol';
import { SiteIdSchema } from '../settings/schema';
import { describeZodError } from '../validation';
import { MAX_TOOL_CALLS, TOOL_KINDS } from '../usage/tools';
import { recordTurns, type LedgerDb, type TurnRow } from './index';
import { DB_VERSION } from './db';

export const EXPORT_FORMAT = 'spendmeter-ledger';
export const EXPORT_VERSION = 1;

const count = z.number().int().min(0).max(8.64e15);
const TurnRowSchema = z.object({
  id: z.string().min(1).max(2000),
  site: SiteIdSchema,
  conversationId: z.string().min(1).max(300),
  promptKey: z.string().min(1).max(300),
  replyKey: z.string().min(1).max(300),
  model: z.string().min(1).max(200),
  modelLabel: z.string().max(200).nullable(),
  catalogVersion: z.string().min(1).max(100),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sentAt: count,
  finishedAt: count,
  promptTokens: count,
  contextTokens: count,
  overheadTokens: count,
  outputTokens: count,
  reasoningTokens: count,
  cachedInputTokens: count,
  // Since ledger version 2; files from before have none.
  cacheWriteTokens: count.default(0),
  reportedCounts: ReportedCountsSchema.default('none'),
  reportedModel: z.boolean().default(false),
  // Since ledger version 3.
  modelSource: ModelSourceSchema.nullable().default(null),
  replyOpaque: ReplyOpaqueSchema.nullable().default(null),
  // Since ledger version 4 (issue 18b: tools and hidden reasoning).
  toolCalls: z.array(z.object({ kind: z.enum(TOOL_KINDS), count: z.number().int().min(1).max(MAX_TOOL_CALLS), usd: z.number().finite().min(0).nullable() })).max(TOOL_KINDS.length).default([]),
  toolUsd: z.number().finite().min(0).nullable().default(null),
  thinking: z.boolean().default(false),
  reasoningHidden: z.boolean().default(false),
  exactPrompt: z.boolean(),
  exactContext: z.boolean(),
  exactOutput: z.boolean(),
  regenerated: z.boolean(),
  priced: z.boolean(),
  usd: z.number().finite().min(0).nullable(),
  upperBound: z.boolean(),
  // Since ledger version 4 (attachments); files from before have none, and usdMax = usd.
  attachmentTokensMin: count.default(0),
  attachmentTokensMax: count.default(0),
  attachmentImages: count.default(0),
  attachmentPdfs: count.default(0),
  attachmentPdfPages: count.default(0),
  attachmentTextFiles: count.default(0),
  attachmentOtherFiles: count.default(0),
  attachmentsUnpriced: count.default(0),
  usdMax: z.number().finite().min(0).nullable().optional(),
}).refine((t) => t.attachmentTokensMin <= t.attachmentTokensMax, { message: 'attachmentTokensMin must not exceed attachmentTokensMax', path: ['attachmentTokensMax'] })
  .refine((t) => t.usdMax == null || t.usd === null || t.usdMax >= t.usd, { message: 'usdMax must not be below usd', path: ['usdMax'] });

const ExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `not a Spendmeter ledger export (format must be "${EXPORT_FORMAT}")` }),
  version: z.number().int().min(1),
  exportedAt: z.string(),
  turns: z.array(TurnRowSchema),
});

export async function exportJson(db: LedgerDb, now = new Date()): Promise<string> {
  const turns = await db.turns.orderBy('finishedAt').toArray();
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, schemaVersion: DB_VERSION, exportedAt: now.toISOString(), turns }, null, 1);
}

const CSV_COLUMNS: (keyof TurnRow)[] = [
  'day', 'finishedAt', 'site', 'conversationId', 'model', 'modelLabel', 'modelSource', 'priced', 'usd', 'promptTokens', 'contextTokens', 'overheadTokens',
  'outputTokens', 'reasoningTokens', 'cachedInputTokens', 'cacheWriteTokens', 'exactPrompt', 'exactContext', 'exactOutput', 'reportedCounts', 'reportedModel',
  'regenerated', 'replyOpaque', 'upperBound', 'catalogVersion',
  // Version 4: attachments (a token range and counts per kind) and the cost at the range's top.
  'usdMax', 'attachmentTokensMin', 'attachmentTokensMax', 'attachmentImages', 'attachmentPdfs', 'attachmentPdfPages', 'attachmentTextFiles', 'attachmentOtherFiles', 'attachmentsUnpriced',
  // Issue 18b: the tool calls' cost apart from `usd`, the calls ("web_search:2 memory:1"), and the lower-bound mark.
  'toolUsd', 'toolCalls', 'reasoningHidden',
];

/** A cell's text: tool calls as `kind:count` pairs (`kind:count:unpriced` when not priced), the rest as they are. */
function cellValue(row: TurnRow, column: keyof TurnRow): unknown {
  if (column === 'finishedAt') return new Date(row.finishedAt).toISOString();
  if (column === 'toolCalls') return (row.toolCalls ?? []).map((c) => `${c.kind}:${c.count}${c.usd === null ? ':unpriced' : ''}`).join(' ');
  return row[column];
}

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s.startsWith("'") ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: TurnRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(CSV_COLUMNS.map((c) => csvCell(cellValue(row, c))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export async function exportCsv(db: LedgerDb): Promise<string> {
  return toCsv(await db.turns.orderBy('finishedAt').toArray());
}

export type ImportResult = { ok: true; added: number; skipped: number } | { ok: false; message: string };

/** Validates the whole file first; on any problem nothing is written. */
export async function importJson(db: LedgerDb, text: string): Promise<ImportResult> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `the file is not valid JSON (${err instanceof Error ? err.message : String(err)}); nothing was imported` };
  }
  const parsed = ExportSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, message: `the file is not a valid ledger export: ${describeZodError(parsed.error, 'file', 5)}; nothing was imported` };
  }
  if (parsed.data.version > EXPORT_VERSION) {
    return { ok: false, message: `the file comes from a newer Spendmeter (export version ${parsed.data.version}, this one reads ${EXPORT_VERSION}); nothing was imported` };
  }
  const added = await recordTurns(db, parsed.data.turns.map(({ id: _id, day: _day, usdMax, ...turn }) => ({ ...turn, usdMax: usdMax === undefined ? turn.usd : usdMax })));
  return { ok: true, added, skipped: parsed.data.turns.length - added };
}
