/**
 * The popup's word on tools and hidden reasoning (issue 18): this month's tool calls by kind with
 * what the priced ones cost, and a period total's lower-bound mark. Figures from the daily rollups.
 */
import { formatMoney, type Currency } from '@/lib/format';
import type { ToolTotals } from '@/lib/ledger/tools';
import { toolCallText } from '@/lib/pricing/tools';
import { TOOL_KINDS } from '@/lib/usage/tools';

/** "2 web searches, 1 memory update · $0.02 at API prices (1 not priced)"; nothing when there were none. */
export function MonthTools({ tools, currency }: { tools: ToolTotals; currency: Currency }) {
  const kinds = TOOL_KINDS.filter((k) => (tools.toolCalls[k] ?? 0) > 0);
  if (kinds.length === 0) return null;
  const unpriced = tools.unpricedToolCalls;
  return (
    <p class="muted tokens" data-testid="month-tools" data-usd={String(tools.toolUsd)} data-unpriced={String(unpriced)}>
      Tools this month: {kinds.map((k) => toolCallText(k, tools.toolCalls[k]!)).join(', ')}
      {' · '}
      {formatMoney(tools.toolUsd, currency)} at published per-call prices
      {unpriced > 0 ? ` (${unpriced} not priced)` : ''}
    </p>
  );
}

/** The note under the totals when some turns' cost is a lower bound. */
export function LowerBoundNote({ turns }: { turns: number }) {
  if (turns <= 0) return null;
  return (
    <p class="muted tokens" data-testid="lower-bound" data-turns={String(turns)}>
      ≥ this month: {turns} turn{turns === 1 ? '' : 's'} with reasoning not visible. The model reasoned, but the site did not count it, so the cost shown is a lower bound.
    </p>
  );
}
