/// <reference lib="webworker" />
/**
 * The counting Web Worker: one per browser, owned by the offscreen document (Chrome) or the
 * background page (Firefox). Rank files are separate chunks, imported the first time a request
 * needs that encoding, so they never load anywhere else.
 */
import type { Encoding } from '../catalog/schema';
import type { RankFile } from './bpe';
import { CountingService, type CountRequest } from './counting-service';

const loaders: Record<Encoding, () => Promise<{ default: RankFile }>> = {
  o200k_base: () => import('js-tiktoken/ranks/o200k_base'),
  cl100k_base: () => import('js-tiktoken/ranks/cl100k_base'),
};

const scope = self as unknown as DedicatedWorkerGlobalScope;
const service = new CountingService(
  async (encoding) => (await loaders[encoding]()).default,
  (reply) => scope.postMessage(reply),
);
scope.onmessage = (event: MessageEvent<CountRequest>) => service.submit(event.data);
