/**
 * The content script's end of the usage reader: inject the reader into the page's world with a
 * fresh random token, and listen for its reports under that token. Every report is checked
 * (report.ts) and a bad one is dropped; reports that arrive before the tracker listens are kept.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { injectScript } from 'wxt/utils/inject-script';
import type { SiteId } from '../sites/hosts';
import { parseReaderMessage } from './report';
import { readerEventName, TOKEN_ATTRIBUTE, type LimitReport, type StreamReport } from './wire';

export type ReaderState = 'starting' | 'running' | 'failed';

export interface UsageBridge {
  /** Stream reports, the ones already received first; returns a function that stops listening. */
  onReport(listener: (report: StreamReport) => void): () => void;
  /** Limit reports (lib/limits), the ones already received first; returns a function that stops listening. */
  onLimits(listener: (report: LimitReport) => void): () => void;
  state(): ReaderState;
  /** Messages dropped as forged or malformed (tests read it). */
  dropped(): number;
}

/** Reports kept while nobody listens yet (the page loads before the tracker starts). */
const BACKLOG_LIMIT = 20;

export function startUsageBridge(ctx: ContentScriptContext, site: SiteId, inject = injectReader): UsageBridge {
  const token = crypto.randomUUID();
  let state: ReaderState = 'starting';
  let dropped = 0;
  const backlog: StreamReport[] = [];
  const listeners = new Set<(report: StreamReport) => void>();
  const limitBacklog: LimitReport[] = [];
  const limitListeners = new Set<(report: LimitReport) => void>();

  ctx.addEventListener(window, readerEventName(token) as 'message', (event: Event) => {
    const message = parseReaderMessage((event as CustomEvent<unknown>).detail, { site, origin: location.origin });
    if (!message) {
      dropped++;
      return;
    }
    if (message.kind === 'hello') {
      state = 'running';
      return;
    }
    if (message.kind === 'limits') {
      if (limitListeners.size === 0) {
        limitBacklog.push(message);
        if (limitBacklog.length > BACKLOG_LIMIT) limitBacklog.shift();
      }
      for (const listener of limitListeners) listener(message);
      return;
    }
    if (listeners.size === 0) {
      backlog.push(message);
      if (backlog.length > BACKLOG_LIMIT) backlog.shift();
    }
    for (const listener of listeners) listener(message);
  });
  inject(token).catch(() => {
    state = 'failed';
  });

  return {
    onReport(listener) {
      listeners.add(listener);
      for (const report of backlog.splice(0)) listener(report);
      return () => listeners.delete(listener);
    },
    onLimits(listener) {
      limitListeners.add(listener);
      for (const report of limitBacklog.splice(0)) listener(report);
      return () => limitListeners.delete(listener);
    },
    state: () => state,
    dropped: () => dropped,
  };
}

async function injectReader(token: string): Promise<void> {
  await injectScript('/usage-reader.js', { modifyScript: (script) => script.setAttribute(TOKEN_ATTRIBUTE, token) });
}
