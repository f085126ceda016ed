import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeCut, nextChunkEnd } from '../../../lib/tokens/chunking';
import { categorize, IncrementalCounter } from '../../../lib/tokens/incremental';
import { PieceText } from '../../../lib/tokens/piece-text';
import { CORPORA, counters, ENCODINGS, referenceCount, type EncodingName } from './reference';

const names = Object.keys(ENCODINGS) as EncodingName[];
// Long runs are covered by bpe.test.ts; here they would only slow the reference down.
const { longRuns: _longRuns, ...editable } = CORPORA;
const document = Object.values(editable).join('\n');
const fragments = [...Object.values(editable).flatMap((t) => [t.slice(0, 7), t.slice(5, 40), t.slice(-9)]), ' ', '\n', 'a', '中', '/', '\r\n', '  ', '\n\n/x', '。'];

type Edit =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'replaceAll'; text: string }
  | { op: 'append'; text: string };

const fragment = fc.constantFrom(...fragments);
const paste = fc.array(fragment, { minLength: 2, maxLength: 12 }).map((p) => p.join(''));
const position = fc.double({ min: 0, max: 1, noNaN: true });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: fragment }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: position, length: fc.integer({ min: 0, max: 60 }), text: paste }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replaceAll' as const), text: paste }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('append' as const), text: fragment }) },
).map((e) => e as Edit);

function apply(text: string, e: Edit): string {
  const at = 'at' in e ? Math.floor(e.at * (text.length + 1)) : 0;
  switch (e.op) {
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'replace':
      return text.slice(0, at) + e.text + text.slice(at + e.length);
    case 'replaceAll':
      return e.text;
    case 'append':
      return text + e.text;
  }
}

describe.each(names)('IncrementalCounter %s', (name) => {
  const { ours } = counters(name);

  it('equals js-tiktoken after every edit of random edit sequences', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 40 }), (edits) => {
        const counter = new IncrementalCounter(ours);
        let text = document;
        expect(counter.update(text)).toBe(referenceCount(name, text));
        for (const e of edits) {
          text = apply(text, e);
          expect(counter.update(text)).toBe(referenceCount(name, text));
        }
      }),
      { numRuns: 120 }, // 120 sequences × up to 40 edits each: thousands of checked edits
    );
  });

  it('re-counts only the last chunk when a streamed reply grows', () => {
    const counter = new IncrementalCounter(ours);
    let reply = '';
    for (let i = 0; i < 200; i++) {
      reply += `Sentence ${i} of the streamed reply, with words and numbers.\n`;
      counter.update(reply);
    }
    expect(counter.tokens).toBe(referenceCount(name, reply));
    const job = counter.plan(reply + 'One more delta');
    // The window is the tail chunk widened by the cut context, never the whole reply.
    expect(reply.length).toBeGreaterThan(10_000);
    expect(job.windowChars).toBeLessThan(2_100);
    expect(job.windowChars).toBeGreaterThanOrEqual('One more delta'.length);
    expect(counter.chunkCount).toBeGreaterThan(20);
    job.run(Infinity);
    job.commit();
    expect(counter.tokens).toBe(referenceCount(name, reply + 'One more delta'));
  });

  it('commits nothing until a sliced job is done, and gives a marked estimate meanwhile', () => {
    const counter = new IncrementalCounter(ours);
    const text = document.repeat(30);
    const job = counter.plan(text);
    expect(job.run(1024)).toBe(false);
    expect(counter.tokens).toBe(0);
    const partial = job.totals();
    expect(partial.exact).toBe(false);
    expect(partial.byCategory.prose + partial.byCategory.code + partial.byCategory.cjk).toBeGreaterThan(0);
    expect(() => job.commit()).toThrow(/before the job is done/);
    while (!job.run(1024));
    expect(job.totals().exact).toBe(true);
    job.commit();
    expect(counter.tokens).toBe(referenceCount(name, text));
  });

  it('keeps per-category totals that add up to the count', () => {
    const counter = new IncrementalCounter(ours);
    counter.update(`${CORPORA.english!.repeat(3)}\n${CORPORA.code!.repeat(5)}\n${CORPORA.cjk!.repeat(4)}`);
    const c = counter.tokensByCategory;
    expect(c.prose + c.code + c.cjk).toBe(counter.tokens);
    expect(c.cjk).toBeGreaterThan(0);
    expect(c.code).toBeGreaterThan(0);
  });
});

describe('safe cuts', () => {
  it('split every corpus into parts whose counts add up exactly, at every candidate', () => {
    for (const name of names) {
      for (const text of Object.values(editable)) {
        let sum = 0;
        let from = 0;
        for (let b = 1; b < text.length; b++) {
          if (!isSafeCut(text, b)) continue;
          sum += referenceCount(name, text.slice(from, b));
          from = b;
        }
        sum += referenceCount(name, text.slice(from));
        expect(sum).toBe(referenceCount(name, text));
      }
    }
  });

  it.each([
    ['after a newline before a letter', 'ab\ncd', 3, true],
    ['after a newline before a slash (o200k joins ".\\n/")', 'a.\n/b', 3, false],
    ['after a newline before an indented line', 'x\n    y', 2, true],
    ['after a newline before a blank line', 'x\n  \ny', 2, false],
    ['between two words', 'ab cd', 2, true],
    ['before a space after a digit', '12 cd', 2, false],
    ['after Han before a full-width comma', '中文，好', 2, true],
    ['inside a word', 'abcd', 2, false],
  ])('%s', (_label, text, b, expected) => {
    expect(isSafeCut(text, b)).toBe(expected);
  });

  it('chooses chunk ends only at safe cuts', () => {
    const text = Object.values(editable).join('\n').repeat(4);
    for (let from = 0; from < text.length; ) {
      const end = nextChunkEnd(text, from, text.length);
      expect(end).toBeGreaterThan(from);
      if (end < text.length) expect(isSafeCut(text, end)).toBe(true);
      from = end;
    }
  });
});

describe('helpers', () => {
  it.each([
    ['abcdef', 'abXdef', 2, 3],
    ['same', 'same', 4, 0],
    ['', 'new', 0, 0],
    ['x'.repeat(2000) + 'A' + 'y'.repeat(1500), 'x'.repeat(2000) + 'B' + 'y'.repeat(1500), 2000, 1500],
  ])('prefix/suffix of %#', (a, b, prefix, suffix) => {
    const held = PieceText.fromString(a);
    const p = held.commonPrefixWith(b);
    expect(p).toBe(prefix);
    expect(held.commonSuffixWith(b, p)).toBe(suffix);
  });

  it.each([
    ['The cat sat on the mat and looked around.', 'prose'],
    ['const x = { a: [1, 2], b: fn(y) };', 'code'],
    ['这是一个中文句子，没有英文。', 'cjk'],
    ['   ', 'prose'],
  ] as const)('categorizes %j as %s', (text, category) => {
    expect(categorize(text)).toBe(category);
  });
});
