/**
 * The wire between the usage reader (MAIN world, the page's own JavaScript world) and the content
 * script: names, limits and message shapes. No imports with runtime code, so the reader's bundle
 * stays small and never carries zod; the content script's checks live in report.ts.
 */
import type { SiteId } from '../sites/hosts';
import type { ToolCall } from './tools';

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
  /** Tool calls the reply stream named (web search, code execution, …), by kind; [] when none. Issue 18. */
  tools: ToolCall[];
  /** The stream showed the model thinking (thinking blocks or fragments), whether or not it counted them. */
  thinking: boolean;
}

/** Sent once, when the reader has installed its hooks. */
export interface HelloReport {
  kind: 'hello';
  site: SiteId;
  origin: string;
}

/**
 * One usage-limit window as the site itself reported it (lib/limits explains each site's figures).
 * A figure the site did not give is null; nothing here is guessed.
 */
export interface LimitWindow {
  /** The window's id: Claude's `5h`/`7d`, a ChatGPT feature (`deep_research`), a Grok model's queries. */
  window: string;
  /** The share used, 0–1 at full precision (Claude's `utilization`; Grok's 1 − remaining ÷ total). */
  used: number | null;
  /** Uses left and the window's size in uses, where the site counts them. */
  remaining: number | null;
  total: number | null;
  /** When the window resets (ms since the epoch), where the site says. */
  resetsAt: number | null;
  /** The window's length in seconds, where known (5h, 7d, Grok's `windowSizeSeconds`). */
  windowSeconds: number | null;
}

/** The limits a reply stream or a rate-limit response carried. */
export interface LimitOutcome {
  windows: LimitWindow[];
  /** The site's note that it answered with a smaller model at a cap (ChatGPT's `model_adjustments`). */
  fallback: string | null;
}

/** Limit states read from the page's own traffic. */
export interface LimitReport {
  kind: 'limits';
  site: SiteId;
  origin: string;
  conversationId: string | null;
  seenAt: number;
  windows: LimitWindow[];
  fallback: string | null;
}

export type ReaderMessage = StreamReport | HelloReport | LimitReport;

/** The event the reader dispatches on `window`; the token makes its name unguessable. */
export const readerEventName = (token: string) => `spendmeter-usage:${token}`;
/** The injected script element's attribute that carries the token to the reader. */
export const TOKEN_ATTRIBUTE = 'data-spendmeter-token';
/** Reports are a few hundred characters; anything longer is not ours. */
export const MAX_REPORT_CHARS = 4096;
