/**
 * The keystroke figures of `npm run bench`, in headless Chromium with the built extension, on
 * fixture chat pages (ChatGPT's ProseMirror composer and its textarea one):
 * - pill_latency_ms_p50/p95_{2kb,200kb}: from the keydown in the composer (the event's own time
 *   stamp) to the pill's `data-draft-tokens` attribute changing, with a 2 KB or a 200 KB draft;
 *   every key typed is one that changes the count (checked against the exact counter here);
 * - page_long_tasks_200kb_{with,without}_extension: main-thread long tasks (over 50 ms) while the
 *   same keys are typed into the same 200 KB draft on the same page, in a browser with the
 *   extension and in one without it, in this run.
 * Call after a build (bench/ledger.ts builds).
 */
import o200k from 'js-tiktoken/ranks/o200k_base';
import type { Page } from 'playwright-core';
import { BpeCounter, type RankFile } from '../lib/tokens/bpe';
import { IncrementalCounter } from '../lib/tokens/incremental';
import { FLUSH_MEASURE, KEYSTROKE_MEASURES } from '../components/marks';
import { launch, waitForPill, type Harness } from '../tests/e2e/harness';
import { englishCorpus } from './corpora';
import type { Figure } from './ledger';
import { percentile } from './stats';

/** Keys typed per draft and composer; each changes the count (a space, then a digit). */
const KEYS = 40;
const TYPED = ' 7';
const COMPOSERS = { prosemirror: 'D', textarea: 'E' } as const;

/**
 * The draft: English text in paragraphs of about 500 characters (a ProseMirror composer holds one
 * `<p>` per paragraph; a textarea holds the same text with line breaks), typed into at its end.
 */
function draftOf(chars: number): string {
  const words = englishCorpus().replace(/\s+/g, ' ').slice(0, chars).split(' ');
  const paragraphs: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const word of words) {
    current.push(word);
    length += word.length + 1;
    if (length >= 500) {
      paragraphs.push(current.join(' '));
      current = [];
      length = 0;
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs.join('\n');
}

/** The keys to type after `base`: every one changes the exact o200k count. */
function keysFor(base: string): string[] {
  const counter = new IncrementalCounter(new BpeCounter(o200k as RankFile));
  let text = base;
  let last = counter.update(text);
  const keys: string[] = [];
  for (let i = 0; keys.length < KEYS; i++) {
    const key = TYPED[i % TYPED.length]!;
    text += key;
    const next = counter.update(text);
    if (next === last) throw new Error(`typing ${JSON.stringify(key)} does not change the count; the bench's keys need another character`);
    last = next;
    keys.push(key);
  }
  return keys;
}

async function openDraft(h: Harness, gen: string, base: string, withPill: boolean): Promise<Page> {
  const page = await h.context.newPage();
  // profile=1: the extension times each part of a keystroke's way as user timing (KEYSTROKE_MEASURES).
  await page.goto(`https://chatgpt.com/?gen=${gen}&profile=1`);
  const composer = page.locator('[data-fixture-composer]');
  await composer.click();
  // The draft as the editor would hold it, set at once (typing 200 KB would take minutes).
  await composer.evaluate((el, text) => {
    if (el instanceof HTMLTextAreaElement) el.value = text;
    else el.replaceChildren(...text.split('\n').map((line) => Object.assign(document.createElement('p'), { textContent: line })));
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, base);
  if (withPill) await waitForPill(page, (f) => f.draftTokens > 0 && f.exact, 30_000);
  // The caret at the end of the draft.
  await page.evaluate(() => {
    const el = document.querySelector('[data-fixture-composer]') as HTMLElement;
    if (el instanceof HTMLTextAreaElement) el.setSelectionRange(el.value.length, el.value.length);
    else {
      const range = document.createRange();
      range.selectNodeContents(el.lastElementChild ?? el);
      range.collapse(false);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
    }
  });
  return page;
}

/** One keystroke's way, in ms: from the keydown to the pill's attribute, part by part. */
export type KeystrokeParts = Record<(typeof PARTS)[number], number>;

/**
 * The parts, in order: finding the key's count in the look-ahead table (lib/tokens/lookahead.ts;
 * 0 when it was not there, and then the pill waited for the round trip below); working out a
 * typed key's draft at beforeinput (its count leaves then, so the page's edit overlaps the
 * count's trip; 0 when the key was not predicted); keydown → the
 * page's input event (the browser and the page's editor at work); the input event → the content script reads the draft; reading it; working out the
 * edit; content script → first layer and back (less the time spent there); each further hop; the
 * worker (queue and count); the reply → the pill rendered; rendered → the attribute seen. Last, not
 * on the way but beside it: the page tracker's flushes between the keydown and the pill's change
 * (each keystroke schedules one for the next frame; it runs on the page's thread while the count
 * is away, so it delays the reply only when it is still running when the reply comes).
 */
export const PARTS = ['ahead', 'predict', 'edit', 'input', 'read', 'diff', 'hop_to_first', 'hop_background_host', 'hop_host_worker', 'worker', 'reply_to_render', 'render', 'after_render', 'flush'] as const;

interface Measured {
  samples: number[];
  parts: KeystrokeParts[];
  /** Per key: its draft was worked out at beforeinput and its count asked for before the page's edit. */
  early: boolean[];
  /** Per key: its count was in the look-ahead table, so the pill changed with no round trip. */
  ahead: boolean[];
  /** Every count's round trip from the content script (ms), looked up ahead or not. */
  roundTrips: number[];
  /** Every count's time in the worker (queue, count and the next keys' table), ms. */
  workerTimes: number[];
}

/** Keydown → `data-draft-tokens` changed, per key, in ms (measured in the page), and its parts. */
async function latencies(page: Page, keys: string[]): Promise<Measured> {
  await page.evaluate((countMeasure) => {
    const pill = document.querySelector('spendmeter-pill')!;
    const state = {
      samples: [] as number[], keydowns: [] as number[], shownAt: [] as number[], keydownAt: null as number | null, last: pill.getAttribute('data-draft-tokens'),
      /** Per key, its input event's time: a key counted ahead changes the pill before its input event. */
      inputs: [] as number[],
      waiting: null as { n: number; resolve: () => void; timer: ReturnType<typeof setTimeout> } | null,
      /** The latest count reply's request start (a key's own count leaves after its keydown). */
      countedFrom: -1,
      /**
       * Resolves once `n` samples are in and the n-th key's own count is back (rejects after 10 s),
       * so the driver never polls the page. Keys come no faster than the counter answers them, as
       * before the look-ahead table, when the pill waited for that answer: a person's keys come
       * 50-200 ms apart, the answer within 5-10 ms at the median.
       */
      until(n: number): Promise<void> {
        if (state.ready(n)) return Promise.resolve();
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`keystroke ${n}: the pill did not change or its count did not come back within 10 s`)), 10_000);
          state.waiting = { n, resolve, timer }; // no function literal here: tsx would wrap it in its __name helper, unknown in the page
        });
      },
      ready(n: number): boolean {
        return state.samples.length >= n && state.countedFrom >= state.keydowns[n - 1]!;
      },
      check(): void {
        if (!state.waiting || !state.ready(state.waiting.n)) return;
        clearTimeout(state.waiting.timer);
        state.waiting.resolve();
        state.waiting = null;
      },
    };
    performance.clearMeasures();
    (globalThis as unknown as { latency: typeof state }).latency = state;
    new MutationObserver(() => {
      const value = pill.getAttribute('data-draft-tokens');
      if (value === state.last) return;
      state.last = value;
      if (state.keydownAt !== null) {
        state.samples.push(performance.now() - state.keydownAt);
        state.keydowns.push(state.keydownAt);
        state.shownAt.push(performance.now());
        state.check();
      }
      state.keydownAt = null;
    }).observe(pill, { attributes: true, attributeFilter: ['data-draft-tokens'] });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === countMeasure) state.countedFrom = Math.max(state.countedFrom, e.startTime);
      state.check();
    }).observe({ type: 'measure' });
    document.addEventListener('keydown', (e) => {
      state.keydownAt = e.timeStamp;
      state.inputs.push(Number.NaN);
    }, { capture: true });
    // On the window, so before the content script's listener on the document.
    window.addEventListener('input', () => {
      if (Number.isNaN(state.inputs.at(-1))) state.inputs[state.inputs.length - 1] = performance.now();
    }, { capture: true });
  }, KEYSTROKE_MEASURES.count);
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.type(keys[i]!);
    // One call that the page answers when the sample is in: polling (waitForFunction runs a
    // requestAnimationFrame loop in the page) would keep the page rendering every frame while the
    // count is away, work no real page does, competing with the reply it measures.
    await page.evaluate((n) => (globalThis as unknown as { latency: { until(n: number): Promise<void> } }).latency.until(n), i + 1);
  }
  const { state, entries } = await page.evaluate(() => ({
    state: (globalThis as unknown as { latency: { samples: number[]; keydowns: number[]; inputs: number[]; shownAt: number[] } }).latency,
    entries: performance.getEntriesByType('measure').map((e) => ({ name: e.name, start: e.startTime, end: e.startTime + e.duration })),
  }));
  return {
    samples: state.samples,
    parts: state.keydowns.map((keydown, i) => partsOf(entries, keydown, state.inputs[i]!, state.shownAt[i]!)),
    early: state.keydowns.map((keydown, i) => entries.some((e) => e.name === KEYSTROKE_MEASURES.predict && e.start >= keydown && e.end <= state.inputs[i]!)),
    ahead: state.keydowns.map((keydown, i) => entries.some((e) => e.name === KEYSTROKE_MEASURES.ahead && e.start >= keydown && e.end <= state.shownAt[i]!)),
    roundTrips: entries.filter((e) => e.name === KEYSTROKE_MEASURES.count).map((e) => e.end - e.start),
    workerTimes: entries.filter((e) => e.name === KEYSTROKE_MEASURES.worker).map((e) => e.end - e.start),
  };
}

/** A keystroke's parts, from the user-timing measures between its keydown and the pill's change. */
function partsOf(entries: { name: string; start: number; end: number }[], keydown: number, input: number, shown: number): KeystrokeParts {
  const names = KEYSTROKE_MEASURES;
  const within = (name: string) => entries.filter((e) => e.name === name && e.start >= keydown && e.end <= shown);
  const last = (name: string) => within(name).at(-1);
  const ms = (e: { start: number; end: number } | undefined) => (e ? e.end - e.start : 0);
  const read = within(names.read)[0];
  const count = last(names.count);
  const render = last(names.render);
  const sameStart = (name: string) => (count ? entries.find((e) => e.name === name && e.start === count.start) : undefined);
  const background = sameStart(names.background);
  const host = sameStart(names.host);
  const worker = sameStart(names.worker);
  return {
    ahead: ms(within(names.ahead)[0]),
    predict: ms(within(names.predict)[0]),
    edit: input - keydown,
    input: read ? read.start - input : 0,
    read: ms(read),
    diff: ms(last(names.diff)),
    hop_to_first: ms(count) - ms(background ?? host),
    hop_background_host: background ? ms(background) - ms(host) : 0,
    hop_host_worker: ms(host) - ms(worker),
    worker: ms(worker),
    reply_to_render: render && count ? render.start - count.end : 0,
    render: ms(render),
    after_render: render ? shown - render.end : 0,
    flush: within(FLUSH_MEASURE).reduce((sum, e) => sum + ms(e), 0),
  };
}

/**
 * Long tasks on the page while `keys` are typed (each key after the page has painted the last),
 * and each key's keydown → input event time (the browser's and the page editor's own work).
 */
async function longTasks(page: Page, keys: string[]): Promise<{ count: number; editMs: number[] }> {
  await page.evaluate(() => {
    const state = { count: 0, keydownAt: 0, edits: [] as number[] };
    (globalThis as unknown as { longTasks: typeof state }).longTasks = state;
    new PerformanceObserver((list) => (state.count += list.getEntries().length)).observe({ type: 'longtask' });
    document.addEventListener('keydown', (e) => (state.keydownAt = e.timeStamp), { capture: true });
    window.addEventListener('input', () => state.edits.push(performance.now() - state.keydownAt), { capture: true });
  });
  for (const key of keys) {
    await page.keyboard.type(key);
    // Two frames: the key's input handled, and whatever it scheduled for the next frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  // Anything still under way when typing stopped (a count that arrives later) is counted too.
  await page.waitForFunction(() => !document.querySelector('spendmeter-pill[data-counting="true"]'), undefined, { timeout: 30_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const state = (globalThis as unknown as { longTasks: { count: number; edits: number[] } }).longTasks;
    return { count: state.count, editMs: state.edits };
  });
}

export async function keystrokeFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const samples: Record<string, number[]> = { '2kb': [], '200kb': [] };
  const parts: Record<string, KeystrokeParts[]> = { '2kb': [], '200kb': [] };
  const early: Record<string, boolean[]> = { '2kb': [], '200kb': [] };
  const ahead: Record<string, boolean[]> = { '2kb': [], '200kb': [] };
  const roundTrips: Record<string, number[]> = { '2kb': [], '200kb': [] };
  const workerTimes: Record<string, number[]> = { '2kb': [], '200kb': [] };
  const byComposer: Figure[] = [];
  const longTaskCounts = { with: 0, without: 0 };
  const editMs = { with: [] as number[], without: [] as number[] };
  const h = await launch();
  try {
    for (const [label, chars] of [['2kb', 2_000], ['200kb', 200_000]] as const) {
      const base = draftOf(chars);
      const keys = keysFor(base);
      for (const [composer, gen] of Object.entries(COMPOSERS)) {
        const page = await openDraft(h, gen, base, true);
        const measured = await latencies(page, keys);
        samples[label]!.push(...measured.samples);
        parts[label]!.push(...measured.parts);
        early[label]!.push(...measured.early);
        ahead[label]!.push(...measured.ahead);
        roundTrips[label]!.push(...measured.roundTrips);
        workerTimes[label]!.push(...measured.workerTimes);
        byComposer.push({ name: `pill_latency_ms_p95_${label}_${composer}`, value: percentile(measured.samples, 95), unit: 'ms' });
        await page.close();
      }
      if (label === '200kb') {
        const page = await openDraft(h, COMPOSERS.prosemirror, base, true);
        ({ count: longTaskCounts.with, editMs: editMs.with } = await longTasks(page, keys));
        await page.close();
      }
    }
  } finally {
    await h.close();
  }
  const bare = await launch({ extension: false });
  try {
    const base = draftOf(200_000);
    const page = await openDraft(bare, COMPOSERS.prosemirror, base, false);
    ({ count: longTaskCounts.without, editMs: editMs.without } = await longTasks(page, keysFor(base)));
    await page.close();
  } finally {
    await bare.close();
  }
  for (const label of ['2kb', '200kb'] as const) {
    figures.push({ name: `pill_latency_ms_p50_${label}`, value: percentile(samples[label]!, 50), unit: 'ms' });
    figures.push({ name: `pill_latency_ms_p95_${label}`, value: percentile(samples[label]!, 95), unit: 'ms' });
  }
  figures.push(...byComposer);
  // Keystrokes whose draft was worked out before the page applied them (their count left at once).
  for (const label of ['2kb', '200kb'] as const) {
    const keys = early[label]!;
    figures.push({ name: `keystroke_predicted_share_${label}`, value: keys.filter(Boolean).length / Math.max(1, keys.length), unit: 'ratio' });
  }
  // Keystrokes shown from the look-ahead table, and what the pill would wait without it: the
  // count's round trip, which still confirms every key.
  for (const label of ['2kb', '200kb'] as const) {
    const keys = ahead[label]!;
    figures.push({ name: `keystroke_ahead_share_${label}`, value: keys.filter(Boolean).length / Math.max(1, keys.length), unit: 'ratio' });
    figures.push({ name: `count_round_trip_ms_p50_${label}`, value: percentile(roundTrips[label]!, 50), unit: 'ms' });
    figures.push({ name: `count_round_trip_ms_p95_${label}`, value: percentile(roundTrips[label]!, 95), unit: 'ms' });
    figures.push({ name: `count_worker_ms_p50_${label}`, value: percentile(workerTimes[label]!, 50), unit: 'ms' });
    figures.push({ name: `count_worker_ms_p95_${label}`, value: percentile(workerTimes[label]!, 95), unit: 'ms' });
  }
  // Where the time goes: the median of each part (they need not add up to the latency's median).
  for (const label of ['2kb', '200kb'] as const) {
    for (const part of PARTS) figures.push({ name: `keystroke_part_ms_p50_${label}_${part}`, value: percentile(parts[label]!.map((p) => p[part]), 50), unit: 'ms' });
    // And of the slowest keystrokes (the p95 of the latency): which part made them slow.
    const slow = parts[label]!.filter((_, i) => samples[label]![i]! >= percentile(samples[label]!, 95));
    for (const part of PARTS) figures.push({ name: `keystroke_part_ms_slowest_${label}_${part}`, value: percentile(slow.map((p) => p[part]), 50), unit: 'ms' });
  }
  figures.push({ name: 'page_long_tasks_200kb_with_extension', value: longTaskCounts.with, unit: 'count' });
  figures.push({ name: 'page_long_tasks_200kb_without_extension', value: longTaskCounts.without, unit: 'count' });
  // The page's own editing (keydown → input event) with and without the extension, in this run.
  figures.push({ name: 'page_edit_ms_p50_200kb_with_extension', value: percentile(editMs.with, 50), unit: 'ms' });
  figures.push({ name: 'page_edit_ms_p50_200kb_without_extension', value: percentile(editMs.without, 50), unit: 'ms' });
  return figures;
}
