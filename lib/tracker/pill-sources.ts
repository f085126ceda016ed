/**
 * Where the pill's figures come from: the view's inputs assembled from the tracker's parts (the
 * settings and budgets, the draft, the context of the conversation shown, the model, the site's
 * usage limits, the draft's attachments). A function of the parts, read at each render; the list
 * of models to price an unknown label as is worked out once, when the pill first offers it.
 */
import type { AttachmentWatch } from '../attachments/watch';
import type { Catalog } from '../catalog';
import { localDay } from '../ledger/days';
import type { PageLimits } from '../limits/page-limits';
import type { SiteAdapter } from '../sites/adapter';
import type { ComposerWatcher } from './composer-watcher';
import type { ConversationWatch } from './conversation';
import type { ModelWatch } from './model-watch';
import { aliasChoices, type PillInputs } from './pill-view';
import type { TrackerSettings } from './tracker-settings';
import type { Transcript } from './transcript';
import type { TurnRecorder } from './turn-recorder';

export interface PillSourceParts {
  adapter: Pick<SiteAdapter, 'id' | 'spec'>;
  /** The bundled catalog, without the user's prices: the models an unknown label can be priced as. */
  baseCatalog: Catalog;
  settings: Pick<TrackerSettings, 'settings' | 'epoch' | 'forSite' | 'catalog' | 'budgets'>;
  composer: Pick<ComposerWatcher, 'draft'>;
  transcript: Pick<Transcript, 'context'>;
  turns: Pick<TurnRecorder, 'lastReported'>;
  conversation: Pick<ConversationWatch, 'id' | 'key'>;
  models: Pick<ModelWatch, 'current' | 'name'>;
  /** Usage limits the site reported (lib/limits), where it reports them. */
  limits: Pick<PageLimits, 'view'> | null;
  attachments: Pick<AttachmentWatch, 'summary'>;
}

export class PillSources {
  private choices: { id: string; name: string }[] | null = null;

  constructor(private readonly parts: PillSourceParts) {}

  /** Everything the view needs but the note and the hold (the presenter's own), at `now`. */
  inputs(now: number): Omit<PillInputs, 'note' | 'held'> {
    const { adapter, settings, composer, transcript, turns, conversation, models, limits, attachments } = this.parts;
    const { model, read, source } = models.current;
    return {
      site: adapter.id,
      settings: settings.settings,
      settingsEpoch: settings.epoch,
      siteOverheadTokens: settings.forSite.overheadTokens,
      catalog: settings.catalog,
      budgets: settings.budgets,
      today: localDay(now),
      draft: composer.draft,
      context: transcript.context(turns.lastReported, conversation.key),
      model: { model, name: models.name, read, source },
      aliasChoices: () => this.aliasChoices(),
      limit: limits?.view(conversation.id) ?? null,
      attachments: attachments.summary,
    };
  }

  private aliasChoices(): { id: string; name: string }[] {
    return (this.choices ??= aliasChoices(this.parts.baseCatalog, this.parts.adapter.spec.defaultModel));
  }
}
