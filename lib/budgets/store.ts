/**
 * What the background keeps about budgets in extension storage: the latest states (content scripts
 * read them for the pill, since they never open the ledger) and which notices were already given,
 * so a restarted browser or service worker does not give them again.
 */
import { storage } from 'wxt/utils/storage';
import type { BudgetLevel, BudgetStatus } from './state';

export interface BudgetSnapshot {
  /** Local day the states were computed on; a state whose period has ended is stale. */
  today: string;
  computedAt: number;
  warnPercent: number;
  confirmOverBudget: boolean;
  statuses: BudgetStatus[];
}

export const budgetSnapshotItem = storage.defineItem<BudgetSnapshot | null>('local:budgetSnapshot', { fallback: null });

/** `<budget id>@<period start>` → the highest level already announced, kept until the period ends. */
export type BudgetNotices = Record<string, { level: Exclude<BudgetLevel, 'ok'>; until: string }>;

export const budgetNoticesItem = storage.defineItem<BudgetNotices>('local:budgetNotices', { fallback: {} });

/** The states still current on `today`: a period that has ended starts again from nothing. */
export function currentStatuses(snapshot: BudgetSnapshot | null, today: string): BudgetStatus[] {
  if (!snapshot) return [];
  return snapshot.statuses.map((s) =>
    s.periodNext <= today ? { ...s, spentUsd: 0, leftUsd: s.limitUsd, share: 0, level: 'ok' as const, projectedUsd: s.projectedUsd === null ? null : 0 } : s,
  );
}
