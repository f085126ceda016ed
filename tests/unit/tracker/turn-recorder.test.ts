// The turn recorder: a send and its reply become one counted turn (draft counted at send, context
// from the transcript, the model at send); the site's report is joined whether it comes first or
// after the page finished; a full report becomes the pill's context; the model and the overhead (the
// site's and the model's message frame) are the ones of the moment of the send.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import type { TurnRecord } from '@/lib/messaging/protocol';
import type { ModelResolution } from '@/lib/models/resolve';
import type { MessageRef } from '@/lib/sites/adapter';
import { Transcript } from '@/lib/tracker/transcript';
import { SETTLE_MS } from '@/lib/tracker/turn-detector';
import { TurnRecorder } from '@/lib/tracker/turn-recorder';
import type { StreamReport } from '@/lib/usage/wire';
import { fakeCounter, settle } from './fakes';

const catalog = bundledCatalogData();
const model = (id: string) => catalog.models.find((m) => m.id === id)!;

function setup() {
  const counter = fakeCounter();
  let refs: MessageRef[] = [];
  const transcript = new Transcript({ findMessages: () => refs, messageText: (r) => r.element.textContent ?? '' }, counter, { counted: () => undefined, failed: () => undefined });
  const recorded: TurnRecord[] = [];
  const events: string[] = [];
  const models: { current: Pick<ModelResolution, 'model' | 'read' | 'source'> } = { current: { model: model('openai/gpt-5'), read: 'GPT-5', source: 'picker' } };
  const turns = new TurnRecorder({
    site: 'chatgpt',
    counter,
    transcript,
    record: async (t) => recorded.push(t),
    settings: { catalog, forSite: { modelAliases: {}, overheadTokens: 7 } },
    models,
    conversation: { key: 'c1', pageId: 'page-1' },
    reportedTurn: () => events.push('reported'),
    note: (m) => events.push(m),
  });
  const show = (messages: [string, 'user' | 'assistant', string, boolean?][], busy: boolean, now: number) => {
    refs = messages.map(([key, role, text, streaming]) => {
      const element = document.createElement('div');
      element.textContent = text;
      return { key, role, element, streaming: streaming ?? false } as MessageRef;
    });
    // Two reads per step: the newest message's text is read once it held still.
    transcript.read(document, 'c1');
    return turns.observe(transcript.read(document, 'c1'), transcript.refs, busy, now);
  };
  return { turns, recorded, events, show, counter, models };
}

const report = (startedAt: number, usage: Partial<NonNullable<StreamReport['usage']>> | null): StreamReport => ({
  kind: 'stream', site: 'chatgpt', origin: 'https://chatgpt.com', conversationId: 'c1', startedAt, endedAt: startedAt + 500, problem: null,
  usage: usage && { model: null, modelMode: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: null, reasoningTokens: null, totalTokens: null, ...usage } as NonNullable<StreamReport['usage']>,
  tools: [],
  thinking: false,
});

// Times near now: the recorder drops turns and reports older than its matching window.
const T0 = Date.now() - 5000;

async function sendAndFinish(s: ReturnType<typeof setup>, t0 = T0, afterSend = () => {}) {
  s.show([['u0', 'user', 'earlier question'], ['a0', 'assistant', 'earlier answer here']], false, 0);
  s.turns.noteSend('what does this cost', t0);
  afterSend();
  s.show([['u0', 'user', 'earlier question'], ['a0', 'assistant', 'earlier answer here'], ['u1', 'user', 'what does this cost'], ['a1', 'assistant', 'it', true]], true, t0 + 100);
  s.show([['u0', 'user', 'earlier question'], ['a0', 'assistant', 'earlier answer here'], ['u1', 'user', 'what does this cost'], ['a1', 'assistant', 'it costs little']], false, t0 + 200);
  s.show([['u0', 'user', 'earlier question'], ['a0', 'assistant', 'earlier answer here'], ['u1', 'user', 'what does this cost'], ['a1', 'assistant', 'it costs little']], false, t0 + 200 + SETTLE_MS + 10);
  await settle();
  await settle();
}

describe('TurnRecorder', () => {
  it('records a send and its reply as one counted turn', async () => {
    const s = setup();
    await sendAndFinish(s);
    expect(s.recorded).toHaveLength(1);
    expect(s.recorded[0]).toMatchObject({
      site: 'chatgpt', conversationId: 'c1', promptKey: 'u1', replyKey: 'a1', model: 'openai/gpt-5', modelLabel: 'GPT-5', modelSource: 'picker',
      promptTokens: 4, contextTokens: 5, overheadTokens: 7, outputTokens: 3, regenerated: false, reported: { counts: 'none', model: false },
    });
    expect(s.turns.turnsSeen).toBe(1);
  });

  it("keeps the model and the overhead of the moment of the send: the site's tokens and the model's message frame", async () => {
    const s = setup();
    s.models.current = { model: model('anthropic/claude-3-5-sonnet'), read: 'Sonnet 3.5', source: 'picker' };
    await sendAndFinish(s, T0, () => {
      s.models.current = { model: null, read: 'Ultra 7', source: 'picker' }; // picked after the send
    });
    expect(s.recorded[0]).toMatchObject({ model: 'anthropic/claude-3-5-sonnet', modelLabel: 'Sonnet 3.5', overheadTokens: 7 + 7 });
  });

  it("joins a report that came first with its turn, and the reported input becomes the context", async () => {
    const s = setup();
    s.turns.onReport(report(T0 + 50, { inputTokens: 1200, outputTokens: 3, reasoningTokens: 0, model: 'gpt-5' }));
    await sendAndFinish(s);
    expect(s.recorded).toHaveLength(1);
    expect(s.recorded[0]!.reported.counts).toBe('full');
    expect(s.events).toContain('reported');
    expect(s.turns.lastReported).toMatchObject({ conversationId: 'c1', replyKey: 'a1' });
  });

  it('records the turn again when its report comes after the page finished', async () => {
    const s = setup();
    await sendAndFinish(s);
    s.turns.onReport(report(T0 + 50, { inputTokens: 1200, outputTokens: 3, reasoningTokens: 0 }));
    await settle();
    expect(s.recorded).toHaveLength(2);
    expect(s.recorded[1]).toMatchObject({ replyKey: 'a1', reported: { counts: 'full' } });
    // The same report again changes nothing.
    s.turns.onReport(report(T0 + 50, { inputTokens: 1200, outputTokens: 3, reasoningTokens: 0 }));
    await settle();
    expect(s.recorded).toHaveLength(2);
  });

  it('joins tool calls and thinking even from a report without counts or model (issue 18), after the page or before it', async () => {
    const late = setup();
    await sendAndFinish(late);
    expect(late.recorded[0]).toMatchObject({ tools: [], thinking: false });
    late.turns.onReport({ ...report(T0 + 50, null), tools: [{ kind: 'web_search', count: 2 }], thinking: true });
    await settle();
    expect(late.recorded).toHaveLength(2);
    expect(late.recorded[1]).toMatchObject({ replyKey: 'a1', tools: [{ kind: 'web_search', count: 2 }], thinking: true, reported: { counts: 'none' } });

    const early = setup();
    early.turns.onReport({ ...report(T0 + 50, { model: 'gpt-5', outputTokens: 9 }), tools: [{ kind: 'memory', count: 1 }], thinking: false });
    await sendAndFinish(early);
    expect(early.recorded).toEqual([expect.objectContaining({ tools: [{ kind: 'memory', count: 1 }], reported: { counts: 'output', model: true } })]);
  });

  it("keeps the stream's problem for health", () => {
    const s = setup();
    s.turns.onReport({ ...report(0, null), problem: 'the stream changed shape' });
    expect(s.turns.streamProblem).toBe('the stream changed shape');
  });

  it('says so when a finished turn could not be counted', async () => {
    const s = setup();
    s.counter.failNext(10);
    await sendAndFinish(s);
    expect(s.recorded).toEqual([]);
    expect(s.events).toContain('a finished turn could not be counted, so it was not recorded');
  });
});
