/**
 * One first-count throughput measurement in a fresh process (run by bench/run.ts): both libraries
 * start cold, get the same JIT warm-up on unrelated text, then count one 1 MB corpus once.
 * Prints MB/s.
 */
import { countTokens as gptTokenizerCount } from 'gpt-tokenizer/encoding/o200k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { BpeCounter, type RankFile } from '../lib/tokens/bpe';
import { IncrementalCounter } from '../lib/tokens/incremental';
import { cjkCorpus, codeCorpus, englishCorpus, MB } from './corpora';

const [library, corpusName] = process.argv.slice(2) as ['ours' | 'gpt-tokenizer', 'english' | 'code' | 'cjk'];
const text = { english: englishCorpus, code: codeCorpus, cjk: cjkCorpus }[corpusName]();
const warmUp = cjkCorpus(100_000, 99);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

let count: (t: string) => number;
if (library === 'ours') {
  const bpe = new BpeCounter(o200k as RankFile);
  count = (t) => new IncrementalCounter(bpe).update(t);
} else count = gptTokenizerCount;
count(warmUp);
gc();
const start = performance.now();
count(text);
const ms = performance.now() - start;
console.log((Buffer.byteLength(text, 'utf8') / MB / (ms / 1000)).toFixed(4));
