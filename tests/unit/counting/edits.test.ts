// Sending the edit, not the draft: the edit between two texts is right for any pair (and never
// splits a surrogate pair); the counting service applies edits to the session's text it holds and
// asks for the whole text when it holds another version; the client then sends it once, and the
// counts stay exactly js-tiktoken's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { createTokenCounter, EDIT_MIN_CHARS, textEdit, type CountOutcome } from '@/lib/counting/client';
import { CountMessageSchema, type CountMessage } from '@/lib/messaging/protocol';
import { CountingService, type CountRequest } from '@/lib/tokens/counting-service';
import { ENCODINGS, referenceCount } from '../tokens/reference';

const apply = (from: string, e: { offset: number; removed: number; inserted: string }) => from.slice(0, e.offset) + e.inserted + from.slice(e.offset + e.removed);

describe('textEdit', () => {
  it('turns any text into any other', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), (a, b) => {
        const e = textEdit(a, b);
        expect(apply(a, e)).toBe(b);
        expect(e.inserted.length).toBeLessThanOrEqual(b.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the smallest edit in long texts, wherever it falls against the 1 KB blocks it compares', () => {
    const base = Array.from({ length: 5000 }, (_, i) => 'abcdefghij😀'[i % 11]).join('');
    fc.assert(
      fc.property(fc.nat({ max: base.length }), fc.nat({ max: 40 }), fc.string({ unit: 'grapheme', maxLength: 4 }), (at, cut, typed) => {
        const to = base.slice(0, at) + typed + base.slice(Math.min(base.length, at + cut));
        const e = textEdit(base, to);
        expect(apply(base, e)).toBe(to);
        // The same edit the character-by-character scan finds: nothing kept is re-sent.
        expect(e.inserted.length).toBeLessThanOrEqual(typed.length + 2);
      }),
      { numRuns: 1000 },
    );
    expect(textEdit(base, `${base}x`)).toEqual({ offset: base.length, removed: 0, inserted: 'x' });
    expect(textEdit(`x${base}`, base)).toEqual({ offset: 0, removed: 1, inserted: '' });
  });

  it('is one character for a keystroke, and never splits a surrogate pair', () => {
    expect(textEdit('hello world', 'hello, world')).toEqual({ offset: 5, removed: 0, inserted: ',' });
    expect(textEdit('ab', 'abc')).toEqual({ offset: 2, removed: 0, inserted: 'c' });
    const e = textEdit('x😀y', 'x😃y'); // the two emoji share their high surrogate
    expect(e.inserted).toBe('😃');
    expect(apply('x😀y', e)).toBe('x😃y');
  });
});

/** The client wired to a service, as the worker is, with every message checked by the protocol. */
function wired(options: { lose?: (m: CountMessage) => boolean } = {}) {
  const waiting = new Map<number, (reply: unknown) => void>();
  const service = new CountingService(
    async (encoding) => ENCODINGS[encoding as keyof typeof ENCODINGS], // OpenAI encodings only here
    ({ id, ...reply }) => {
      waiting.get(id)?.(reply);
      waiting.delete(id);
    },
    async () => undefined,
  );
  const messages: CountMessage[] = [];
  let id = 0;
  const send = (message: CountMessage) =>
    new Promise<unknown>((resolve) => {
      const parsed = CountMessageSchema.parse(message);
      messages.push(parsed);
      const mine = ++id;
      if (options.lose?.(parsed)) {
        resolve({ status: 'error', message: 'lost' });
        return;
      }
      waiting.set(mine, resolve);
      const { kind: _kind, ...request } = parsed;
      service.submit({ ...request, id: mine } as CountRequest);
    });
  return { counter: createTokenCounter(bundledCatalogData(), send), messages, service };
}

/** The session's text as the last message left it (the whole text, or the edit applied to the one before). */
function currentText(messages: CountMessage[]): string {
  let text = '';
  for (const m of messages) text = m.text ?? apply(text, m.edit!);
  return text;
}

const long = 'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil((EDIT_MIN_CHARS * 2) / 45));

describe('counting by edits', () => {
  it('sends the whole draft once, then only edits, and counts exactly', async () => {
    const { counter, messages } = wired();
    let text = long;
    for (const step of ['a', 'b', ' c', '\n', '敏捷']) {
      text += step;
      const outcome = await counter.count(text, 'openai/gpt-5', { session: 'd' });
      expect(outcome).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', text) });
    }
    text = text.slice(0, 100) + text.slice(140); // a cut in the middle
    expect(await counter.count(text, 'openai/gpt-5', { session: 'd' })).toMatchObject({ tokens: referenceCount('o200k_base', text) });
    expect(messages[0]!.text).toBe(long + 'a');
    expect(messages.slice(1).every((m) => m.text === undefined && m.edit !== undefined)).toBe(true);
    expect(messages[1]!.edit).toMatchObject({ inserted: 'b', removed: 0, offset: long.length + 1, length: long.length + 2 });
  });

  it('resyncs with one whole send when an edit was lost, or the counter restarted', async () => {
    let loseNext = false;
    const { counter, messages, service } = wired({ lose: (m) => (m.edit !== undefined && loseNext ? ((loseNext = false), true) : false) });
    await counter.count(long, 'openai/gpt-5', { session: 'd' });
    loseNext = true;
    expect(await counter.count(long + 'x', 'openai/gpt-5', { session: 'd' })).toMatchObject({ status: 'error' });
    const next = long + 'xy';
    expect(await counter.count(next, 'openai/gpt-5', { session: 'd' })).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', next) });
    expect(messages.slice(-2).map((m) => (m.text === undefined ? 'edit' : 'text'))).toEqual(['edit', 'text']);
    // A restarted worker holds no text: the edit is answered with resync, then the text goes once.
    (service as unknown as { sessions: Map<string, unknown> }).sessions.clear();
    const after = next + ' more';
    expect(await counter.count(after, 'openai/gpt-5', { session: 'd' })).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', after) });
    expect(messages.slice(-2).map((m) => (m.text === undefined ? 'edit' : 'text'))).toEqual(['edit', 'text']);
  });

  it('sends short drafts and texts outside a session whole', async () => {
    const { counter, messages } = wired();
    await counter.count('short', null, { session: 'd' });
    await counter.count('shorter', null, { session: 'd' });
    await counter.count(long, null);
    expect(messages.every((m) => m.text !== undefined)).toBe(true);
  });
});

describe("a key's count from the look-ahead table", () => {
  it('is given at once, before the worker answers, and equals its answer', async () => {
    const { counter, messages } = wired();
    const early: CountOutcome[] = [];
    const ahead = (o: CountOutcome) => early.push(o);
    await counter.count(long, 'openai/gpt-5', { session: 'd', ahead });
    expect(early).toEqual([]); // nothing to look up yet
    expect(messages[0]).toMatchObject({ text: long, ahead: long.length });
    for (const key of ['a', ' ', '7', '\n']) {
      const before = early.length;
      const typed = `${currentText(messages)}${key}`;
      const reply = counter.count(typed, 'openai/gpt-5', { session: 'd', ahead });
      expect(early.length).toBe(before + 1); // synchronously, in the same call
      expect(early.at(-1)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', typed), exact: true, encoding: 'o200k_base' });
      expect(await reply).toEqual(early.at(-1));
      expect(messages.at(-1)).toMatchObject({ edit: { inserted: key }, ahead: typed.length });
    }
    // Backspace, then a key typed in the middle of the draft (the caret moved): Backspace is in the
    // table; the key in the middle is not, and waits for the worker.
    const backspaced = currentText(messages).slice(0, -1);
    await counter.count(backspaced, 'openai/gpt-5', { session: 'd', ahead });
    expect(early.at(-1)).toMatchObject({ tokens: referenceCount('o200k_base', backspaced) });
    const n = early.length;
    const middle = `${backspaced.slice(0, 10)}x${backspaced.slice(10)}`;
    expect(await counter.count(middle, 'openai/gpt-5', { session: 'd', ahead })).toMatchObject({ tokens: referenceCount('o200k_base', middle) });
    expect(early.length).toBe(n);
    // The next key at the new caret is in the new table.
    const next = `${middle.slice(0, 11)}y${middle.slice(11)}`;
    await counter.count(next, 'openai/gpt-5', { session: 'd', ahead });
    expect(early.length).toBe(n + 1);
    expect(early.at(-1)).toMatchObject({ tokens: referenceCount('o200k_base', next) });
  });

  it('is not used for a key typed before the last count came back, for another vocabulary, or unless asked', async () => {
    const { counter, messages } = wired();
    const early: CountOutcome[] = [];
    const ahead = (o: CountOutcome) => early.push(o);
    await counter.count(long, 'openai/gpt-5', { session: 'd', ahead });
    // Two keys in quick succession: the first is in the table; the second comes before the
    // first's count (and its table) is back.
    const one = counter.count(`${long}a`, 'openai/gpt-5', { session: 'd', ahead });
    const two = counter.count(`${long}ab`, 'openai/gpt-5', { session: 'd', ahead });
    expect(early.length).toBe(1);
    await Promise.all([one, two]);
    // Another model's vocabulary: its count goes to the worker.
    expect(await counter.count(`${long}abc`, 'openai/gpt-3.5-turbo', { session: 'd', ahead })).toMatchObject({ status: 'ok', tokens: referenceCount('cl100k_base', `${long}abc`) });
    expect(early.length).toBe(1);
    // Without the option nothing is looked up, and no table is asked for.
    await counter.count(`${long}abcd`, 'openai/gpt-5', { session: 'd' });
    expect(early.length).toBe(1);
    expect(messages.at(-1)).not.toHaveProperty('ahead');
    await counter.count(`${long}abcde`, 'openai/gpt-5', { session: 'd' });
    expect(messages.at(-1)).not.toHaveProperty('ahead');
    expect(early.length).toBe(1);
  });
});

describe('the count message', () => {
  it('carries either the text or, in a session, a versioned edit', () => {
    const edit = { base: 1, offset: 0, removed: 0, inserted: 'a', length: 1 };
    expect(CountMessageSchema.safeParse({ kind: 'count', session: 's', text: 'a', encoding: 'o200k_base' }).success).toBe(true);
    expect(CountMessageSchema.safeParse({ kind: 'count', session: 's', edit, version: 2, encoding: 'o200k_base' }).success).toBe(true);
    expect(CountMessageSchema.safeParse({ kind: 'count', session: null, edit, version: 2, encoding: 'o200k_base' }).success).toBe(false);
    expect(CountMessageSchema.safeParse({ kind: 'count', session: 's', edit, encoding: 'o200k_base' }).success).toBe(false);
    expect(CountMessageSchema.safeParse({ kind: 'count', session: 's', text: 'a', edit, version: 2, encoding: 'o200k_base' }).success).toBe(false);
    expect(CountMessageSchema.safeParse({ kind: 'count', session: 's', encoding: 'o200k_base' }).success).toBe(false);
  });

  it('asks for the next keys only in a session, at a caret that is an offset', () => {
    expect(CountMessageSchema.safeParse({ kind: 'count', session: 's', text: 'ab', encoding: 'o200k_base', ahead: 2 }).success).toBe(true);
    expect(CountMessageSchema.safeParse({ kind: 'count', session: null, text: 'ab', encoding: 'o200k_base', ahead: 2 }).success).toBe(false);
    for (const ahead of [-1, 1.5, '2']) expect(CountMessageSchema.safeParse({ kind: 'count', session: 's', text: 'ab', encoding: 'o200k_base', ahead }).success).toBe(false);
  });
});
