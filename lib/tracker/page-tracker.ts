/**
 * The content script's work on a chat page, wired from parts with one job each (README, "Where the
 * code lives"): this file only builds them and connects them. Every listener, timer and observer
 * goes through WXT's `ctx`; nothing here may throw into the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FLUSH_MEASURE, KEYSTROKE_MEASURES } from '@/components/marks';
import { AttachmentWatch } from '../attachments/watch';
import { createTokenCounter } from '../counting/client';
import { ChangeRouter } from './change-router';
import { ComposerWatcher } from './composer-watcher';
import { ConversationWatch } from './conversation';
import { CountingStatus } from './counting-status';
import { FlushLoop } from './flush-loop';
import { HealthReporter } from './health';
import { ModelWatch } from './model-watch';
import { flushPage } from './page-flush';
import { PillController } from './pill-controller';
import { PillPresenter } from './pill-presenter';
import { PillSources } from './pill-sources';
import { timed, timedResult } from './profile';
import { createRecorder } from './recorder';
import { captureSends } from './send-capture';
import { SendHandler } from './send-handler';
import type { PageTracker, TrackerDeps } from './tracker-deps';
import { TrackerSettings } from './tracker-settings';
import { Transcript } from './transcript';
import { TurnRecorder } from './turn-recorder';

export type { PageTracker, TrackerDeps } from './tracker-deps';

export async function startPageTracker(ctx: ContentScriptContext, deps: TrackerDeps): Promise<PageTracker> {
  const { adapter, send } = deps;
  const tracker: PageTracker = { conversation: () => ({ site: adapter.id, conversationId: adapter.conversationId(location.href) }) };
  const settings = await TrackerSettings.load(adapter.id, deps.catalog);
  if (!ctx.isValid) return tracker;
  const profile = document.documentElement.hasAttribute('data-spendmeter-profile');
  const counter = createTokenCounter(deps.catalog, deps.sendCount ?? send, { profile });
  const models = new ModelWatch(adapter, settings.catalog, settings.forSite);
  // A conversation the URL never names (temporary chats) still needs a stable id on this page.
  const conversation = new ConversationWatch(adapter, location.href, `page-${crypto.randomUUID()}`);
  const loop = new FlushLoop(ctx, { profile: profile ? FLUSH_MEASURE : null, flush: () => flushPage(parts, document, location.href, Date.now()) });
  const pill = new PillController(ctx, (label, modelId) => changes.aliasChosen(label, modelId));
  const shown = new PillPresenter(pill, { profile: profile ? KEYSTROKE_MEASURES.render : null, inputs: () => sources.inputs(Date.now()) });
  const counting = new CountingStatus(shown, loop);
  const transcript = new Transcript(adapter, counter, counting.transcriptEvents);
  const readDraft = timed(profile ? KEYSTROKE_MEASURES.read : null, (el: Element) => adapter.composerText(el));
  const predictDraft = timedResult(profile ? KEYSTROKE_MEASURES.predict : null, (el: Element, event: InputEvent) => adapter.composerTextAfterInput(el, event));
  const composer = new ComposerWatcher(ctx, readDraft, counter, `draft-${crypto.randomUUID()}`, counting.draftEvents, () => models.modelId, predictDraft);
  const { record } = createRecorder({ send, setTimeout: (fn, ms) => ctx.setTimeout(fn, ms), onError: (m) => shown.setNote(m) });
  const turns = new TurnRecorder({ site: adapter.id, counter, transcript, settings, models, conversation, record, reportedTurn: () => shown.render(), note: (m) => shown.setNote(m) });
  const attachments = new AttachmentWatch(ctx, adapter.spec.attachments, counter, () => loop.schedule());
  const health = new HealthReporter(send, Date.now());
  const parts = { adapter, baseCatalog: deps.catalog, settings, composer, conversation, models, transcript, turns, attachments, pill, shown, loop, health, usage: deps.usage ?? null, limits: deps.limits ?? null };
  const sources = new PillSources(parts);
  const changes = new ChangeRouter(parts);
  pill.onMounted = () => shown.render();
  loop.start((records) => composer.noteMutations(records));
  captureSends(ctx, new SendHandler(parts));
  changes.follow(ctx);
  loop.schedule();
  return tracker;
}
