/**
 * The counting API for callers (content scripts, extension pages): `count(text, model)` resolves to
 * `{tokens, exact, encoding}` for that model, and callers never see the transport. Drafts and
 * streamed replies pass a session so that only their changed part is re-counted.
 *
 * A newer request of the same session supersedes an older one (latest wins); the older one resolves
 * with status "superseded" and its caller should simply drop it.
 */
import { browser } from 'wxt/browser';
import { findModel, type Catalog, type Encoding, type Tokenizer } from '../catalog';
import type { CountMessage } from '../messaging/protocol';
import type { CategoryTokens } from '../tokens/incremental';
import { applyTokenizer } from '../tokens/estimate';
import type { ClassTokens } from '../tokens/text-class';

export type CountOutcome =
  | { status: 'ok'; tokens: number; exact: boolean; band?: number; encoding: Encoding; byCategory: CategoryTokens; tokenizer: string }
  | { status: 'superseded' }
  | { status: 'error'; message: string };

type Send = (message: CountMessage) => Promise<unknown>;

/** Tokenizer used for a model the catalog does not know: o200k, marked as an estimate. */
const UNKNOWN_MODEL_TOKENIZER = 'generic';

export function tokenizerForModel(catalog: Catalog, model: string | null | undefined): { id: string; tokenizer: Tokenizer } {
  const match = findModel(catalog, model);
  if (match.found) return { id: match.model.tokenizer, tokenizer: match.tokenizer };
  const tokenizer = catalog.tokenizers[UNKNOWN_MODEL_TOKENIZER];
  if (!tokenizer) throw new Error(`the catalog has no tokenizer ${UNKNOWN_MODEL_TOKENIZER}`);
  return { id: UNKNOWN_MODEL_TOKENIZER, tokenizer: { ...tokenizer, exact: false } };
}

/**
 * The edit that turns `from` into `to`: the common start and end are kept, the middle replaced.
 * One pass over the shorter text, with no copies of it; a keystroke's edit is a character or two.
 */
export function textEdit(from: string, to: string): { offset: number; removed: number; inserted: string } {
  const max = Math.min(from.length, to.length);
  let start = 0;
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  // Never split a surrogate pair: the edit's text is then always well formed.
  if (start > 0 && isHighSurrogate(to.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(to.charCodeAt(to.length - end))) end--;
  return { offset: start, removed: from.length - start - end, inserted: to.slice(start, to.length - end) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Edits are sent instead of the text once a session's text is longer than this. */
export const EDIT_MIN_CHARS = 1024;

export function createTokenCounter(catalog: Catalog, send: Send = (m) => browser.runtime.sendMessage(m)) {
  /**
   * What the counter was last sent for each session: the text and its version. A session's next
   * request sends only the edit from it; a `resync` answer (the counter holds another version: an
   * edit was lost, the worker restarted) is followed by the whole text, once.
   */
  const sent = new Map<string, { text: string; version: number; encoding: Encoding }>();
  let versions = 0;

  async function request(message: CountMessage): Promise<unknown> {
    try {
      return await send(message);
    } catch (err) {
      return { status: 'error', message: `the counter could not be reached: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  async function countText(text: string, encoding: Encoding, session: string | null): Promise<unknown> {
    if (session === null) return request({ kind: 'count', session, text, encoding });
    const version = ++versions;
    const last = sent.get(session);
    sent.set(session, { text, version, encoding });
    if (last && last.encoding === encoding && text.length >= EDIT_MIN_CHARS) {
      const edit = { base: last.version, ...textEdit(last.text, text), length: text.length };
      const reply = (await request({ kind: 'count', session, edit, version, encoding })) as { status?: string } | undefined;
      if (reply?.status !== 'resync') return reply;
      // Only the session's latest request resyncs; an older one is superseded by it anyway.
      if (sent.get(session)?.version !== version) return { status: 'superseded' };
    }
    const reply = (await request({ kind: 'count', session, text, version, encoding })) as { status?: string } | undefined;
    if (reply?.status === 'error' && sent.get(session)?.version === version) sent.delete(session);
    return reply;
  }

  return {
    async count(text: string, model: string | null | undefined, options: { session?: string } = {}): Promise<CountOutcome> {
      const { id, tokenizer } = tokenizerForModel(catalog, model);
      const reply = await countText(text, tokenizer.encoding, options.session ?? null);
      const r = reply as { status?: string; message?: string; byCategory?: CategoryTokens; byClass?: ClassTokens; encoding?: Encoding } | undefined;
      if (r?.status === 'superseded') return { status: 'superseded' };
      if (r?.status !== 'ok' || !r.byCategory || !r.encoding) {
        return { status: 'error', message: r?.message ?? 'the counter gave no answer' };
      }
      const { tokens, exact, band } = applyTokenizer(r.byCategory, tokenizer, r.byClass);
      return { status: 'ok', tokens, exact, ...(band === undefined ? {} : { band }), encoding: r.encoding, byCategory: r.byCategory, tokenizer: id };
    },
  };
}

/** Re-exported for callers that show a figure while a big paste is counted. */
export { roughTokenEstimate } from '../tokens/incremental';
