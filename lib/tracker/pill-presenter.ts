/**
 * What the page shows in the pill, from the tracker's parts: it gathers their figures into the
 * view's inputs, shows them when something shown changed, and owns what only the pill says (a
 * note such as "counting failed", the draft's budget warning, a send held for confirmation).
 */
import type { DraftWarning } from '../budgets/state';
import { ConfirmHold, safely } from './send-capture';
import { pillKey, pillView, type PillInputs } from './pill-view';
import type { PillController } from './pill-controller';

/** The counter failed: what the note starts with, so that a later success can clear it. */
const COUNTING_FAILED = 'counting failed';

export interface PillPresenterOptions {
  /** Everything the view needs but the note and the hold, read at each render. */
  inputs(): Omit<PillInputs, 'note' | 'held'>;
  /** A user-timing measure to time each shown render under (profiled pages), or null. */
  profile?: string | null;
  now?: () => number;
}

export class PillPresenter {
  note: string | null = null;
  /** The draft's budget warning, as last shown. */
  warning: DraftWarning | null = null;
  private readonly hold = new ConfirmHold();
  private readonly now: () => number;

  constructor(
    private readonly pill: Pick<PillController, 'mounted' | 'show'>,
    private readonly options: PillPresenterOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Shows `message` (null clears it). */
  setNote(message: string | null): void {
    this.note = message;
    this.render();
  }

  countFailed(message: string): void {
    this.setNote(`${COUNTING_FAILED}: ${message}`);
  }

  /** Counting works again: a "counting failed" note goes (shown with the next render). */
  countWorks(): void {
    if (this.note?.startsWith(COUNTING_FAILED)) this.note = null;
  }

  /**
   * Whether this send is held: with "confirm before sending when over budget" on, the first send
   * of a draft over a budget is held, a second within the window goes through.
   */
  holdSend(confirmOverBudget: boolean, draft: string): boolean {
    const wouldHold = confirmOverBudget && this.warning?.level === 'over' && !!draft.trim();
    if (!wouldHold) return false;
    const held = this.hold.consider(true, this.now());
    this.render();
    return held;
  }

  /** Shows the figures now, if the pill is on the page and something shown changed. */
  render(): void {
    safely(() => {
      if (!this.pill.mounted) return;
      const inputs: PillInputs = { ...this.options.inputs(), note: this.note, held: this.hold.held(this.now()) };
      const measure = this.options.profile ?? null;
      const start = measure ? performance.now() : 0;
      const shown = this.pill.show(pillKey(inputs), () => pillView(inputs));
      if (!shown) return;
      this.warning = (shown as ReturnType<typeof pillView>).warning;
      if (measure) performance.measure(measure, { start, end: performance.now() });
    });
  }
}
