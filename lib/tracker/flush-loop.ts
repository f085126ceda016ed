/**
 * The page tracker's clock: one MutationObserver over the page, flushed at most once per animation
 * frame (by a timer in background tabs, where frames do not run), one pending recheck timer for the
 * turn detector, a retry timer for failed counts, and one flush once the health grace has passed.
 * Everything goes through WXT's `ctx`.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { HEALTH_GRACE_MS } from './health';
import { safely } from './send-capture';

/** Attributes whose changes can mean a streaming state, a message or a composer changed. */
export const WATCHED_ATTRIBUTES = ['data-is-streaming', 'data-message-streaming', 'data-complete', 'aria-busy', 'aria-label', 'data-stop-generating', 'id', 'class', 'aria-disabled'];

type Ctx = Pick<ContentScriptContext, 'isValid' | 'setTimeout' | 'requestAnimationFrame' | 'addEventListener' | 'onInvalidated'>;

export interface FlushLoopOptions {
  flush(): void;
  /** A user-timing measure name to time each flush under (the benchmark's fixture asks), or null. */
  profile: string | null;
}

export class FlushLoop {
  private scheduled = false;
  private recheckTimer: { id: number; due: number } | undefined;
  private flushAtDue: number | null = null;
  private retryMs = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly options: FlushLoopOptions,
  ) {}

  /** Starts watching the page; `mutations` sees each batch before the flush is scheduled. */
  start(mutations: (records: MutationRecord[]) => void): void {
    const observer = new MutationObserver((records) => {
      safely(() => mutations(records));
      this.schedule();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
    this.ctx.onInvalidated(() => observer.disconnect());
    this.ctx.addEventListener(window, 'wxt:locationchange', () => this.schedule());
    this.ctx.setTimeout(() => this.schedule(), HEALTH_GRACE_MS + 50);
  }

  /** A flush in the next frame (one, however often this is called before it). */
  schedule(): void {
    if (this.scheduled || !this.ctx.isValid) return;
    this.scheduled = true;
    // Animation frames do not run in background tabs; a reply finishing there is still recorded.
    if (document.hidden) this.ctx.setTimeout(() => this.run(), 250);
    else this.ctx.requestAnimationFrame(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    const measure = this.options.profile;
    if (!measure) return safely(this.options.flush);
    const start = performance.now();
    safely(this.options.flush);
    performance.measure(measure, { start, end: performance.now() });
  }

  /**
   * The turn detector wants another look in `inMs` (or not, for null). One pending recheck at most;
   * an earlier one is kept (the flush it brings schedules the next), so a stream does not create
   * and cancel a timer on every frame.
   */
  recheckIn(inMs: number | null, now: number): void {
    const due = inMs === null ? null : now + inMs;
    if (this.recheckTimer && (due === null || this.recheckTimer.due > due)) {
      clearTimeout(this.recheckTimer.id);
      this.recheckTimer = undefined;
    }
    if (due !== null && !this.recheckTimer) {
      const timer = { id: 0, due };
      timer.id = this.ctx.setTimeout(() => {
        if (this.recheckTimer === timer) this.recheckTimer = undefined;
        this.schedule();
      }, due - now);
      this.recheckTimer = timer;
    }
  }

  /** A flush at `due` (once per distinct time), even if nothing on the page changes. */
  flushAt(due: number | null, now: number): void {
    if (due === null || due === this.flushAtDue || due <= now) return;
    this.flushAtDue = due;
    this.ctx.setTimeout(() => this.schedule(), due - now + 50);
  }

  /**
   * A count failed (the counter was still starting, or was restarted): flush again, less and less
   * often, instead of leaving a figure of 0 until the next keystroke.
   */
  retrySoon(): void {
    this.retryMs = Math.min(this.retryMs ? this.retryMs * 2 : 500, 30_000);
    this.ctx.setTimeout(() => this.schedule(), this.retryMs);
  }

  /** Counting works again: the next failure retries quickly. */
  retried(): void {
    this.retryMs = 0;
  }
}
