import { describe, expect, it, vi } from 'vitest';
import { WorkerHost } from '../../../lib/counting/worker-host';
import type { CountReply, CountRequest } from '../../../lib/tokens/counting-service';

/** A stand-in Worker: answers requests unless told to stay silent or crash. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  constructor(public mode: 'answer' | 'silent' | 'slow') {}
  postMessage(request: CountRequest) {
    if (this.mode === 'silent') return;
    (this.mode === 'slow' ? (fn: () => void) => setTimeout(fn, 120) : queueMicrotask)(() => this.onmessage?.({ data: { id: request.id, status: 'ok', encoding: request.encoding, tokens: request.text!.length, byCategory: { prose: request.text!.length, code: 0, cjk: 0 } } } as MessageEvent));
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
    const host = new WorkerHost(() => (workers.push(new FakeWorker(workers.length === 0 ? 'silent' : 'answer')), workers.at(-1) as unknown as Worker), 30, 30);
    await expect(host.count({ session: null, text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/did not answer/) });
    await expect(host.count({ session: null, text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(host.starts).toBe(2);
  });

  it('gives a worker time to load an encoding before its first answer, and detects a silent one fast after', async () => {
    const workers: FakeWorker[] = [];
    // Answers within 30 ms once loaded; 300 ms for the first answer of an encoding.
    const host = new WorkerHost(() => (workers.push(new FakeWorker('slow')), workers.at(-1) as unknown as Worker), 30, 300);
    await expect(host.count({ session: null, text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(host.starts).toBe(1);
    // Another encoding's ranks are a new load: time again.
    await expect(host.count({ session: null, text: 'abc', encoding: 'cl100k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(host.starts).toBe(1);
    workers[0]!.mode = 'silent';
    // On a fake clock: given up on at 30 ms, not at the 300 ms of a first answer. (A wall-clock
    // bound depended on how late a loaded machine ran the timer.)
    vi.useFakeTimers();
    try {
      let reply: CountReply | undefined;
      void host.count({ session: null, text: 'abc', encoding: 'o200k_base' }).then((r) => (reply = r));
      await vi.advanceTimersByTimeAsync(29);
      expect(reply).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(reply).toMatchObject({ status: 'error', message: expect.stringMatching(/within 0.03 s/) });
    } finally {
      vi.useRealTimers();
    }
    // The new worker has loaded nothing yet: its first answer gets the startup time again.
    await expect(host.count({ session: null, text: 'abc', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(host.starts).toBe(2);
  });
});
