// The background's limit upkeep on an in-memory browser: readings kept per site and window across a
// restart (storage, not memory), notices once per window and level at the user's threshold, none
// when notices are off, the smaller-model note kept, and the router's checks on who may report.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordLimits } from '@/lib/background/limits';
import { limitBookItem, limitFallbackItem, limitNoticesItem } from '@/lib/limits/store';
import type { LimitsMessage } from '@/lib/messaging/protocol';
import { routeMessage, type RouterDeps } from '@/lib/messaging/router';
import { defaultSettings, saveSettings } from '@/lib/settings';

const H = 3600_000;
const now = Date.UTC(2026, 10, 30, 12);
const message = (used: number, seenAt = now, resetsAt = now + 2 * H): LimitsMessage => ({
  kind: 'limits',
  site: 'claude',
  conversationId: null,
  seenAt,
  windows: [{ window: '5h', used, remaining: null, total: null, resetsAt, windowSeconds: 18000 }],
  fallback: null,
});
const notifier = () => ({ api: { create: vi.fn(async () => undefined) }, iconUrl: 'icon.png' });

beforeEach(() => fakeBrowser.reset());

describe('recordLimits', () => {
  it('keeps the latest reading with its history, in storage', async () => {
    await recordLimits(message(0.2, now - H), null, now);
    await recordLimits(message(0.3), null, now);
    expect((await limitBookItem.getValue())['claude:5h']).toMatchObject({ used: 0.3, seenAt: now, history: [{ at: now - H, used: 0.2 }] });
  });

  it('announces the threshold and the limit once each per window', async () => {
    const n = notifier();
    expect(await recordLimits(message(0.5), n, now)).toEqual([]);
    const warned = await recordLimits(message(0.81), n, now);
    expect(warned).toEqual([`spendmeter-limit:claude:5h@${now + 2 * H}:warning`]);
    expect(await recordLimits(message(0.9), n, now)).toEqual([]);
    expect(await recordLimits(message(1), n, now)).toEqual([`spendmeter-limit:claude:5h@${now + 2 * H}:over`]);
    expect(await recordLimits(message(1), n, now)).toEqual([]);
    // A reset time moved by seconds is the same window.
    expect(await recordLimits(message(1, now, now + 2 * H + 30_000), n, now)).toEqual([]);
    expect(n.api.create).toHaveBeenCalledTimes(2);
    expect(n.api.create.mock.calls[0]).toMatchObject([expect.any(String), { title: 'Claude: 5-hour limit at 81%' }]);
    // The next window (a new reset) is announced again.
    expect(await recordLimits(message(0.85, now + 3 * H, now + 8 * H), n, now + 3 * H)).toHaveLength(1);
  });

  it('follows the user threshold and the notify switch', async () => {
    const s = defaultSettings();
    expect(await saveSettings({ ...s, limits: { warnPercent: 50, notify: false } })).toEqual({ ok: true });
    const n = notifier();
    expect(await recordLimits(message(0.6), n, now)).toEqual([]);
    expect(n.api.create).not.toHaveBeenCalled();
    // Still recorded as given, so turning notices on later does not announce an old crossing.
    expect(Object.keys(await limitNoticesItem.getValue())).toEqual([`claude:5h@${now + 2 * H}`]);
  });

  it('rejects a bad threshold and keeps the settings', async () => {
    const result = await saveSettings({ ...defaultSettings(), limits: { warnPercent: 0, notify: true } });
    expect(result.ok).toBe(false);
  });

  it('keeps the smaller-model note per site', async () => {
    await recordLimits({ ...message(0), site: 'chatgpt', windows: [], conversationId: 'c1', fallback: 'auto:smaller_model:reached_message_cap' }, null, now);
    expect((await limitFallbackItem.getValue()).chatgpt).toEqual({ conversationId: 'c1', note: 'auto:smaller_model:reached_message_cap', seenAt: now });
  });
});

describe('the router and limits', () => {
  const ID = 'ext';
  const ORIGIN = 'chrome-extension://ext';
  const deps = (): RouterDeps => ({
    extensionId: ID,
    extensionOrigin: ORIGIN,
    counting: { count: vi.fn() },
    recordTurn: vi.fn(),
    reportHealth: vi.fn(),
    recordLimits: vi.fn(async () => undefined),
    refreshStatus: vi.fn(),
  });
  const tab = (url: string) => ({ id: ID, url, tab: { id: 1, url } as never });

  it('takes limits from a content script on the same site only', async () => {
    const d = deps();
    await expect(routeMessage(message(0.5), tab('https://claude.ai/chat/1'), d)).resolves.toEqual({ status: 'ok' });
    await expect(routeMessage(message(0.5), tab('https://chatgpt.com/'), d)).resolves.toEqual({ status: 'error', message: 'sender not allowed to report for claude' });
    await expect(routeMessage(message(0.5), { id: ID, origin: ORIGIN }, d)).resolves.toMatchObject({ status: 'error' });
    expect(d.recordLimits).toHaveBeenCalledTimes(1);
  });

  it('answers a malformed limits message with an error and records nothing', async () => {
    const d = deps();
    const bad = { ...message(0.5), windows: [{ window: '5h', used: 2, remaining: null, total: null, resetsAt: null, windowSeconds: null }] };
    await expect(routeMessage(bad, tab('https://claude.ai/chat/1'), d)).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/^malformed message/) });
    expect(d.recordLimits).not.toHaveBeenCalled();
  });
});
