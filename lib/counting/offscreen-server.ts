/** The offscreen document's side: accepts count requests from this extension's background only. */
import type { browser as extensionBrowser } from 'wxt/browser';
import { OffscreenCountMessageSchema } from '../messaging/protocol';
import type { WorkerHost } from './worker-host';

export function serveOffscreenCounting(browser: typeof extensionBrowser, host: Pick<WorkerHost, 'count'>): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const parsed = OffscreenCountMessageSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const { session, text, edit, version, encoding, profile } = parsed.data.request;
    return host.count({ session, text, edit, version, encoding, profile }).then(({ id: _id, ...reply }) => reply);
  });
}
