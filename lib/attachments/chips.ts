/**
 * The attachment chips a composer shows, read as data: each site declares where its chips are and
 * what they reveal (`AttachmentChips` in lib/sites/<site>.ts, newest generation first, dated), and
 * `readChips` reads them the same way for every site. Pure DOM reads, nothing written.
 */
import type { AttachmentFacts, AttachmentKind } from './rules';

/** One DOM generation of a site's composer chips. */
export interface ChipGeneration {
  /** When and where this markup was seen. */
  seen: string;
  /** One element per attachment, searched inside the composer's box. */
  chip: string;
  /** Where the file name is: an attribute of the chip, else the text of an element inside it. */
  name: { attribute?: string; selector?: string }[];
  /** A type label inside the chip ("PDF", "PNG"), when the site shows one. */
  typeLabel?: string;
  /** Marks an image chip (a thumbnail). */
  image?: string;
  /** Where a page count is shown, with the pattern whose first group is the number. */
  pages?: { selector: string; pattern: RegExp };
}

export interface AttachmentChips {
  /** The composer's box the chips live in (closest ancestor of the composer), most specific first. */
  box: string[];
  /** Newest first. Empty when no public source documents the chips: `unknown` says so. */
  generations: ChipGeneration[];
  /** The page's own file inputs for attachments (read locally when they change). */
  fileInputs: string[];
  /** Why the chips are not read, when `generations` is empty. */
  unknown?: string;
}

export interface Chip {
  name: string | null;
  kind: AttachmentKind;
  pages?: number;
}

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp|heic|heif|avif|tiff?|mpo)$/i;
const TEXT_EXT = /\.(txt|md|markdown|csv|tsv|json|jsonl|xml|ya?ml|toml|ini|log|html?|css|js|mjs|cjs|ts|tsx|jsx|py|rb|go|rs|java|kt|c|h|cc|cpp|hpp|cs|php|swift|sh|bash|sql|r|scala|lua|pl|tex|srt|vtt)$/i;

/** The kind of a file from its name and, where known, its MIME type or the chip's type label. */
export function kindOf(name: string | null, type: string | null): AttachmentKind {
  const t = (type ?? '').trim().toLowerCase();
  if (t === 'pdf' || t === 'application/pdf' || /\.pdf$/i.test(name ?? '')) return 'pdf';
  if (t.startsWith('image/') || IMAGE_EXT.test(name ?? '')) return 'image';
  if (t.startsWith('text/') || t === 'application/json' || TEXT_EXT.test(name ?? '')) return 'text';
  return 'other';
}

function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

function safeQuery(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** The composer's box: the closest ancestor matching the site's box selectors, else null. */
export function chipBox(composer: Element, spec: AttachmentChips): Element | null {
  for (const selector of spec.box) {
    try {
      const box = composer.closest(selector);
      if (box) return box;
    } catch {
      // a selector the engine rejects matches nothing
    }
  }
  return null;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function chipName(chip: Element, generation: ChipGeneration): string | null {
  for (const source of generation.name) {
    const holder = source.selector ? safeQuery(chip, source.selector) : chip;
    if (!holder) continue;
    const value = clean(source.attribute ? holder.getAttribute(source.attribute) : holder.textContent);
    if (value) return value;
  }
  return null;
}

/**
 * The chips in the composer's box, by the first generation that finds any; null when the site's
 * chips are unknown or the box is not found (the caller then relies on the page's own files).
 */
export function readChips(composer: Element | null, spec: AttachmentChips | undefined): Chip[] | null {
  if (!composer || !spec || spec.generations.length === 0) return null;
  const box = chipBox(composer, spec);
  return box ? readChipsIn(box, spec) : null;
}

/** The chips inside `box` (a composer's box, or a sent message showing the same tiles). */
export function readChipsIn(box: ParentNode, spec: AttachmentChips): Chip[] {
  for (const generation of spec.generations) {
    const found = safeQueryAll(box, generation.chip);
    if (found.length === 0) continue;
    // A chip nested in another chip's match is the same attachment.
    const chips = found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
    return chips.map((el) => {
      const name = chipName(el, generation);
      const label = generation.typeLabel ? clean(safeQuery(el, generation.typeLabel)?.textContent) : '';
      let kind = kindOf(name, label || null);
      if (kind === 'other' && generation.image && safeQuery(el, generation.image)) kind = 'image';
      const chip: Chip = { name, kind };
      if (generation.pages) {
        const text = clean(safeQuery(el, generation.pages.selector)?.textContent);
        const n = Number(generation.pages.pattern.exec(text)?.[1]);
        if (Number.isInteger(n) && n > 0) chip.pages = n;
      }
      return chip;
    });
  }
  return [];
}

/** What the page's own file told us, by name, joined to the chips (or standing alone). */
export interface LocalFacts {
  name: string;
  kind: AttachmentKind;
  width?: number;
  height?: number;
  pages?: number;
  textTokens?: number;
  textExact?: boolean;
}

/**
 * The draft's attachments: the chips, each enriched with the facts of the page's own file of the
 * same name (taken once); where the chips are unknown (null), the local files alone.
 */
export function joinFacts(chips: Chip[] | null, local: readonly LocalFacts[]): AttachmentFacts[] {
  if (chips === null) return local.map((f) => ({ ...f }));
  const unused = [...local];
  return chips.map((chip) => {
    let i = unused.findIndex((f) => chip.name !== null && f.name === chip.name);
    // A chip that shows no name takes the next local file of its kind.
    // (A chip that shows no type either takes the next file that is not an image.)
    if (i < 0 && chip.name === null) i = unused.findIndex((f) => f.kind === chip.kind || (chip.kind === 'other' && f.kind !== 'image'));
    const file = i >= 0 ? unused.splice(i, 1)[0]! : null;
    const facts: AttachmentFacts = { kind: file && chip.kind === 'other' ? file.kind : chip.kind, name: chip.name ?? file?.name ?? null };
    if (file?.width !== undefined) facts.width = file.width;
    if (file?.height !== undefined) facts.height = file.height;
    const pages = chip.pages ?? file?.pages;
    if (pages !== undefined) facts.pages = pages;
    if (file?.textTokens !== undefined) facts.textTokens = file.textTokens;
    if (file?.textExact !== undefined) facts.textExact = file.textExact;
    return facts;
  });
}
