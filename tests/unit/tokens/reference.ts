// Shared by the token tests: our counter and js-tiktoken's own encoder over the same rank files.
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { BpeCounter, type RankFile } from '../../../lib/tokens/bpe';

export const ENCODINGS = { o200k_base: o200k as RankFile, cl100k_base: cl100k as RankFile };
export type EncodingName = keyof typeof ENCODINGS;

const cache = new Map<EncodingName, { ours: BpeCounter; reference: Tiktoken }>();

export function counters(name: EncodingName) {
  let entry = cache.get(name);
  if (!entry) {
    entry = { ours: new BpeCounter(ENCODINGS[name]), reference: new Tiktoken(ENCODINGS[name]) };
    cache.set(name, entry);
  }
  return entry;
}

/** js-tiktoken's count with special-token text treated as plain text. */
export function referenceCount(name: EncodingName, text: string): number {
  return counters(name).reference.encode(text, [], []).length;
}

/** Deterministic corpora covering the kinds of text the issue lists. */
export const CORPORA: Record<string, string> = {
  english:
    'The quick brown fox jumps over the lazy dog. It\'s a well-known pangram, isn\'t it? ' +
    'Tokenizers split text into pieces; each piece is merged by byte-pair encoding.\n\n' +
    'Paragraphs, numbers like 12345 and 3.14159, and contractions (we\'ll, they\'re) all count.\n',
  markdown: '# Title\n\n- item one\n- item **two**\n\n```ts\nconst x = 1;\n```\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  code: 'function add(a, b) {\n  return a + b;\n}\n\nfor (let i = 0; i < 10; i++) {\n\tconsole.log(`value: ${i}`);\n}\n/* comment */\nconst re = /a+b*/g;\n',
  cjk: '东京是日本的首都，也是世界上最大的城市之一。今日はいい天気ですね！한국어 문장도 포함됩니다。「引用」『二重』（括弧）…',
  emoji: 'Party time 🎉🎉 with family 👨‍👩‍👧‍👦 and flags 🇯🇵🇫🇷, skin tones 👍🏽 and VS16 ❤️.\n',
  mixed: 'English, 中文, русский, العربية, हिन्दी, ελληνικά — mixed scripts in one line.\n',
  crlf: 'line one\r\nline two\r\n\r\n  indented\r\n',
  unusual: '\ufeffBOM start \u0085 NEL and nbsp\u00a0here, ideographic\u3000space, lone \ud800 surrogate, NUL \u0000 end',
  special: 'User typed <|endoftext|> and <|fim_prefix|> and <|im_start|>system as text.',
  longRuns: 'a'.repeat(3000) + ' ' + 'xyz'.repeat(700) + '\n' + '='.repeat(2000) + '\n' + '汉'.repeat(1500),
};
