/** User-timing names the extension sets, for the benchmark (`npm run bench`) to read. */
export const FIGURES_SHOWN_MARK = 'spendmeter:figures-shown';
/** One per flush of the page tracker, on pages that ask for profiling (the streaming benchmark). */
export const FLUSH_MEASURE = 'spendmeter:flush';
/**
 * A keystroke's way to the pill, per part, on pages that ask for profiling (bench/keystroke.ts):
 * predicting a typed key's draft, reading the draft, working out the edit, the count's round trip
 * from the content script and the time it spent at and below each layer
 * (lib/tokens/counting-service.ts CountTook), rendering.
 */
export const KEYSTROKE_MEASURES = {
  read: 'spendmeter:draft-read',
  /** A typed key's draft worked out at beforeinput, before the page applied it (one per prediction). */
  predict: 'spendmeter:draft-predict',
  diff: 'spendmeter:draft-diff',
  /** A key's count found in the look-ahead table (shown before the worker's reply): the lookup. */
  ahead: 'spendmeter:count-ahead',
  count: 'spendmeter:count',
  background: 'spendmeter:count-background',
  host: 'spendmeter:count-host',
  worker: 'spendmeter:count-worker',
  render: 'spendmeter:pill-render',
} as const;
