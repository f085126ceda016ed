import { describe, expect, it } from 'vitest';
import { WorkerHost } from '../../../lib/counting/worker-host';
import type { CountRequest } from '../../../lib/tokens/counting-service';

/** A stand-in Worker: answers requests unless told to stay silent or crash. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  constructor(private readonly mode: 'answer' | 'silent') {}
  postMessage(request: CountRequest) {
    if (this.mode === 'silent') return;
    queueMicrotask(() => this.onmessage?.({ data: { id: request.id, status: 'ok', encoding: request.encoding, tokens: request.text.length, byCategory: { prose: request.text.length, code: 0, cjk: 0 } } } as MessageEvent));
  }
  crash() {
    this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('WorkerHost', () => {
  it('starts the worker on first use and reuses it', async () => {
    const workers: FakeWorker[] = [];
    const host = new WorkerHost(() => (workers.push(new FakeWorker('answer')), workers.at(-1) as unknown as Worker));
    expect(host.running).toBe(false);
    await expect(host.count({ session: null, text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok', tokens: 3 });
    await host.count({ session: null, text: 'abcd', encoding: 'o200k_base' });
    expect(workers).toHaveLength(1);
  });

  it('resolves requests in flight to an error when the worker crashes, then recreates it', async () => {
    const workers: FakeWorker[] = [];
    let mode: 'answer' | 'silent' = 'silent';
    const host = new WorkerHost(() => (workers.push(new FakeWorker(mode)), workers.at(-1) as unknown as Worker));
    const pending = host.count({ session: 's', text: 'abc', encoding: 'o200k_base' });
    workers[0]!.crash();
    await expect(pending).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/restarted: boom/) });
    expect(workers[0]!.terminated).toBe(true);
    mode = 'answer';
    await expect(host.count({ session: 's', text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(host.starts).toBe(2);
  });

  it('never hangs: a worker that stops answering times out and is replaced', async () => {
    const workers: FakeWorker[] = [];
    const host = new WorkerHost(() => (workers.push(new FakeWorker(workers.length === 0 ? 'silent' : 'answer')), workers.at(-1) as unknown as Worker), 30);
    await expect(host.count({ session: null, text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/did not answer/) });
    await expect(host.count({ session: null, text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(host.starts).toBe(2);
  });
});
