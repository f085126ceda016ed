/**
 * The content script's checks on what the usage reader says. The page can read and forge anything
 * in its own world, so a report is a hint about the page's own traffic: size-limited, parsed with
 * zod, dropped when anything is off, and never a command.
 */
import { z } from 'zod';
import { SiteIdSchema } from '../settings/schema';
import { MAX_REPORT_CHARS, type ReaderMessage } from './wire';
import { MAX_TOOL_CALLS, TOOL_KINDS } from './tools';

const tokens = z.number().int().min(0).max(100_000_000).nullable();
const time = z.number().int().min(0).max(8_640_000_000_000);

const StreamUsageSchema = z.object({
  model: z.string().min(1).max(200).nullable(),
  modelMode: z.string().min(1).max(200).nullable().default(null),
  inputTokens: tokens,
  cachedInputTokens: tokens,
  cacheWriteTokens: tokens,
  outputTokens: tokens,
  reasoningTokens: tokens,
  totalTokens: z.number().int().min(0).max(200_000_000).nullable(),
});

/** Tool calls of one kind (tools.ts); the content script's turn records reuse it. */
export const ToolCallSchema = z.object({ kind: z.enum(TOOL_KINDS), count: z.number().int().min(1).max(MAX_TOOL_CALLS) });

const StreamReportSchema = z
  .object({
    kind: z.literal('stream'),
    site: SiteIdSchema,
    origin: z.string().max(200),
    conversationId: z.string().min(1).max(300).nullable(),
    startedAt: time,
    endedAt: time,
    problem: z.string().max(200).nullable(),
    usage: StreamUsageSchema.nullable(),
    tools: z.array(ToolCallSchema).max(TOOL_KINDS.length).default([]),
    thinking: z.boolean().default(false),
  })
  .refine((r) => r.endedAt >= r.startedAt, { message: 'endedAt must not be before startedAt', path: ['endedAt'] });

const HelloReportSchema = z.object({ kind: z.literal('hello'), site: SiteIdSchema, origin: z.string().max(200) });

const count = z.number().int().min(0).max(1_000_000_000).nullable();

/** One limit window (wire.ts LimitWindow); the content script's messages reuse it. */
export const LimitWindowSchema = z.object({
  window: z.string().regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'must be a short window name'),
  used: z.number().finite().min(0).max(1).nullable(),
  remaining: count,
  total: count,
  resetsAt: time.nullable(),
  windowSeconds: z.number().int().min(1).max(400 * 86400).nullable(),
});

const LimitReportSchema = z.object({
  kind: z.literal('limits'),
  site: SiteIdSchema,
  origin: z.string().max(200),
  conversationId: z.string().min(1).max(300).nullable(),
  seenAt: time,
  windows: z.array(LimitWindowSchema).max(16),
  fallback: z.string().min(1).max(100).nullable(),
});

const ReaderMessageSchema = z.union([StreamReportSchema, HelloReportSchema, LimitReportSchema]);

// The schema and the wire types must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesWire: Same<z.infer<typeof ReaderMessageSchema>, ReaderMessage> = true;
void schemaMatchesWire;

/**
 * A reader message as the content script received it (the event's detail), or null when it is not
 * one: not a string, too long, not JSON, the wrong shape, another site or another origin.
 */
export function parseReaderMessage(detail: unknown, expected: { site: string; origin: string }): ReaderMessage | null {
  if (typeof detail !== 'string' || detail.length > MAX_REPORT_CHARS) return null;
  let data: unknown;
  try {
    data = JSON.parse(detail);
  } catch {
    return null;
  }
  const parsed = ReaderMessageSchema.safeParse(data);
  if (!parsed.success) return null;
  if (parsed.data.site !== expected.site || parsed.data.origin !== expected.origin) return null;
  return parsed.data;
}
