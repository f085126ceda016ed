/**
 * Joining what a reply stream said the model did (tool calls, thinking; issue 18) with the turn the
 * page showed. Kept apart from merge.ts (counts and model): a pure function of the two.
 */
import type { TurnRecord } from '../messaging/protocol';
import { mergeToolCalls } from './tools';
import type { StreamReport } from './wire';

/** True when a report says anything about the reply's work. */
export const hasWork = (report: Pick<StreamReport, 'tools' | 'thinking'>): boolean => report.tools.length > 0 || report.thinking;

/** The record with the stream's tool calls (the larger count of each kind) and its thinking. */
export function withSiteWork(record: TurnRecord, report: Pick<StreamReport, 'tools' | 'thinking'>): TurnRecord {
  if (!hasWork(report)) return record;
  return { ...record, tools: mergeToolCalls(record.tools, report.tools), thinking: record.thinking || report.thinking };
}
