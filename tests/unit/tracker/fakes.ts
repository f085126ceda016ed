// Test doubles for the tracker's parts: a content-script context whose listeners and timers are
// plain DOM ones (and end with `invalidate()`), and a counter that counts words, or fails on cue.
import type { CountOutcome } from '@/lib/counting/client';

export function fakeCtx() {
  const cleanups: (() => void)[] = [];
  const ctx = {
    isValid: true,
    addEventListener(target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions) {
      target.addEventListener(type, handler as EventListener, options);
      cleanups.push(() => target.removeEventListener(type, handler as EventListener, options));
    },
    onInvalidated(cb: () => void) {
      cleanups.push(cb);
      return () => undefined;
    },
    setTimeout(fn: () => void, ms: number) {
      const id = setTimeout(fn, ms) as unknown as number;
      cleanups.push(() => clearTimeout(id));
      return id;
    },
    requestAnimationFrame(fn: () => void) {
      return setTimeout(fn, 16) as unknown as number;
    },
    invalidate() {
      ctx.isValid = false;
      for (const c of cleanups.splice(0)) c();
    },
  };
  return ctx;
}

export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function fakeCounter() {
  const calls: { text: string; model: string | null; session?: string }[] = [];
  let failNext = 0;
  const counter = {
    calls,
    failNext(n = 1) {
      failNext = n;
    },
    /** Texts whose count the fake "found in a look-ahead table": given to `options.ahead` at once. */
    knownAhead: new Set<string>(),
    /** Answer in a later task, as the worker does, instead of in a microtask. */
    answerInNextTask: false,
    async count(text: string, model: string | null, options: { session?: string; ahead?: (outcome: CountOutcome) => void } = {}): Promise<CountOutcome> {
      calls.push({ text, model, session: options.session });
      if (counter.knownAhead.has(text)) options.ahead?.(okOutcome(text));
      await (counter.answerInNextTask ? settle() : Promise.resolve());
      if (failNext > 0) {
        failNext--;
        return { status: 'error', message: 'the counter is not available' };
      }
      return okOutcome(text);
    },
  };
  return counter;
}

const okOutcome = (text: string): CountOutcome => ({ status: 'ok', tokens: words(text), exact: true, encoding: 'o200k_base', byCategory: { prose: words(text), code: 0, cjk: 0 }, tokenizer: 'o200k' });

export const settle = () => new Promise((r) => setTimeout(r, 0));
