/**
 * Renders public/icon/spendmeter.svg into the PNG sizes browsers ask for (public/icon/<size>.png),
 * with Debian's Chromium. Run after changing the SVG: `node --import tsx scripts/icons.ts`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];
const dir = resolve(import.meta.dirname, '..', 'public', 'icon');
const svg = readFileSync(resolve(dir, 'spendmeter.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: resolve(dir, `${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons: ${SIZES.join(', ')} px written to ${dir}`);
