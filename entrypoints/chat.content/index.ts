// The content script on the supported chat sites: picks the site's adapter by exact host and
// starts the page tracker. Wiring only; the work is in lib/tracker.
import '@/components/pill.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { bundledCatalogData } from '@/lib/catalog';
import { adapterForUrl } from '@/lib/sites';
import { SITE_MATCH_PATTERNS } from '@/lib/sites/hosts';
import { startPageTracker } from '@/lib/tracker/page-tracker';

export default defineContentScript({
  matches: SITE_MATCH_PATTERNS,
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const adapter = adapterForUrl(location.href);
    if (!adapter) return;
    try {
      const tracker = await startPageTracker(ctx, { adapter, catalog: bundledCatalogData(), send: (m) => browser.runtime.sendMessage(m) });
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
