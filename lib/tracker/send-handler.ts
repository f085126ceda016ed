/**
 * What a captured send does (send-capture finds the Enter or the click): on a site switched on, a
 * new send (not the second report of one, not an empty composer) is noted for its turn with the
 * text the composer holds and the attachments that go with it; a send over budget may be held
 * first (the pill presenter decides, with "confirm before sending when over budget").
 */
import { turnAttachments } from '../attachments/turn';
import type { AttachmentWatch } from '../attachments/watch';
import type { Settings, SiteSettings } from '../settings';
import type { SiteAdapter } from '../sites/adapter';
import type { ComposerWatcher } from './composer-watcher';
import type { FlushLoop } from './flush-loop';
import type { PillPresenter } from './pill-presenter';
import { SendDedupe, type SendCaptureDeps } from './send-capture';
import type { TurnRecorder } from './turn-recorder';

export interface SendParts {
  adapter: Pick<SiteAdapter, 'isSendControl'>;
  /** The user's choices now (tracker-settings). */
  settings: { readonly settings: Pick<Settings, 'budgets'>; readonly forSite: Pick<SiteSettings, 'enabled'> };
  composer: Pick<ComposerWatcher, 'contains' | 'currentText' | 'draft'>;
  shown: Pick<PillPresenter, 'holdSend'>;
  attachments: Pick<AttachmentWatch, 'sent'>;
  turns: Pick<TurnRecorder, 'noteSend'>;
  loop: Pick<FlushLoop, 'schedule'>;
}

export class SendHandler implements SendCaptureDeps {
  private readonly dedupe = new SendDedupe();

  constructor(
    private readonly parts: SendParts,
    private readonly now: () => number = Date.now,
  ) {}

  inComposer(target: EventTarget | null): boolean {
    return this.parts.composer.contains(target);
  }

  isSendControl(target: Element): boolean {
    return this.parts.adapter.isSendControl(target);
  }

  hold(): boolean {
    const { settings, composer, shown } = this.parts;
    return shown.holdSend(settings.settings.budgets.confirmOverBudget && settings.forSite.enabled, composer.draft.text);
  }

  sent(): void {
    const { settings, composer, attachments, turns, loop } = this.parts;
    if (!settings.forSite.enabled) return;
    const text = composer.currentText();
    const now = this.now();
    if (!this.dedupe.isNew(text, now)) return;
    // The attachments go with this send and are gone from the draft (none: the turn carries none).
    const sent = attachments.sent();
    turns.noteSend(text, now, sent.max > 0 || sent.unpriced > 0 ? turnAttachments(sent) : undefined);
    loop.schedule();
  }
}
