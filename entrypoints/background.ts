// The background: wiring only. Counting is hosted by the offscreen document on Chrome and by this
// (event) page itself on Firefox, which has no offscreen documents.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { MIDNIGHT_ALARM, scheduleMidnight } from '@/lib/background/badge';
import { createBackgroundServices } from '@/lib/background/service';
import { OffscreenCountingHost } from '@/lib/counting/offscreen-host';
import { spawnCountWorker, WorkerHost } from '@/lib/counting/worker-host';
import { openLedgerDb } from '@/lib/ledger';
import { routeMessage, type CountingHost } from '@/lib/messaging/router';

export default defineBackground(() => {
  const counting: CountingHost = import.meta.env.FIREFOX ? inPageCounting() : new OffscreenCountingHost();
  const services = createBackgroundServices(openLedgerDb(), browser.action);
  const deps = {
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    counting,
    recordTurn: services.recordTurn,
    reportHealth: services.reportHealth,
  };
  browser.runtime.onMessage.addListener((raw: unknown, sender) => routeMessage(raw, sender, deps));

  // Today's figure on every start, and again at each local midnight.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== MIDNIGHT_ALARM) return;
    void services.refreshBadge();
    void scheduleMidnight(browser.alarms);
  });
  void services.refreshBadge();
  void scheduleMidnight(browser.alarms);
});

function inPageCounting(): CountingHost {
  const host = new WorkerHost(spawnCountWorker);
  return { count: ({ session, text, encoding }) => host.count({ session, text, encoding }) };
}
