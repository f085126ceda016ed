/**
 * Send capture: Enter in the composer and clicks on the site's send control, seen before the page
 * handles them (while the composer still holds the draft). One send is reported once even when a
 * site fires both. With "confirm before sending when over budget", the first send of a draft that
 * would cross a budget is held (the page never sees it) until a second one within the window.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** A send held for confirmation goes through on a second Enter or click within this time. */
export const CONFIRM_WINDOW_MS = 30_000;
/** An Enter and a click this close together with the same draft are one send. */
export const SAME_SEND_MS = 1000;

export interface SendCaptureDeps {
  /** Whether the event's target is in the composer. */
  inComposer(target: EventTarget | null): boolean;
  /** Whether the element is the site's send control. */
  isSendControl(target: Element): boolean;
  /** Whether this send should be held for confirmation (see ConfirmHold). */
  hold(): boolean;
  /** A send went out with this draft. */
  sent(): void;
}

type Ctx = Pick<ContentScriptContext, 'addEventListener'>;

export function captureSends(ctx: Ctx, deps: SendCaptureDeps): void {
  ctx.addEventListener(window, 'keydown', (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229 || !deps.inComposer(e.target)) return;
    if (deps.hold()) return stopEvent(e);
    safely(() => deps.sent());
  }, { capture: true });
  ctx.addEventListener(window, 'click', (e: MouseEvent) => {
    if (!(e.target instanceof Element) || !deps.isSendControl(e.target)) return;
    if (deps.hold()) return stopEvent(e);
    safely(() => deps.sent());
  }, { capture: true });
}

/** Drops the second report of one send (Enter and click, or a repeated event). */
export class SendDedupe {
  private last = { text: '', at: 0 };

  /** Whether a send of `text` at `now` is a new one (an empty draft never is). */
  isNew(text: string, now: number): boolean {
    if (!text.trim()) return false; // an empty composer's button is "stop" on some sites
    if (text === this.last.text && now - this.last.at < SAME_SEND_MS) return false;
    this.last = { text, at: now };
    return true;
  }
}

/** The held send: the first send over budget is held, a second within the window goes through. */
export class ConfirmHold {
  heldAt: number | null = null;

  /** Whether a send is held now. */
  held(now: number): boolean {
    return this.heldAt !== null && now - this.heldAt < CONFIRM_WINDOW_MS;
  }

  /** Whether this send is held; `wouldHold`: confirmation is on and the draft is over budget. */
  consider(wouldHold: boolean, now: number): boolean {
    if (!wouldHold) return false;
    if (this.held(now)) {
      this.heldAt = null;
      return false;
    }
    this.heldAt = now;
    return true;
  }
}

function stopEvent(e: Event) {
  e.preventDefault();
  e.stopImmediatePropagation();
}

/** Runs `fn`, swallowing anything it throws: the chat page must never see our errors. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Expected conditions are reported through health; anything else must not reach the page.
  }
}
