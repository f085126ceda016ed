import { bodyField, count, emptyUsage, isObject, name, nonEmpty, parseJson, sseParser } from './json';
import type { HttpStreamSpec, StreamParser, StreamRequest } from './types';

const QWEN_COMPLETIONS = '/api/v2/chat/completions';

/**
 * SSE of chunks: a first `{"response.created": {"chat_id": …}}`, then `{"choices": [...], "usage":
 * {…}}` with the usage so far on every chunk (the final value is kept). The model is the request
 * body's `model`; the conversation is `chat_id` (URL, body or stream).
 * `output_tokens` already counts the reasoning: in the 2026-03 stream it is 33 (27 of them
 * `reasoning_tokens`) before the first answer token, grows with the answer alone to 73, and
 * `total_tokens` = input + output. So the output without reasoning is output − reasoning.
 * A chunk in a thinking phase (`thinking_summary`, `think`) says the model thought.
 */
function qwenParser(request: StreamRequest): StreamParser {
  const usage = emptyUsage();
  let conversationId = name(request.url.searchParams.get('chat_id')) ?? bodyField(request.body, 'chat_id');
  let chunks = 0;
  let output: number | null = null;
  let thinking = false;
  return sseParser(
    (data) => {
      const chunk = parseJson(data);
      if (!isObject(chunk)) return;
      const created = chunk['response.created'];
      if (isObject(created)) conversationId = name(created.chat_id) ?? conversationId;
      if (Array.isArray(chunk.choices)) {
        chunks++;
        for (const c of chunk.choices) if (isObject(c) && isObject(c.delta) && (c.delta.phase === 'thinking_summary' || c.delta.phase === 'think')) thinking = true;
      }
      const u = chunk.usage;
      if (!isObject(u)) return;
      usage.inputTokens = count(u.input_tokens) ?? usage.inputTokens;
      output = count(u.output_tokens) ?? output;
      if (isObject(u.output_tokens_details)) usage.reasoningTokens = count(u.output_tokens_details.reasoning_tokens) ?? usage.reasoningTokens;
    },
    () => {
      usage.model = bodyField(request.body, 'model');
      usage.outputTokens = output === null ? null : Math.max(0, output - (usage.reasoningTokens ?? 0));
      return { conversationId, problem: chunks === 0 ? 'no completion chunks' : null, usage: nonEmpty(usage), thinking };
    },
  );
}

const matches = (method: string, url: URL) => method === 'POST' && url.pathname === QWEN_COMPLETIONS;

export const qwenStream: HttpStreamSpec = { site: 'qwen', transport: 'fetch', matches, start: qwenParser };
/** docs/sites.md: the completions "apparently" go through XMLHttpRequest too; a request is only ever one of the two. */
export const qwenXhrStream: HttpStreamSpec = { ...qwenStream, transport: 'xhr' };
