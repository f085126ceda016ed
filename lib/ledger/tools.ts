/**
 * Tool calls and hidden reasoning in the rollups (issue 18b): a turn's calls by kind added to (or
 * taken out of) a day's rollup, and the same sums for a period. Rollups from before version 4 have
 * none of these fields; they count as zero.
 */
import type { ToolKind } from '../usage/tools';
import type { DailyRow, TurnRow } from './types';

export interface ToolTotals {
  toolUsd: number;
  toolCalls: Partial<Record<ToolKind, number>>;
  unpricedToolCalls: number;
  reasoningHiddenTurns: number;
}

export const emptyTools = (): ToolTotals => ({ toolUsd: 0, toolCalls: {}, unpricedToolCalls: 0, reasoningHiddenTurns: 0 });

type ToolSource = Pick<TurnRow, 'toolCalls' | 'toolUsd' | 'reasoningHidden'> | Pick<DailyRow, 'toolCalls' | 'toolUsd' | 'unpricedToolCalls' | 'reasoningHiddenTurns'>;

/** Adds (sign 1) or takes out (sign -1) a turn's or a day's tool calls and lower-bound turns. */
export function addToolCalls(into: ToolTotals, from: Partial<ToolSource>, sign: 1 | -1): void {
  into.toolUsd = (into.toolUsd ?? 0) + sign * (from.toolUsd ?? 0);
  const calls = { ...(into.toolCalls ?? {}) };
  const source = from.toolCalls ?? [];
  const entries: [ToolKind, number][] = Array.isArray(source) ? source.map((c) => [c.kind, c.count]) : (Object.entries(source) as [ToolKind, number][]);
  for (const [kind, count] of entries) {
    const next = (calls[kind] ?? 0) + sign * count;
    if (next > 0) calls[kind] = next;
    else delete calls[kind];
  }
  into.toolCalls = calls;
  const unpriced = Array.isArray(source) ? source.reduce((n, c) => n + (c.usd === null ? c.count : 0), 0) : ((from as Partial<DailyRow>).unpricedToolCalls ?? 0);
  into.unpricedToolCalls = (into.unpricedToolCalls ?? 0) + sign * unpriced;
  const hidden = 'reasoningHidden' in from ? (from.reasoningHidden ? 1 : 0) : ((from as Partial<DailyRow>).reasoningHiddenTurns ?? 0);
  into.reasoningHiddenTurns = (into.reasoningHiddenTurns ?? 0) + sign * hidden;
}
