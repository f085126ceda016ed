// Estimates: per-script factors and error bands from the catalog, the script classes the worker
// tallies, and catalogs without the new fields still parse.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { TokenizerSchema, type Tokenizer } from '@/lib/catalog/schema';
import { applyTokenizer } from '@/lib/tokens/estimate';
import { IncrementalCounter } from '@/lib/tokens/incremental';
import { classify, emptyClassTokens, type ClassTokens } from '@/lib/tokens/text-class';
import { counters } from './reference';

const catalog = bundledCatalogData();
const tokens = (over: Partial<ClassTokens>): ClassTokens => ({ ...emptyClassTokens(), ...over });
const categories = { prose: 0, code: 0, cjk: 0 };

describe('classify', () => {
  it.each([
    ['The quick brown fox jumps over the lazy dog and runs to the hills.', 'latinEnglish'],
    ['Der schnelle braune Fuchs springt über den faulen Hund, während es regnet.', 'latinOther'],
    ['Le renard brun rapide saute par-dessus le chien paresseux. Déjà vu à été.', 'latinOther'],
    ['Быстрая коричневая лиса прыгает через ленивую собаку.', 'cyrillic'],
    ['الثعلب البني السريع يقفز فوق الكلب الكسول', 'arabicHebrew'],
    ['השועל החום המהיר קופץ מעל הכלב העצלן', 'arabicHebrew'],
    ['तेज़ भूरी लोमड़ी आलसी कुत्ते के ऊपर कूदती है', 'indic'],
    ['东京是日本的首都，也是世界上最大的城市之一。', 'cjk'],
    ['今日はいい天気ですね。', 'cjk'],
    ['한국어 문장도 포함됩니다.', 'hangul'],
    ['function f(x) { return x[0] === 1; }', 'code'],
    ['Η γρήγορη καφέ αλεπού πηδάει πάνω από το τεμπέλικο σκυλί', 'other'],
    ['', 'latinEnglish'],
  ] as const)('%j is %s', (text, expected) => {
    expect(classify(text).textClass).toBe(expected);
  });

  it('keeps the coarse categories the prose/code/cjk factors use', () => {
    const counter = new IncrementalCounter(counters('o200k_base').ours);
    counter.update('Plain English prose here.\n한국어 문장도 포함됩니다.\nconst x = [1, 2]; f(x);\n');
    const byClass = counter.tokensByClass;
    expect(counter.tokensByCategory).toEqual({ prose: byClass.latinEnglish, code: byClass.code, cjk: byClass.cjk + byClass.hangul });
    expect(Object.values(byClass).reduce((a, b) => a + b, 0)).toBe(counter.tokens);
  });
});

describe('applyTokenizer', () => {
  const grok = catalog.tokenizers.grok!;

  it('gives an exact count no band', () => {
    expect(applyTokenizer(categories, catalog.tokenizers['openai-o200k']!, tokens({ latinEnglish: 10, code: 5 }))).toEqual({ tokens: 15, exact: true });
    expect(applyTokenizer(categories, catalog.tokenizers.mistral!, tokens({ latinOther: 7 }))).toEqual({ tokens: 7, exact: true });
  });

  it("weighs each script's band by its tokens (Grok: ±5% English, ±20% CJK)", () => {
    expect(applyTokenizer(categories, grok, tokens({ latinEnglish: 100 }))).toEqual({ tokens: 100, exact: false, band: 0.05 });
    expect(applyTokenizer(categories, grok, tokens({ cjk: 100 }))).toEqual({ tokens: 100, exact: false, band: 0.2 });
    expect(applyTokenizer(categories, grok, tokens({ latinEnglish: 50, cjk: 50 }))).toMatchObject({ band: 0.13 });
    expect(applyTokenizer(categories, grok, tokens({ indic: 10 }))).toMatchObject({ band: 1 });
  });

  it('applies script factors over the category factors, and the default band to unnamed scripts', () => {
    const t: Tokenizer = { exact: false, encoding: 'tekken', factors: { prose: 1, code: 1.3, cjk: 1.3 }, scriptFactors: { arabicHebrew: 3 }, band: { default: 0.3, latinEnglish: 0.1 }, source: 'test' };
    expect(applyTokenizer(categories, t, tokens({ arabicHebrew: 10, code: 10, latinEnglish: 10 }))).toEqual({ tokens: 53, exact: false, band: 0.26 });
  });

  it('uses the default band when only categories are known, and none when the catalog states none', () => {
    expect(applyTokenizer({ prose: 100, code: 0, cjk: 0 }, grok)).toEqual({ tokens: 100, exact: false, band: 0.5 });
    const old: Tokenizer = { exact: false, encoding: 'o200k_base', factors: { prose: 1.1, code: 1, cjk: 1 }, source: 'an older catalog' };
    expect(applyTokenizer({ prose: 100, code: 0, cjk: 0 }, old, tokens({ latinEnglish: 100 }))).toEqual({ tokens: 110, exact: false });
  });

  it('gives every estimated tokenizer of the bundled catalog a band, and parses entries without one', () => {
    for (const [id, t] of Object.entries(catalog.tokenizers)) {
      if (!t.exact && !id.startsWith('claude')) expect([id, t.band?.default]).toEqual([id, expect.any(Number)]);
    }
    expect(TokenizerSchema.safeParse({ exact: false, encoding: 'o200k_base', factors: { prose: 1, code: 1, cjk: 1 }, source: 'x' }).success).toBe(true);
    expect(TokenizerSchema.safeParse({ exact: false, encoding: 'o200k_base', factors: { prose: 1, code: 1, cjk: 1 }, band: { default: 0.1, klingon: 0.2 }, source: 'x' }).success).toBe(false);
  });
});
