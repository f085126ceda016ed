// The popup shows a period, a breakdown row and a conversation whose attachments were priced as a
// range as a range, never a midpoint.
import { IDBFactory } from 'fake-indexeddb';
import { h, render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { clearAll, openLedgerDb, recordTurn, type NewTurn } from '@/lib/ledger';
import { waitFor } from '../wait-for';

// Pinned (Date only) to a mid-month noon: the popup's "today" holds these turns at any hour the
// suite runs, not only away from midnight.
const now = new Date(2026, 10, 18, 12).getTime();
const turn = (over: Partial<NewTurn>): NewTurn => ({
  site: 'claude', conversationId: 'conv-1', promptKey: 'u1', replyKey: 'a1', model: 'anthropic/claude-sonnet-4-5', modelLabel: 'Sonnet 4.5', catalogVersion: 'v1',
  sentAt: now - 5000, finishedAt: now - 1000, promptTokens: 100, contextTokens: 0, overheadTokens: 0, outputTokens: 100, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reportedCounts: 'none', reportedModel: false, modelSource: 'picker', replyOpaque: null,
  exactPrompt: false, exactContext: true, exactOutput: false, regenerated: false, priced: true, usd: 0.02, upperBound: false, toolCalls: [], toolUsd: null, thinking: false, reasoningHidden: false, ...over,
});

beforeEach(async () => {
  vi.setSystemTime(now);
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  const db = openLedgerDb();
  await clearAll(db);
  await recordTurn(db, turn({ usd: 0.06, usdMax: 0.11, attachmentTokensMin: 18000, attachmentTokensMax: 36000, attachmentPdfs: 1, attachmentPdfPages: 12 }));
  await recordTurn(db, turn({ promptKey: 'u2', replyKey: 'a2', usd: 0.02 }));
  db.close();
});

afterEach(() => {
  document.body.innerHTML = '';
});

afterAll(() => vi.useRealTimers());

it("shows today's spend as a range when a turn's attachments were a range", async () => {
  vi.resetModules();
  const { Popup } = await import('@/components/Popup');
  const root = document.createElement('div');
  document.body.append(root);
  render(h(Popup, null), root);
  let cell: Element | null = null;
  for (let i = 0; i < 200 && !cell?.getAttribute('data-value'); i++) {
    cell = root.querySelector('[data-testid="today-usd"]');
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(Number(cell!.getAttribute('data-value'))).toBeCloseTo(0.08, 12);
  expect(Number(cell!.getAttribute('data-value-max'))).toBeCloseTo(0.13, 12);
  expect(cell!.textContent).toBe('$0.08–$0.13');
});

it('shows each breakdown row, top conversation and this tab as a range where its turns were one, and one figure where not', async () => {
  // Beside the ranged Claude conversation: an exact ChatGPT turn and an unpriced one.
  const db = openLedgerDb();
  await recordTurn(db, turn({ site: 'chatgpt', conversationId: 'conv-2', model: 'openai/gpt-5.2', modelLabel: 'GPT-5.2', usd: 0.5 }));
  await recordTurn(db, turn({ site: 'chatgpt', conversationId: 'conv-2', promptKey: 'u2', replyKey: 'a2', model: 'unknown', modelLabel: 'Mystery', priced: false, usd: null }));
  db.close();
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 }] as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ site: 'claude', conversationId: 'conv-1' } as never);
  vi.resetModules();
  const { Popup } = await import('@/components/Popup');
  const root = document.createElement('div');
  document.body.append(root);
  render(h(Popup, null), root);

  const row = (list: string, key: string) => root.querySelector(`[data-testid="${list}"] li[data-key="${key}"]`);
  const shown = (li: Element) => ({
    low: Number(li.getAttribute('data-value')),
    high: Number(li.getAttribute('data-value-max')),
    text: li.querySelector('.figure')!.textContent,
  });
  await waitFor(() => row('by-model', 'unknown') && row('top-conversations', 'chatgpt/conv-2'), 'the breakdowns');

  const claudeSite = shown(row('by-site', 'claude')!);
  expect(claudeSite.text).toBe('$0.08–$0.13 · 2');
  expect(claudeSite.low).toBeCloseTo(0.08, 12);
  expect(claudeSite.high).toBeCloseTo(0.13, 12);
  expect(shown(row('by-site', 'chatgpt')!)).toEqual({ low: 0.5, high: 0.5, text: '$0.50 · 2 (1 unpriced)' });

  const sonnet = shown(row('by-model', 'anthropic/claude-sonnet-4-5')!);
  expect(sonnet.text).toBe('$0.08–$0.13 · 2');
  expect(sonnet.high).toBeCloseTo(0.13, 12);
  expect(shown(row('by-model', 'openai/gpt-5.2')!)).toEqual({ low: 0.5, high: 0.5, text: '$0.50 · 1' });
  expect(shown(row('by-model', 'unknown')!)).toEqual({ low: 0, high: 0, text: '$0 · 1 (1 unpriced)' });

  const claudeChat = shown(row('top-conversations', 'claude/conv-1')!);
  expect(claudeChat.text).toBe('2 turns · $0.08–$0.13');
  expect(claudeChat.high).toBeCloseTo(0.13, 12);
  expect(shown(row('top-conversations', 'chatgpt/conv-2')!)).toEqual({ low: 0.5, high: 0.5, text: '2 turns · $0.50' });

  // Bars follow the low end: Claude's $0.08 against ChatGPT's $0.50.
  expect((row('by-site', 'claude')!.querySelector('.bar > span') as HTMLElement).style.width).toBe('16%');

  const tab = await waitFor(() => root.querySelector('[data-testid="current-conversation"][data-value]'), 'this tab');
  expect(tab.textContent).toBe('Claude: 2 turns, $0.08–$0.13');
  expect(Number(tab.getAttribute('data-value-max'))).toBeCloseTo(0.13, 12);
});
