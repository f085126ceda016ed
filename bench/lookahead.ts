/**
 * What counting the next key ahead of time costs the worker per keystroke (lib/tokens/lookahead.ts):
 * the look-ahead table for a draft with the caret at its end (every printable ASCII character, a
 * line break, the recent non-ASCII characters and Backspace, each an incremental job that is run
 * and never committed).
 */
import { IncrementalCounter, type TextCounter } from '../lib/tokens/incremental';
import { countAhead } from '../lib/tokens/lookahead';

/** Milliseconds to make the table for `base` with the caret at its end, `rounds` times. */
export function lookaheadSamples(counter: TextCounter, base: string, rounds: number): number[] {
  const incremental = new IncrementalCounter(counter);
  incremental.update(base);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t = performance.now();
    countAhead(incremental, base.length);
    samples.push(performance.now() - t);
  }
  return samples;
}
