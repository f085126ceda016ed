// Plan value as tables: ratios, projections across month boundaries (short and long months, the
// first morning, the last evening), the display currency, the overall verdict, and the plan table's
// own checks (every row sourced and dated or saying why not; unique ids; every site covered).
import { describe, expect, it } from 'vitest';
import { formatRatio, monthProgress, overallVerdict, planLine, planValue, shareLine } from '@/lib/plans/value';
import { PlanTableSchema, planById, plansFor, planTable } from '@/lib/plans/table';
import data from '@/lib/plans/plans.json';
import { SUPPORTED_SITES } from '@/lib/sites/hosts';

const local = (y: number, m: number, d: number, h = 0) => new Date(y, m - 1, d, h).getTime();
const EUR = { code: 'EUR', usdRate: 0.5 };

describe('plan value', () => {
  it.each([
    // month spend, plan, now, ratio, projected
    [47.1, 20, local(2026, 11, 16), 2.355, (47.1 / 15) * 30],
    [10, 20, local(2026, 2, 14, 12), 0.5, (10 / 13.5) * 28], // February: 28 days
    [10, 20, local(2028, 2, 14, 12), 0.5, (10 / 13.5) * 29], // a leap February
    [31, 20, local(2026, 1, 31, 23), 1.55, (31 / (30 + 23 / 24)) * 31], // the last evening of January
    [3, 20, local(2026, 12, 1, 6), 0.15, 3 * 31], // the first morning: at least a day of pace
    [0, 20, local(2026, 12, 1, 6), 0, 0],
  ])('%f on a $%f plan at %i', (month, plan, now, ratio, projected) => {
    const v = planValue(month, plan, now);
    expect(v.ratio).toBeCloseTo(ratio, 10);
    expect(v.projectedUsd).toBeCloseTo(projected, 10);
    expect(v.projectedRatio).toBeCloseTo(projected / plan, 10);
  });

  it('has no ratio on a free plan', () => {
    expect(planValue(5, 0, local(2026, 11, 16))).toMatchObject({ ratio: null, projectedRatio: null });
    expect(planLine(5, 0, { code: 'USD', usdRate: 1 }, planValue(5, 0, local(2026, 11, 16)))).toBe('This month: $5.00 at API prices on a free plan');
  });

  it('counts the month in local days', () => {
    expect(monthProgress(local(2026, 4, 1))).toEqual({ days: 30, elapsed: 0 });
    expect(monthProgress(local(2026, 4, 16)).elapsed).toBeCloseTo(15, 10);
  });

  it('counts local calendar days in a month with a clock change', () => {
    // Los Angeles fell back on November 1, 2026 and springs forward on March 8: elapsed hours
    // divided by the month's average day length said 15.02 days at midnight of November 16th.
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles'; // Node applies a new TZ at once
    try {
      expect(monthProgress(local(2026, 11, 16)).elapsed).toBeCloseTo(15, 10);
      expect(planValue(47.1, 20, local(2026, 11, 16)).projectedUsd).toBeCloseTo((47.1 / 15) * 30, 10);
      expect(monthProgress(local(2026, 11, 1, 12)).elapsed).toBeCloseTo(13 / 25, 10); // noon of the 25-hour day is 13 h in
      expect(monthProgress(local(2026, 3, 8, 12)).elapsed).toBeCloseTo(7 + 11 / 23, 10); // noon of the 23-hour day is 11 h in
      expect(monthProgress(local(2026, 3, 31, 23)).elapsed).toBeCloseTo(30 + 23 / 24, 10);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('writes the line in the display currency', () => {
    const now = local(2026, 11, 16);
    expect(planLine(47.1, 20, { code: 'USD', usdRate: 1 }, planValue(47.1, 20, now))).toBe('This month: $47.10 at API prices on a $20.00 plan: 2.4×');
    // The ratio does not depend on the currency; the amounts are shown in it.
    expect(planLine(47.1, 20, EUR, planValue(47.1, 20, now))).toBe('This month: EUR 23.55 at API prices on a EUR 10.00 plan: 2.4×');
    expect(shareLine(5, 20)).toBe("This month: 25% of the plan's price used at API prices");
    expect(formatRatio(12.6)).toBe('13×');
    expect(formatRatio(0.04)).toBe('0.0×');
  });

  it('says overall whether paying per token would have been cheaper', () => {
    expect(overallVerdict([{ monthUsd: 5, planUsd: 20 }, { monthUsd: 10, planUsd: 20 }], { code: 'USD', usdRate: 1 })).toMatchObject({ cheaperPerToken: true });
    expect(overallVerdict([{ monthUsd: 47.1, planUsd: 20 }], { code: 'USD', usdRate: 1 })).toMatchObject({ cheaperPerToken: false, text: expect.stringContaining('the plans are worth it') });
    expect(overallVerdict([{ monthUsd: 5, planUsd: 0 }], { code: 'USD', usdRate: 1 })).toBeNull();
  });
});

describe('the plan table', () => {
  it('parses, with unique ids and a source and basis on every row', () => {
    expect(() => PlanTableSchema.parse(data)).not.toThrow();
    for (const row of planTable()) {
      expect(row.source).toMatch(/^https:\/\//);
      expect(row.basis.length).toBeGreaterThan(5);
    }
  });

  it('covers the plans the issue names and every site but OpenRouter (pay-as-you-go only)', () => {
    for (const id of ['chatgpt-plus', 'chatgpt-pro-200', 'chatgpt-business', 'claude-pro', 'claude-max-5x', 'claude-max-20x', 'google-ai-pro', 'supergrok', 'perplexity-pro', 'perplexity-max', 'copilot-pro', 'poe-subscription', 'lechat-pro']) {
      expect(planById(id), id).toBeDefined();
    }
    for (const site of SUPPORTED_SITES) if (site.id !== 'openrouter') expect(plansFor(site.id).length, site.id).toBeGreaterThan(0);
    expect(plansFor('openrouter')).toEqual([]);
  });

  it('refuses a table with a bad row', () => {
    const bad = { ...data, rows: [...data.rows, { ...data.rows[0], id: 'x', usdMonthly: -1 }] };
    expect(PlanTableSchema.safeParse(bad).success).toBe(false);
    const dup = { ...data, rows: [...data.rows, data.rows[0]] };
    expect(PlanTableSchema.safeParse(dup).success).toBe(false);
  });
});

describe('plan settings', () => {
  it('keep a valid plan and refuse a bad price, leaving the stored settings as they were', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const { defaultSettings, loadSettings, saveSettings } = await import('@/lib/settings');
    fakeBrowser.reset();
    const s = defaultSettings();
    expect(await saveSettings({ ...s, plans: { claude: { plan: 'claude-pro', usdMonthly: 20 } } })).toEqual({ ok: true });
    const bad = await saveSettings({ ...s, plans: { claude: { plan: 'claude-pro', usdMonthly: -5 } } });
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('must not be negative') });
    expect((await loadSettings()).plans).toEqual({ claude: { plan: 'claude-pro', usdMonthly: 20 } });
    expect((await saveSettings({ ...s, planDisplay: 'percent' })).ok).toBe(false);
  });
});
