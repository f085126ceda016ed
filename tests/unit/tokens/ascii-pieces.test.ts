// The hand-written ASCII pre-tokenizer gives exactly the pieces of o200k_base's regex: on a table
// of tricky cases, on every ASCII string of random shape (letters of both cases, digits, every kind
// of whitespace, apostrophes and contractions, slashes, punctuation, control characters), and
// through the counter, whose totals must equal js-tiktoken's.
import fc from 'fast-check';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { Tiktoken } from 'js-tiktoken/lite';
import { describe, expect, it } from 'vitest';
import { asciiPieces, isAscii, O200K_PATTERN } from '@/lib/tokens/ascii-pieces';
import { BpeCounter, type RankFile } from '@/lib/tokens/bpe';

const regexPieces = (text: string) => text.match(new RegExp(O200K_PATTERN, 'gu')) ?? [];
const reference = new Tiktoken(o200k);

const CASES = [
  'Hello world', '  leading spaces', 'trailing spaces   ', 'tabs\tand\ttabs', 'HTMLParser', 'aBcD', 'ABC', "DON'T", "don't",
  "they're", "We'LL", "it'S", "'s alone", "x'", "x'r", "x'll", 'x\'LLama', '12345678', 'a1b22c333', '3.14159', ' 42', '  42',
  '(hello)', '((x))', '.\n/', 'a.\r\n/b', '\n\n\nx', 'x\r\n\r\n  y', '  \n', '\n  \n  x', '\t\n', ' \u000b\u000cx', '\u0000\u0001ab',
  '  !!', ' !!x', '//comment', 'a/b', 'http://x.y/z?q=1&r=2', 'foo_bar-baz', 'x = y + 1;', '    return x;\n}', '', ' ', '\n', 'A',
];

describe('ASCII pre-tokenizer', () => {
  it.each(CASES)('splits %j like the regex', (text) => {
    expect(asciiPieces(text)).toEqual(regexPieces(text));
  });

  it('splits random ASCII text like the regex', () => {
    const alphabet = fc.constantFrom(...'aAzZqQ'.split(''), ...'sStTrReEvVmMlLdD'.split(''), '0', '7', ' ', ' ', '\t', '\n', '\r', '\u000b', '\u000c', "'", '/', '.', ',', '(', ')', '_', '-', '\u0000', '\u007f', '!');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        expect(asciiPieces(text)).toEqual(regexPieces(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits any ASCII string like the regex', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 120 }), (text) => {
        expect(asciiPieces(text)).toEqual(regexPieces(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('is used by the o200k counter, and counts exactly like js-tiktoken', () => {
    const bpe = new BpeCounter(o200k as RankFile);
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 200 }), (text) => {
        const expected = reference.encode(text, [], []).length;
        expect(isAscii(text)).toBe(true);
        expect(bpe.count(text)).toBe(expected); // the ASCII path
        expect(bpe.count(text, false)).toBe(expected); // told it is not ASCII: the regex path
      }),
      { numRuns: 2000 },
    );
  });
});
