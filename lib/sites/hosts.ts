/**
 * The chat sites Spendmeter supports, by exact host name. Content-script matches and sender checks
 * come from this list; nothing else decides whether a page is a supported chat site.
 */
export const SUPPORTED_SITES = [
  { id: 'chatgpt', name: 'ChatGPT', hosts: ['chatgpt.com', 'chat.openai.com'] },
  { id: 'claude', name: 'Claude', hosts: ['claude.ai'] },
  { id: 'gemini', name: 'Gemini', hosts: ['gemini.google.com'] },
  { id: 'deepseek', name: 'DeepSeek', hosts: ['chat.deepseek.com'] },
  { id: 'mistral', name: 'Le Chat', hosts: ['chat.mistral.ai'] },
  { id: 'grok', name: 'Grok', hosts: ['grok.com'] },
  { id: 'perplexity', name: 'Perplexity', hosts: ['www.perplexity.ai'] },
  { id: 'copilot', name: 'Copilot', hosts: ['copilot.microsoft.com'] },
  { id: 'poe', name: 'Poe', hosts: ['poe.com'] },
  { id: 'openrouter', name: 'OpenRouter', hosts: ['openrouter.ai'] },
  { id: 'aistudio', name: 'AI Studio', hosts: ['aistudio.google.com'] },
  { id: 'qwen', name: 'Qwen Chat', hosts: ['chat.qwen.ai'] },
] as const;

export type SiteId = (typeof SUPPORTED_SITES)[number]['id'];

/** The name people know the site by. */
export function siteName(id: SiteId): string {
  return SUPPORTED_SITES.find((s) => s.id === id)?.name ?? id;
}

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
