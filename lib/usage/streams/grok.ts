import { grokLimits, limitOutcome } from '../../limits/parse';
import { isObject, jsonValueReader, modelOnly, name, type Json } from './json';
import { toolCounter, type ToolKind } from '../tools';
import type { HttpStreamSpec, StreamParser, StreamRequest } from './types';

const GROK_REPLY = /^\/rest\/app-chat\/conversations\/(?:new|([^/]+)\/responses)$/;

/**
 * NDJSON, one `{"result": …}` object a line (read as JSON values, whatever separates them). A new
 * conversation nests the reply under `result.response` and names `result.conversation.conversationId`;
 * `…/<id>/responses` puts it in `result` itself. No token counts. The model that answered is the
 * assistant reply's `modelResponse.model` ("grok-3"), not the requested `userResponse.model` /
 * `requestMetadata.model` ("grok-4-auto", the fallback) nor `uiLayout.steerModelId` ("grok-4").
 * Tool calls: a `toolUsageCard` names one call by `toolUsageCardId` under the tool's key
 * (`webSearch`, `xSearch`, `codeExecution`, `mcp`, …); generated images are the reply's
 * `generatedImageUrls`, each once. A token with `isThinking: true` is the model thinking.
 */
function grokParser(request: StreamRequest): StreamParser {
  let conversationId = GROK_REPLY.exec(request.url.pathname)?.[1] ?? null;
  let results = 0;
  let answered: string | null = null;
  let requested: string | null = null;
  const tools = toolCounter();
  let thinking = false;
  const card = (c: Json | undefined) => {
    if (!isObject(c)) return;
    const id = name(c.toolUsageCardId);
    const key = Object.keys(c).find((k) => k !== 'toolUsageCardId' && isObject(c[k]));
    if (id !== null && key !== undefined) tools.add(id, GROK_TOOLS[key] ?? 'other');
  };
  const values = jsonValueReader((line) => {
    if (!isObject(line) || !isObject(line.result)) return;
    results++;
    for (const part of [line.result, line.result.response]) {
      if (!isObject(part)) continue;
      if (part.isThinking === true) thinking = true;
      card(part.toolUsageCard);
      if (isObject(part.modelResponse) && Array.isArray(part.modelResponse.generatedImageUrls)) {
        for (const url of part.modelResponse.generatedImageUrls) if (typeof url === 'string') tools.add(`image:${url}`, 'image_generation');
      }
      if (isObject(part.conversation)) conversationId = name(part.conversation.conversationId) ?? conversationId;
      const reply = part.modelResponse;
      const prompt = part.userResponse;
      if (isObject(reply)) {
        answered = name(reply.model) ?? answered;
        if (isObject(reply.requestMetadata)) requested = name(reply.requestMetadata.model) ?? requested;
      }
      if (isObject(prompt)) requested = name(prompt.model) ?? requested;
    }
  });
  return {
    push: (text) => values.push(text),
    finish: () => ({ conversationId, problem: results === 0 ? 'no result objects' : null, usage: modelOnly(answered ?? requested), tools: tools.calls(), thinking }),
  };
}

/** The toolUsageCard keys public Grok clients read (2026), and the kind each is. */
const GROK_TOOLS: Record<string, ToolKind> = { webSearch: 'web_search', browsePage: 'web_fetch', xSearch: 'x_search', xKeywordSearch: 'x_search', xSemanticSearch: 'x_search', codeExecution: 'code_execution', mcp: 'mcp', imageGeneration: 'image_generation' };

export const grokStream: HttpStreamSpec = {
  site: 'grok',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && GROK_REPLY.test(url.pathname),
  start: grokParser,
};

const GROK_RATE_LIMITS = /^\/rest\/rate-limits$/;

/**
 * The answer to the page's own `POST /rest/rate-limits` (`{requestKind, modelName}` in the body):
 * `{windowSizeSeconds, remainingQueries, totalQueries}`. Limits only, never a reply.
 */
function grokRateLimitParser(request: StreamRequest): StreamParser {
  let text = '';
  return {
    push: (piece) => {
      if (text.length < 64 * 1024) text += piece;
    },
    finish: () => {
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        answer = undefined;
      }
      const windows = grokLimits(answer, request.body);
      return { conversationId: null, problem: null, usage: null, limits: limitOutcome(windows, null), limitsOnly: true };
    },
  };
}

export const grokRateLimits: HttpStreamSpec = {
  site: 'grok',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && GROK_RATE_LIMITS.test(url.pathname),
  start: grokRateLimitParser,
};
