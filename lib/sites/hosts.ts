/**
 * The chat sites Spendmeter supports, by exact host name. Content-script matches and sender checks
 * come from this list; nothing else decides whether a page is a supported chat site.
 */
export const SUPPORTED_SITES = [
  { id: 'chatgpt', hosts: ['chatgpt.com', 'chat.openai.com'] },
  { id: 'claude', hosts: ['claude.ai'] },
  { id: 'gemini', hosts: ['gemini.google.com'] },
  { id: 'deepseek', hosts: ['chat.deepseek.com'] },
  { id: 'mistral', hosts: ['chat.mistral.ai'] },
  { id: 'grok', hosts: ['grok.com'] },
  { id: 'perplexity', hosts: ['www.perplexity.ai'] },
  { id: 'copilot', hosts: ['copilot.microsoft.com'] },
  { id: 'poe', hosts: ['poe.com'] },
  { id: 'openrouter', hosts: ['openrouter.ai'] },
  { id: 'aistudio', hosts: ['aistudio.google.com'] },
  { id: 'qwen', hosts: ['chat.qwen.ai'] },
] as const;

export type SiteId = (typeof SUPPORTED_SITES)[number]['id'];

const siteByHost = new Map<string, SiteId>(SUPPORTED_SITES.flatMap((s) => s.hosts.map((h) => [h, s.id] as const)));

/** The site an https URL belongs to, by exact host; undefined for anything else. */
export function siteForUrl(url: string | undefined): SiteId | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? siteByHost.get(u.hostname) : undefined;
  } catch {
    return undefined;
  }
}

/** Match patterns for the manifest (content scripts). */
export const SITE_MATCH_PATTERNS = SUPPORTED_SITES.flatMap((s) => s.hosts.map((h) => `https://${h}/*`));
