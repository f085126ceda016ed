// The stream parsers, on the fixtures in tests/fixtures/streams: the same result whole, split at
// every position, in random pieces and with CRLF line ends; the final value of each field, never a
// sum; and a clear problem (never a throw) for streams that do not look as documented.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
  STREAM_SPECS,
  type HttpStreamSpec,
  type StreamOutcome,
} from '@/lib/usage/streams';
import { USAGE_READER_MATCHES } from '@/lib/usage/sites';

const fixture = (name: string) => readFileSync(resolve(process.cwd(), 'tests', 'fixtures', 'streams', name), 'utf8');
const expected = JSON.parse(fixture('expected.json')) as Record<string, Record<string, unknown>>;

const CLAUDE_URL = 'https://claude.ai/api/organizations/org-1/chat_conversations/7f3e2a10-0000-4000-8000-000000000042/completion';
const GEMINI_URL = 'https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?bl=boq&_reqid=1&rt=c';
const GEMINI_HEADER = '[1,null,null,null,"9d8ca3786ebdfbea",null,null,0,[4],null,null,1]';

function run(spec: HttpStreamSpec, url: string, pieces: string[], request: { body?: string; headers?: Record<string, string> } = {}): StreamOutcome {
  const parser = spec.start({ method: 'POST', url: new URL(url), headers: request.headers ?? {}, body: request.body ?? null });
  for (const piece of pieces) parser.push(piece);
  // Tool calls and thinking are checked in tools.test.ts; here only when a stream has them.
  const { tools, thinking, ...outcome } = parser.finish();
  return { ...outcome, ...(tools?.length ? { tools } : {}), ...(thinking ? { thinking } : {}) };
}

const cases = [
  { name: 'Claude', spec: claudeStream, url: CLAUDE_URL, text: fixture('claude-completion.sse'), request: { body: '{"prompt":"hi","model":"claude-opus-4-5"}' } },
  { name: 'ChatGPT', spec: chatgptStream, url: 'https://chatgpt.com/backend-api/f/conversation', text: fixture('chatgpt-conversation.sse'), request: {} },
  { name: 'DeepSeek', spec: deepseekStream, url: 'https://chat.deepseek.com/api/v0/chat/completion', text: fixture('deepseek-completion.sse'), request: { body: '{"chat_session_id":"d213f7b1-0aa7-47a2-a6cf-3b4910a66b3a","prompt":"hi"}' } },
  { name: 'Gemini', spec: geminiStream, url: GEMINI_URL, text: fixture('gemini-streamgenerate.txt'), request: { headers: { 'x-goog-ext-525001261-jspb': GEMINI_HEADER } } },
];

describe('stream fixtures', () => {
  it('Claude: message_start usage with cache reads and writes, the final output count, the model and the conversation', () => {
    const outcome = run(claudeStream, CLAUDE_URL, [cases[0]!.text], cases[0]!.request);
    const e = expected.claude!;
    expect(outcome).toEqual({
      conversationId: '7f3e2a10-0000-4000-8000-000000000042',
      problem: null,
      usage: { model: e.model, modelMode: null, inputTokens: e.inputTokens, cachedInputTokens: e.cachedInputTokens, cacheWriteTokens: e.cacheWriteTokens, outputTokens: e.outputTokens, reasoningTokens: null, totalTokens: null },
    });
  });

  it('ChatGPT: the resolved model (not the picker slug) and the conversation id', () => {
    const outcome = run(chatgptStream, 'https://chatgpt.com/backend-api/f/conversation', [cases[1]!.text]);
    expect(outcome.problem).toBeNull();
    expect(outcome.conversationId).toBe(expected.chatgpt!.conversationId);
    expect(outcome.usage?.model).toBe(expected.chatgpt!.model);
    expect(outcome.usage?.inputTokens).toBeNull();
  });

  it('DeepSeek: accumulated_token_usage from the final BATCH as a total, and the session id', () => {
    const outcome = run(deepseekStream, 'https://chat.deepseek.com/api/v0/chat/completion', [cases[2]!.text], cases[2]!.request);
    expect(outcome).toEqual({
      conversationId: 'd213f7b1-0aa7-47a2-a6cf-3b4910a66b3a',
      problem: null,
      usage: { model: null, modelMode: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: null, reasoningTokens: null, totalTokens: expected.deepseek!.totalTokens },
    });
  });

  it('Gemini: usageMetadata (uncached prompt, cached, candidates, thoughts) and the model from the request header', () => {
    const outcome = run(geminiStream, GEMINI_URL, [cases[3]!.text], cases[3]!.request);
    const e = expected.gemini!;
    expect(outcome.problem).toBeNull();
    expect(outcome.usage).toEqual({ model: e.model, modelMode: null, inputTokens: e.inputTokens, cachedInputTokens: e.cachedInputTokens, cacheWriteTokens: null, outputTokens: e.outputTokens, reasoningTokens: e.reasoningTokens, totalTokens: null });
  });

  for (const c of cases) {
    it(`${c.name}: the same outcome split at every position`, () => {
      const whole = run(c.spec, c.url, [c.text], c.request);
      for (let i = 1; i < c.text.length; i++) expect(run(c.spec, c.url, [c.text.slice(0, i), c.text.slice(i)], c.request)).toEqual(whole);
    });

    it(`${c.name}: the same outcome in random pieces, and with CRLF line ends`, () => {
      const whole = run(c.spec, c.url, [c.text], c.request);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 200 }), fc.boolean(), (sizes, crlf) => {
          const text = crlf ? c.text.replace(/\n/g, '\r\n') : c.text;
          const pieces: string[] = [];
          for (let at = 0, i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length]!;
            pieces.push(text.slice(at, at + size));
            at += size;
          }
          expect(run(c.spec, c.url, pieces, c.request)).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('final values and shape problems', () => {
  const sse = (...events: object[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');

  it('Claude keeps the last value of each usage field, never a sum', () => {
    const text = sse(
      { type: 'message_start', message: { model: 'claude-opus-4-5', usage: { input_tokens: 100, output_tokens: 1 } } },
      { type: 'message_delta', usage: { output_tokens: 10 } },
      { type: 'message_delta', usage: { output_tokens: 30 } },
      { type: 'message_delta', usage: { output_tokens: 57, input_tokens: 100 } },
    );
    const outcome = run(claudeStream, CLAUDE_URL, [text]);
    expect(outcome.usage).toMatchObject({ inputTokens: 100, outputTokens: 57, model: 'claude-opus-4-5' });
  });

  it('Claude without usage is the usual 2025–2026 shape, not a problem; the request body names the model', () => {
    const outcome = run(claudeStream, CLAUDE_URL, [sse({ type: 'message_start', message: { model: '' } }, { type: 'message_stop' })], { body: '{"model":"claude-opus-4-5"}' });
    expect(outcome.problem).toBeNull();
    expect(outcome.usage).toMatchObject({ model: 'claude-opus-4-5', inputTokens: null, outputTokens: null });
    expect(run(claudeStream, CLAUDE_URL, ['data: not json\n\n', 'garbage']).problem).toBe('no message_start event');
  });

  it('ChatGPT without a model slug, or without any JSON, is a problem', () => {
    expect(run(chatgptStream, 'https://chatgpt.com/backend-api/f/conversation', [sse({ p: '/message/content/parts/0', o: 'append', v: 'x' })]).problem).toBe('no model_slug in the stream');
    expect(run(chatgptStream, 'https://chatgpt.com/backend-api/f/conversation', ['data: [DONE]\n\n']).problem).toBe('no JSON events');
  });

  it('DeepSeek takes a direct patch of the usage and a model named later', () => {
    const text = sse({ v: { response: { model: '', accumulated_token_usage: null } } }, { p: 'response/model', v: 'deepseek-reasoner' }, { p: 'response/accumulated_token_usage', v: 90 }, { p: 'response/accumulated_token_usage', v: 120 });
    expect(run(deepseekStream, 'https://chat.deepseek.com/api/v0/chat/completion', [text]).usage).toMatchObject({ model: 'deepseek-reasoner', totalTokens: 120 });
    expect(run(deepseekStream, 'https://chat.deepseek.com/api/v0/chat/completion', [sse({ v: 'text only' })]).problem).toBe('no response object');
  });

  it("Gemini prefers the response's modelVersion; an unknown picker id names no model", () => {
    const line = JSON.stringify([['wrb.fr', null, JSON.stringify([null, { modelVersion: 'gemini-3.1-pro', usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 2 } }])]]);
    expect(run(geminiStream, GEMINI_URL, [`)]}'\n\n${line.length}\n${line}\n`], { headers: { 'x-goog-ext-525001261-jspb': GEMINI_HEADER } }).usage).toMatchObject({ model: 'gemini-3.1-pro', inputTokens: 10, outputTokens: 2, reasoningTokens: null });
    const outcome = run(geminiStream, GEMINI_URL, [fixture('gemini-streamgenerate.txt')], { headers: { 'x-goog-ext-525001261-jspb': '[1,null,null,null,"0000000000000000"]' } });
    expect(outcome.usage?.model).toBeNull();
    expect(run(geminiStream, GEMINI_URL, [")]}'\n\n5\n[1,2]\n"]).problem).toBe('no wrb.fr frames');
  });

  it('AI Studio: the model from the request, usageMetadata where present, a problem where not', () => {
    const body = JSON.stringify(['models/gemini-2.5-pro', [], null, [null, null, 1]]);
    const url = 'https://alkalimakersuite-pa.clients6.google.com/$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/GenerateContent';
    expect(aistudioStream.matches('POST', new URL(url))).toBe(true);
    const named = run(aistudioStream, url, ['[[{"usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":8,"thoughtsTokenCount":3}}]]'], { body });
    expect(named).toMatchObject({ problem: null, usage: { model: 'gemini-2.5-pro', inputTokens: 40, outputTokens: 8, reasoningTokens: 3 } });
    const positional = run(aistudioStream, url, ['[[[null,[[["text"]]]],[40,8,48]]]'], { body });
    expect(positional).toMatchObject({ problem: 'no usageMetadata in the stream', usage: { model: 'gemini-2.5-pro', inputTokens: null } });
    expect(run(aistudioStream, url, ['[[trunc'], { body }).problem).toBe('the response is not JSON');
  });

  it('Copilot: an outcome per reply at `done`, a problem when frames stop looking like events', () => {
    const socket = copilotStream.start(new URL('wss://copilot.microsoft.com/c/api/chat?api-version=2'));
    expect(socket.sent(JSON.stringify({ event: 'send', conversationId: 'abc123', content: [{ type: 'text', text: 'hi' }], mode: 'chat' }))).toBe(true);
    expect(socket.sent('{"event":"ping"}')).toBe(false);
    expect(socket.frame('{"event":"appendText","text":"Hel"}')).toBeNull();
    expect(socket.frame('{"event":"done","messageId":"m1"}')).toEqual({ conversationId: 'abc123', problem: null, usage: null });
    socket.sent(JSON.stringify({ event: 'send', conversationId: 'abc123' }));
    socket.frame('binary?');
    socket.frame('nope');
    expect(socket.frame('{"event":"done","model":"gpt-5"}')).toEqual({ conversationId: 'abc123', problem: 'unexpected frames', usage: expect.objectContaining({ model: 'gpt-5' }) });
  });

  it('matches only the reply endpoints', () => {
    const post = (spec: HttpStreamSpec, url: string) => spec.matches('POST', new URL(url));
    expect(post(claudeStream, CLAUDE_URL)).toBe(true);
    expect(post(claudeStream, CLAUDE_URL.replace('/completion', '/retry_completion'))).toBe(true);
    expect(post(claudeStream, 'https://claude.ai/api/organizations/org-1/usage')).toBe(false);
    expect(claudeStream.matches('GET', new URL(CLAUDE_URL))).toBe(false);
    expect(post(chatgptStream, 'https://chatgpt.com/backend-api/f/conversation/prepare')).toBe(false);
    expect(post(chatgptStream, 'https://chatgpt.com/backend-anon/conversation')).toBe(true);
    expect(post(deepseekStream, 'https://chat.deepseek.com/api/v0/chat/create_pow_challenge')).toBe(false);
    expect(post(geminiStream, GEMINI_URL)).toBe(true);
    expect(copilotStream.matches(new URL('wss://copilot.microsoft.com/c/api/chat?api-version=2'))).toBe(true);
    expect(post(qwenStream, 'https://chat.qwen.ai/api/v2/chat/completions?chat_id=x')).toBe(true);
    expect(post(qwenStream, 'https://chat.qwen.ai/api/v2/chats/new')).toBe(false);
    expect(post(grokStream, 'https://grok.com/rest/app-chat/conversations/new')).toBe(true);
    expect(post(grokStream, 'https://grok.com/rest/app-chat/conversations/abc/responses')).toBe(true);
    expect(post(grokStream, 'https://grok.com/rest/app-chat/conversations/abc/response-node')).toBe(false);
    expect(post(perplexityStream, 'https://www.perplexity.ai/rest/sse/perplexity_ask')).toBe(true);
  });

  it('the usage reader runs on every site with a stream spec, Qwen, Grok and Perplexity included', () => {
    expect(new Set(STREAM_SPECS.map((s) => s.site))).toEqual(new Set(['claude', 'chatgpt', 'deepseek', 'gemini', 'aistudio', 'qwen', 'grok', 'perplexity', 'copilot']));
    for (const host of ['chat.qwen.ai', 'grok.com', 'www.perplexity.ai']) expect(USAGE_READER_MATCHES).toContain(`https://${host}/*`);
  });
});

describe('the new formats, beyond the real captures', () => {
  const sse = (...events: object[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
  const ndjson = (...lines: object[]) => lines.map((l) => JSON.stringify(l)).join('\n');
  const CHATGPT_URL = 'https://chatgpt.com/backend-api/f/conversation';
  const assistant = (id: string, metadata: object) => ({ p: '', o: 'add', v: { message: { id, author: { role: 'assistant' }, metadata }, conversation_id: 'conv-1' } });

  it("ChatGPT: server_ste_metadata's slug never overrides the message's resolved slug; default_model_slug is not a model", () => {
    const text = sse(assistant('m1', { resolved_model_slug: 'gpt-5-3-mini', model_slug: 'gpt-5-3', default_model_slug: 'auto' }), { type: 'server_ste_metadata', metadata: { model_slug: 'gpt-5-3' } });
    expect(run(chatgptStream, CHATGPT_URL, [text]).usage?.model).toBe('gpt-5-3-mini');
    expect(run(chatgptStream, CHATGPT_URL, [sse(assistant('m1', { default_model_slug: 'auto' }), { type: 'server_ste_metadata', metadata: { model_slug: 'gpt-5-3' } })]).usage?.model).toBe('gpt-5-3');
    expect(run(chatgptStream, CHATGPT_URL, [sse(assistant('m1', { default_model_slug: 'auto' }))]).problem).toBe('no model_slug in the stream');
  });

  it("ChatGPT: token_count's final value for each assistant message (a patch alone, in a list, or kept by a later bare value), added up; other roles' counts are not output", () => {
    const text = sse(
      assistant('m1', { resolved_model_slug: 'gpt-5-3', token_count: 1 }),
      { p: '/message/metadata/token_count', o: 'replace', v: 8 },
      { v: 9 },
      { p: '', o: 'add', v: { message: { id: 't1', author: { role: 'tool' }, metadata: { token_count: 500 } } } },
      assistant('m2', {}),
      { o: 'patch', v: [{ p: '/message/content/parts/0', o: 'append', v: 'x' }, { p: '/message/metadata/token_count', o: 'replace', v: 4 }] },
      { v: [{ p: '/message/metadata/token_count', o: 'replace', v: 6 }] },
      assistant('m2', { token_count: 6 }),
    );
    expect(run(chatgptStream, CHATGPT_URL, [text])).toEqual({ conversationId: 'conv-1', problem: null, usage: expect.objectContaining({ model: 'gpt-5-3', outputTokens: 15, inputTokens: null }) });
  });

  it("Claude: message_start's output placeholder is never the reply's count", () => {
    const outcome = run(claudeStream, CLAUDE_URL, [sse({ type: 'conversation_ready' }, { type: 'message_start', message: { model: 'claude-opus-5', usage: { input_tokens: 812, output_tokens: 1 } } }, { type: 'message_stop' })]);
    expect(outcome).toMatchObject({ problem: null, usage: { model: 'claude-opus-5', inputTokens: 812, outputTokens: null } });
  });

  it('the SSE reader: events a single newline apart each yield their data; multi-line data and comments as the standard says', () => {
    const read = (text: string) => {
      const events: string[] = [];
      const reader = createSseReader((e) => events.push(`${e.event}:${e.data}`));
      reader.push(text);
      reader.end();
      return events;
    };
    expect(read('event: a\ndata: {"n":1}\nevent: b\ndata: {"n":2}\ndata: [3]\n: ping\ndata: {"n":4}')).toEqual(['a:{"n":1}', 'b:{"n":2}', 'message:[3]', 'message:{"n":4}']);
    expect(read('data: {\ndata: "n": 1}\n\ndata: [DONE]\n\n')).toEqual(['message:{\n"n": 1}', 'message:[DONE]']);
  });

  it('Qwen: the last usage of the chunks, never a sum; output without the reasoning it counts; a problem only without chunks', () => {
    const url = 'https://chat.qwen.ai/api/v2/chat/completions?chat_id=c-1';
    const chunk = (output: number) => ({ choices: [{ delta: { content: 'x', phase: 'answer' } }], usage: { input_tokens: 100, output_tokens: output, output_tokens_details: { reasoning_tokens: 20 } } });
    const outcome = run(qwenStream, url, [sse({ 'response.created': { chat_id: 'c-1' } }, chunk(25), chunk(30), chunk(42), { choices: [{ delta: { status: 'finished' } }] })], { body: '{"model":"qwen3-max","chat_id":"c-1"}' });
    expect(outcome).toEqual({ conversationId: 'c-1', problem: null, usage: expect.objectContaining({ model: 'qwen3-max', inputTokens: 100, outputTokens: 22, reasoningTokens: 20, totalTokens: null }) });
    expect(run(qwenStream, url, [sse({ choices: [] })]).usage).toBeNull();
    expect(run(qwenStream, url, ['data: {"success":false}\n\n']).problem).toBe('no completion chunks');
  });

  it('Grok: a new conversation nests the reply under result.response and names the conversation; the requested model is only the fallback', () => {
    const url = 'https://grok.com/rest/app-chat/conversations/new';
    const text = ndjson(
      { result: { conversation: { conversationId: 'conv-9' } } },
      { result: { response: { userResponse: { model: 'grok-4-auto' } } } },
      { result: { response: { token: 'Hi', isThinking: false } } },
      { result: { response: { modelResponse: { model: 'grok-4', requestMetadata: { model: 'grok-4-auto' } } } } },
    );
    expect(run(grokStream, url, [text])).toEqual({ conversationId: 'conv-9', problem: null, usage: expect.objectContaining({ model: 'grok-4' }) });
    // Adjacent objects with nothing between them, and no modelResponse: the requested model.
    expect(run(grokStream, url, [text.split('\n').slice(0, 3).join('')]).usage?.model).toBe('grok-4-auto');
    expect(run(grokStream, url, ['<html>error</html>']).problem).toBe('no result objects');
  });

  it('Perplexity: display_model, else user_selected_model; the thread slug; a problem only without message events', () => {
    const url = 'https://www.perplexity.ai/rest/sse/perplexity_ask';
    const frame = (fields: object) => `event: message\r\ndata: ${JSON.stringify(fields)}\r\n\r\n`;
    expect(run(perplexityStream, url, [frame({ backend_uuid: 'b-1', thread_url_slug: 'what-is-x-AbC', user_selected_model: 'claude45sonnet' }) + 'event: end_of_stream\r\ndata: {}\r\n\r\n'])).toEqual({
      conversationId: 'what-is-x-AbC',
      problem: null,
      usage: expect.objectContaining({ model: 'claude45sonnet' }),
    });
    expect(run(perplexityStream, url, [frame({ display_model: 'pplx_pro', user_selected_model: 'turbo' })]).usage?.model).toBe('pplx_pro');
    expect(run(perplexityStream, url, ['event: message\r\ndata: oops\r\n\r\n']).problem).toBe('no message events');
  });

  it("Gemini: the reply's picker id and mode over the request header; an id that is not a known picker id names nothing", () => {
    const payload = (picker: string) => {
      const inner: unknown[] = [null, ['c_1', 'r_1'], null, null, [['rc_1', ['Hi']]]];
      inner[39] = picker;
      inner[42] = 'Thinking';
      const line = JSON.stringify([['wrb.fr', null, JSON.stringify(inner)]]);
      return `)]}'\n\n${line.length}\n${line}\n`;
    };
    expect(run(geminiStream, GEMINI_URL, [payload('9d8ca3786ebdfbea')], { headers: { 'x-goog-ext-525001261-jspb': '[1,null,null,null,"fbb127bbb056c959"]' } })).toEqual({
      conversationId: null,
      problem: null,
      usage: expect.objectContaining({ model: 'google/gemini-3.1-pro', modelMode: 'Thinking', inputTokens: null }),
    });
    expect(run(geminiStream, GEMINI_URL, [payload('constructor')]).usage).toMatchObject({ model: null, modelMode: 'Thinking' });
  });

  it('AI Studio: usage by its position in the chunk, the last chunk\'s counts; numbers elsewhere are not usage', () => {
    const url = 'https://alkalimakersuite-pa.clients6.google.com/$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/GenerateContent';
    const body = JSON.stringify(['models/gemini-2.5-pro']);
    const chunk = (text: string, usage: unknown) => [[[[[[null, text]], 'model']]], null, usage, null, null, null, null, 'v1_x'];
    const response = JSON.stringify([[chunk('a', [40, 5, 60, 10, [[1, 40]], null, null, null, null, 15]), chunk('b', [40, 8, 63, 10, [[1, 40]], null, null, null, null, 15]), [null, null, null, ['1', 2, 3]]]]);
    expect(run(aistudioStream, url, [response.slice(0, 50), response.slice(50)], { body })).toEqual({
      conversationId: null,
      problem: null,
      usage: expect.objectContaining({ model: 'gemini-2.5-pro', inputTokens: 30, cachedInputTokens: 10, outputTokens: 8, reasoningTokens: 15 }),
    });
    const misplaced = JSON.stringify([[chunk('a', null), [7, 8, 9]], [1, 2, [3, 4, 5]]]);
    expect(run(aistudioStream, url, [misplaced], { body })).toMatchObject({ problem: 'no usageMetadata in the stream', usage: { inputTokens: null, outputTokens: null } });
  });
});
