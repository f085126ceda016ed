/**
 * What counting the next key ahead of time would cost (README "The floor of a keystroke's way"):
 * after a keystroke, the draft counted once more with each printable ASCII character typed at the
 * caret (its end), each as an incremental job that is planned and run but never committed. Not
 * something the extension does; measured so the reason it does not is a figure, not a guess.
 */
import { IncrementalCounter, widenRange, type TextCounter } from '../lib/tokens/incremental';

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

/** Milliseconds per keystroke to count `base` with each of the 95 characters typed at its end, `rounds` times. */
export function lookaheadSamples(counter: TextCounter, base: string, rounds: number): number[] {
  const incremental = new IncrementalCounter(counter);
  incremental.update(base);
  const text = incremental.committedText;
  const at = text.length;
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t = performance.now();
    for (const ch of PRINTABLE_ASCII) {
      const job = incremental.planEdit(text.edit(at, 0, ch), widenRange(null, at, at, at, 0, ch.length));
      job.run(Infinity);
      job.totals();
    }
    samples.push(performance.now() - t);
  }
  return samples;
}
