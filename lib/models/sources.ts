/**
 * Where the model of a draft or a turn came from. No imports: the message protocol, the ledger and
 * the views share these without pulling in the catalog.
 */
export const MODEL_SOURCES = ['stream', 'reply', 'picker', 'mode', 'user alias', 'user default', 'site default'] as const;
/** Where a priced model came from: what the site said, what the user chose, or what we assumed. */
export type ModelSource = (typeof MODEL_SOURCES)[number];

/** How people should read a source: the site said so, the user chose it, or we assumed it. */
export function sourceKind(source: ModelSource): 'site' | 'user' | 'assumed' {
  if (source === 'user alias' || source === 'user default') return 'user';
  return source === 'site default' ? 'assumed' : 'site';
}

/** Where each source's text was read, in the words the pill and the popup use. */
export const SOURCE_PHRASES: Record<ModelSource, string> = {
  stream: "from the site's reply stream",
  reply: 'from the last reply on the page',
  picker: "from the page's model picker",
  mode: "from the site's mode, by our table",
  'user alias': 'by your alias for this label',
  'user default': 'your default for this site',
  'site default': 'our default for this site (the page names no model)',
};
