/**
 * From exact encoding counts to a model's token count: exact for models that use the encoding
 * itself (OpenAI), otherwise the catalog's per-vendor factors for prose, code and CJK text.
 */
import type { Tokenizer } from '../catalog/schema';
import { CATEGORIES, type CategoryTokens } from './incremental';

export interface TokenEstimate {
  tokens: number;
  exact: boolean;
}

export function applyTokenizer(byCategory: CategoryTokens, tokenizer: Tokenizer): TokenEstimate {
  if (tokenizer.exact) return { tokens: byCategory.prose + byCategory.code + byCategory.cjk, exact: true };
  let tokens = 0;
  for (const c of CATEGORIES) tokens += byCategory[c] * tokenizer.factors[c];
  return { tokens: Math.round(tokens), exact: false };
}
