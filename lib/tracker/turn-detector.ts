/**
 * Decides when a turn happened, from what the page shows at each flush. Pure: no DOM, no clock of
 * its own, so every rule is tested with tables of observations.
 *
 * Rules
 * - Messages on the page when watching starts, and messages that appear already finished without a
 *   send (history loading, switching conversations), are context only: never new spend.
 * - After a send from the watched composer, the next new assistant message is its reply.
 * - A new assistant message that streams without a send is a regenerated reply: a new turn.
 * - A reply is finished when every streaming signal is off (stop button gone, streaming flag off)
 *   and its text has not changed for `settleMs`. An empty reply is not finished, unless it is
 *   opaque (a generated image, a report in a frame): it has no text to wait for.
 * - A reply is reported once per page (and the ledger ignores repeats across pages).
 */
import type { Role } from '../sites/adapter';

export interface ObservedMessage {
  key: string;
  role: Role;
  streaming: boolean;
  textLength: number;
  /** The reply's content is not readable text (MessageRef.opaque): it may finish with no text. */
  opaque?: boolean;
}

export interface Observation {
  messages: ObservedMessage[];
  /** Stop button shown, or another page-wide streaming marker. */
  busy: boolean;
  now: number;
}

export interface DetectedTurn {
  replyKey: string;
  sentAt: number;
  finishedAt: number;
  regenerated: boolean;
  /** The draft captured at send; null for a regenerated reply. */
  send: PendingSend | null;
}

export interface PendingSend {
  draft: string;
  at: number;
  /** Anything the caller wants back with the turn (counts started at send, the model). */
  token: number;
}

interface Watch {
  key: string;
  sentAt: number;
  send: PendingSend | null;
  lastLength: number;
  quietSince: number;
  lastSeenAt: number;
  /** Streaming signals were on at the last observation. */
  busy: boolean;
}

export const SETTLE_MS = 1200;
/** A send whose reply never shows up is forgotten after this long. */
export const SEND_EXPIRY_MS = 5 * 60_000;
/** A watched reply that vanished from the page (navigation) is dropped after this long. */
const VANISHED_MS = 15_000;

export class TurnDetector {
  private started = false;
  private readonly known = new Set<string>();
  private pending: PendingSend | null = null;
  private watch: Watch | null = null;

  constructor(private readonly settleMs = SETTLE_MS) {}

  /** Forget everything (a different conversation). The next observation is a new baseline. */
  reset(): void {
    this.started = false;
    this.known.clear();
    this.pending = null;
    this.watch = null;
  }

  noteSend(send: PendingSend): void {
    this.pending = send;
  }

  get waitingForReply(): boolean {
    return this.pending !== null || this.watch !== null;
  }

  /** When the caller should observe again even if the page does not change (ms from now). */
  recheckIn(now: number): number | null {
    if (!this.watch) return null;
    return Math.max(50, this.watch.quietSince + this.settleMs - now);
  }

  observe(obs: Observation): DetectedTurn | null {
    const { messages, now } = obs;
    if (!this.started) {
      this.started = true;
      for (const m of messages) this.known.add(m.key);
      return null;
    }
    if (this.pending && now - this.pending.at > SEND_EXPIRY_MS) this.pending = null;

    // The newest assistant message not seen before is the only candidate reply.
    let candidate: ObservedMessage | undefined;
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i]!;
      if (m.role === 'assistant' && !this.known.has(m.key)) {
        candidate = m;
        break;
      }
    }
    const present = new Set(messages.map((m) => m.key));

    if (this.watch && this.watch.key !== candidate?.key) {
      if (present.has(this.watch.key)) {
        // The watched reply is still there but a newer one appeared: keep watching the newer one.
        this.known.add(this.watch.key);
        this.watch = candidate ? { ...this.watch, key: candidate.key } : this.watch;
      } else if (candidate) {
        // The site re-keyed the reply (ChatGPT's pending-<id> → <id>): same reply, new key.
        this.watch = { ...this.watch, key: candidate.key };
      } else if (now - this.watch.lastSeenAt > VANISHED_MS) {
        this.watch = null;
      }
    }

    if (candidate && !this.watch) {
      if (this.pending) {
        this.watch = { key: candidate.key, sentAt: this.pending.at, send: this.pending, lastLength: candidate.textLength, quietSince: now, lastSeenAt: now, busy: true };
        this.pending = null;
      } else if (candidate.streaming || obs.busy) {
        this.watch = { key: candidate.key, sentAt: now, send: null, lastLength: candidate.textLength, quietSince: now, lastSeenAt: now, busy: true };
      } else {
        this.known.add(candidate.key); // appeared finished without a send: history
      }
    }

    // Every other message is context from now on.
    for (const m of messages) if (m.key !== this.watch?.key) this.known.add(m.key);

    const watch = this.watch;
    if (!watch || !candidate || candidate.key !== watch.key) return null;
    watch.lastSeenAt = now;
    const busy = candidate.streaming || obs.busy;
    // Quiet starts when the text stops changing, or when streaming signals are first seen off
    // (they went off at some point since the last observation; count from now to be safe).
    if (candidate.textLength !== watch.lastLength || busy || watch.busy) {
      watch.lastLength = candidate.textLength;
      watch.quietSince = now;
      watch.busy = busy;
      return null;
    }
    if (now - watch.quietSince < this.settleMs || (candidate.textLength === 0 && !candidate.opaque)) return null;
    this.known.add(watch.key);
    this.watch = null;
    return { replyKey: watch.key, sentAt: watch.sentAt, finishedAt: watch.quietSince, regenerated: watch.send === null, send: watch.send };
  }
}
