/**
 * Typing into a long draft, as the keystroke figures measure it: 150 characters appended, then 150
 * typed in the middle, each timed as one incremental update.
 */
import type { IncrementalCounter } from '../lib/tokens/incremental';

/** What the typing loops type, over and over. */
export const TYPED = 'The quick brown fox jumps over the lazy dog. 敏捷的狐狸跳过了懒狗。\n';

/** The milliseconds of each keystroke's update, and the text typed (to check the final count). */
export function typeInto(counter: IncrementalCounter, base: string): { samples: number[]; text: string } {
  counter.update(base);
  const samples: number[] = [];
  let text = base;
  let cursor = Math.floor(base.length / 2);
  for (let i = 0; i < 300; i++) {
    const ch = TYPED[i % TYPED.length]!;
    if (i < 150) text += ch;
    else {
      text = text.slice(0, cursor) + ch + text.slice(cursor);
      cursor++;
    }
    const t = performance.now();
    counter.update(text);
    samples.push(performance.now() - t);
  }
  return { samples, text };
}
