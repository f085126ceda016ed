/**
 * o200k_base's pre-tokenizer for pure-ASCII text, by hand: the same pieces as the regex (property-
 * tested piece by piece against it), without the regex engine's cost for Unicode property classes,
 * which is most of a first count. In ASCII the pattern
 *
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}…]*[\p{Ll}…]+('s|'t|'re|'ve|'m|'ll|'d, any case)?   (1)
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}…]+[\p{Ll}…]*(contraction)?                           (2)
 *   \p{N}{1,3} |  ?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+          (3)–(7)
 *
 * reads, at a piece start i:
 * - an optional prefix (one character that is not a letter, digit, CR or LF) when a letter follows;
 *   then the longest run of capitals and, after it, the longest run of small letters: alternative 1
 *   when that second run is not empty, else 2 (backtracking cannot help either); then a contraction;
 * - up to three digits;
 * - an optional space, a run of other characters (not whitespace, letters or digits), then any CR,
 *   LF and "/";
 * - in a whitespace run: up to its last CR or LF when it has one (5); else the whole run at the end
 *   of the text, all but its last character when it is longer than one (6), or the one character (7).
 */

const UPPER = 1;
const LOWER = 2;
const DIGIT = 4;
/** `\s` other than CR and LF: tab, vertical tab, form feed, space. */
const SPACE = 8;
/** CR and LF (also `\s`). */
const BREAK = 16;
/** Everything else: punctuation, symbols, control characters. */
const OTHER = 32;

const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  CLASS[c] = c >= 65 && c <= 90 ? UPPER : c >= 97 && c <= 122 ? LOWER : c >= 48 && c <= 57 ? DIGIT : c === 10 || c === 13 ? BREAK : c === 9 || c === 11 || c === 12 || c === 32 ? SPACE : OTHER;
}

const LETTER = UPPER | LOWER;
const APOSTROPHE = 39;

/** True when every character of `text` is ASCII. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** End of the contraction starting at `at` (or `at` when there is none). */
function contractionEnd(s: string, at: number, n: number): number {
  if (at + 1 >= n || s.charCodeAt(at) !== APOSTROPHE) return at;
  const a = s.charCodeAt(at + 1) | 0x20; // lower case (for letters)
  if (a === 115 || a === 116 || a === 109 || a === 100) return at + 2; // 's 't 'm 'd
  if (at + 2 >= n) return at;
  const b = s.charCodeAt(at + 2) | 0x20;
  if ((a === 114 && b === 101) || (a === 118 && b === 101) || (a === 108 && b === 108)) return at + 3; // 're 've 'll
  return at;
}

/** End of the piece that starts at `i` in the ASCII text `s` (length `n`). */
export function asciiPieceEnd(s: string, i: number, n: number): number {
  const c = CLASS[s.charCodeAt(i)]!;
  // (1), (2): letters, perhaps after a one-character prefix.
  let j = -1;
  if (c & LETTER) j = i;
  else if (c & (SPACE | OTHER) && i + 1 < n && CLASS[s.charCodeAt(i + 1)]! & LETTER) j = i + 1;
  if (j >= 0) {
    let k = j;
    while (k < n && CLASS[s.charCodeAt(k)] === UPPER) k++;
    let m = k;
    while (m < n && CLASS[s.charCodeAt(m)] === LOWER) m++;
    return contractionEnd(s, m, n);
  }
  // (3) digits
  if (c === DIGIT) {
    let k = i + 1;
    while (k < n && k < i + 3 && CLASS[s.charCodeAt(k)] === DIGIT) k++;
    return k;
  }
  // (4) an optional space, other characters, then CR, LF and "/"
  const p = s.charCodeAt(i) === 32 ? i + 1 : i;
  if (p < n && CLASS[s.charCodeAt(p)] === OTHER) {
    let k = p + 1;
    while (k < n && CLASS[s.charCodeAt(k)] === OTHER) k++;
    while (k < n) {
      const d = s.charCodeAt(k);
      if (d !== 10 && d !== 13 && d !== 47) break;
      k++;
    }
    return k;
  }
  // (5)–(7) whitespace
  let end = i;
  let lastBreak = -1;
  while (end < n) {
    const cls = CLASS[s.charCodeAt(end)]!;
    if (cls === BREAK) lastBreak = end;
    else if (cls !== SPACE) break;
    end++;
  }
  if (lastBreak >= 0) return lastBreak + 1;
  if (end === n || end - i === 1) return end;
  return end - 1;
}

/** The pieces of an ASCII text (for tests; counting walks the ends directly). */
export function asciiPieces(s: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < s.length; ) {
    const end = asciiPieceEnd(s, i, s.length);
    pieces.push(s.slice(i, end));
    i = end;
  }
  return pieces;
}

/** The o200k_base pattern, to tell whether a rank file's pre-tokenizer is the one above. */
export const O200K_PATTERN =
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
