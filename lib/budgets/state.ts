/**
 * Budget states, as pure functions of the settings, the spend per period and the local day: which
 * budgets exist, how much of each is spent and left, whether each is ok, in warning or over, and
 * what a draft would do to them. The background, the popup and the pill all use these.
 */
import { addDays, monthStartDay, nextMonthStartDay, weekStartDay } from '../ledger/days';
import type { BudgetPeriod, BudgetSettings } from '../settings/schema';
import { siteName, type SiteId } from '../sites/hosts';

export type BudgetLevel = 'ok' | 'warning' | 'over';

const LEVEL_RANK: Record<BudgetLevel, number> = { ok: 0, warning: 1, over: 2 };

export function levelRank(level: BudgetLevel): number {
  return LEVEL_RANK[level];
}

/** One budget the user set: a global one per period, or one site's. */
export interface Budget {
  /** `day`, `week`, `month`, or `site:<site>`. */
  id: string;
  period: BudgetPeriod;
  site: SiteId | null;
  limitUsd: number;
}

export interface PeriodWindow {
  period: BudgetPeriod;
  /** First local day of the period. */
  start: string;
  /** First local day after it. */
  next: string;
  days: number;
  /** Days of the period up to and including today. */
  elapsedDays: number;
}

export interface PeriodSpend {
  usd: number;
  bySite: Partial<Record<SiteId, number>>;
}

export type SpendByPeriod = Record<BudgetPeriod, PeriodSpend>;

export interface BudgetStatus extends Budget {
  periodStart: string;
  periodNext: string;
  spentUsd: number;
  /** Never below 0. */
  leftUsd: number;
  /** Spent as a share of the limit (can exceed 1). */
  share: number;
  level: BudgetLevel;
  /** End-of-period spend at the period's daily average so far; null for a daily budget. */
  projectedUsd: number | null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

export function periodWindow(period: BudgetPeriod, today: string, weekStart: number): PeriodWindow {
  const start = period === 'day' ? today : period === 'week' ? weekStartDay(today, weekStart) : monthStartDay(today);
  const next = period === 'day' ? addDays(today, 1) : period === 'week' ? addDays(start, 7) : nextMonthStartDay(today);
  return { period, start, next, days: daysBetween(start, next), elapsedDays: daysBetween(start, today) + 1 };
}

export function budgetsOf(settings: BudgetSettings): Budget[] {
  const budgets: Budget[] = [];
  if (settings.daily !== null) budgets.push({ id: 'day', period: 'day', site: null, limitUsd: settings.daily });
  if (settings.weekly !== null) budgets.push({ id: 'week', period: 'week', site: null, limitUsd: settings.weekly });
  if (settings.monthly !== null) budgets.push({ id: 'month', period: 'month', site: null, limitUsd: settings.monthly });
  for (const [site, budget] of Object.entries(settings.sites)) {
    if (budget) budgets.push({ id: `site:${site}`, period: budget.period, site: site as SiteId, limitUsd: budget.usd });
  }
  return budgets;
}

// Sums of many small float costs land a hair off a round limit; a budget of $1 is reached at $1.
const TOLERANCE = 1e-9;

/** ok below the warning share, warning from it, over from the whole budget on. */
export function budgetLevel(spentUsd: number, limitUsd: number, warnPercent: number): BudgetLevel {
  if (spentUsd >= limitUsd * (1 - TOLERANCE)) return 'over';
  if (spentUsd * 100 >= limitUsd * warnPercent * (1 - TOLERANCE)) return 'warning';
  return 'ok';
}

export function evaluateBudgets(settings: BudgetSettings, spend: SpendByPeriod, today: string, weekStart: number): BudgetStatus[] {
  return budgetsOf(settings).map((budget) => {
    const window = periodWindow(budget.period, today, weekStart);
    const period = spend[budget.period];
    const spentUsd = budget.site ? (period.bySite[budget.site] ?? 0) : period.usd;
    return {
      ...budget,
      periodStart: window.start,
      periodNext: window.next,
      spentUsd,
      leftUsd: Math.max(0, budget.limitUsd - spentUsd),
      share: spentUsd / budget.limitUsd,
      level: budgetLevel(spentUsd, budget.limitUsd, settings.warnPercent),
      projectedUsd: budget.period === 'day' ? null : (spentUsd / window.elapsedDays) * window.days,
    };
  });
}

/** The most pressing budget: the worst level, and of those the least left. */
export function worstBudget(statuses: readonly BudgetStatus[]): BudgetStatus | null {
  let worst: BudgetStatus | null = null;
  for (const s of statuses) {
    if (!worst || levelRank(s.level) > levelRank(worst.level) || (s.level === worst.level && s.leftUsd < worst.leftUsd)) worst = s;
  }
  return worst;
}

const PERIOD_WORDS: Record<BudgetPeriod, string> = { day: "today's", week: "this week's", month: "this month's" };

/** "today's budget", "this month's Claude budget". */
export function budgetName(budget: Pick<Budget, 'period' | 'site'>): string {
  return `${PERIOD_WORDS[budget.period]} ${budget.site ? `${siteName(budget.site)} ` : ''}budget`;
}

export interface DraftWarning {
  level: 'warning' | 'over';
  budget: BudgetStatus;
  message: string;
}

/**
 * What sending a draft that costs `draftUsd` would do to the budgets that apply on `site`: the
 * worst one it would push into warning or over, or one already there. Null when all stay ok.
 * `draftUsd` is null for an unpriced model: only budgets already crossed are reported then.
 */
export function draftWarning(
  statuses: readonly BudgetStatus[],
  site: SiteId,
  draftUsd: number | null,
  warnPercent: number,
  money: (usd: number) => string,
): DraftWarning | null {
  let best: { level: 'warning' | 'over'; status: BudgetStatus; after: number } | null = null;
  for (const status of statuses) {
    if (status.site !== null && status.site !== site) continue;
    const after = status.spentUsd + (draftUsd ?? 0);
    const level = budgetLevel(after, status.limitUsd, warnPercent);
    if (level === 'ok') continue;
    const candidate = { level, status, after };
    if (!best || levelRank(level) > levelRank(best.level) || (level === best.level && status.leftUsd < best.status.leftUsd)) best = candidate;
  }
  if (!best) return null;
  const { level, status, after } = best;
  const name = budgetName(status);
  const left = `${money(status.leftUsd)} left`;
  let message: string;
  if (status.level === 'over') message = `you are over ${name} (${money(status.limitUsd)})`;
  else if (level === 'over') message = `this message would take you over ${name} (${left})`;
  else if (status.level === 'warning') message = `you have used ${Math.floor(status.share * 100)}% of ${name} (${left})`;
  else message = `this message would take you to ${Math.floor((after / status.limitUsd) * 100)}% of ${name} (${left})`;
  return { level, budget: status, message };
}
