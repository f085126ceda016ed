/**
 * What kind of text a chunk is, for estimated tokenizers: a vendor's tokens per o200k token differ
 * far more by script than by anything else (0.66× to 3.4× across languages, see README "Token
 * counting"). One pass over the chunk's UTF-16 units, in the worker, alongside the exact count.
 *
 * Classes: code (by symbol density), CJK (Han and kana), Hangul, then the script most of the
 * chunk's letters are in: Latin (English or other), Cyrillic, Arabic/Hebrew, Indic, or other.
 * English vs other Latin is a cheap guess: no letter with a diacritic in 100, and a common English
 * word; Latin text without diacritics that is not English (Dutch, Indonesian…) can pass as English.
 */
import { isCjkLetter, isWhitespace } from './chunking';

export const TEXT_CLASSES = ['latinEnglish', 'latinOther', 'cyrillic', 'arabicHebrew', 'indic', 'cjk', 'hangul', 'code', 'other'] as const;
export type TextClass = (typeof TEXT_CLASSES)[number];
export type ClassTokens = Record<TextClass, number>;

export function emptyClassTokens(): ClassTokens {
  return { latinEnglish: 0, latinOther: 0, cyrillic: 0, arabicHebrew: 0, indic: 0, cjk: 0, hangul: 0, code: 0, other: 0 };
}

/** The coarse category the catalog's prose/code/cjk factors use. */
export type Category = 'prose' | 'code' | 'cjk';

export function categoryOf(c: TextClass): Category {
  return c === 'code' ? 'code' : c === 'cjk' || c === 'hangul' ? 'cjk' : 'prose';
}

/** ASCII classes: 1 = a mark typical of code, 2 = identifier character, 3 = whitespace. */
const ASCII_CLASS = new Uint8Array(128);
for (const ch of '{}[];=<>_`|&\\$') ASCII_CLASS[ch.charCodeAt(0)] = 1;
for (let c = 48; c < 123; c++) if (/[0-9A-Za-z]/.test(String.fromCharCode(c))) ASCII_CLASS[c] = 2;
for (let c = 0; c < 128; c++) if (isWhitespace(c)) ASCII_CLASS[c] = 3;

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isHangul = (c: number) => (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f);
/** Latin-1 Supplement and Latin Extended-A/B letters (à, ß, ł, ș…), not × or ÷. */
const isLatinDiacritic = (c: number) => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;
const isCyrillic = (c: number) => c >= 0x400 && c <= 0x52f;
/** Hebrew, Arabic, Syriac, Thaana, Arabic Supplement / Extended, presentation forms. */
const isArabicHebrew = (c: number) => (c >= 0x590 && c <= 0x7bf) || (c >= 0x8a0 && c <= 0x8ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
/** Devanagari through Malayalam, and Sinhala (the Brahmic scripts of South Asia). */
const isIndic = (c: number) => c >= 0x900 && c <= 0xdff;

const ENGLISH_WORD = /\b(?:the|and|of|to|is|in|that|it|you|for|with|this|are|was|on|be)\b/i;

/** The chunk's class, and whether it is all ASCII (the counter's fast path), in one pass. */
export function classify(chunk: string): { textClass: TextClass; ascii: boolean } {
  let visible = 0;
  let cjk = 0;
  let hangul = 0;
  let marks = 0;
  let latin = 0;
  let diacritics = 0;
  let cyrillic = 0;
  let arabic = 0;
  let indic = 0;
  let otherLetters = 0;
  let ascii = true;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c < 128) {
      const cls = ASCII_CLASS[c];
      if (cls === 3) continue;
      visible++;
      if (cls === 1) marks++;
      else if (c === 40 && i > 0 && ASCII_CLASS[chunk.charCodeAt(i - 1)] === 2) marks++; // call syntax: name(
      else if (isAsciiLetter(c)) latin++;
      continue;
    }
    ascii = false;
    if (isWhitespace(c)) continue;
    visible++;
    if (isCjkLetter(c)) {
      cjk++;
      if (isHangul(c)) hangul++;
    } else if (isLatinDiacritic(c)) {
      latin++;
      diacritics++;
    } else if (isCyrillic(c)) cyrillic++;
    else if (isArabicHebrew(c)) arabic++;
    else if (isIndic(c)) indic++;
    else if (c >= 0x370 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0xd800 && c <= 0xdfff) && !(c >= 0xfe00 && c <= 0xfe0f)) {
      otherLetters++; // Greek, Thai, Georgian…; punctuation, symbols, emoji halves and selectors are not letters
    }
  }
  let textClass: TextClass;
  if (visible === 0) textClass = 'latinEnglish';
  else if (cjk * 10 >= visible * 3) textClass = hangul * 2 > cjk ? 'hangul' : 'cjk';
  else if (marks >= 2 && marks * 20 >= visible) textClass = 'code';
  else {
    const top = Math.max(latin, cyrillic, arabic, indic, otherLetters);
    if (top === 0 || top === latin) {
      textClass = diacritics * 100 < latin && (latin < 12 || ENGLISH_WORD.test(chunk)) ? 'latinEnglish' : 'latinOther';
    } else if (top === cyrillic) textClass = 'cyrillic';
    else if (top === arabic) textClass = 'arabicHebrew';
    else if (top === indic) textClass = 'indic';
    else textClass = 'other';
  }
  return { textClass, ascii };
}
