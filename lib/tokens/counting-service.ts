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

/** Characters counted before the scheduler yields to newer requests. */
export const SLICE_CHARS = 16 * 1024;
/** Larger texts are refused with a clear error instead of exhausting the worker's memory. */
export const MAX_TEXT_CHARS = 32 * 1024 * 1024;
/** Sessions kept (least recently used are dropped: their next update is a first count again). */
const MAX_SESSIONS = 64;

export interface CountRequest {
  id: number;
  /** Requests of one session share an incremental counter; null counts the text on its own. */
  session: string | null;
  text: string;
  encoding: Encoding;
}

/** What a count request comes to, as seen by callers. */
export type CountAnswer =
  | { status: 'ok'; encoding: Encoding; tokens: number; byCategory: CategoryTokens }
  | { status: 'superseded' }
  | { status: 'error'; message: string };

export type CountReply = CountAnswer & { id: number };

/** A vocabulary file: js-tiktoken's rank files, or a generated SPM vocabulary (lib/tokens/vocab/). */
export type VocabFile = RankFile | SpmVocabFile;

export type RankLoader = (encoding: Encoding) => Promise<VocabFile>;

/** The exact counter a vocabulary file calls for. */
export function counterFor(file: VocabFile): TextCounter {
  return 'mode' in file && file.mode === 'spm' ? new SpmCounter(file) : new BpeCounter(file as RankFile);
}

interface Task {
  request: CountRequest;
  job?: UpdateJob;
  counter?: IncrementalCounter;
}

export class CountingService {
  private readonly encoders = new Map<Encoding, Promise<TextCounter>>();
  private readonly sessions = new Map<string, IncrementalCounter>();
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
    if (typeof request.text !== 'string') {
      this.reply({ id: request.id, status: 'error', message: 'text must be a string' });
      return;
    }
    if (request.text.length > MAX_TEXT_CHARS) {
      this.reply({
        id: request.id,
        status: 'error',
        message: `text too large to count: ${request.text.length} characters (limit ${MAX_TEXT_CHARS})`,
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
    this.queue.push({ request });
    if (!this.running) void this.drain();
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
            task.job = task.counter.plan(task.request.text);
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
