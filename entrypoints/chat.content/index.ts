// The content script on the supported chat sites: picks the site's adapter by exact host, injects
// the usage reader into the page's world before the page's own scripts get going (document_start),
// and starts the page tracker once the document is parsed. Wiring only; the work is in lib/tracker
// and lib/usage.
import '@/components/pill.css';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { bundledCatalogData } from '@/lib/catalog';
import { countOverPort } from '@/lib/counting/port-client';
import { adapterForUrl } from '@/lib/sites';
import { SITE_MATCH_PATTERNS } from '@/lib/sites/hosts';
import { startPageLimits } from '@/lib/limits/page-limits';
import { startPageTracker } from '@/lib/tracker/page-tracker';
import { startUsageBridge } from '@/lib/usage/bridge';
import { hasUsageReader } from '@/lib/usage/sites';

export default defineContentScript({
  matches: SITE_MATCH_PATTERNS,
  runAt: 'document_start',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const adapter = adapterForUrl(location.href);
    if (!adapter) return;
    try {
      // The reader goes in at once, before the page's own scripts make requests (reading settings
      // first would let them run ahead). On a site switched off, its reports are never used.
      const usage = hasUsageReader(adapter.id) ? startUsageBridge(ctx, adapter.id) : null;
      await parsed(ctx);
      if (!ctx.isValid) return;
      // Usage limits the site reports in its own traffic go to the background and to the pill.
      const limits = usage ? await startPageLimits(ctx, adapter.id, usage, (m) => browser.runtime.sendMessage(m)) : null;
      if (!ctx.isValid) return;
      const send = (m: unknown) => browser.runtime.sendMessage(m);
      // Chrome: counts go straight to the offscreen document over a port (Firefox's background
      // page owns the worker itself, so its one hop stays runtime.sendMessage).
      const sendCount = import.meta.env.FIREFOX ? undefined : countOverPort(ctx, browser.runtime, send);
      const tracker = await startPageTracker(ctx, { adapter, catalog: bundledCatalogData(), send, sendCount, usage, limits });
      // The popup asks which conversation this tab shows (no "tabs" permission needed for that).
      const answer = (message: unknown, sender: { id?: string }) => {
        if (sender.id !== browser.runtime.id || (message as { kind?: string })?.kind !== 'which-conversation') return undefined;
        return Promise.resolve(tracker.conversation());
      };
      browser.runtime.onMessage.addListener(answer);
      ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(answer));
    } catch {
      // Never throw into the page; a tracker that could not start shows up as missing health.
    }
  },
});

/** Resolves once the document is parsed (the tracker needs `document.body`). */
function parsed(ctx: ContentScriptContext): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => ctx.addEventListener(document, 'DOMContentLoaded', () => resolve(), { once: true }));
}
