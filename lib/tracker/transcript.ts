/**
 * The transcript: the page's messages, their text (cached per element; only the newest message can
 * still change) and their token counts (cached per message key), summed into the context the next
 * send re-sends.
 */
import type { CountOutcome } from '../counting/client';
import type { MessageRef, SiteAdapter } from '../sites/adapter';
import type { ObservedMessage } from './turn-detector';

export interface MessageCount {
  length: number;
  outcome: Promise<CountOutcome>;
  tokens: number | null;
  exact: boolean;
}

export interface Counter {
  /** `options.ahead` gets the count at once when it is already known (lib/tokens/lookahead.ts). */
  count(text: string, model: string | null, options?: { session?: string; ahead?: (outcome: CountOutcome) => void }): Promise<CountOutcome>;
}

/** The last turn the site reported in full: its exact input and the reply it belongs to. */
export interface ReportedTurn {
  conversationId: string;
  replyKey: string;
  inputTokens: number;
  reasoningTokens: number;
}

export interface ContextFigures {
  tokens: number;
  exact: boolean;
  /** Token counts of the finished replies (for the typical reply length). */
  replies: number[];
  /** The figure is the site's reported input plus the reply. */
  reported: boolean;
  reasoningTokens: number | null;
}

export interface TranscriptEvents {
  /** A count finished: the figures changed. */
  counted(): void;
  /** A count failed (it is tried again on a later read). */
  failed(message: string): void;
}

export class Transcript {
  /** The messages of the last read, oldest first. */
  refs: MessageRef[] = [];
  private texts = new WeakMap<Element, string>();
  private counts = new Map<string, MessageCount>();
  private contentLengths = new WeakMap<Element, { content: number; visible: number | null }>();

  constructor(
    private readonly adapter: Pick<SiteAdapter, 'findMessages' | 'messageText'>,
    private readonly counter: Counter,
    private readonly events: TranscriptEvents,
  ) {}

  /** Forgets every count (another conversation, or another tokenizer). */
  resetCounts(): void {
    this.counts = new Map();
  }

  /** Reads the page's messages; returns what the turn detector watches of each. */
  read(doc: Document, conversationId: string | null): ObservedMessage[] {
    this.refs = this.adapter.findMessages(doc, conversationId);
    const last = this.refs[this.refs.length - 1];
    return this.refs.map((ref) => ({
      key: ref.key,
      role: ref.role,
      streaming: ref.streaming,
      // An image or a framed report has no text to wait for.
      opaque: ref.opaque !== undefined,
      // Only the newest message can still change; older ones keep their cached text.
      textLength: ref === last || ref.streaming ? this.changingLength(ref) : this.textOf(ref, false).length,
    }));
  }

  /** Counts every finished message once; the streaming reply is counted when it is done. */
  countFinished(busy: boolean, model: string | null): void {
    const last = this.refs[this.refs.length - 1];
    for (const ref of this.refs) {
      if (!ref.streaming && !(busy && ref === last && ref.role === 'assistant')) this.countMessage(ref.key, this.textOf(ref, false), model);
    }
  }

  /** A message's text: cached, unless `fresh` asks for a new read. */
  textOf(ref: MessageRef, fresh: boolean): string {
    if (!fresh) {
      const cached = this.texts.get(ref.element);
      if (cached !== undefined) return cached;
    }
    const text = this.adapter.messageText(ref);
    this.texts.set(ref.element, text);
    return text;
  }

  /** The count of a message's text, started once per key and text length. */
  countMessage(key: string, text: string, model: string | null): MessageCount {
    const known = this.counts.get(key);
    if (known && known.length === text.length) return known;
    const entry: MessageCount = { length: text.length, tokens: null, exact: false, outcome: this.counter.count(text, model) };
    this.counts.set(key, entry);
    entry.outcome.then((outcome) => {
      if (this.counts.get(key) !== entry) return;
      if (outcome.status === 'ok') {
        entry.tokens = outcome.tokens;
        entry.exact = outcome.exact;
        this.events.counted();
      } else if (outcome.status === 'error') {
        this.counts.delete(key);
        this.events.failed(outcome.message);
      }
    }, () => this.counts.delete(key));
    return entry;
  }

  /**
   * The context the next send re-sends. From the page: every finished message counted. When the
   * site reported the last turn in full and its reply is still the newest message: that turn's
   * exact input (hidden system prompt and tools included) plus its reply.
   */
  context(reported: ReportedTurn | null, conversationId: string): ContextFigures {
    let tokens = 0;
    let exact = true;
    const replies: number[] = [];
    let lastReply: MessageRef | null = null;
    for (const ref of this.refs) {
      if (ref.role === 'assistant') lastReply = ref;
      if (ref.streaming) continue;
      const count = this.counts.get(ref.key);
      if (!count || count.tokens === null) {
        exact = false;
        continue;
      }
      tokens += count.tokens;
      exact &&= count.exact;
      if (ref.role === 'assistant') replies.push(count.tokens);
    }
    const refs = this.refs;
    if (reported && reported.conversationId === conversationId && lastReply?.key === reported.replyKey && refs[refs.length - 1]?.key === reported.replyKey) {
      const reply = this.counts.get(reported.replyKey);
      return { tokens: reported.inputTokens + (reply?.tokens ?? 0), exact: reply?.tokens != null && reply.exact, replies, reported: true, reasoningTokens: reported.reasoningTokens };
    }
    return { tokens, exact, replies, reported: false, reasoningTokens: null };
  }

  /**
   * The length the turn detector watches for a message that may still change. While it grows, the
   * cheap textContent length stands in (negative, so it never reads as an empty reply), sparing a
   * walk of the whole reply on every frame of a stream; once it holds still between two reads,
   * the visible text is read once and cached for counting.
   */
  private changingLength(ref: MessageRef): number {
    const content = ref.element.textContent?.length ?? 0;
    const seen = this.contentLengths.get(ref.element);
    if (!seen || seen.content !== content) {
      this.contentLengths.set(ref.element, { content, visible: null });
      return -1 - content;
    }
    seen.visible ??= this.textOf(ref, true).length;
    return seen.visible;
  }
}
