/** User-timing names the extension sets, for the benchmark (`npm run bench`) to read. */
export const FIGURES_SHOWN_MARK = 'spendmeter:figures-shown';
/** One per flush of the page tracker, on pages that ask for profiling (the streaming benchmark). */
export const FLUSH_MEASURE = 'spendmeter:flush';
