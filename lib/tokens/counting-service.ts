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
import { IncrementalCounter, widenRange, type CategoryTokens, type ChangedRange, type TextCounter, type UpdateJob } from './incremental';
import { countAhead, type LookAhead } from './lookahead';
import { PieceText } from './piece-text';
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
  /** The caret in the session's text: count the likely next keys there too (lookahead.ts). */
  ahead?: number;
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
  | { status: 'ok'; encoding: Encoding; tokens: number; byCategory: CategoryTokens; byClass?: ClassTokens; ahead?: LookAhead }
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

/**
 * What the service holds for one session (a vocabulary and a session id): its latest text and
 * version, the incremental counter, and where the latest text differs from the counter's committed
 * text (edits accumulate there until a job commits, so a superseded job loses nothing).
 */
interface Session {
  text: PieceText;
  version: number;
  /** Made when the vocabulary has loaded; until then the committed text is empty. */
  counter?: IncrementalCounter;
  changed: ChangedRange | null;
}

interface Task {
  request: CountRequest;
  /** The text to count: a session's text as of this request, or a text on its own. */
  text: PieceText | string;
  session?: Session;
  /** For a session: where `text` differs from the counter's committed text. */
  changed?: ChangedRange;
  job?: UpdateJob;
  counter?: IncrementalCounter;
}

export class CountingService {
  private readonly encoders = new Map<Encoding, Promise<TextCounter>>();
  /** Sessions by vocabulary and id, least recently used first. */
  private readonly sessions = new Map<string, Session>();
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
    const task = this.taskOf(request);
    if (task === 'resync' || typeof task === 'string') {
      this.reply(task === 'resync' ? { id: request.id, status: 'resync' } : { id: request.id, status: 'error', message: task });
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
    this.queue.push(task);
    if (!this.running) void this.drain();
  }

  /**
   * The task a request makes: its own text, or (in a session) the session's text with the request's
   * edit or whole text applied; 'resync' when the edit does not apply (another base version, out of
   * range, another length), an error message for a bad or too large text. Nothing changes unless a
   * task is returned.
   */
  private taskOf(request: CountRequest): Task | 'resync' | string {
    const key = request.session === null ? null : `${request.encoding}\u0000${request.session}`;
    const held = key === null ? undefined : this.sessions.get(key);
    const version = request.version ?? -1;
    if (request.edit !== undefined) {
      const e = request.edit;
      const inRange = Number.isInteger(e.offset) && Number.isInteger(e.removed) && e.offset >= 0 && e.removed >= 0 && e.offset + e.removed <= (held?.text.length ?? 0);
      if (!held || key === null || held.version !== e.base || !inRange) return 'resync';
      if (held.text.length - e.removed + e.inserted.length !== e.length) return 'resync';
      if (e.length > MAX_TEXT_CHARS) return tooLarge(e.length);
      return this.sessionTask(request, key, held, e.offset, e.removed, e.inserted, version);
    }
    const text: unknown = request.text;
    if (typeof text !== 'string') return 'text must be a string';
    if (text.length > MAX_TEXT_CHARS) return tooLarge(text.length);
    if (key === null) return { request, text };
    if (!held) {
      const changed = { from: 0, oldTo: 0, newTo: text.length };
      const session: Session = { text: PieceText.fromString(text), version, changed };
      this.touch(key, session);
      return { request, text: session.text, session, changed };
    }
    // The whole text again (a first count after a resync, a streamed reply): as an edit of the held
    // text, so the pieces and the changed range stay small.
    const prefix = held.text.commonPrefixWith(text);
    const suffix = held.text.commonSuffixWith(text, prefix);
    return this.sessionTask(request, key, held, prefix, held.text.length - prefix - suffix, text.slice(prefix, text.length - suffix), version);
  }

  private sessionTask(request: CountRequest, key: string, session: Session, offset: number, removed: number, inserted: string, version: number): Task {
    const committedLength = session.counter?.committedText.length ?? 0;
    const changed = widenRange(session.changed, committedLength, session.text.length, offset, removed, inserted.length);
    session.changed = changed;
    session.text = session.text.edit(offset, removed, inserted);
    session.version = version;
    this.touch(key, session);
    return { request, text: session.text, session, changed };
  }

  /** Marks a session most recently used; drops the least recently used beyond MAX_SESSIONS. */
  private touch(key: string, session: Session): void {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    // A dropped session's queued task still finishes (it holds the session); its next request starts over.
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
  }

  /** Plans a task's job: a session's counter from where it differs, or a fresh counter for a text of its own. */
  private plan(task: Task, bpe: TextCounter): UpdateJob {
    const session = task.session;
    if (session === undefined) {
      task.counter = new IncrementalCounter(bpe);
      return task.counter.plan(task.text as string);
    }
    session.counter ??= new IncrementalCounter(bpe);
    task.counter = session.counter;
    return session.counter.planEdit(task.text as PieceText, task.changed!);
  }

  /** After a session's job commits, its text is the committed one (a newer request would have superseded the job). */
  private committed(task: Task): void {
    const session = task.session;
    if (session === undefined) return;
    if (session.text === task.text) session.changed = null;
    else session.changed = { from: 0, oldTo: task.text.length, newTo: session.text.length }; // never expected: recount all
  }

  /**
   * The next keys' counts, when the request asked: about a millisecond for a 2 KB draft, so other
   * sessions' queued work waits no longer than that. (A newer request of the same session would
   * have superseded this task, so its text is the session's latest.)
   */
  private lookAhead(task: Task): LookAhead | undefined {
    const at = task.request.ahead;
    if (at === undefined || !task.session || task.session.text !== task.text || at > task.text.length) return undefined;
    return countAhead(task.counter!, at);
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
            task.job = this.plan(task, bpe);
          }
          const done = task.job.run(SLICE_CHARS);
          if (done) {
            task.job.commit();
            this.committed(task);
            this.queue.shift();
            const ahead = this.lookAhead(task);
            this.reply({
              id: task.request.id,
              status: 'ok',
              encoding: task.request.encoding,
              tokens: task.counter!.tokens,
              byCategory: task.counter!.tokensByCategory,
              byClass: task.counter!.tokensByClass,
              ...(ahead ? { ahead } : {}),
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

function tooLarge(length: number): string {
  return `text too large to count: ${length} characters (limit ${MAX_TEXT_CHARS})`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
