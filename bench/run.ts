/**
 * `npm run bench`: speed and memory of the token counter on this machine, and of the ledger and
 * the popup and of the content script during a streamed reply and while typing, in headless
 * Chromium (bench/ledger.ts, bench/stream.ts, bench/keystroke.ts). Prints a table, then one
 * line per figure (`name: value unit`), then the targets and whether each is met (exit code 1 if
 * one is missed). Every count it times is also checked for exactness against js-tiktoken, or for a
 * vendor vocabulary (bench/vendors.ts) against @huggingface/tokenizers over the vendor's tokenizer.json.
 *
 * BENCH_PARTS (comma-separated; all by default) runs some parts only, on a shared machine:
 * throughput (o200k first counts, 54 child processes), keystroke (o200k keystrokes and the full
 * re-count baselines), worst, paste, vendors, claude, browser (ledger, popup, stream and pill in
 * headless Chromium, after a build). Targets whose figures were not measured are skipped.
 */
import { execFileSync } from 'node:child_process';
import { countTokens as gptTokenizerCount } from 'gpt-tokenizer/encoding/o200k_base';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { BpeCounter, type RankFile } from '../lib/tokens/bpe';
import { IncrementalCounter } from '../lib/tokens/incremental';
import { cjkCorpus, codeCorpus, englishCorpus, MB, worstCaseInputs } from './corpora';
import { keystrokeFigures } from './keystroke';
import { ledgerFigures } from './ledger';
import { lookaheadSamples } from './lookahead';
import { TYPED, typeInto } from './typing';
import { streamFigures } from './stream';
import { claudeFigures, vendorFigures } from './vendors';
import { percentile } from './stats';

const ranks = o200k as RankFile;
const PARTS = ['throughput', 'keystroke', 'worst', 'paste', 'vendors', 'claude', 'browser'] as const;
const selected = new Set((process.env.BENCH_PARTS ?? PARTS.join(',')).split(',').map((p) => p.trim()));
for (const p of selected) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_PARTS: no part ${p} (parts: ${PARTS.join(', ')})`);
const part = (name: (typeof PARTS)[number]) => selected.has(name);
const figures: { name: string; value: number; unit: string }[] = [];
const record = (name: string, value: number, unit: string) => figures.push({ name, value, unit });
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

// --- init: time and heap to load the o200k ranks ---------------------------------------------
gc();
const heapBefore = process.memoryUsage().heapUsed;
let bpe!: BpeCounter;
record('count_init_ms_o200k', time(() => (bpe = new BpeCounter(ranks)) && bpe.count('warm up')), 'ms');
gc();
record('count_heap_mb_o200k', (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, 'MB');

const reference = new Tiktoken(ranks);
const referenceCount = (text: string) => reference.encode(text, [], []).length;
const corpora = { english: englishCorpus(), code: codeCorpus(), cjk: cjkCorpus() };
let mismatches = 0;
const checkExact = (label: string, ours: number, text: string) => {
  const theirs = referenceCount(text);
  if (ours !== theirs) {
    mismatches++;
    console.error(`MISMATCH ${label}: ${ours} vs js-tiktoken ${theirs}`);
  }
};

// --- first-count throughput of 1 MB, cold, in fresh processes (median of 9 each) -------------
// One fresh process per run, the two libraries taking turns, so that a slow spell of this shared
// machine falls on both alike (single cold runs vary by ±30% here).
const fresh = () => {
  bpe.clearMemo();
  gc();
  return bpe;
};
const RUNS = 9;
function throughputRun(library: 'ours' | 'gpt-tokenizer', corpus: string): number {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/throughput-child.ts', library, corpus], { encoding: 'utf8' });
  return Number(out.trim().split('\n').at(-1));
}
function throughput(corpus: string): { ours: number; gptTokenizer: number } {
  const ours: number[] = [];
  const gptTokenizer: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(throughputRun('ours', corpus));
    gptTokenizer.push(throughputRun('gpt-tokenizer', corpus));
  }
  return { ours: percentile(ours, 50), gptTokenizer: percentile(gptTokenizer, 50) };
}
for (const [name, text] of part('throughput') ? Object.entries(corpora) : []) {
  const measured = throughput(name);
  record(`count_throughput_mb_s_${name}`, measured.ours, 'MB/s');
  checkExact(`throughput ${name}`, new IncrementalCounter(fresh()).update(text), text);
  record(`gpt_tokenizer_throughput_mb_s_${name}`, measured.gptTokenizer, 'MB/s');
  if (gptTokenizerCount(text) !== referenceCount(text)) console.error(`note: gpt-tokenizer differs from js-tiktoken on ${name}`);
  if (name !== 'cjk') {
    gc();
    record(`js_tiktoken_throughput_mb_s_${name}`, bytes(text) / MB / (time(() => referenceCount(text)) / 1000), 'MB/s');
  }
}

// --- keystrokes: one character at a time, 150 at the end and 150 in the middle, as edits to a ---
// --- CountingService session (the worker's way) --------------------------------------------------
async function keystrokes(base: string): Promise<number[]> {
  const { samples, text, tokens } = await typeInto(ranks, base);
  checkExact(`keystrokes ${base.length}`, tokens, text);
  return samples;
}
const english200 = corpora.english.slice(0, 200_000);
const english2 = corpora.english.slice(0, 2_000);
const cjk200 = corpora.cjk.slice(0, 200_000 / 3);
if (part('keystroke')) {
  for (const [label, base] of [['2kb', english2], ['200kb', english200]] as const) {
    const s = await keystrokes(base);
    record(`keystroke_ms_p50_${label}`, percentile(s, 50), 'ms');
    record(`keystroke_ms_p95_${label}`, percentile(s, 95), 'ms');
  }
  record('keystroke_ms_p95_200kb_cjk', percentile(await keystrokes(cjk200), 95), 'ms');
}

// Baselines re-count the whole text per keystroke (fewer keystrokes: each one is slow).
function fullRecountKeystrokes(base: string, countAll: (t: string) => number, n: number): number[] {
  const samples: number[] = [];
  let text = base;
  for (let i = 0; i < n; i++) {
    text += TYPED[i % TYPED.length];
    samples.push(time(() => countAll(text)));
  }
  return samples;
}
for (const [label, base] of part('keystroke') ? ([['2kb', english2], ['200kb', english200]] as const) : []) {
  const js = fullRecountKeystrokes(base, referenceCount, label === '2kb' ? 300 : 20);
  record(`js_tiktoken_keystroke_ms_p50_${label}`, percentile(js, 50), 'ms');
  record(`js_tiktoken_keystroke_ms_p95_${label}`, percentile(js, 95), 'ms');
  const gt = fullRecountKeystrokes(base, gptTokenizerCount, label === '2kb' ? 300 : 60);
  record(`gpt_tokenizer_keystroke_ms_p50_${label}`, percentile(gt, 50), 'ms');
  record(`gpt_tokenizer_keystroke_ms_p95_${label}`, percentile(gt, 95), 'ms');
}
if (part('keystroke')) record('gpt_tokenizer_keystroke_ms_p95_200kb_cjk', percentile(fullRecountKeystrokes(cjk200, gptTokenizerCount, 40), 95), 'ms');
// What counting the likely next keys ahead of time costs the worker per keystroke (README).
for (const [label, base] of part('keystroke') ? ([['2kb', english2], ['200kb', english200]] as const) : []) {
  record(`lookahead_ms_per_keystroke_${label}`, percentile(lookaheadSamples(bpe, base, 20), 50), 'ms');
}

// --- worst case: one 100,000-character piece ---------------------------------------------------
if (part('worst')) {
  let worst = 0;
  for (const [name, text] of Object.entries(worstCaseInputs())) {
    const ms = time(() => fresh().count(text));
    record(`worst_case_ms_100k_${name}`, ms, 'ms');
    worst = Math.max(worst, ms);
  }
  record('worst_case_ms_100k', worst, 'ms');
}

// --- paste: first exact count of 200 KB ------------------------------------------------------
for (const [name, text] of part('paste') ? ([['english', english200], ['cjk', corpora.cjk.slice(0, 200_000 / 3)]] as const) : []) {
  const counter = new IncrementalCounter(fresh());
  let tokens = 0;
  record(`paste_ms_200kb_${name}`, time(() => (tokens = counter.update(text))), 'ms');
  checkExact(`paste ${name}`, tokens, text);
}

// --- vendor vocabularies (Gemini's Gemma 3 SPM, …), each checked against its oracle ----------
const none = { figures: [], targets: [], mismatches: 0 };
const vendors = part('vendors') ? await vendorFigures() : none;
figures.push(...vendors.figures);
mismatches += vendors.mismatches;
// --- the reconstructed Claude vocabularies (no offline oracle: incremental vs whole counts) ------
const claude = part('claude') ? await claudeFigures() : none;
figures.push(...claude.figures);
mismatches += claude.mismatches;

// --- the ledger, the popup and a streamed reply, in headless Chromium with the extension ------
if (part('browser')) {
  figures.push(...(await ledgerFigures()));
  figures.push(...(await streamFigures()));
  figures.push(...(await keystrokeFigures()));
}

// --- ratios -----------------------------------------------------------------------------------
const get = (name: string) => figures.find((f) => f.name === name)!.value;
const has = (...names: string[]) => names.every((n) => figures.some((f) => f.name === n));
const ratio = (name: string, a: string, b: string, unit = 'x', op = (x: number, y: number) => x / y) => {
  if (has(a, b)) record(name, op(get(a), get(b)), unit);
};
ratio('keystroke_200kb_vs_full_recount', 'js_tiktoken_keystroke_ms_p50_200kb', 'keystroke_ms_p50_200kb');
ratio('keystroke_200kb_vs_gpt_tokenizer', 'gpt_tokenizer_keystroke_ms_p50_200kb', 'keystroke_ms_p50_200kb');
ratio('throughput_english_vs_gpt_tokenizer', 'count_throughput_mb_s_english', 'gpt_tokenizer_throughput_mb_s_english');
ratio('throughput_code_vs_gpt_tokenizer', 'count_throughput_mb_s_code', 'gpt_tokenizer_throughput_mb_s_code');
ratio('popup_render_100k_vs_empty', 'popup_render_ms_100k_turns', 'popup_render_ms_empty');
ratio('page_long_tasks_200kb_extra', 'page_long_tasks_200kb_with_extension', 'page_long_tasks_200kb_without_extension', 'count', (x, y) => x - y);
record('exactness_mismatches', mismatches, 'count');

// --- output -------------------------------------------------------------------------------------
const targets: [string, '<=' | '>=', number][] = [
  ['keystroke_ms_p50_200kb', '<=', 0.5],
  ['keystroke_ms_p95_200kb', '<=', 1],
  ['keystroke_ms_p95_200kb_cjk', '<=', 5],
  ['worst_case_ms_100k', '<=', 500],
  ['paste_ms_200kb_english', '<=', 200],
  ['paste_ms_200kb_cjk', '<=', 500],
  ['throughput_english_vs_gpt_tokenizer', '>=', 1],
  ['throughput_code_vs_gpt_tokenizer', '>=', 1],
  ['exactness_mismatches', '<=', 0],
  ['ledger_write_ms_p50', '<=', 5],
  ['popup_render_100k_vs_empty', '<=', 1.5],
  ['stream_ms_per_batch_p95', '<=', 1],
  ['pill_latency_ms_p95_2kb', '<=', 16],
  ['pill_latency_ms_p95_200kb', '<=', 33],
  ['page_long_tasks_200kb_extra', '<=', 0],
  ...vendors.targets,
  ...claude.targets,
];
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(4));
console.log(`\nSpendmeter token-counter benchmark (node ${process.version}, ${(await import('node:os')).cpus().length} cores)\n`);
console.log('| figure | value | unit |\n| --- | ---: | --- |');
for (const f of figures) console.log(`| ${f.name} | ${fmt(f.value)} | ${f.unit} |`);
console.log('');
for (const f of figures) console.log(`${f.name}: ${fmt(f.value)} ${f.unit}`);
console.log('\ntargets:');
let missed = 0;
for (const [name, op, limit] of targets) {
  if (!has(name)) continue; // a part not run
  const v = get(name);
  const ok = op === '<=' ? v <= limit : v >= limit;
  if (!ok) missed++;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${name} ${fmt(v)} ${op} ${limit}`);
}
process.exitCode = missed > 0 ? 1 : 0;
