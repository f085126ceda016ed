/**
 * How news from outside the page reaches the tracker's parts: a settings change (the models are
 * resolved with the new prices and aliases, the pill goes when the site or the pill is switched
 * off), a budget change, a report from the site's own stream (the model that answered, the turn's
 * usage), a change of the site's usage limits, and a label the person chose to price as a model.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageLimits } from '../limits/page-limits';
import type { UsageBridge } from '../usage/bridge';
import type { StreamReport } from '../usage/wire';
import type { ConversationWatch } from './conversation';
import type { FlushLoop } from './flush-loop';
import type { ModelWatch } from './model-watch';
import type { PillController } from './pill-controller';
import type { PillPresenter } from './pill-presenter';
import { safely } from './send-capture';
import type { SettingsChange, TrackerSettings } from './tracker-settings';
import type { TurnRecorder } from './turn-recorder';

export interface ChangeParts {
  settings: Pick<TrackerSettings, 'catalog' | 'forSite' | 'watch' | 'saveAlias'>;
  models: Pick<ModelWatch, 'configure' | 'noteStream'>;
  conversation: Pick<ConversationWatch, 'key'>;
  turns: Pick<TurnRecorder, 'onReport'>;
  pill: Pick<PillController, 'unmount'>;
  shown: Pick<PillPresenter, 'render' | 'setNote'>;
  loop: Pick<FlushLoop, 'schedule'>;
  /** The site's own streams, where the site has a usage reader. */
  usage: Pick<UsageBridge, 'onReport'> | null;
  /** Usage limits the site reported (lib/limits), where it reports them. */
  limits: Pick<PageLimits, 'onChange'> | null;
}

type Ctx = Pick<ContentScriptContext, 'onInvalidated'>;

export class ChangeRouter {
  constructor(private readonly parts: ChangeParts) {}

  /** Follows the settings, the site's streams and its limits until the context ends. */
  follow(ctx: Ctx): void {
    const { settings, usage, limits, shown } = this.parts;
    settings.watch(ctx, (what) => this.settingsChanged(what));
    if (usage) ctx.onInvalidated(usage.onReport((report) => this.usageReported(report)));
    if (limits) ctx.onInvalidated(limits.onChange(() => shown.render()));
  }

  /** The settings or the budgets changed (tracker-settings already holds the new ones). */
  settingsChanged(what: SettingsChange): void {
    const { settings, models, pill, loop } = this.parts;
    if (what === 'settings') {
      models.configure(settings.catalog, settings.forSite);
      if (!settings.forSite.enabled || !settings.forSite.pill) pill.unmount();
    }
    loop.schedule();
  }

  /** A report from the site's own stream: the model that answered, and the usage of its turn. */
  usageReported(report: StreamReport): void {
    const { models, conversation, turns, loop } = this.parts;
    safely(() => {
      if (report.usage) models.noteStream(report.conversationId ?? conversation.key, report.usage);
      turns.onReport(report);
      loop.schedule(); // health, and the model the stream named
    });
  }

  /** The person chose to price `label` as `modelId` on this site; a save that failed says why in the pill. */
  aliasChosen(label: string, modelId: string): void {
    void this.parts.settings.saveAlias(label, modelId).then((problem) => problem && this.parts.shown.setNote(problem));
  }
}
