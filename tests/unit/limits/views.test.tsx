// The limit and plan views rendered with WXT's fake browser: the popup's Limits section (nothing
// without readings, a bar per window with the contract attributes, stale readings, the pace, the
// smaller-model note), the plan section (ratio, share-of-plan display, verdict), the chart's date
// axis, and the content script's pill feed (fallback per conversation, nothing on a site turned off).
import { h, render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { DailyChart, shortDate } from '@/components/DailyChart';
import { LimitsSection } from '@/components/LimitsSection';
import { PlanValueSection } from '@/components/PlanValueSection';
import { Pill, type PillView } from '@/components/Pill';
import { startPageLimits } from '@/lib/limits/page-limits';
import { limitBookItem, limitFallbackItem } from '@/lib/limits/store';
import { defaultSettings, saveSettings } from '@/lib/settings';
import type { UsageBridge } from '@/lib/usage/bridge';
import type { LimitReport } from '@/lib/usage/wire';
import { waitFor } from '../wait-for';

const H = 3600_000;

function mount(node: import('preact').ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}

beforeEach(() => fakeBrowser.reset());

describe('the popup limits section', () => {
  it('is absent while no site reported a limit', async () => {
    const root = mount(h(LimitsSection, { warnPercent: 80 }));
    await new Promise((r) => setTimeout(r, 50));
    expect(root.querySelector('[data-testid="limits"]')).toBeNull();
  });

  it('shows a bar per window with the contract attributes, the pace and stale readings', async () => {
    const now = Date.now();
    await limitBookItem.setValue({
      'claude:5h': { site: 'claude', window: '5h', used: 0.8612345, remaining: null, total: null, resetsAt: now + 2 * H, windowSeconds: 18000, seenAt: now, history: [] },
      'claude:7d': { site: 'claude', window: '7d', used: 0.3, remaining: null, total: null, resetsAt: now - 1000, windowSeconds: 604800, seenAt: now - 8 * 86_400_000, history: [] },
      'chatgpt:deep_research': { site: 'chatgpt', window: 'deep_research', used: null, remaining: 3, total: null, resetsAt: now + 72 * H, windowSeconds: null, seenAt: now, history: [] },
    });
    await limitFallbackItem.setValue({ chatgpt: { conversationId: 'c1', note: 'auto:smaller_model:reached_message_cap', seenAt: now } });
    const root = mount(h(LimitsSection, { warnPercent: 80 }));
    const five = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="limit-claude-5h"]'), 'the 5h window');
    expect(five.dataset.used).toBe('0.8612345');
    expect(five.dataset.resetsAt).toBe(new Date(now + 2 * H).toISOString());
    expect(five.dataset.level).toBe('warning');
    expect(five.textContent).toMatch(/86% used.*Resets in 2 h 00 min.*at this rate the window runs out at/);
    const week = root.querySelector<HTMLElement>('[data-testid="limit-claude-7d"]')!;
    expect(week.dataset.level).toBe('stale');
    expect(week.textContent).toContain('Stale');
    const quota = root.querySelector<HTMLElement>('[data-testid="limit-chatgpt-deep_research"]')!;
    expect(quota.dataset.used).toBe('');
    expect(quota.textContent).toContain('3 left');
    expect(quota.querySelector('[role="meter"]')).toBeNull();
    expect(root.querySelector('[data-testid="limit-fallback-chatgpt"]')!.textContent).toContain('ChatGPT switched this chat to a smaller model (message cap)');
  });
  it("shows a window with no reset time (Grok) with what the site did say, not an empty note", async () => {
    const now = Date.now();
    await limitBookItem.setValue({
      'grok:grok-4': { site: 'grok', window: 'grok-4', used: 0.85, remaining: 3, total: 20, resetsAt: null, windowSeconds: 7200, seenAt: now, history: [] },
    });
    const root = mount(h(LimitsSection, { warnPercent: 80 }));
    const row = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="limit-grok-grok-4"]'), 'the Grok window');
    expect(row.dataset.used).toBe('0.85');
    expect(row.dataset.resetsAt).toBe('');
    expect(row.dataset.level).toBe('warning');
    expect(row.querySelector('.budget-head')!.textContent).toBe('Grok-4 limit85% used');
    expect(row.querySelector('[role="meter"]')!.getAttribute('aria-valuenow')).toBe('85');
    expect(row.querySelector('.budget-note')!.textContent).toBe('3 of 20 left · 2-hour window · the site gives no reset time');
  });
});

describe('the popup plan section', () => {
  const bySite = [{ key: 'claude', usd: 47.1, usdMax: 47.1, turns: 10, unpricedTurns: 0, lowerBoundTurns: 0, chosenTurns: 0, assumedTurns: 0 }];
  it('is absent without a plan', () => {
    const root = mount(h(PlanValueSection, { settings: defaultSettings(), bySite, currency: { code: 'USD', usdRate: 1 }, now: Date.now() }));
    expect(root.querySelector('[data-testid="plans"]')).toBeNull();
  });

  it('sets the month against the plan, or shows it as a share of the plan', () => {
    const settings = { ...defaultSettings(), plans: { claude: { plan: 'claude-pro', usdMonthly: 20 }, chatgpt: { plan: 'chatgpt-free', usdMonthly: 0 } } };
    const now = new Date(2026, 10, 16).getTime();
    const root = mount(h(PlanValueSection, { settings, bySite, currency: { code: 'USD', usdRate: 1 }, now }));
    const claude = root.querySelector<HTMLElement>('[data-testid="plan-value-claude"]')!;
    expect(Number(claude.dataset.ratio)).toBeCloseTo(2.355, 12);
    expect(claude.textContent).toContain('This month: $47.10 at API prices on a $20.00 plan: 2.4×');
    expect(claude.textContent).toContain("On pace for $94.20 by the month's end (4.7×)");
    expect(root.querySelector<HTMLElement>('[data-testid="plan-value-chatgpt"]')!.dataset.ratio).toBe('');
    expect(root.querySelector<HTMLElement>('[data-testid="plan-verdict"]')!.dataset.cheaperPerToken).toBe('false');

    const share = mount(h(PlanValueSection, { settings: { ...settings, planDisplay: 'share' as const }, bySite, currency: { code: 'USD', usdRate: 1 }, now }));
    expect(share.querySelector('[data-testid="plan-value-claude"]')!.textContent).toContain("236% of the plan's price");
    expect(share.querySelector('[data-testid="plan-value-claude"]')!.textContent).not.toContain('$47.10');
  });
});

describe('the 30-day chart', () => {
  it('has dates on its axis and the amount on focus', async () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, usd: i, turns: 1 }));
    const root = mount(h(DailyChart, { days, currency: { code: 'USD', usdRate: 1 } }));
    expect(root.querySelector('[data-testid="chart-axis"]')!.textContent).toBe('Nov 1Nov 15Nov 30');
    expect(shortDate('2026-03-09')).toBe('Mar 9');
    root.querySelector<HTMLElement>('[data-day="2026-11-05"]')!.dispatchEvent(new FocusEvent('focus'));
    await waitFor(() => root.querySelector('.chart-readout')!.textContent?.includes('Nov 5: $4.00'), 'the readout');
  });

  it("names a day's range, and '≥' for a day holding a turn with reasoning not visible", async () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, usd: 1, usdMax: 1, turns: 1, lowerBoundTurns: 0 }));
    days[2] = { ...days[2]!, usd: 0.08, usdMax: 0.13 };
    days[3] = { ...days[3]!, usd: 0.5, usdMax: 0.5, lowerBoundTurns: 1 };
    const root = mount(h(DailyChart, { days, currency: { code: 'USD', usdRate: 1 } }));
    const bar = (day: string) => root.querySelector<HTMLElement>(`[data-day="${day}"]`)!;
    expect(bar('2026-11-03').getAttribute('aria-label')).toBe('2026-11-03: $0.08–$0.13, 1 turns');
    expect(bar('2026-11-03').getAttribute('data-value-max')).toBe('0.13');
    expect(bar('2026-11-04').getAttribute('aria-label')).toBe('2026-11-04: ≥ $0.50, 1 turns');
    expect(bar('2026-11-05').getAttribute('aria-label')).toBe('2026-11-05: $1.00, 1 turns');
    bar('2026-11-03').dispatchEvent(new FocusEvent('focus'));
    await waitFor(() => root.querySelector('.chart-readout')!.textContent === 'Nov 3: $0.08–$0.13, 1 turns', 'the readout');
  });
});

describe('the pill limit line', () => {
  const base = { counting: false, draftTokens: 1, draftExact: true, contextTokens: 0, contextExact: true, contextReported: false, lastReasoningTokens: null, overheadTokens: 0, modelName: 'X', modelRead: null, modelSource: 'picker', overridden: false, estimate: { inputUsd: 0, outputUsd: null, priced: true, upperBound: false, typicalReplyTokens: null, cheapest: null, priciest: null }, currency: { code: 'USD', usdRate: 1 }, note: null, warning: null } as unknown as PillView;
  it('shows the line and the note with the level as a class, and nothing without limits', () => {
    const root = mount(h(Pill, { view: { ...base, limit: { text: '5-hour limit 100% · resets 14:20', level: 'over', used: 1, fallback: 'ChatGPT switched this chat to a smaller model (message cap)' } } }));
    const line = root.querySelector('[data-testid="pill-limit"]')!;
    expect(line.className).toBe('limit level-over');
    expect(line.textContent).toContain('5-hour limit 100% · resets 14:20');
    expect(root.querySelector('[data-testid="pill-fallback"]')).not.toBeNull();
    expect(mount(h(Pill, { view: base })).querySelector('[data-testid="pill-limit"]')).toBeNull();
  });
});

describe('the pill feed', () => {
  function fakeBridge() {
    let listener: ((r: LimitReport) => void) | null = null;
    const bridge = { onReport: () => () => undefined, onLimits: (l: (r: LimitReport) => void) => ((listener = l), () => (listener = null)), state: () => 'running', dropped: () => 0 } as unknown as UsageBridge;
    return { bridge, emit: (r: LimitReport) => listener?.(r) };
  }
  const ctx = { onInvalidated: () => undefined } as never;
  const report = (over: Partial<LimitReport>): LimitReport => ({ kind: 'limits', site: 'chatgpt', origin: 'https://chatgpt.com', conversationId: 'c1', seenAt: Date.now(), windows: [], fallback: null, ...over });

  it('passes reports on, shows the fallback only in its conversation and the most pressing window', async () => {
    const { bridge, emit } = fakeBridge();
    const sent: unknown[] = [];
    const limits = await startPageLimits(ctx, 'chatgpt', bridge, async (m) => void sent.push(m));
    expect(limits.view('c1')).toBeNull();
    emit(report({ fallback: 'auto:smaller_model:reached_message_cap' }));
    expect(limits.view('c1')).toEqual({ text: null, level: 'ok', used: null, fallback: 'ChatGPT switched this chat to a smaller model (message cap)' });
    expect(limits.view('c2')).toBeNull();
    emit(report({ windows: [{ window: 'gpt', used: 0.95, remaining: null, total: null, resetsAt: Date.now() + H, windowSeconds: null }] }));
    expect(limits.view('c2')).toMatchObject({ level: 'warning', used: 0.95, text: expect.stringMatching(/^gpt limit 95% · resets/) });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ kind: 'limits', site: 'chatgpt', fallback: 'auto:smaller_model:reached_message_cap' });
  });

  it('sends and shows nothing for a site turned off', async () => {
    const s = defaultSettings();
    await saveSettings({ ...s, sites: { ...s.sites, chatgpt: { ...s.sites.chatgpt, enabled: false } } });
    const { bridge, emit } = fakeBridge();
    const sent: unknown[] = [];
    const limits = await startPageLimits(ctx, 'chatgpt', bridge, async (m) => void sent.push(m));
    emit(report({ fallback: 'auto:smaller_model:reached_message_cap' }));
    expect(sent).toEqual([]);
    expect(limits.view('c1')).toBeNull();
  });
});
