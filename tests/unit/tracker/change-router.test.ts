// How news from outside the page reaches the parts: a settings change re-resolves the model with
// the new catalog and site settings and takes the pill away when the site or the pill is switched
// off; a budget change only flushes; a stream report names the model for its conversation (the
// page's key when it names none) and goes to the turn recorder; a limit change re-renders; every
// subscription ends with the context; a failed alias save says why.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SITE_SETTINGS } from '@/lib/settings/schema';
import { ChangeRouter, type ChangeParts } from '@/lib/tracker/change-router';
import type { SettingsChange } from '@/lib/tracker/tracker-settings';
import type { StreamReport } from '@/lib/usage/wire';

const usage = { model: 'gpt-5-3', modelMode: null, inputTokens: 10, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: 2, reasoningTokens: null, totalTokens: null };
const report = (conversationId: string | null, withUsage = true) =>
  ({ kind: 'stream', site: 'chatgpt', origin: 'https://chatgpt.com', conversationId, startedAt: 0, endedAt: 1, problem: null, usage: withUsage ? usage : null, tools: [], thinking: false }) as StreamReport;

function setup() {
  const listeners: { settings?: (what: SettingsChange) => void; usage?: (r: StreamReport) => void; limits?: () => void } = {};
  const removed: string[] = [];
  const p = {
    settings: {
      catalog: { models: [] },
      forSite: { ...DEFAULT_SITE_SETTINGS },
      watch: vi.fn((_ctx: unknown, changed: (what: SettingsChange) => void) => void (listeners.settings = changed)),
      saveAlias: vi.fn(async () => null as string | null),
    },
    models: { configure: vi.fn(), noteStream: vi.fn() },
    conversation: { key: 'page-1' },
    turns: { onReport: vi.fn() },
    pill: { unmount: vi.fn() },
    shown: { render: vi.fn(), setNote: vi.fn() },
    loop: { schedule: vi.fn() },
    usage: { onReport: vi.fn((l: (r: StreamReport) => void) => ((listeners.usage = l), () => removed.push('usage'))) },
    limits: { onChange: vi.fn((l: () => void) => ((listeners.limits = l), () => removed.push('limits'))) },
  };
  const ends: (() => void)[] = [];
  const ctx = {
    onInvalidated: (cb: () => void) => {
      ends.push(cb);
      return () => undefined;
    },
  };
  const router = new ChangeRouter(p as unknown as ChangeParts);
  return { p, router, ctx, listeners, removed, end: () => ends.forEach((cb) => cb()) };
}

describe('ChangeRouter', () => {
  it('re-resolves the model on a settings change, and takes the pill away when it is switched off', () => {
    const { p, router } = setup();
    router.settingsChanged('settings');
    expect(p.models.configure).toHaveBeenCalledWith(p.settings.catalog, p.settings.forSite);
    expect(p.pill.unmount).not.toHaveBeenCalled();
    expect(p.loop.schedule).toHaveBeenCalledTimes(1);
    for (const off of [{ enabled: false }, { pill: false }]) {
      p.settings.forSite = { ...DEFAULT_SITE_SETTINGS, ...off };
      router.settingsChanged('settings');
    }
    expect(p.pill.unmount).toHaveBeenCalledTimes(2);
  });

  it('only flushes on a budget change', () => {
    const { p, router } = setup();
    p.settings.forSite = { ...DEFAULT_SITE_SETTINGS, enabled: false };
    router.settingsChanged('budgets');
    expect(p.models.configure).not.toHaveBeenCalled();
    expect(p.pill.unmount).not.toHaveBeenCalled();
    expect(p.loop.schedule).toHaveBeenCalledTimes(1);
  });

  it("notes a stream's model for its conversation, or the page's, and passes the report to the turns", () => {
    const { p, router } = setup();
    router.usageReported(report('c1'));
    router.usageReported(report(null));
    router.usageReported(report('c2', false));
    expect(p.models.noteStream.mock.calls).toEqual([['c1', usage], ['page-1', usage]]);
    expect(p.turns.onReport).toHaveBeenCalledTimes(3);
    expect(p.loop.schedule).toHaveBeenCalledTimes(3);
  });

  it('never lets a part that throws reach the page', () => {
    const { p, router } = setup();
    p.turns.onReport.mockImplementation(() => {
      throw new Error('broken');
    });
    expect(() => router.usageReported(report('c1'))).not.toThrow();
  });

  it('follows settings, streams and limits until the context ends', () => {
    const { p, router, ctx, listeners, removed, end } = setup();
    router.follow(ctx);
    listeners.settings!('budgets');
    listeners.usage!(report('c1'));
    listeners.limits!();
    expect(p.loop.schedule).toHaveBeenCalledTimes(2);
    expect(p.turns.onReport).toHaveBeenCalledTimes(1);
    expect(p.shown.render).toHaveBeenCalledTimes(1);
    expect(p.settings.watch).toHaveBeenCalledWith(ctx, expect.any(Function));
    end();
    expect(removed).toEqual(['usage', 'limits']);
  });

  it('follows only the settings on a site with no usage reader', () => {
    const { p, ctx } = setup();
    new ChangeRouter({ ...p, usage: null, limits: null } as unknown as ChangeParts).follow(ctx);
    expect(p.settings.watch).toHaveBeenCalledTimes(1);
    expect(p.usage.onReport).not.toHaveBeenCalled();
    expect(p.limits.onChange).not.toHaveBeenCalled();
  });

  it('says in the pill why an alias was not saved', async () => {
    const { p, router } = setup();
    router.aliasChosen('Ultra 7', 'openai/gpt-5');
    await Promise.resolve();
    expect(p.settings.saveAlias).toHaveBeenCalledWith('Ultra 7', 'openai/gpt-5');
    expect(p.shown.setNote).not.toHaveBeenCalled();
    p.settings.saveAlias.mockResolvedValueOnce('the alias was not saved: storage is full');
    router.aliasChosen('Ultra 7', 'openai/gpt-5');
    await vi.waitFor(() => expect(p.shown.setNote).toHaveBeenCalledWith('the alias was not saved: storage is full'));
  });
});
