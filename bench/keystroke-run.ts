/**
 * `npm run bench:keystroke`: only the browser keystroke figures (bench/keystroke.ts), after a build,
 * for measuring the message path without the whole bench. Prints one line per figure.
 * SPENDMETER_EXTENSION_DIR=<a copy of .output/chrome-mv3> measures another build (before/after).
 */
import { keystrokeFigures } from './keystroke';

const figures = await keystrokeFigures();
for (const f of figures) console.log(`${f.name}: ${f.value.toFixed(2)} ${f.unit}`);
