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

/** The largest /Count of a dictionary saying /Type /Pages (the page tree's root), or 0. */
export function pageTreeCount(text: string): number {
  let best = 0;
  // Linear scans only: a PDF may be tens of megabytes and this runs in the page's content script.
  for (const m of text.matchAll(/\/Type\s*\/Pages\b/g)) {
    const at = m.index;
    const start = Math.max(text.lastIndexOf('<<', at), at - 65536, 0);
    const close = text.indexOf('>>', at);
    const dict = text.slice(start, close < 0 ? at + 65536 : Math.min(close, at + 65536));
    const count = /\/Count\s+(\d+)/.exec(dict);
    if (count) best = Math.max(best, Number(count[1]));
  }
  return best;
}

const PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z])/g;

/**
 * A PDF's page count by a cheap parse of its text (and of inflated object streams in `extra`): the
 * page tree's /Count, else the /Type /Page objects; null when nothing says.
 */
export function pdfPageCount(text: string, extra: readonly string[] = []): number | null {
  const sources = [text, ...extra];
  const best = Math.max(...sources.map(pageTreeCount));
  if (best > 0) return best;
  const pages = sources.reduce((n, source) => n + [...source.matchAll(PAGE_OBJECT)].length, 0);
  return pages > 0 ? pages : null;
}

/** Scanned a piece at a time, yielding to the page between pieces: no long task on a big PDF. */
const CHUNK = 1 << 19;
/** Each piece re-reads this much of the last one, so a dictionary cut in two is still seen whole. */
const OVERLAP = 1 << 16;
/** Lets the page run between pieces (the content script passes WXT's ctx timer, so a read stops with it). */
export type Pause = () => Promise<void>;
const yieldToPage: Pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const bytesOf = async (file: Blob, from: number, to: number) => new Uint8Array(await file.slice(from, to).arrayBuffer());

/** One inflated object stream (its dictionary at `at`), or null. */
async function inflateObjectStream(file: Blob, at: number): Promise<string | null> {
  if (typeof DecompressionStream === 'undefined') return null;
  const head = latin1(await bytesOf(file, Math.max(0, at - 512), Math.min(file.size, at + 4096)));
  const offset = Math.max(0, at - 512);
  const keyword = /stream\r?\n/.exec(head.slice(at - offset));
  if (!keyword) return null;
  const dict = head.slice(Math.max(0, head.lastIndexOf('<<', at - offset)), at - offset + keyword.index);
  if (!/\/FlateDecode/.test(dict)) return null;
  const dataStart = at + keyword.index + keyword[0].length;
  // A direct /Length says where the data ends; else the next "endstream" (looked for in 8 MB).
  const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
  let dataEnd = direct ? dataStart + Number(direct[1]) : -1;
  if (dataEnd < 0) {
    const window = latin1(await bytesOf(file, dataStart, Math.min(file.size, dataStart + 8 * CHUNK)));
    const end = window.indexOf('endstream');
    if (end < 0) return null;
    dataEnd = dataStart + end;
  }
  try {
    const stream = file.slice(dataStart, Math.min(file.size, dataEnd)).stream().pipeThrough(new DecompressionStream('deflate'));
    return latin1(new Uint8Array(await new Response(stream).arrayBuffer()));
  } catch {
    return null; // a damaged or differently filtered stream
  }
}

/**
 * A PDF's page count, read half a megabyte at a time (yielding between pieces): the page tree's largest
 * /Count, else the /Type /Page objects; where the tree sits in compressed object streams (PDF 1.5+),
 * those are inflated (at most 200) and read the same way. Null when nothing says.
 */
export async function readPdfPages(file: Blob, pause: Pause = yieldToPage): Promise<number | null> {
  if (file.size > MAX_READ_BYTES) return null;
  if (!latin1(await bytesOf(file, 0, 8)).startsWith('%PDF')) return null;
  let best = 0;
  let pages = 0;
  const objectStreams: number[] = [];
  for (let at = 0; at < file.size; at += CHUNK) {
    const from = Math.max(0, at - OVERLAP);
    const text = latin1(await bytesOf(file, from, Math.min(file.size, at + CHUNK)));
    const fresh = at - from; // matches before this index were counted with the last piece
    best = Math.max(best, pageTreeCount(text));
    for (const m of text.matchAll(PAGE_OBJECT)) if (m.index >= fresh) pages++;
    for (const m of text.matchAll(/\/Type\s*\/ObjStm\b/g)) if (m.index >= fresh && objectStreams.length < 200) objectStreams.push(from + m.index);
    if (at + CHUNK < file.size) await pause();
  }
  if (best > 0) return best;
  const inflated: string[] = [];
  for (const at of objectStreams) {
    const text = await inflateObjectStream(file, at);
    if (text) inflated.push(text);
  }
  return pdfPageCount('', inflated) ?? (pages > 0 ? pages : null);
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
export async function readLocalFacts(file: File, pause?: Pause): Promise<LocalFacts> {
  const facts: LocalFacts = { name: file.name, kind: kindOf(file.name, file.type || null) };
  try {
    if (facts.kind === 'image') Object.assign(facts, (await readImageSize(file)) ?? {});
    if (facts.kind === 'pdf') {
      const pages = await readPdfPages(file, pause);
      if (pages) facts.pages = pages;
    }
  } catch {
    // unreadable: the fact stays unknown and the attachment "not priced"
  }
  return facts;
}
