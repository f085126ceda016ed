/**
 * Hidden reasoning (issue 18). A reasoning model's thinking is billed as output tokens, but most
 * chat sites neither show it nor count it: the page's count of the reply leaves it out, so the
 * turn's cost is a lower bound. A turn is marked "reasoning not visible" when its model reasons and
 * the site did not report the reasoning in its counts. Pure functions.
 */
import type { Model } from '../catalog';
import type { ReportedCounts } from '../messaging/protocol';
import type { SiteId } from '../sites/hosts';

/** Labels and modes that say the model thinks ("GPT-5.5 Thinking", "Extended", "DeepThink", "深度思考"). */
const THINKING_LABEL = /think|reason|extended|思考|推理/i;

/**
 * Whether the model reasoned: the catalog says it always does (with its source), the stream showed
 * it thinking, or the label or mode the turn was sent with says thinking. A model the catalog does
 * not mark, in a turn that showed no sign of thinking, is taken not to reason: nothing is guessed.
 */
export function reasons(model: Pick<Model, 'reasoning'> | null, label: string | null, thinkingSeen: boolean): boolean {
  if (model?.reasoning?.mode === 'always' || thinkingSeen) return true;
  return label !== null && THINKING_LABEL.test(label);
}

/**
 * Whether the site's own counts include the reasoning: full usage (Anthropic-style output, Gemini's
 * thoughts, Qwen's reasoning_tokens) or a total of input and output (DeepSeek) do; an output count
 * alone (ChatGPT's token_count, which grows with the visible reply) does only when it names
 * reasoning tokens; a turn counted from the page never does.
 */
export function reasoningReported(counts: ReportedCounts, reasoningTokens: number): boolean {
  return counts === 'full' || counts === 'total' || (counts === 'output' && reasoningTokens > 0);
}

/** The rule for a recorded turn. */
export function reasoningHidden(turn: { model: Pick<Model, 'reasoning'> | null; label: string | null; thinkingSeen: boolean; counts: ReportedCounts; reasoningTokens: number }): boolean {
  return reasons(turn.model, turn.label, turn.thinkingSeen) && !reasoningReported(turn.counts, turn.reasoningTokens);
}

/**
 * Sites whose reply streams carry counts that include the reasoning (see the real streams in
 * tests/unit/usage/real-streams.test.ts): AI Studio's thoughts, Qwen's reasoning_tokens,
 * DeepSeek's accumulated total. Elsewhere a draft's cost is a lower bound on a reasoning model,
 * unless the last turn came with the site's full counts (claude.ai's newer streams).
 */
export const SITES_REPORTING_REASONING: ReadonlySet<SiteId> = new Set<SiteId>(['aistudio', 'qwen', 'deepseek']);

/** A cost that is a lower bound, as the pill and the popup say it: "≥ $0.012 · reasoning not visible". */
export const lowerBound = (money: string, hidden: boolean | undefined): string => (hidden ? `≥ ${money} · reasoning not visible` : money);

export const REASONING_NOT_VISIBLE_NOTE =
  "not visible: this model reasons before it answers, and its reasoning is billed as output, but this site neither shows nor counts it, so the cost is a lower bound";

/** The rule for the pill: the next turn on this model and site. */
export function draftReasoningHidden(site: SiteId, model: Pick<Model, 'reasoning'> | null, label: string | null, lastTurnReported: boolean): boolean {
  return reasons(model, label, false) && !SITES_REPORTING_REASONING.has(site) && !lastTurnReported;
}
