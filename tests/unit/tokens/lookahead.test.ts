// Counting the next key ahead of time: every figure in the table is the count the worker gives the
// edited text (for OpenAI's, Claude's, Gemma's and Llama's vocabularies, wherever the caret is), and
// the client finds a key in the table only when the edit is that key.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaudeCounter, type ClaudeVocabFile } from '../../../lib/tokens/claude';
import { IncrementalCounter, type TextCounter } from '../../../lib/tokens/incremental';
import { countAhead, likelyKeys, predictFromTable, RECENT_CHARS, type LookAhead } from '../../../lib/tokens/lookahead';
import { emptyClassTokens } from '../../../lib/tokens/text-class';
import { CORPORA, counters, referenceCount } from './reference';
import { ourCounter } from './vendor-reference';

const claudeV4_7 = () => new ClaudeCounter(JSON.parse(readFileSync('lib/tokens/vocab/claude_v4_7.json', 'utf8')) as ClaudeVocabFile);

const VOCABULARIES: [string, () => Promise<TextCounter>][] = [
  ['o200k', async () => counters('o200k_base').ours],
  ['claude v4.7', async () => claudeV4_7()],
  ['gemma3', () => ourCounter('gemma3')],
  ['llama3', () => ourCounter('llama3')],
];

const corpus = Object.values(CORPORA).join('\n');
/** A draft cut from the corpora, with typed French and Russian in it, and a caret somewhere in it. */
const drafts = fc
  .tuple(fc.nat({ max: corpus.length - 1 }), fc.nat({ max: 900 }), fc.constantFrom('', ' déjà vu, où ça ', ' привет, как дела '), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([start, length, typed, caret]) => {
    const text = corpus.slice(start, start + length) + typed;
    let at = Math.round(caret * text.length);
    if (at > 0 && at < text.length && /[\udc00-\udfff]/.test(text[at]!)) at--; // a caret never sits inside a pair
    return { text, at };
  });

const classTotals = (counter: TextCounter, text: string) => {
  const fresh = new IncrementalCounter(counter);
  fresh.update(text);
  return fresh.tokensByClass;
};

describe('countAhead', () => {
  for (const [name, load] of VOCABULARIES) {
    it(`gives each key's exact count, as the worker would count the edit (${name})`, async () => {
      const counter = await load();
      fc.assert(
        fc.property(drafts, ({ text, at }) => {
          const incremental = new IncrementalCounter(counter);
          incremental.update(text);
          const base = incremental.tokensByClass;
          const table = countAhead(incremental, at);
          expect(table.at).toBe(at);
          const keys = likelyKeys(text.slice(Math.max(0, at - RECENT_CHARS), at));
          expect(table.inserts.map((g) => g.chars).join('').length).toBe(keys.length);
          for (const key of keys) {
            const edited = text.slice(0, at) + key + text.slice(at);
            expect(predictFromTable(table, base, text, { offset: at, removed: 0, inserted: key })).toEqual(classTotals(counter, edited));
          }
          if (at === 0) expect(table.back).toBeUndefined();
          else {
            const removed = table.back!.removed;
            const edited = text.slice(0, at - removed) + text.slice(at);
            expect(predictFromTable(table, base, text, { offset: at - removed, removed, inserted: '' })).toEqual(classTotals(counter, edited));
          }
          // The table is never committed: the counter still holds the draft as it was.
          expect(incremental.committedText.toString()).toBe(text);
          expect(incremental.tokensByClass).toEqual(base);
        }),
        { numRuns: Number(process.env.LOOKAHEAD_RUNS ?? 25) },
      );
    });
  }

  it("matches js-tiktoken's count of the edited text (o200k)", () => {
    const { ours } = counters('o200k_base');
    const text = CORPORA.english! + CORPORA.code!;
    const incremental = new IncrementalCounter(ours);
    incremental.update(text);
    const at = text.indexOf('lazy') + 2;
    const table = countAhead(incremental, at);
    for (const key of ['a', ' ', '7', '{', '\n']) {
      const byClass = predictFromTable(table, incremental.tokensByClass, text, { offset: at, removed: 0, inserted: key })!;
      const total = Object.values(byClass).reduce((a, b) => a + b, 0);
      expect(total).toBe(referenceCount('o200k_base', text.slice(0, at) + key + text.slice(at)));
    }
  });

  it('removes a whole surrogate pair on Backspace', () => {
    const { ours } = counters('o200k_base');
    const text = 'party 🎉';
    const incremental = new IncrementalCounter(ours);
    incremental.update(text);
    const table = countAhead(incremental, text.length);
    expect(table.back?.removed).toBe(2);
    const byClass = predictFromTable(table, incremental.tokensByClass, text, { offset: text.length - 2, removed: 2, inserted: '' })!;
    expect(Object.values(byClass).reduce((a, b) => a + b, 0)).toBe(referenceCount('o200k_base', 'party '));
  });

  it('groups the keys by what they do to the count, so the table stays small', () => {
    const { ours } = counters('o200k_base');
    const incremental = new IncrementalCounter(ours);
    incremental.update(CORPORA.english!.repeat(20));
    const table = countAhead(incremental, incremental.committedText.length);
    expect(table.inserts.reduce((n, g) => n + g.chars.length, 0)).toBe(96); // printable ASCII and a line break
    expect(table.inserts.length).toBeLessThan(12);
    expect(JSON.stringify(table).length).toBeLessThan(700);
  });
});

describe('likelyKeys', () => {
  it('are printable ASCII, a line break, and the non-ASCII characters typed last', () => {
    const keys = likelyKeys('Ça va, très bien; привет 🎉');
    expect(keys.slice(0, 3)).toEqual([' ', '!', '"']);
    expect(keys).toContain('~');
    expect(keys).toContain('\n');
    for (const ch of 'Çèпривет') expect(keys).toContain(ch);
    expect(keys.some((k) => /[\ud800-\udfff]/.test(k))).toBe(false); // emoji are two units: never a key
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('takes at most 32 recent non-ASCII characters, the nearest first', () => {
    const cjk = Array.from({ length: 100 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    const keys = likelyKeys(cjk);
    expect(keys.length).toBe(96 + 32);
    expect(keys).toContain(cjk.at(-1));
    expect(keys).not.toContain(cjk[0]);
  });
});

describe('predictFromTable', () => {
  const table: LookAhead = { at: 5, inserts: [{ chars: 'lo', delta: { latinEnglish: 1 } }, { chars: ' ', delta: {} }], back: { removed: 1, delta: { latinEnglish: -1 } } };
  const base = { ...emptyClassTokens(), latinEnglish: 3 };
  const from = 'helllo world'; // caret after "helll"
  const cases: [string, { offset: number; removed: number; inserted: string }, number | null][] = [
    ['a key in the table, at the caret', { offset: 5, removed: 0, inserted: 'o' }, 4],
    ['a key with no change', { offset: 5, removed: 0, inserted: ' ' }, 3],
    ['the same key found later in a run of it (same text)', { offset: 4, removed: 0, inserted: 'l' }, 4],
    ['a key not in the table', { offset: 5, removed: 0, inserted: 'x' }, null],
    ['a key elsewhere', { offset: 1, removed: 0, inserted: 'o' }, null],
    ['a key past a run of other characters', { offset: 3, removed: 0, inserted: 'o' }, null],
    ['Backspace', { offset: 4, removed: 1, inserted: '' }, 2],
    ['Backspace within the run before the caret (same text)', { offset: 2, removed: 1, inserted: '' }, 2],
    ['Delete after the caret', { offset: 5, removed: 1, inserted: '' }, null],
    ['two characters typed at once', { offset: 5, removed: 0, inserted: 'lo' }, null],
    ['a character replaced', { offset: 4, removed: 1, inserted: 'x' }, null],
    ['two characters removed', { offset: 3, removed: 2, inserted: '' }, null],
  ];
  for (const [name, edit, tokens] of cases) {
    it(name, () => {
      const out = predictFromTable(table, base, from, edit);
      expect(out === null ? null : out.latinEnglish).toBe(tokens);
    });
  }
});
