/**
 * Observing the page's own traffic from its own (MAIN) world, without changing it: `fetch` is
 * wrapped by a plain function that returns the very promise the original returned (an async wrapper
 * would hand Angular's zone.js a foreign promise), a `clone()` of a matched response is read on the
 * side, XMLHttpRequest and WebSocket get extra listeners. Requests are never blocked, delayed or
 * altered; anything that goes wrong in here is caught and reported to `sink.failed`, never thrown.
 */
import type { HttpStreamSpec, SocketStreamSpec, StreamOutcome, StreamSpec } from './streams';

export interface ReaderSink {
  outcome(site: StreamSpec['site'], outcome: StreamOutcome, startedAt: number, endedAt: number): void;
  failed(error: unknown): void;
}

/** The parts of a window the hooks replace or use. */
export interface HookWindow {
  fetch?: typeof fetch;
  XMLHttpRequest?: typeof XMLHttpRequest;
  WebSocket?: typeof WebSocket;
  location: { href: string };
}

/** A stream longer than this is not a chat reply; reading it stops (the page's copy is untouched). */
export const MAX_STREAM_CHARS = 16 * 1024 * 1024;

export function installHooks(win: HookWindow, specs: readonly StreamSpec[], sink: ReaderSink, now: () => number = Date.now): void {
  const http = specs.filter((s): s is HttpStreamSpec => s.transport !== 'websocket');
  const sockets = specs.filter((s): s is SocketStreamSpec => s.transport === 'websocket');
  if (http.some((s) => s.transport === 'fetch')) hookFetch(win, http.filter((s) => s.transport === 'fetch'), sink, now);
  if (http.some((s) => s.transport === 'xhr')) hookXhr(win, http.filter((s) => s.transport === 'xhr'), sink, now);
  if (sockets.length > 0) hookWebSocket(win, sockets, sink, now);
}

function urlOf(raw: string, base: string): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

function textBody(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return body.toString();
  return null;
}

function headerOf(headers: HeadersInit | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.find(([k]) => k.toLowerCase() === name)?.[1];
}

// ---- fetch --------------------------------------------------------------------------------------

interface PendingFetch {
  spec: HttpStreamSpec;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Promise<string | null>;
  startedAt: number;
}

function describeFetch(input: unknown, init: RequestInit | undefined, specs: readonly HttpStreamSpec[], base: string, now: number): PendingFetch | null {
  const request = typeof Request !== 'undefined' && input instanceof Request ? input : null;
  const url = urlOf(request ? request.url : String(input), base);
  if (!url) return null;
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const spec = specs.find((s) => s.matches(method, url));
  if (!spec) return null;
  const headers: Record<string, string> = {};
  for (const name of spec.headers ?? []) {
    const value = headerOf(init?.headers, name) ?? request?.headers.get(name) ?? undefined;
    if (value !== undefined) headers[name] = value;
  }
  // A Request's body is read from a copy made before the page's fetch consumes it.
  const body = init?.body !== undefined && init.body !== null ? Promise.resolve(textBody(init.body)) : request ? request.clone().text().catch(() => null) : Promise.resolve(null);
  return { spec, url, method, headers, body, startedAt: now };
}

function hookFetch(win: HookWindow, specs: readonly HttpStreamSpec[], sink: ReaderSink, now: () => number): void {
  const original = win.fetch;
  if (typeof original !== 'function') return;
  const wrapped = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let pending: PendingFetch | null = null;
    try {
      pending = describeFetch(input, init, specs, win.location.href, now());
    } catch (err) {
      sink.failed(err);
    }
    // eslint-disable-next-line prefer-rest-params -- the page's arguments, passed on exactly
    const result = original.apply(this, arguments as unknown as Parameters<typeof fetch>);
    if (pending) {
      const seen = pending;
      try {
        // Registered before the page can register anything on this promise, so the copy is made
        // before the page starts reading the body.
        result.then(
          (response) => {
            try {
              readResponse(response, seen, sink, now);
            } catch (err) {
              sink.failed(err);
            }
          },
          () => undefined,
        );
      } catch (err) {
        sink.failed(err);
      }
    }
    return result;
  };
  win.fetch = wrapped as typeof fetch;
}

function readResponse(response: Response, pending: PendingFetch, sink: ReaderSink, now: () => number): void {
  if (!response.ok || !response.body) return;
  const copy = response.clone();
  void (async () => {
    const body = await pending.body;
    const parser = pending.spec.start({ method: pending.method, url: pending.url, headers: pending.headers, body });
    const reader = copy.body!.getReader();
    const decoder = new TextDecoder();
    let chars = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      chars += text.length;
      if (chars > MAX_STREAM_CHARS) {
        await reader.cancel();
        return;
      }
      parser.push(text);
    }
    parser.push(decoder.decode());
    sink.outcome(pending.spec.site, parser.finish(), pending.startedAt, now());
  })().catch((err: unknown) => {
    // An aborted request (the user pressed stop) errors the copy too: nothing to report.
    if (!(err instanceof Error && err.name === 'AbortError')) sink.failed(err);
  });
}

// ---- XMLHttpRequest -------------------------------------------------------------------------------

function hookXhr(win: HookWindow, specs: readonly HttpStreamSpec[], sink: ReaderSink, now: () => number): void {
  const Xhr = win.XMLHttpRequest;
  if (typeof Xhr !== 'function') return;
  const proto = Xhr.prototype;
  const { open, send, setRequestHeader } = proto;
  const wanted = new Set(specs.flatMap((s) => s.headers ?? []));
  const requests = new WeakMap<XMLHttpRequest, { method: string; url: string; headers: Record<string, string> }>();

  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
    try {
      requests.set(this, { method: String(method).toUpperCase(), url: String(url), headers: {} });
    } catch (err) {
      sink.failed(err);
    }
    // eslint-disable-next-line prefer-rest-params
    return open.apply(this, arguments as unknown as Parameters<typeof open>);
  } as typeof open;

  proto.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    try {
      const request = requests.get(this);
      const key = String(name).toLowerCase();
      if (request && wanted.has(key)) request.headers[key] = String(value);
    } catch (err) {
      sink.failed(err);
    }
    // eslint-disable-next-line prefer-rest-params
    return setRequestHeader.apply(this, arguments as unknown as Parameters<typeof setRequestHeader>);
  };

  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    try {
      watchXhr(this, requests.get(this), body, specs, win.location.href, sink, now);
    } catch (err) {
      sink.failed(err);
    }
    // eslint-disable-next-line prefer-rest-params
    return send.apply(this, arguments as unknown as Parameters<typeof send>);
  };
}

function watchXhr(
  xhr: XMLHttpRequest,
  request: { method: string; url: string; headers: Record<string, string> } | undefined,
  body: unknown,
  specs: readonly HttpStreamSpec[],
  base: string,
  sink: ReaderSink,
  now: () => number,
): void {
  if (!request) return;
  const url = urlOf(request.url, base);
  const spec = url && specs.find((s) => s.matches(request.method, url));
  if (!url || !spec) return;
  const parser = spec.start({ method: request.method, url, headers: request.headers, body: textBody(body) });
  const startedAt = now();
  let offset = 0;
  let stopped = false;
  // Only what arrived since the last look is handed on; responseText is read, never changed.
  const pump = () => {
    if (stopped || (xhr.responseType !== '' && xhr.responseType !== 'text')) return;
    const text = xhr.responseText;
    if (text.length > MAX_STREAM_CHARS) stopped = true;
    else if (text.length > offset) parser.push(text.slice(offset));
    offset = text.length;
  };
  const onProgress = () => {
    try {
      pump();
    } catch (err) {
      sink.failed(err);
    }
  };
  const onEnd = () => {
    xhr.removeEventListener('progress', onProgress);
    xhr.removeEventListener('loadend', onEnd);
    try {
      if (xhr.status < 200 || xhr.status >= 300 || xhr.readyState !== 4) return;
      pump();
      if (!stopped) sink.outcome(spec.site, parser.finish(), startedAt, now());
    } catch (err) {
      sink.failed(err);
    }
  };
  xhr.addEventListener('progress', onProgress);
  xhr.addEventListener('loadend', onEnd);
}

// ---- WebSocket ------------------------------------------------------------------------------------

function hookWebSocket(win: HookWindow, specs: readonly SocketStreamSpec[], sink: ReaderSink, now: () => number): void {
  const Native = win.WebSocket;
  if (typeof Native !== 'function') return;
  const watched = new WeakMap<WebSocket, { site: SocketStreamSpec['site']; watcher: ReturnType<SocketStreamSpec['start']>; sentAt: number }>();

  const watch = (socket: WebSocket) => {
    const url = urlOf(socket.url, win.location.href);
    const spec = url && specs.find((s) => s.matches(url));
    if (!url || !spec) return;
    const entry = { site: spec.site, watcher: spec.start(url), sentAt: now() };
    watched.set(socket, entry);
    socket.addEventListener('message', (event: MessageEvent) => {
      try {
        if (typeof event.data !== 'string' || event.data.length > MAX_STREAM_CHARS) return;
        const outcome = entry.watcher.frame(event.data);
        if (outcome) sink.outcome(entry.site, outcome, entry.sentAt, Math.max(now(), entry.sentAt));
      } catch (err) {
        sink.failed(err);
      }
    });
  };

  // A constructor that builds the native socket (subclasses keep working through new.target).
  const Hooked = function WebSocket(this: unknown, ...args: unknown[]) {
    if (!new.target) return (Native as unknown as (...a: unknown[]) => unknown)(...args); // throws, as the native one does
    const socket = Reflect.construct(Native, args, new.target) as WebSocket;
    try {
      watch(socket);
    } catch (err) {
      sink.failed(err);
    }
    return socket;
  } as unknown as typeof WebSocket;
  Object.setPrototypeOf(Hooked, Native); // the static CONNECTING, OPEN, … constants
  (Hooked as { prototype: WebSocket }).prototype = Native.prototype;

  const send = Native.prototype.send;
  Native.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    try {
      const entry = watched.get(this);
      if (entry && typeof data === 'string' && entry.watcher.sent(data)) entry.sentAt = now();
    } catch (err) {
      sink.failed(err);
    }
    // eslint-disable-next-line prefer-rest-params
    return send.apply(this, arguments as unknown as Parameters<typeof send>);
  };
  win.WebSocket = Hooked;
}
