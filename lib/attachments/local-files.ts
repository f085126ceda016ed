/**
 * What the page's own files say about themselves, read locally in the content script: an image's
 * dimensions, a PDF's page count, a text file's text (counted, then dropped). Nothing is stored or
 * sent; the file is the page's own `File`, read only when the user attached it.
 */
import { kindOf, type LocalFacts } from './chips';

/** Files bigger than this are not read (their size alone says nothing we can price). */
export const MAX_READ_BYTES = 64 * 1024 * 1024;
/** A text file's characters counted at most (the counting service's own limit is the same order). */
export const MAX_TEXT_FILE_CHARS = 2_000_000;

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

/**
 * A PDF's page count by a cheap parse: the page tree's `/Count` (the largest, the root's), else
 * the `/Type /Page` objects. Object streams (compressed, PDF 1.5+) are inflated when the caller
 * passes them in `extra`. Null when nothing says.
 */
export function pdfPageCount(text: string, extra: readonly string[] = []): number | null {
  let best = 0;
  let pages = 0;
  for (const source of [text, ...extra]) {
    // Each dictionary that says /Type /Pages: its /Count (keys in any order).
    for (const m of source.matchAll(/<<((?:(?!<<|>>)[\s\S])*?\/Type\s*\/Pages\b(?:(?!<<|>>)[\s\S])*?)>>/g)) {
      const count = /\/Count\s+(\d+)/.exec(m[1]!);
      if (count) best = Math.max(best, Number(count[1]));
    }
    pages += [...source.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;
  }
  if (best > 0) return best;
  return pages > 0 ? pages : null;
}

/** The decompressed object streams of a PDF (where page trees of PDF 1.5+ files often are). */
async function objectStreams(bytes: Uint8Array, text: string): Promise<string[]> {
  if (typeof DecompressionStream === 'undefined') return [];
  const out: string[] = [];
  const re = /\/Type\s*\/ObjStm\b[\s\S]*?>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m && out.length < 200; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const header = text.slice(Math.max(0, m.index - 400), m.index + m[0].length);
    if (!/\/FlateDecode/.test(header)) continue;
    try {
      const stream = new Blob([bytes.slice(start, end)]).stream().pipeThrough(new DecompressionStream('deflate'));
      out.push(latin1(new Uint8Array(await new Response(stream).arrayBuffer())));
    } catch {
      // a damaged or differently filtered stream: skipped
    }
  }
  return out;
}

export async function readPdfPages(file: Blob): Promise<number | null> {
  if (file.size > MAX_READ_BYTES) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = latin1(bytes);
  if (!text.startsWith('%PDF')) return null;
  const plain = pdfPageCount(text);
  if (plain !== null && /\/Type\s*\/Pages\b/.test(text)) return plain;
  return pdfPageCount(text, await objectStreams(bytes, text)) ?? plain;
}

export async function readImageSize(file: Blob): Promise<{ width: number; height: number } | null> {
  if (typeof createImageBitmap !== 'function' || file.size > MAX_READ_BYTES) return null;
  const bitmap = await createImageBitmap(file);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size.width > 0 && size.height > 0 ? size : null;
}

/** A text file's text, or null when it is too large to count. */
export async function readText(file: Blob): Promise<string | null> {
  if (file.size > MAX_TEXT_FILE_CHARS * 4) return null;
  const text = await file.text();
  return text.length <= MAX_TEXT_FILE_CHARS ? text : null;
}

/** The facts of one file, every read failure leaving the fact unknown (never thrown). */
export async function readLocalFacts(file: File): Promise<LocalFacts> {
  const facts: LocalFacts = { name: file.name, kind: kindOf(file.name, file.type || null) };
  try {
    if (facts.kind === 'image') Object.assign(facts, (await readImageSize(file)) ?? {});
    if (facts.kind === 'pdf') {
      const pages = await readPdfPages(file);
      if (pages) facts.pages = pages;
    }
  } catch {
    // unreadable: the fact stays unknown and the attachment "not priced"
  }
  return facts;
}
