/**
 * Loads an encoding's vocabulary for a `CountingService` running in a document (Chrome's offscreen
 * document). Each rank or vocabulary file is a separate chunk, imported the first time a request
 * needs that encoding, so it never loads anywhere else. The counting worker (Firefox) keeps the same
 * table in lib/tokens/count.worker.ts; `Record<Encoding, …>` makes both name every encoding.
 */
import type { Encoding } from '../catalog/schema';
import { withBaseRanks, type RankFile } from '../tokens/bpe';
import type { ClaudeVocabFile } from '../tokens/claude';
import type { VocabFile } from '../tokens/counting-service';

const loaders: Record<Encoding, () => Promise<{ default: VocabFile }>> = {
  o200k_base: () => import('js-tiktoken/ranks/o200k_base'),
  cl100k_base: () => import('js-tiktoken/ranks/cl100k_base'),
  gemma3: () => import('../tokens/vocab/gemma3.json') as Promise<{ default: VocabFile }>,
  deepseek_v3: () => import('../tokens/vocab/deepseek_v3.json') as Promise<{ default: VocabFile }>,
  qwen3: () => import('../tokens/vocab/qwen3.json') as Promise<{ default: VocabFile }>,
  tekken: () => import('../tokens/vocab/tekken.json') as Promise<{ default: VocabFile }>,
  // Llama 3's file holds only the ranks it appends to cl100k_base.
  llama3: async () => {
    const [delta, base] = await Promise.all([import('../tokens/vocab/llama3.json'), import('js-tiktoken/ranks/cl100k_base')]);
    return { default: withBaseRanks(delta.default as RankFile, base.default) };
  },
  claude_v3: () => import('../tokens/vocab/claude_v3.json') as Promise<{ default: VocabFile }>,
  claude_v4_7: () => import('../tokens/vocab/claude_v4_7.json') as Promise<{ default: VocabFile }>,
  // Claude 5 reads the v4.7 vocabulary through its own message frame (see lib/tokens/claude.ts).
  claude_v5: async () => ({ default: { ...((await import('../tokens/vocab/claude_v4_7.json')).default as unknown as ClaudeVocabFile), frame: 'claude_v5' } }),
};

export async function loadVocabulary(encoding: Encoding): Promise<VocabFile> {
  return (await loaders[encoding]()).default;
}
