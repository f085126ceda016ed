/**
 * The wire between the usage reader (MAIN world, the page's own JavaScript world) and the content
 * script: names, limits and message shapes. No imports with runtime code, so the reader's bundle
 * stays small and never carries zod; the content script's checks live in report.ts.
 */
import type { SiteId } from '../sites/hosts';

/** Token usage as a site reported it for one reply; a field the site did not report is null. */
export interface StreamUsage {
  /** The model as the site names it (`claude-sonnet-4-5-20250929`, `gpt-5-2`, `gemini-3-pro`). */
  model: string | null;
  /** A mode name the stream gives instead of a model, e.g. Gemini's "Fast"; null elsewhere. */
  modelMode: string | null;
  /** Uncached input: prompt, re-sent context, system prompt, tool results. */
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  /** Output without reasoning where the site separates them. */
  outputTokens: number | null;
  reasoningTokens: number | null;
  /** Input and output together, where that is all the site reports (DeepSeek). */
  totalTokens: number | null;
}

/** One reply stream the page received, read to its end. */
export interface StreamReport {
  kind: 'stream';
  site: SiteId;
  /** The page that saw it, checked against the content script's own. */
  origin: string;
  conversationId: string | null;
  startedAt: number;
  endedAt: number;
  /** Why the stream did not have the documented shape, or null when it did. */
  problem: string | null;
  usage: StreamUsage | null;
}

/** Sent once, when the reader has installed its hooks. */
export interface HelloReport {
  kind: 'hello';
  site: SiteId;
  origin: string;
}

export type ReaderMessage = StreamReport | HelloReport;

/** The event the reader dispatches on `window`; the token makes its name unguessable. */
export const readerEventName = (token: string) => `spendmeter-usage:${token}`;
/** The injected script element's attribute that carries the token to the reader. */
export const TOKEN_ATTRIBUTE = 'data-spendmeter-token';
/** Reports are a few hundred characters; anything longer is not ours. */
export const MAX_REPORT_CHARS = 4096;
