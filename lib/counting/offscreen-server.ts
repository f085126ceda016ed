/**
 * The offscreen document's side (Chrome). It answers count requests two ways: from this extension's
 * background (`runtime.sendMessage`, addressed `target: 'offscreen'`), and from content scripts on
 * the supported chat sites and extension pages directly, over a port named COUNT_PORT (the short
 * way for keystrokes, lib/counting/port-client.ts). Ports from anyone else are closed unanswered.
 */
import type { Browser, browser as extensionBrowser } from 'wxt/browser';
import { COUNT_PORT, describeZodError, OffscreenCountMessageSchema, PortCountMessageSchema } from '../messaging/protocol';
import { classifySender } from '../messaging/router';
import type { WorkerHost } from './worker-host';

type Api = Pick<typeof extensionBrowser, 'runtime'>;
type Host = Pick<WorkerHost, 'count'>;

export function serveOffscreenCounting(browser: Api, host: Host): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const parsed = OffscreenCountMessageSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const { session, text, edit, version, encoding, profile, ahead } = parsed.data.request;
    return host.count({ session, text, edit, version, encoding, profile, ahead }).then(({ id: _id, ...reply }) => reply);
  });
  browser.runtime.onConnect.addListener((port) => servePort(browser, host, port));
}

/** Answers one content script's (or extension page's) count port, if the sender may count. */
export function servePort(browser: Api, host: Host, port: Browser.runtime.Port): void {
  if (port.name !== COUNT_PORT) return;
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  if (!port.sender || classifySender(port.sender, { extensionId: browser.runtime.id, extensionOrigin }) === 'untrusted') {
    port.disconnect();
    return;
  }
  let open = true;
  port.onDisconnect.addListener(() => (open = false));
  port.onMessage.addListener((raw: unknown) => {
    const parsed = PortCountMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number') port.postMessage({ id, reply: { status: 'error', message: `malformed message: ${describeZodError(parsed.error)}` } });
      return;
    }
    const { id, request } = parsed.data;
    const { session, text, edit, version, encoding, profile, ahead } = request;
    void host.count({ session, text, edit, version, encoding, profile, ahead }).then(({ id: _id, ...reply }) => {
      if (!open) return;
      try {
        port.postMessage({ id, reply });
      } catch {
        // the content script went away meanwhile
      }
    });
  });
}
