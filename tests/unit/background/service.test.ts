import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BADGE_COLORS, BADGE_NEUTRAL } from '@/lib/background/badge';
import { announceCrossings } from '@/lib/background/budgets';
import { describeHealth, healthItem } from '@/lib/background/health';
import type { HealthMessage } from '@/lib/messaging/protocol';
import { budgetNoticesItem, budgetSnapshotItem } from '@/lib/budgets/store';
import { createBackgroundServices } from '@/lib/background/service';
import { openLedgerDb } from '@/lib/ledger';
import type { TurnRecord } from '@/lib/messaging/protocol';
import { saveSettings, defaultSettings, loadSettings } from '@/lib/settings';

function badge() {
  const state = { text: '', color: '', title: '' };
  return {
    state,
    api: {
      setBadgeText: ({ text }: { text: string }) => void (state.text = text),
      setBadgeBackgroundColor: ({ color }: { color: string }) => void (state.color = color),
      setTitle: ({ title }: { title: string }) => void (state.title = title),
    },
  };
}

// The badge and the budgets count the turns of today and this month at the moment of recording.
// The clock (Date only; timers stay real) is pinned to a mid-month noon, so the turn below is
// today's at any hour the suite runs: with the real clock, a run across midnight lost it.
const now = new Date(2026, 10, 18, 12).getTime();
const turn: TurnRecord = {
  site: 'claude', conversationId: 'c1', promptKey: 'u1', replyKey: 'a1', model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5',
  promptTokens: 100_000, contextTokens: 0, overheadTokens: 0, outputTokens: 20_000, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reported: { counts: 'none', model: false },
  exact: { prompt: false, context: true, output: false }, sentAt: now - 5000, finishedAt: now, regenerated: false, modelSource: 'picker', replyOpaque: null, tools: [], thinking: false,
};

beforeEach(() => {
  vi.setSystemTime(now);
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

afterAll(() => vi.useRealTimers());

describe('background services', () => {
  it('records a turn once, prices it and puts today on the badge', async () => {
    const b = badge();
    const services = createBackgroundServices(openLedgerDb('svc-1'), b.api);
    expect(await services.recordTurn(turn)).toEqual({ status: 'ok', added: true, updated: false });
    // Sonnet 4.5: $3 in, $15 out → 0.3 + 0.3 = $0.60.
    expect(b.state.text).toBe('$0.60');
    expect(b.state.title).toContain('1 turn');
    expect(await services.recordTurn(turn)).toEqual({ status: 'ok', added: false, updated: false });
    expect(b.state.text).toBe('$0.60');
  });

  it("replaces a turn the site reported later and redoes the badge; the counted version again changes nothing", async () => {
    const b = badge();
    const services = createBackgroundServices(openLedgerDb('svc-reported'), b.api);
    await services.recordTurn(turn);
    const reported: TurnRecord = { ...turn, promptTokens: 100, contextTokens: 199_900, outputTokens: 40_000, exact: { prompt: true, context: true, output: true }, reported: { counts: 'full', model: true } };
    expect(await services.recordTurn(reported)).toEqual({ status: 'ok', added: false, updated: true });
    // 200,000 input at $3 and 40,000 output at $15: $0.60 + $0.60.
    expect(b.state.text).toBe('$1.20');
    expect(await services.recordTurn(turn)).toEqual({ status: 'ok', added: false, updated: false });
    expect(b.state.text).toBe('$1.20');
  });

  it('keeps the badge empty while today has only unpriced turns', async () => {
    const b = badge();
    const services = createBackgroundServices(openLedgerDb('svc-2'), b.api);
    await services.recordTurn({ ...turn, model: null, modelLabel: 'Mystery' });
    expect(b.state.text).toBe('');
  });

  it('survives a restart: a new service instance on the same database sees the turn', async () => {
    const first = createBackgroundServices(openLedgerDb('svc-3'), badge().api);
    await first.recordTurn(turn);
    const b = badge();
    const second = createBackgroundServices(openLedgerDb('svc-3'), b.api);
    expect(await second.recordTurn(turn)).toEqual({ status: 'ok', added: false, updated: false });
    expect((await second.refreshStatus()).look.text).toBe('$0.60');
  });

  it('stores health: missing required parts make the site degraded', async () => {
    const services = createBackgroundServices(openLedgerDb('svc-4'), badge().api);
    await services.reportHealth({ kind: 'health', site: 'gemini', found: { composer: false, transcript: true, modelLabel: false }, required: ['composer', 'transcript'], note: null, unrecognisedModel: null });
    const health = await healthItem.getValue();
    expect(health.gemini).toMatchObject({ status: 'degraded', missing: ['composer'] });
  });

  it('stores health: a model name the catalog does not know makes the site degraded, saying which', async () => {
    const services = createBackgroundServices(openLedgerDb('svc-5'), badge().api);
    const report: Omit<HealthMessage, 'unrecognisedModel'> = { kind: 'health', site: 'grok', found: { composer: true, transcript: true, modelLabel: true }, required: ['composer', 'modelLabel'], note: null };
    await services.reportHealth({ ...report, unrecognisedModel: 'Grok 9 Ultra' });
    const stored = (await healthItem.getValue()).grok!;
    expect(stored).toMatchObject({ status: 'degraded', missing: [], unrecognisedModel: 'Grok 9 Ultra' });
    expect(describeHealth(stored)).toBe('degraded: model not recognised: "Grok 9 Ultra" (its turns are unpriced)');
    await services.reportHealth({ ...report, unrecognisedModel: null });
    expect(describeHealth((await healthItem.getValue()).grok!)).toBe('tracking');
  });
});

describe('settings', () => {
  it('rejects a bad value with the field named and keeps the old settings', async () => {
    const good = defaultSettings();
    good.contextPricing = 'cached';
    expect(await saveSettings(good)).toEqual({ ok: true });
    const bad = structuredClone(good) as unknown as { sites: { claude: { overheadTokens: number } } };
    bad.sites.claude.overheadTokens = -5;
    const result = await saveSettings(bad);
    expect(result).toMatchObject({ ok: false });
    expect((result as { message: string }).message).toContain('sites.claude.overheadTokens');
    expect((await loadSettings()).contextPricing).toBe('cached');
    expect((await loadSettings()).sites.claude.overheadTokens).toBe(0);
  });

  it.each([
    [{ priceOverrides: { 'x/y': { input: -1, output: 1 } } }, 'priceOverrides.x/y.input'],
    [{ currency: { code: 'usd', usdRate: 1 } }, 'currency.code'],
    [{ currency: { code: 'EUR', usdRate: 0 } }, 'currency.usdRate'],
    [{ contextPricing: 'free' }, 'contextPricing'],
  ])('rejects %j', async (patch, field) => {
    const result = await saveSettings({ ...defaultSettings(), ...patch });
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toContain(field);
  });
});

describe('budgets in the background', () => {
  function notifications() {
    const shown: { id: string; title: string; message: string }[] = [];
    return { shown, notifier: { iconUrl: 'icon.png', api: { create: async (id: string, o: { title: string; message: string }) => void shown.push({ id, title: o.title, message: o.message }) } } };
  }
  const withBudget = async (budgets: Partial<ReturnType<typeof defaultSettings>['budgets']>) => {
    const s = defaultSettings();
    expect(await saveSettings({ ...s, budgets: { ...s.budgets, ...budgets } })).toEqual({ ok: true });
  };

  it('turns the badge red, names the budget in the tooltip and notifies once when a turn goes over', async () => {
    await withBudget({ daily: 0.5 });
    const b = badge();
    const n = notifications();
    const services = createBackgroundServices(openLedgerDb('bud-1'), b.api, n.notifier);
    expect((await services.refreshStatus()).look.color).toBe(BADGE_COLORS.ok);
    await services.recordTurn(turn); // $0.60 of a $0.50 daily budget
    expect(b.state.color).toBe(BADGE_COLORS.over);
    expect(b.state.title).toContain("Over today's budget: $0 left of $0.50");
    expect(n.shown).toEqual([{ id: expect.stringMatching(/^spendmeter-budget:day@\d{4}-\d\d-\d\d:over$/), title: "Over today's budget", message: '$0.60 of $0.50 spent (API-equivalent).' }]);
    await services.recordTurn({ ...turn, replyKey: 'a2' });
    await services.refreshStatus();
    expect(n.shown).toHaveLength(1);
    const snapshot = await budgetSnapshotItem.getValue();
    expect(snapshot?.statuses[0]).toMatchObject({ id: 'day', level: 'over' });
  });

  it('turns the badge amber in warning, and notifies warning then over, each once', async () => {
    await withBudget({ monthly: 0.7, warnPercent: 80 });
    const b = badge();
    const n = notifications();
    const services = createBackgroundServices(openLedgerDb('bud-2'), b.api, n.notifier);
    await services.recordTurn(turn); // $0.60 of $0.70: 85%
    expect(b.state.color).toBe(BADGE_COLORS.warning);
    expect(b.state.title).toContain("85% of this month's budget: $0.10 left of $0.70");
    await services.recordTurn({ ...turn, replyKey: 'a2' });
    expect(b.state.color).toBe(BADGE_COLORS.over);
    expect(n.shown.map((s) => s.title)).toEqual(["85% of this month's budget used", "Over this month's budget"]);
  });

  it('does not notify again after a browser or service-worker restart', async () => {
    await withBudget({ daily: 0.5 });
    const first = notifications();
    await createBackgroundServices(openLedgerDb('bud-3'), badge().api, first.notifier).recordTurn(turn);
    expect(first.shown).toHaveLength(1);
    // A new service instance (the worker restarted) on the same storage and database.
    const second = notifications();
    const restarted = createBackgroundServices(openLedgerDb('bud-3'), badge().api, second.notifier);
    await restarted.refreshStatus();
    await restarted.recordTurn({ ...turn, replyKey: 'a2' });
    expect(second.shown).toEqual([]);
  });

  it('announces each budget once even when turns finish together', async () => {
    await withBudget({ daily: 0.5 });
    const n = notifications();
    const services = createBackgroundServices(openLedgerDb('bud-4'), badge().api, n.notifier);
    await Promise.all([1, 2, 3].map((i) => services.recordTurn({ ...turn, replyKey: `a${i}` })));
    expect(n.shown).toHaveLength(1);
  });

  it('records but does not show notices when notifications are off, and forgets them when the period ends', async () => {
    await withBudget({ daily: 0.5, notify: false });
    const n = notifications();
    const services = createBackgroundServices(openLedgerDb('bud-5'), badge().api, n.notifier);
    await services.recordTurn(turn);
    expect(n.shown).toEqual([]);
    expect(Object.keys(await budgetNoticesItem.getValue())).toHaveLength(1);
    const [status] = (await services.refreshStatus()).statuses;
    // The next day the day's notice is dropped and a new crossing is announced again.
    const tomorrow = { ...status!, periodStart: '2099-01-01', periodNext: '2099-01-02' };
    expect(await announceCrossings([tomorrow], '2099-01-01', true, { code: 'USD', usdRate: 1 }, n.notifier)).toHaveLength(1);
    expect(Object.keys(await budgetNoticesItem.getValue())).toEqual(['day@2099-01-01']);
  });

  it('keeps the badge neutral without budgets', async () => {
    const b = badge();
    await createBackgroundServices(openLedgerDb('bud-6'), b.api).recordTurn(turn);
    expect(b.state.color).toBe(BADGE_NEUTRAL);
  });
});
