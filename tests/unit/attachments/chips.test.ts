// Chips read as site data: on the real captures (../shared/snapshots/real; only ChatGPT's file tile
// appears there, on a sent message), on markup written after the sites' chips as public code reads
// them, joined to the page's own files; and the cheap local reads (PDF pages).
import { deflateSync } from 'node:zlib';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinFacts, kindOf, readChips, readChipsIn } from '@/lib/attachments/chips';
import { pdfPageCount, readPdfPages } from '@/lib/attachments/local-files';
import { ADAPTERS } from '@/lib/sites';
import type { SiteId } from '@/lib/sites/hosts';

const REAL = resolve(process.cwd(), '..', 'shared', 'snapshots', 'real');
const present = existsSync(REAL);

describe.skipIf(!present)('chips on the real pages', () => {
  const files = present
    ? readdirSync(REAL).filter((d) => statSync(resolve(REAL, d)).isDirectory()).flatMap((d) => readdirSync(resolve(REAL, d)).filter((f) => f.endsWith('.html')).map((f) => `${d}/${f}`))
    : [];
  // The one capture with an attachment tile: a PDF on a sent ChatGPT message (2026-07-19).
  const EXPECTED: Record<string, { name: string; kind: string }[]> = {
    'chatgpt/YongseopKim__llm-chat-exporter__chatgpt_002.html': [{ name: '신용대출 상품안내 _ 신한은행 개인뱅킹.pdf', kind: 'pdf' }],
  };

  it.each(files)('%s', (file) => {
    document.body.innerHTML = readFileSync(resolve(REAL, file), 'utf8');
    const site = file.split('/')[0] as SiteId;
    const spec = ADAPTERS[site].spec.attachments!;
    expect(spec, `${site} declares its attachments`).toBeDefined();
    const chips = readChipsIn(document, spec).map((c) => ({ name: c.name?.normalize('NFC'), kind: c.kind }));
    expect(chips).toEqual(EXPECTED[file] ?? []);
    // Nothing is attached in any composer of these pages.
    const composer = ADAPTERS[site].findComposer(document);
    const inComposer = readChips(composer, spec);
    if (inComposer !== null) expect(inComposer).toEqual([]);
  });
});

/** Composer markup as the sites render their chips (lib/sites/<site>.ts says where each is from). */
const COMPOSERS: { site: SiteId; html: string; expected: { name: string | null; kind: string }[] }[] = [
  {
    site: 'chatgpt',
    html: `<form data-type="unified-composer"><input id="upload-files" type="file" multiple>
      <div class="relative flex group/file-tile text-token-text-primary" role="group" aria-label="report.pdf"><button type="button" aria-label="report.pdf"></button>
        <div class="overflow-hidden"><div class="truncate font-semibold">report.pdf</div><div class="truncate text-token-text-secondary">PDF</div></div>
        <button type="button" aria-label="Remove file 1: report.pdf"></button></div>
      <div class="relative flex group/file-tile" role="group" aria-label="photo.png"><button aria-label="Open image"><img src="https://chatgpt.com/backend-api/estuary/content?id=file_x"></button></div>
      <div class="relative flex group/file-tile" role="group" aria-label="notes.md"><div class="truncate font-semibold">notes.md</div><div class="truncate text-token-text-secondary">MD</div></div>
      <div id="prompt-textarea" contenteditable="true"></div></form>`,
    expected: [{ name: 'report.pdf', kind: 'pdf' }, { name: 'photo.png', kind: 'image' }, { name: 'notes.md', kind: 'text' }],
  },
  {
    site: 'claude',
    html: `<fieldset><input data-testid="file-upload" id="chat-input-file-upload-onpage" type="file" multiple>
      <div data-testid="file-thumbnail"><h3>paper.pdf</h3><p>PDF</p><button aria-label="Remove"></button></div>
      <div data-testid="file-thumbnail"><img alt="diagram.png" src="blob:https://claude.ai/x"></div>
      <div data-testid="chat-input" contenteditable="true"></div></fieldset>`,
    expected: [{ name: 'paper.pdf', kind: 'pdf' }, { name: 'diagram.png', kind: 'image' }],
  },
  {
    site: 'gemini',
    html: `<input-container><uploader-file-preview><gem-media-attachment><img src="blob:https://gemini.google.com/x"></gem-media-attachment></uploader-file-preview>
      <uploader-file-preview><div>file</div></uploader-file-preview>
      <rich-textarea><div class="ql-editor" contenteditable="true"></div></rich-textarea></input-container>`,
    expected: [{ name: null, kind: 'image' }, { name: null, kind: 'other' }],
  },
];

describe('chips on each site\'s composer markup', () => {
  it.each(COMPOSERS.map((c) => [c.site, c] as const))('%s', (_site, c) => {
    document.body.innerHTML = c.html;
    const adapter = ADAPTERS[c.site];
    const composer = adapter.findComposer(document);
    expect(composer).not.toBeNull();
    expect(readChips(composer, adapter.spec.attachments)?.map((chip) => ({ name: chip.name, kind: chip.kind }))).toEqual(c.expected);
  });

  it('sites whose chips are undocumented say so and read none', () => {
    for (const site of ['deepseek', 'mistral', 'grok', 'perplexity', 'copilot', 'poe', 'openrouter', 'aistudio', 'qwen'] as const) {
      const spec = ADAPTERS[site].spec.attachments!;
      expect(spec.generations, site).toEqual([]);
      expect(spec.unknown, site).toMatch(/not documented/);
      expect(readChips(document.body, spec)).toBeNull();
    }
  });
});

describe('chips joined to the page\'s own files', () => {
  it('takes size and pages from the file of the same name; a chip with no name takes the next of its kind', () => {
    const local = [
      { name: 'photo.png', kind: 'image' as const, width: 1000, height: 1000 },
      { name: 'report.pdf', kind: 'pdf' as const, pages: 12 },
      { name: 'removed.png', kind: 'image' as const, width: 10, height: 10 },
    ];
    expect(joinFacts([{ name: 'report.pdf', kind: 'pdf' }, { name: 'photo.png', kind: 'image' }], local)).toEqual([
      { name: 'report.pdf', kind: 'pdf', pages: 12 },
      { name: 'photo.png', kind: 'image', width: 1000, height: 1000 },
    ]);
    expect(joinFacts([{ name: null, kind: 'image' }], local)).toEqual([{ name: 'photo.png', kind: 'image', width: 1000, height: 1000 }]);
    // Gemini's chip for a document shows neither name nor type: it takes the next file that is not an image.
    expect(joinFacts([{ name: null, kind: 'image' }, { name: null, kind: 'other' }], local)).toEqual([
      { name: 'photo.png', kind: 'image', width: 1000, height: 1000 },
      { name: 'report.pdf', kind: 'pdf', pages: 12 },
    ]);
  });

  it('without known chips, the files the page took stand alone', () => {
    expect(joinFacts(null, [{ name: 'a.txt', kind: 'text', textTokens: 5, textExact: true }])).toEqual([{ name: 'a.txt', kind: 'text', textTokens: 5, textExact: true }]);
  });

  it.each([
    ['a.pdf', null, 'pdf'], ['x', 'application/pdf', 'pdf'], ['x', 'PDF', 'pdf'], ['IMG_1.HEIC', null, 'image'], ['x', 'image/webp', 'image'],
    ['main.py', null, 'text'], ['x', 'text/plain', 'text'], ['deck.pptx', null, 'other'], [null, null, 'other'],
  ])('kindOf(%s, %s) is %s', (name, type, kind) => {
    expect(kindOf(name, type)).toBe(kind);
  });
});

/** A minimal PDF: a page tree with `pages` pages, in plain objects or inside a deflated object stream. */
function pdf(pages: number, objectStream = false): Uint8Array<ArrayBuffer> {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  const objects = [`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Kids [${kids}] /Count ${pages} /Type /Pages >>`, ...Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>`)];
  if (!objectStream) return new TextEncoder().encode(`%PDF-1.4\n${objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')}trailer << /Root 1 0 R >>\n%%EOF`);
  const body = deflateSync(Buffer.from(objects.join('\n'), 'latin1'));
  const head = Buffer.from(`%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N ${objects.length} /First 0 /Filter /FlateDecode /Length ${body.length} >>\nstream\n`, 'latin1');
  return new Uint8Array(Buffer.concat([head, body, Buffer.from("\nendstream\nendobj\n%%EOF", "latin1")]));
}

describe('PDF page count by a cheap local parse', () => {
  it('reads the page tree\'s /Count, keys in any order', () => {
    expect(pdfPageCount(new TextDecoder('latin1').decode(pdf(12)))).toBe(12);
    expect(pdfPageCount('%PDF-1.7 << /Type /Pages /Count 3 /Kids [] >> << /Count 7 /Type /Pages >>')).toBe(7);
  });

  it('counts /Type /Page objects when no tree says', () => {
    expect(pdfPageCount('%PDF-1.3 << /Type /Page >> << /Type /Page >> << /Type /Pages >>')).toBe(2);
    expect(pdfPageCount('%PDF-1.3 nothing')).toBeNull();
  });

  it('reads a big PDF a megabyte at a time: pages across pieces counted once, a tree cut by a piece boundary still found', async () => {
    const filler = 'x'.repeat(300_000);
    const objects = Array.from({ length: 9 }, (_, i) => `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R >>\nstream\n${filler}\nendstream\nendobj\n`).join('');
    // No tree: the 9 page objects, spread over three pieces.
    expect(await readPdfPages(new Blob([`%PDF-1.4\n${objects}%%EOF`]))).toBe(9);
    // A tree whose dictionary straddles the first piece's end.
    const pad = 'y'.repeat((1 << 20) - 30);
    expect(await readPdfPages(new Blob([`%PDF-1.4\n${pad}2 0 obj << /Type /Pages /Kids [] /Count 41 >> endobj\n${objects}%%EOF`]))).toBe(41);
  });

  it('inflates object streams (PDF 1.5+) to find the tree', async () => {
    expect(await readPdfPages(new Blob([pdf(5, true)]))).toBe(5);
    expect(await readPdfPages(new Blob([pdf(3)]))).toBe(3);
    expect(await readPdfPages(new Blob(['not a pdf']))).toBeNull();
  });
});
