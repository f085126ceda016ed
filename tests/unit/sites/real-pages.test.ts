// The adapters on the real pages of ../shared/snapshots/real (table: real-pages.ts). Skipped, saying
// why, when that folder is absent (a user's own clone); CI and developer machines have it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { bundledCatalogData, findModel } from '@/lib/catalog';
import { resolveModel } from '@/lib/models/resolve';
import { ADAPTERS } from '@/lib/sites';
import { REAL_PAGE_CASES } from './real-pages';

const REAL = resolve(process.cwd(), '..', 'shared', 'snapshots', 'real');
const present = existsSync(REAL);
if (!present) console.warn(`[real pages] ${REAL} not found: the real-page adapter tests are skipped`);

/** Every capture in the folder, as `<site>/<file>.html`. */
function captures(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(REAL)) {
    if (!statSync(resolve(REAL, dir)).isDirectory()) continue;
    for (const file of readdirSync(resolve(REAL, dir))) if (file.endsWith('.html')) files.push(`${dir}/${file}`);
  }
  return files.sort();
}

function load(file: string) {
  document.body.innerHTML = readFileSync(resolve(REAL, file), 'utf8');
}

describe.skipIf(!present)('adapters on the real pages (2025-08 → 2026-07)', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('has one case for every capture in the folder', () => {
    expect(REAL_PAGE_CASES.map((c) => c.file).sort()).toEqual(captures());
  });

  it.each(REAL_PAGE_CASES.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const adapter = ADAPTERS[c.site];
    const conversation = adapter.conversationId(c.url);
    expect(conversation, 'the URL is a conversation URL of the site').not.toBeNull();

    load(c.file);
    const refs = adapter.findMessages(document, conversation);
    const turns = adapter.readTurns(document, conversation);
    expect(turns.filter((t) => t.role === 'user'), 'user messages').toHaveLength(c.users);
    expect(turns.filter((t) => t.role === 'assistant'), 'assistant messages').toHaveLength(c.assistants);

    // Keys: unique, never text, the same on a fresh read of the same page.
    const keys = turns.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    load(c.file);
    expect(adapter.readTurns(document, conversation).map((t) => t.key)).toEqual(keys);

    for (const turn of turns) {
      if (!turn.opaque) expect(turn.text.length, `${turn.key} has text`).toBeGreaterThan(0);
      for (const bad of c.forbidden) expect(turn.text, `${turn.key} must not hold "${bad}"`).not.toContain(bad);
      expect(turn.streaming).toBe(false);
    }
    // Compared in NFC: a file name from macOS in an attachment chip is NFD on the page.
    if (c.firstUser !== undefined) expect(turns.find((t) => t.role === 'user')?.text.normalize('NFC').slice(0, c.firstUser.length), 'first user message').toBe(c.firstUser.normalize('NFC'));

    expect(turns.filter((t) => t.opaque).map((t) => t.opaque)).toEqual(c.opaque);
    expect(refs.filter((r) => r.opaque).every((r) => r.role === 'assistant')).toBe(true);
    expect(adapter.isStreaming(document)).toBe(false);
    expect(adapter.findComposer(document) !== null, 'composer').toBe(c.composer);
    expect(adapter.modelLabel(document), 'modelLabel').toBe(c.label);
    expect(adapter.replyModel(document), 'replyModel').toBe(c.slug);
    if (c.model !== null) expect(findModel(bundledCatalogData(), c.model).found, `${c.model} is in the catalog`).toBe(true);

    // The model the page names, resolved and priced; a page that names none gets the site default.
    const resolved = resolveModel({ site: c.site, reply: c.slug, picker: c.label, siteDefault: adapter.spec.defaultModel }, bundledCatalogData());
    if (c.model === null) {
      expect(resolved.source, 'a page that names no model gets the site default').toBe('site default');
    } else {
      expect(resolved.model?.id, 'the model the page names').toBe(c.model);
      expect(resolved.source).not.toBe('site default');
    }
    expect(resolved.model, 'priced').not.toBeNull();
  });
});
