/**
 * Owns the counting worker and gives callers a promise per request. The worker is created on the
 * first request, reused, and recreated after it dies (error event, or no answer within the
 * timeout); requests in flight at that moment resolve to an error, never hang.
 */
import type { CountReply, CountRequest } from '../tokens/counting-service';

/** Generous: a first count of a 10 MB paste of CJK text takes several seconds on a slow machine. */
export const COUNT_TIMEOUT_MS = 60_000;
/** Covers loading the ranks (~0.1-0.6 s) before the first answer. */
const MIN_TIMEOUT_MS = 2_000;

export class WorkerHost {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: CountReply) => void; timer: ReturnType<typeof setTimeout> }>();
  /** How many workers were started (health and tests). */
  starts = 0;

  constructor(private readonly spawn: () => Worker, private readonly timeoutMs = COUNT_TIMEOUT_MS) {}

  count(request: Omit<CountRequest, 'id'>): Promise<CountReply> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const timeoutMs = this.timeoutFor(request.text.length);
    return new Promise<CountReply>((resolve) => {
      const timer = setTimeout(() => this.restart(`the counter did not answer within ${timeoutMs / 1000} s`), timeoutMs);
      this.pending.set(id, { resolve, timer });
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
   * in proportion to their size.
   */
  private timeoutFor(chars: number): number {
    return Math.min(this.timeoutMs, MIN_TIMEOUT_MS + chars / 100);
  }

  /** Ends the worker (tests, or a crash); pending requests resolve to errors. */
  restart(reason: string): void {
    this.worker?.terminate();
    this.worker = undefined;
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
    clearTimeout(entry.timer);
    this.pending.delete(reply.id);
    entry.resolve(reply);
  }
}

/** Starts the bundled counting worker (Vite emits it as its own file). */
export function spawnCountWorker(): Worker {
  return new Worker(new URL('../tokens/count.worker.ts', import.meta.url), { type: 'module', name: 'spendmeter-count' });
}
