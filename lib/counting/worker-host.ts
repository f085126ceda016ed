/**
 * Owns the counting worker and gives callers a promise per request. The worker is created on the
 * first request, reused, and recreated after it dies (error event, or no answer within the
 * timeout); requests in flight at that moment resolve to an error, never hang.
 */
import type { CountReply, CountRequest } from '../tokens/counting-service';

/** Generous: a first count of a 10 MB paste of CJK text takes several seconds on a slow machine. */
export const COUNT_TIMEOUT_MS = 60_000;
/** A silent worker that has answered before is detected this fast (plus time for the text's size). */
const MIN_TIMEOUT_MS = 2_000;
/**
 * Until a worker has answered a request of an encoding, it may still be loading that encoding's
 * ranks: 0.1-0.6 s on an idle machine, seconds on a busy one. Restarting it then would only start
 * the load again (on a loaded machine, for ever), so the first answer gets this long.
 */
export const STARTUP_TIMEOUT_MS = 20_000;

export class WorkerHost {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: CountReply) => void; timer: ReturnType<typeof setTimeout>; profiledAt?: number }>();
  /** How many workers were started (health and tests). */
  starts = 0;
  /** Encodings the current worker has answered for (its ranks are loaded). */
  private readonly answered = new Set<string>();

  constructor(
    private readonly spawn: () => Worker,
    private readonly timeoutMs = COUNT_TIMEOUT_MS,
    private readonly startupTimeoutMs = STARTUP_TIMEOUT_MS,
  ) {}

  count(request: Omit<CountRequest, 'id'>): Promise<CountReply> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const timeoutMs = this.timeoutFor(request.text?.length ?? request.edit?.length ?? 0, this.answered.has(request.encoding));
    return new Promise<CountReply>((resolve) => {
      const timer = setTimeout(() => this.restart(`the counter did not answer within ${timeoutMs / 1000} s`), timeoutMs);
      this.pending.set(id, { resolve, timer, profiledAt: request.profile ? performance.now() : undefined });
      try {
        worker.postMessage({ ...request, id } satisfies CountRequest);
      } catch (err) {
        this.settle({ id, status: 'error', message: `could not send text to the counter: ${String(err)}` });
      }
    });
  }

  /**
   * A worker that was killed fires no event, so a silent one is detected by its timeout. Short
   * texts get a short one (the next count then starts a fresh worker quickly); big pastes get time
   * in proportion to their size; a worker that has not yet answered for the encoding gets time to
   * load its ranks.
   */
  private timeoutFor(chars: number, loaded: boolean): number {
    const answer = Math.min(this.timeoutMs, MIN_TIMEOUT_MS + chars / 100);
    return loaded ? answer : Math.max(answer, this.startupTimeoutMs);
  }

  /** Ends the worker (tests, or a crash); pending requests resolve to errors. */
  restart(reason: string): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.answered.clear();
    for (const id of [...this.pending.keys()]) this.settle({ id, status: 'error', message: `counter restarted: ${reason}` });
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    this.starts++;
    worker.onmessage = (event: MessageEvent<CountReply>) => this.settle(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.restart(event.message || 'the worker crashed');
    };
    worker.onmessageerror = () => this.restart('a message could not be read');
    this.worker = worker;
    return worker;
  }

  private settle(reply: CountReply): void {
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    if (reply.status === 'ok') this.answered.add(reply.encoding);
    clearTimeout(entry.timer);
    this.pending.delete(reply.id);
    if (entry.profiledAt === undefined) return entry.resolve(reply);
    entry.resolve({ ...reply, took: { ...reply.took, host: performance.now() - entry.profiledAt } });
  }
}

/** Starts the bundled counting worker (Vite emits it as its own file). */
export function spawnCountWorker(): Worker {
  return new Worker(new URL('../tokens/count.worker.ts', import.meta.url), { type: 'module', name: 'spendmeter-count' });
}
