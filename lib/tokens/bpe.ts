/**
 * Exact tiktoken BPE token counting over js-tiktoken's own rank files.
 *
 * Why not `Tiktoken#encode` from js-tiktoken/lite: it keys its rank map by comma-joined byte lists
 * (a string built per lookup) and merges with an O(n²) loop whose constant makes 10,000 identical
 * characters take seconds. Here the same ranks are keyed by "binary strings" (one char per byte),
 * pieces are memoised, and long pieces merge in O(n log n). The merge rule is tiktoken's: repeatedly
 * join the adjacent pair whose concatenation has the lowest rank, the leftmost one on ties. Tests
 * compare every count with js-tiktoken's `encode(text, [], []).length`.
 */

/** Shape of js-tiktoken's rank files (`js-tiktoken/ranks/<encoding>`). */
export interface RankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
  /**
   * Vendor vocabularies (lib/tokens/vocab/, HF byte-level BPE): regexes applied before `pat_str`,
   * in sequence, each to every piece the previous one produced. When present (even empty), text a
   * regex does not match is kept as its own piece (HF's "Isolated" split) instead of being dropped.
   */
  isolate?: string[];
  /** Unicode normalisation applied before splitting (Qwen: NFC). */
  normalize?: 'NFC';
  /**
   * More ranks, from rank `pieces_from` on, in the compact text form of packPieces() (tekken, and
   * Llama 3's ranks past cl100k's). Smaller zipped than base64 because most tokens are plain text.
   */
  pieces?: string;
  pieces_from?: number;
  /** The vocabulary extends these ranks (Llama 3: cl100k_base); the loader fills in `bpe_ranks` from them. */
  extends?: 'cl100k_base';
}

/** Between two tokens in `pieces`. Private-use characters: no token of the shipped vocabularies is one. */
export const PIECE_SEPARATOR = '\uE000';
/** Starts a token whose bytes are not valid UTF-8 (a partial character): base64 follows. */
export const PIECE_BYTES = '\uE001';

/** Tokens (byte strings, one char per byte) in rank order as text: UTF-8 where valid, else base64. */
export function packPieces(tokens: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return tokens
    .map((bytes) => {
      let text: string | null = null;
      try {
        text = decoder.decode(bytes);
      } catch {
        text = null;
      }
      // decode() drops a leading BOM: such a token (and any holding our two marks) goes as bytes.
      const roundTrips = text !== null && utf8BinaryString(text) === String.fromCharCode(...bytes);
      if (roundTrips && !text!.includes(PIECE_SEPARATOR) && !text!.includes(PIECE_BYTES)) return text!;
      return PIECE_BYTES + btoa(String.fromCharCode(...bytes));
    })
    .join(PIECE_SEPARATOR);
}

/** The byte strings (one char per byte) packPieces() wrote, in rank order. */
export function unpackPieces(packed: string): string[] {
  if (packed === '') return [];
  return packed.split(PIECE_SEPARATOR).map((p) => (p.startsWith(PIECE_BYTES) ? atob(p.slice(1)) : utf8BinaryString(p)));
}

/** A vocabulary that extends another one's ranks, completed with them (the base's regex is not used). */
export function withBaseRanks(file: RankFile, base: RankFile): RankFile {
  return { ...file, bpe_ranks: base.bpe_ranks };
}

import { asciiPieceEnd, isAscii, O200K_PATTERN } from './ascii-pieces';
import { nextChunkEnd } from './chunking';

/** Pieces up to this many bytes merge with the simple scan; longer ones use the heap. */
const SHORT_PIECE_BYTES = 48;
/** The piece memo holds two generations of this many entries each (bounded memory). */
const MEMO_GENERATION_SIZE = 60_000;
/** Longer pieces are not memoised: they are rare and would pin large strings. */
const MEMO_MAX_PIECE_CHARS = 96;

export class BpeCounter {
  /** Pre-tokenizer; `u` flag like tiktoken's regex, `g` for exec loops. */
  readonly pieceRegex: RegExp;
  private readonly ranks = new Map<string, number>();
  /** Rank of every two-byte token by (first << 8 | second), -1 if none: the first merge round needs no strings. */
  private readonly pairRanks = new Int32Array(65536).fill(-1);
  private maxTokenBytes = 0;
  private memo = new Map<string, number>();
  private oldMemo = new Map<string, number>();

  /** The rank file's pre-tokenizer is o200k's, which ascii-pieces.ts implements for ASCII text. */
  private readonly asciiPreTokenizer: boolean;
  /** HF-style splits (gaps kept), outermost first, ending with `pieceRegex`; null for tiktoken's own. */
  private readonly splits: RegExp[] | null;
  private readonly nfc: boolean;

  constructor(rankFile: RankFile) {
    this.pieceRegex = new RegExp(rankFile.pat_str, 'gu');
    this.asciiPreTokenizer = rankFile.pat_str === O200K_PATTERN;
    this.splits = rankFile.isolate ? [...rankFile.isolate.map((r) => new RegExp(r, 'gu')), this.pieceRegex] : null;
    this.nfc = rankFile.normalize === 'NFC';
    for (const line of rankFile.bpe_ranks.split('\n')) {
      if (!line) continue;
      const parts = line.split(' ');
      const offset = Number.parseInt(parts[1] ?? '', 10);
      for (let i = 2; i < parts.length; i++) {
        this.add(atob(parts[i]!), offset + i - 2);
      }
    }
    if (rankFile.extends && !rankFile.bpe_ranks) throw new Error(`the ranks of ${rankFile.extends} were not loaded`);
    if (rankFile.pieces) {
      const from = rankFile.pieces_from ?? 0;
      unpackPieces(rankFile.pieces).forEach((bytes, i) => this.add(bytes, from + i));
    }
  }

  private add(bytes: string, rank: number): void {
    this.ranks.set(bytes, rank);
    if (bytes.length === 2) this.pairRanks[(bytes.charCodeAt(0) << 8) | bytes.charCodeAt(1)] = rank;
    if (bytes.length > this.maxTokenBytes) this.maxTokenBytes = bytes.length;
  }

  get vocabularySize(): number {
    return this.ranks.size;
  }

  /** Chunk edges where the o200k and cl100k pre-tokenizers never merge across (chunking.ts). */
  nextChunkEnd(text: string, from: number, limit: number): number {
    return nextChunkEnd(text, from, limit);
  }

  /**
   * Number of tokens in `text`; special-token text such as `<|endoftext|>` counts as plain text.
   * `ascii`: the caller already knows whether the text is all ASCII.
   */
  count(text: string, ascii?: boolean): number {
    if (this.asciiPreTokenizer && (ascii ?? isAscii(text))) return this.countAscii(text);
    if (this.nfc && !(ascii ?? isAscii(text))) text = text.normalize('NFC');
    if (this.splits) return this.countSplit(text, 0);
    const re = this.pieceRegex;
    re.lastIndex = 0;
    let total = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) total += this.countPiece(m[0]);
    return total;
  }

  /** HF "Isolated" splits: matches and the gaps between them are pieces for the next level. */
  private countSplit(text: string, level: number): number {
    const re = this.splits![level];
    if (!re) return this.countPiece(text);
    re.lastIndex = 0;
    let total = 0;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (m.index > last) total += this.countSplit(text.slice(last, m.index), level + 1);
      const end = re.lastIndex;
      total += this.countSplit(m[0], level + 1);
      re.lastIndex = end;
      last = end;
    }
    if (last < text.length) total += this.countSplit(text.slice(last), level + 1);
    return total;
  }

  /** ASCII text under o200k: pieces from the hand-written pre-tokenizer (ascii-pieces.ts). */
  private countAscii(text: string): number {
    const n = text.length;
    let total = 0;
    for (let i = 0; i < n; ) {
      const end = asciiPieceEnd(text, i, n);
      total += this.countAsciiPiece(text.slice(i, end));
      i = end;
    }
    return total;
  }

  /** Tokens of one pre-tokenizer piece. */
  countPiece(piece: string): number {
    return isAscii(piece) ? this.countAsciiPiece(piece) : this.countPieceBytes(piece, false);
  }

  /** An ASCII piece is its own byte string: most are one token, found without any conversion. */
  private countAsciiPiece(piece: string): number {
    return this.ranks.has(piece) ? 1 : this.countPieceBytes(piece, true);
  }

  /** A piece that is not a single token (ASCII) or not yet known to be one: memo, then merge. */
  private countPieceBytes(piece: string, ascii: boolean): number {
    const memoised = this.memo.get(piece);
    if (memoised !== undefined) return memoised;
    const old = this.oldMemo.get(piece);
    if (old !== undefined) {
      this.remember(piece, old);
      return old;
    }
    let n: number;
    if (ascii) n = this.mergeCount(piece); // not a single token: checked before
    else {
      const bytes = utf8BinaryString(piece);
      n = this.ranks.has(bytes) ? 1 : this.mergeCount(bytes);
    }
    if (piece.length <= MEMO_MAX_PIECE_CHARS) this.remember(piece, n);
    return n;
  }

  /** Forgets memoised pieces (benchmarks measure first counts with a cold memo). */
  clearMemo(): void {
    this.memo = new Map();
    this.oldMemo = new Map();
  }

  private remember(piece: string, n: number): void {
    if (this.memo.size >= MEMO_GENERATION_SIZE) {
      this.oldMemo = this.memo;
      this.memo = new Map();
    }
    this.memo.set(piece, n);
  }

  /** Count of tokens the BPE merge leaves for `bytes` (a binary string, one char per byte). */
  mergeCount(bytes: string): number {
    return bytes.length <= SHORT_PIECE_BYTES ? this.scanMerge(bytes) : this.heapMerge(bytes);
  }

  private rankOf(bytes: string, start: number, end: number): number {
    if (end - start === 2) {
      const r = this.pairRanks[(bytes.charCodeAt(start) << 8) | bytes.charCodeAt(start + 1)]!;
      return r < 0 ? Infinity : r;
    }
    if (end - start > this.maxTokenBytes) return Infinity;
    const r = this.ranks.get(bytes.slice(start, end));
    return r === undefined ? Infinity : r;
  }

  /** Reused by scanMerge: part starts (plus the end) and the rank of each adjacent pair. */
  private readonly scanStarts = new Int32Array(SHORT_PIECE_BYTES + 1);
  private readonly scanRanks = new Float64Array(SHORT_PIECE_BYTES);

  /** O(n²) in the piece length with a tiny constant: the fastest choice for short pieces. */
  private scanMerge(bytes: string): number {
    const n = bytes.length;
    const starts = this.scanStarts;
    const pairRank = this.scanRanks;
    for (let i = 0; i <= n; i++) starts[i] = i;
    for (let i = 0; i < n - 1; i++) pairRank[i] = this.rankOf(bytes, i, i + 2);
    let parts = n;
    while (parts > 1) {
      let best = Infinity;
      let at = -1;
      for (let k = 0; k < parts - 1; k++) {
        if (pairRank[k]! < best) {
          best = pairRank[k]!;
          at = k;
        }
      }
      if (at < 0) break;
      // Part at+1 joins part at: drop its start and the pair rank that joined them.
      starts.copyWithin(at + 1, at + 2, parts + 1);
      pairRank.copyWithin(at, at + 1, parts - 1);
      parts--;
      if (at > 0) pairRank[at - 1] = this.rankOf(bytes, starts[at - 1]!, starts[at + 1]!);
      if (at < parts - 1) pairRank[at] = this.rankOf(bytes, starts[at]!, starts[at + 2]!);
    }
    return parts;
  }

  /**
   * O(n log n): parts form a linked list; candidate pairs sit in a binary heap ordered by
   * (rank, start byte). A merge bumps the left part's version, which makes every heap entry that
   * mentions it stale; stale entries are skipped when popped.
   */
  private heapMerge(bytes: string): number {
    const n = bytes.length;
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const version = new Int32Array(n);
    const alive = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1; // n marks the end
      prev[i] = i - 1;
    }
    const heap = new PairHeap(n * 2);
    const endOf = (part: number) => next[part]!; // a part spans [part, next[part])
    const push = (left: number) => {
      const right = next[left]!;
      if (right >= n) return;
      const rank = this.rankOf(bytes, left, endOf(right));
      if (rank !== Infinity) heap.push(rank, left, version[left]!, version[right]!);
    };
    for (let i = 0; i < n - 1; i++) push(i);
    let parts = n;
    while (heap.size > 0) {
      heap.pop();
      const left = heap.poppedLeft;
      if (!alive[left] || version[left] !== heap.poppedLeftVersion) continue;
      const right = next[left]!;
      if (right >= n || version[right] !== heap.poppedRightVersion) continue;
      // merge right into left
      alive[right] = 0;
      next[left] = next[right]!;
      if (next[left]! < n) prev[next[left]!] = left;
      version[left]!++;
      parts--;
      if (prev[left]! >= 0) push(prev[left]!);
      push(left);
    }
    return parts;
  }
}

/** Min-heap of (rank, left) pairs with the versions they were computed for. */
export class PairHeap {
  private rank: Float64Array;
  private left: Int32Array;
  private leftVersion: Int32Array;
  private rightVersion: Int32Array;
  size = 0;
  poppedLeft = 0;
  poppedLeftVersion = 0;
  poppedRightVersion = 0;

  constructor(capacity: number) {
    this.rank = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.leftVersion = new Int32Array(capacity);
    this.rightVersion = new Int32Array(capacity);
  }

  private less(a: number, b: number): boolean {
    const ra = this.rank[a]!;
    const rb = this.rank[b]!;
    return ra < rb || (ra === rb && this.left[a]! < this.left[b]!);
  }

  private swap(a: number, b: number): void {
    const r = this.rank[a]!; this.rank[a] = this.rank[b]!; this.rank[b] = r;
    const l = this.left[a]!; this.left[a] = this.left[b]!; this.left[b] = l;
    const lv = this.leftVersion[a]!; this.leftVersion[a] = this.leftVersion[b]!; this.leftVersion[b] = lv;
    const rv = this.rightVersion[a]!; this.rightVersion[a] = this.rightVersion[b]!; this.rightVersion[b] = rv;
  }

  private grow(): void {
    const cap = this.rank.length * 2;
    const r = new Float64Array(cap); r.set(this.rank); this.rank = r;
    const l = new Int32Array(cap); l.set(this.left); this.left = l;
    const lv = new Int32Array(cap); lv.set(this.leftVersion); this.leftVersion = lv;
    const rv = new Int32Array(cap); rv.set(this.rightVersion); this.rightVersion = rv;
  }

  push(rank: number, left: number, leftVersion: number, rightVersion: number): void {
    if (this.size === this.rank.length) this.grow();
    let i = this.size++;
    this.rank[i] = rank;
    this.left[i] = left;
    this.leftVersion[i] = leftVersion;
    this.rightVersion[i] = rightVersion;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the minimum; its fields are left in the `popped*` properties. */
  pop(): void {
    this.poppedLeft = this.left[0]!;
    this.poppedLeftVersion = this.leftVersion[0]!;
    this.poppedRightVersion = this.rightVersion[0]!;
    const last = --this.size;
    if (last === 0) return;
    this.swap(0, last);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.less(l, m)) m = l;
      if (r < last && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}

/**
 * UTF-8 bytes of `s` as a binary string, as `TextEncoder` encodes it: a lone surrogate becomes
 * U+FFFD (EF BF BD), exactly what js-tiktoken and tiktoken count.
 */
export function utf8BinaryString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out += String.fromCharCode(c);
      continue;
    }
    if (c < 0x800) {
      out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out += String.fromCharCode(
          0xf0 | (cp >> 18),
          0x80 | ((cp >> 12) & 0x3f),
          0x80 | ((cp >> 6) & 0x3f),
          0x80 | (cp & 0x3f),
        );
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}
