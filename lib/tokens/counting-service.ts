/**
 * What the counting worker runs: one exact counter per vocabulary (loaded on first use), one
 * incremental counter per session (a tab's draft, a streamed reply), and a scheduler that works in
 * slices so that a huge paste never keeps a newer request waiting. A newer request for the same
 * session supersedes an older one still in progress (latest wins).
 *
 * It has no DOM or extension dependencies: the worker wires it to postMessage, tests and the
 * benchmark drive it directly.
 */
import type { Encoding } from '../catalog/schema';
import { BpeCounter, type RankFile } from './bpe';
import { IncrementalCounter, type CategoryTokens, type TextCounter, type UpdateJob } from './incremental';
import { SpmCounter, type SpmVocabFile } from './spm';
import { ClaudeCounter, type ClaudeVocabFile } from './claude';
import type { ClassTokens } from './text-class';

/** Characters counted before the scheduler yields to newer requests. */
export const SLICE_CHARS = 16 * 1024;
/** Larger texts are refused with a clear error instead of exhausting the worker's memory. */
export const MAX_TEXT_CHARS = 32 * 1024 * 1024;
/** Sessions kept (least recently used are dropped: their next update is a first count again). */
const MAX_SESSIONS = 64;

/** `removed` characters at `offset` replaced by `inserted`, in the text of version `base`. */
export interface TextEdit {
  base: number;
  offset: number;
  removed: number;
  inserted: string;
  /** The length of the text the edit gives (checked). */
  length: number;
}

export interface CountRequest {
  id: number;
  /** Requests of one session share an incremental counter; null counts the text on its own. */
  session: string | null;
  /** The whole text, or (in a session) `edit` of its last version. */
  text?: string;
  edit?: TextEdit;
  /** The version of the session's text this request makes. */
  version?: number;
  encoding: Encoding;
  /** Time the request at each layer it passes (`CountTook`): only the benchmark asks. */
  profile?: true;
}

/**
 * Milliseconds a profiled request spent at and below each layer: the background (service worker
 * or event page), the worker's host (offscreen document or event page, postMessage and back) and
 * the worker itself (queue and count). The difference between two layers is the hop between them.
 */
export interface CountTook {
  background?: number;
  host?: number;
  worker?: number;
}

/** What a count request comes to, as seen by callers. */
export type CountAnswer = (
  | { status: 'ok'; encoding: Encoding; tokens: number; byCategory: CategoryTokens; byClass?: ClassTokens }
  | { status: 'superseded' }
  /** The edit did not apply to the text this service holds: send the whole text. */
  | { status: 'resync' }
  | { status: 'error'; message: string }
) & { took?: CountTook };

export type CountReply = CountAnswer & { id: number };

/** A vocabulary file: js-tiktoken's rank files, or a generated SPM or Claude vocabulary (lib/tokens/vocab/). */
export type VocabFile = RankFile | SpmVocabFile | ClaudeVocabFile;

export type RankLoader = (encoding: Encoding) => Promise<VocabFile>;

/** The exact counter a vocabulary file calls for. */
export function counterFor(file: VocabFile): TextCounter {
  if ('mode' in file && file.mode === 'spm') return new SpmCounter(file);
  if ('mode' in file && file.mode === 'claude') return new ClaudeCounter(file);
  return new BpeCounter(file as RankFile);
}

interface Task {
  request: CountRequest;
  text: string;
  job?: UpdateJob;
  counter?: IncrementalCounter;
}

export class CountingService {
  private readonly encoders = new Map<Encoding, Promise<TextCounter>>();
  private readonly sessions = new Map<string, IncrementalCounter>();
  /** The latest text of each session (its version), kept at submit so that edits chain. */
  private readonly texts = new Map<string, { text: string; version: number }>();
  private readonly queue: Task[] = [];
  private running = false;

  constructor(
    private readonly loadRanks: RankLoader,
    private readonly reply: (reply: CountReply) => void,
    /** Lets other messages in between slices (setTimeout 0 in the worker). */
    private readonly yieldToEvents: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
  ) {}

  encoder(encoding: Encoding): Promise<TextCounter> {
    let encoder = this.encoders.get(encoding);
    if (!encoder) {
      encoder = this.loadRanks(encoding).then(counterFor);
      encoder.catch(() => this.encoders.delete(encoding)); // a failed load is retried next time
      this.encoders.set(encoding, encoder);
    }
    return encoder;
  }

  submit(request: CountRequest): void {
    const text = this.textOf(request);
    if (text === null) {
      this.reply({ id: request.id, status: 'resync' });
      return;
    }
    if (typeof text !== 'string') {
      this.reply({ id: request.id, status: 'error', message: 'text must be a string' });
      return;
    }
    if (text.length > MAX_TEXT_CHARS) {
      this.reply({
        id: request.id,
        status: 'error',
        message: `text too large to count: ${text.length} characters (limit ${MAX_TEXT_CHARS})`,
      });
      return;
    }
    if (request.session !== null) {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        const queued = this.queue[i]!;
        if (queued.request.session === request.session && queued.request.encoding === request.encoding) {
          this.queue.splice(i, 1);
          this.reply({ id: queued.request.id, status: 'superseded' });
        }
      }
    }
    this.queue.push({ request, text });
    if (!this.running) void this.drain();
  }

  /**
   * The text a request asks to count: its own, or its edit applied to the session's latest text;
   * null when the edit does not apply (another base version, out of range, another length).
   */
  private textOf(request: CountRequest): string | null | unknown {
    const key = request.session === null ? null : `${request.encoding}\u0000${request.session}`;
    if (request.edit === undefined) {
      if (key !== null && typeof request.text === 'string') this.remember(key, request.text, request.version ?? -1);
      return request.text;
    }
    const held = key === null ? undefined : this.texts.get(key);
    const e = request.edit;
    if (!held || key === null || held.version !== e.base || e.offset + e.removed > held.text.length) return null;
    const text = held.text.slice(0, e.offset) + e.inserted + held.text.slice(e.offset + e.removed);
    if (text.length !== e.length) return null;
    this.remember(key, text, request.version ?? -1);
    return text;
  }

  private remember(key: string, text: string, version: number): void {
    this.texts.delete(key);
    this.texts.set(key, { text, version }); // most recent last
    if (this.texts.size > MAX_SESSIONS) this.texts.delete(this.texts.keys().next().value!);
  }

  private sessionCounter(request: CountRequest, bpe: TextCounter): IncrementalCounter {
    if (request.session === null) return new IncrementalCounter(bpe);
    const key = `${request.encoding}\u0000${request.session}`;
    let counter = this.sessions.get(key);
    if (counter) this.sessions.delete(key);
    else counter = new IncrementalCounter(bpe);
    this.sessions.set(key, counter); // most recent last
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return counter;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const task = this.queue[0]!;
        try {
          if (!task.job) {
            const bpe = await this.encoder(task.request.encoding);
            if (this.queue[0] !== task) continue; // superseded while the ranks loaded
            task.counter = this.sessionCounter(task.request, bpe);
            task.job = task.counter.plan(task.text);
          }
          const done = task.job.run(SLICE_CHARS);
          if (done) {
            task.job.commit();
            this.queue.shift();
            this.reply({
              id: task.request.id,
              status: 'ok',
              encoding: task.request.encoding,
              tokens: task.counter!.tokens,
              byCategory: task.counter!.tokensByCategory,
              byClass: task.counter!.tokensByClass,
            });
          } else {
            // Round-robin: a long first count goes to the back, so other sessions are served.
            this.queue.push(this.queue.shift()!);
            await this.yieldToEvents();
          }
        } catch (err) {
          const at = this.queue.indexOf(task);
          if (at >= 0) this.queue.splice(at, 1);
          this.reply({ id: task.request.id, status: 'error', message: `counting failed: ${errorMessage(err)}` });
        }
      }
    } finally {
      this.running = false;
    }
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
