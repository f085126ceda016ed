import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { healthItem } from '@/lib/background/health';
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

const now = Date.now();
const turn: TurnRecord = {
  site: 'claude', conversationId: 'c1', promptKey: 'u1', replyKey: 'a1', model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5',
  promptTokens: 100_000, contextTokens: 0, overheadTokens: 0, outputTokens: 20_000, reasoningTokens: 0, cachedInputTokens: 0,
  exact: { prompt: false, context: true, output: false }, sentAt: now - 5000, finishedAt: now, regenerated: false,
};

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

describe('background services', () => {
  it('records a turn once, prices it and puts today on the badge', async () => {
    const b = badge();
    const services = createBackgroundServices(openLedgerDb('svc-1'), b.api);
    expect(await services.recordTurn(turn)).toEqual({ status: 'ok', added: true });
    // Sonnet 4.5: $3 in, $15 out → 0.3 + 0.3 = $0.60.
    expect(b.state.text).toBe('$0.60');
    expect(b.state.title).toContain('1 turn');
    expect(await services.recordTurn(turn)).toEqual({ status: 'ok', added: false });
    expect(b.state.text).toBe('$0.60');
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
    expect(await second.recordTurn(turn)).toEqual({ status: 'ok', added: false });
    expect(await second.refreshBadge()).toBe('$0.60');
  });

  it('stores health: missing required parts make the site degraded', async () => {
    const services = createBackgroundServices(openLedgerDb('svc-4'), badge().api);
    await services.reportHealth({ kind: 'health', site: 'gemini', found: { composer: false, transcript: true, modelLabel: false }, required: ['composer', 'transcript'], note: null });
    const health = await healthItem.getValue();
    expect(health.gemini).toMatchObject({ status: 'degraded', missing: ['composer'] });
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
