/** User-timing marks the views set, for the benchmark (`npm run bench`) to read. */
export const FIGURES_SHOWN_MARK = 'spendmeter:figures-shown';
