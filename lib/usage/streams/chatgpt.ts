import { bodyField, count, emptyUsage, isObject, name, parseJson, sseParser, type Json, type JsonObject } from './json';
import { chatgptFallback, chatgptLimits, limitOutcome, withLimits } from '../../limits/parse';
import { mergeToolCalls, toolCounter, toolKind } from '../tools';
import type { LimitWindow } from '../wire';
import type { HttpStreamSpec, StreamParser, StreamRequest } from './types';

const CHATGPT_CONVERSATION = /^\/(?:backend-api|backend-anon)\/(?:f\/)?conversation$/;

/**
 * Delta encoding v1: message objects (`{"p": "", "o": "add", "v": {"message": …}}`, or `{"v":
 * {"message": …}}`), patches on the current message (`{"p": "/message/metadata/token_count", "o":
 * "replace", "v": 13}`, alone or in a `patch` list; an event without `p` keeps the last path), and
 * typed events (`server_ste_metadata`, `message_marker`, …).
 * - The model: the assistant message's `resolved_model_slug` (the model that actually answered),
 *   else its `model_slug`, else `server_ste_metadata.model_slug`, which never overrides the
 *   message's (it can name another model). `default_model_slug` ("auto") is not a model.
 * - `metadata.token_count`: an assistant message's exact output count, patched as it grows; the
 *   final value of each assistant message (a reply with tool calls has several), added up.
 * - Tool calls: an assistant message addressed to a tool (`recipient` other than "all": "web.run",
 *   "python", "bio", "research_kickoff_tool.…") is one call, by its message id; the tool's answer
 *   (author role "tool") is not. `server_ste_metadata.search_tool_call_count`, when it is a number,
 *   is the server's count of searches: the larger of the two is kept.
 * - Thinking: an assistant message of content type "thoughts" or "reasoning_recap", or
 *   `did_auto_switch_to_reasoning: true`. The reasoning itself is never counted in the stream.
 * - Limits (lib/limits/parse): `conversation_detail_metadata.limits_progress`, and an assistant
 *   message's `model_adjustments` naming the smaller model at the message cap.
 */
function chatgptParser(request: StreamRequest): StreamParser {
  let conversationId = bodyField(request.body, 'conversation_id');
  let events = 0;
  let path = '';
  let current: { id: string; assistant: boolean } | null = null;
  let messages = 0;
  const tokenCounts = new Map<string, number>();
  let resolved: string | null = null;
  let slug: string | null = null;
  let serverSlug: string | null = null;
  let windows: LimitWindow[] = [];
  let fallback: string | null = null;
  const tools = toolCounter();
  let serverSearches = 0;
  let thinking = false;

  const field = (key: string, value: Json | undefined) => {
    if (!current?.assistant) return;
    const tokens = count(value);
    if (key === 'resolved_model_slug') resolved = name(value) ?? resolved;
    else if (key === 'model_slug') slug = name(value) ?? slug;
    else if (key === 'token_count' && tokens !== null) tokenCounts.set(current.id, tokens);
    else if (key === 'model_adjustments') fallback = chatgptFallback(value) ?? fallback;
  };
  const metadata = (m: JsonObject) => {
    for (const key of ['resolved_model_slug', 'model_slug', 'token_count', 'model_adjustments']) if (key in m) field(key, m[key]);
  };
  const message = (m: JsonObject) => {
    current = { id: typeof m.id === 'string' ? m.id : `#${messages}`, assistant: isObject(m.author) && m.author.role === 'assistant' };
    messages++;
    if (current.assistant) {
      const recipient = name(m.recipient);
      if (recipient !== null && recipient !== 'all') tools.add(current.id, toolKind(recipient));
      const type = isObject(m.content) ? m.content.content_type : null;
      if (type === 'thoughts' || type === 'reasoning_recap') thinking = true;
    }
    if (isObject(m.metadata)) metadata(m.metadata);
  };
  const apply = (at: string, value: Json | undefined) => {
    if (Array.isArray(value)) {
      for (const op of value) if (isObject(op) && typeof op.p === 'string') apply(op.p, op.v);
    } else if (isObject(value) && isObject(value.message)) {
      message(value.message);
      conversationId = name(value.conversation_id) ?? conversationId;
    } else if (at === '/message/metadata' && isObject(value)) {
      metadata(value);
    } else if (at.startsWith('/message/metadata/')) {
      field(at.slice('/message/metadata/'.length), value);
    }
  };

  return sseParser(
    (data) => {
      const event = parseJson(data);
      if (!isObject(event)) return;
      events++;
      conversationId = name(event.conversation_id) ?? conversationId;
      if (event.type === 'server_ste_metadata' && isObject(event.metadata)) {
        serverSlug = name(event.metadata.model_slug) ?? serverSlug;
        serverSearches = count(event.metadata.search_tool_call_count) ?? serverSearches;
        if (event.metadata.did_auto_switch_to_reasoning === true) thinking = true;
      }
      else if (event.type === 'conversation_detail_metadata') {
        const read = chatgptLimits(event.limits_progress, Date.now());
        if (read.length > 0) windows = read;
      }
      else if (isObject(event.message)) message(event.message); // the older encoding: whole messages
      else if ('v' in event) {
        if (typeof event.p === 'string') path = event.p;
        apply(path, event.v);
      }
    },
    () => {
      const model = resolved ?? slug ?? serverSlug;
      const problem = events === 0 ? 'no JSON events' : model === null ? 'no model_slug in the stream' : null;
      const outputTokens = tokenCounts.size === 0 ? null : [...tokenCounts.values()].reduce((a, b) => a + b, 0);
      const usage = model === null && outputTokens === null ? null : { ...emptyUsage(), model, outputTokens };
      const searches = serverSearches > 0 ? [{ kind: 'web_search' as const, count: serverSearches }] : [];
      return { conversationId, problem, usage, tools: mergeToolCalls(tools.calls(), searches), thinking, ...withLimits(limitOutcome(windows, fallback)) };
    },
  );
}

export const chatgptStream: HttpStreamSpec = {
  site: 'chatgpt',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && CHATGPT_CONVERSATION.test(url.pathname),
  start: chatgptParser,
};
