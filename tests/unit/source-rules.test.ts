// Rules the build relies on (scripts/vite-no-dynamic-code.ts takes these paths out of the
// libraries): our own code never writes HTML from strings and never evaluates code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('source rules', () => {
  const files = ['lib', 'components', 'entrypoints'].flatMap(sources);

  it.each([
    ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
    ['innerHTML / outerHTML assignment', /\.(inner|outer)HTML\s*=|insertAdjacentHTML/],
    ['eval or the Function constructor', /\beval\s*\(|new Function\b|\bFunction\s*\(/],
  ])('no %s in the extension code', (_name, pattern) => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => pattern.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
