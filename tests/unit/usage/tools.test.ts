// Tool calls and thinking read from reply streams (issue 18), beyond the real captures
// (real-streams.test.ts): each site's shapes as public clients document them, whole and cut at
// every point, and the report check in the content script.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatgptStream, claudeStream, deepseekStream, grokStream, type HttpStreamSpec } from '@/lib/usage/streams';
import { mergeToolCalls, toolCounter, toolKind, type ToolKind } from '@/lib/usage/tools';
import { parseReaderMessage } from '@/lib/usage/report';
import { withSiteWork } from '@/lib/usage/work';
import type { TurnRecord } from '@/lib/messaging/protocol';

function work(spec: HttpStreamSpec, url: string, pieces: string[], body: string | null = null) {
  const parser = spec.start({ method: 'POST', url: new URL(url), headers: {}, body });
  for (const p of pieces) parser.push(p);
  const { tools = [], thinking = false } = parser.finish();
  return { tools, thinking };
}

/** The same result whole and cut at every point in two. */
function everyCut(spec: HttpStreamSpec, url: string, text: string, body: string | null = null) {
  const whole = work(spec, url, [text], body);
  for (let i = 1; i < text.length; i++) expect(work(spec, url, [text.slice(0, i), text.slice(i)], body), `cut at ${i}`).toEqual(whole);
  return whole;
}

const sse = (events: object[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
const CLAUDE_URL = 'https://claude.ai/api/organizations/o/chat_conversations/4d7c6a51-9e2b-4f0c-8a13-6b0e2f7d9c21/completion';

describe('toolKind: the names the streams give', () => {
  it.each<[string, ToolKind]>([
    ['web_search', 'web_search'], ['web.run', 'web_search'], ['browser.search', 'web_search'], ['google_search', 'web_search'],
    ['web_fetch', 'web_fetch'], ['browser.open', 'web_fetch'],
    ['x_search', 'x_search'],
    ['python', 'code_execution'], ['container.exec', 'code_execution'], ['repl', 'code_execution'], ['code_execution', 'code_execution'],
    ['dalle.text2im', 'image_generation'], ['image_gen', 'image_generation'],
    ['research_kickoff_tool.start_research_task', 'research'],
    ['bio', 'memory'], ['conversation_search', 'memory'],
    ['weather_fetch', 'other'], ['canmore.create_textdoc', 'other'], ['', 'other'],
  ])('%s → %s', (name, kind) => expect(toolKind(name)).toBe(kind));
});

describe('toolCounter and mergeToolCalls', () => {
  it('counts each call once by id, in a fixed order of kinds', () => {
    const c = toolCounter();
    c.add('a', 'memory');
    c.add('b', 'web_search');
    c.add('a', 'memory');
    c.add('c', 'web_search');
    expect(c.calls()).toEqual([{ kind: 'web_search', count: 2 }, { kind: 'memory', count: 1 }]);
  });

  it('keeps the larger count of each kind from two readings', () => {
    expect(mergeToolCalls([{ kind: 'web_search', count: 2 }], [{ kind: 'web_search', count: 5 }, { kind: 'mcp', count: 1 }])).toEqual([{ kind: 'web_search', count: 5 }, { kind: 'mcp', count: 1 }]);
  });
});

describe('Claude', () => {
  it('server_tool_use web searches, a connector call and thinking; tool results and repeated starts are not calls', () => {
    const text = `event: message_start\n${sse([
      { type: 'message_start', message: { model: '', content: [] } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_start', index: 1, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
      { type: 'content_block_start', index: 2, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] } },
      { type: 'content_block_start', index: 3, content_block: { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: {} } },
      { type: 'content_block_start', index: 3, content_block: { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: {} } },
      { type: 'content_block_start', index: 4, content_block: { type: 'tool_use', id: 'toolu_3', name: 'Notion:search', integration_name: 'Notion', mcp_server_url: 'https://mcp.notion.com/mcp' } },
      { type: 'content_block_start', index: 5, content_block: { type: 'tool_result', tool_use_id: 'toolu_3', name: 'Notion:search' } },
      { type: 'message_stop' },
    ])}`;
    expect(everyCut(claudeStream, CLAUDE_URL, text)).toEqual({ tools: [{ kind: 'web_search', count: 2 }, { kind: 'mcp', count: 1 }], thinking: true });
  });

  it('the browser tests\' fixture (tests/fixtures/streams/claude-completion-tools.sse): two web searches and thinking, no usage', () => {
    const text = readFileSync(resolve(process.cwd(), 'tests', 'fixtures', 'streams', 'claude-completion-tools.sse'), 'utf8');
    expect(everyCut(claudeStream, CLAUDE_URL, text, '{"prompt":"hi","model":"claude-sonnet-4-5"}')).toEqual({ tools: [{ kind: 'web_search', count: 2 }], thinking: true });
    const parser = claudeStream.start({ method: 'POST', url: new URL(CLAUDE_URL), headers: {}, body: '{"model":"claude-sonnet-4-5"}' });
    parser.push(text);
    expect(parser.finish()).toMatchObject({ problem: null, usage: { model: 'claude-sonnet-4-5', inputTokens: null, outputTokens: null } });
  });
});

describe('ChatGPT', () => {
  const url = 'https://chatgpt.com/backend-api/f/conversation';
  const message = (id: string, role: string, recipient: string, contentType = 'text') => ({
    p: '', o: 'add', v: { message: { id, author: { role }, recipient, content: { content_type: contentType, parts: [''] }, metadata: { resolved_model_slug: 'gpt-5-5-thinking' } }, conversation_id: 'c1' },
  });
  it('assistant messages to tools are calls (web.run, python, dalle); the server search count wins when larger; thoughts are thinking', () => {
    const text = `event: delta_encoding\ndata: "v1"\n\n${sse([
      message('m0', 'assistant', 'all', 'thoughts'),
      message('m1', 'assistant', 'web.run'),
      message('t1', 'tool', 'assistant'),
      message('m2', 'assistant', 'python'),
      message('m3', 'assistant', 'dalle.text2im'),
      message('m1', 'assistant', 'web.run'),
      message('m4', 'assistant', 'all'),
      { type: 'server_ste_metadata', metadata: { model_slug: 'gpt-5-5-thinking', search_tool_call_count: 3, did_auto_switch_to_reasoning: false } },
    ])}data: [DONE]\n\n`;
    expect(everyCut(chatgptStream, url, text)).toEqual({
      tools: [{ kind: 'web_search', count: 3 }, { kind: 'code_execution', count: 1 }, { kind: 'image_generation', count: 1 }],
      thinking: true,
    });
  });

  it('an auto-switch to reasoning is thinking; no tools, no calls', () => {
    const text = sse([message('m4', 'assistant', 'all'), { type: 'server_ste_metadata', metadata: { model_slug: 'gpt-5-3', search_tool_call_count: null, did_auto_switch_to_reasoning: true } }]);
    expect(work(chatgptStream, url, [text])).toEqual({ tools: [], thinking: true });
  });
});

describe('DeepSeek', () => {
  it('TOOL_SEARCH fragments, one call a query, in the response object or appended; THINK is thinking', () => {
    const text = `event: ready\ndata: {"request_message_id":1,"response_message_id":2}\n\n${sse([
      { v: { response: { message_id: 2, model: '', status: 'WIP', accumulated_token_usage: 0, search_enabled: true, fragments: [{ id: 1, type: 'THINK', content: 'hmm' }] } } },
      { p: 'response/fragments', o: 'APPEND', v: [{ id: 2, type: 'TOOL_SEARCH', content: null, queries: [{ query: 'a' }, { query: 'b' }], results: [] }] },
      { p: 'response/fragments/-1/results', o: 'SET', v: [] },
      { p: 'response/fragments', o: 'APPEND', v: [{ id: 3, type: 'SEARCH', content: null }] },
      { p: 'response/fragments', o: 'APPEND', v: [{ id: 4, type: 'RESPONSE', content: 'hi' }] },
      { p: 'response', o: 'BATCH', v: [{ p: 'accumulated_token_usage', v: 90 }] },
    ])}`;
    expect(everyCut(deepseekStream, 'https://chat.deepseek.com/api/v0/chat/completion', text, JSON.stringify({ chat_session_id: 's1' }))).toEqual({ tools: [{ kind: 'web_search', count: 3 }], thinking: true });
  });
});

describe('Grok', () => {
  it('tool usage cards by id (web, X, code, MCP), generated images once each, and thinking tokens', () => {
    const line = (result: object) => `${JSON.stringify({ result })}\n`;
    const text = [
      line({ response: { token: 'Let me', isThinking: true, responseId: 'r1' } }),
      line({ response: { toolUsageCard: { toolUsageCardId: 'card-1', webSearch: { args: { query: 'x' } } }, responseId: 'r1' } }),
      line({ response: { toolUsageCard: { toolUsageCardId: 'card-1', webSearch: { args: { query: 'x' } } }, responseId: 'r1' } }),
      line({ response: { toolUsageCard: { toolUsageCardId: 'card-2', xSearch: { args: { query: 'y' } } }, responseId: 'r1' } }),
      line({ response: { toolUsageCard: { toolUsageCardId: 'card-3', codeExecution: { args: {} } }, responseId: 'r1' } }),
      line({ response: { toolUsageCard: { toolUsageCardId: 'card-4', mcp: { toolName: 'Linear___save', toolArgsJson: '{}' } }, responseId: 'r1' } }),
      line({ response: { modelResponse: { model: 'grok-4', generatedImageUrls: ['users/u/generated/1/image.jpg', 'users/u/generated/2/image.jpg'] } } }),
      line({ response: { modelResponse: { model: 'grok-4', generatedImageUrls: ['users/u/generated/1/image.jpg'] } } }),
    ].join('');
    expect(everyCut(grokStream, 'https://grok.com/rest/app-chat/conversations/new', text)).toEqual({
      tools: [{ kind: 'web_search', count: 1 }, { kind: 'x_search', count: 1 }, { kind: 'code_execution', count: 1 }, { kind: 'image_generation', count: 2 }, { kind: 'mcp', count: 1 }],
      thinking: true,
    });
  });
});

describe('the report the content script accepts', () => {
  const base = { kind: 'stream', site: 'claude', origin: 'https://claude.ai', conversationId: 'c1', startedAt: 1, endedAt: 2, problem: null, usage: null };
  const parse = (over: object) => parseReaderMessage(JSON.stringify({ ...base, ...over }), { site: 'claude', origin: 'https://claude.ai' });

  it('tool calls and thinking; a report from before them reads as none and false', () => {
    expect(parse({ tools: [{ kind: 'web_search', count: 2 }], thinking: true })).toMatchObject({ tools: [{ kind: 'web_search', count: 2 }], thinking: true });
    expect(parse({})).toMatchObject({ tools: [], thinking: false });
  });

  it('refuses an unknown kind, a zero or huge count, or a long list', () => {
    expect(parse({ tools: [{ kind: 'teleport', count: 1 }] })).toBeNull();
    expect(parse({ tools: [{ kind: 'web_search', count: 0 }] })).toBeNull();
    expect(parse({ tools: [{ kind: 'web_search', count: 1e9 }] })).toBeNull();
    expect(parse({ tools: Array.from({ length: 20 }, () => ({ kind: 'other', count: 1 })) })).toBeNull();
  });
});

describe('withSiteWork', () => {
  const record = { tools: [{ kind: 'web_search', count: 1 }], thinking: false } as unknown as TurnRecord;
  it('joins the stream\'s calls (larger count of each kind) and thinking; a report without work changes nothing', () => {
    expect(withSiteWork(record, { tools: [{ kind: 'web_search', count: 2 }, { kind: 'memory', count: 1 }], thinking: true })).toMatchObject({ tools: [{ kind: 'web_search', count: 2 }, { kind: 'memory', count: 1 }], thinking: true });
    expect(withSiteWork(record, { tools: [], thinking: false })).toBe(record);
  });
});
