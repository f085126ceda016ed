/**
 * What an attachment costs in input tokens, by the vendors' published rules. Pure functions; which
 * rule a model uses is data (`RULES`, by provider and family, first match wins), never an `if` on a
 * model name elsewhere. A rule that is not published is a range (PDF pages), never a midpoint; a
 * size that is not known is "not priced" (null), never 0.
 *
 * Sources (read 2026-11-30):
 * - OpenAI, "Images and vision › Calculating costs", platform.openai.com/docs/guides/images-vision:
 *   tile models scale to fit 2048×2048, then the shortest side to 768 px, count 512 px tiles,
 *   tokens = base + tile × tiles ("1024 × 1024 … 765 tokens", "2048 × 4096 … 1105 tokens", detail
 *   low = base). Base/tile per family: gpt-5, gpt-5-chat-latest 70/140; gpt-4o, gpt-4.1, gpt-4.5
 *   85/170; gpt-4o-mini 2833/5667; o1, o1-pro, o3 75/150; computer-use-preview 65/129. Patch models
 *   (gpt-4.1-mini/nano, gpt-5-mini/nano, o4-mini): 32 px patches, at most 1536 (the image shrunk to
 *   fit, "1800 × 2400 … 1452"), × a multiplier: gpt-5-mini 1.62, gpt-5-nano 2.46, gpt-4.1-mini 1.62,
 *   gpt-4.1-nano 2.46, o4-mini 1.72. (Developers measure 1.2 and 1.5 for gpt-5-mini/nano on the API,
 *   community.openai.com/t/1344040; we keep the published figure and say so in the README.)
 *   PDFs: text and an image of each page go in; no per-page figure is published.
 * - Anthropic, "Vision › Evaluate image size", docs.claude.com/en/docs/build-with-claude/vision:
 *   tokens = (width × height) / 750 after scaling down (aspect kept) until the long edge is at most
 *   1568 px and the image at most ~1,600 tokens; "200×200 ~54", "1000×1000 ~1334", "1092×1092 ~1590".
 *   "PDF support › Estimate your costs": "each page typically uses 1,500-3,000 tokens per page
 *   depending on content density" (text); each page is also an image, priced as above.
 * - Google, "Understand and count tokens", ai.google.dev/gemini-api/docs/tokens: Gemini 2.x images
 *   with both sides ≤ 384 px are 258 tokens, larger ones are cropped and scaled into 768×768 tiles of
 *   258 tokens each; a PDF page is 258 tokens. "Media resolution" (ai.google.dev/gemini-api/docs/
 *   media-resolution): Gemini 3 defaults to high for images (1120 tokens) and medium for PDFs
 *   (560 tokens per page).
 */

export type AttachmentKind = 'image' | 'pdf' | 'text' | 'other';

/** What is known of one attachment: from the site's chip and, where the page holds it, the file. */
export interface AttachmentFacts {
  kind: AttachmentKind;
  name: string | null;
  width?: number;
  height?: number;
  pages?: number;
  /** A text file's tokens, counted with the model's tokenizer (lib/counting). */
  textTokens?: number;
  /** The text count is exact (the model's own vocabulary), not a factor estimate. */
  textExact?: boolean;
}

/** An attachment's tokens: exact when min = max and `exact`, a range otherwise; null = not priced. */
export interface TokenRange {
  min: number;
  max: number;
  /** The vendor's rule gives this figure exactly (for the size read); false for estimates and ranges. */
  exact: boolean;
}

export type ImageRule =
  | { kind: 'openai-tiles'; base: number; tile: number }
  | { kind: 'openai-patches'; multiplier: number }
  | { kind: 'anthropic-area' }
  | { kind: 'gemini-tiles' }
  | { kind: 'fixed'; tokens: number };

export type PdfRule =
  /** A published fixed cost per page. */
  | { kind: 'per-page'; tokens: number }
  /** No published figure: a range per page, shown as a range. */
  | { kind: 'range-per-page'; min: number; max: number };

export interface AttachmentRule {
  /** Which models (catalog id, `provider/model`) the rule is for. */
  match: RegExp;
  family: string;
  image: ImageRule;
  pdf: PdfRule;
  /** Where the figures come from. */
  source: string;
}

/**
 * A PDF page where the vendor publishes no figure: Anthropic's published range for a page's text
 * (1,500–3,000). Used for OpenAI and for providers with no PDF rule, and labelled as assumed.
 */
export const PDF_PAGE_RANGE: PdfRule = { kind: 'range-per-page', min: 1500, max: 3000 };

const OPENAI = 'OpenAI, Images and vision › Calculating costs (2026-11)';
const ANTHROPIC = 'Anthropic, Vision › Evaluate image size; PDF support › Estimate your costs (2026-11)';
const GOOGLE = 'Google, Gemini API › Understand and count tokens; Media resolution (2026-11)';

/** Rules by provider and family, most specific first (patch models before their tile siblings). */
export const RULES: readonly AttachmentRule[] = [
  { match: /^openai\/gpt-4\.1-mini\b/, family: 'GPT-4.1 mini (patches)', image: { kind: 'openai-patches', multiplier: 1.62 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/gpt-4\.1-nano\b/, family: 'GPT-4.1 nano (patches)', image: { kind: 'openai-patches', multiplier: 2.46 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/gpt-5(\.\d+)?-mini\b/, family: 'GPT-5 mini (patches)', image: { kind: 'openai-patches', multiplier: 1.62 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/gpt-5(\.\d+)?-nano\b/, family: 'GPT-5 nano (patches)', image: { kind: 'openai-patches', multiplier: 2.46 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/(o4-mini|codex-mini)\b/, family: 'o4-mini (patches)', image: { kind: 'openai-patches', multiplier: 1.72 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/gpt-4o-mini\b/, family: 'GPT-4o mini (tiles)', image: { kind: 'openai-tiles', base: 2833, tile: 5667 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/(o1|o1-pro|o3)(-|$)/, family: 'o1 / o3 (tiles)', image: { kind: 'openai-tiles', base: 75, tile: 150 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/computer-use\b/, family: 'computer-use (tiles)', image: { kind: 'openai-tiles', base: 65, tile: 129 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  // GPT-5 and its later versions: the published GPT-5 row (70/140); ChatGPT's default alias too.
  { match: /^openai\/(gpt-5|gpt-6|gpt-chat-latest)/, family: 'GPT-5.x (tiles)', image: { kind: 'openai-tiles', base: 70, tile: 140 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^openai\/(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo|gpt-4-vision)/, family: 'GPT-4o / 4.1 / 4.5 (tiles)', image: { kind: 'openai-tiles', base: 85, tile: 170 }, pdf: PDF_PAGE_RANGE, source: OPENAI },
  { match: /^anthropic\/claude-/, family: 'Claude', image: { kind: 'anthropic-area' }, pdf: PDF_PAGE_RANGE, source: ANTHROPIC },
  { match: /^google\/gemini-(3|[4-9])/, family: 'Gemini 3', image: { kind: 'fixed', tokens: 1120 }, pdf: { kind: 'per-page', tokens: 560 }, source: GOOGLE },
  { match: /^google\/gemini-2/, family: 'Gemini 2.x', image: { kind: 'gemini-tiles' }, pdf: { kind: 'per-page', tokens: 258 }, source: GOOGLE },
];

/** The rule for a catalog model id, or null (its images are not priced; PDFs get the range). */
export function ruleFor(modelId: string | null | undefined): AttachmentRule | null {
  if (!modelId) return null;
  return RULES.find((r) => r.match.test(modelId)) ?? null;
}

const valid = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/** OpenAI's tile rule (detail high, which "auto" picks for any image larger than one tile). */
export function openaiTileTokens(width: number, height: number, base: number, tile: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shortest = Math.min(1, 768 / Math.min(w, h));
  w *= shortest;
  h *= shortest;
  return base + tile * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/** OpenAI's patch rule: 32 px patches, at most 1536 (the image shrunk to fit whole patches), × multiplier. */
export function openaiPatchCount(width: number, height: number): number {
  const raw = Math.ceil(width / 32) * Math.ceil(height / 32);
  if (raw <= 1536) return raw;
  let shrink = Math.sqrt((32 * 32 * 1536) / (width * height));
  const w = (width * shrink) / 32;
  const h = (height * shrink) / 32;
  shrink *= Math.min(Math.floor(w) / w, Math.floor(h) / h);
  return Math.min(1536, Math.ceil((width * shrink) / 32) * Math.ceil((height * shrink) / 32));
}

export function openaiPatchTokens(width: number, height: number, multiplier: number): number {
  return Math.round(openaiPatchCount(width, height) * multiplier);
}

/** Anthropic's limits: long edge ≤ 1568 px and about 1,600 tokens at most, aspect kept. */
export function anthropicImageTokens(width: number, height: number): number {
  const scale = Math.min(1, 1568 / Math.max(width, height), Math.sqrt((1600 * 750) / (width * height)));
  const w = Math.floor(width * scale);
  const h = Math.floor(height * scale);
  return Math.ceil((w * h) / 750);
}

/** Gemini 2.x: 258 for a small image, else 258 per 768×768 tile. */
export function geminiImageTokens(width: number, height: number): number {
  if (width <= 384 && height <= 384) return 258;
  return 258 * Math.ceil(width / 768) * Math.ceil(height / 768);
}

function imageTokens(rule: ImageRule, width: number, height: number): number {
  switch (rule.kind) {
    case 'openai-tiles':
      return openaiTileTokens(width, height, rule.base, rule.tile);
    case 'openai-patches':
      return openaiPatchTokens(width, height, rule.multiplier);
    case 'anthropic-area':
      return anthropicImageTokens(width, height);
    case 'gemini-tiles':
      return geminiImageTokens(width, height);
    case 'fixed':
      return rule.tokens;
  }
}

/** One attachment's tokens under a model's rule, or null when it cannot be priced. */
export function attachmentTokens(facts: AttachmentFacts, rule: AttachmentRule | null): TokenRange | null {
  switch (facts.kind) {
    case 'image': {
      if (!rule) return null;
      // A fixed cost per image needs no size; every other rule does.
      if (rule.image.kind === 'fixed') return { min: rule.image.tokens, max: rule.image.tokens, exact: true };
      if (!valid(facts.width) || !valid(facts.height)) return null;
      const t = imageTokens(rule.image, facts.width, facts.height);
      // Gemini's tiling is described, not specified to the pixel: an estimate.
      return { min: t, max: t, exact: rule.image.kind !== 'gemini-tiles' };
    }
    case 'pdf': {
      if (!valid(facts.pages)) return null;
      const pdf = rule?.pdf ?? PDF_PAGE_RANGE;
      if (pdf.kind === 'per-page') return { min: pdf.tokens * facts.pages, max: pdf.tokens * facts.pages, exact: true };
      return { min: pdf.min * facts.pages, max: pdf.max * facts.pages, exact: false };
    }
    case 'text':
      return typeof facts.textTokens === 'number' ? { min: facts.textTokens, max: facts.textTokens, exact: facts.textExact ?? false } : null;
    case 'other':
      return null;
  }
}

/** The draft's attachments summed up, per kind, for the pill and the turn. */
export interface AttachmentSummary {
  counts: Record<AttachmentKind, number>;
  /** Of those, how many could be priced. */
  priced: Record<AttachmentKind, number>;
  /** PDF pages known (PDFs of unknown length are counted in `unpriced`). */
  pdfPages: number;
  /** Tokens per kind of the priced attachments. */
  byKind: Record<AttachmentKind, { min: number; max: number }>;
  min: number;
  max: number;
  /** Attachments that could not be priced (unknown size, an unknown rule, a kind with no rule). */
  unpriced: number;
  /** Every priced figure is exact. */
  exact: boolean;
  /** The rule's family ("Claude", "GPT-5.x (tiles)"), or null when no rule applies. */
  family: string | null;
}

const zeroKinds = <T>(make: () => T): Record<AttachmentKind, T> => ({ image: make(), pdf: make(), text: make(), other: make() });

export function summarize(items: readonly AttachmentFacts[], modelId: string | null | undefined): AttachmentSummary {
  const rule = ruleFor(modelId);
  const summary: AttachmentSummary = {
    counts: zeroKinds(() => 0), priced: zeroKinds(() => 0), pdfPages: 0, byKind: zeroKinds(() => ({ min: 0, max: 0 })), min: 0, max: 0, unpriced: 0, exact: true, family: rule?.family ?? null,
  };
  for (const item of items) {
    summary.counts[item.kind]++;
    const t = attachmentTokens(item, rule);
    if (!t) {
      summary.unpriced++;
      continue;
    }
    summary.priced[item.kind]++;
    if (item.kind === 'pdf') summary.pdfPages += item.pages ?? 0;
    summary.byKind[item.kind].min += t.min;
    summary.byKind[item.kind].max += t.max;
    summary.min += t.min;
    summary.max += t.max;
    if (!t.exact) summary.exact = false;
  }
  return summary;
}

export const EMPTY_SUMMARY: AttachmentSummary = summarize([], null);
