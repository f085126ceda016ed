/**
 * Exact incremental token counting for text that is edited (a draft) or grows (a streamed reply).
 *
 * The text is kept as chunks cut only at safe cuts (see chunking.ts), each with its token count and
 * a script category. An update finds the edited region by comparing with the previous text, widens
 * it by CUT_CONTEXT to the surrounding chunk edges (edges further out keep their whole neighbourhood
 * in unchanged text, so they stay safe), and re-counts only the chunks in that window. Appending to
 * a streamed reply therefore re-counts only the last chunk.
 *
 * Work is planned as an UpdateJob that can run in slices, so a worker can interleave a huge paste
 * with newer requests and abandon it when it has gone stale. A job only changes the counter when it
 * is committed.
 */
import { CUT_CONTEXT } from './chunking';
import { categoryOf, classify, emptyClassTokens, TEXT_CLASSES, type Category, type ClassTokens, type TextClass } from './text-class';

/**
 * An exact counter for one vocabulary, with its own safe cuts: `count(a + b) = count(a) + count(b)`
 * whenever `a.length` is an edge `nextChunkEnd` returns. Every rule reads at most CUT_CONTEXT
 * characters around a cut.
 */
export interface TextCounter {
  /**
   * `atStart`/`atEnd` (default true) say whether `text` starts/ends the whole text: counters whose
   * count depends on the message's edges (Claude's frame) use them; others ignore them.
   */
  count(text: string, ascii?: boolean, atStart?: boolean, atEnd?: boolean): number;
  nextChunkEnd(text: string, from: number, limit: number): number;
  clearMemo(): void;
}

/** Kinds of text that vendors' tokenizers treat differently (factors and bands live in the catalog). */
export type { Category } from './text-class';
export const CATEGORIES: readonly Category[] = ['prose', 'code', 'cjk'];
export type CategoryTokens = Record<Category, number>;

const BLOCK = 512;

export function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Common suffix length of a and b, not reaching into their first `floor` characters. */
export function commonSuffixLength(a: string, b: string, floor: number): number {
  const n = Math.min(a.length, b.length) - floor;
  let i = 0;
  while (i + BLOCK <= n && a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)) {
    i += BLOCK;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Category of one chunk: CJK when ≥ 30% of its visible characters are CJK letters; code by symbol density. */
export function categorize(chunk: string): Category {
  return categoryOf(classify(chunk).textClass);
}

export class IncrementalCounter {
  private text = '';
  private lengths: number[] = [];
  private counts: number[] = [];
  private classes: TextClass[] = [];
  private totals: ClassTokens = emptyClassTokens();

  constructor(readonly bpe: TextCounter) {}

  get currentText(): string {
    return this.text;
  }

  get tokens(): number {
    let n = 0;
    for (const c of TEXT_CLASSES) n += this.totals[c];
    return n;
  }

  get tokensByCategory(): CategoryTokens {
    return byCategory(this.totals);
  }

  /** Tokens per class of text (script, code): what estimated tokenizers weigh. */
  get tokensByClass(): ClassTokens {
    return { ...this.totals };
  }

  get chunkCount(): number {
    return this.lengths.length;
  }

  /** Plans the update to `newText`; nothing changes until the job is run and committed. */
  plan(newText: string): UpdateJob {
    return new UpdateJob(this, newText);
  }

  /** Runs a whole update at once and returns the new total. */
  update(newText: string): number {
    const job = this.plan(newText);
    job.run(Infinity);
    job.commit();
    return this.tokens;
  }

  /** @internal used by UpdateJob */
  window(newText: string) {
    const old = this.text;
    const prefix = commonPrefixLength(old, newText);
    const suffix = commonSuffixLength(old, newText, prefix);
    const oldEditEnd = old.length - suffix;
    const from = Math.max(0, prefix - CUT_CONTEXT);
    const until = oldEditEnd + CUT_CONTEXT;
    let first = 0;
    let start = 0;
    while (first < this.lengths.length && start + this.lengths[first]! <= from) {
      start += this.lengths[first]!;
      first++;
    }
    let last = first; // exclusive
    let end = start;
    while (last < this.lengths.length && end < until) {
      end += this.lengths[last]!;
      last++;
    }
    if (end >= old.length) {
      end = old.length;
      last = this.lengths.length;
    }
    const removed = emptyClassTokens();
    for (let k = first; k < last; k++) removed[this.classes[k]!] += this.counts[k]!;
    return { first, last, start, oldEnd: end, newEnd: end + newText.length - old.length, removed, unchanged: old === newText };
  }

  /** @internal used by UpdateJob */
  splice(newText: string, first: number, last: number, lengths: number[], counts: number[], classes: TextClass[], removed: ClassTokens, added: ClassTokens): void {
    this.lengths.splice(first, last - first, ...lengths);
    this.counts.splice(first, last - first, ...counts);
    this.classes.splice(first, last - first, ...classes);
    for (const c of TEXT_CLASSES) this.totals[c] += added[c] - removed[c];
    this.text = newText;
  }

  /** Forgets everything (e.g. to bound memory when a session is dropped). */
  reset(): void {
    this.text = '';
    this.lengths = [];
    this.counts = [];
    this.classes = [];
    this.totals = emptyClassTokens();
  }
}

export class UpdateJob {
  private readonly first: number;
  private readonly last: number;
  private pos: number;
  private readonly end: number;
  /** Characters of the new text this job (re-)counts: the edit widened to chunk edges. */
  readonly windowChars: number;
  private readonly removed: ClassTokens;
  private readonly added: ClassTokens = emptyClassTokens();
  private readonly lengths: number[] = [];
  private readonly counts: number[] = [];
  private readonly classes: TextClass[] = [];
  private readonly baseTotals: ClassTokens;
  private committed = false;

  constructor(private readonly counter: IncrementalCounter, readonly text: string) {
    const w = counter.window(text);
    this.first = w.first;
    this.last = w.last;
    this.pos = w.start;
    this.end = w.unchanged ? w.start : w.newEnd;
    this.removed = w.unchanged ? emptyClassTokens() : w.removed;
    if (w.unchanged) this.last = this.first;
    this.windowChars = this.end - this.pos;
    this.baseTotals = counter.tokensByClass;
  }

  /** Characters still to count. */
  get remainingChars(): number {
    return this.end - this.pos;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Counts chunks until about `budgetChars` characters were handled; true when the job is done. */
  run(budgetChars: number): boolean {
    const stopAt = this.pos + budgetChars;
    const bpe = this.counter.bpe;
    while (this.pos < this.end) {
      const cut = bpe.nextChunkEnd(this.text, this.pos, this.end);
      const chunk = this.text.slice(this.pos, cut);
      const { textClass, ascii } = classify(chunk);
      const tokens = bpe.count(chunk, ascii, this.pos === 0, cut === this.text.length);
      this.lengths.push(cut - this.pos);
      this.counts.push(tokens);
      this.classes.push(textClass);
      this.added[textClass] += tokens;
      this.pos = cut;
      if (this.pos >= stopAt) break;
    }
    return this.done;
  }

  /** Exact totals once done; before that, counted chunks plus ~1 token per 4 UTF-8 bytes for the rest. */
  totals(): { byCategory: CategoryTokens; byClass: ClassTokens; exact: boolean } {
    const byClass = { ...this.baseTotals };
    for (const c of TEXT_CLASSES) byClass[c] += this.added[c] - this.removed[c];
    if (!this.done) byClass.latinEnglish += roughTokenEstimate(this.text, this.pos, this.end);
    return { byCategory: byCategory(byClass), byClass, exact: this.done };
  }

  commit(): void {
    if (!this.done) throw new Error('UpdateJob.commit before the job is done');
    if (this.committed) return;
    this.committed = true;
    this.counter.splice(this.text, this.first, this.last, this.lengths, this.counts, this.classes, this.removed, this.added);
  }
}

/**
 * An instant rough figure for text not counted yet: about one token per four UTF-8 bytes. Shown
 * (marked as such) while the exact count of a big paste is still running.
 */
export function roughTokenEstimate(s: string, from = 0, to = s.length): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3; // each half of a pair: 2 of its 4 bytes
  }
  return Math.ceil(bytes / 4);
}

/** Class totals summed into the catalog's prose/code/cjk categories. */
export function byCategory(byClass: ClassTokens): CategoryTokens {
  const out: CategoryTokens = { prose: 0, code: 0, cjk: 0 };
  for (const c of TEXT_CLASSES) out[categoryOf(c)] += byClass[c];
  return out;
}
