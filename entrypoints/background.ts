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
import { watchSettings } from '@/lib/settings';

export default defineBackground(() => {
  const counting: CountingHost = import.meta.env.FIREFOX ? inPageCounting() : new OffscreenCountingHost();
  const notifier = browser.notifications ? { api: browser.notifications, iconUrl: browser.runtime.getURL('/icon/128.png') } : null;
  const services = createBackgroundServices(openLedgerDb(), browser.action, notifier);
  const deps = {
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    counting,
    recordTurn: services.recordTurn,
    reportHealth: services.reportHealth,
    refreshStatus: services.refreshStatus,
  };
  browser.runtime.onMessage.addListener((raw: unknown, sender) => routeMessage(raw, sender, deps));

  // Today's figure and the budget states on every start, at each local midnight (where days, weeks
  // and months begin), and whenever the settings (budgets, currency) change.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== MIDNIGHT_ALARM) return;
    void services.refreshStatus();
    void scheduleMidnight(browser.alarms);
  });
  watchSettings(() => void services.refreshStatus());
  void services.refreshStatus();
  void scheduleMidnight(browser.alarms);
});

function inPageCounting(): CountingHost {
  const host = new WorkerHost(spawnCountWorker);
  return { count: ({ session, text, encoding }) => host.count({ session, text, encoding }) };
}
