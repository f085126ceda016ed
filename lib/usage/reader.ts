/**
 * The usage reader's logic, run in the page's own world by entrypoints/usage-reader.ts: install the
 * hooks for this site's streams and pass each outcome to the content script as a string in a
 * CustomEvent whose name carries the page's token. Nothing flows the other way.
 */
import { siteForUrl } from '../sites/hosts';
import { installHooks, type HookWindow } from './hooks';
import { streamSpecsFor } from './streams';
import { MAX_REPORT_CHARS, readerEventName, type ReaderMessage } from './wire';

export interface ReaderWindow extends HookWindow {
  location: { href: string; origin: string };
  dispatchEvent(event: Event): boolean;
}

export function startUsageReader(win: ReaderWindow, token: string): boolean {
  const site = siteForUrl(win.location.href);
  const specs = site ? streamSpecsFor(site) : [];
  if (!site || specs.length === 0) return false;
  // Taken now: the page may replace these globals later.
  const { dispatchEvent } = win;
  const EventCtor = CustomEvent;
  const stringify = JSON.stringify;
  const eventName = readerEventName(token);
  const origin = win.location.origin;
  const post = (message: ReaderMessage) => {
    const detail = stringify(message);
    if (detail.length <= MAX_REPORT_CHARS) dispatchEvent.call(win, new EventCtor(eventName, { detail }));
  };
  let failures = 0;
  installHooks(win, specs, {
    outcome(from, outcome, startedAt, endedAt) {
      try {
        // Limits first (a rate-limit answer carries nothing else), then the reply's own report.
        const limits = outcome.limits;
        if (limits) post({ kind: 'limits', site: from, origin, conversationId: outcome.conversationId, seenAt: endedAt, windows: limits.windows, fallback: limits.fallback });
        if (outcome.limitsOnly) return;
        post({ kind: 'stream', site: from, origin, conversationId: outcome.conversationId, startedAt, endedAt, problem: outcome.problem, usage: outcome.usage, tools: outcome.tools ?? [], thinking: outcome.thinking ?? false });
      } catch {
        // nothing may reach the page
      }
    },
    failed(error) {
      // Shown as a stream problem once; a hook that keeps failing is not reported on every request.
      if (++failures > 3) return;
      try {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
        const now = Date.now();
        post({ kind: 'stream', site, origin, conversationId: null, startedAt: now, endedAt: now, problem: `reader failed (${detail.slice(0, 120)})`, usage: null, tools: [], thinking: false });
      } catch {
        // nothing may reach the page
      }
    },
  });
  post({ kind: 'hello', site, origin });
  return true;
}
