/**
 * Budget upkeep in the background, after every recorded turn, on settings changes and at each local
 * midnight: compute the states, colour the badge, store the states for the pill, and announce a
 * budget the first time it enters warning and the first time it goes over in a period.
 */
import { budgetNoticesItem, budgetSnapshotItem, type BudgetNotices } from '../budgets/store';
import { budgetName, evaluateBudgets, levelRank, type BudgetStatus } from '../budgets/state';
import { formatMoney, type Currency } from '../format';
import { localDay } from '../ledger/days';
import { spendByPeriod, todaySpend, type LedgerDb } from '../ledger';
import { effectiveWeekStart, loadSettings } from '../settings';
import { badgeLook, showBadge, type BadgeApi, type BadgeLook } from './badge';

export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown> | void;
}

export interface Notifier {
  api: NotificationsApi;
  iconUrl: string;
}

/** The notification for a budget that reached `level`; its id is fixed per budget, period and level. */
export function budgetNotice(status: BudgetStatus, currency: Currency): { id: string; title: string; message: string } {
  const name = budgetName(status);
  const spent = `${formatMoney(status.spentUsd, currency)} of ${formatMoney(status.limitUsd, currency)} spent (API-equivalent)`;
  return status.level === 'over'
    ? { id: `spendmeter-budget:${status.id}@${status.periodStart}:over`, title: `Over ${name}`, message: `${spent}.` }
    : { id: `spendmeter-budget:${status.id}@${status.periodStart}:warning`, title: `${Math.floor(status.share * 100)}% of ${name} used`, message: `${spent}; ${formatMoney(status.leftUsd, currency)} left.` };
}

/**
 * Announces each budget that rose to a level not yet announced in its period. The record is stored
 * before the notification is shown: after a crash in between, one notice is missed rather than
 * repeated, and a repeat would replace the same notification anyway (fixed ids).
 */
export async function announceCrossings(statuses: readonly BudgetStatus[], today: string, enabled: boolean, currency: Currency, notifier: Notifier | null): Promise<string[]> {
  const stored = await budgetNoticesItem.getValue();
  const notices: BudgetNotices = {};
  for (const [key, notice] of Object.entries(stored)) if (notice.until > today) notices[key] = notice;
  const due: BudgetStatus[] = [];
  for (const s of statuses) {
    if (s.level === 'ok') continue;
    const key = `${s.id}@${s.periodStart}`;
    const had = notices[key];
    if (had && levelRank(had.level) >= levelRank(s.level)) continue;
    notices[key] = { level: s.level, until: s.periodNext };
    due.push(s);
  }
  if (due.length > 0 || Object.keys(notices).length !== Object.keys(stored).length) await budgetNoticesItem.setValue(notices);
  const shown: string[] = [];
  if (!enabled || !notifier) return shown;
  for (const s of due) {
    const notice = budgetNotice(s, currency);
    try {
      await notifier.api.create(notice.id, { type: 'basic', iconUrl: notifier.iconUrl, title: notice.title, message: notice.message });
      shown.push(notice.id);
    } catch {
      // A blocked notification is not worth failing the refresh for; the badge still says it.
    }
  }
  return shown;
}

export interface StatusRefresh {
  look: BadgeLook;
  statuses: BudgetStatus[];
  notified: string[];
}

/** Recomputes the budget states, the badge and the notices from the ledger and the settings. */
export async function refreshStatus(db: LedgerDb, action: BadgeApi, notifier: Notifier | null, now = Date.now()): Promise<StatusRefresh> {
  const settings = await loadSettings();
  const today = localDay(now);
  const weekStart = effectiveWeekStart(settings);
  const [todayTotal, spend] = await Promise.all([todaySpend(db, now), spendByPeriod(db, now, { weekStart })]);
  const statuses = evaluateBudgets(settings.budgets, spend, today, weekStart);
  const look = badgeLook(todayTotal, statuses, settings.currency);
  await showBadge(action, look);
  await budgetSnapshotItem.setValue({ today, computedAt: now, warnPercent: settings.budgets.warnPercent, confirmOverBudget: settings.budgets.confirmOverBudget, statuses });
  const notified = await announceCrossings(statuses, today, settings.budgets.notify, settings.currency, notifier);
  return { look, statuses, notified };
}
