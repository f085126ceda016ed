/**
 * The composer watcher: the draft's text, read from the composer when it changed, and its token
 * count (exact from the counter; a big paste shows a rough figure at once, marked, until then).
 * A keystroke is counted at once, not in the next frame's flush, and plain typing even before the
 * browser applies it; a key the worker counted ahead of time is shown then, with no round trip.
 * IME composition is left alone until it ends.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { roughTokenEstimate } from '../tokens/incremental';
import { safely } from './send-capture';
import type { CountOutcome } from '../counting/client';
import type { Counter } from './transcript';

/**
 * A paste that adds more than this shows a rough estimate at once, marked, until the exact count
 * arrives. A keystroke in a long draft does not: its exact count comes within a frame.
 */
export const ROUGH_FIRST_CHARS = 20_000;

export interface DraftFigures {
  text: string;
  tokens: number;
  exact: boolean;
  /** An estimate's relative error band (0.15 = ±15%), when the catalog states one. */
  band?: number;
  /** A rough figure is shown while the exact count is under way. */
  counting: boolean;
}

export interface ComposerEvents {
  /** The composer's content changed and was counted at once (the caller flushes the rest in its next frame). */
  edited(): void;
  /** The draft's figures changed. */
  counted(): void;
  /** The count failed (the draft is counted again on a later read). */
  failed(message: string): void;
  /** An exact count arrived (after a failure: the counter works again). */
  succeeded(): void;
}

type Ctx = Pick<ContentScriptContext, 'addEventListener'>;

export class ComposerWatcher {
  composer: Element | null = null;
  readonly draft: DraftFigures = { text: '', tokens: 0, exact: true, counting: false };
  private seq = 0;
  private dirty = true;
  private stale = false;
  private composing = false;

  constructor(
    ctx: Ctx,
    private readonly readText: (composer: Element) => string,
    private readonly counter: Counter,
    private readonly session: string,
    private readonly events: ComposerEvents,
    /** The model the draft would go out with now (a keystroke is counted for it). */
    private readonly modelNow: () => string | null,
    /** The draft once a `beforeinput` is applied, or null when that is not known beforehand. */
    private readonly textAfterInput: (composer: Element, event: InputEvent) => string | null = () => null,
  ) {
    // A keystroke's count is asked for before the browser and the page apply it: the request is on
    // its way while they edit (2 ms at the median, 4-8 ms in the slow ones). The input event that
    // follows reads the composer as always; only if the text differs is it counted again.
    ctx.addEventListener(document, 'beforeinput', (e: Event) => {
      if (!this.contains(e.target) || this.composing) return;
      safely(() => this.predict(e as InputEvent));
    }, { capture: true });
    ctx.addEventListener(document, 'input', (e: Event) => {
      if (!this.contains(e.target)) return;
      this.dirty = true;
      if (!(e as InputEvent).isComposing) this.edited();
    }, { capture: true });
    ctx.addEventListener(document, 'compositionstart', (e: Event) => {
      if (this.contains(e.target)) this.composing = true;
    }, { capture: true });
    ctx.addEventListener(document, 'compositionend', (e: Event) => {
      if (!this.contains(e.target)) return;
      this.composing = false;
      this.dirty = true;
      this.edited();
    }, { capture: true });
  }

  private predict(event: InputEvent): void {
    if (!this.composer || this.stale) return;
    const text = this.textAfterInput(this.composer, event);
    if (text === null || text === this.draft.text) return;
    // Read again after the edit, whatever happens to it (the page may cancel it and input no event).
    this.dirty = true;
    this.count(text, this.modelNow());
    this.events.edited();
  }

  private edited(): void {
    safely(() => this.update(this.modelNow()));
    this.events.edited();
  }

  /** Whether `target` is inside the composer. */
  contains(target: EventTarget | null): boolean {
    return !!this.composer && target instanceof Node && this.composer.contains(target);
  }

  /** The composer found on the page; returns whether it is another one. */
  setComposer(composer: Element | null): boolean {
    if (composer === this.composer) return false;
    this.composer = composer;
    this.dirty = true;
    return true;
  }

  /** Mutations seen by the page's observer: the draft is read again if one touched the composer. */
  noteMutations(records: readonly MutationRecord[]): void {
    if (!this.composer || this.dirty) return;
    for (const record of records) {
      if (this.composer.contains(record.target)) {
        this.dirty = true;
        return;
      }
    }
  }

  /** The draft's count belongs to another tokenizer: count it again. */
  invalidate(): void {
    this.dirty = true;
    this.stale = true;
  }

  /** The draft's text now (read from the composer when it has one). */
  currentText(): string {
    return this.composer ? this.readText(this.composer) : this.draft.text;
  }

  /** Reads the draft if it changed and counts it for `model`. */
  update(model: string | null): void {
    if (!this.dirty || this.composing || !this.composer) return;
    this.dirty = false;
    const text = this.readText(this.composer);
    if (text === this.draft.text && !this.stale) return;
    this.stale = false;
    this.count(text, model);
  }

  private count(text: string, model: string | null): void {
    const seq = ++this.seq;
    const draft = this.draft;
    const grew = text.length - draft.text.length;
    draft.text = text;
    if (grew > ROUGH_FIRST_CHARS) {
      draft.tokens = roughTokenEstimate(text);
      draft.exact = false;
      draft.band = undefined;
      draft.counting = true;
      this.events.counted();
    }
    // A typed key's count is often known already (the worker counted the likely next keys with
    // the last one): shown at once, and the worker's own count of it follows.
    const shown = (outcome: CountOutcome) => {
      if (seq !== this.seq || outcome.status === 'superseded') return;
      draft.counting = false;
      if (outcome.status === 'ok') {
        draft.tokens = outcome.tokens;
        draft.exact = outcome.exact;
        draft.band = outcome.band;
        this.events.succeeded();
      } else {
        this.stale = true;
        this.dirty = true;
        this.events.failed(outcome.message);
      }
      this.events.counted();
    };
    this.counter.count(text, model, { session: this.session, ahead: shown }).then(shown, () => undefined);
  }
}
