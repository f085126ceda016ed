/**
 * One flush of the page tracker: what the page shows now, read once per animation frame. It finds
 * the composer, follows the conversation and the model (a new one, or another tokenizer, makes
 * cached counts stale), reads the transcript for the turn recorder, counts the draft, reads its attachments, reports
 * health, mounts the pill where there is a composer, and renders it.
 */
import type { AttachmentWatch } from '../attachments/watch';
import type { SiteSettings } from '../settings';
import type { SiteAdapter } from '../sites/adapter';
import type { UsageBridge } from '../usage/bridge';
import type { ComposerWatcher } from './composer-watcher';
import type { ConversationWatch } from './conversation';
import type { FlushLoop } from './flush-loop';
import { usageNote, type HealthReporter } from './health';
import type { ModelWatch } from './model-watch';
import type { PillController } from './pill-controller';
import type { PillPresenter } from './pill-presenter';
import { safely } from './send-capture';
import type { Transcript } from './transcript';
import type { TurnRecorder } from './turn-recorder';

export interface FlushParts {
  adapter: Pick<SiteAdapter, 'id' | 'spec' | 'findComposer' | 'findTranscript' | 'busy'>;
  /** This site's settings now: switched on, pill shown (tracker-settings). */
  settings: { readonly forSite: Pick<SiteSettings, 'enabled' | 'pill'> };
  composer: Pick<ComposerWatcher, 'setComposer' | 'update' | 'invalidate'>;
  pill: Pick<PillController, 'setComposer' | 'ensureMounted'>;
  /** The conversation: its id, its key (the page's own id for a chat the address never names). */
  conversation: Pick<ConversationWatch, 'id' | 'key' | 'read' | 'tokenizerChanged'>;
  models: Pick<ModelWatch, 'readPage' | 'update' | 'current' | 'unrecognisedDueAt' | 'unrecognised'>;
  transcript: Pick<Transcript, 'read' | 'refs' | 'countFinished' | 'resetCounts'>;
  turns: Pick<TurnRecorder, 'reset' | 'observe' | 'streamProblem' | 'turnsSeen'>;
  /** The draft's attachments: chips and the page's own files (lib/attachments). */
  attachments: Pick<AttachmentWatch, 'reset' | 'read'>;
  loop: Pick<FlushLoop, 'recheckIn' | 'flushAt'>;
  health: Pick<HealthReporter, 'report'>;
  usage: Pick<UsageBridge, 'state'> | null;
  /** What the pill shows (rendered last). */
  shown: Pick<PillPresenter, 'render'>;
}

export function flushPage(p: FlushParts, doc: Document, href: string, now: number): void {
  if (!p.settings.forSite.enabled) return;
  const found = p.adapter.findComposer(doc);
  if (p.composer.setComposer(found)) p.pill.setComposer(found);
  if (p.conversation.read(href)) {
    p.turns.reset();
    p.attachments.reset();
    p.transcript.resetCounts();
  }
  const evidence = p.models.readPage(doc);
  if (p.models.update(evidence, p.conversation.key, now) && p.conversation.tokenizerChanged(p.models.current.model?.tokenizer ?? 'generic')) {
    p.transcript.resetCounts();
    p.composer.invalidate(); // the draft's count belongs to the old tokenizer
  }
  const observed = p.transcript.read(doc, p.conversation.id);
  const busy = p.adapter.busy(doc);
  p.loop.recheckIn(p.turns.observe(observed, p.transcript.refs, busy, now), now);
  const model = p.models.current.model?.id ?? null;
  p.transcript.countFinished(busy, model);
  p.composer.update(model);
  safely(() => p.attachments.read(found, model));
  // An unknown model name is reported once it has stayed a while, even if nothing else changes.
  p.loop.flushAt(p.models.unrecognisedDueAt, now);
  p.health.report(now, p.adapter.id, () => ({
    composer: found !== null,
    transcript: p.adapter.findTranscript(doc) !== null || p.transcript.refs.length > 0,
    modelLabel: evidence.picker !== null,
    inConversation: p.conversation.id !== null,
    modelLabelRequired: !!p.adapter.spec.modelLabelRequired,
    note: usageNote(p.usage?.state() ?? null, p.turns.streamProblem, p.turns.turnsSeen),
    unrecognisedModel: p.models.unrecognised(now),
  }));
  // The pill lives at a composer: none is mounted on a page without one.
  if (found && p.settings.forSite.pill) p.pill.ensureMounted();
  p.shown.render();
}
