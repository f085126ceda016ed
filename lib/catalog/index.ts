/**
 * The bundled catalog and model matching. Matching is by exact name only: the canonical id, an API
 * id or alias (a trailing release date such as -20250514 or -2025-05-14 may be dropped, since a dated
 * snapshot is the same model), or a UI label. Anything else is unpriced: never $0, never a guess
 * from a family prefix.
 */
import bundled from './catalog.json';
import { normalizeModelName, parseCatalog, type Catalog, type Model, type Tokenizer } from './schema';

export * from './schema';

let bundledCatalog: Catalog | undefined;

/** The catalog shipped with the extension (validated once, on first use). */
export function bundledCatalogData(): Catalog {
  bundledCatalog ??= parseCatalog(bundled);
  return bundledCatalog;
}

export type ModelMatch =
  | { found: true; model: Model; tokenizer: Tokenizer; matchedBy: 'id' | 'alias' | 'label' }
  | { found: false; query: string };

const indexes = new WeakMap<Catalog, Map<string, { model: Model; by: 'id' | 'alias' | 'label' }>>();

function indexOf(catalog: Catalog) {
  let index = indexes.get(catalog);
  if (index) return index;
  index = new Map();
  for (const model of catalog.models) {
    for (const label of model.uiLabels) index.set(normalizeModelName(label), { model, by: 'label' });
    for (const alias of model.aliases) index.set(normalizeModelName(alias), { model, by: 'alias' });
    index.set(normalizeModelName(model.id), { model, by: 'id' });
  }
  indexes.set(catalog, index);
  return index;
}

const DATE_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2})$/;

export function findModel(catalog: Catalog, name: string | null | undefined): ModelMatch {
  const query = (name ?? '').trim();
  if (!query) return { found: false, query };
  const index = indexOf(catalog);
  const key = normalizeModelName(query);
  const hit = index.get(key) ?? (DATE_SUFFIX.test(key) ? index.get(key.replace(DATE_SUFFIX, '')) : undefined);
  if (!hit) return { found: false, query };
  return { found: true, model: hit.model, tokenizer: catalog.tokenizers[hit.model.tokenizer]!, matchedBy: hit.by };
}

/**
 * Tokens a turn adds besides the texts: the site's hidden prompt (a setting) plus the message frame
 * of the model's tokenizer (Claude's role markers and assistant prompt, per user message). The
 * draft's count never includes either; the pill and the recorded turn both use this sum.
 */
export function turnOverheadTokens(catalog: Catalog, model: Model | null | undefined, siteOverheadTokens: number): number {
  const frame = model ? (catalog.tokenizers[model.tokenizer]?.messageOverhead ?? 0) : 0;
  return siteOverheadTokens + frame;
}
