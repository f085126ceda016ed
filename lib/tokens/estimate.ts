/**
 * From exact encoding counts to a model's token count: exact for models that use the encoding
 * itself (OpenAI, vendors' vocabularies), otherwise the catalog's factors, per script class where
 * the tokenizer names them (else per prose/code/cjk), with the error band the catalog states.
 */
import type { Tokenizer } from '../catalog/schema';
import { byCategory, CATEGORIES, type CategoryTokens } from './incremental';
import { categoryOf, TEXT_CLASSES, type ClassTokens } from './text-class';

export interface TokenEstimate {
  tokens: number;
  exact: boolean;
  /** Estimates: relative error band (0.15 = ±15%); absent for exact counts or when the catalog states none. */
  band?: number;
}

/**
 * `byClass` (the worker's tally per script class) is preferred; a caller with only the coarse
 * categories gets the prose/code/cjk factors and the default band.
 */
export function applyTokenizer(counts: CategoryTokens, tokenizer: Tokenizer, byClass?: ClassTokens): TokenEstimate {
  const categories = byClass ? byCategory(byClass) : counts;
  if (tokenizer.exact) return { tokens: categories.prose + categories.code + categories.cjk, exact: true };
  let tokens = 0;
  let banded = 0;
  if (byClass) {
    for (const c of TEXT_CLASSES) {
      const t = byClass[c] * (tokenizer.scriptFactors?.[c] ?? tokenizer.factors[categoryOf(c)]);
      tokens += t;
      if (tokenizer.band) banded += t * (tokenizer.band[c] ?? tokenizer.band.default);
    }
  } else {
    for (const c of CATEGORIES) tokens += categories[c] * tokenizer.factors[c];
    if (tokenizer.band) banded = tokens * tokenizer.band.default;
  }
  const estimate: TokenEstimate = { tokens: Math.round(tokens), exact: false };
  if (tokenizer.band) estimate.band = tokens > 0 ? roundBand(banded / tokens) : tokenizer.band.default;
  return estimate;
}

/** Bands are shown as whole percents. */
function roundBand(b: number): number {
  return Math.round(b * 100) / 100;
}
