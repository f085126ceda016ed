/**
 * Exact token counting for SentencePiece-BPE vocabularies (Gemini's: the Gemma 3 vocabulary that
 * Google's own SDK counts Gemini tokens with), as the `tokenizer.json` reference runs them:
 *
 * 1. Atomic pieces are cut out first, leftmost-longest: newline runs, tab runs, "▁" runs typed as
 *    such, HTML tags. Each is one token. Control tokens and look-alikes are not in the list, so typed
 *    text such as `<eos>` counts as plain text.
 * 2. The rest is normalised (" " becomes "▁") and merged by BPE over Unicode code points, not bytes:
 *    repeatedly join the adjacent pair whose concatenation has the lowest merge rank, leftmost on
 *    ties. A character the vocabulary does not know is never merged and counts as its UTF-8 bytes
 *    (byte fallback).
 *
 * There is no pre-tokenizer, so safe cuts come from the vocabulary itself: if no reachable piece
 * spans position b, BPE on either side runs independently and count(whole) = count(left) +
 * count(right). The vocabulary file is built so that this holds (checked when loading):
 * - around atomic pieces (newlines, tabs): they never merge with anything;
 * - before a space whose previous character is not a space, "▁" or one of `spaceJoiners`: no piece
 *   holds "x▁" for any other x (pieces start with "▁", they do not end with one after a letter).
 * The counter splits text into "words" at those cuts and memoises them, like a pre-tokenizer would.
 */
import { PairHeap } from './bpe';

/** lib/tokens/vocab/<name>.json for `mode: "spm"` (see scripts/build-vocab.ts). */
export interface SpmVocabFile {
  source: string;
  mode: 'spm';
  /** Added pieces matched before normalisation, each one token. */
  atomic: string[];
  /** Every single character the vocabulary holds (others fall back to bytes). */
  chars: string;
  /** Pieces BPE can produce, "\n"-separated, in merge-rank order. */
  pieces: string;
}

const SPACE = 0x20;
const LOWER_BLOCK = 0x2581; // "▁"
const NEWLINE = 10;
const TAB = 9;
const SHORT_RUN = 48;
const MEMO_GENERATION_SIZE = 60_000;
const MEMO_MAX_WORD_CHARS = 96;
const MIN_CHUNK = 64;
const FALLBACK_CHUNK = 512;

interface AtomicGroup {
  /** For runs of one repeated character: the allowed run lengths, longest first. */
  runLengths?: number[];
  /** Otherwise the candidates, longest first. */
  candidates?: string[];
}

export class SpmCounter {
  private readonly ranks = new Map<string, number>();
  private readonly chars = new Set<number>();
  private readonly atomic = new Map<number, AtomicGroup>();
  /** Characters x for which some piece holds "x▁" (a cut before that space would be unsafe). */
  private readonly spaceJoiners = new Set<number>();
  private memo = new Map<string, number>();
  private oldMemo = new Map<string, number>();

  constructor(file: SpmVocabFile) {
    const pieces = file.pieces.split('\n');
    for (let r = 0; r < pieces.length; r++) {
      const p = pieces[r]!;
      if (!this.ranks.has(p)) this.ranks.set(p, r);
      for (let i = p.indexOf('▁', 1); i > 0; i = p.indexOf('▁', i + 1)) {
        const before = p.charCodeAt(i - 1);
        if (before !== LOWER_BLOCK) this.spaceJoiners.add(before);
      }
    }
    for (const ch of file.chars) this.chars.add(ch.codePointAt(0)!);
    const byFirst = new Map<number, string[]>();
    for (const a of file.atomic) {
      if (a.includes(' ')) throw new Error('atomic pieces must not contain a space');
      const list = byFirst.get(a.charCodeAt(0)) ?? [];
      list.push(a);
      byFirst.set(a.charCodeAt(0), list);
    }
    for (const [first, list] of byFirst) {
      list.sort((x, y) => y.length - x.length);
      const ch = String.fromCharCode(first);
      const isRun = list.every((a) => a === ch.repeat(a.length));
      this.atomic.set(first, isRun ? { runLengths: list.map((a) => a.length) } : { candidates: list });
    }
    // The cut rules below rely on these: newlines and tabs are always atomic on their own.
    if (this.atomic.get(NEWLINE)?.runLengths?.at(-1) !== 1 || this.atomic.get(TAB)?.runLengths?.at(-1) !== 1) {
      throw new Error('SPM vocabulary: a single newline and a single tab must be atomic pieces');
    }
  }

  get vocabularySize(): number {
    return this.ranks.size + this.chars.size;
  }

  /** Length of the atomic piece starting at `i`, or 0. */
  private atomicAt(text: string, i: number): number {
    const group = this.atomic.get(text.charCodeAt(i));
    if (!group) return 0;
    if (group.runLengths) {
      const c = text.charCodeAt(i);
      const max = group.runLengths[0]!;
      let run = 1;
      while (run < max && text.charCodeAt(i + run) === c) run++;
      for (const len of group.runLengths) if (len <= run) return len;
      return 0;
    }
    for (const cand of group.candidates!) if (text.startsWith(cand, i)) return cand.length;
    return 0;
  }

  /** True when a word may end before the space at `i` (text[i] is " " or "▁"). */
  private cutBeforeSpace(text: string, i: number): boolean {
    const before = text.charCodeAt(i - 1);
    return before !== SPACE && before !== LOWER_BLOCK && !this.spaceJoiners.has(before);
  }

  /** Number of tokens in `text`. */
  count(text: string, _ascii?: boolean): number {
    const n = text.length;
    let total = 0;
    let wordStart = 0;
    for (let i = 0; i < n; ) {
      const c = text.charCodeAt(i);
      if (this.atomic.has(c)) {
        const len = this.atomicAt(text, i);
        if (len > 0) {
          if (i > wordStart) total += this.countWord(text.slice(wordStart, i));
          total++;
          i += len;
          wordStart = i;
          continue;
        }
      }
      if ((c === SPACE || c === LOWER_BLOCK) && i > wordStart && this.cutBeforeSpace(text, i)) {
        total += this.countWord(text.slice(wordStart, i));
        wordStart = i;
      }
      i++;
    }
    if (n > wordStart) total += this.countWord(text.slice(wordStart));
    return total;
  }

  /** Tokens of a span holding no atomic piece. */
  countWord(word: string): number {
    const memoised = this.memo.get(word);
    if (memoised !== undefined) return memoised;
    const old = this.oldMemo.get(word);
    if (old !== undefined) {
      this.remember(word, old);
      return old;
    }
    let total = 0;
    let run: string[] = [];
    for (let i = 0; i < word.length; i++) {
      let cp = word.charCodeAt(i);
      let ch: string;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < word.length && (word.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        cp = word.codePointAt(i)!;
        ch = word.slice(i, i + 2);
        i++;
      } else {
        // A lone surrogate is not in the vocabulary: it falls back to the bytes of U+FFFD (3), as
        // the reference tokenizer counts it.
        if (cp >= 0xd800 && cp <= 0xdfff) cp = -1;
        ch = cp === SPACE ? '▁' : String.fromCharCode(cp);
        if (cp === SPACE) cp = LOWER_BLOCK;
      }
      if (this.chars.has(cp)) {
        run.push(ch);
        continue;
      }
      if (run.length > 0) total += this.mergeCount(run);
      run = [];
      total += cp < 0 ? 3 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // byte fallback
    }
    if (run.length > 0) total += this.mergeCount(run);
    if (word.length <= MEMO_MAX_WORD_CHARS) this.remember(word, total);
    return total;
  }

  private remember(word: string, n: number): void {
    if (this.memo.size >= MEMO_GENERATION_SIZE) {
      this.oldMemo = this.memo;
      this.memo = new Map();
    }
    this.memo.set(word, n);
  }

  clearMemo(): void {
    this.memo = new Map();
    this.oldMemo = new Map();
  }

  private rank(a: string, b: string): number {
    const r = this.ranks.get(a + b);
    return r === undefined ? Infinity : r;
  }

  /** Tokens BPE leaves for a run of known characters. */
  mergeCount(syms: string[]): number {
    if (syms.length <= 1) return syms.length;
    return syms.length <= SHORT_RUN ? this.scanMerge(syms.slice()) : this.heapMerge(syms);
  }

  private scanMerge(parts: string[]): number {
    const pairRank: number[] = [];
    for (let i = 0; i < parts.length - 1; i++) pairRank.push(this.rank(parts[i]!, parts[i + 1]!));
    while (parts.length > 1) {
      let best = Infinity;
      let at = -1;
      for (let k = 0; k < pairRank.length; k++) {
        if (pairRank[k]! < best) {
          best = pairRank[k]!;
          at = k;
        }
      }
      if (at < 0) break;
      parts.splice(at, 2, parts[at]! + parts[at + 1]!);
      pairRank.splice(at, 1);
      if (at > 0) pairRank[at - 1] = this.rank(parts[at - 1]!, parts[at]!);
      if (at < parts.length - 1) pairRank[at] = this.rank(parts[at]!, parts[at + 1]!);
    }
    return parts.length;
  }

  /** O(n log n) for long runs (no pre-tokenizer bounds their length): linked list + heap. */
  private heapMerge(syms: string[]): number {
    const n = syms.length;
    const parts = syms.slice();
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const version = new Int32Array(n);
    const alive = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
    }
    const heap = new PairHeap(n * 2);
    const push = (left: number) => {
      const right = next[left]!;
      if (right >= n) return;
      const r = this.rank(parts[left]!, parts[right]!);
      if (r !== Infinity) heap.push(r, left, version[left]!, version[right]!);
    };
    for (let i = 0; i < n - 1; i++) push(i);
    let count = n;
    while (heap.size > 0) {
      heap.pop();
      const left = heap.poppedLeft;
      if (!alive[left] || version[left] !== heap.poppedLeftVersion) continue;
      const right = next[left]!;
      if (right >= n || version[right] !== heap.poppedRightVersion) continue;
      parts[left] = parts[left]! + parts[right]!;
      alive[right] = 0;
      next[left] = next[right]!;
      if (next[left]! < n) prev[next[left]!] = left;
      version[left]!++;
      count--;
      if (prev[left]! >= 0) push(prev[left]!);
      push(left);
    }
    return count;
  }

  /** Which kind of safe cut `b` is: 1 next to a newline, 2 before a space, 0 none. */
  private cutKind(text: string, b: number): number {
    const before = text.charCodeAt(b - 1);
    const at = text.charCodeAt(b);
    if ((before === NEWLINE) !== (at === NEWLINE)) return 1;
    if ((before === TAB) !== (at === TAB)) return 1;
    if ((at === SPACE || at === LOWER_BLOCK) && this.cutBeforeSpace(text, b)) {
      // An atomic piece never holds a space, but one could end right before it ("<b> x"): the cut
      // is still outside it. A "▁" run typed as such is atomic, hence the check on `before` above.
      return 2;
    }
    return 0;
  }

  /** True when `b` is a safe cut (exported for the property tests). */
  isSafeCut(text: string, b: number): boolean {
    return b > 0 && b < text.length && this.cutKind(text, b) !== 0;
  }

  /** The next chunk edge after `from`, no later than `limit` (see chunking.ts for the contract). */
  nextChunkEnd(text: string, from: number, limit: number): number {
    for (let b = from + MIN_CHUNK; b < limit; b++) {
      const kind = this.cutKind(text, b);
      if (kind === 0) continue;
      if (b - from >= FALLBACK_CHUNK || chosen(text, b, kind)) return b;
    }
    return limit;
  }
}

function chosen(text: string, b: number, kind: number): boolean {
  let h = 2166136261;
  const end = Math.min(text.length, b + 4);
  for (let i = Math.max(0, b - 4); i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h >>>= 0;
  return kind === 1 ? h % 4 === 0 : h % 32 === 0;
}
