import { bodyField, count, emptyUsage, isObject, name, nonEmpty, parseJson, sseParser, type Json, type JsonObject } from './json';
import type { HttpStreamSpec, StreamParser, StreamRequest } from './types';

const DEEPSEEK_COMPLETION = /^\/api\/v0\/chat\/(?:completion|regenerate|edit_message)$/;

/**
 * The response object (`{"v": {"response": {...}}}`) and later patches (`{"p": "response",
 * "o": "BATCH", "v": [{"p": "accumulated_token_usage", "v": 115}, …]}`) carry `model` (often `""`:
 * unknown), `status` and `accumulated_token_usage`: the tokens of the whole request, input and
 * output together (null or 0 until the final BATCH).
 */
function deepseekParser(request: StreamRequest): StreamParser {
  const conversationId = bodyField(request.body, 'chat_session_id');
  let sawResponse = false;
  let sawUsage = false;
  let model: string | null = null;
  let total: number | null = null;
  const apply = (path: string, value: Json | undefined) => {
    const field = path.slice(path.lastIndexOf('/') + 1);
    if (field === 'accumulated_token_usage') {
      sawUsage = true;
      total = count(value) ?? total;
    } else if (field === 'model') model = name(value) ?? model;
    else if (field === 'response' && isObject(value)) {
      sawResponse = true;
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
      return { conversationId, problem, usage: nonEmpty({ ...emptyUsage(), model, totalTokens: total }) };
    },
  );
}

export const deepseekStream: HttpStreamSpec = {
  site: 'deepseek',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && DEEPSEEK_COMPLETION.test(url.pathname),
  start: deepseekParser,
};
