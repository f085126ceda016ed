/** What a stream spec is: which requests carry a site's reply stream, and a parser for it. */
import type { SiteId } from '../../sites/hosts';
import type { ToolCall } from '../tools';
import type { LimitOutcome, StreamUsage } from '../wire';

export interface StreamRequest {
  method: string;
  url: URL;
  /** Only the headers a spec asks for, by lower-case name. */
  headers: Record<string, string>;
  /** The request body when it is text (JSON or a form), else null. */
  body: string | null;
}

export interface StreamOutcome {
  conversationId: string | null;
  /** Why the stream did not have the documented shape, or null when it did. */
  problem: string | null;
  usage: StreamUsage | null;
  /** Tool calls the reply named, by kind (tools.ts); absent or [] when none. */
  tools?: ToolCall[];
  /** The stream showed the model thinking (thinking blocks, THINK fragments, a thinking phase). */
  thinking?: boolean;
  /** Usage limits the response carried (lib/limits/parse), if any. */
  limits?: LimitOutcome | null;
  /** The response reports limits only (a rate-limit check, not a reply): no stream report. */
  limitsOnly?: boolean;
}

export interface StreamParser {
  push(text: string): void;
  finish(): StreamOutcome;
}

/** A request/response stream (fetch or XMLHttpRequest). */
export interface HttpStreamSpec {
  site: SiteId;
  transport: 'fetch' | 'xhr';
  matches(method: string, url: URL): boolean;
  /** Request headers the parser needs (lower case). */
  headers?: readonly string[];
  start(request: StreamRequest): StreamParser;
}

/** A WebSocket carrying many replies; each finished one yields an outcome. */
export interface SocketStreamSpec {
  site: SiteId;
  transport: 'websocket';
  matches(url: URL): boolean;
  /** `sent` says whether a client frame starts a new reply. */
  start(url: URL): { sent(data: string): boolean; frame(data: string): StreamOutcome | null };
}

export type StreamSpec = HttpStreamSpec | SocketStreamSpec;
