/**
 * A long text held as immutable pieces of bounded size, so that an edit never copies, builds or
 * scans the whole text: it rebuilds the piece(s) it touches (at most a few KB plus what was typed
 * or pasted) and copies the array of piece references. A PieceText never changes: `edit` returns a
 * new one sharing the untouched pieces, so a snapshot (a counting job's text) stays valid while
 * newer edits arrive.
 */

/** A rebuilt run longer than this is split into pieces of PIECE_TARGET characters. */
export const PIECE_MAX = 8192;
export const PIECE_TARGET = 4096;
/** A rebuilt piece shorter than this takes in its right (or left) neighbour. */
export const PIECE_MIN = 1024;

export class PieceText {
  static readonly empty = new PieceText([], [0]);

  /**
   * `starts[k]` is where piece k starts; `starts[pieces.length]` is the length. `whole`, when set,
   * is the same text as one string (a text received whole), so a slice of it costs no join.
   */
  private constructor(
    private readonly pieces: readonly string[],
    private readonly starts: readonly number[],
    private readonly whole?: string,
  ) {}

  static fromString(text: string): PieceText {
    if (text.length === 0) return PieceText.empty;
    const pieces = split(text);
    return new PieceText(pieces, startsOf(pieces), text);
  }

  get length(): number {
    return this.starts[this.pieces.length]!;
  }

  get pieceCount(): number {
    return this.pieces.length;
  }

  /** The piece lengths (for tests: every piece is non-empty and at most PIECE_MAX). */
  pieceLengths(): number[] {
    return this.pieces.map((p) => p.length);
  }

  /** The text with `removed` characters at `offset` replaced by `inserted` (offsets must be in range). */
  edit(offset: number, removed: number, inserted: string): PieceText {
    const length = this.length;
    if (offset < 0 || removed < 0 || offset + removed > length) throw new RangeError(`edit ${offset}+${removed} outside 0..${length}`);
    if (removed === 0 && inserted.length === 0) return this;
    if (offset === 0 && removed === length) return PieceText.fromString(inserted);
    const end = offset + removed;
    // Pieces first..last (inclusive) are rebuilt: the one holding `offset` (or the last one, at the
    // end) and the one holding the last removed character.
    let first = offset === length ? this.pieces.length - 1 : this.pieceAt(offset);
    let last = removed === 0 ? first : this.pieceAt(end - 1);
    let run = this.pieces[first]!.slice(0, offset - this.starts[first]!) + inserted + this.pieces[last]!.slice(end - this.starts[last]!);
    // A small run takes in a neighbour, so pieces do not crumble as text is deleted.
    if (run.length < PIECE_MIN && last + 1 < this.pieces.length) run += this.pieces[++last]!;
    else if (run.length < PIECE_MIN && first > 0) run = this.pieces[--first]! + run;
    const rebuilt = split(run);
    const pieces = this.pieces.slice(0, first).concat(rebuilt, this.pieces.slice(last + 1));
    return new PieceText(pieces, startsOf(pieces));
  }

  /** Characters `from` to `to` as one string: a join of the pieces they span only. */
  slice(from: number, to: number): string {
    from = Math.max(0, from);
    to = Math.min(this.length, to);
    if (to <= from) return '';
    if (this.whole !== undefined) return this.whole.slice(from, to);
    const first = this.pieceAt(from);
    const last = this.pieceAt(to - 1);
    if (first === last) return this.pieces[first]!.slice(from - this.starts[first]!, to - this.starts[first]!);
    const parts = [this.pieces[first]!.slice(from - this.starts[first]!)];
    for (let k = first + 1; k < last; k++) parts.push(this.pieces[k]!);
    parts.push(this.pieces[last]!.slice(0, to - this.starts[last]!));
    return parts.join('');
  }

  /** The whole text as one string (whole-text paths only). */
  toString(): string {
    return this.whole ?? this.pieces.join('');
  }

  /** Length of the common prefix of this text and `s`, compared piece by piece. */
  commonPrefixWith(s: string): number {
    let at = 0;
    for (const piece of this.pieces) {
      if (s.startsWith(piece, at)) {
        at += piece.length;
        continue;
      }
      const n = Math.min(piece.length, s.length - at);
      let i = 0;
      while (i < n && piece.charCodeAt(i) === s.charCodeAt(at + i)) i++;
      return at + i;
    }
    return at;
  }

  /** Length of the common suffix of this text and `s`, not reaching into their first `floor` characters. */
  commonSuffixWith(s: string, floor: number): number {
    const limit = Math.min(this.length, s.length) - floor;
    let matched = 0;
    for (let k = this.pieces.length - 1; k >= 0 && matched < limit; k--) {
      const piece = this.pieces[k]!;
      if (matched + piece.length <= limit && s.endsWith(piece, s.length - matched)) {
        matched += piece.length;
        continue;
      }
      let i = 0;
      while (matched + i < limit && i < piece.length && piece.charCodeAt(piece.length - 1 - i) === s.charCodeAt(s.length - 1 - matched - i)) i++;
      return matched + i;
    }
    return Math.max(0, Math.min(matched, limit));
  }

  /** The piece holding character `at` (0 ≤ at < length): a binary search over the starts. */
  private pieceAt(at: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function split(run: string): string[] {
  if (run.length === 0) return [];
  if (run.length <= PIECE_MAX) return [run];
  const pieces: string[] = [];
  for (let i = 0; i < run.length; i += PIECE_TARGET) pieces.push(run.slice(i, i + PIECE_TARGET));
  return pieces;
}

function startsOf(pieces: readonly string[]): number[] {
  const starts = new Array<number>(pieces.length + 1);
  let at = 0;
  for (let k = 0; k < pieces.length; k++) {
    starts[k] = at;
    at += pieces[k]!.length;
  }
  starts[pieces.length] = at;
  return starts;
}
