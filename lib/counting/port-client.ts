/**
 * The content script's short way to the counter on Chrome: one long-lived `runtime.connect` port
 * to the offscreen document, which owns the counting worker and answers on it directly, so a
 * keystroke's count skips the service worker (two message hops each way instead of three; see
 * README "Design notes"). Only the service worker creates the document, so whenever the port is
 * not there (no document yet, the document was closed, the extension reloaded) requests go the
 * long way (`fallback`: runtime.sendMessage to the service worker, which creates the document),
 * including those that were in flight on a port that closed. A port that closed without ever
 * answering (no document listening) is tried again after a delay that doubles up to a minute.
 */
import type { Browser, browser } from 'wxt/browser';
import { COUNT_PORT, type CountMessage, type PortCountMessage } from '../messaging/protocol';

type Port = Pick<Browser.runtime.Port, 'postMessage' | 'disconnect' | 'onMessage' | 'onDisconnect'>;
type Send = (message: CountMessage) => Promise<unknown>;

/** The first wait after a port that never answered; doubled each time up to PORT_RETRY_MAX_MS. */
export const PORT_RETRY_MS = 1_000;
export const PORT_RETRY_MAX_MS = 60_000;

export class PortCountClient {
  private port: Port | null = null;
  private answered = false;
  private nextId = 1;
  private readonly pending = new Map<number, { message: CountMessage; resolve: (reply: unknown) => void }>();
  private retryAt = 0;
  private retryMs = PORT_RETRY_MS;
  private closed = false;
  /** Requests answered on the port and the long way (tests and the benchmark). */
  readonly sent = { port: 0, fallback: 0 };

  constructor(
    private readonly connect: () => Port,
    private readonly fallback: Send,
    private readonly now: () => number = () => Date.now(),
    /** Reads `runtime.lastError` when a port closes (Chrome logs an unread one as an error). */
    private readonly readLastError: () => void = () => undefined,
  ) {}

  send(message: CountMessage): Promise<unknown> {
    const port = this.open();
    if (!port) return this.goLongWay(message);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { message, resolve });
      try {
        port.postMessage({ id, request: message } satisfies PortCountMessage);
      } catch {
        this.lost(port);
      }
    });
  }

  /** Closes the port for good (the content script's context is gone); later requests go the long way. */
  close(): void {
    this.closed = true;
    const port = this.port;
    if (!port) return;
    this.lost(port);
    try {
      port.disconnect();
    } catch {
      // already gone
    }
  }

  private goLongWay(message: CountMessage): Promise<unknown> {
    this.sent.fallback++;
    return this.fallback(message);
  }

  private open(): Port | null {
    if (this.port) return this.port;
    if (this.closed || this.now() < this.retryAt) return null;
    let port: Port;
    try {
      port = this.connect();
    } catch {
      this.backOff();
      return null;
    }
    this.port = port;
    this.answered = false;
    port.onMessage.addListener((raw: unknown) => this.answer(port, raw));
    port.onDisconnect.addListener(() => {
      this.readLastError();
      this.lost(port);
    });
    return port;
  }

  private answer(port: Port, raw: unknown): void {
    const { id, reply } = (raw ?? {}) as { id?: unknown; reply?: unknown };
    const entry = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (port !== this.port || !entry) return;
    this.pending.delete(id as number);
    this.answered = true;
    this.retryMs = PORT_RETRY_MS;
    this.sent.port++;
    entry.resolve(reply);
  }

  /** The port closed: what was in flight on it goes the long way. */
  private lost(port: Port): void {
    if (port !== this.port) return;
    this.port = null;
    // A port that answered was closed with its document: the next request may try a new one (the
    // long way below recreates the document). One that never answered had nobody listening.
    if (this.answered) this.retryAt = 0;
    else this.backOff();
    const inFlight = [...this.pending.values()];
    this.pending.clear();
    for (const { message, resolve } of inFlight) resolve(this.goLongWay(message));
  }

  private backOff(): void {
    this.retryAt = this.now() + this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, PORT_RETRY_MAX_MS);
  }
}

/** The content script's count transport on Chrome: the port, closed with the script's context. */
export function countOverPort(ctx: { onInvalidated(cb: () => void): void }, runtime: Pick<typeof browser.runtime, 'connect' | 'lastError'>, fallback: Send): Send {
  const client = new PortCountClient(() => runtime.connect({ name: COUNT_PORT }), fallback, Date.now, () => void runtime.lastError);
  ctx.onInvalidated(() => client.close());
  return (message) => client.send(message);
}
