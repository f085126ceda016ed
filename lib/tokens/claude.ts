/**
 * Exact token counts for Claude, from the vocabularies that sanderland/ctok (MIT) reconstructed by
 * measuring every piece with Anthropic's `count_tokens` (lib/tokens/vocab/claude_*.json, generated
 * by scripts/build-vocab.ts). Anthropic publishes no tokenizer; this reproduces the API's counts on
 * ctok's recorded corpora (tests/unit/tokens/claude.test.ts checks them).
 *
 * How a count is made (the rules are ctok's measurements; the code is ours):
 * 1. Normalise: lone surrogates to U+FFFD, NFC, drop C0/C1 controls (not tab or newline) and BMP
 *    private use, NUL and the space separators to " ", and (v3 only) the four curly quotes to ASCII.
 * 2. Split into runs of one character class (space, letters, ASCII digits, punctuation, other) and
 *    write the stream: a word is ⟨bow⟩word⟨eow⟩, a Title or ALL-CAPS word (v3, from 4 letters) gets
 *    ⟨shift⟩/⟨caps⟩ and is lower-cased, punctuation and non-ASCII digits get ⟨bow⟩/⟨eow⟩ on a side
 *    that touches a space, and one space between ⟨eow⟩ and ⟨bow⟩ is the seam and disappears.
 * 3. Tile the stream with the fewest pieces: every piece costs 1, a character no piece covers costs
 *    its UTF-8 bytes (fewer where a byte-prefix token covers a lead). The count is the tile count.
 * 4. The message frame: at the start it acts as a word boundary (v3, v4.7: one leading space is
 *    free), at the end it absorbs trailing newlines (v3, v4.7, almost) or all trailing whitespace
 *    (Claude 5). The frame's own tokens (`messageOverhead`) are per message and are not counted here.
 *
 * Markers are U+E000–U+E003 in the stream: BMP private use is stripped from the input, so text that
 * looks like a marker or a special token is always counted as plain text.
 *
 * Incremental counting cuts only where no piece and no marker rule reaches across (after a newline,
 * or at the seam between two ASCII words; see cutKind), so count(text) = count(head, start, not end)
 * + count(tail, not start, end), a chunk that does not start the text being read as if it followed
 * a newline.
 */
import type { TextCounter } from './incremental';

export interface ClaudeFrame {
  /** Tokens the frame of one user message adds (per turn, not part of a draft's count). */
  messageOverhead: number;
  /** The frame ends in ⟨bow⟩: the message start is a word boundary. */
  frameBow: boolean;
  /** "ladder": the frame's own "\n\n" tail joins trailing newlines; "free": trailing whitespace is free. */
  frameTail: 'ladder' | 'free';
}

/** lib/tokens/vocab/claude_<family>.json (see scripts/build-vocab.ts). */
export interface ClaudeVocabFile {
  source: string;
  mode: 'claude';
  family: string;
  foldQuotes: boolean;
  allcapsMin: number | null;
  /** The message frames of the model generations reading this vocabulary (the first is its own). */
  frames: Record<string, ClaudeFrame>;
  /** Which of `frames` to count with (set by the loader; default: the first). */
  frame?: string;
  /** Cost-1 pieces, markers as U+E000–U+E003. */
  pieces: string[];
  /** Hex byte strings that are one token each in the byte fallback, space-separated. */
  bytePrefixes: string;
}

const BOW = 0xe000;
const EOW = 0xe001;
const SHIFT = 0xe002;
const CAPS = 0xe003;
const NEWLINE = 10;
const SPACE_CP = 32;
const APOSTROPHE = 39;

const enum Cls {
  Space,
  Wordy,
  Digit,
  Punct,
  Hard,
  Killer,
  Stray,
}

// ---- character properties (cached per code point) ---------------------------------------------

const F_L = 1;
const F_M = 2;
const F_Z = 4;
const F_P = 8;
const F_S = 16;
const F_ND = 32;
const F_NO = 64;
const F_CF = 128;
const F_UPPER = 256;
const F_LOWER = 512;
const F_TITLE = 1024;
const F_CCC = 2048; // canonical combining class ≠ 0
const F_CCC9 = 4096; // canonical combining class 9 (viramas)
const F_DONE = 32768;

const RE = {
  L: /\p{L}/u,
  M: /\p{M}/u,
  Z: /\p{Z}/u,
  P: /\p{P}/u,
  S: /\p{S}/u,
  Nd: /\p{Nd}/u,
  No: /\p{No}/u,
  Cf: /\p{Cf}/u,
  Upper: /\p{Uppercase}/u,
  Lower: /\p{Lowercase}/u,
  Lt: /\p{Lt}/u,
};

/** Han and Hangul syllables: all letters (Lo), no case, no marks; no need to ask the regexes. */
const isIdeographBlock = (cp: number) => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xac00 && cp <= 0xd7a3);

function computeFlags(cp: number): number {
  if (isIdeographBlock(cp)) return F_DONE | F_L;
  const ch = String.fromCodePoint(cp);
  let f = F_DONE;
  if (RE.L.test(ch)) f |= F_L;
  if (RE.M.test(ch)) f |= F_M;
  if (RE.Z.test(ch)) f |= F_Z;
  if (RE.P.test(ch)) f |= F_P;
  if (RE.S.test(ch)) f |= F_S;
  if (RE.Nd.test(ch)) f |= F_ND;
  if (RE.No.test(ch)) f |= F_NO;
  if (RE.Cf.test(ch)) f |= F_CF;
  if (RE.Upper.test(ch)) f |= F_UPPER;
  if (RE.Lower.test(ch)) f |= F_LOWER;
  if (RE.Lt.test(ch)) f |= F_TITLE;
  if (f & F_M) {
    // ccc ≠ 0: it reorders against U+0316 (ccc 220) or U+0301 (ccc 230). ccc 9: after U+3099
    // (ccc 8) is wrong order, and so is U+05B0 (ccc 10) before it.
    const after = (probe: string) => (ch + probe).normalize('NFD').startsWith(probe);
    const before = (probe: string) => !(probe + ch).normalize('NFD').startsWith(probe);
    if (after('\u0316') || before('\u0301')) f |= F_CCC;
    if (after('\u3099') && before('\u05b0')) f |= F_CCC9;
  }
  return f;
}

const bmpFlags = new Uint16Array(0x10000);
const astralFlags = new Map<number, number>();
function flags(cp: number): number {
  if (cp < 0x10000) {
    let f = bmpFlags[cp]!;
    if (f === 0) bmpFlags[cp] = f = computeFlags(cp);
    return f;
  }
  let f = astralFlags.get(cp);
  if (f === undefined) astralFlags.set(cp, (f = computeFlags(cp)));
  return f;
}

const isUpperChar = (cp: number) => (flags(cp) & (F_UPPER | F_LOWER | F_TITLE)) === F_UPPER;
const isLowerChar = (cp: number) => (flags(cp) & (F_UPPER | F_LOWER | F_TITLE)) === F_LOWER;

// ---- measured character tables (ctok's constants; enumerated where no Unicode property predicts) --

const PUNCT_SYMS = new Set([...'—»«•°„–−£§€…√→（№†└│།·─═█'].map((c) => c.codePointAt(0)!));
const SYMBOL_LETTER_RANGES: [number, number][] = [
  [0x16ee, 0x16f0], // Runic golden numbers
  [0x2160, 0x2188], // Roman numerals
  [0x24b6, 0x24e9], // circled letters
  [0xa6e6, 0xa6ef], // Bamum number-letters
];
/** Thai phinthu: combining class 9, but it does not separate word runs. */
const NON_SEPARATORS = new Set([0x0e3a]);
/** Marks that separate word runs like a virama without being combining class 9. */
const SEPARATOR_SIGNS = new Set([
  0x0740, 0x0741, 0x0742, 0x0743, 0x0744, 0x0745, 0x0746, 0x0747, 0x0748, 0x0749, 0x074a, 0x093c, 0x0951, 0x0952, 0x0953, 0x0954,
  0x09bc, 0x09fe, 0x0a3c, 0x0abc, 0x0afd, 0x0afe, 0x0aff, 0x0b3c, 0x0b55, 0x0c3c, 0x0cbc, 0x0e47, 0x0e48, 0x0e49, 0x0e4a, 0x0e4b,
  0x0e4c, 0x0e4e, 0x0ec8, 0x0ec9, 0x0eca, 0x0ecb, 0x0ecc, 0x0ece, 0x0f18, 0x0f19, 0x0f35, 0x0f37, 0x0f39, 0x0f3e, 0x0f3f, 0x0f86,
  0x0f87, 0x0fc6, 0x1037, 0x17b4, 0x17b5, 0x17c9, 0x17ca, 0x17cb, 0x17cc, 0x17cd, 0x17ce, 0x17cf, 0x17d0, 0x17d1, 0x17d3, 0x17dd,
  0x1a75, 0x1a76, 0x1a77, 0x1a78, 0x1a79, 0x1a7a, 0x1a7b, 0x1a7c, 0x1a7f, 0x1b34, 0x1b6b, 0x1b6c, 0x1b6d, 0x1b6e, 0x1b6f, 0x1b70,
  0x1b71, 0x1b72, 0x1b73, 0xa9b3,
]);
/** Accent, tone, cantillation and annotation marks that close the word before them. */
const SEPARATOR_RANGES: [number, number][] = [
  [0x0300, 0x0344], [0x0346, 0x0362],
  [0x0483, 0x0489], [0x0591, 0x05af], [0x0658, 0x0658], [0x06df, 0x06e0], [0x06ea, 0x06ec],
  [0x07eb, 0x07f3], [0x07fd, 0x07fd], [0x0859, 0x085b], [0x0898, 0x089f], [0x08ca, 0x08d3], [0x08e0, 0x08e1],
  [0x0818, 0x0819], [0x082d, 0x082d], [0x08ea, 0x08ef], [0x135d, 0x135f],
  [0x180b, 0x180d], [0x180f, 0x180f], [0x1939, 0x193b],
  [0x1ab0, 0x1abe], [0x1ac1, 0x1acb], [0x1cd0, 0x1ce8], [0x1ced, 0x1ced], [0x1cf4, 0x1cf4], [0x1cf8, 0x1cf9],
  [0x1be6, 0x1be6], [0x1c37, 0x1c37], [0x1cf7, 0x1cf7],
  [0x1dc0, 0x1dd2], [0x1df5, 0x1dff], [0x20d0, 0x20f0], [0xa66f, 0xa672], [0xa67c, 0xa67d],
  [0x2cef, 0x2cf1], [0x302a, 0x302f], [0x3099, 0x309a],
  [0xa6f0, 0xa6f1], [0xa8e0, 0xa8f1], [0xa92b, 0xa92d], [0xaabf, 0xaabf], [0xaac1, 0xaac1], [0xabec, 0xabec],
  [0xfe20, 0xfe2f],
];
const inRanges = (cp: number, ranges: [number, number][]) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
const isVariationSelector = (cp: number) => cp >= 0xfe00 && cp <= 0xfe0f;

/** Han, Hangul syllables, astral, the ideographic iteration marks, two Quranic annotation ranges. */
function isHardCp(cp: number): boolean {
  return (
    cp >= 0x10000 ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    cp === 0x3005 ||
    cp === 0x3006 ||
    (cp >= 0x06dd && cp <= 0x06e0) ||
    (cp >= 0x06e9 && cp <= 0x06ec)
  );
}

function isSpaceChar(cp: number): boolean {
  return (flags(cp) & F_Z) !== 0 || (cp >= 9 && cp <= 13);
}

function classify(cp: number): Cls {
  const f = flags(cp);
  if (f & F_Z || (cp >= 9 && cp <= 13)) return Cls.Space;
  if (inRanges(cp, SYMBOL_LETTER_RANGES)) return Cls.Wordy;
  if (f & F_ND && (cp < 0x80 || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06f0 && cp <= 0x06f9))) return Cls.Digit;
  if (cp < 0x80 && f & (F_P | F_S)) return Cls.Punct;
  if (PUNCT_SYMS.has(cp)) return Cls.Punct;
  if (isVariationSelector(cp)) return Cls.Hard;
  if (cp === 0x0cf3) return Cls.Wordy; // Kannada U+0CF3 (Unicode 15): measured as word material
  if (f & (F_L | F_M) && !isHardCp(cp)) return Cls.Wordy;
  return Cls.Hard;
}

const killerCache = new Map<number, boolean>();
function isKiller(cp: number): boolean {
  // Astral marks (Chakma, Grantha viramas…) belong to the HARD run they sit in: no word model.
  if (cp < 0x300 || cp >= 0x10000) return false;
  let k = killerCache.get(cp);
  if (k === undefined) {
    k = ((flags(cp) & F_CCC9) !== 0 && !NON_SEPARATORS.has(cp)) || SEPARATOR_SIGNS.has(cp) || inRanges(cp, SEPARATOR_RANGES);
    killerCache.set(cp, k);
  }
  return k;
}

/** Syriac vowels act as word-forming letters where no base can hold them. */
const isSyriacVowel = (cp: number) => cp === 0x0711 || (cp >= 0x0730 && cp <= 0x073f);

/** A combining mark that, with no letter before it, opens a word of its own. */
function isStrayMark(cp: number): boolean {
  if (cp < 0x300 || isSyriacVowel(cp)) return false;
  return (flags(cp) & F_CCC) !== 0 && !isKiller(cp);
}

const ideographicPunct = (cp: number) => cp >= 0x3001 && cp <= 0x303f && (flags(cp) & F_P) !== 0;

/** Punctuation, symbol or format character that takes border markers (not astral, not ideographic). */
function marksLikePunct(cp: number): boolean {
  if (cp >= 0x10000) return false;
  return (flags(cp) & (F_P | F_S | F_CF)) !== 0 && !ideographicPunct(cp);
}

const digitBorder = (cp: number) => (flags(cp) & F_NO) !== 0 || ((flags(cp) & F_ND) !== 0 && cp >= 0x80);

function hardKind(cp: number): number {
  return marksLikePunct(cp) ? 1 : digitBorder(cp) ? 2 : 0;
}

// ---- normalisation ----------------------------------------------------------------------------

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const STRIP = /[\x01-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff]/g;
const FUNNY_SPACE = /[\0\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]/g;
const QUOTES = /[\u2018\u2019\u201c\u201d]/g;
const foldQuote = (q: string) => (q === '\u2018' || q === '\u2019' ? "'" : '"');

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_STRIP = /[\0-\x08\x0b-\x1f\x7f]/;
const SURROGATE = /[\ud800-\udfff]/;
const STRIP_ONE = /[\x01-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff]/;
const FUNNY_ONE = /[\0\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]/;
const QUOTE_ONE = /[\u2018\u2019\u201c\u201d]/;

/** Each rewrite runs only when its test finds something to rewrite: most chunks need none. */
function normalizeText(text: string, foldQuotes: boolean): string {
  if (ASCII_ONLY.test(text)) return ASCII_STRIP.test(text) ? text.replace(STRIP, '').replaceAll('\0', ' ') : text;
  let t = SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
  t = t.normalize('NFC');
  if (STRIP_ONE.test(t)) t = t.replace(STRIP, '');
  if (foldQuotes && QUOTE_ONE.test(t)) t = t.replace(QUOTES, foldQuote);
  return FUNNY_ONE.test(t) ? t.replace(FUNNY_SPACE, ' ') : t;
}

/** Did normalisation drop the message's very first character? (Then a leading space is not free.) */
function headStripped(text: string): boolean {
  // No character normalises into a control or private-use one, so the raw first unit decides.
  const c = text.charCodeAt(0);
  return (c >= 1 && c <= 8) || (c >= 0x0b && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || (c >= 0xe000 && c <= 0xf8ff);
}

/** Where a trailing run of `chars` begins (a loop: an anchored regex would be quadratic on long runs). */
function trailingRunStart(text: string, chars: (c: number) => boolean): number {
  let i = text.length;
  while (i > 0 && chars(text.charCodeAt(i - 1))) i--;
  return i;
}
const isAsciiWhitespace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isNewline = (c: number) => c === NEWLINE;

// ---- case marking -----------------------------------------------------------------------------

const DOTTED_I = 0x130;
const SHARP_S = 0x1e9e;

/** ⟨caps⟩/⟨shift⟩ + lower case for a whole ALL-CAPS or Title word; anything else stays literal. */
function markCase(word: number[], allcapsMin: number | null, headMark: boolean): number[] {
  if (headMark) return word;
  let ascii = true;
  for (const c of word) if (c >= 0x80) ascii = false;
  if (ascii) return markCaseAscii(word, allcapsMin);
  if (word.includes(SHARP_S)) return word;
  const head = word[0]!;
  const lower = (cps: number[]) => [...String.fromCodePoint(...cps).toLowerCase()].map((c) => c.codePointAt(0)!);
  if (word.includes(DOTTED_I)) {
    // İ is transparent to the title-case test and stays İ in the lowered word.
    if (isUpperChar(head) && head !== DOTTED_I && !word.some((c, i) => i > 0 && c !== DOTTED_I && isUpperChar(c))) {
      const out = [SHIFT, ...lower([head])];
      for (let i = 1; i < word.length; i++) out.push(...(word[i] === DOTTED_I ? [DOTTED_I] : lower([word[i]!])));
      return out;
    }
    return word;
  }
  let cased = false;
  let allUpper = true;
  let caseless = false;
  for (const c of word) {
    const f = flags(c);
    if (f & (F_LOWER | F_TITLE)) allUpper = false;
    else if (f & F_UPPER) cased = true;
    if (f & F_L && !isLowerChar(c) && !isUpperChar(c)) caseless = true;
  }
  if (allcapsMin !== null && allUpper && cased && word.length >= allcapsMin && !caseless) {
    return [CAPS, ...lower(word).map((c) => (c === 0x3c2 ? 0x3c3 : c))]; // ς → σ: no final-sigma rule
  }
  if (isUpperChar(head) && !word.some((c, i) => i > 0 && isUpperChar(c))) return [SHIFT, ...lower(word)];
  return word;
}

function markCaseAscii(word: number[], allcapsMin: number | null): number[] {
  let upper = 0;
  for (const c of word) if (c >= 65 && c <= 90) upper++;
  if (upper === 0) return word;
  const isUpperHead = word[0]! >= 65 && word[0]! <= 90;
  if (upper === word.length && allcapsMin !== null && word.length >= allcapsMin) return [CAPS, ...word.map((c) => c + 32)];
  if (isUpperHead && upper === 1) return [SHIFT, word[0]! + 32, ...word.slice(1)];
  return word;
}

// ---- the marked stream ------------------------------------------------------------------------

interface Run {
  cls: Cls;
  start: number;
  end: number;
}

const CONTRACTIONS = new Set(['s', 't', 'd', 'm', 'll', 're', 've']);

/** Per code point: its run class + 1, and 16 when it is a stray-capable mark (cached). */
const bmpRunInfo = new Uint8Array(0x10000);
const astralRunInfo = new Map<number, number>();
function runInfo(cp: number): number {
  let v = cp < 0x10000 ? bmpRunInfo[cp]! : (astralRunInfo.get(cp) ?? 0);
  if (v === 0) {
    v = isIdeographBlock(cp) ? Cls.Hard + 1 : ((isKiller(cp) ? Cls.Killer : classify(cp)) + 1) | (isStrayMark(cp) ? 16 : 0);
    if (cp < 0x10000) bmpRunInfo[cp] = v;
    else astralRunInfo.set(cp, v);
  }
  return v;
}
const runClass = (cp: number): Cls => (runInfo(cp) & 15) - 1;
const strayCapable = (cp: number) => (runInfo(cp) & 16) !== 0;

function splitRuns(cps: number[]): Run[] {
  const runs: Run[] = [];
  if (cps.length === 0) return runs;
  let cls = runClass(cps[0]!);
  if (cls === Cls.Wordy && strayCapable(cps[0]!)) cls = Cls.Stray;
  let start = 0;
  for (let i = 1; i < cps.length; i++) {
    const cp = cps[i]!;
    const c = runClass(cp);
    if (c === cls || (cls === Cls.Stray && c === Cls.Wordy && strayCapable(cp))) continue;
    runs.push({ cls, start, end: i });
    start = i;
    cls = c === Cls.Wordy && cls !== Cls.Wordy && strayCapable(cp) ? Cls.Stray : c;
  }
  runs.push({ cls, start, end: cps.length });
  // A run of other characters splits where the kind changes (letter / punctuation / number); a
  // variation selector rides its base.
  const out: Run[] = [];
  for (const r of runs) {
    if (r.cls !== Cls.Hard || r.end - r.start === 1) {
      out.push(r);
      continue;
    }
    let s = r.start;
    for (let i = r.start + 1; i < r.end; i++) {
      if (isVariationSelector(cps[i]!) || hardKind(cps[i]!) === hardKind(cps[i - 1]!)) continue;
      out.push({ cls: Cls.Hard, start: s, end: i });
      s = i;
    }
    out.push({ cls: Cls.Hard, start: s, end: r.end });
  }
  return out;
}

/**
 * The stream of normalised code points `cps`. `atStart`: the message starts here (its frame's
 * boundary rules apply); otherwise `cps` follows a newline, and `cps[0]` is that newline, which is
 * left out of the result.
 */
function markedStream(cps: number[], atStart: boolean, model: ClaudeModel): number[] {
  const runs = splitRuns(cps);
  const n = runs.length;
  const out: number[] = [];
  if (n === 0) return out;
  const body = (r: Run) => cps.slice(r.start, r.end);
  const isApostrophe = (r: Run) => r.cls === Cls.Punct && r.end - r.start === 1 && cps[r.start] === APOSTROPHE;
  const borderable = (r: Run) => {
    for (let k = r.start; k < r.end; k++) if (!isVariationSelector(cps[k]!) && !marksLikePunct(cps[k]!)) return false;
    return true;
  };
  const digitRun = (r: Run) => {
    let nd = true;
    let no = true;
    for (let k = r.start; k < r.end; k++) {
      const f = flags(cps[k]!);
      if (!(f & F_ND)) nd = false;
      if (!(f & F_NO)) no = false;
    }
    return nd || no;
  };
  const digitBow = (r: Run) => digitRun(r) && digitBorder(cps[r.start]!);
  const digitEow = (r: Run) => digitRun(r) && digitBorder(cps[r.end - 1]!);
  const opensWord = (i: number) => isApostrophe(runs[i]!) && i + 1 < n && runs[i + 1]!.cls === Cls.Wordy;
  const takesRightBorder = (r: Run) =>
    r.cls === Cls.Punct || r.cls === Cls.Killer || borderable(r) || ((r.cls === Cls.Digit || r.cls === Cls.Hard) && digitEow(r));
  const contractionSeam = (i: number) => {
    const r = runs[i]!;
    if (i === 0 || r.end - r.start > 2 || !CONTRACTIONS.has(String.fromCodePoint(...body(r)))) return false;
    if (!isApostrophe(runs[i - 1]!)) return false;
    return i < 2 || !takesRightBorder(runs[i - 2]!);
  };
  const bordersSpace = (i: number, side: -1 | 1) => {
    const j = i + side;
    if (j < 0) return model.frame.frameBow;
    if (j >= n) return false;
    const r = runs[j]!;
    if (r.cls !== Cls.Space) return false;
    if (side < 0) return cps[r.end - 1] === SPACE_CP;
    return cps[r.start] === SPACE_CP && !(r.end - r.start > 1 && cps[r.start + 1] === SPACE_CP);
  };

  if (atStart && model.frame.frameBow) {
    const first = runs[0]!;
    const headQuote = opensWord(0);
    const ownBow =
      !headQuote &&
      (first.cls === Cls.Wordy ||
        first.cls === Cls.Punct ||
        first.cls === Cls.Stray ||
        first.cls === Cls.Killer ||
        borderable(first) ||
        ((first.cls === Cls.Digit || first.cls === Cls.Hard) && digitBow(first)) ||
        (first.cls === Cls.Space && cps[first.start] === SPACE_CP));
    if (!ownBow) out.push(headQuote ? SPACE_CP : BOW);
  }
  const push = (r: Run) => {
    for (let k = r.start; k < r.end; k++) out.push(cps[k]!);
  };
  for (let i = 0; i < n; i++) {
    const r = runs[i]!;
    if (r.cls === Cls.Wordy) {
      const fused = i > 0 && runs[i - 1]!.cls === Cls.Stray;
      const marked = markCase(body(r), model.allcapsMin, fused);
      let k = 0;
      while (marked[k] === SHIFT || marked[k] === CAPS) out.push(marked[k++]!);
      if (!fused && !contractionSeam(i)) out.push(BOW);
      for (; k < marked.length; k++) out.push(marked[k]!);
      out.push(EOW);
    } else if (r.cls === Cls.Stray) {
      out.push(BOW);
      push(r);
      if (!(i + 1 < n && runs[i + 1]!.cls === Cls.Wordy)) out.push(EOW);
    } else if (r.cls === Cls.Killer) {
      if (bordersSpace(i, -1)) out.push(BOW);
      push(r);
      if (bordersSpace(i, 1)) out.push(EOW);
    } else if (r.cls === Cls.Punct || (r.cls !== Cls.Space && borderable(r))) {
      if (bordersSpace(i, -1) && !opensWord(i)) out.push(BOW);
      push(r);
      if (bordersSpace(i, 1)) out.push(EOW);
    } else if ((r.cls === Cls.Digit || r.cls === Cls.Hard) && digitRun(r)) {
      if (digitBow(r) && bordersSpace(i, -1)) out.push(BOW);
      push(r);
      if (digitEow(r) && bordersSpace(i, 1)) out.push(EOW);
    } else {
      push(r);
    }
  }
  // The seam: one space between ⟨eow⟩ and [case markers] ⟨bow⟩ is not written.
  const stream: number[] = [];
  for (let k = atStart ? 0 : 1; k < out.length; k++) {
    const c = out[k]!;
    if (c === SPACE_CP && out[k - 1] === EOW && k >= 2) {
      let m = k + 1;
      while (out[m] === SHIFT || out[m] === CAPS) m++;
      if (out[m] === BOW) continue;
    }
    stream.push(c);
  }
  return stream;
}

// ---- the tiling -------------------------------------------------------------------------------

/** A trie of pieces over code points, flattened: each node's children are a sorted slice. */
class PieceTrie {
  readonly childStart: Int32Array;
  readonly childEnd: Int32Array;
  readonly childCp: Int32Array;
  readonly childNode: Int32Array;
  readonly terminal: Uint8Array;
  /** Children of the root by code point below 0x10000 (node id, 0 = none). */
  readonly root: Int32Array;

  constructor(pieces: string[]) {
    // Built from the pieces in sorted order: a piece shares its path with the previous one up to
    // their common prefix, so nodes are made with a stack and no per-node maps (fast, little garbage).
    const sorted = pieces.map(codePoints).sort(compareCodePoints);
    const parentOf: number[] = [0];
    const cpOf: number[] = [0];
    const term: number[] = [0];
    const path: number[] = [0];
    let prev: number[] = [];
    for (const p of sorted) {
      let common = 0;
      while (common < p.length && common < prev.length && p[common] === prev[common]) common++;
      path.length = common + 1;
      for (let k = common; k < p.length; k++) {
        const node = parentOf.length;
        parentOf.push(path[k]!);
        cpOf.push(p[k]!);
        term.push(0);
        path.push(node);
      }
      term[path[p.length]!] = 1;
      prev = p;
    }
    const count = parentOf.length;
    // Children of a node are contiguous and ascending: nodes were made in sorted order.
    this.childStart = new Int32Array(count);
    this.childEnd = new Int32Array(count);
    for (let node = 1; node < count; node++) this.childEnd[parentOf[node]!]!++;
    let at = 0;
    for (let node = 0; node < count; node++) {
      const n = this.childEnd[node]!;
      this.childStart[node] = at;
      this.childEnd[node] = at;
      at += n;
    }
    this.childCp = new Int32Array(at);
    this.childNode = new Int32Array(at);
    for (let node = 1; node < count; node++) {
      const parent = parentOf[node]!;
      const slot = this.childEnd[parent]!++;
      this.childCp[slot] = cpOf[node]!;
      this.childNode[slot] = node;
    }
    this.terminal = Uint8Array.from(term);
    this.root = new Int32Array(0x10000);
    for (let e = this.childStart[0]!; e < this.childEnd[0]!; e++) if (this.childCp[e]! < 0x10000) this.root[this.childCp[e]!] = this.childNode[e]!;
  }

  /** The child of `node` by `cp`, or 0. */
  child(node: number, cp: number): number {
    if (node === 0 && cp < 0x10000) return this.root[cp]!;
    let lo = this.childStart[node]!;
    let hi = this.childEnd[node]!;
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) if (this.childCp[lo] === cp) return this.childNode[lo]!;
      return 0;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.childCp[mid]!;
      if (c === cp) return this.childNode[mid]!;
      if (c < cp) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }
}

/** What the tiling needs of a vocabulary: shared by the frames that read it (v4.7 and Claude 5). */
class ClaudeVocab {
  readonly trie: PieceTrie;
  readonly units = new Set<number>();
  /** 1 where a BMP code point is a unit piece or a marker (the common case of charCost). */
  private readonly bmpUnit = new Uint8Array(0x10000);
  readonly byteTokens = new Set<string>();
  readonly newlineRuns: number[] = [];
  private readonly charCosts = new Map<number, number>();

  constructor(file: ClaudeVocabFile) {
    this.trie = new PieceTrie(file.pieces);
    for (const p of file.pieces) {
      const cp = p.codePointAt(0)!;
      if (p.length === (cp > 0xffff ? 2 : 1) && !(cp >= BOW && cp <= CAPS)) {
        this.units.add(cp);
        this.byteTokens.add(utf8Hex(cp));
      }
      if (/^\n+$/.test(p)) this.newlineRuns.push(p.length);
    }
    for (const b of file.bytePrefixes.split(' ')) if (b) this.byteTokens.add(b);
    if (!this.newlineRuns.includes(1)) this.newlineRuns.push(1);
    for (const cp of this.units) if (cp < 0x10000) this.bmpUnit[cp] = 1;
    for (let m = BOW; m <= CAPS; m++) this.bmpUnit[m] = 1;
  }

  /** What one character costs where no piece covers it: 1 for a marker or a unit piece, else its byte tiling. */
  charCost(cp: number): number {
    if (cp < 0x10000 ? this.bmpUnit[cp] === 1 : this.units.has(cp)) return 1;
    let c = this.charCosts.get(cp);
    if (c === undefined) {
      const hex = utf8Hex(cp);
      const n = hex.length / 2;
      const best = [0, Infinity, Infinity, Infinity, Infinity];
      for (let i = 1; i <= n; i++) {
        for (let j = 0; j < i; j++) {
          if (i - j === 1 || this.byteTokens.has(hex.slice(2 * j, 2 * i))) best[i] = Math.min(best[i]!, best[j]! + 1);
        }
      }
      c = best[n]!;
      this.charCosts.set(cp, c);
    }
    return c;
  }

  /** Minimum tiles over the stream. */
  tile(s: number[]): number {
    const n = s.length;
    if (n === 0) return 0;
    const best = new Int32Array(n + 1).fill(0x3fffffff);
    best[0] = 0;
    const trie = this.trie;
    for (let j = 0; j < n; j++) {
      const base = best[j]!;
      const unit = base + this.charCost(s[j]!);
      if (unit < best[j + 1]!) best[j + 1] = unit;
      const next = base + 1;
      let node = 0;
      for (let i = j; i < n; i++) {
        node = trie.child(node, s[i]!);
        if (node === 0) break;
        if (trie.terminal[node] && next < best[i + 1]!) best[i + 1] = next;
      }
    }
    return best[n]!;
  }

  /** Tokens a trailing run of `n` newlines costs beyond the frame's own "\n\n" token (ladder frames). */
  newlineTail(n: number): number {
    if (n === 0) return 0;
    const m = n + 2;
    const best = new Int32Array(m + 1).fill(0x3fffffff);
    best[0] = 0;
    for (let i = 1; i <= m; i++) for (const len of this.newlineRuns) if (len <= i) best[i] = Math.min(best[i]!, best[i - len]! + 1);
    return best[m]! - 1;
  }
}

const vocabs = new WeakMap<string[], ClaudeVocab>();

class ClaudeModel {
  readonly vocab: ClaudeVocab;
  readonly frame: ClaudeFrame;
  readonly allcapsMin: number | null;
  readonly foldQuotes: boolean;

  constructor(file: ClaudeVocabFile) {
    let vocab = vocabs.get(file.pieces);
    if (!vocab) vocabs.set(file.pieces, (vocab = new ClaudeVocab(file)));
    this.vocab = vocab;
    const frameName = file.frame ?? Object.keys(file.frames)[0]!;
    const frame = file.frames[frameName];
    if (!frame) throw new Error(`${file.source}: no frame ${frameName}`);
    this.frame = frame;
    this.allcapsMin = file.allcapsMin;
    this.foldQuotes = file.foldQuotes;
  }
}

function utf8Hex(cp: number): string {
  let bytes: number[];
  if (cp < 0x80) bytes = [cp];
  else if (cp < 0x800) bytes = [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  else if (cp < 0x10000) bytes = [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  else bytes = [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- safe cuts --------------------------------------------------------------------------------

const MIN_CHUNK = 64;
const FALLBACK_CHUNK = 512;

function compareCodePoints(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

/** Printable and kept as it is by normalisation (not a control, private use, surrogate or space). */
function isPlain(c: number): boolean {
  if (c <= 0x20 || (c >= 0x7f && c <= 0xa0) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xe000 && c <= 0xf8ff)) return false;
  return c < 0x80 || !isSpaceChar(c);
}
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const MAX_INDENT = 16;

const enum Cut {
  None,
  /** After a newline, before at most 16 spaces/tabs and a plain character. */
  Line,
  /** An ASCII letter, one space, the cut, an ASCII letter: between two words at their seam. */
  Word,
}

/**
 * Why b is a safe cut, or Cut.None. Both kinds are provably safe:
 * - Line: no piece holds a newline followed by anything but newlines (asserted by the generator),
 *   the stream writes whitespace runs as they are, and a run's markers look at a whitespace
 *   neighbour only through its first two or last characters, which a newline keeps the same. The
 *   plain character after the indent means the text after the cut is never all trailing whitespace.
 * - Word: a word always ends in ⟨eow⟩ and no piece holds ⟨eow⟩ before anything, the word after the
 *   space always opens with [case]⟨bow⟩, so the seam drops the space (the left chunk leaves it out).
 */
function cutKind(text: string, b: number): Cut {
  if (b <= 1 || b >= text.length) return Cut.None;
  const before = text.charCodeAt(b - 1);
  if (before === NEWLINE) {
    let k = b;
    while (k < text.length && k - b < MAX_INDENT && (text.charCodeAt(k) === SPACE_CP || text.charCodeAt(k) === 9)) k++;
    return k < text.length && isPlain(text.charCodeAt(k)) ? Cut.Line : Cut.None;
  }
  if (before === SPACE_CP && isAsciiLetter(text.charCodeAt(b)) && isAsciiLetter(text.charCodeAt(b - 2))) return Cut.Word;
  return Cut.None;
}

/** True when b is a safe cut (exported for the property tests). */
export function isClaudeSafeCut(text: string, b: number): boolean {
  return cutKind(text, b) !== Cut.None;
}

export class ClaudeCounter implements TextCounter {
  private readonly model: ClaudeModel;

  constructor(file: ClaudeVocabFile) {
    this.model = new ClaudeModel(file);
  }

  /** The frame's tokens per user message (added per turn, not to a draft). */
  get messageOverhead(): number {
    return this.model.frame.messageOverhead;
  }

  /**
   * Tokens of `text` as a message's content. `atStart`/`atEnd` (default true): whether the text
   * starts/ends the message; a chunk that does not start it must follow a newline (a safe cut).
   */
  count(text: string, _ascii?: boolean, atStart = true, atEnd = true): number {
    const model = this.model;
    let raw = text;
    if (atEnd && model.frame.frameTail === 'free') raw = raw.slice(0, trailingRunStart(raw, isAsciiWhitespace));
    let norm = normalizeText(raw, model.foldQuotes);
    let tail = 0;
    if (atEnd && model.frame.frameTail === 'ladder') {
      const at = trailingRunStart(norm, isNewline);
      tail = model.vocab.newlineTail(norm.length - at);
      norm = norm.slice(0, at);
    }
    if (atStart) {
      if (model.frame.frameBow && !headStripped(text) && norm.charCodeAt(0) === SPACE_CP && norm.charCodeAt(1) !== SPACE_CP) norm = norm.slice(1);
    } else {
      norm = `\n${norm}`;
    }
    const cps = codePoints(norm);
    const stream = markedStream(cps, atStart, model);
    // A chunk that ends at a word cut: the space there is the seam of the next word, not a token.
    const n = text.length;
    if (!atEnd && text.charCodeAt(n - 1) === SPACE_CP && isAsciiLetter(text.charCodeAt(n - 2)) && stream.at(-1) === SPACE_CP) stream.pop();
    return model.vocab.tile(stream) + tail;
  }

  nextChunkEnd(text: string, from: number, limit: number): number {
    for (let b = from + MIN_CHUNK; b < limit; b++) {
      const before = text.charCodeAt(b - 1);
      if (before !== NEWLINE && before !== SPACE_CP) continue;
      const kind = cutKind(text, b);
      if (kind === Cut.None) continue;
      if (b - from >= FALLBACK_CHUNK || chosen(text, b, kind)) return b;
    }
    return limit;
  }

  clearMemo(): void {}
}

/** Content-defined choice among safe cuts (see chunking.ts): edges do not move when text elsewhere changes. */
function chosen(text: string, b: number, kind: Cut): boolean {
  let h = 2166136261;
  const end = Math.min(text.length, b + 4);
  for (let i = Math.max(0, b - 4); i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % (kind === Cut.Line ? 4 : 32) === 0;
}
