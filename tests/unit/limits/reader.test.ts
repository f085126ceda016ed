// @vitest-environment node
// The usage reader with limits, through the real hooks: Grok's own rate-limit answer becomes one
// `limits` message and no stream report; Claude's completion stream gives its stream report and a
// `limits` message; both pass the content script's checks. The page gets its response unchanged.
import { describe, expect, it } from 'vitest';
import { startUsageReader, type ReaderWindow } from '@/lib/usage/reader';
import { parseReaderMessage } from '@/lib/usage/report';

function pageWindow(href: string, respond: (url: string) => Response) {
  const events: string[] = [];
  const win = {
    location: { href, origin: new URL(href).origin },
    fetch: (async (input: RequestInfo | URL) => respond(String(input))) as typeof fetch,
    dispatchEvent(event: Event) {
      events.push((event as CustomEvent<string>).detail);
      return true;
    },
  } satisfies ReaderWindow;
  return { win, events };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('the usage reader and limits', () => {
  it("Grok's rate-limit answer: one limits message, no stream report", async () => {
    const answer = JSON.stringify({ windowSizeSeconds: 7200, remainingQueries: 12, totalQueries: 48 });
    const { win, events } = pageWindow('https://grok.com/', () => new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } }));
    expect(startUsageReader(win, 'tok')).toBe(true);
    const response = await win.fetch('https://grok.com/rest/rate-limits', { method: 'POST', body: JSON.stringify({ requestKind: 'DEFAULT', modelName: 'grok-4' }) });
    expect(await response.text()).toBe(answer);
    await until(() => events.length >= 2);
    const messages = events.map((e) => parseReaderMessage(e, { site: 'grok', origin: 'https://grok.com' }));
    expect(messages.map((m) => m?.kind)).toEqual(['hello', 'limits']);
    expect(messages[1]).toMatchObject({ windows: [{ window: 'grok-4', used: 0.75, remaining: 12, total: 48, windowSeconds: 7200, resetsAt: null }], fallback: null });
  });

  it("Claude's completion stream: the limits message and the stream report", async () => {
    const resets = Math.floor(Date.now() / 1000) + 3600;
    const sse = [
      'event: message_start\ndata: {"type":"message_start","message":{"model":"","usage":null}}\n\n',
      `event: message_limit\ndata: {"type":"message_limit","message_limit":{"type":"within_limit","windows":{"5h":{"status":"within_limit","resets_at":${resets},"utilization":0.25}}}}\n\n`,
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ].join('');
    const { win, events } = pageWindow('https://claude.ai/chat/x', () => new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
    startUsageReader(win, 'tok');
    await (await win.fetch('https://claude.ai/api/organizations/o/chat_conversations/7f3e2a10-0000-4000-8000-000000000042/completion', { method: 'POST', body: '{"prompt":"hi"}' })).text();
    await until(() => events.length >= 3);
    const messages = events.map((e) => parseReaderMessage(e, { site: 'claude', origin: 'https://claude.ai' }));
    expect(messages.map((m) => m?.kind)).toEqual(['hello', 'limits', 'stream']);
    expect(messages[1]).toMatchObject({ conversationId: '7f3e2a10-0000-4000-8000-000000000042', windows: [{ window: '5h', used: 0.25, resetsAt: resets * 1000, windowSeconds: 18000 }] });
  });
});
