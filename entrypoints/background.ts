// The background: wiring only. Counting is hosted by the offscreen document on Chrome and by this
// (event) page itself on Firefox, which has no offscreen documents.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { OffscreenCountingHost } from '@/lib/counting/offscreen-host';
import { spawnCountWorker, WorkerHost } from '@/lib/counting/worker-host';
import { routeMessage, type CountingHost } from '@/lib/messaging/router';

export default defineBackground(() => {
  const counting: CountingHost = import.meta.env.FIREFOX ? inPageCounting() : new OffscreenCountingHost();
  const deps = {
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    counting,
  };
  browser.runtime.onMessage.addListener((raw: unknown, sender) => routeMessage(raw, sender, deps));
});

function inPageCounting(): CountingHost {
  const host = new WorkerHost(spawnCountWorker);
  return { count: ({ session, text, encoding }) => host.count({ session, text, encoding }) };
}
