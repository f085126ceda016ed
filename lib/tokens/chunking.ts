/**
 * Cut points where the o200k_base and cl100k_base pre-tokenizers provably never merge across, so
 * that count(text) = count(text[0:b]) + count(text[b:]) for every cut b. The regexes have no
 * look-behind, so a scan that starts at a piece boundary proceeds as the full scan does; a cut only
 * has to be a piece boundary of the full scan that the truncated prefix also ends with.
 *
 * Rule N (after a newline): text[b-1] is "\n" and text[b] is neither whitespace nor "/", or it is a
 * run of at most 16 spaces/tabs followed by a non-whitespace character. The only pieces that hold a
 * newline are whitespace pieces (`\s*[\r\n]+` ends at the last newline of its run) and the
 * punctuation piece's tail `[\r\n/]*` (o200k lets ".\n/" be one piece, hence the "/" exception).
 * Rule W (word gap): an ASCII letter, a space, an ASCII letter. A letter piece never takes a
 * following space (its optional leading non-letter is allowed only at the start of a piece).
 * Rule C (CJK punctuation): a Han, kana or Hangul letter followed by one of ，。、！？；：「」『』（）….
 * The letter piece ends before the mark; the mark may start a piece with the letters after it.
 *
 * Every rule reads at most CUT_CONTEXT characters around the cut, so an edit further away than
 * that never changes whether a cut is safe.
 */

/** How far (in UTF-16 units) a rule looks from a cut, on either side. */
export const CUT_CONTEXT = 18;

const MAX_INDENT = 16;
/** Below this many characters since the previous cut, candidates are skipped. */
const MIN_CHUNK = 64;
/** Past this many characters since the previous cut, the next safe cut is always taken. */
const FALLBACK_CHUNK = 512;

const enum Rule {
  None = 0,
  Newline = 1,
  Word = 2,
  Cjk = 3,
}

/**
 * JavaScript's `\s` (what the `u`-flag pre-tokenizer regex uses), plus U+0085 (NEL), which vendors'
 * regexes (Oniguruma's `\s`, Unicode White_Space) count as whitespace: either way a cut next to one
 * is never taken.
 */
export function isWhitespace(c: number): boolean {
  return (
    c === 32 ||
    c === 0x85 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Han (BMP), hiragana, katakana letters and Hangul syllables: all `\p{Lo}`. */
export function isCjkLetter(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    (c >= 0xac00 && c <= 0xd7a3)
  );
}

const CJK_PUNCTUATION = new Set([...'，。、！？；：「」『』（）…'].map((ch) => ch.charCodeAt(0)));

/** Which rule makes `b` a safe cut in `text`, or Rule.None. */
function cutRule(text: string, b: number): Rule {
  if (b <= 0 || b >= text.length) return Rule.None;
  const before = text.charCodeAt(b - 1);
  const at = text.charCodeAt(b);
  if (before === 10) {
    if (!isWhitespace(at)) return at === 47 ? Rule.None : Rule.Newline;
    if (at !== 32 && at !== 9) return Rule.None;
    let k = b;
    while (k < text.length && k - b < MAX_INDENT) {
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 9) break;
      k++;
    }
    return k < text.length && !isWhitespace(text.charCodeAt(k)) ? Rule.Newline : Rule.None;
  }
  if (at === 32) {
    return isAsciiLetter(before) && isAsciiLetter(text.charCodeAt(b + 1)) ? Rule.Word : Rule.None;
  }
  if (CJK_PUNCTUATION.has(at) && isCjkLetter(before)) return Rule.Cjk;
  return Rule.None;
}

/** True when `b` is a safe cut (exported for the property tests). */
export function isSafeCut(text: string, b: number): boolean {
  return cutRule(text, b) !== Rule.None;
}

/**
 * Content-defined choice among safe cuts: a hash of the 4 characters on each side of the cut
 * decides, so chunk edges do not shift when text elsewhere changes (both sides, because repetitive
 * text such as list items often ends every line alike). Newlines are taken more often than word gaps.
 */
function chosen(text: string, b: number, rule: Rule): boolean {
  let h = 2166136261;
  const end = Math.min(text.length, b + 4);
  for (let i = Math.max(0, b - 4); i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h >>>= 0;
  switch (rule) {
    case Rule.Newline:
      return h % 4 === 0;
    case Rule.Cjk:
      return h % 8 === 0;
    default:
      return h % 32 === 0;
  }
}

/**
 * The next chunk edge after `from`, no later than `limit` (which must itself be a chunk edge or the
 * text's end). Correctness needs only that every edge is a safe cut; the choice keeps chunks at
 * roughly 30–500 characters so an edit re-counts little.
 */
export function nextChunkEnd(text: string, from: number, limit: number): number {
  // Cuts closer than MIN_CHUNK to `from` are never taken (the fallback needs far more), so skip them.
  for (let b = from + MIN_CHUNK; b < limit; b++) {
    // Cheap pre-filter: every rule needs "\n" before the cut, or a space / CJK mark at it.
    const before = text.charCodeAt(b - 1);
    const at = text.charCodeAt(b);
    if (before !== 10 && at !== 32 && at < 0x2026) continue;
    const rule = cutRule(text, b);
    if (rule === Rule.None) continue;
    if (b - from >= FALLBACK_CHUNK || chosen(text, b, rule)) return b;
  }
  return limit;
}
