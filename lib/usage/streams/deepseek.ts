import { bodyField, count, emptyUsage, isObject, name, nonEmpty, parseJson, sseParser, type Json, type JsonObject } from './json';
import { toolCounter } from '../tools';
import type { HttpStreamSpec, StreamParser, StreamRequest } from './types';

const DEEPSEEK_COMPLETION = /^\/api\/v0\/chat\/(?:completion|regenerate|edit_message)$/;

/**
 * The response object (`{"v": {"response": {...}}}`) and later patches (`{"p": "response",
 * "o": "BATCH", "v": [{"p": "accumulated_token_usage", "v": 115}, …]}`) carry `model` (often `""`:
 * unknown), `status` and `accumulated_token_usage`: the tokens of the whole request, input and
 * output together (null or 0 until the final BATCH).
 * The reply's fragments (in the response object, or appended to `response/fragments`) say what it
 * did: `THINK` is thinking (counted in the total), `TOOL_SEARCH` / `SEARCH` a web search with its
 * `queries`, one call a query (one a fragment without them), each counted once by fragment id.
 */
function deepseekParser(request: StreamRequest): StreamParser {
  const conversationId = bodyField(request.body, 'chat_session_id');
  let sawResponse = false;
  let sawUsage = false;
  let model: string | null = null;
  let total: number | null = null;
  const tools = toolCounter();
  let thinking = false;
  let fragmentsSeen = 0;
  const fragments = (list: Json | undefined) => {
    if (!Array.isArray(list)) return;
    for (const f of list) {
      if (!isObject(f)) continue;
      const id = typeof f.id === 'number' || typeof f.id === 'string' ? String(f.id) : `#${fragmentsSeen}`;
      fragmentsSeen++;
      if (f.type === 'THINK') thinking = true;
      if (f.type !== 'TOOL_SEARCH' && f.type !== 'SEARCH') continue;
      const queries = Array.isArray(f.queries) ? f.queries.length : 0;
      for (let q = 0; q < Math.max(1, queries); q++) tools.add(`${id}:${q}`, 'web_search');
    }
  };
  const apply = (path: string, value: Json | undefined) => {
    const field = path.slice(path.lastIndexOf('/') + 1);
    if (field === 'accumulated_token_usage') {
      sawUsage = true;
      total = count(value) ?? total;
    } else if (field === 'model') model = name(value) ?? model;
    else if (field === 'fragments' && path.endsWith('response/fragments')) fragments(value);
    else if (field === 'response' && isObject(value)) {
      sawResponse = true;
      fragments(value.fragments);
      for (const key of ['model', 'accumulated_token_usage']) if (key in value) apply(key, value[key]);
    }
  };
  const patch = (o: JsonObject, parent: string) => {
    const path = typeof o.p === 'string' ? (parent ? `${parent}/${o.p}` : o.p) : parent;
    if (o.o === 'BATCH' && Array.isArray(o.v)) {
      for (const item of o.v) if (isObject(item)) patch(item, path);
    } else if (path) {
      apply(path, o.v);
    } else if (isObject(o.v) && isObject(o.v.response)) {
      apply('response', o.v.response);
    }
  };
  return sseParser(
    (data) => {
      const message = parseJson(data);
      if (isObject(message)) patch(message, '');
    },
    () => {
      // A response object without the usage field at all is another shape; a null count is not.
      const problem = !sawResponse ? 'no response object' : !sawUsage ? 'no accumulated_token_usage' : null;
      return { conversationId, problem, usage: nonEmpty({ ...emptyUsage(), model, totalTokens: total }), tools: tools.calls(), thinking };
    },
  );
}

export const deepseekStream: HttpStreamSpec = {
  site: 'deepseek',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && DEEPSEEK_COMPLETION.test(url.pathname),
  start: deepseekParser,
};
