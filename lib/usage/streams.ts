/**
 * The reply streams of each site that reports something worth having (exact token usage, or the
 * model that actually answered), as documented in docs/sites.md: which requests carry them and how
 * to read them. Parsers are fed text in pieces of any size and keep the final value of each field,
 * never a sum of events. Pure code with no imports at run time: it runs in the page's world.
 */
import type { SiteId } from '../sites/hosts';
import { createSseReader } from './sse';
import type { StreamUsage } from './wire';

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

// ---- helpers ------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000_000 ? v : null);
const name = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' && v.length <= 200 ? v.trim() : null);

/** Visits every object in `value`, depth-first, to a bounded depth. */
function eachObject(value: Json | undefined, visit: (o: JsonObject) => void, depth = 0): void {
  if (depth > 12 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) eachObject(item, visit, depth + 1);
    return;
  }
  visit(value);
  for (const key in value) eachObject(value[key], visit, depth + 1);
}

const emptyUsage = (): StreamUsage => ({ model: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: null, reasoningTokens: null, totalTokens: null });

/** The usage, or null when it holds nothing. */
function nonEmpty(usage: StreamUsage): StreamUsage | null {
  return Object.values(usage).some((v) => v !== null) ? usage : null;
}

/** A parser over an SSE stream: `onData` gets each event's data, `outcome` runs at the end. */
function sseParser(onData: (data: string) => void, outcome: () => StreamOutcome): StreamParser {
  const sse = createSseReader(({ data }) => onData(data));
  return {
    push: (text) => sse.push(text),
    finish() {
      sse.end();
      return outcome();
    },
  };
}

const bodyField = (body: string | null, field: string): string | null => {
  const data = body === null ? undefined : parseJson(body);
  return isObject(data) ? name(data[field]) : null;
};

// ---- Claude: Anthropic-style SSE -----------------------------------------------------------------

const CLAUDE_COMPLETION = /^\/api\/organizations\/[^/]+\/chat_conversations\/([0-9a-f-]{36})\/(?:completion|retry_completion)$/;

/**
 * `message_start` carries the model and the usage so far (input, cache reads and writes, output),
 * `message_delta` the final output count. Each field keeps the last value seen.
 */
export const claudeStream: HttpStreamSpec = {
  site: 'claude',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && CLAUDE_COMPLETION.test(url.pathname),
  start(request) {
    const usage = emptyUsage();
    usage.model = bodyField(request.body, 'model');
    let started = false;
    let reported = false;
    const take = (u: Json | undefined) => {
      if (!isObject(u)) return;
      reported = true;
      usage.inputTokens = count(u.input_tokens) ?? usage.inputTokens;
      usage.cachedInputTokens = count(u.cache_read_input_tokens) ?? usage.cachedInputTokens;
      usage.cacheWriteTokens = count(u.cache_creation_input_tokens) ?? usage.cacheWriteTokens;
      usage.outputTokens = count(u.output_tokens) ?? usage.outputTokens;
    };
    return sseParser(
      (data) => {
        const message = parseJson(data);
        if (!isObject(message)) return;
        if (message.type === 'message_start' && isObject(message.message)) {
          started = true;
          usage.model = name(message.message.model) ?? usage.model;
          take(message.message.usage);
        } else if (message.type === 'message_delta') {
          take(message.usage);
        }
      },
      () => {
        const problem = !started ? 'no message_start event' : !reported || usage.inputTokens === null || usage.outputTokens === null ? 'no token usage in message_start' : null;
        return { conversationId: CLAUDE_COMPLETION.exec(request.url.pathname)?.[1] ?? null, problem, usage: nonEmpty(usage) };
      },
    );
  },
};

// ---- ChatGPT: delta-encoded SSE; the model that actually answered ---------------------------------

const CHATGPT_CONVERSATION = /^\/(?:backend-api|backend-anon)\/(?:f\/)?conversation$/;

/**
 * No token counts are sent. `resolved_model_slug` (else `model_slug`) in the message metadata is the
 * model that actually answered, which can differ from the picker; it arrives whole or as a patch.
 */
export const chatgptStream: HttpStreamSpec = {
  site: 'chatgpt',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && CHATGPT_CONVERSATION.test(url.pathname),
  start(request) {
    let conversationId = bodyField(request.body, 'conversation_id');
    let resolved: string | null = null;
    let slug: string | null = null;
    let events = 0;
    return sseParser(
      (data) => {
        if (data === '[DONE]') return;
        const message = parseJson(data);
        if (message === undefined) return;
        events++;
        eachObject(message, (o) => {
          conversationId = name(o.conversation_id) ?? conversationId;
          resolved = name(o.resolved_model_slug) ?? resolved;
          slug = name(o.model_slug) ?? slug;
          // A JSON patch: {"p": "/message/metadata/resolved_model_slug", "o": "replace", "v": "gpt-5-2"}
          if (typeof o.p === 'string') {
            if (o.p.endsWith('/resolved_model_slug')) resolved = name(o.v) ?? resolved;
            else if (o.p.endsWith('/model_slug')) slug = name(o.v) ?? slug;
          }
        });
      },
      () => {
        const model = resolved ?? slug;
        const problem = events === 0 ? 'no JSON events' : model === null ? 'no model_slug in the stream' : null;
        return { conversationId, problem, usage: model === null ? null : { ...emptyUsage(), model } };
      },
    );
  },
};

// ---- DeepSeek: SSE of JSON patches on a response object ------------------------------------------

const DEEPSEEK_COMPLETION = /^\/api\/v0\/chat\/(?:completion|regenerate|edit_message)$/;

/**
 * The response object (`{"v": {"response": {...}}}`) and later patches (`{"p": "response",
 * "o": "BATCH", "v": [{"p": "accumulated_token_usage", "v": 115}, …]}`) carry `model`, `status` and
 * `accumulated_token_usage`: the tokens of the whole request, input and output together.
 */
export const deepseekStream: HttpStreamSpec = {
  site: 'deepseek',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && DEEPSEEK_COMPLETION.test(url.pathname),
  start(request) {
    const conversationId = bodyField(request.body, 'chat_session_id');
    let sawResponse = false;
    let model: string | null = null;
    let total: number | null = null;
    const apply = (path: string, value: Json | undefined) => {
      const field = path.slice(path.lastIndexOf('/') + 1);
      if (field === 'accumulated_token_usage') total = count(value) ?? total;
      else if (field === 'model') model = name(value) ?? model;
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
        const problem = !sawResponse ? 'no response object' : total === null ? 'no accumulated_token_usage' : null;
        return { conversationId, problem, usage: nonEmpty({ ...emptyUsage(), model, totalTokens: total }) };
      },
    );
  },
};

// ---- Gemini and AI Studio: Google's JSON streams --------------------------------------------------

/** `usageMetadata` as the Gemini API names it, wherever it sits in a parsed payload. */
function geminiUsageReader() {
  const usage = emptyUsage();
  let found = false;
  let prompt: number | null = null;
  return {
    read(payload: Json | undefined) {
      eachObject(payload, (o) => {
        usage.model = name(o.modelVersion) ?? usage.model;
        const u = o.usageMetadata;
        if (!isObject(u)) return;
        found = true;
        prompt = count(u.promptTokenCount) ?? prompt;
        usage.cachedInputTokens = count(u.cachedContentTokenCount) ?? usage.cachedInputTokens;
        usage.outputTokens = count(u.candidatesTokenCount) ?? usage.outputTokens;
        usage.reasoningTokens = count(u.thoughtsTokenCount) ?? usage.reasoningTokens;
      });
    },
    /** The prompt count includes cached tokens; the uncached part is the difference. */
    result(): { found: boolean; usage: StreamUsage } {
      const inputTokens = prompt === null ? null : Math.max(0, prompt - (usage.cachedInputTokens ?? 0));
      return { found: found && prompt !== null, usage: { ...usage, inputTokens } };
    },
  };
}

/** Gemini's model picker ids as the request header names them (docs/sites.md, public clients). */
export const GEMINI_MODEL_IDS: Readonly<Record<string, string>> = {
  '9d8ca3786ebdfbea': 'gemini-3-pro-preview',
  fbb127bbb056c959: 'gemini-3-flash-preview',
};
const GEMINI_MODEL_HEADER = 'x-goog-ext-525001261-jspb';

function geminiModelFromHeader(value: string | undefined): string | null {
  const data = value === undefined ? undefined : parseJson(value);
  const id = Array.isArray(data) ? data[4] : undefined;
  return typeof id === 'string' ? (GEMINI_MODEL_IDS[id] ?? null) : null;
}

/**
 * StreamGenerate answers with `)]}'` and then length-framed JSON lines; each `["wrb.fr", null,
 * "<json>"]` entry holds a payload as a JSON string. Lines are read as they complete.
 */
export const geminiStream: HttpStreamSpec = {
  site: 'gemini',
  transport: 'xhr',
  matches: (method, url) => method === 'POST' && url.pathname.endsWith('/assistant.lamda.BardFrontendService/StreamGenerate'),
  headers: [GEMINI_MODEL_HEADER],
  start(request) {
    const reader = geminiUsageReader();
    const headerModel = geminiModelFromHeader(request.headers[GEMINI_MODEL_HEADER]);
    let buffer = '';
    let frames = 0;
    const line = (text: string) => {
      const trimmed = text.trim();
      if (!trimmed.startsWith('[')) return; // the )]}' guard and the length lines
      const data = parseJson(trimmed);
      if (!Array.isArray(data)) return;
      for (const entry of data) {
        if (!Array.isArray(entry) || entry[0] !== 'wrb.fr') continue;
        frames++;
        if (typeof entry[2] === 'string') reader.read(parseJson(entry[2]));
      }
    };
    return {
      push(text) {
        buffer += text;
        const end = buffer.lastIndexOf('\n');
        if (end < 0) return;
        for (const l of buffer.slice(0, end).split('\n')) line(l);
        buffer = buffer.slice(end + 1);
      },
      finish() {
        line(buffer);
        buffer = '';
        const { found, usage } = reader.result();
        usage.model ??= headerModel;
        const problem = frames === 0 ? 'no wrb.fr frames' : !found ? 'no usageMetadata in the stream' : null;
        return { conversationId: null, problem, usage: nonEmpty(usage) };
      },
    };
  },
};

/**
 * AI Studio's GenerateContent (grpc-web JSON): the request's first element names the model
 * (`models/gemini-…`); the response is read whole at the end.
 */
export const aistudioStream: HttpStreamSpec = {
  site: 'aistudio',
  transport: 'xhr',
  matches: (method, url) => method === 'POST' && url.hostname === 'alkalimakersuite-pa.clients6.google.com' && url.pathname.endsWith('.MakerSuiteService/GenerateContent'),
  start(request) {
    const reader = geminiUsageReader();
    const body = request.body === null ? undefined : parseJson(request.body);
    const requested = Array.isArray(body) ? name(body[0]) : null;
    let text = '';
    return {
      push(piece) {
        text += piece;
      },
      finish() {
        const data = parseJson(text.trim());
        reader.read(data);
        const { found, usage } = reader.result();
        usage.model ??= requested?.replace(/^models\//, '') ?? null;
        const problem = data === undefined ? 'the response is not JSON' : !found ? 'no usageMetadata in the stream' : null;
        return { conversationId: null, problem, usage: nonEmpty(usage) };
      },
    };
  },
};

// ---- Copilot: one WebSocket for the whole chat -----------------------------------------------------

/**
 * Client frames `{"event": "send", "conversationId": …}`, server frames `appendText`,
 * `partCompleted`, `done`. No token counts are documented; a `usage` or `model` field on a frame is
 * taken if one ever appears. The outcome tells health whether the frames still look like this.
 */
export const copilotStream: SocketStreamSpec = {
  site: 'copilot',
  transport: 'websocket',
  matches: (url) => url.hostname === 'copilot.microsoft.com' && url.pathname === '/c/api/chat',
  start() {
    let conversationId: string | null = null;
    let model: string | null = null;
    let events = 0;
    let unknown = 0;
    return {
      sent(data) {
        const message = parseJson(data);
        if (isObject(message) && message.event === 'send') {
          conversationId = name(message.conversationId) ?? conversationId;
          model = null;
          events = 0;
          unknown = 0;
          return true;
        }
        return false;
      },
      frame(data) {
        const message = parseJson(data);
        if (!isObject(message) || typeof message.event !== 'string') {
          unknown++;
          return null;
        }
        events++;
        model = name(message.model) ?? model;
        if (message.event !== 'done') return null;
        const problem = unknown > events ? 'unexpected frames' : null;
        return { conversationId, problem, usage: model === null ? null : { ...emptyUsage(), model } };
      },
    };
  },
};

export const STREAM_SPECS: readonly StreamSpec[] = [claudeStream, chatgptStream, deepseekStream, geminiStream, aistudioStream, copilotStream];

export const streamSpecsFor = (site: SiteId): StreamSpec[] => STREAM_SPECS.filter((s) => s.site === site);
