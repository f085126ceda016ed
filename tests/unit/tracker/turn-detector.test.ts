import { describe, expect, it } from 'vitest';
import { TurnDetector, type ObservedMessage } from '@/lib/tracker/turn-detector';

const u = (key: string, len = 5): ObservedMessage => ({ key, role: 'user', streaming: false, textLength: len });
const a = (key: string, len = 5, streaming = false): ObservedMessage => ({ key, role: 'assistant', streaming, textLength: len });
const SETTLE = 1000;

function run(steps: { t: number; messages: ObservedMessage[]; busy?: boolean; send?: string }[]) {
  const d = new TurnDetector(SETTLE);
  const turns = [];
  let token = 0;
  for (const step of steps) {
    if (step.send !== undefined) d.noteSend({ draft: step.send, at: step.t, token: ++token });
    const turn = d.observe({ messages: step.messages, busy: step.busy ?? false, now: step.t });
    if (turn) turns.push({ ...turn, at: step.t });
  }
  return turns;
}

describe('TurnDetector', () => {
  it('records a sent turn once, when streaming stops and the text settles', () => {
    const turns = run([
      { t: 0, messages: [] },
      { t: 100, messages: [u('u1')], send: 'hi' },
      { t: 200, messages: [u('u1'), a('a1', 3, true)], busy: true },
      { t: 400, messages: [u('u1'), a('a1', 9, true)], busy: true },
      { t: 600, messages: [u('u1'), a('a1', 12)] },
      { t: 1500, messages: [u('u1'), a('a1', 12)] }, // not yet settled (600 + 1000)
      { t: 1700, messages: [u('u1'), a('a1', 12)] },
      { t: 5000, messages: [u('u1'), a('a1', 12)] },
    ]);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ replyKey: 'a1', sentAt: 100, finishedAt: 600, regenerated: false, at: 1700 });
    expect(turns[0]!.send?.draft).toBe('hi');
  });

  it.each([
    ['messages already on the page', [{ t: 0, messages: [u('u1'), a('a1')] }, { t: 5000, messages: [u('u1'), a('a1')] }]],
    ['history that loads later, finished', [{ t: 0, messages: [] }, { t: 300, messages: [u('u1'), a('a1')] }, { t: 5000, messages: [u('u1'), a('a1')] }]],
    ['a reply still streaming when the page loaded', [{ t: 0, messages: [u('u1'), a('a1', 3, true)], busy: true }, { t: 400, messages: [u('u1'), a('a1', 9)] }, { t: 5000, messages: [u('u1'), a('a1', 9)] }]],
  ])('records nothing for %s', (_name, steps) => {
    expect(run(steps)).toEqual([]);
  });

  it('waits while the stop button shows even if the text is still', () => {
    const turns = run([
      { t: 0, messages: [] },
      { t: 100, messages: [u('u1')], send: 'x' },
      { t: 200, messages: [u('u1'), a('a1', 4)], busy: true },
      { t: 3000, messages: [u('u1'), a('a1', 4)], busy: true },
      { t: 3500, messages: [u('u1'), a('a1', 4)] },
      { t: 4400, messages: [u('u1'), a('a1', 4)] },
    ]);
    expect(turns).toEqual([]);
  });

  it('follows a reply the site re-keys while streaming (pending-<id> → <id>)', () => {
    const turns = run([
      { t: 0, messages: [] },
      { t: 100, messages: [u('u1')], send: 'x' },
      { t: 200, messages: [u('u1'), a('pending-1', 3, true)], busy: true },
      { t: 500, messages: [u('u1'), a('1', 8)] },
      { t: 2000, messages: [u('u1'), a('1', 8)] },
    ]);
    expect(turns.map((t) => t.replyKey)).toEqual(['1']);
  });

  it('records a regenerated reply (streams without a send) as a new turn', () => {
    const turns = run([
      { t: 0, messages: [u('u1'), a('a1')] },
      { t: 100, messages: [u('u1'), a('a2', 2, true)], busy: true },
      { t: 300, messages: [u('u1'), a('a2', 7)] },
      { t: 2000, messages: [u('u1'), a('a2', 7)] },
    ]);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ replyKey: 'a2', regenerated: true, send: null });
  });

  it('records two sends in a row as two turns', () => {
    const turns = run([
      { t: 0, messages: [] },
      { t: 100, messages: [u('u1')], send: 'one' },
      { t: 200, messages: [u('u1'), a('a1', 4)], busy: true },
      { t: 300, messages: [u('u1'), a('a1', 4)] },
      { t: 1400, messages: [u('u1'), a('a1', 4)] },
      { t: 1500, messages: [u('u1'), a('a1', 4), u('u2')], send: 'two' },
      { t: 1600, messages: [u('u1'), a('a1', 4), u('u2'), a('a2', 4)], busy: true },
      { t: 1700, messages: [u('u1'), a('a1', 4), u('u2'), a('a2', 4)] },
      { t: 2800, messages: [u('u1'), a('a1', 4), u('u2'), a('a2', 4)] },
    ]);
    expect(turns.map((t) => [t.replyKey, t.send?.draft])).toEqual([['a1', 'one'], ['a2', 'two']]);
  });

  it('waits for text from an empty reply, but finishes an opaque one (a generated image) without', () => {
    const steps = (opaque: boolean) => [
      { t: 0, messages: [] },
      { t: 100, messages: [u('u1')], send: 'draw me' },
      { t: 200, messages: [u('u1'), { ...a('a1', 0, true), opaque }], busy: true },
      { t: 600, messages: [u('u1'), { ...a('a1', 0), opaque }] },
      { t: 2000, messages: [u('u1'), { ...a('a1', 0), opaque }] },
      { t: 9000, messages: [u('u1'), { ...a('a1', 0), opaque }] },
    ];
    expect(run(steps(false))).toEqual([]);
    const turns = run(steps(true));
    expect(turns.map((t) => [t.replyKey, t.send?.draft, t.finishedAt, t.at])).toEqual([['a1', 'draw me', 600, 2000]]);
  });

  it('forgets everything on reset (another conversation): its messages are context', () => {
    const d = new TurnDetector(SETTLE);
    d.observe({ messages: [], busy: false, now: 0 });
    d.noteSend({ draft: 'x', at: 10, token: 1 });
    d.reset();
    expect(d.observe({ messages: [u('b1'), a('b2')], busy: false, now: 20 })).toBeNull();
    expect(d.observe({ messages: [u('b1'), a('b2')], busy: false, now: 5000 })).toBeNull();
    expect(d.waitingForReply).toBe(false);
  });

  it('asks to be observed again when a watched reply may have settled', () => {
    const d = new TurnDetector(SETTLE);
    d.observe({ messages: [], busy: false, now: 0 });
    expect(d.recheckIn(0)).toBeNull();
    d.noteSend({ draft: 'x', at: 10, token: 1 });
    d.observe({ messages: [u('u1'), a('a1', 3)], busy: false, now: 100 });
    expect(d.recheckIn(100)).toBe(SETTLE);
  });
});
