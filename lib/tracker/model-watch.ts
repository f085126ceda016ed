/**
 * The model of the draft on one page: the evidence the page and the site's streams give, kept as it
 * arrives, resolved by lib/models/resolve. A stream's or a reply's model is the best evidence for
 * the next draft, until the person picks something else: evidence seen under one picker label no
 * longer counts once the picker shows another.
 */
import type { Catalog } from '../catalog';
import { isUnrecognised, resolveModel, type ModelResolution } from '../models/resolve';
import type { SiteSettings } from '../settings/schema';
import type { SiteAdapter } from '../sites/adapter';
import type { StreamUsage } from '../usage/wire';

/** A name the catalog does not know is reported to health only after it stayed this long. */
export const UNRECOGNISED_GRACE_MS = 4000;

interface Seen {
  text: string;
  /** The picker's label when this was seen. */
  picker: string | null;
}

export interface PageModelEvidence {
  picker: string | null;
  reply: string | null;
}

export class ModelWatch {
  private readonly streams = new Map<string, { model: Seen | null; mode: Seen | null }>();
  private reply: Seen | null = null;
  private picker: string | null = null;
  private unrecognisedSince: number | null = null;
  current: ModelResolution;

  constructor(
    private readonly adapter: SiteAdapter,
    private catalog: Catalog,
    private site: SiteSettings,
  ) {
    this.current = this.resolve(null);
  }

  /** The page's own evidence, read on each flush (cheap: a few selectors). */
  readPage(root: ParentNode): PageModelEvidence {
    return { picker: this.adapter.modelLabel(root), reply: this.adapter.replyModel(root) };
  }

  /** A stream report named the model (or a mode) that answered in this conversation. */
  noteStream(conversationId: string, usage: Pick<StreamUsage, 'model' | 'modelMode'>): void {
    if (!usage.model && !usage.modelMode) return;
    const at = (text: string | null): Seen | null => (text ? { text, picker: this.picker } : null);
    this.streams.set(conversationId, { model: at(usage.model), mode: at(usage.modelMode ?? null) });
  }

  /** New settings or prices: the same evidence may now mean another model. */
  configure(catalog: Catalog, site: SiteSettings): void {
    this.catalog = catalog;
    this.site = site;
  }

  /** Re-resolves from the page and the streams of this conversation; true when the answer changed. */
  update(page: PageModelEvidence, conversationId: string, now: number): boolean {
    this.picker = page.picker;
    if (page.reply !== this.reply?.text) this.reply = page.reply ? { text: page.reply, picker: page.picker } : null;
    const next = this.resolve(conversationId);
    const changed = next.model?.id !== this.current.model?.id || next.read !== this.current.read || next.source !== this.current.source;
    this.current = next;
    if (!isUnrecognised(next)) this.unrecognisedSince = null;
    else if (changed || this.unrecognisedSince === null) this.unrecognisedSince = now;
    return changed;
  }

  /** When an unknown name seen now becomes worth reporting (for a timer), or null when there is none. */
  get unrecognisedDueAt(): number | null {
    return this.unrecognisedSince === null ? null : this.unrecognisedSince + UNRECOGNISED_GRACE_MS;
  }

  /** The name the catalog does not know, once it has stayed a while; else null. */
  unrecognised(now: number): string | null {
    return this.unrecognisedSince !== null && now - this.unrecognisedSince >= UNRECOGNISED_GRACE_MS ? this.current.read : null;
  }

  /** The current model's catalog id, or null (unpriced or unknown). */
  get modelId(): string | null {
    return this.current.model?.id ?? null;
  }

  /** The name to show for the current model. */
  get name(): string {
    return this.current.model?.name ?? this.current.read ?? 'unknown model';
  }

  private resolve(conversationId: string | null): ModelResolution {
    const stream = conversationId === null ? undefined : this.streams.get(conversationId);
    const current = (seen: Seen | null | undefined) => (seen && seen.picker === this.picker ? seen.text : null);
    return resolveModel(
      {
        site: this.adapter.id,
        stream: current(stream?.model),
        streamMode: current(stream?.mode),
        reply: current(this.reply),
        picker: this.picker,
        aliases: this.site.modelAliases,
        userDefault: this.site.defaultModel,
        siteDefault: this.adapter.spec.defaultModel,
      },
      this.catalog,
    );
  }
}
