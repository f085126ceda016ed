/**
 * The one model resolver: everything known about a draft or a turn in, the catalog model to price
 * (or none) out, with where that answer came from and the text it read. Evidence, most specific
 * first: the model the site's stream said answered, the model on the latest reply in the page, the
 * picker's label, the site's mode table, the user's default for the site, the site's default.
 *
 * The most specific piece of evidence that names something decides, even when the catalog does not
 * know it: an unknown name is unpriced and says what it read, never priced as a default or guessed
 * from a family prefix. Words that name no model at all ("ChatGPT", "Best") pass to the next piece.
 */
import { findModel, type Catalog, type Model } from '../catalog';
import type { SiteId } from '../sites/hosts';
import { nameCandidates, tidyName } from './names';
import { GENERIC_LABELS, SITE_MODES } from './site-modes';
import type { ModelSource } from './sources';

export * from './sources';

export interface ModelEvidence {
  site: SiteId;
  /** The model the site's stream said answered (resolved slug, `modelVersion`, response model). */
  stream?: string | null;
  /** A mode the stream names instead of a model (Gemini's "Fast"). */
  streamMode?: string | null;
  /** The model on the latest reply in the page (ChatGPT's `data-message-model-slug`). */
  reply?: string | null;
  /** The picker's label as the page shows it. */
  picker?: string | null;
  /** The user's own names for labels on this site: label → catalog id. */
  aliases?: Readonly<Record<string, string>>;
  /** The user's default model for this site (catalog id), if set. */
  userDefault?: string | null;
  /** The site's default model (catalog id, our dated pick). */
  siteDefault: string;
}

export interface ModelResolution {
  /** The catalog model to price, or null: unpriced. */
  model: Model | null;
  source: ModelSource;
  /** The text that decided (a slug, a label, a mode), or null for the defaults. */
  read: string | null;
  /** Where `read` was read when the table or an alias turned it into a model. */
  readFrom: 'stream' | 'reply' | 'picker' | null;
}

/** What one name means on one site. */
export type NameMeaning =
  | { kind: 'model'; model: Model; by: 'catalog' | 'mode' | 'alias' }
  | { kind: 'unpriced'; by: 'mode' | 'unknown' }
  | { kind: 'generic' };

const modesBySite = new Map<SiteId, Map<string, string | null>>();
function modeTable(site: SiteId): Map<string, string | null> {
  let table = modesBySite.get(site);
  if (!table) {
    table = new Map();
    for (const mode of SITE_MODES) if (mode.site === site) for (const label of mode.labels) table.set(tidyName(label), mode.model);
    modesBySite.set(site, table);
  }
  return table;
}

const genericBySite = new Map<SiteId, Set<string>>();
function isGeneric(site: SiteId, tidy: string): boolean {
  let set = genericBySite.get(site);
  if (!set) {
    set = new Set((GENERIC_LABELS[site] ?? []).map(tidyName));
    genericBySite.set(site, set);
  }
  return set.has(tidy);
}

/** Aliases keyed the way names are compared. */
export const aliasKey = (label: string): string => tidyName(label);

/**
 * What a name the site showed means: the user's alias for it; a word that names no model; the
 * site's mode table; the catalog (as written, without same-price words, with dotted versions); a
 * mode after those words are dropped; else unknown.
 */
export function resolveName(site: SiteId, name: string, catalog: Catalog, aliases: Readonly<Record<string, string>> = {}): NameMeaning {
  const tidy = tidyName(name);
  if (!tidy) return { kind: 'generic' };
  const aliased = aliases[tidy];
  if (aliased) {
    const match = findModel(catalog, aliased);
    if (match.found) return { kind: 'model', model: match.model, by: 'alias' };
  }
  if (isGeneric(site, tidy)) return { kind: 'generic' };
  const modes = modeTable(site);
  const candidates = nameCandidates(tidy);
  const fromMode = (label: string): NameMeaning | null => {
    if (!modes.has(label)) return null;
    const id = modes.get(label)!;
    const match = id === null ? null : findModel(catalog, id);
    return match?.found ? { kind: 'model', model: match.model, by: 'mode' } : { kind: 'unpriced', by: 'mode' };
  };
  const exactMode = fromMode(tidy);
  if (exactMode) return exactMode;
  for (const candidate of candidates) {
    const match = findModel(catalog, candidate);
    if (match.found) return { kind: 'model', model: match.model, by: 'catalog' };
  }
  for (const candidate of candidates.slice(1)) {
    const mode = fromMode(candidate);
    if (mode) return mode;
  }
  return { kind: 'unpriced', by: 'unknown' };
}

/** The model to price and how we know it (see the module comment for the order). */
export function resolveModel(evidence: ModelEvidence, catalog: Catalog): ModelResolution {
  const named: ['stream' | 'reply' | 'picker', string | null | undefined][] = [
    ['stream', evidence.stream],
    ['stream', evidence.streamMode],
    ['reply', evidence.reply],
    ['picker', evidence.picker],
  ];
  for (const [from, text] of named) {
    if (!text || !text.trim()) continue;
    const meaning = resolveName(evidence.site, text, catalog, evidence.aliases);
    if (meaning.kind === 'generic') continue;
    const read = text.replace(/\s+/g, ' ').trim();
    if (meaning.kind === 'model') {
      const source: ModelSource = meaning.by === 'alias' ? 'user alias' : meaning.by === 'mode' ? 'mode' : from;
      return { model: meaning.model, source, read, readFrom: from };
    }
    return { model: null, source: meaning.by === 'mode' ? 'mode' : from, read, readFrom: from };
  }
  if (evidence.userDefault) {
    const match = findModel(catalog, evidence.userDefault);
    if (match.found) return { model: match.model, source: 'user default', read: null, readFrom: null };
  }
  const fallback = findModel(catalog, evidence.siteDefault);
  return { model: fallback.found ? fallback.model : null, source: 'site default', read: null, readFrom: null };
}

/** True when the site named a model the catalog does not know (the pill offers an alias; health says so). */
export const isUnrecognised = (r: ModelResolution): boolean => r.model === null && r.read !== null && r.source !== 'mode';
