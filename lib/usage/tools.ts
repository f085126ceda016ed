/**
 * Tool calls a reply stream names (issue 18): what kinds there are and how a parser counts them.
 * No imports with runtime code: it runs in the page's world with the stream parsers, and the
 * catalog's schema takes its kinds from here.
 */

/**
 * The kinds of tool call the product tells apart. A kind is what a provider prices per call (web
 * search, code execution), or a plain group for what no one prices per call (memory, MCP
 * connectors, the app's own tools). `research` is one step of a deep-research run.
 */
export const TOOL_KINDS = ['web_search', 'web_fetch', 'x_search', 'code_execution', 'image_generation', 'research', 'memory', 'mcp', 'other'] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

/** Calls of one kind in one reply. */
export interface ToolCall {
  kind: ToolKind;
  count: number;
}

/** At most this many calls of a kind are kept for one reply: a bound, not a price. */
export const MAX_TOOL_CALLS = 10_000;

/**
 * Counts calls by kind, each call once by its id (a call seen again in a later event, or in a
 * repeated frame, is the same call), so a stream cut anywhere gives the same counts.
 */
export function toolCounter() {
  const seen = new Map<string, ToolKind>();
  return {
    add(id: string, kind: ToolKind) {
      if (!seen.has(id) && seen.size < MAX_TOOL_CALLS) seen.set(id, kind);
    },
    has: (id: string) => seen.has(id),
    /** Calls by kind, in TOOL_KINDS order; kinds with none left out. */
    calls(): ToolCall[] {
      const counts = new Map<ToolKind, number>();
      for (const kind of seen.values()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
      return TOOL_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
    },
  };
}

/** The larger count of each kind from two readings of the same reply (e.g. blocks and a server total). */
export function mergeToolCalls(a: readonly ToolCall[], b: readonly ToolCall[]): ToolCall[] {
  const counts = new Map<ToolKind, number>();
  for (const c of [...a, ...b]) counts.set(c.kind, Math.max(counts.get(c.kind) ?? 0, c.count));
  return TOOL_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
}

/** Lower-case tool names (as the sites' streams give them) and the kind each is. */
const NAMED: [RegExp, ToolKind][] = [
  [/^(?:web[._-]?search|web\.run|browser\.search|search|google_search|brave_search|websearch)$/, 'web_search'],
  [/^(?:web[._-]?fetch|fetch_url|browser\.open|browse|url_context)$/, 'web_fetch'],
  [/^x[._-]?search$/, 'x_search'],
  [/^(?:python|code_execution|code_interpreter|container\.exec|container|repl|analysis|bash|computer)$/, 'code_execution'],
  [/^(?:dalle\.text2im|image_gen|image_generation|t2uay3k\.sj1i4kz|imagegen|generate_image|image_gen\.text2im)$/, 'image_generation'],
  [/^(?:research_kickoff_tool\.[a-z_]+|deep_research|research)$/, 'research'],
  [/^(?:bio|memory|memory_user_edits|conversation_search|recent_chats)$/, 'memory'],
];

/** The kind of a tool the stream names; names it does not know are `other`. */
export function toolKind(name: string): ToolKind {
  const n = name.trim().toLowerCase();
  for (const [pattern, kind] of NAMED) if (pattern.test(n)) return kind;
  return 'other';
}
