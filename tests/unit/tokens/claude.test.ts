/**
 * The Claude counter (lib/tokens/claude.ts) against Anthropic's recorded count_tokens results
 * (../shared/reference/claude-tokenizer/fixtures/, read in place): every Rosetta Code and MultiPL-E
 * document exact for v3, v4.7 and Claude 5, UDHR at least 99% (all 501 today). A recorded count is a
 * one-message request: the content's tokens plus the family's message frame (`messageOverhead`).
 * Then: the message-edge rules, safe cuts, incremental counts after random edits, and text that
 * looks like a marker or a special token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaudeCounter, isClaudeSafeCut, type ClaudeVocabFile } from '../../../lib/tokens/claude';
import { IncrementalCounter } from '../../../lib/tokens/incremental';

const FIXTURES = resolve('..', 'shared', 'reference', 'claude-tokenizer', 'fixtures');

const files = {
  v3: JSON.parse(readFileSync('lib/tokens/vocab/claude_v3.json', 'utf8')) as ClaudeVocabFile,
  v4_7: JSON.parse(readFileSync('lib/tokens/vocab/claude_v4_7.json', 'utf8')) as ClaudeVocabFile,
};
/** Fixture family key → our counter (v5 reads the v4.7 vocabulary through its own frame). */
const FAMILIES = {
  v3: new ClaudeCounter(files.v3),
  'v4.7': new ClaudeCounter(files.v4_7),
  v5: new ClaudeCounter({ ...files.v4_7, frame: 'claude_v5' }),
};
type Family = keyof typeof FAMILIES;
const families = Object.keys(FAMILIES) as Family[];

interface Doc {
  id?: string;
  f?: string;
  lang?: string;
  text: string;
}
function corpus(name: string): { docs: Doc[]; counts: Record<Family, { counts: Record<string, number> }> } {
  const docs = gunzipSync(readFileSync(resolve(FIXTURES, `${name}.jsonl.gz`)))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Doc);
  return { docs, counts: JSON.parse(readFileSync(resolve(FIXTURES, `${name}_counts.json`), 'utf8')) };
}

/** Documents whose reconstructed count (content + frame) equals the recorded one, and all recorded. */
function exactRate(name: string, family: Family): { exact: number; total: number; misses: string[] } {
  const { docs, counts } = corpus(name);
  const counter = FAMILIES[family];
  let exact = 0;
  let total = 0;
  const misses: string[] = [];
  for (const doc of docs) {
    const id = doc.id ?? doc.f ?? doc.lang!;
    const recorded = counts[family].counts[id];
    if (recorded === undefined) continue;
    total++;
    const ours = counter.count(doc.text) + counter.messageOverhead;
    if (ours === recorded) exact++;
    else misses.push(`${id}: ${ours} vs ${recorded}`);
  }
  return { exact, total, misses };
}

describe.skipIf(!existsSync(FIXTURES))('recorded count_tokens results', () => {
  it.each(families)('every Rosetta Code document is exact for %s', (family) => {
    const r = exactRate('rosetta', family);
    expect(r.total).toBe(1741);
    expect(r.misses).toEqual([]);
  }, 60_000);

  it.each(families)('every MultiPL-E document is exact for %s', (family) => {
    const r = exactRate('multipl_e', family);
    expect(r.total).toBe(22);
    expect(r.misses).toEqual([]);
  }, 60_000);

  it.each(families)('UDHR is at least 99 percent exact for %s (all 501 languages today)', (family) => {
    const r = exactRate('udhr', family);
    expect(r.total).toBe(501);
    expect(r.exact / r.total).toBeGreaterThanOrEqual(0.99);
    expect(r.misses).toEqual([]);
  }, 60_000);

  it('has the frames the vocabulary files say: 7, 11 and 6 tokens', () => {
    expect(families.map((f) => FAMILIES[f].messageOverhead)).toEqual([7, 11, 6]);
  });
});

describe('message edges (ctok’s measured cases)', () => {
  const [v3, v47, v5] = families.map((f) => FAMILIES[f]);
  it('takes one leading space free where the frame ends in a word boundary (v3, v4.7), not on Claude 5', () => {
    for (const c of [v3!, v47!]) {
      expect(c.count(' a')).toBe(c.count('a'));
      expect(c.count('  a')).toBe(c.count('a') + 1);
    }
    expect(v5!.count(' a')).toBe(v5!.count('a') + 1);
  });

  it('lets trailing whitespace go free on Claude 5 but not a no-break space', () => {
    expect(v5!.count('a \t\n ')).toBe(v5!.count('a'));
    expect(v5!.count('a\u00a0')).toBe(v5!.count('a') + 1);
  });

  it('joins trailing newlines with the frame’s own "\\n\\n" on v3 and v4.7', () => {
    expect(v47!.count('a\n')).toBe(v47!.count('a'));
    // ctok (v3): up to 28 trailing newlines cost nothing, 29 costs one, 30 and 31 nothing again.
    expect([1, 28, 29, 30, 31].map((n) => v3!.count(`a${'\n'.repeat(n)}`) - v3!.count('a'))).toEqual([0, 0, 1, 0, 0]);
  });

  it('folds curly quotes on v3 only', () => {
    expect(v3!.count('“quoted” it’s')).toBe(v3!.count('"quoted" it\'s'));
    expect(v47!.count('it’s')).not.toBe(v47!.count("it's"));
  });

  it('counts nothing for an empty or stripped message', () => {
    for (const c of [v3!, v47!, v5!]) {
      expect(c.count('')).toBe(0);
      expect(c.count('\u0001\ue123')).toBe(0);
    }
  });
});

describe('text that looks like a marker or a special token', () => {
  it('counts as plain text', () => {
    for (const family of families) {
      const c = FAMILIES[family];
      // The counter's own markers are private-use characters, which the API strips (cost 0).
      expect(c.count('a\ue000\ue001b')).toBe(c.count('ab'));
      // ctok's markers are noncharacters: here they are ordinary characters with their byte cost.
      expect(c.count('a \ufdd0 b')).toBeGreaterThan(c.count('a b') + 1);
      for (const s of ['<|endoftext|>', '<|im_start|>', '⟨bow⟩', '⟨eow⟩', '\n\nHuman:', '\n\nAssistant:']) {
        expect(c.count(`x ${s} y`)).toBeGreaterThan(c.count('x y') + 1);
      }
    }
  });
});

// ---- safe cuts and incremental counts -----------------------------------------------------------

const FRAGMENTS = [
  'The', ' quick', ' brown', ' fox', ' jumps', "'s", " don't", ' over', ' the', ' LAZY', ' DOG', ' Hello', ' World', '!', '?', ',', ' ', '  ', '   ',
  '\n', '\n\n', '\n\n\n', '\t', '\t\t', '\r\n', '    ', 'a', 'é', 'e\u0301', 'Café', ' déjà', ' naïve', 'İstanbul', 'ΣΚΙΕΣ',
  'function', ' f', '(x)', ' {', ' }', ';', ' =>', ' return', ' x', ' *', ' 2', '[1,2,3]', '===', '//', '/*', '*/', '`${i}`', '0x1F', '3.14159', '12345', '2026',
  '东京', '是', '日本', '的首都', '，', '。', '今日は', 'いい天気', 'ですね', '！', '한국어', ' 문장', '「', '」', '…', '日々',
  '😊', '👍🏽', '👨‍👩‍👧', '🇯🇵', '❤️', '⚖️', '🎉', '𑄡𑄨𑄠𑄳𑄠𑄴',
  'русский', ' текст', 'العربية', 'हिन्दी', ' क्षत्रिय', ' ελληνικά', 'ไทย', 'กฺ', 'Tiếng Việt', '٥', ' ١٢٣', '½', '５',
  '<b>', '</b>', '<', '>', '> ', ' <', '_', '-', '—', '=', '==', '---', '\u00a0', '\u3000', '\ufeff', '\u200b', '\u0363', '\ue000', '\ufdd0', '\u0001',
  'aaaa', 'zzzz', 'xyz', 'ABC', 'iPhone', 'README.md', '\ud800', '\udc00 ',
];
const fragment = fc.constantFrom(...FRAGMENTS);
const generated = fc.array(fragment, { minLength: 1, maxLength: 80 }).map((f) => f.join(''));

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

describe.each(families)('%s: safe cuts and incremental counts', (family) => {
  const counter = FAMILIES[family];

  it('splits the count exactly at every safe cut', () => {
    fc.assert(
      fc.property(generated, (text) => {
        const whole = counter.count(text);
        for (let b = 1; b < text.length; b++) {
          if (!isClaudeSafeCut(text, b)) continue;
          expect([b, counter.count(text.slice(0, b), false, true, false) + counter.count(text.slice(b), false, false, true)]).toEqual([b, whole]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('only chooses safe cuts', () => {
    const text = FRAGMENTS.join('\n').repeat(20);
    for (let from = 0; from < text.length; ) {
      const cut = counter.nextChunkEnd(text, from, text.length);
      expect(cut === text.length || isClaudeSafeCut(text, cut)).toBe(true);
      from = cut;
    }
  });

  it('incremental counts equal whole counts after every edit of random edit sequences', () => {
    const rosetta = existsSync(FIXTURES) ? corpus('rosetta').docs.slice(0, 3).map((d) => d.text).join('\n') : FRAGMENTS.join('\n').repeat(10);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), (edits) => {
        const incremental = new IncrementalCounter(counter);
        let text = rosetta;
        expect(incremental.update(text)).toBe(counter.count(text));
        for (const e of edits) {
          text = apply(text, e);
          expect(incremental.update(text)).toBe(counter.count(text));
        }
        expect(incremental.chunkCount).toBeGreaterThan(1);
      }),
      { numRuns: 20 },
    );
  }, 60_000);

  it('incremental counts equal whole counts on a draft typed and edited from empty', () => {
    const incremental = new IncrementalCounter(counter);
    let text = '';
    fc.assert(
      fc.property(fc.array(edit, { minLength: 50, maxLength: 200 }), (edits) => {
        for (const e of edits) {
          text = apply(text, e);
          expect(incremental.update(text)).toBe(counter.count(text));
        }
      }),
      { numRuns: 20 },
    );
  }, 60_000);

  it('counts 100,000-character worst cases (runs the trie walks deepest on)', () => {
    // Timing is the bench's job (npm run bench); this checks the counts are whole and sane.
    expect(counter.count('\n'.repeat(100_000))).toBeLessThanOrEqual(Math.ceil(100_002 / 32)); // newline runs of 32 are one piece
    expect(counter.count(`a${' '.repeat(99_999)}b`)).toBeGreaterThan(2);
    const han = '汉'.repeat(100_000);
    expect(counter.count(han)).toBeGreaterThanOrEqual(100_000);
  });
});
