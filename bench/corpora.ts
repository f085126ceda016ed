/**
 * Benchmark corpora, built only from files already on the machine (nothing is downloaded) and a
 * seeded generator, so every run measures the same text:
 * - english: Debian's license texts plus the prose of the Markdown files in node_modules (code
 *   blocks removed);
 * - code: readable (non-minified) JavaScript from node_modules;
 * - cjk: synthetic Chinese, Han characters drawn with a Zipf-like skew, in clauses of 4-15
 *   characters separated by full-width punctuation (the shape of real Chinese text).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const MB = 1_000_000;

function* walk(dir: string, depth = 0): Generator<string> {
  if (depth > 8) return;
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    let s;
    try {
      s = statSync(path);
    } catch {
      continue;
    }
    if (s.isDirectory()) yield* walk(path, depth + 1);
    else yield path;
  }
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Concatenates distinct sources until `bytes`; throws if the machine does not have enough. */
function collect(sources: Iterable<string>, bytes: number, label: string): string {
  const seen = new Set<string>();
  let out = '';
  for (const text of sources) {
    if (seen.has(text) || text.length < 200) continue;
    seen.add(text);
    out += text + '\n\n';
    if (utf8Bytes(out) >= bytes) return trimToBytes(out, bytes);
  }
  throw new Error(`not enough distinct ${label} text on this machine (${utf8Bytes(out)} of ${bytes} bytes)`);
}

function trimToBytes(s: string, bytes: number): string {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (utf8Bytes(s.slice(0, mid)) <= bytes) lo = mid;
    else hi = mid - 1;
  }
  return s.slice(0, lo);
}

export function englishCorpus(bytes = MB): string {
  function* sources() {
    for (const f of walk('/usr/share/common-licenses')) yield readFileSync(f, 'utf8');
    for (const f of walk('node_modules')) {
      if (!f.endsWith('.md')) continue;
      yield readFileSync(f, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/<[^>]+>/g, '');
    }
  }
  return collect(sources(), bytes, 'English');
}

export function codeCorpus(bytes = MB): string {
  function* sources() {
    for (const f of walk('node_modules')) {
      if (!/\.(js|mjs|cjs)$/.test(f) || f.endsWith('.min.js') || /ranks|o200k|cl100k|encodings|bpeRanks/.test(f)) continue;
      const text = readFileSync(f, 'utf8');
      const lines = text.split('\n');
      if (text.length / lines.length > 100) continue; // minified or data
      yield text;
    }
  }
  return collect(sources(), bytes, 'JavaScript');
}

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function cjkCorpus(bytes = MB, seed = 7): string {
  const rand = seededRandom(seed);
  const punctuation = '，，，、。。；：！？「」';
  let out = '';
  while (utf8Bytes(out) < bytes) {
    const clause = 4 + Math.floor(rand() * 12);
    for (let i = 0; i < clause; i++) {
      // Zipf-like: most characters come from the first few hundred code points of the block.
      const r = rand();
      const offset = r < 0.9 ? Math.floor(rand() ** 3 * 3000) : Math.floor(rand() * 20900);
      out += String.fromCharCode(0x4e00 + offset);
    }
    out += punctuation[Math.floor(rand() * punctuation.length)];
    if (rand() < 0.05) out += '\n';
  }
  return trimToBytes(out, bytes);
}

/** Long pieces with no break: the inputs that make every published BPE library quadratic. */
export function worstCaseInputs(chars = 100_000): Record<string, string> {
  const rand = seededRandom(11);
  let han = '';
  let letters = '';
  for (let i = 0; i < chars; i++) {
    han += String.fromCharCode(0x4e00 + Math.floor(rand() * 20900));
    letters += String.fromCharCode(97 + Math.floor(rand() * 26));
  }
  return { identical: 'a'.repeat(chars), han, letters };
}
