/**
 * The one message protocol between the extension's contexts. Every kind has a zod schema; the
 * router parses each incoming message and answers a malformed one with an error without acting on
 * it. Who may send which kind is decided in router.ts.
 */
import { z } from 'zod';
import { EncodingSchema } from '../catalog/schema';
import { MODEL_SOURCES } from '../models/sources';
import { SiteIdSchema } from '../settings/schema';
import { MAX_TEXT_CHARS } from '../tokens/counting-service';
import { LimitWindowSchema, ToolCallSchema } from '../usage/report';
import { TOOL_KINDS } from '../usage/tools';

const chars = z.number().int().min(0).max(MAX_TEXT_CHARS);

/**
 * An edit of a session's text instead of the whole text: `removed` characters at `offset` replaced
 * by `inserted`, applied to the text of version `base`, giving a text of `length` characters. A
 * counter that does not hold version `base` (a lost or reordered edit, a restarted worker), or whose
 * result has another length, answers `resync` and the caller sends the whole text once.
 */
export const CountEditSchema = z.object({
  base: z.number().int().min(0),
  offset: chars,
  removed: chars,
  inserted: z.string().max(MAX_TEXT_CHARS),
  length: chars,
});
export type CountEdit = z.infer<typeof CountEditSchema>;

export const CountMessageSchema = z.object({
  kind: z.literal('count'),
  /** Requests of one session (a tab's draft, a streamed reply) are counted incrementally. */
  session: z.string().min(1).max(200).nullable(),
  /** The whole text, or (in a session) an edit of its last version. */
  text: z.string().max(MAX_TEXT_CHARS, `text too large to count (limit ${MAX_TEXT_CHARS} characters)`).optional(),
  edit: CountEditSchema.optional(),
  /** The version this request makes the session's text (edits name it as their base). */
  version: z.number().int().min(0).optional(),
  encoding: EncodingSchema,
  /** Time this request at each hop (the benchmark's pages ask; see CountTook). */
  profile: z.literal(true).optional(),
  /** The caret in a session's text: also count the likely next keys there (lib/tokens/lookahead.ts). */
  ahead: chars.optional(),
}).refine((m) => (m.text === undefined) !== (m.edit === undefined) && (m.edit === undefined || (m.session !== null && m.version !== undefined)), {
  message: 'a count carries either the text or, in a session, an edit with a version',
}).refine((m) => m.ahead === undefined || m.session !== null, { message: 'only a session counts ahead' });
export type CountMessage = z.infer<typeof CountMessageSchema>;

/** Background → offscreen document: the same request, addressed so other pages ignore it. */
export const OffscreenCountMessageSchema = z.object({
  target: z.literal('offscreen'),
  request: CountMessageSchema,
});
export type OffscreenCountMessage = z.infer<typeof OffscreenCountMessageSchema>;

/**
 * Content script → offscreen document, over a long-lived port named COUNT_PORT (Chrome): the same
 * request with an id that its answer carries back. Skips the service worker on each keystroke.
 */
export const COUNT_PORT = 'spendmeter-count';
export const PortCountMessageSchema = z.object({
  id: z.number().int().min(0),
  request: CountMessageSchema,
});
export type PortCountMessage = z.infer<typeof PortCountMessageSchema>;

export const ReportedCountsSchema = z.enum(['none', 'output', 'total', 'full']);
export type ReportedCounts = z.infer<typeof ReportedCountsSchema>;

export const ModelSourceSchema = z.enum(MODEL_SOURCES);
export const ReplyOpaqueSchema = z.enum(['image', 'frame']);
export type ReplyOpaque = z.infer<typeof ReplyOpaqueSchema>;

const tokens = z.number().int().min(0).max(100_000_000);
const key = z.string().min(1).max(300);
const time = z.number().int().min(0).max(8_640_000_000_000);

/**
 * The attachments sent with a turn's prompt (lib/attachments): counts per kind and their tokens as
 * a range (min = max when every rule is exact or fixed); `unpriced` counts those with no figure.
 */
export const TurnAttachmentsSchema = z
  .object({
    images: tokens,
    pdfs: tokens,
    pdfPages: tokens,
    textFiles: tokens,
    otherFiles: tokens,
    unpriced: tokens,
    tokensMin: tokens,
    tokensMax: tokens,
  })
  .refine((a) => a.tokensMin <= a.tokensMax, { message: 'tokensMin must not exceed tokensMax', path: ['tokensMax'] });
export type TurnAttachments = z.infer<typeof TurnAttachmentsSchema>;
export const NO_ATTACHMENTS: TurnAttachments = { images: 0, pdfs: 0, pdfPages: 0, textFiles: 0, otherFiles: 0, unpriced: 0, tokensMin: 0, tokensMax: 0 };

/**
 * A turn the content script saw happen: ids, counts and times, never text. The background prices
 * it and writes it; the same turn sent twice (a retry) is written once.
 */
export const TurnRecordSchema = z
  .object({
    site: SiteIdSchema,
    conversationId: key,
    /** The user message and the reply, by their stable keys. */
    promptKey: key,
    replyKey: key,
    /** Catalog model id; null when the page named a model the catalog does not know. */
    model: z.string().min(1).max(200).nullable(),
    /** What the page or the stream named as the model (a slug, a label, a mode), or null. */
    modelLabel: z.string().max(200).nullable(),
    /** Where the model came from (lib/models/resolve); null in records from before it was kept. */
    modelSource: ModelSourceSchema.nullable().default(null),
    promptTokens: tokens,
    contextTokens: tokens,
    overheadTokens: tokens,
    outputTokens: tokens,
    reasoningTokens: tokens,
    cachedInputTokens: tokens,
    cacheWriteTokens: tokens.default(0),
    exact: z.object({ prompt: z.boolean(), context: z.boolean(), output: z.boolean() }),
    /**
     * What the site itself reported for this turn (lib/usage): all counts, only their total, or
     * none (counted from the page); and whether the model is the one the site said answered.
     */
    reported: z.object({ counts: ReportedCountsSchema, model: z.boolean() }).default({ counts: 'none', model: false }),
    sentAt: time,
    finishedAt: time,
    /** A reply regenerated without a new prompt: its input was sent again. */
    regenerated: z.boolean(),
    /**
     * The reply's content is not text the page shows (a generated image, a report in a frame): its
     * output is what could be seen, and the turn says so.
     */
    replyOpaque: ReplyOpaqueSchema.nullable().default(null),
    /** Attachments sent with the prompt (counts and a token range); absent when none. */
    attachments: TurnAttachmentsSchema.optional(),
    /** Tool calls the site's stream named for this reply, by kind (lib/usage/tools; issue 18). */
    tools: z.array(ToolCallSchema).max(TOOL_KINDS.length).default([]),
    /** The site's stream showed the model thinking (issue 18: reasoning that may not be counted). */
    thinking: z.boolean().default(false),
  })
  .refine((t) => t.finishedAt >= t.sentAt, { message: 'finishedAt must not be before sentAt', path: ['finishedAt'] });
export type TurnRecord = z.infer<typeof TurnRecordSchema>;

export const RecordTurnMessageSchema = z.object({ kind: z.literal('record-turn'), turn: TurnRecordSchema });

export const HealthPartSchema = z.enum(['composer', 'transcript', 'modelLabel']);
export type HealthPart = z.infer<typeof HealthPartSchema>;

/** What a content script found on its page, sent after a grace period and whenever it changes. */
export const HealthMessageSchema = z.object({
  kind: z.literal('health'),
  site: SiteIdSchema,
  found: z.record(HealthPartSchema, z.boolean()),
  /** Parts whose absence makes tracking degraded on this site (a label is optional on some). */
  required: z.array(HealthPartSchema),
  /** A condition worth showing (e.g. "exact usage unavailable"), or null. */
  note: z.string().max(300).nullable(),
  /** A model name the site shows that the catalog does not know, after a grace period; else null. */
  unrecognisedModel: z.string().max(200).nullable().default(null),
});
export type HealthMessage = z.infer<typeof HealthMessageSchema>;

/** From an extension page that changed the ledger (import, clear): badge and budgets are redone. */
export const LedgerChangedMessageSchema = z.object({ kind: z.literal('ledger-changed') });
export type LedgerChangedMessage = z.infer<typeof LedgerChangedMessageSchema>;

/** Usage-limit windows the site reported in the page's own traffic (lib/limits); figures only. */
export const LimitsMessageSchema = z.object({
  kind: z.literal('limits'),
  site: SiteIdSchema,
  conversationId: z.string().min(1).max(300).nullable(),
  seenAt: time,
  windows: z.array(LimitWindowSchema).max(16),
  /** The site's note that it answered with a smaller model at a cap, or null. */
  fallback: z.string().min(1).max(100).nullable(),
});
export type LimitsMessage = z.infer<typeof LimitsMessageSchema>;

export const MessageSchema = z.discriminatedUnion('kind', [CountMessageSchema, RecordTurnMessageSchema, HealthMessageSchema, LedgerChangedMessageSchema, LimitsMessageSchema]);
export type Message = z.infer<typeof MessageSchema>;

export type ErrorReply = { status: 'error'; message: string };
/** `updated`: the turn was there and is now replaced by what the site reported. */
export type RecordReply = { status: 'ok'; added: boolean; updated: boolean } | ErrorReply;

export { describeZodError } from '../validation';
