import { bodyField, count, emptyUsage, isObject, name, nonEmpty, parseJson, sseParser, type Json } from './json';
import { claudeLimits, limitOutcome, withLimits } from '../../limits/parse';
import { toolCounter, toolKind } from '../tools';
import type { LimitWindow } from '../wire';
import type { HttpStreamSpec, StreamParser, StreamRequest } from './types';

const CLAUDE_COMPLETION = /^\/api\/organizations\/[^/]+\/chat_conversations\/([0-9a-f-]{36})\/(?:completion|retry_completion)$/;

/**
 * Anthropic-style SSE. Every verbatim claude.ai stream from 2025-07 to 2026-05 carries no `usage`
 * and `model: ""` (empty: the request body's `model` is the fallback); one source (2026-09) says
 * `message_start` now carries the input counts with a placeholder `output_tokens: 1`, and
 * `message_delta` the final output. Both are the documented shape: only a stream without
 * `message_start` is a problem. `ping` and `conversation_ready` are ignored; `message_limit` gives
 * the usage-limit windows (lib/limits/parse).
 * Tool calls are `content_block_start` blocks of type `tool_use` (claude.ai's own tools: weather,
 * web search, MCP connectors, which name `integration_name` / `mcp_server_url`) or
 * `server_tool_use` (the API's shape), each counted once by its id; `tool_result` blocks are their
 * answers, not calls. A `thinking` or `redacted_thinking` block says the model thought.
 */
function claudeParser(request: StreamRequest): StreamParser {
  const usage = emptyUsage();
  let started = false;
  let windows: LimitWindow[] = [];
  const tools = toolCounter();
  let thinking = false;
  const block = (b: Json | undefined, index: Json | undefined) => {
    if (!isObject(b)) return;
    if (b.type === 'thinking' || b.type === 'redacted_thinking') thinking = true;
    if (b.type !== 'tool_use' && b.type !== 'server_tool_use') return;
    const id = name(b.id) ?? `#${String(index)}`;
    const connector = name(b.mcp_server_url) ?? name(b.integration_name);
    tools.add(id, connector ? 'mcp' : toolKind(name(b.name) ?? ''));
  };
  const take = (u: Json | undefined, final: boolean) => {
    if (!isObject(u)) return;
    usage.inputTokens = count(u.input_tokens) ?? usage.inputTokens;
    usage.cachedInputTokens = count(u.cache_read_input_tokens) ?? usage.cachedInputTokens;
    usage.cacheWriteTokens = count(u.cache_creation_input_tokens) ?? usage.cacheWriteTokens;
    // message_start's output count is a placeholder; only message_delta's is the reply's.
    if (final) usage.outputTokens = count(u.output_tokens) ?? usage.outputTokens;
  };
  return sseParser(
    (data) => {
      const message = parseJson(data);
      if (!isObject(message)) return;
      if (message.type === 'message_start' && isObject(message.message)) {
        started = true;
        usage.model = name(message.message.model) ?? usage.model;
        take(message.message.usage, false);
      } else if (message.type === 'content_block_start') {
        block(message.content_block, message.index);
      } else if (message.type === 'message_delta') {
        take(message.usage, true);
      } else if (message.type === 'message_limit') {
        const read = claudeLimits(message, Date.now());
        if (read.length > 0) windows = read;
      }
    },
    () => {
      usage.model ??= bodyField(request.body, 'model');
      const conversationId = CLAUDE_COMPLETION.exec(request.url.pathname)?.[1] ?? null;
      return { conversationId, problem: started ? null : 'no message_start event', usage: nonEmpty(usage), tools: tools.calls(), thinking, ...withLimits(limitOutcome(windows, null)) };
    },
  );
}

export const claudeStream: HttpStreamSpec = {
  site: 'claude',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && CLAUDE_COMPLETION.test(url.pathname),
  start: claudeParser,
};
