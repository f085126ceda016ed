import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8BinaryString } from '../../../lib/tokens/bpe';
import { CORPORA, counters, ENCODINGS, referenceCount, type EncodingName } from './reference';

const names = Object.keys(ENCODINGS) as EncodingName[];

describe.each(names)('BpeCounter %s', (name) => {
  const { ours } = counters(name);

  it.each(Object.entries(CORPORA))('counts the %s corpus exactly like js-tiktoken', (_label, text) => {
    expect(ours.count(text)).toBe(referenceCount(name, text));
  });

  it('counts special-token text as plain text and never throws', () => {
    const text = '<|endoftext|><|endofprompt|>';
    expect(() => ours.count(text)).not.toThrow();
    expect(ours.count(text)).toBe(referenceCount(name, text));
    expect(ours.count(text)).toBeGreaterThan(2);
  });

  it('counts the empty string as zero', () => {
    expect(ours.count('')).toBe(0);
  });

  it('merges long pieces with the heap exactly like the quadratic reference', () => {
    // Lengths past the short-piece cutoff, small enough for js-tiktoken to finish quickly.
    for (const text of ['ab'.repeat(150), 'é'.repeat(200), 'x'.repeat(777), 'qwertyuiopasdfghjkl'.repeat(20), '中文字符'.repeat(60)]) {
      expect(ours.count(text)).toBe(referenceCount(name, text));
    }
  });

  it('matches js-tiktoken on random strings over an adversarial alphabet', () => {
    const alphabet = ['a', 'Z', ' ', '\n', '\r\n', '\t', '/', '.', "'s", '中', '，', '😀', '\u200d', '\ufeff', '\u0085', '1', '22', '<|endoftext|>', '\ud800', 'é', '-', '{'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(ours.count(text)).toBe(referenceCount(name, text));
      }),
      { numRuns: 500 },
    );
  });

  it('loads the whole vocabulary', () => {
    expect(ours.vocabularySize).toBe(name === 'o200k_base' ? 199998 : 100256);
  });
});

describe('utf8BinaryString', () => {
  it.each(['abc', 'é', '中', '😀', 'a\ud800b', '\udc00', '\u0000'])('encodes %j like TextEncoder', (s) => {
    const bytes = new TextEncoder().encode(s);
    expect(utf8BinaryString(s)).toBe(String.fromCharCode(...bytes));
  });
});
