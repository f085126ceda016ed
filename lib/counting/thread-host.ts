/**
 * Counts in the calling thread (Chrome's offscreen document): a `CountingService` driven directly,
 * without a worker and the postMessage hop to it. The offscreen document is an extension page, off
 * every chat page's main thread, and it does nothing else, so its own thread can count.
 *
 * What the worker's host gave, kept here: every request resolves (a counting error is an `error`
 * reply; a request the service does not answer in time, e.g. a vocabulary import that never
 * settles, resolves to an error and the service is replaced, its later replies ignored); a failed
 * vocabulary load is retried by the next request (CountingService forgets it). What it cannot
 * give: a worker stuck in a loop could be terminated; a loop here stalls the document.
 */
import type { CountReply, CountRequest, RankLoader } from '../tokens/counting-service';
import { CountingService } from '../tokens/counting-service';
import { COUNT_TIMEOUT_MS, countTimeoutMs, STARTUP_TIMEOUT_MS } from './worker-host';

/**
 * Lets other tasks (the ports' next messages) run between a big count's slices. A MessageChannel
 * message, not `setTimeout(0)`: in a document nested timeouts are clamped to ≥ 4 ms each.
 */
export function channelYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

interface Pending {
  resolve: (reply: CountReply) => void;
  timer: ReturnType<typeof setTimeout>;
  /** When a profiled request was submitted (the benchmark asks). */
  profiledAt?: number;
}

export class ThreadCountingHost {
  private service: CountingService | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Encodings the current service has answered for (their vocabularies are loaded). */
  private readonly answered = new Set<string>();
  /** How many services were started (health and tests), as WorkerHost counts workers. */
  starts = 0;

  constructor(
    private readonly loadVocabulary: RankLoader,
    private readonly yieldToEvents: () => Promise<void> = channelYield(),
    private readonly timeoutMs = COUNT_TIMEOUT_MS,
    private readonly startupTimeoutMs = STARTUP_TIMEOUT_MS,
  ) {}

  count(request: Omit<CountRequest, 'id'>): Promise<CountReply> {
    const service = this.ensureService();
    const id = this.nextId++;
    const chars = request.text?.length ?? request.edit?.length ?? 0;
    const timeoutMs = countTimeoutMs(chars, this.answered.has(request.encoding), this.timeoutMs, this.startupTimeoutMs);
    return new Promise<CountReply>((resolve) => {
      const timer = setTimeout(() => this.restart(`the counter did not answer within ${timeoutMs / 1000} s`), timeoutMs);
      this.pending.set(id, { resolve, timer, profiledAt: request.profile ? performance.now() : undefined });
      try {
        service.submit({ ...request, id });
      } catch (err) {
        this.settle(service, { id, status: 'error', message: `counting failed: ${err instanceof Error ? err.message : String(err)}` });
      }
    });
  }

  /** Drops the service (tests, or one that stopped answering); pending requests resolve to errors. */
  restart(reason: string): void {
    this.service = undefined;
    this.answered.clear();
    for (const [id, entry] of [...this.pending]) {
      clearTimeout(entry.timer);
      this.pending.delete(id);
      entry.resolve({ id, status: 'error', message: `counter restarted: ${reason}` });
    }
  }

  private ensureService(): CountingService {
    if (this.service) return this.service;
    const service: CountingService = new CountingService(this.loadVocabulary, (reply) => this.settle(service, reply), this.yieldToEvents);
    this.starts++;
    this.service = service;
    return service;
  }

  private settle(from: CountingService, reply: CountReply): void {
    if (from !== this.service) return; // a replaced service finishing its queue
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    if (reply.status === 'ok') this.answered.add(reply.encoding);
    clearTimeout(entry.timer);
    this.pending.delete(reply.id);
    if (entry.profiledAt === undefined) return entry.resolve(reply);
    // No hop below: the service's time is the "worker" layer, and the host adds only its own.
    const service = performance.now() - entry.profiledAt;
    entry.resolve({ ...reply, took: { worker: service, host: service } });
  }
}
