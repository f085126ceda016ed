// A send's attachments go with its turn: the record carries their counts and token range, and a
// site report of the same turn keeps them.
import { expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import type { TurnAttachments, TurnRecord } from '@/lib/messaging/protocol';
import type { MessageRef } from '@/lib/sites/adapter';
import { Transcript } from '@/lib/tracker/transcript';
import { SETTLE_MS } from '@/lib/tracker/turn-detector';
import { TurnRecorder } from '@/lib/tracker/turn-recorder';
import { fakeCounter, settle } from '../tracker/fakes';

const catalog = bundledCatalogData();
const attachments: TurnAttachments = { images: 1, pdfs: 1, pdfPages: 12, textFiles: 0, otherFiles: 1, unpriced: 1, tokensMin: 18630, tokensMax: 36630 };

it('records the attachments noted with the send, and keeps them through the site\'s report', async () => {
  const counter = fakeCounter();
  let refs: MessageRef[] = [];
  const transcript = new Transcript({ findMessages: () => refs, messageText: (r) => r.element.textContent ?? '' }, counter, { counted: () => undefined, failed: () => undefined });
  const recorded: TurnRecord[] = [];
  const turns = new TurnRecorder({
    site: 'chatgpt', counter, transcript, record: async (t) => recorded.push(t), settings: { catalog, forSite: { modelAliases: {}, overheadTokens: 0 } },
    models: { current: { model: catalog.models.find((m) => m.id === 'openai/gpt-5')!, read: 'GPT-5', source: 'picker' } }, conversation: { key: 'c1', pageId: 'page-1' }, reportedTurn: () => undefined, note: () => undefined,
  });
  const show = (messages: [string, 'user' | 'assistant', string, boolean?][], busy: boolean, now: number) => {
    refs = messages.map(([key, role, text, streaming]) => {
      const element = document.createElement('div');
      element.textContent = text;
      return { key, role, element, streaming: streaming ?? false } as MessageRef;
    });
    transcript.read(document, 'c1');
    return turns.observe(transcript.read(document, 'c1'), transcript.refs, busy, now);
  };
  const t0 = Date.now() - 5000;
  show([], false, t0 - 100);
  turns.noteSend('what do these files say', t0, attachments);
  show([['u1', 'user', 'what do these files say'], ['a1', 'assistant', 'they', true]], true, t0 + 100);
  show([['u1', 'user', 'what do these files say'], ['a1', 'assistant', 'they say little']], false, t0 + 200);
  show([['u1', 'user', 'what do these files say'], ['a1', 'assistant', 'they say little']], false, t0 + 200 + SETTLE_MS + 10);
  for (let i = 0; i < 10 && recorded.length === 0; i++) await settle();
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({ promptTokens: 5, attachments });

  // The page finished first; the site's report of the same reply replaces the counts, not the files.
  turns.onReport({
    kind: 'stream', site: 'chatgpt', origin: 'https://chatgpt.com', conversationId: 'c1', startedAt: t0 + 50, endedAt: t0 + 400, problem: null,
    usage: { model: null, modelMode: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: 3, reasoningTokens: null, totalTokens: null }, tools: [], thinking: false,
  } as never);
  for (let i = 0; i < 10 && recorded.length < 2; i++) await settle();
  expect(recorded[1]).toMatchObject({ outputTokens: 3, attachments });
});
