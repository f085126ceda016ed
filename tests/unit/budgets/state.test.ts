import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { budgetLevel, draftWarning, evaluateBudgets, periodWindow, worstBudget, type SpendByPeriod } from '@/lib/budgets/state';
import { currentStatuses } from '@/lib/budgets/store';
import { formatMoney } from '@/lib/format';
import { openLedgerDb, recordTurn, spendByPeriod, type LedgerDb } from '@/lib/ledger';
import type { NewTurn } from '@/lib/pricing/turn';
import { checkSettings, defaultBudgets, defaultSettings, type BudgetSettings } from '@/lib/settings';

const money = (usd: number) => formatMoney(usd);
const budgets = (over: Partial<BudgetSettings>): BudgetSettings => ({ ...defaultBudgets(), ...over });
const spend = (day: number, week = day, month = week, bySite: SpendByPeriod['day']['bySite'] = {}): SpendByPeriod => ({
  day: { usd: day, bySite },
  week: { usd: week, bySite },
  month: { usd: month, bySite },
});

describe('budgetLevel at the boundaries (budget $1, warning at 80%)', () => {
  it.each([
    [0, 'ok'],
    [0.7999, 'ok'],
    [0.8, 'warning'],
    [0.8001, 'warning'],
    [0.9999, 'warning'],
    [1, 'over'],
    [1.0001, 'over'],
    [25, 'over'],
  ] as const)('$%s spent is %s', (spent, level) => {
    expect(budgetLevel(spent, 1, 80)).toBe(level);
  });

  it('reaches a round budget through a sum of float costs', () => {
    const tenDimes = Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0); // 0.9999999999999999
    expect(budgetLevel(tenDimes, 1, 80)).toBe('over');
    const eightDimes = Array.from({ length: 8 }, () => 0.1).reduce((a, b) => a + b, 0); // 0.7999999999999999
    expect(budgetLevel(eightDimes, 1, 80)).toBe('warning');
  });

  it.each([
    [1, 0.01, 'warning'],
    [1, 0.0099, 'ok'],
    [100, 0.99, 'ok'],
    [100, 1, 'over'],
  ] as const)('with the threshold at %s%%, $%s of $1 is %s', (warn, spent, level) => {
    expect(budgetLevel(spent, 1, warn)).toBe(level);
  });
});

describe('periodWindow', () => {
  it.each([
    // 2026-11-21 is a Saturday.
    ['week', '2026-11-21', 1, '2026-11-16', '2026-11-23', 6],
    ['week', '2026-11-21', 0, '2026-11-15', '2026-11-22', 7],
    ['week', '2026-11-21', 6, '2026-11-21', '2026-11-28', 1],
    ['week', '2026-11-22', 6, '2026-11-21', '2026-11-28', 2],
    ['month', '2026-11-30', 1, '2026-11-01', '2026-12-01', 30],
    ['month', '2026-12-31', 1, '2026-12-01', '2027-01-01', 31],
    ['month', '2028-02-29', 1, '2028-02-01', '2028-03-01', 29],
    ['day', '2026-03-08', 1, '2026-03-08', '2026-03-09', 1],
  ] as const)('%s of %s (weeks from day %s) runs %s to %s, day %s of it', (period, today, weekStart, start, next, elapsed) => {
    const w = periodWindow(period, today, weekStart);
    expect([w.start, w.next, w.elapsedDays]).toEqual([start, next, elapsed]);
  });

  it('counts whole days across DST changes (the March and October switches)', () => {
    expect(periodWindow('month', '2026-03-31', 1).days).toBe(31);
    expect(periodWindow('month', '2026-10-31', 1).days).toBe(31);
    expect(periodWindow('week', '2026-03-29', 1).days).toBe(7);
  });
});

describe('evaluateBudgets', () => {
  it('gives each budget its spend, what is left, its level and a projection at the daily average', () => {
    const statuses = evaluateBudgets(budgets({ daily: 2, weekly: 10, monthly: 30, sites: { claude: { period: 'month', usd: 5 } } }), spend(1.7, 6, 12, { claude: 6 }), '2026-11-19', 1);
    expect(statuses.map((s) => [s.id, s.level, Number(s.leftUsd.toFixed(6))])).toEqual([
      ['day', 'warning', 0.3],
      ['week', 'ok', 4],
      ['month', 'ok', 18],
      ['site:claude', 'over', 0],
    ]);
    // Thursday is day 4 of a Monday week: $6 in 4 days is $10.50 over 7.
    expect(statuses[1]!.projectedUsd).toBeCloseTo(10.5);
    // November 19 is day 19 of 30: $12 → $18.95.
    expect(statuses[2]!.projectedUsd).toBeCloseTo((12 / 19) * 30);
    expect(statuses[0]!.projectedUsd).toBeNull();
    expect(worstBudget(statuses)?.id).toBe('site:claude');
  });

  it('has nothing to say when no budget is set', () => {
    expect(evaluateBudgets(defaultBudgets(), spend(100), '2026-11-19', 1)).toEqual([]);
    expect(worstBudget([])).toBeNull();
  });

  it('treats a stored state whose period has ended as a fresh period', () => {
    const [daily] = evaluateBudgets(budgets({ daily: 1 }), spend(3), '2026-11-19', 1);
    const snapshot = { today: '2026-11-19', computedAt: 0, warnPercent: 80, confirmOverBudget: false, statuses: [daily!] };
    expect(currentStatuses(snapshot, '2026-11-19')[0]?.level).toBe('over');
    expect(currentStatuses(snapshot, '2026-11-20')[0]).toMatchObject({ level: 'ok', spentUsd: 0, leftUsd: 1 });
  });
});

describe('draftWarning', () => {
  const statuses = (daySpent: number, bySite: SpendByPeriod['day']['bySite'] = {}) =>
    evaluateBudgets(budgets({ daily: 1, sites: { chatgpt: { period: 'day', usd: 0.5 } } }), spend(daySpent, daySpent, daySpent, bySite), '2026-11-21', 1);

  it.each([
    ['stays ok', 0.1, 0.05, null, null],
    ['would reach the warning level', 0.5, 0.35, 'warning', "this message would take you to 85% of today's budget ($0.50 left)"],
    ['would take it over', 0.13, 0.9, 'over', "this message would take you over today's budget ($0.87 left)"],
    ['is already in warning', 0.85, 0.01, 'warning', "you have used 85% of today's budget ($0.15 left)"],
    ['is already over', 1.2, 0.01, 'over', "you are over today's budget ($1.00)"],
  ] as const)('a draft on a budget that %s', (_name, spent, draftUsd, level, message) => {
    const w = draftWarning(statuses(spent), 'claude', draftUsd, 80, money);
    expect(w ? [w.level, w.message] : [null, null]).toEqual([level, message]);
  });

  it("counts a site's own budget only on that site", () => {
    const s = statuses(0.1, { chatgpt: 0.1 });
    expect(draftWarning(s, 'chatgpt', 0.45, 80, money)?.message).toBe("this message would take you over today's ChatGPT budget ($0.40 left)");
    expect(draftWarning(s, 'claude', 0.45, 80, money)).toBeNull();
  });

  it('reports only budgets already crossed for an unpriced draft', () => {
    expect(draftWarning(statuses(0.5), 'claude', null, 80, money)).toBeNull();
    expect(draftWarning(statuses(1.5), 'claude', null, 80, money)?.level).toBe('over');
  });
});

describe('budget settings', () => {
  const withBudgets = (b: unknown) => ({ ...defaultSettings(), budgets: { ...defaultBudgets(), ...(b as object) } });

  it.each([
    ['a negative amount', { daily: -1 }, 'budgets.daily'],
    ['a zero amount', { weekly: 0 }, 'budgets.weekly'],
    ['a non-numeric amount', { monthly: '5' }, 'budgets.monthly'],
    ['NaN', { daily: Number.NaN }, 'budgets.daily'],
    ['a threshold of 0', { warnPercent: 0 }, 'budgets.warnPercent'],
    ['a threshold over 100', { warnPercent: 101 }, 'budgets.warnPercent'],
    ['a fractional threshold', { warnPercent: 80.5 }, 'budgets.warnPercent'],
    ['an unknown site', { sites: { myspace: { period: 'day', usd: 1 } } }, 'budgets.sites'],
    ['a bad period', { sites: { claude: { period: 'year', usd: 1 } } }, 'budgets.sites.claude.period'],
  ])('rejects %s, naming the field', (_name, b, field) => {
    const check = checkSettings(withBudgets(b));
    expect(check.ok).toBe(false);
    expect((check as { message: string }).message).toContain(field);
  });

  it('accepts budgets, thresholds 1–100 and a week start', () => {
    expect(checkSettings({ ...withBudgets({ daily: 0.5, weekly: null, warnPercent: 1, sites: { claude: { period: 'week', usd: 3 } } }), weekStart: 0 }).ok).toBe(true);
    expect(checkSettings(withBudgets({ warnPercent: 100 })).ok).toBe(true);
    expect(checkSettings({ ...defaultSettings(), weekStart: 7 }).ok).toBe(false);
  });
});

describe('spend per period from the ledger', () => {
  let db: LedgerDb;
  let n = 0;
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    db = openLedgerDb(`budget-${++n}`);
  });

  const turn = (finishedAt: string, usd: number, over: Partial<NewTurn> = {}): NewTurn => ({
    site: 'chatgpt', conversationId: 'c1', promptKey: `u-${finishedAt}`, replyKey: `a-${finishedAt}`, model: 'openai/gpt-5.2', modelLabel: null, catalogVersion: 'v1',
    sentAt: Date.parse(finishedAt) - 1000, finishedAt: Date.parse(finishedAt),
    promptTokens: 1, contextTokens: 0, overheadTokens: 0, outputTokens: 1, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false, modelSource: 'picker', replyOpaque: null,
    exactPrompt: true, exactContext: true, exactOutput: true, regenerated: false, priced: true, usd, upperBound: false, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false, ...over,
  });

  it('starts a new day at local midnight: a daily budget over at 23:59 is ok again at 00:00', async () => {
    const TZ = 'America/New_York';
    await recordTurn(db, turn('2026-11-21T04:59:00Z', 2), TZ); // 23:59 on the 20th in New York
    const before = await spendByPeriod(db, Date.parse('2026-11-21T04:59:30Z'), { weekStart: 1, timeZone: TZ });
    const after = await spendByPeriod(db, Date.parse('2026-11-21T05:00:00Z'), { weekStart: 1, timeZone: TZ });
    const b = budgets({ daily: 1 });
    expect(evaluateBudgets(b, before, '2026-11-20', 1)[0]?.level).toBe('over');
    expect(evaluateBudgets(b, after, '2026-11-21', 1)[0]?.level).toBe('ok');
    expect([before.day.usd, after.day.usd, after.week.usd, after.month.usd]).toEqual([2, 0, 2, 2]);
  });

  it('splits days correctly on the night clocks spring forward', async () => {
    const TZ = 'America/New_York';
    await recordTurn(db, turn('2026-03-08T04:30:00Z', 1), TZ); // 23:30 on March 7 (EST)
    await recordTurn(db, turn('2026-03-08T07:30:00Z', 2), TZ); // 03:30 on March 8 (EDT)
    const s = await spendByPeriod(db, Date.parse('2026-03-08T12:00:00Z'), { weekStart: 0, timeZone: TZ });
    // March 8 2026 is a Sunday: with Sunday weeks the 7th belongs to the previous week.
    expect([s.day.usd, s.week.usd, s.month.usd]).toEqual([2, 2, 3]);
  });

  it('follows the week start, and a new month starts from nothing', async () => {
    const TZ = 'Europe/Berlin';
    await recordTurn(db, turn('2026-11-29T10:00:00Z', 1), TZ); // Sunday
    await recordTurn(db, turn('2026-11-30T10:00:00Z', 2, { site: 'claude' }), TZ); // Monday
    await recordTurn(db, turn('2026-12-01T10:00:00Z', 4), TZ); // Tuesday, a new month
    const monday = await spendByPeriod(db, Date.parse('2026-12-01T12:00:00Z'), { weekStart: 1, timeZone: TZ });
    const sunday = await spendByPeriod(db, Date.parse('2026-12-01T12:00:00Z'), { weekStart: 0, timeZone: TZ });
    expect([monday.week.usd, sunday.week.usd, monday.month.usd, monday.day.usd]).toEqual([6, 7, 4, 4]);
    expect(sunday.week.bySite).toEqual({ chatgpt: 5, claude: 2 });
  });
});
