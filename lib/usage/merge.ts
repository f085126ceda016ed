/**
 * Joining what a site reported about a reply (lib/usage/streams) with the turn the page showed.
 * Pure functions: which report belongs to which turn, and the turn's record with the reported
 * counts and model in place of the counted ones.
 */
import type { Catalog } from '../catalog';
import { resolveName } from '../models/resolve';
import type { TurnRecord } from '../messaging/protocol';
import type { StreamReport, StreamUsage } from './wire';

/** A stream starts at most this long before the page showed the send (regenerated replies). */
export const MATCH_SLACK_MS = 5000;

/**
 * A report belongs to a turn when its request started between the send (less a little slack) and
 * the end of the reply, and names the same conversation when both name one.
 */
export function reportFitsTurn(report: Pick<StreamReport, 'startedAt' | 'conversationId'>, turn: Pick<TurnRecord, 'sentAt' | 'finishedAt' | 'conversationId'>, pageConversation = false): boolean {
  if (report.startedAt < turn.sentAt - MATCH_SLACK_MS || report.startedAt > turn.finishedAt) return false;
  return report.conversationId === null || pageConversation || report.conversationId === turn.conversationId;
}

/** True when the usage holds counts worth putting into a turn. */
export const hasCounts = (usage: StreamUsage): boolean => usage.outputTokens !== null || usage.totalTokens !== null;

/**
 * The record with the site's report in place of what the page showed:
 * - a model the site named replaces the picker's (unpriced when the catalog does not know it);
 * - full counts (input, cache reads and writes, output, reasoning) replace the counted ones and are
 *   exact; the input is split into the counted prompt and the rest, so prompt + context is the
 *   site's uncached input and the hidden overhead is inside it;
 * - a total only (input and output together) keeps the counted reply and puts the rest on the input
 *   side; the sum is the site's, the split stays an estimate;
 * - an output count only (ChatGPT's token_count) replaces the counted reply, exact; the input stays
 *   counted. It never replaces a fuller report.
 */
export function withSiteUsage(record: TurnRecord, usage: StreamUsage, catalog: Catalog, aliases: Readonly<Record<string, string>> = {}): TurnRecord {
  const next: TurnRecord = { ...record, exact: { ...record.exact }, reported: { ...record.reported } };
  // The model the stream names, read by the same rules as the page's names (lib/models/resolve).
  for (const named of [usage.model, usage.modelMode ?? null]) {
    if (named === null) continue;
    const meaning = resolveName(record.site, named, catalog, aliases);
    if (meaning.kind === 'generic') continue;
    next.model = meaning.kind === 'model' ? meaning.model.id : null;
    next.modelLabel = named;
    next.modelSource = meaning.by === 'alias' ? 'user alias' : meaning.by === 'mode' ? 'mode' : 'stream';
    next.reported.model = true;
    break;
  }
  if (usage.inputTokens !== null && usage.outputTokens !== null) {
    const input = usage.inputTokens;
    next.promptTokens = Math.min(record.promptTokens, input);
    next.contextTokens = input - next.promptTokens;
    next.overheadTokens = 0;
    next.cachedInputTokens = usage.cachedInputTokens ?? 0;
    next.cacheWriteTokens = usage.cacheWriteTokens ?? 0;
    next.outputTokens = usage.outputTokens;
    next.reasoningTokens = usage.reasoningTokens ?? 0;
    next.exact = { prompt: true, context: true, output: true };
    next.reported.counts = 'full';
  } else if (usage.totalTokens !== null && record.reported.counts !== 'full') {
    const total = usage.totalTokens;
    const output = Math.min(record.outputTokens + record.reasoningTokens, total);
    const input = total - output;
    next.outputTokens = Math.min(record.outputTokens, output);
    next.reasoningTokens = output - next.outputTokens;
    next.promptTokens = Math.min(record.promptTokens, input);
    next.contextTokens = input - next.promptTokens;
    next.overheadTokens = 0;
    next.cachedInputTokens = 0;
    next.cacheWriteTokens = 0;
    next.exact = { prompt: false, context: false, output: record.exact.output && output === record.outputTokens + record.reasoningTokens };
    next.reported.counts = 'total';
  } else if (usage.outputTokens !== null && record.reported.counts === 'none') {
    next.outputTokens = usage.outputTokens;
    next.reasoningTokens = usage.reasoningTokens ?? record.reasoningTokens;
    next.exact.output = true;
    next.reported.counts = 'output';
  }
  return next;
}
