// Builds the extension once before the browser tests, so they always test the current code: the
// Chrome package for Chromium, the Firefox package for Firefox (E2E_BROWSER, see driver.ts).
import { execFileSync } from 'node:child_process';
import { BROWSER } from './driver';
import { assertChromium } from './harness';
import { assertFirefox } from './firefox';

export default function setup(): void {
  if (BROWSER === 'firefox') {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
    assertFirefox();
  } else {
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
    assertChromium();
  }
}
