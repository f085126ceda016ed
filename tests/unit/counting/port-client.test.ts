// The short way to the counter (Chrome): counts go over one port to the offscreen document, which
// answers on it; when the port is not there or closes, requests (also those in flight) go the long
// way through the service worker, and a port nobody answers is tried again later, less often. The
// offscreen side answers only content scripts on the chat sites and extension pages, and answers a
// malformed request with an error.
import { describe, expect, it, vi } from 'vitest';
import { PORT_RETRY_MS, PortCountClient } from '@/lib/counting/port-client';
import { servePort } from '@/lib/counting/offscreen-server';
import { COUNT_PORT, type CountMessage } from '@/lib/messaging/protocol';

type Listener = (...args: unknown[]) => void;

/** One end of a port: what is posted on it, and its other end's events. */
function fakePort(name = COUNT_PORT, sender?: object) {
  const messages: Listener[] = [];
  const disconnects: Listener[] = [];
  const port = {
    name,
    sender,
    posted: [] as unknown[],
    disconnected: false,
    postMessage: vi.fn((m: unknown) => {
      if (port.disconnected) throw new Error('Attempting to use a disconnected port object');
      port.posted.push(m);
    }),
    disconnect: vi.fn(() => (port.disconnected = true)),
    onMessage: { addListener: (l: Listener) => messages.push(l) },
    onDisconnect: { addListener: (l: Listener) => disconnects.push(l) },
    /** The other end answers. */
    receive: (m: unknown) => messages.forEach((l) => l(m, port)),
    /** The other end went away. */
    close: () => {
      port.disconnected = true;
      disconnects.forEach((l) => l(port));
    },
  };
  return port;
}

const request = (text: string): CountMessage => ({ kind: 'count', session: 's', text, version: 1, encoding: 'o200k_base' });
const ok = { status: 'ok', encoding: 'o200k_base', tokens: 1, byCategory: { prose: 1, code: 0, cjk: 0 } };

function client() {
  let now = 0;
  const ports: ReturnType<typeof fakePort>[] = [];
  const fallback = vi.fn(async (_m: CountMessage) => ({ ...ok, via: 'service worker' }));
  const c = new PortCountClient(() => {
    const p = fakePort();
    ports.push(p);
    return p as never;
  }, fallback, () => now);
  return { c, ports, fallback, advance: (ms: number) => (now += ms) };
}

describe('PortCountClient', () => {
  it('sends counts over one port and resolves each with its own answer', async () => {
    const { c, ports, fallback } = client();
    const first = c.send(request('a'));
    const second = c.send(request('b'));
    expect(ports).toHaveLength(1);
    const [m1, m2] = ports[0]!.posted as { id: number; request: CountMessage }[];
    expect(m1!.request.text).toBe('a');
    ports[0]!.receive({ id: m2!.id, reply: { ...ok, tokens: 2 } });
    ports[0]!.receive({ id: m1!.id, reply: ok });
    await expect(first).resolves.toEqual(ok);
    await expect(second).resolves.toMatchObject({ tokens: 2 });
    expect(fallback).not.toHaveBeenCalled();
    expect(c.sent).toEqual({ port: 2, fallback: 0 });
  });

  it('sends what was in flight the long way when the port closes, and opens a new port for the next count', async () => {
    const { c, ports, fallback } = client();
    const answered = c.send(request('a'));
    ports[0]!.receive({ id: (ports[0]!.posted[0] as { id: number }).id, reply: ok });
    await answered;
    const inFlight = c.send(request('b'));
    ports[0]!.close(); // the offscreen document was closed
    await expect(inFlight).resolves.toMatchObject({ via: 'service worker' });
    expect(fallback).toHaveBeenCalledWith(request('b'));
    void c.send(request('c'));
    expect(ports).toHaveLength(2);
  });

  it('goes the long way while nobody answers a port, trying a new one later and later', async () => {
    const { c, ports, fallback, advance } = client();
    const first = c.send(request('a'));
    ports[0]!.close(); // no offscreen document yet: nobody listens
    await expect(first).resolves.toMatchObject({ via: 'service worker' });
    await c.send(request('b'));
    expect(ports).toHaveLength(1);
    expect(fallback).toHaveBeenCalledTimes(2);
    advance(PORT_RETRY_MS);
    void c.send(request('c'));
    expect(ports).toHaveLength(2);
    ports[1]!.close();
    advance(PORT_RETRY_MS);
    await c.send(request('d'));
    expect(ports).toHaveLength(2); // the second wait is twice as long
    advance(PORT_RETRY_MS);
    void c.send(request('e'));
    expect(ports).toHaveLength(3);
  });

  it('goes the long way once closed (the content script was invalidated)', async () => {
    const { c, ports, fallback } = client();
    const inFlight = c.send(request('a'));
    c.close();
    expect(ports[0]!.disconnect).toHaveBeenCalled();
    await expect(inFlight).resolves.toMatchObject({ via: 'service worker' });
    await c.send(request('b'));
    expect(ports).toHaveLength(1);
    expect(fallback).toHaveBeenCalledTimes(2);
  });
});

describe('servePort (the offscreen document)', () => {
  const ID = 'spendmeter-test-id';
  const api = { runtime: { id: ID, getURL: (p: string) => `chrome-extension://${ID}${p}` } } as never;
  const host = () => ({ count: vi.fn(async () => ({ id: 7, ...ok })) });
  const chatTab = { id: ID, url: 'https://chatgpt.com/c/1', origin: 'https://chatgpt.com', tab: { id: 1 } };

  it('answers a content script on a chat site, on its port, with the id it asked under', async () => {
    const h = host();
    const port = fakePort(COUNT_PORT, chatTab);
    servePort(api, h as never, port as never);
    port.receive({ id: 3, request: request('hello') });
    await vi.waitFor(() => expect(port.posted).toEqual([{ id: 3, reply: ok }]));
    expect(h.count).toHaveBeenCalledWith(expect.objectContaining({ session: 's', text: 'hello', version: 1, encoding: 'o200k_base' }));
  });

  it.each([
    ['a page of another site', { ...chatTab, url: 'https://evil.example/', origin: 'https://evil.example' }],
    ['another extension', { ...chatTab, id: 'other' }],
  ])('closes a port from %s unanswered', (_name, sender) => {
    const h = host();
    const port = fakePort(COUNT_PORT, sender);
    servePort(api, h as never, port as never);
    expect(port.disconnect).toHaveBeenCalled();
  });

  it('leaves ports of other names alone, and answers a malformed request with an error, counting nothing', async () => {
    const h = host();
    const other = fakePort('something-else', chatTab);
    servePort(api, h as never, other as never);
    expect(other.disconnect).not.toHaveBeenCalled();
    const port = fakePort(COUNT_PORT, chatTab);
    servePort(api, h as never, port as never);
    port.receive({ id: 4, request: { kind: 'count', session: 's', encoding: 'o200k_base' } });
    expect(port.posted).toEqual([{ id: 4, reply: { status: 'error', message: expect.stringContaining('malformed message') } }]);
    expect(h.count).not.toHaveBeenCalled();
  });
});
