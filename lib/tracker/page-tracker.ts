/**
 * The content script's work on a chat page, wired from parts with one job each: the settings
 * (tracker-settings), the composer watcher (draft → counts), the transcript (messages → context),
 * send capture, the turn recorder (detector, recorder, usage reports), the model watch, the pill
 * (presenter, view, controller), health, and one flush per animation frame (page-flush, flush-loop).
 * Every listener, timer and observer goes through WXT's `ctx`. Nothing here may throw into the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FLUSH_MEASURE, KEYSTROKE_MEASURES } from '@/components/marks';
import { turnAttachments } from '../attachments/turn';
import { AttachmentWatch } from '../attachments/watch';
import { turnOverheadTokens, type Catalog } from '../catalog';
import { createTokenCounter } from '../counting/client';
import { localDay } from '../ledger/days';
import type { PageLimits } from '../limits/page-limits';
import type { CountMessage } from '../messaging/protocol';
import type { SiteAdapter } from '../sites/adapter';
import type { UsageBridge } from '../usage/bridge';
import { ComposerWatcher } from './composer-watcher';
import { ConversationWatch } from './conversation';
import { FlushLoop } from './flush-loop';
import { HealthReporter } from './health';
import { ModelWatch } from './model-watch';
import { flushPage } from './page-flush';
import { PillController } from './pill-controller';
import { PillPresenter } from './pill-presenter';
import { aliasChoices } from './pill-view';
import { timed } from './profile';
import { createRecorder } from './recorder';
import { captureSends, safely, SendDedupe } from './send-capture';
import { TrackerSettings } from './tracker-settings';
import { Transcript } from './transcript';
import { TurnRecorder } from './turn-recorder';

export { HEALTH_GRACE_MS } from './health';
export { CONFIRM_WINDOW_MS } from './send-capture';

export interface TrackerDeps {
  adapter: SiteAdapter;
  catalog: Catalog;
  send: (message: unknown) => Promise<unknown>;
  /** How count requests travel, where not by `send` (Chrome: a port to the offscreen document). */
  sendCount?: (message: CountMessage) => Promise<unknown>;
  /** What the site's own streams report (exact usage, the model that answered), where it does. */
  usage?: UsageBridge | null;
  /** Usage limits the site reported, for the pill (lib/limits/page-limits). */
  limits?: PageLimits | null;
}

export interface PageTracker {
  /** The conversation this page shows (for the popup's "this tab"). */
  conversation(): { site: string; conversationId: string | null };
}

export async function startPageTracker(ctx: ContentScriptContext, deps: TrackerDeps): Promise<PageTracker> {
  const { adapter } = deps;
  const tracker: PageTracker = { conversation: () => ({ site: adapter.id, conversationId: adapter.conversationId(location.href) }) };
  const prefs = await TrackerSettings.load(adapter.id, deps.catalog);
  if (!ctx.isValid) return tracker;
  const profile = document.documentElement.hasAttribute('data-spendmeter-profile');
  const site = () => prefs.forSite;
  // A conversation the URL never names (temporary chats) still needs a stable id on this page.
  const pageConversationId = `page-${crypto.randomUUID()}`;
  let choices: { id: string; name: string }[] | null = null;

  const counter = createTokenCounter(deps.catalog, deps.sendCount ?? ((m) => deps.send(m)), { profile });
  const models = new ModelWatch(adapter, prefs.catalog, site());
  const conversation = new ConversationWatch(adapter, location.href);
  const conversationKey = () => conversation.id ?? pageConversationId;
  const loop: FlushLoop = new FlushLoop(ctx, { profile: profile ? FLUSH_MEASURE : null, flush: () => flushPage(parts, document, location.href, Date.now()) });
  const pill = new PillController(ctx, (label, modelId) => void prefs.saveAlias(label, modelId).then((problem) => problem && shown.setNote(problem)));
  const failed = (message: string) => {
    shown.countFailed(message);
    loop.retrySoon();
  };
  const transcript = new Transcript(adapter, counter, { counted: () => loop.schedule(), failed });
  const composer = new ComposerWatcher(ctx, timed(profile ? KEYSTROKE_MEASURES.read : null, (el: Element) => adapter.composerText(el)), counter, `draft-${crypto.randomUUID()}`, {
    // A keystroke is counted at once, not in the next frame's flush; the flush still looks at everything else.
    edited: () => {
      safely(() => composer.update(models.current.model?.id ?? null));
      loop.schedule();
    },
    counted: () => shown.render(),
    failed,
    succeeded: () => {
      loop.retried();
      shown.countWorks();
    },
  });
  const turns = new TurnRecorder({
    site: adapter.id, counter, transcript, pageConversationId,
    record: createRecorder({ send: (m) => deps.send(m), setTimeout: (fn, ms) => ctx.setTimeout(fn, ms), onError: (m) => shown.setNote(m) }).record,
    catalog: () => prefs.catalog,
    modelAliases: () => site().modelAliases,
    overheadTokens: () => turnOverheadTokens(prefs.catalog, models.current.model, site().overheadTokens),
    model: () => ({ id: models.current.model?.id ?? null, read: models.current.read, source: models.current.source }),
    conversationId: () => conversationKey(),
    reportedTurn: () => shown.render(),
    note: (m) => shown.setNote(m),
  });
  // The draft's attachments (lib/attachments): chips and the page's own files, priced per model.
  const attachments = new AttachmentWatch(ctx, adapter.spec.attachments, counter, () => loop.schedule());
  const shown: PillPresenter = new PillPresenter(pill, {
    profile: profile ? KEYSTROKE_MEASURES.render : null,
    inputs: () => ({
      site: adapter.id, settings: prefs.settings, settingsEpoch: prefs.epoch, siteOverheadTokens: site().overheadTokens, catalog: prefs.catalog,
      budgets: prefs.budgets, today: localDay(Date.now()), draft: composer.draft, context: transcript.context(turns.lastReported, conversationKey()),
      model: { model: models.current.model, name: models.name, read: models.current.read, source: models.current.source },
      aliasChoices: () => (choices ??= aliasChoices(deps.catalog, adapter.spec.defaultModel)),
      limit: deps.limits?.view(conversation.id) ?? null, // usage limits the site reported (lib/limits)
      attachments: attachments.summary,
    }),
  });
  pill.onMounted = () => shown.render();
  const parts = {
    adapter, site, composer, pill, conversation, conversationKey, models, transcript, turns, attachments, loop, usage: deps.usage ?? null,
    health: new HealthReporter((m) => deps.send(m), Date.now()),
    render: () => shown.render(),
  };
  const dedupe = new SendDedupe();

  loop.start((records) => composer.noteMutations(records));
  captureSends(ctx, {
    inComposer: (target) => composer.contains(target),
    isSendControl: (target) => adapter.isSendControl(target),
    hold: () => shown.holdSend(prefs.settings.budgets.confirmOverBudget && site().enabled, composer.draft.text),
    sent: () => {
      if (!site().enabled) return;
      const text = composer.currentText();
      if (!dedupe.isNew(text, Date.now())) return;
      const sentAttachments = attachments.sent();
      turns.noteSend(text, Date.now(), sentAttachments.max > 0 || sentAttachments.unpriced > 0 ? turnAttachments(sentAttachments) : undefined);
      loop.schedule();
    },
  });
  prefs.watch(ctx, (what) => {
    if (what === 'settings') {
      models.configure(prefs.catalog, site());
      if (!site().enabled || !site().pill) pill.unmount();
    }
    loop.schedule();
  });
  if (deps.usage) {
    ctx.onInvalidated(deps.usage.onReport((report) => safely(() => {
      if (report.usage) models.noteStream(report.conversationId ?? conversationKey(), report.usage);
      turns.onReport(report);
      loop.schedule(); // health, and the model the stream named
    })));
  }
  if (deps.limits) ctx.onInvalidated(deps.limits.onChange(() => shown.render()));
  loop.schedule();
  return tracker;
}
