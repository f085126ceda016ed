/// <reference lib="webworker" />
/**
 * The counting Web Worker: one per browser, owned by the offscreen document (Chrome) or the
 * background page (Firefox). Rank and vocabulary files are separate chunks, imported the first time a request
 * needs that encoding, so they never load anywhere else.
 */
import type { Encoding } from '../catalog/schema';
import { withBaseRanks, type RankFile } from './bpe';
import type { ClaudeVocabFile } from './claude';
import { CountingService, type CountRequest, type VocabFile } from './counting-service';

const loaders: Record<Encoding, () => Promise<{ default: VocabFile }>> = {
  o200k_base: () => import('js-tiktoken/ranks/o200k_base'),
  cl100k_base: () => import('js-tiktoken/ranks/cl100k_base'),
  gemma3: () => import('./vocab/gemma3.json') as Promise<{ default: VocabFile }>,
  deepseek_v3: () => import('./vocab/deepseek_v3.json') as Promise<{ default: VocabFile }>,
  qwen3: () => import('./vocab/qwen3.json') as Promise<{ default: VocabFile }>,
  tekken: () => import('./vocab/tekken.json') as Promise<{ default: VocabFile }>,
  // Llama 3's file holds only the ranks it appends to cl100k_base.
  llama3: async () => {
    const [delta, base] = await Promise.all([import('./vocab/llama3.json'), import('js-tiktoken/ranks/cl100k_base')]);
    return { default: withBaseRanks(delta.default as RankFile, base.default) };
  },
  claude_v3: () => import('./vocab/claude_v3.json') as Promise<{ default: VocabFile }>,
  claude_v4_7: () => import('./vocab/claude_v4_7.json') as Promise<{ default: VocabFile }>,
  // Claude 5 reads the v4.7 vocabulary through its own message frame (see claude.ts).
  claude_v5: async () => ({ default: { ...((await import('./vocab/claude_v4_7.json')).default as unknown as ClaudeVocabFile), frame: 'claude_v5' } }),
};

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** When each profiled request arrived (the benchmark's pages ask for timing). */
const arrived = new Map<number, number>();
const service = new CountingService(
  async (encoding) => (await loaders[encoding]()).default,
  (reply) => {
    const at = arrived.get(reply.id);
    if (at === undefined) return scope.postMessage(reply);
    arrived.delete(reply.id);
    scope.postMessage({ ...reply, took: { worker: performance.now() - at } });
  },
);
scope.onmessage = (event: MessageEvent<CountRequest>) => {
  if (event.data.profile) arrived.set(event.data.id, performance.now());
  service.submit(event.data);
};
