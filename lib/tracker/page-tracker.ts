/**
 * The content script's work on a chat page, wired from parts with one job each: the composer
 * watcher (draft → counts), the transcript (messages → context), send capture, the turn recorder
 * (detector, recorder, usage reports), the model watch, the pill (view, controller) and health.
 * One MutationObserver, flushed at most once per animation frame; every listener, timer and
 * observer goes through WXT's `ctx`. Nothing here may throw into the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FLUSH_MEASURE } from '@/components/marks';
import { budgetSnapshotItem } from '../budgets/store';
import { turnOverheadTokens, type Catalog } from '../catalog';
import { createTokenCounter } from '../counting/client';
import { localDay } from '../ledger/days';
import { aliasKey } from '../models/resolve';
import { withPriceOverrides } from '../pricing/overrides';
import { loadSettings, saveSettings, siteSettings, watchSettings } from '../settings';
import type { SiteAdapter } from '../sites/adapter';
import type { UsageBridge } from '../usage/bridge';
import type { PageLimits } from '../limits/page-limits';
import { ComposerWatcher } from './composer-watcher';
import { ConversationWatch } from './conversation';
import { FlushLoop } from './flush-loop';
import { HealthReporter, usageNote } from './health';
import { ModelWatch } from './model-watch';
import { PillController } from './pill-controller';
import { aliasChoices, pillKey, pillView } from './pill-view';
import { createRecorder } from './recorder';
import { captureSends, ConfirmHold, safely, SendDedupe } from './send-capture';
import { Transcript } from './transcript';
import { TurnRecorder } from './turn-recorder';

export { HEALTH_GRACE_MS } from './health';
export { CONFIRM_WINDOW_MS } from './send-capture';

export interface TrackerDeps {
  adapter: SiteAdapter;
  catalog: Catalog;
  send: (message: unknown) => Promise<unknown>;
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
  let settings = await loadSettings();
  let budgets = await budgetSnapshotItem.getValue();
  const tracker: PageTracker = { conversation: () => ({ site: adapter.id, conversationId: adapter.conversationId(location.href) }) };
  if (!ctx.isValid) return tracker;
  const site = () => siteSettings(settings, adapter.id);
  let catalog = withPriceOverrides(deps.catalog, settings.priceOverrides);
  // A conversation the URL never names (temporary chats) still needs a stable id on this page.
  const pageConversationId = `page-${crypto.randomUUID()}`;
  let note: string | null = null;
  let settingsEpoch = 0;
  let warning: ReturnType<typeof pillView>['warning'] = null;
  let choices: { id: string; name: string }[] | null = null;

  const counter = createTokenCounter(deps.catalog, (m) => deps.send(m));
  const models = new ModelWatch(adapter, catalog, site());
  const conversation = new ConversationWatch(adapter, location.href);
  const conversationKey = () => conversation.id ?? pageConversationId;
  const loop: FlushLoop = new FlushLoop(ctx, { profile: document.documentElement.hasAttribute('data-spendmeter-profile') ? FLUSH_MEASURE : null, flush: () => flushNow() });
  const setNote = (message: string | null) => {
    note = message;
    renderPill();
  };
  const failed = (message: string) => {
    setNote(`counting failed: ${message}`);
    loop.retrySoon();
  };
  const transcript = new Transcript(adapter, counter, { counted: () => loop.schedule(), failed });
  const composer = new ComposerWatcher(ctx, (el) => adapter.composerText(el), counter, `draft-${crypto.randomUUID()}`, {
    // A keystroke is counted at once (reading the draft costs well under a millisecond), not in
    // the next frame's flush; the flush still looks at everything else.
    edited: () => {
      safely(() => composer.update(models.current.model?.id ?? null));
      loop.schedule();
    },
    counted: () => renderPill(),
    failed,
    succeeded: () => {
      loop.retried();
      if (note?.startsWith('counting failed')) note = null;
    },
  });
  const turns = new TurnRecorder({
    site: adapter.id,
    counter,
    transcript,
    record: createRecorder({ send: (m) => deps.send(m), setTimeout: (fn, ms) => ctx.setTimeout(fn, ms), onError: setNote }).record,
    catalog: () => catalog,
    modelAliases: () => site().modelAliases,
    overheadTokens: () => turnOverheadTokens(catalog, models.current.model, site().overheadTokens),
    model: () => ({ id: models.current.model?.id ?? null, read: models.current.read, source: models.current.source }),
    conversationId: () => conversationKey(),
    pageConversationId,
    reportedTurn: () => renderPill(),
    note: setNote,
  });
  const pill = new PillController(ctx, (label, modelId) => void saveAlias(label, modelId));
  pill.onMounted = () => renderPill();
  const health = new HealthReporter((m) => deps.send(m), Date.now());
  const hold = new ConfirmHold();
  const dedupe = new SendDedupe();

  function renderPill() {
    safely(() => {
      if (!pill.mounted) return;
      const today = localDay(Date.now());
      const inputs = {
        site: adapter.id, settings, settingsEpoch, siteOverheadTokens: site().overheadTokens, catalog, budgets, today,
        draft: composer.draft, context: transcript.context(turns.lastReported, conversationKey()),
        model: { model: models.current.model, name: models.name, read: models.current.read, source: models.current.source },
        aliasChoices: () => (choices ??= aliasChoices(deps.catalog, adapter.spec.defaultModel)),
        note, held: hold.held(Date.now()),
        limit: deps.limits?.view(conversation.id) ?? null, // usage limits the site reported (lib/limits)
      };
      const shown = pill.show(pillKey(inputs), () => pillView(inputs));
      if (shown) warning = (shown as ReturnType<typeof pillView>).warning;
    });
  }

  /** Saves "price this label as that model" for this site; the settings watcher re-prices the pill. */
  async function saveAlias(label: string, modelId: string) {
    const current = site();
    const next = { ...settings, sites: { ...settings.sites, [adapter.id]: { ...current, modelAliases: { ...current.modelAliases, [aliasKey(label)]: modelId } } } };
    const saved = await saveSettings(next);
    if (!saved.ok) setNote(`the alias was not saved: ${saved.message}`);
  }

  /** One flush: what the page shows now, read once per frame. */
  function flushNow(now = Date.now()) {
    if (!site().enabled) return;
    const found = adapter.findComposer(document);
    if (composer.setComposer(found)) pill.setComposer(found);
    if (conversation.read(location.href)) {
      turns.reset();
      transcript.resetCounts();
    }
    const evidence = models.readPage(document);
    if (models.update(evidence, conversationKey(), now) && conversation.tokenizerChanged(models.current.model?.tokenizer ?? 'generic')) {
      transcript.resetCounts();
      composer.invalidate(); // the draft's count belongs to the old tokenizer
    }
    const observed = transcript.read(document, conversation.id);
    const busy = adapter.busy(document);
    loop.recheckIn(turns.observe(observed, transcript.refs, busy, now), now);
    const model = models.current.model?.id ?? null;
    transcript.countFinished(busy, model);
    composer.update(model);
    // An unknown model name is reported once it has stayed a while, even if nothing else changes.
    loop.flushAt(models.unrecognisedDueAt, now);
    health.report(now, adapter.id, () => ({
      composer: found !== null,
      transcript: adapter.findTranscript(document) !== null || transcript.refs.length > 0,
      modelLabel: evidence.picker !== null,
      inConversation: conversation.id !== null,
      modelLabelRequired: !!adapter.spec.modelLabelRequired,
      note: usageNote(deps.usage?.state() ?? null, turns.streamProblem, turns.turnsSeen),
      unrecognisedModel: models.unrecognised(now),
    }));
    // The pill lives at a composer: none is mounted on a page without one.
    if (found && site().pill) pill.ensureMounted();
    renderPill();
  }

  loop.start((records) => composer.noteMutations(records));
  captureSends(ctx, {
    inComposer: (target) => composer.contains(target),
    isSendControl: (target) => adapter.isSendControl(target),
    hold: () => {
      const wouldHold = settings.budgets.confirmOverBudget && warning?.level === 'over' && site().enabled && !!composer.draft.text.trim();
      if (!wouldHold) return false;
      const held = hold.consider(true, Date.now());
      renderPill();
      return held;
    },
    sent: () => {
      if (!site().enabled) return;
      const text = composer.currentText();
      if (!dedupe.isNew(text, Date.now())) return;
      turns.noteSend(text, Date.now());
      loop.schedule();
    },
  });
  ctx.onInvalidated(budgetSnapshotItem.watch((next) => {
    budgets = next;
    settingsEpoch++;
    loop.schedule();
  }));
  ctx.onInvalidated(watchSettings((next) => {
    settings = next;
    settingsEpoch++;
    catalog = withPriceOverrides(deps.catalog, settings.priceOverrides);
    models.configure(catalog, site());
    if (!site().enabled || !site().pill) pill.unmount();
    loop.schedule();
  }));
  if (deps.usage) {
    ctx.onInvalidated(deps.usage.onReport((report) => safely(() => {
      if (report.usage) models.noteStream(report.conversationId ?? conversationKey(), report.usage);
      turns.onReport(report);
      loop.schedule(); // health, and the model the stream named
    })));
  }
  if (deps.limits) ctx.onInvalidated(deps.limits.onChange(() => safely(renderPill)));
  loop.schedule();
  return tracker;
}
