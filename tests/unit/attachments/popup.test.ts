// The popup shows a period whose attachments were priced as a range as a range, never a midpoint.
import { IDBFactory } from 'fake-indexeddb';
import { h, render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { clearAll, openLedgerDb, recordTurn, type NewTurn } from '@/lib/ledger';

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
