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

export type CountOutcome =
  | { status: 'ok'; tokens: number; exact: boolean; encoding: Encoding; byCategory: CategoryTokens; tokenizer: string }
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

export function createTokenCounter(catalog: Catalog, send: Send = (m) => browser.runtime.sendMessage(m)) {
  return {
    async count(text: string, model: string | null | undefined, options: { session?: string } = {}): Promise<CountOutcome> {
      const { id, tokenizer } = tokenizerForModel(catalog, model);
      let reply: unknown;
      try {
        reply = await send({ kind: 'count', session: options.session ?? null, text, encoding: tokenizer.encoding });
      } catch (err) {
        return { status: 'error', message: `the counter could not be reached: ${err instanceof Error ? err.message : String(err)}` };
      }
      const r = reply as { status?: string; message?: string; byCategory?: CategoryTokens; encoding?: Encoding } | undefined;
      if (r?.status === 'superseded') return { status: 'superseded' };
      if (r?.status !== 'ok' || !r.byCategory || !r.encoding) {
        return { status: 'error', message: r?.message ?? 'the counter gave no answer' };
      }
      const { tokens, exact } = applyTokenizer(r.byCategory, tokenizer);
      return { status: 'ok', tokens, exact, encoding: r.encoding, byCategory: r.byCategory, tokenizer: id };
    },
  };
}

/** Re-exported for callers that show a figure while a big paste is counted. */
export { roughTokenEstimate } from '../tokens/incremental';
