// Builds the extension once before the browser tests, so they always test the current code.
import { execFileSync } from 'node:child_process';
import { assertChromium } from './harness';

export default function setup(): void {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  assertChromium();
}
