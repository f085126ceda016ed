// @vitest-environment node
// The page-world hooks: the page gets exactly what it would get without them (the same promise
// object, the same body, the same errors, its own handlers unchanged), the reader gets a copy, and
// a failure inside a hook is reported, never thrown into the page.
import { describe, expect, it, vi } from 'vitest';
import { installHooks, type HookWindow, type ReaderSink } from '@/lib/usage/hooks';
import { claudeStream, copilotStream, geminiStream, type HttpStreamSpec } from '@/lib/usage/streams';

const CLAUDE_URL = 'https://claude.ai/api/organizations/org-1/chat_conversations/7f3e2a10-0000-4000-8000-000000000042/completion';
const SSE = [
  'event: message_start\ndata: {"type":"message_start","message":{"model":"claude-opus-4-5","usage":{"input_tokens":10,"output_tokens":1}}}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":7}}\n\n',
];

function streamedResponse(pieces: string[], init: ResponseInit = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' }, ...init });
}

function recordingSink() {
  const outcomes: Parameters<ReaderSink['outcome']>[] = [];
  const failures: unknown[] = [];
  let resolveNext: (() => void) | null = null;
  const sink: ReaderSink = {
    outcome: (...args) => {
      outcomes.push(args);
      resolveNext?.();
    },
    failed: (err) => failures.push(err),
  };
  const nextOutcome = () => new Promise<void>((ok) => (resolveNext = ok));
  return { sink, outcomes, failures, nextOutcome };
}

describe('fetch hook', () => {
  it('returns the very promise the page would have got, and the page reads the whole body', async () => {
    let returned: Promise<Response> | undefined;
    const original = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => (returned = Promise.resolve(streamedResponse(SSE))));
    const win: HookWindow = { fetch: original as unknown as typeof fetch, location: { href: 'https://claude.ai/chat/x' } };
    const { sink, outcomes, nextOutcome } = recordingSink();
    installHooks(win, [claudeStream], sink, () => 1000);
    const done = nextOutcome();
    const init = { method: 'POST', body: '{"prompt":"hi","model":"claude-opus-4-5"}' };
    const result = win.fetch!(CLAUDE_URL, init);
    expect(result).toBe(returned);
    expect(original).toHaveBeenCalledWith(CLAUDE_URL, init);
    const response = await result;
    expect(await response.text()).toBe(SSE.join(''));
    await done;
    expect(outcomes).toEqual([['claude', expect.objectContaining({ problem: null, usage: expect.objectContaining({ inputTokens: 10, outputTokens: 7 }) }), 1000, 1000]]);
  });

  it('leaves other requests alone: no copy, no outcome', async () => {
    const response = streamedResponse(['{"ok":true}']);
    const clone = vi.spyOn(response, 'clone');
    const win: HookWindow = { fetch: (async () => response) as unknown as typeof fetch, location: { href: 'https://claude.ai/' } };
    const { sink, outcomes } = recordingSink();
    installHooks(win, [claudeStream], sink);
    expect(await (await win.fetch!('/api/organizations/org-1/usage')).json()).toEqual({ ok: true });
    expect(clone).not.toHaveBeenCalled();
    expect(outcomes).toEqual([]);
  });

  it('passes errors through unchanged: a synchronous throw and a rejection', async () => {
    const error = new TypeError('Failed to fetch');
    const throwing: HookWindow = { fetch: (() => { throw error; }) as unknown as typeof fetch, location: { href: 'https://claude.ai/' } };
    installHooks(throwing, [claudeStream], recordingSink().sink);
    expect(() => throwing.fetch!(CLAUDE_URL, { method: 'POST' })).toThrow(error);
    const rejecting: HookWindow = { fetch: (() => Promise.reject(error)) as unknown as typeof fetch, location: { href: 'https://claude.ai/' } };
    const { sink, outcomes, failures } = recordingSink();
    installHooks(rejecting, [claudeStream], sink);
    await expect(rejecting.fetch!(CLAUDE_URL, { method: 'POST' })).rejects.toBe(error);
    expect(outcomes).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('reads a Request body from a copy, so the page still sends it', async () => {
    let sentBody = '';
    const win: HookWindow = {
      fetch: (async (input: Request) => {
        sentBody = await input.text();
        return streamedResponse(['event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":1,"output_tokens":1}}}\n\n']);
      }) as unknown as typeof fetch,
      location: { href: 'https://claude.ai/' },
    };
    const { sink, outcomes, nextOutcome } = recordingSink();
    installHooks(win, [claudeStream], sink);
    const done = nextOutcome();
    const response = await win.fetch!(new Request(CLAUDE_URL, { method: 'POST', body: '{"model":"claude-opus-4-5"}' }));
    await response.text();
    await done;
    expect(sentBody).toBe('{"model":"claude-opus-4-5"}');
    expect(outcomes[0]![1].usage?.model).toBe('claude-opus-4-5');
  });

  it('reports a failing parser to the sink; the page is not affected', async () => {
    const broken: HttpStreamSpec = { ...claudeStream, start: () => { throw new Error('parser exploded'); } };
    const win: HookWindow = { fetch: (async () => streamedResponse(SSE)) as unknown as typeof fetch, location: { href: 'https://claude.ai/' } };
    const { sink, failures } = recordingSink();
    installHooks(win, [broken], sink);
    const response = await win.fetch!(CLAUDE_URL, { method: 'POST', body: '{}' });
    expect(await response.text()).toBe(SSE.join(''));
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    expect(String(failures[0])).toContain('parser exploded');
  });

  it('ignores error responses (no body to read as a reply)', async () => {
    const win: HookWindow = { fetch: (async () => streamedResponse(['{"error":"rate limited"}'], { status: 429 })) as unknown as typeof fetch, location: { href: 'https://claude.ai/' } };
    const { sink, outcomes } = recordingSink();
    installHooks(win, [claudeStream], sink);
    expect((await win.fetch!(CLAUDE_URL, { method: 'POST' })).status).toBe(429);
    await new Promise((r) => setTimeout(r, 10));
    expect(outcomes).toEqual([]);
  });
});

/** Just enough of XMLHttpRequest to drive the hook: the page's calls, progress and loadend. */
class FakeXhr extends EventTarget {
  static sent: FakeXhr[] = [];
  readyState = 0;
  status = 0;
  responseType: XMLHttpRequestResponseType = '';
  responseText = '';
  headers: [string, string][] = [];
  onreadystatechange: (() => void) | null = null;
  open(_method: string, _url: string) {
    this.readyState = 1;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.push([name, value]);
  }
  send(_body?: unknown) {
    FakeXhr.sent.push(this);
  }
  /** The server sends a piece. */
  receive(text: string) {
    this.status = 200;
    this.readyState = 3;
    this.responseText += text;
    this.onreadystatechange?.();
    this.dispatchEvent(new Event('progress'));
  }
  finish() {
    this.readyState = 4;
    this.onreadystatechange?.();
    this.dispatchEvent(new Event('loadend'));
  }
}

describe('XMLHttpRequest hook', () => {
  it("reads the stream as it arrives, with the request's model header; the page's own calls go through unchanged", () => {
    FakeXhr.sent = [];
    const win: HookWindow = { XMLHttpRequest: FakeXhr as unknown as typeof XMLHttpRequest, location: { href: 'https://gemini.google.com/app' } };
    const { sink, outcomes } = recordingSink();
    installHooks(win, [geminiStream], sink, () => 5);
    const xhr = new win.XMLHttpRequest!() as unknown as FakeXhr;
    const seen: string[] = [];
    xhr.onreadystatechange = () => seen.push(`${xhr.readyState}:${xhr.responseText.length}`);
    xhr.open('POST', '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?rt=c');
    xhr.setRequestHeader('X-Goog-Ext-525001261-Jspb', '[1,null,null,null,"fbb127bbb056c959"]');
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    xhr.send('f.req=%5B%5D&at=x');
    expect(FakeXhr.sent).toEqual([xhr]);
    expect(xhr.headers).toEqual([['X-Goog-Ext-525001261-Jspb', '[1,null,null,null,"fbb127bbb056c959"]'], ['Content-Type', 'application/x-www-form-urlencoded']]);
    const line = JSON.stringify([['wrb.fr', null, JSON.stringify([null, { usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 5, thoughtsTokenCount: 2 } }])]]);
    const text = `)]}'\n\n${line.length}\n${line}\n`;
    xhr.receive(text.slice(0, 20));
    xhr.receive(text.slice(20));
    xhr.finish();
    expect(seen).toEqual(['3:20', `3:${text.length}`, `4:${text.length}`]);
    expect(outcomes).toEqual([['gemini', { conversationId: null, problem: null, usage: expect.objectContaining({ model: 'google/gemini-3.8-flash', inputTokens: 30, outputTokens: 5, reasoningTokens: 2 }), thinking: false }, 5, 5]]);
  });

  it('does not read responses of other requests, nor failed ones', () => {
    const win: HookWindow = { XMLHttpRequest: FakeXhr as unknown as typeof XMLHttpRequest, location: { href: 'https://gemini.google.com/app' } };
    const { sink, outcomes } = recordingSink();
    installHooks(win, [geminiStream], sink);
    const other = new win.XMLHttpRequest!() as unknown as FakeXhr;
    other.open('POST', '/_/BardChatUi/data/batchexecute');
    other.send('x');
    other.receive('[]');
    other.finish();
    const failed = new win.XMLHttpRequest!() as unknown as FakeXhr;
    failed.open('POST', '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate');
    failed.send('x');
    failed.status = 500;
    failed.finish();
    expect(outcomes).toEqual([]);
  });
});

/** A WebSocket stand-in: a URL, send, and message events. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  sent: unknown[] = [];
  constructor(readonly url: string, readonly protocols?: string | string[]) {
    super();
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  serverSays(data: string) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

describe('WebSocket hook', () => {
  it('keeps the constructor, its constants and instanceof; watches frames of the chat socket only', () => {
    const win: HookWindow = { WebSocket: FakeSocket as unknown as typeof WebSocket, location: { href: 'https://copilot.microsoft.com/' } };
    const { sink, outcomes } = recordingSink();
    let clock = 100;
    installHooks(win, [copilotStream], sink, () => clock);
    const Hooked = win.WebSocket!;
    expect(Hooked).not.toBe(FakeSocket);
    expect(Hooked.OPEN).toBe(1);
    const socket = new Hooked('wss://copilot.microsoft.com/c/api/chat?api-version=2', ['v1']) as unknown as FakeSocket;
    expect(socket).toBeInstanceOf(FakeSocket);
    expect(socket).toBeInstanceOf(Hooked);
    expect(socket.protocols).toEqual(['v1']);
    expect(() => (Hooked as unknown as (url: string) => unknown)('wss://x')).toThrow(TypeError);
    clock = 200;
    socket.send(JSON.stringify({ event: 'send', conversationId: 'c1', content: [] }));
    expect(socket.sent).toHaveLength(1);
    clock = 900;
    socket.serverSays('{"event":"appendText","text":"hi"}');
    socket.serverSays('{"event":"done"}');
    expect(outcomes).toEqual([['copilot', { conversationId: 'c1', problem: null, usage: null }, 200, 900]]);
    const other = new Hooked('wss://copilot.microsoft.com/other') as unknown as FakeSocket;
    other.serverSays('{"event":"done"}');
    expect(outcomes).toHaveLength(1);
  });
});
