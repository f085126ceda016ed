// The flush loop: one flush per frame however many mutations, one pending recheck timer, failed
// counts retried less and less often, a flush at a given time, nothing after the context ends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlushLoop } from '@/lib/tracker/flush-loop';
import { fakeCtx } from './fakes';

describe('FlushLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main></main>';
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const ctx = fakeCtx();
    let flushes = 0;
    const seen: number[] = [];
    const loop = new FlushLoop(ctx, { flush: () => flushes++, profile: null });
    loop.start((records) => seen.push(records.length));
    return { ctx, loop, flushes: () => flushes, seen };
  }

  it('flushes once per frame however often it is asked', () => {
    const { ctx, loop, flushes } = setup();
    loop.schedule();
    loop.schedule();
    loop.schedule();
    vi.advanceTimersByTime(20);
    expect(flushes()).toBe(1);
    loop.schedule();
    vi.advanceTimersByTime(20);
    expect(flushes()).toBe(2);
    ctx.invalidate();
    loop.schedule();
    vi.advanceTimersByTime(20);
    expect(flushes()).toBe(2);
  });

  it('keeps one recheck timer: an earlier one replaces a later one, never the reverse', () => {
    const { ctx, loop, flushes } = setup();
    loop.recheckIn(1000, 0);
    loop.recheckIn(1200, 0); // later: the pending one stays
    loop.recheckIn(500, 0); // earlier: replaces it
    vi.advanceTimersByTime(520);
    expect(flushes()).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(flushes()).toBe(1);
    ctx.invalidate();
  });

  it('retries failed counts less and less often, and quickly again once they work', () => {
    const { ctx, loop, flushes } = setup();
    loop.retrySoon();
    vi.advanceTimersByTime(520);
    expect(flushes()).toBe(1);
    loop.retrySoon();
    vi.advanceTimersByTime(520);
    expect(flushes()).toBe(1); // 1000 ms the second time
    vi.advanceTimersByTime(500);
    expect(flushes()).toBe(2);
    loop.retried();
    loop.retrySoon();
    vi.advanceTimersByTime(520);
    expect(flushes()).toBe(3);
    ctx.invalidate();
  });

  it('flushes at a due time once', () => {
    const { ctx, loop, flushes } = setup();
    loop.flushAt(1000, 0);
    loop.flushAt(1000, 10);
    vi.advanceTimersByTime(1100);
    expect(flushes()).toBe(1);
    ctx.invalidate();
  });
});
