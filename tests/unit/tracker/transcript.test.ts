// The transcript: messages read from the page, their text cached, their counts cached per key,
// summed into the context; the site's reported input stands in while its reply is the newest.
import { describe, expect, it } from 'vitest';
import type { MessageRef } from '@/lib/sites/adapter';
import { Transcript } from '@/lib/tracker/transcript';
import { fakeCounter, settle } from './fakes';

function page(messages: { key: string; role: 'user' | 'assistant'; text: string; streaming?: boolean }[]) {
  const refs: MessageRef[] = messages.map((m) => {
    const element = document.createElement('div');
    element.textContent = m.text;
    return { key: m.key, role: m.role, element, streaming: m.streaming ?? false } as MessageRef;
  });
  return refs;
}

function setup(refs: MessageRef[]) {
  const counter = fakeCounter();
  const events: string[] = [];
  let current = refs;
  let reads = 0;
  const adapter = {
    findMessages: () => current,
    messageText: (ref: MessageRef) => {
      reads++;
      return ref.element.textContent ?? '';
    },
  };
  const transcript = new Transcript(adapter, counter, { counted: () => events.push('counted'), failed: (m) => events.push(m) });
  return { transcript, counter, events, set: (next: MessageRef[]) => (current = next), reads: () => reads };
}

describe('Transcript', () => {
  it('counts each finished message once and sums the context', async () => {
    const refs = page([
      { key: 'u1', role: 'user', text: 'one two three' },
      { key: 'a1', role: 'assistant', text: 'four five' },
      { key: 'u2', role: 'user', text: 'six' },
    ]);
    const { transcript, counter } = setup(refs);
    transcript.read(document, 'c1');
    transcript.countFinished(false, 'm');
    expect(transcript.context(null, 'c1')).toMatchObject({ tokens: 0, exact: false });
    await settle();
    expect(transcript.context(null, 'c1')).toEqual({ tokens: 6, exact: true, replies: [2], reported: false, reasoningTokens: null });
    transcript.read(document, 'c1');
    transcript.countFinished(false, 'm');
    expect(counter.calls).toHaveLength(3);
    transcript.resetCounts();
    transcript.countFinished(false, 'm');
    expect(counter.calls).toHaveLength(6);
  });

  it('leaves the streaming reply out until it is done', async () => {
    const { transcript, counter, set } = setup(page([{ key: 'u1', role: 'user', text: 'hi' }, { key: 'a1', role: 'assistant', text: 'partial', streaming: true }]));
    transcript.read(document, null);
    transcript.countFinished(true, null);
    await settle();
    expect(counter.calls.map((c) => c.text)).toEqual(['hi']);
    expect(transcript.context(null, 'p').tokens).toBe(1);
    set(page([{ key: 'u1', role: 'user', text: 'hi' }, { key: 'a1', role: 'assistant', text: 'partial answer' }]));
    transcript.read(document, null);
    transcript.countFinished(false, null);
    await settle();
    expect(transcript.context(null, 'p').tokens).toBe(3);
  });

  it("watches the newest message's length cheaply while it changes, then reads its text once", () => {
    const refs = page([{ key: 'u1', role: 'user', text: 'hi' }, { key: 'a1', role: 'assistant', text: 'growing' }]);
    const { transcript, reads } = setup(refs);
    const first = transcript.read(document, null);
    expect(first[1]!.textLength).toBeLessThan(0); // first sight: textContent stands in
    const before = reads();
    const second = transcript.read(document, null);
    expect(second[1]!.textLength).toBe('growing'.length);
    transcript.read(document, null);
    expect(reads() - before).toBe(1);
  });

  it("takes the site's reported input while its reply is the newest message", async () => {
    const refs = page([{ key: 'u1', role: 'user', text: 'q' }, { key: 'a1', role: 'assistant', text: 'an answer' }]);
    const { transcript } = setup(refs);
    transcript.read(document, 'c1');
    transcript.countFinished(false, null);
    await settle();
    const reported = { conversationId: 'c1', replyKey: 'a1', inputTokens: 900, reasoningTokens: 40 };
    expect(transcript.context(reported, 'c1')).toMatchObject({ tokens: 902, exact: true, reported: true, reasoningTokens: 40 });
    expect(transcript.context(reported, 'c2')).toMatchObject({ tokens: 3, reported: false });
  });

  it('reports a failed count and forgets it, so it is counted again', async () => {
    const { transcript, counter, events } = setup(page([{ key: 'u1', role: 'user', text: 'hi there' }]));
    counter.failNext();
    transcript.read(document, null);
    transcript.countFinished(false, null);
    await settle();
    expect(events).toEqual(['the counter is not available']);
    transcript.countFinished(false, null);
    await settle();
    expect(transcript.context(null, 'p').tokens).toBe(2);
  });
});
