/**
 * The one message protocol between the extension's contexts. Every kind has a zod schema; the
 * router parses each incoming message and answers a malformed one with an error without acting on
 * it. Who may send which kind is decided in router.ts.
 */
import { z } from 'zod';
import { EncodingSchema } from '../catalog/schema';
import { MAX_TEXT_CHARS } from '../tokens/counting-service';

export const CountMessageSchema = z.object({
  kind: z.literal('count'),
  /** Requests of one session (a tab's draft, a streamed reply) are counted incrementally. */
  session: z.string().min(1).max(200).nullable(),
  text: z.string().max(MAX_TEXT_CHARS, `text too large to count (limit ${MAX_TEXT_CHARS} characters)`),
  encoding: EncodingSchema,
});
export type CountMessage = z.infer<typeof CountMessageSchema>;

/** Background → offscreen document: the same request, addressed so other pages ignore it. */
export const OffscreenCountMessageSchema = z.object({
  target: z.literal('offscreen'),
  request: CountMessageSchema,
});
export type OffscreenCountMessage = z.infer<typeof OffscreenCountMessageSchema>;

export const MessageSchema = z.discriminatedUnion('kind', [CountMessageSchema]);
export type Message = z.infer<typeof MessageSchema>;

export type ErrorReply = { status: 'error'; message: string };

/** Short, user-readable reasons a message was refused. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
}
