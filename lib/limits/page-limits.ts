/**
 * The content script's side of usage limits: pass each limit report of the usage reader on to the
 * background (one zod-checked `limits` message), and give the pill its line from the stored readings
 * (lib/limits/store, written by the background) and this page's smaller-model note. Everything is
 * tied to `ctx`; nothing is sent for a site switched off.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { LimitsMessage } from '../messaging/protocol';
import { loadSettings, siteSettings, watchSettings, type Settings } from '../settings';
import type { SiteId } from '../sites/hosts';
import type { UsageBridge } from '../usage/bridge';
import type { LimitReport } from '../usage/wire';
import { FALLBACK_TEXT, limitLevel, limitLine, mostPressing, usedShare, type LimitBook, type LimitLevel } from './state';
import { limitBookItem } from './store';

/** What the pill shows about limits. */
export interface PillLimit {
  /** "5-hour limit 86% · resets 14:20", or null when no window is known. */
  text: string | null;
  level: LimitLevel;
  /** The most pressing window's share used (0–1), or null when none. */
  used: number | null;
  /** "ChatGPT switched this chat to a smaller model (message cap)", or null. */
  fallback: string | null;
}

export interface PageLimits {
  /** The pill's limit view for the conversation shown, or null when there is nothing to say. */
  view(conversationId: string | null, now?: number): PillLimit | null;
  /** Called when what `view` returns may have changed; returns a remover. */
  onChange(listener: () => void): () => void;
}

export async function startPageLimits(ctx: ContentScriptContext, site: SiteId, bridge: UsageBridge, send: (m: LimitsMessage) => Promise<unknown>): Promise<PageLimits> {
  let settings: Settings = await loadSettings();
  let book: LimitBook = await limitBookItem.getValue();
  // Conversations this page saw the site answer with a smaller model at the cap.
  const fallbacks = new Map<string, string>();
  let fallbackNoId = false;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) {
      try {
        l();
      } catch {
        // a listener's failure is its own
      }
    }
  };

  const onLimits = (report: LimitReport) => {
    if (!siteSettings(settings, site).enabled) return;
    if (report.fallback !== null) {
      if (report.conversationId === null) fallbackNoId = true;
      else fallbacks.set(report.conversationId, report.fallback);
    }
    // The page shows it at once; the background stores it and the stored book comes back.
    if (report.windows.length > 0) {
      const { windows, seenAt } = report;
      const next: LimitBook = { ...book };
      for (const w of windows) next[`${site}:${w.window}`] = { ...w, site, seenAt, history: book[`${site}:${w.window}`]?.history ?? [] };
      book = next;
    }
    changed();
    send({ kind: 'limits', site, conversationId: report.conversationId, seenAt: report.seenAt, windows: report.windows, fallback: report.fallback }).catch(() => undefined);
  };
  ctx.onInvalidated(bridge.onLimits(onLimits));
  ctx.onInvalidated(
    limitBookItem.watch((value) => {
      book = value ?? {};
      changed();
    }),
  );
  ctx.onInvalidated(
    watchSettings((next) => {
      settings = next;
      changed();
    }),
  );

  return {
    view(conversationId, now = Date.now()) {
      if (!siteSettings(settings, site).enabled) return null;
      const pressing = mostPressing(book, site, now);
      const fallback = (conversationId !== null && fallbacks.has(conversationId)) || (fallbackNoId && fallbacks.size === 0) ? FALLBACK_TEXT : null;
      if (!pressing && !fallback) return null;
      return {
        text: pressing ? limitLine(pressing, now) : null,
        level: pressing ? limitLevel(pressing, settings.limits.warnPercent) : 'ok',
        used: pressing ? usedShare(pressing) : null,
        fallback,
      };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
