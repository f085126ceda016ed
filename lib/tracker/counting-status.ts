/**
 * What a count's outcome does to the rest of the page: a failure shows "counting failed" in the pill
 * and has the flush loop try again, less and less often; a success clears both. The draft's new
 * figures are shown at once, a finished transcript count in the next flush.
 */
import type { ComposerEvents } from './composer-watcher';
import type { FlushLoop } from './flush-loop';
import type { PillPresenter } from './pill-presenter';
import type { TranscriptEvents } from './transcript';

export class CountingStatus {
  /** The composer watcher's events: a keystroke flushes the rest of the page in the next frame. */
  readonly draftEvents: ComposerEvents = {
    edited: () => this.loop.schedule(),
    counted: () => this.shown.render(),
    failed: (message) => this.failed(message),
    succeeded: () => this.succeeded(),
  };

  /** The transcript's events. */
  readonly transcriptEvents: TranscriptEvents = {
    counted: () => this.loop.schedule(),
    failed: (message) => this.failed(message),
  };

  constructor(
    private readonly shown: Pick<PillPresenter, 'render' | 'countFailed' | 'countWorks'>,
    private readonly loop: Pick<FlushLoop, 'schedule' | 'retrySoon' | 'retried'>,
  ) {}

  failed(message: string): void {
    this.shown.countFailed(message);
    this.loop.retrySoon();
  }

  succeeded(): void {
    this.loop.retried();
    this.shown.countWorks();
  }
}
