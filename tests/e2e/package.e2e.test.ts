// The store packages: both manifests ask for exactly the permissions and sites PRIVACY.md lists,
// addons-linter passes the Firefox package with nothing to report, and the sources archive for
// Firefox's review holds what a reviewer needs to rebuild it and nothing else.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const OUTPUT = resolve(ROOT, '.output');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const FIREFOX_ZIP = resolve(OUTPUT, `${pkg.name}-${pkg.version}-firefox.zip`);
const SOURCES_ZIP = resolve(OUTPUT, `${pkg.name}-${pkg.version}-sources.zip`);

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
  web_accessible_resources?: { matches: string[] }[];
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(resolve(OUTPUT, dir, 'manifest.json'), 'utf8')) as Manifest;

/** PRIVACY.md's permission table (permission → browsers) and its list of sites. */
function privacy(): { permissions: Map<string, string[]>; sites: string[]; hostPermissions: string } {
  const text = readFileSync(resolve(ROOT, 'PRIVACY.md'), 'utf8');
  const permissions = new Map<string, string[]>();
  for (const m of text.matchAll(/^\| `([a-zA-Z.]+)` \| ([^|]+) \|/gm)) permissions.set(m[1]!, m[2]!.split(',').map((b) => b.trim().toLowerCase()));
  const sites = [...text.matchAll(/^- `(https:\/\/[^`]+)`/gm)].map((m) => m[1]!);
  const hostPermissions = /^Host permissions: ([^.\n]+)/m.exec(text)?.[1] ?? '';
  return { permissions, sites, hostPermissions };
}

/** Entry names of a zip file, from its central directory. */
function zipEntries(path: string): string[] {
  const buf = readFileSync(path);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${path} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

beforeAll(() => {
  // The Chrome build comes from the global setup; the Firefox package and sources from `wxt zip`.
  execFileSync('npx', ['wxt', 'zip', '-b', 'firefox'], { stdio: 'ignore' });
}, 120_000);

describe('store packages', () => {
  it.each([
    ['chrome', 'chrome-mv3'],
    ['firefox', 'firefox-mv3'],
  ])('the %s manifest asks for exactly what PRIVACY.md lists', (browser, dir) => {
    const listed = privacy();
    const m = manifest(dir);
    const expected = [...listed.permissions].filter(([, browsers]) => browsers.includes(browser)).map(([p]) => p);
    expect([...(m.permissions ?? [])].sort()).toEqual(expected.sort());
    expect(listed.hostPermissions).toBe('none');
    expect(m.host_permissions ?? []).toEqual([]);
    expect(m.optional_permissions ?? []).toEqual([]);
    expect(m.optional_host_permissions ?? []).toEqual([]);
    const matches = new Set((m.content_scripts ?? []).flatMap((c) => c.matches));
    expect([...matches].sort()).toEqual([...listed.sites].sort());
    for (const r of m.web_accessible_resources ?? []) for (const match of r.matches) expect(listed.sites).toContain(match);
  });

  it('passes addons-linter with no errors, warnings or notices', () => {
    let out: string;
    try {
      out = execFileSync('npx', ['addons-linter', '--output', 'json', FIREFOX_ZIP], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch (err) {
      out = (err as { stdout?: string }).stdout ?? ''; // non-zero exit when it found errors
    }
    const report = JSON.parse(out) as { summary: Record<string, number>; errors: { code: string; message: string; file?: string }[]; warnings: { code: string; message: string; file?: string }[]; notices: { code: string; message: string }[] };
    const findings = [...report.errors, ...report.warnings, ...report.notices].map((f) => `${f.code} ${'file' in f ? (f.file ?? '') : ''}: ${f.message}`);
    expect(findings).toEqual([]);
    expect(report.summary).toEqual({ errors: 0, notices: 0, warnings: 0 });
  });

  it('ships the sources a reviewer needs to rebuild the Firefox package, and nothing private or generated', () => {
    expect(existsSync(SOURCES_ZIP)).toBe(true);
    const names = zipEntries(SOURCES_ZIP);
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md', 'PRIVACY.md', 'entrypoints/background.ts', 'lib/catalog/catalog.json', 'public/icon/spendmeter.svg', 'scripts/vite-no-dynamic-code.ts']) {
      expect(names).toContain(needed);
    }
    expect(names.filter((n) => /^(node_modules|\.output|\.wxt|\.git|artifacts|scratch)\//.test(n))).toEqual([]);
    expect(zipEntries(FIREFOX_ZIP)).toContain('manifest.json');
  });
});
