// The stream parsers on every real reply stream in ../shared/streams/real (read in place, never
// copied here): the outcome each file must give (model, counts, conversation, no problem) whole,
// cut at seeded random points, and one character at a time for the small files. The table must name
// every file present, so a new capture fails until its expectation is written. Skipped, saying why,
// when that folder is absent (a user's own clone).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { resolveName } from '@/lib/models/resolve';
import { createSseReader } from '@/lib/usage/sse';
import {
  aistudioStream,
  chatgptStream,
  claudeStream,
  copilotStream,
  deepseekStream,
  geminiStream,
  grokStream,
  perplexityStream,
  qwenStream,
  type HttpStreamSpec,
  type StreamOutcome,
} from '@/lib/usage/streams';
import type { ToolCall } from '@/lib/usage/tools';
import type { StreamUsage } from '@/lib/usage/wire';
import { cutAtRandom, random } from '../random-cuts';

const REAL = resolve(process.cwd(), '..', 'shared', 'streams', 'real');
const present = existsSync(REAL);
if (!present) console.warn(`[real-streams] ${REAL} not found: the tests on real reply streams are skipped`);

const usage = (over: Partial<StreamUsage>): StreamUsage => ({ model: null, modelMode: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: null, reasoningTokens: null, totalTokens: null, ...over });

// Files that are not a response body as the site sent it, and the rule that makes them one:
/** The Go test's payloads, one JSON object a line (no SSE framing): each becomes an SSE `data:` event. */
const payloadLinesAsSse = (text: string) => text.split('\n').filter((l) => l.trim() !== '').map((l) => `data: ${l}\n\n`).join('');
/** A transcript that may have prose around the stream: from the first `event:`/`data:` line to the end of the last one. */
function sseSpan(text: string): string {
  const lines = text.split(/(?<=\n)/);
  const isField = (l: string) => /^(?:event|data):/.test(l);
  return lines.slice(lines.findIndex(isField), lines.findLastIndex(isField) + 1).join('');
}
/** A WebSocket excerpt: each line that is a JSON object is one frame; anything else is prose. */
const frames = (text: string) => text.split(/\r?\n/).filter((l) => l.startsWith('{'));

interface HttpCase {
  spec: HttpStreamSpec;
  url: string;
  body?: string;
  extract?: (text: string) => string;
  expected: StreamOutcome;
  /** The tool calls the reply names, by kind, and whether it showed thinking (issue 18); none and false when left out. */
  work?: { tools?: ToolCall[]; thinking?: boolean };
}
interface SocketCase {
  socket: true;
  expected: StreamOutcome[];
}

const CLAUDE_CONVERSATION = '4d7c6a51-9e2b-4f0c-8a13-6b0e2f7d9c21';
const CLAUDE_URL = `https://claude.ai/api/organizations/5b8f2c1e-0d3a-4e6b-9f7a-1c2d3e4f5a6b/chat_conversations/${CLAUDE_CONVERSATION}/completion`;
const claudeBody = (model?: string) => JSON.stringify({ prompt: 'hi', parent_message_uuid: '00000000-0000-4000-8000-000000000000', timezone: 'UTC', ...(model ? { model } : {}), attachments: [], files: [] });
const claude = (expected: StreamUsage | null, model?: string, extract?: (text: string) => string, work?: HttpCase['work']): HttpCase => ({
  spec: claudeStream,
  url: CLAUDE_URL,
  body: claudeBody(model),
  extract,
  expected: { conversationId: CLAUDE_CONVERSATION, problem: null, usage: expected },
  work,
});
const GROK_CONVERSATION = '724082a9-0c1e-4b6d-9a2f-3e5d7c9b1a08';
const AISTUDIO_URL = 'https://alkalimakersuite-pa.clients6.google.com/$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/GenerateContent';
const GEMINI_URL = 'https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?bl=boq_assistant-bard-web-server&_reqid=1&rt=c';
const QWEN_CHAT = 'de30bb7c-8f2d-4bc1-98f0-040c4b57ab9b';

export const CASES: Record<string, HttpCase | SocketCase> = {
  'aistudio/unresolved__findstring-3242933768__aistudio-GenerateContent-2026-02-SHORTENED-by-author.txt': {
    spec: aistudioStream,
    url: AISTUDIO_URL,
    body: JSON.stringify(['models/gemini-3-pro-preview', [[[[null, '!']], 'user']], null, [null, null, null, 65536, 1, 0.95, 64, null, null, null, null, null, null, 1], 'botguard-token']),
    // Usage on every chunk: the last one's prompt 15, candidates 43, thoughts 72 (total 130).
    expected: { conversationId: null, problem: null, usage: usage({ model: 'gemini-3-pro-preview', inputTokens: 15, outputTokens: 43, reasoningTokens: 72 }) },
  },
  'chatgpt/tja414312570__ml-demo__test.txt-2024-10-16-v1delta.txt': {
    spec: chatgptStream,
    url: 'https://chatgpt.com/backend-api/conversation',
    body: JSON.stringify({ action: 'next', messages: [], parent_message_id: 'client-created-root', model: 'gpt-4o' }),
    expected: { conversationId: '670fce41-4328-800b-8b72-f52b274345f0', problem: null, usage: usage({ model: 'gpt-4o' }) },
  },
  'chatgpt/unresolved__findstring-51821992107__chatgpt-web-2026-03-22-team-token_count-ABRIDGED.txt': {
    spec: chatgptStream,
    url: 'https://chatgpt.com/backend-api/f/conversation',
    body: JSON.stringify({ action: 'next', messages: [], parent_message_id: 'client-created-root', model: 'auto' }),
    // token_count 4 → 5 → 7 → 13: the final value.
    expected: { conversationId: '69bff40c-1c94-8324-9056-51af4100b84a', problem: null, usage: usage({ model: 'gpt-5-3', outputTokens: 13 }) },
  },
  'chatgpt/unresolved__findstring-67565816582__chatgpt-web-2026-06-19-android-free-bio-toolcalls-ABRIDGED.txt': {
    spec: chatgptStream,
    url: 'https://chatgpt.com/backend-api/f/conversation',
    body: JSON.stringify({ action: 'next', conversation_id: '6a3523d9-cad4-83ec-bdcc-21f12f7d807b', messages: [], model: 'auto' }),
    expected: { conversationId: '6a3523d9-cad4-83ec-bdcc-21f12f7d807b', problem: null, usage: usage({ model: 'gpt-5-3-mini' }) },
    // One assistant message to recipient "bio" (the memory tool) is left in the abridged file; its
    // answer (author "tool") is not a call, and the final message's `{"tool_calls": …}` is text.
    work: { tools: [{ kind: 'memory', count: 1 }] },
  },
  // claude.ai sends `model: ""` and no usage (2025-07 → 2026-05): the request's model, when it names one, is all there is.
  'claude/mrboups__xbrain__phase09-capture-2026-05-12-pong.txt': claude(null),
  // The abridged file keeps one Linear connector call (mcp_server_url set): an MCP call.
  'claude/unresolved__findstring-52159654799__claude-web-sse-2026-04-29-mcp-tools-ABRIDGED.txt': claude(usage({ model: 'claude-opus-4-6' }), 'claude-opus-4-6', undefined, { tools: [{ kind: 'mcp', count: 1 }] }),
  // Two weather_fetch calls (the first failed and was retried): claude.ai's own tool, no connector.
  'claude/unresolved__findstring-52338344927__claude-web-sse-2026-04-08-weather-tool.txt': claude(usage({ model: 'claude-sonnet-4-6' }), 'claude-sonnet-4-6', undefined, { tools: [{ kind: 'other', count: 2 }] }),
  'claude/unresolved__findstring-53562704864__useChat-doc-2026-03-09-hi-modelEmpty.txt': claude(null),
  'claude/unresolved__findstring-68328589649__go-test-TestClaudeWebConversation-2026-09-21-shape-RECONSTRUCTED-payloads.txt': claude(
    // message_start's output_tokens 1 is a placeholder; message_delta's 9 is the reply's.
    usage({ model: 'claude-opus-5', inputTokens: 812, outputTokens: 9 }),
    'claude-sonnet-4-6',
    payloadLinesAsSse,
  ),
  'claude/unresolved__findstring-71101593264__claude-web-sse-2025-07-30-thinking-padded-ABRIDGED.txt': claude(null, undefined, undefined, { thinking: true }),
  'copilot/savevsgames__AI-PII-Sanitizer-Chrome-Extension__COPILOT_WEBSOCKET_PLAN-captured-events-2025-11-03-EXCERPT.txt': {
    socket: true,
    expected: [{ conversationId: null, problem: null, usage: null }],
  },
  'deepseek/terminail__chromai-extension__request-response-20251121.txt': {
    spec: deepseekStream,
    url: 'https://chat.deepseek.com/api/v0/chat/completion',
    body: JSON.stringify({ chat_session_id: '5c1e7a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d', parent_message_id: null, prompt: 'hello', ref_file_ids: [], thinking_enabled: false, search_enabled: false }),
    extract: sseSpan,
    // accumulated_token_usage null, then 115 in the final BATCH; `model: ""` names nothing.
    expected: { conversationId: '5c1e7a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d', problem: null, usage: usage({ totalTokens: 115 }) },
  },
  'deepseek/unresolved__findstring-51821992107__deepseek-web-2026-03-22-thinking-search.txt': {
    spec: deepseekStream,
    url: 'https://chat.deepseek.com/api/v0/chat/completion',
    body: JSON.stringify({ chat_session_id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', parent_message_id: null, prompt: 'hi', ref_file_ids: [], thinking_enabled: true, search_enabled: true }),
    extract: sseSpan,
    expected: { conversationId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', problem: null, usage: usage({ totalTokens: 44 }) },
    // A THINK fragment; search was allowed (`search_enabled`) but no search fragment came: no call.
    work: { thinking: true },
  },
  // One wrb.fr entry, pretty-printed, fed as it is; no counts, no picker id, and no picker header sent.
  'gemini/HanaokaYuzu__Gemini-API__PR139-a.json-2025-10-05-single-wrbfr-frame-prettyprinted.txt': {
    spec: geminiStream,
    url: GEMINI_URL,
    expected: { conversationId: null, problem: null, usage: null },
    // The candidate's thinking text at [37].
    work: { thinking: true },
  },
  // No counts; the payload names the picker id at [39] and the mode at [42] (no header sent, so both come from the reply).
  'gemini/unresolved__findstring-51821992107__gemini-web-StreamGenerate-2026-03-22-resp2-tail-ABRIDGED.txt': {
    spec: geminiStream,
    url: GEMINI_URL,
    expected: { conversationId: null, problem: null, usage: usage({ model: 'google/gemini-3.8-flash', modelMode: 'Fast' }) },
  },
  'grok/unresolved__findstring-51821992107__grok-web-responses-2026-03-22-RECONSTRUCTED-ndjson.txt': {
    spec: grokStream,
    url: `https://grok.com/rest/app-chat/conversations/${GROK_CONVERSATION}/responses`,
    body: JSON.stringify({ message: '说中文', parentResponseId: '724082a9-f0cb-4be6-813f-f2349be88348', modelName: 'grok-4-auto', modelMode: 'MODEL_MODE_AUTO' }),
    // The assistant reply's modelResponse.model, not the requested grok-4-auto nor the steer model grok-4.
    expected: { conversationId: GROK_CONVERSATION, problem: null, usage: usage({ model: 'grok-3' }) },
  },
  'perplexity/aigerimzhalgasbekova__perplexity-client__search-complete-2026-07-31.sse.txt': {
    spec: perplexityStream,
    url: 'https://www.perplexity.ai/rest/sse/perplexity_ask',
    body: JSON.stringify({ params: { model_preference: 'pplx_pro', mode: 'copilot', search_focus: 'internet', frontend_uuid: '93aa05e0-a9b1-4729-ae23-bd4067bf9ad3' }, query_str: 'what is the capital of Australia and why is it not Sydney' }),
    expected: { conversationId: '9bf48727-3062-4a4c-998b-d798b74c78c0', problem: null, usage: usage({ model: 'pplx_pro' }) },
    // The workflow's "Searching the web" step ran two queries.
    work: { tools: [{ kind: 'web_search', count: 2 }] },
  },
  'qwen/unresolved__findstring-51821992107__qwen-web-v2-2026-03-22-usage.txt': {
    spec: qwenStream,
    url: `https://chat.qwen.ai/api/v2/chat/completions?chat_id=${QWEN_CHAT}`,
    body: JSON.stringify({ stream: true, incremental_output: true, chat_id: QWEN_CHAT, chat_mode: 'normal', model: 'qwen3-max', parent_id: '55908595-75e6-437c-ad24-b8f33bdad2b8', messages: [] }),
    // output_tokens 73 counts the 27 reasoning tokens: the reply alone is 46.
    expected: { conversationId: QWEN_CHAT, problem: null, usage: usage({ model: 'qwen3-max', inputTokens: 1191, outputTokens: 46, reasoningTokens: 27 }) },
    work: { thinking: true },
  },
};

function run(c: HttpCase, pieces: string[]): StreamOutcome {
  const parser = c.spec.start({ method: 'POST', url: new URL(c.url), headers: {}, body: c.body ?? null });
  for (const piece of pieces) parser.push(piece);
  // Limits are checked on the same files in tests/unit/limits/real-streams.test.ts.
  const { limits: _limits, limitsOnly: _only, tools = [], thinking = false, ...outcome } = parser.finish();
  return { ...outcome, tools, thinking };
}

/** What a case must give: its outcome with its tool calls and thinking (none and false unless it says). */
const expectedOf = (c: HttpCase): StreamOutcome => ({ ...c.expected, tools: c.work?.tools ?? [], thinking: c.work?.thinking ?? false });

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));

describe.skipIf(!present)('real reply streams', () => {
  it('the table names every file in the folder, and only those', () => {
    expect(Object.keys(CASES).sort()).toEqual(files(REAL).filter((f) => f !== 'README.md').sort());
  });

  for (const [file, c] of Object.entries(CASES)) {
    const read = () => readFileSync(join(REAL, file), 'utf8');
    if ('socket' in c) {
      it(`${file}: an outcome at each done frame`, () => {
        const watcher = copilotStream.start(new URL('wss://copilot.microsoft.com/c/api/chat?api-version=2'));
        const outcomes = frames(read()).flatMap((f) => watcher.frame(f) ?? []);
        expect(outcomes).toEqual(c.expected);
      });
      continue;
    }

    const response = () => (c.extract ? c.extract(read()) : read());
    it(`${file}: whole`, () => {
      const text = response();
      expect(run(c, [text])).toEqual(expectedOf(c));
    });

    it(`${file}: cut at 20 sets of random points`, () => {
      const text = response();
      const next = random(text.length);
      for (let i = 0; i < 20; i++) expect(run(c, cutAtRandom(text, next))).toEqual(expectedOf(c));
    });

    // One character at a time only for the small files (all but Perplexity's 600 KB).
    if (present && read().length <= 20_000) {
      it(`${file}: one character at a time`, () => {
        expect(run(c, response().split(''))).toEqual(expectedOf(c));
      });
    }
  }

  it('every model or mode a real stream names is priced: a catalog model, a mode in the table, or a dated stand-in', () => {
    const catalog = bundledCatalogData();
    for (const [file, c] of Object.entries(CASES)) {
      if ('socket' in c) continue;
      for (const name of [c.expected.usage?.model, c.expected.usage?.modelMode]) {
        if (!name) continue;
        const meaning = resolveName(c.spec.site, name, catalog);
        expect(meaning.kind === 'model' ? meaning.model.id : meaning.kind, `${file}: "${name}"`).toMatch(/\//);
      }
    }
  });

  it('the weather-tool stream (events a single newline apart) yields each data line as its own event', () => {
    const text = readFileSync(join(REAL, 'claude', 'unresolved__findstring-52338344927__claude-web-sse-2026-04-08-weather-tool.txt'), 'utf8');
    const events: { event: string; type: unknown }[] = [];
    const sse = createSseReader((e) => events.push({ event: e.event, type: (JSON.parse(e.data) as { type: unknown }).type }));
    sse.push(text);
    sse.end();
    expect(events).toHaveLength(text.split('\n').filter((l) => l.startsWith('data: ')).length);
    expect(events[0]).toEqual({ event: 'message_start', type: 'message_start' });
    expect(events.every((e) => e.event === e.type || (e.event === 'message' && e.type === 'message_stop'))).toBe(true);
  });

  it('the Perplexity stream keeps its CRLF line ends and is read in one pass', () => {
    const text = readFileSync(join(REAL, 'perplexity', 'aigerimzhalgasbekova__perplexity-client__search-complete-2026-07-31.sse.txt'), 'utf8');
    expect(text).toContain('\r\n\r\n');
    const started = performance.now();
    run(CASES['perplexity/aigerimzhalgasbekova__perplexity-client__search-complete-2026-07-31.sse.txt'] as HttpCase, cutAtRandom(text, random(1)).flatMap((p) => p.match(/[^]{1,512}/g) ?? []));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
