// The popup's parts that need a chat tab or a stale catalog, rendered with WXT's fake browser and
// fake-indexeddb: this tab's conversation, links to the top conversations, the catalog's age.
import { IDBFactory } from 'fake-indexeddb';
import { h, render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { importedCatalogItem } from '@/lib/catalog/active';
import { clearAll, openLedgerDb, recordTurn, type NewTurn } from '@/lib/ledger';
import { waitFor } from './wait-for';

// The popup reads "today" and "this month" when it renders. The clock (Date only; timers stay real)
// is pinned to a mid-month noon, so the turns below are today's at any hour the suite runs: with
// the real clock, a run started just before midnight or a month's end found them yesterday's.
const now = new Date(2026, 10, 18, 12).getTime();
const turn = (over: Partial<NewTurn>): NewTurn => ({
  site: 'claude', conversationId: 'conv-1', promptKey: 'u1', replyKey: 'a1', model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5', catalogVersion: 'v1',
  sentAt: now - 5000, finishedAt: now - 1000, promptTokens: 100, contextTokens: 0, overheadTokens: 0, outputTokens: 100, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false, modelSource: 'picker', replyOpaque: null,
  exactPrompt: false, exactContext: true, exactOutput: false, regenerated: false, priced: true, usd: 0.02, upperBound: false, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false, ...over,
});

async function renderPopup(): Promise<HTMLElement> {
  vi.resetModules(); // the popup opens its database when its module loads
  const { Popup } = await import('@/components/Popup');
  const root = document.createElement('div');
  document.body.append(root);
  render(h(Popup, null), root);
  return root;
}

beforeEach(async () => {
  vi.setSystemTime(now);
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  const db = openLedgerDb();
  await clearAll(db); // Dexie keeps the first IndexedDB factory it saw: rows of earlier tests stay
  await recordTurn(db, turn({}));
  await recordTurn(db, turn({ promptKey: 'u2', replyKey: 'a2', usd: 0.03 }));
  await recordTurn(db, turn({ site: 'chatgpt', conversationId: 'page-5f1c', model: 'openai/gpt-5.2', usd: 0.01 }));
  db.close();
});

afterEach(() => {
  document.body.innerHTML = '';
});

afterAll(() => vi.useRealTimers());

describe('popup', () => {
  it("shows this tab's conversation when the active tab is a chat", async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 }] as never);
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ site: 'claude', conversationId: 'conv-1' } as never);
    const root = await renderPopup();
    const line = await waitFor(() => root.querySelector('[data-testid="current-conversation"]')?.textContent?.match(/turns/) && root.querySelector('[data-testid="current-conversation"]')!.textContent, 'this tab');
    expect(line).toBe('Claude: 2 turns, $0.05');
    expect(root.querySelector('[data-testid="current-conversation"]')!.getAttribute('data-lower-bound')).toBe('false');
    expect(sendMessage).toHaveBeenCalledWith(7, { kind: 'which-conversation' });
  });

  it("shows this month's tokens, with reasoning on its own only once a site reported some", async () => {
    let root = await renderPopup();
    const line = await waitFor(() => root.querySelector('[data-testid="month-tokens"]'), 'the month tokens');
    expect(line.textContent).toBe('This month: 300 tokens in · 300 out');
    expect(root.querySelector('[data-testid="month-reasoning"]')).toBeNull();
    document.body.innerHTML = '';
    const db = openLedgerDb();
    await recordTurn(db, turn({ site: 'gemini', conversationId: 'g1', model: 'google/gemini-3-pro-preview', reasoningTokens: 412, reportedCounts: 'full' }));
    db.close();
    root = await renderPopup();
    const reasoning = await waitFor(() => root.querySelector('[data-testid="month-reasoning"]'), 'the reasoning tokens');
    expect(reasoning.getAttribute('data-value')).toBe('412');
    expect(reasoning.textContent).toContain('412 reasoning (billed as output)');
  });

  it('shows tool calls with their cost and the unpriced ones, and marks totals holding a turn with reasoning not visible (issue 18)', async () => {
    let root = await renderPopup();
    await waitFor(() => root.querySelector('[data-testid="month-tokens"]'), 'the month tokens');
    expect(root.querySelector('[data-testid="month-tools"]')).toBeNull();
    expect(root.querySelector('[data-testid="lower-bound"]')).toBeNull();
    expect(root.querySelector('[data-testid="today-usd"]')!.getAttribute('data-lower-bound')).toBe('false');
    document.body.innerHTML = '';
    const db = openLedgerDb();
    await recordTurn(db, turn({
      site: 'gemini', conversationId: 'g2', model: 'google/gemini-2.5-pro', usd: 0.04, reasoningHidden: true,
      toolCalls: [{ kind: 'web_search', count: 3, usd: 0.035 }, { kind: 'code_execution', count: 1, usd: null }], toolUsd: 0.035,
    }));
    db.close();
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 }] as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ site: 'gemini', conversationId: 'g2' } as never);
    root = await renderPopup();
    const tools = await waitFor(() => root.querySelector('[data-testid="month-tools"]'), 'the tool calls');
    expect(tools.textContent).toBe('Tools this month: 3 web searches, 1 code run · $0.035 at published per-call prices (1 not priced)');
    expect(Number(tools.getAttribute('data-usd'))).toBeCloseTo(0.035, 12);
    const today = root.querySelector('[data-testid="today-usd"]')!;
    expect(today.getAttribute('data-lower-bound')).toBe('true');
    // $0.02 + $0.03 + $0.01 + the Gemini turn's $0.04 in tokens and $0.035 in searches.
    expect(Number(today.getAttribute('data-value'))).toBeCloseTo(0.135, 12);
    expect(today.textContent).toBe('≥ $0.135');
    expect(root.querySelector('[data-testid="lower-bound"]')!.textContent).toContain('1 turn with reasoning not visible');
    // The rows that hold that turn say so too; the others do not.
    const row = (list: string, key: string) => root.querySelector(`[data-testid="${list}"] li[data-key="${key}"]`)!;
    await waitFor(() => root.querySelector('[data-testid="top-conversations"] li[data-key="gemini/g2"]'), 'the top conversations');
    for (const [list, key, text] of [['by-site', 'gemini', '≥ $0.075 · 1'], ['by-model', 'google/gemini-2.5-pro', '≥ $0.075 · 1'], ['top-conversations', 'gemini/g2', '1 turn · ≥ $0.075']]) {
      expect(row(list!, key!).getAttribute('data-lower-bound'), key).toBe('true');
      expect(row(list!, key!).querySelector('.figure')!.textContent, key).toBe(text);
    }
    expect(row('by-site', 'claude').getAttribute('data-lower-bound')).toBe('false');
    expect(row('by-site', 'claude').querySelector('.figure')!.textContent).toBe('$0.05 · 2');
    expect(row('top-conversations', 'claude/conv-1').getAttribute('data-lower-bound')).toBe('false');
    const tab = await waitFor(() => root.querySelector('[data-testid="current-conversation"][data-value]'), 'this tab');
    expect(tab.getAttribute('data-lower-bound')).toBe('true');
    expect(tab.textContent).toBe('Gemini: 1 turns, ≥ $0.075');
  });

  it('tells, per model, the turns whose model the user chose from those we assumed', async () => {
    const db = openLedgerDb();
    await recordTurn(db, turn({ site: 'gemini', conversationId: 'g1', model: 'google/gemini-3.8-flash', modelSource: 'site default' }));
    await recordTurn(db, turn({ site: 'gemini', conversationId: 'g1', promptKey: 'u2', replyKey: 'a2', model: 'google/gemini-3.8-flash', modelSource: 'user alias' }));
    await recordTurn(db, turn({ site: 'gemini', conversationId: 'g1', promptKey: 'u3', replyKey: 'a3', model: 'google/gemini-3.8-flash', modelSource: 'mode' }));
    db.close();
    const root = await renderPopup();
    const row = await waitFor(() => root.querySelector('[data-testid="by-model"] [data-key="google/gemini-3.8-flash"]'), 'the model row');
    expect([row.getAttribute('data-chosen'), row.getAttribute('data-assumed')]).toEqual(['1', '1']);
    expect(row.textContent).toContain('(1 you chose, 1 assumed: the page named no model)');
    // A model the site named every time says nothing more.
    const named = root.querySelector('[data-testid="by-model"] [data-key="anthropic/claude-sonnet-4-5"]')!;
    expect(named.querySelector('.sources')).toBeNull();
  });

  it('says nothing about this tab when it is not a chat', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 8 }] as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const root = await renderPopup();
    await waitFor(() => root.querySelector('[data-testid="top-conversations"]'), 'the top conversations');
    expect(root.querySelector('[data-testid="current-conversation"]')).toBeNull();
  });

  it("links each top conversation to its page on the site, and says which chats had no address", async () => {
    const root = await renderPopup();
    const list = await waitFor(() => root.querySelector('[data-testid="top-conversations"]'), 'the top conversations');
    const items = [...list.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href') ?? null)).toEqual(['https://claude.ai/chat/conv-1', null]);
    expect(items[0]!.querySelector('a')!.getAttribute('target')).toBe('_blank');
    expect(items[1]!.textContent).toContain('(unsaved chat)');
  });

  it('warns when the price catalog is more than 60 days old, and not before', async () => {
    const day = (ago: number) => new Date(now - ago * 86_400_000).toISOString().slice(0, 10);
    await importedCatalogItem.setValue({ ...bundledCatalogData(), dataAsOf: day(61) });
    let root = await renderPopup();
    let date = await waitFor(() => root.querySelector('[data-testid="catalog-date"]'), 'the catalog date');
    expect(date.className).toBe('stale');
    expect(date.textContent).toMatch(/\(61 days old: import a newer catalog in Settings\)$/);

    document.body.innerHTML = '';
    await importedCatalogItem.setValue({ ...bundledCatalogData(), dataAsOf: day(59) });
    root = await renderPopup();
    date = await waitFor(() => root.querySelector('[data-testid="catalog-date"]'), 'the catalog date');
    expect(date.className).toBe('muted');
    expect(date.textContent).toBe(`Prices as of ${day(59)}`);
  });
});
