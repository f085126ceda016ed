// The background: wiring only. Counting is hosted by the offscreen document on Chrome and by this
// (event) page itself on Firefox, which has no offscreen documents.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { MIDNIGHT_ALARM, scheduleMidnight } from '@/lib/background/badge';
import { createBackgroundServices } from '@/lib/background/service';
import { createCountingHost } from '@/lib/counting/hosts';
import { openLedgerDb } from '@/lib/ledger';
import { routeMessage } from '@/lib/messaging/router';
import { watchSettings } from '@/lib/settings';

export default defineBackground(() => {
  const counting = createCountingHost(import.meta.env.FIREFOX ? 'firefox' : 'chrome');
  const notifier = browser.notifications ? { api: browser.notifications, iconUrl: browser.runtime.getURL('/icon/128.png') } : null;
  const services = createBackgroundServices(openLedgerDb(), browser.action, notifier);
  const deps = {
    extensionId: browser.runtime.id,
    // "chrome-extension://<id>" or "moz-extension://<uuid>" (URL#origin is not defined for these everywhere).
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    counting,
    recordTurn: services.recordTurn,
    reportHealth: services.reportHealth,
    recordLimits: services.recordLimits,
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
