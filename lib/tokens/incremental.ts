/**
 * Exact incremental token counting for text that is edited (a draft) or grows (a streamed reply).
 *
 * The text is kept as chunks cut only at safe cuts (see chunking.ts), each with its token count and
 * a script category. An update knows the edited region (from the edit, or by comparing with the
 * previous text), widens it by CUT_CONTEXT to the surrounding chunk edges (edges further out keep
 * their whole neighbourhood in unchanged text, so they stay safe), and re-counts only the chunks in
 * that window. Appending to a streamed reply therefore re-counts only the last chunk.
 *
 * The text itself is a PieceText: an update given as an edit reads only its window (plus
 * CUT_CONTEXT on the right, which the cut rules look at) and never builds the whole string.
 *
 * Work is planned as an UpdateJob that can run in slices, so a worker can interleave a huge paste
 * with newer requests and abandon it when it has gone stale. A job only changes the counter when it
 * is committed.
 */
import { CUT_CONTEXT } from './chunking';
import { PieceText } from './piece-text';
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

/** Category of one chunk: CJK when ≥ 30% of its visible characters are CJK letters; code by symbol density. */
export function categorize(chunk: string): Category {
  return categoryOf(classify(chunk).textClass);
}

/**
 * Where a text differs from the counter's committed text: the first `from` characters are the same
 * in both, and the committed text from `oldTo` on is the new text from `newTo` on. It may be wider
 * than the real difference (never narrower).
 */
export interface ChangedRange {
  from: number;
  oldTo: number;
  newTo: number;
}

/**
 * The changed range after one more edit (`removed` characters at `offset` replaced by
 * `insertedLength`) of a text of `length` characters that differed from the committed text
 * (`committedLength` characters) by `range` (null: not at all).
 */
export function widenRange(range: ChangedRange | null, committedLength: number, length: number, offset: number, removed: number, insertedLength: number): ChangedRange {
  const from = range === null ? offset : Math.min(range.from, offset);
  const kept = length - offset - removed; // the unedited tail of the text
  const suffix = range === null ? kept : Math.min(length - range.newTo, kept);
  return { from, oldTo: committedLength - suffix, newTo: length - removed + insertedLength - suffix };
}

export class IncrementalCounter {
  private text = PieceText.empty;
  private lengths: number[] = [];
  private counts: number[] = [];
  private classes: TextClass[] = [];
  private totals: ClassTokens = emptyClassTokens();

  constructor(readonly bpe: TextCounter) {}

  /** The text of the last committed update. */
  get committedText(): PieceText {
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

  /**
   * Plans the update to `newText`, found by comparing it with the committed text; nothing changes
   * until the job is run and committed.
   */
  plan(newText: string): UpdateJob {
    const old = this.text;
    const prefix = old.commonPrefixWith(newText);
    const suffix = old.commonSuffixWith(newText, prefix);
    const next = old.edit(prefix, old.length - prefix - suffix, newText.slice(prefix, newText.length - suffix));
    return new UpdateJob(this, next, { from: prefix, oldTo: old.length - suffix, newTo: newText.length - suffix });
  }

  /** Plans the update to `next`, which differs from the committed text only within `changed`. */
  planEdit(next: PieceText, changed: ChangedRange): UpdateJob {
    return new UpdateJob(this, next, changed);
  }

  /** Runs a whole update at once and returns the new total. */
  update(newText: string): number {
    const job = this.plan(newText);
    job.run(Infinity);
    job.commit();
    return this.tokens;
  }

  /** @internal used by UpdateJob */
  window(next: PieceText, changed: ChangedRange) {
    const oldLength = this.text.length;
    const unchanged = changed.from === changed.oldTo && changed.from === changed.newTo;
    const from = Math.max(0, changed.from - CUT_CONTEXT);
    const until = changed.oldTo + CUT_CONTEXT;
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
    if (end >= oldLength) {
      end = oldLength;
      last = this.lengths.length;
    }
    const removed = emptyClassTokens();
    for (let k = first; k < last; k++) removed[this.classes[k]!] += this.counts[k]!;
    return { first, last, start, newEnd: end + next.length - oldLength, removed, unchanged };
  }

  /** @internal used by UpdateJob */
  splice(next: PieceText, first: number, last: number, lengths: number[], counts: number[], classes: TextClass[], removed: ClassTokens, added: ClassTokens): void {
    this.lengths.splice(first, last - first, ...lengths);
    this.counts.splice(first, last - first, ...counts);
    this.classes.splice(first, last - first, ...classes);
    for (const c of TEXT_CLASSES) this.totals[c] += added[c] - removed[c];
    this.text = next;
  }
}

export class UpdateJob {
  private readonly first: number;
  private readonly last: number;
  /** The new text from the first re-counted chunk's start, to CUT_CONTEXT past the last one's end. */
  private readonly source: string;
  /** Where `source` starts in the new text. */
  private readonly offset: number;
  /** Position in `source` of the next chunk to count, and of the end of the last one. */
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

  constructor(private readonly counter: IncrementalCounter, readonly text: PieceText, changed: ChangedRange) {
    const w = counter.window(text, changed);
    this.first = w.first;
    this.last = w.unchanged ? w.first : w.last;
    this.offset = w.start;
    const end = w.unchanged ? w.start : w.newEnd;
    // The cut rules read at most CUT_CONTEXT characters around a candidate cut (and only after
    // `from`, a chunk edge, plus MIN_CHUNK): with that much text past `end`, every counter chooses
    // the cuts it would in the whole text. (Without it a rule could only miss a cut, never take an
    // unsafe one, but chunk edges would drift.) `atStart`/`atEnd` are mapped to the whole text.
    this.source = text.slice(w.start, end + CUT_CONTEXT);
    this.pos = 0;
    this.end = end - w.start;
    this.removed = w.unchanged ? emptyClassTokens() : w.removed;
    this.windowChars = this.end;
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
    const source = this.source;
    const atTextEnd = this.offset + this.end === this.text.length;
    while (this.pos < this.end) {
      const cut = bpe.nextChunkEnd(source, this.pos, this.end);
      const chunk = source.slice(this.pos, cut);
      const { textClass, ascii } = classify(chunk);
      const tokens = bpe.count(chunk, ascii, this.offset + this.pos === 0, atTextEnd && cut === this.end);
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
    if (!this.done) byClass.latinEnglish += roughTokenEstimate(this.source, this.pos, this.end);
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
