/** The adapter for each supported site. */
import type { SiteAdapter } from './adapter';
import { aistudio } from './aistudio';
import { chatgpt } from './chatgpt';
import { claude } from './claude';
import { copilot } from './copilot';
import { deepseek } from './deepseek';
import { gemini } from './gemini';
import { grok } from './grok';
import { siteForUrl, type SiteId } from './hosts';
import { mistral } from './mistral';
import { openrouter } from './openrouter';
import { perplexity } from './perplexity';
import { poe } from './poe';
import { qwen } from './qwen';

export const ADAPTERS: Record<SiteId, SiteAdapter> = {
  chatgpt, claude, gemini, deepseek, mistral, grok, perplexity, copilot, poe, openrouter, aistudio, qwen,
};

export function adapterForUrl(url: string): SiteAdapter | undefined {
  const site = siteForUrl(url);
  return site ? ADAPTERS[site] : undefined;
}

export type { SiteAdapter } from './adapter';
