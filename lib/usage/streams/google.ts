import { GEMINI_PICKER_IDS } from '../../models/gemini-picker-ids';
import { count, eachObject, emptyUsage, isObject, jsonValueReader, name, nonEmpty, parseJson, type Json } from './json';
import type { HttpStreamSpec, StreamParser, StreamRequest } from './types';
import type { StreamUsage } from '../wire';

/**
 * Gemini API usage, as an object (`usageMetadata` with `promptTokenCount`, …) or as the positional
 * array of the same message (field number − 1): [0] prompt, [1] candidates, [2] total, [3] cached,
 * [4] prompt details by modality, …, [9] thoughts. Each field keeps its last value.
 */
function geminiUsageReader() {
  const usage = emptyUsage();
  let found = false;
  let prompt: number | null = null;
  const take = (promptTokens: Json | undefined, cached: Json | undefined, candidates: Json | undefined, thoughts: Json | undefined) => {
    found = true;
    prompt = count(promptTokens) ?? prompt;
    usage.cachedInputTokens = count(cached) ?? usage.cachedInputTokens;
    usage.outputTokens = count(candidates) ?? usage.outputTokens;
    usage.reasoningTokens = count(thoughts) ?? usage.reasoningTokens;
  };
  return {
    /** `usageMetadata` and `modelVersion` wherever they sit in a parsed payload. */
    read(payload: Json | undefined) {
      eachObject(payload, (o) => {
        usage.model = name(o.modelVersion) ?? usage.model;
        const u = o.usageMetadata;
        if (isObject(u)) take(u.promptTokenCount, u.cachedContentTokenCount, u.candidatesTokenCount, u.thoughtsTokenCount);
      });
    },
    readPositional(u: Json[]) {
      if (count(u[0]) !== null) take(u[0], u[3], u[1], u[9]);
    },
    /** The prompt count includes cached tokens; the uncached part is the difference. */
    result(): { found: boolean; usage: StreamUsage } {
      const inputTokens = prompt === null ? null : Math.max(0, prompt - (usage.cachedInputTokens ?? 0));
      return { found: found && prompt !== null, usage: { ...usage, inputTokens } };
    },
  };
}

const GEMINI_MODEL_HEADER = 'x-goog-ext-525001261-jspb';

const pickerModel = (id: Json | undefined): string | null => (typeof id === 'string' && Object.hasOwn(GEMINI_PICKER_IDS, id) ? GEMINI_PICKER_IDS[id]! : null);

function geminiModelFromHeader(value: string | undefined): string | null {
  const data = value === undefined ? undefined : parseJson(value);
  return Array.isArray(data) ? pickerModel(data[4]) : null;
}

/**
 * StreamGenerate answers with `)]}'` and then length-framed JSON lines, each a list of entries;
 * a `["wrb.fr", null, "<json>"]` entry holds a payload as a JSON string. The web app sends no token
 * counts (usageMetadata is taken if it ever appears): the reply's payload names the picker id at
 * [39] and the mode ("Fast") at [42]. Only a stream without wrb.fr frames is a problem. A
 * candidate (payload[4][i]) with thinking text at [37] says the model thought.
 */
function geminiParser(request: StreamRequest): StreamParser {
  const reader = geminiUsageReader();
  let frames = 0;
  let picker: string | null = null;
  let mode: string | null = null;
  let thinking = false;
  const values = jsonValueReader((data) => {
    if (!Array.isArray(data)) return;
    // A single entry on its own (a pretty-printed payload) reads like a line of one.
    for (const entry of data[0] === 'wrb.fr' ? [data] : data) {
      if (!Array.isArray(entry) || entry[0] !== 'wrb.fr') continue;
      frames++;
      const payload = typeof entry[2] === 'string' ? parseJson(entry[2]) : undefined;
      reader.read(payload);
      if (!Array.isArray(payload)) continue;
      picker = pickerModel(payload[39]) ?? picker;
      mode = name(payload[42]) ?? mode;
      if (Array.isArray(payload[4])) for (const c of payload[4]) if (Array.isArray(c) && Array.isArray(c[37]) && c[37].length > 0) thinking = true;
    }
  });
  return {
    push: (text) => values.push(text),
    finish() {
      const { usage } = reader.result();
      usage.model ??= picker ?? geminiModelFromHeader(request.headers[GEMINI_MODEL_HEADER]);
      usage.modelMode = mode;
      return { conversationId: null, problem: frames === 0 ? 'no wrb.fr frames' : null, usage: nonEmpty(usage), thinking };
    },
  };
}

export const geminiStream: HttpStreamSpec = {
  site: 'gemini',
  transport: 'xhr',
  matches: (method, url) => method === 'POST' && url.pathname.endsWith('/assistant.lamda.BardFrontendService/StreamGenerate'),
  headers: [GEMINI_MODEL_HEADER],
  start: geminiParser,
};

/**
 * AI Studio's GenerateContent (grpc-web JSON): the request's first element names the model
 * (`models/gemini-…`). The response, read whole at the end, is `[[chunk, chunk, …]]`; each chunk is
 * `[candidates, promptFeedback, usage, …]` with the usage positional at [2] (`[15, 21, 108, null,
 * [[1, 15]], …, 72]`: prompt, candidates, total, cached, by modality, …, thoughts at [9]), on every
 * chunk with the counts so far. The object form (`usageMetadata`) is read too.
 */
function aistudioParser(request: StreamRequest): StreamParser {
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
      const chunks = Array.isArray(data) && Array.isArray(data[0]) ? data[0] : [];
      for (const chunk of chunks) if (Array.isArray(chunk) && Array.isArray(chunk[2])) reader.readPositional(chunk[2]);
      const { found, usage } = reader.result();
      usage.model ??= requested?.replace(/^models\//, '') ?? null;
      const problem = data === undefined ? 'the response is not JSON' : !found ? 'no usageMetadata in the stream' : null;
      return { conversationId: null, problem, usage: nonEmpty(usage) };
    },
  };
}

export const aistudioStream: HttpStreamSpec = {
  site: 'aistudio',
  transport: 'xhr',
  matches: (method, url) => method === 'POST' && url.hostname === 'alkalimakersuite-pa.clients6.google.com' && url.pathname.endsWith('.MakerSuiteService/GenerateContent'),
  start: aistudioParser,
};
