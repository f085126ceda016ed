/**
 * The turn recorder: the turn detector fed with what the page shows, the sends captured for their
 * turns (draft count and model at send), finished turns counted and sent to the background (with
 * retries), and the site's own usage reports matched to their turns, whichever comes first.
 */
import { turnOverheadTokens, type Catalog } from '../catalog';
import type { CountOutcome } from '../counting/client';
import { turnInputTokens } from '../ledger/types';
import type { TurnAttachments, TurnRecord } from '../messaging/protocol';
import type { ModelResolution } from '../models/resolve';
import type { ModelSource } from '../models/sources';
import type { SiteSettings } from '../settings';
import type { MessageRef } from '../sites/adapter';
import type { SiteId } from '../sites/hosts';
import { reportFitsTurn, withSiteUsage } from '../usage/merge';
import { hasWork, withSiteWork } from '../usage/work';
import type { StreamReport } from '../usage/wire';
import type { ConversationWatch } from './conversation';
import type { Counter, ReportedTurn, Transcript } from './transcript';
import { TurnDetector, type DetectedTurn, type ObservedMessage } from './turn-detector';

/** A report or a recorded turn waits this long for its other half. */
export const REPORT_MATCH_WINDOW_MS = 10 * 60_000;
/** Reports and turns kept waiting for their other half, at most. */
const KEPT = 10;

/** The model a send went out with, kept for its turn. */
export interface SentModel {
  id: string | null;
  read: string | null;
  source: ModelSource;
}

export interface TurnRecorderDeps {
  site: SiteId;
  counter: Counter;
  transcript: Pick<Transcript, 'textOf' | 'countMessage'>;
  /** Sends a finished turn to the background (retrying until it is written). */
  record(turn: TurnRecord): Promise<unknown>;
  /** The user's choices now: the catalog with their prices, this site's aliases and overhead (tracker-settings). */
  settings: { readonly catalog: Catalog; readonly forSite: Pick<SiteSettings, 'modelAliases' | 'overheadTokens'> };
  /** The model the draft would go out with now (model-watch). */
  models: { readonly current: Pick<ModelResolution, 'model' | 'read' | 'source'> };
  /** The conversation's key: its id, or the page's own id when the URL names none. */
  conversation: Pick<ConversationWatch, 'key' | 'pageId'>;
  /** The site reported a turn in full: the context figure changed. */
  reportedTurn(): void;
  note(message: string): void;
}

export class TurnRecorder {
  readonly detector = new TurnDetector();
  /** The last turn the site reported in full (the pill's context comes from it). */
  lastReported: ReportedTurn | null = null;
  /** The last problem the usage reader had with a stream. */
  streamProblem: string | null = null;
  turnsSeen = 0;
  private sends = new Map<number, { prompt: Promise<CountOutcome>; model: SentModel; overheadTokens: number; attachments?: TurnAttachments }>();
  private sendSeq = 0;
  private unmatchedReports: StreamReport[] = [];
  private recentTurns: { record: TurnRecord; reported: boolean }[] = [];

  constructor(private readonly deps: TurnRecorderDeps) {}

  /** Another conversation: nothing seen so far is a turn of it. */
  reset(): void {
    this.detector.reset();
  }

  /** A send of `draft` at `now`: its count, model and attachments (lib/attachments) are kept for its turn. */
  noteSend(draft: string, now: number, attachments?: TurnAttachments): void {
    const token = ++this.sendSeq;
    const model = this.modelNow();
    this.sends.set(token, { prompt: this.deps.counter.count(draft, model.id), model, overheadTokens: this.overheadTokens(), ...(attachments ? { attachments } : {}) });
    if (this.sends.size > 20) this.sends.delete(this.sends.keys().next().value!);
    this.detector.noteSend({ draft, at: now, token });
  }

  /** What the page shows now; a finished turn is counted and recorded. Returns ms until a recheck is due, or null. */
  observe(messages: ObservedMessage[], refs: MessageRef[], busy: boolean, now: number): number | null {
    const turn = this.detector.observe({ messages, busy, now });
    if (turn) void this.recordDetected(turn, refs).catch((err: unknown) => this.deps.note(`recording failed: ${String(err)}`));
    return this.detector.recheckIn(now);
  }

  async recordDetected(turn: DetectedTurn, snapshot: MessageRef[]): Promise<void> {
    const { deps } = this;
    const replyIndex = snapshot.findIndex((r) => r.key === turn.replyKey);
    if (replyIndex < 0) return;
    let promptIndex = -1;
    for (let i = replyIndex - 1; i >= 0; i--) {
      if (snapshot[i]!.role === 'user') {
        promptIndex = i;
        break;
      }
    }
    const contextRefs = snapshot.slice(0, promptIndex >= 0 ? promptIndex : replyIndex);
    const sent = turn.send ? this.sends.get(turn.send.token) : undefined;
    if (turn.send) this.sends.delete(turn.send.token);
    const turnModel = sent?.model ?? this.modelNow();
    const modelId = turnModel.id;
    const reply = deps.transcript.textOf(snapshot[replyIndex]!, true);
    const promptText = promptIndex >= 0 ? deps.transcript.textOf(snapshot[promptIndex]!, false) : '';
    const [prompt, output, ...context] = await Promise.all([
      sent?.prompt ?? deps.counter.count(turn.send?.draft ?? promptText, modelId),
      deps.counter.count(reply, modelId),
      ...contextRefs.map((r) => deps.transcript.countMessage(r.key, deps.transcript.textOf(r, false), this.modelNow().id).outcome),
    ]);
    if (prompt.status !== 'ok' || output.status !== 'ok' || context.some((c) => c.status !== 'ok')) {
      deps.note('a finished turn could not be counted, so it was not recorded');
      return;
    }
    const ok = (c: CountOutcome) => c as Extract<CountOutcome, { status: 'ok' }>;
    const counted: TurnRecord = {
      site: deps.site,
      conversationId: deps.conversation.key,
      promptKey: promptIndex >= 0 ? snapshot[promptIndex]!.key : `${turn.replyKey}:prompt`,
      replyKey: turn.replyKey,
      model: modelId,
      modelLabel: turnModel.read,
      modelSource: turnModel.source,
      promptTokens: ok(prompt).tokens,
      contextTokens: context.reduce((sum, c) => sum + ok(c).tokens, 0),
      overheadTokens: sent?.overheadTokens ?? this.overheadTokens(),
      outputTokens: ok(output).tokens,
      reasoningTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      exact: { prompt: ok(prompt).exact, context: context.every((c) => ok(c).exact), output: ok(output).exact },
      reported: { counts: 'none', model: false },
      sentAt: Math.min(turn.sentAt, turn.finishedAt),
      finishedAt: turn.finishedAt,
      regenerated: turn.regenerated,
      replyOpaque: snapshot[replyIndex]!.opaque ?? null,
      tools: [],
      thinking: false,
    };
    if (sent?.attachments) counted.attachments = sent.attachments;
    this.turnsSeen++;
    // The site's report of this reply, if it came first; otherwise it may still come (onReport).
    const now = Date.now();
    const index = this.unmatchedReports.findIndex((r) => reportFitsTurn(r, counted, counted.conversationId === deps.conversation.pageId));
    const report = index >= 0 ? this.unmatchedReports.splice(index, 1)[0]! : null;
    const record = report ? this.withReport(counted, report) : counted;
    this.recentTurns.push({ record: counted, reported: report !== null });
    while (this.recentTurns.length > KEPT || (this.recentTurns.length > 0 && now - this.recentTurns[0]!.record.finishedAt > REPORT_MATCH_WINDOW_MS)) this.recentTurns.shift();
    await this.recordWithUsage(record);
  }

  /** A stream report from the usage reader: joined with its turn, now or when the page shows it. */
  onReport(report: StreamReport, now = Date.now()): void {
    this.streamProblem = report.problem;
    if (!report.usage && !hasWork(report)) return;
    const { deps } = this;
    // The page finished first: the turn is recorded again with the site's figures (the ledger
    // replaces the counted version; recording the same report twice changes nothing).
    const late = this.recentTurns.find((t) => !t.reported && reportFitsTurn(report, t.record, t.record.conversationId === deps.conversation.pageId));
    if (late) {
      late.reported = true;
      void this.recordWithUsage(this.withReport(late.record, report)).catch(() => undefined);
      return;
    }
    this.unmatchedReports.push(report);
    while (this.unmatchedReports.length > KEPT || (this.unmatchedReports.length > 0 && now - this.unmatchedReports[0]!.endedAt > REPORT_MATCH_WINDOW_MS)) this.unmatchedReports.shift();
  }

  /** The model the draft would go out with now. */
  private modelNow(): SentModel {
    const { model, read, source } = this.deps.models.current;
    return { id: model?.id ?? null, read, source };
  }

  /** The overhead a turn sent now carries: the site's hidden tokens and the model's message frame. */
  private overheadTokens(): number {
    const { settings } = this.deps;
    return turnOverheadTokens(settings.catalog, this.deps.models.current.model, settings.forSite.overheadTokens);
  }

  /** The counted record with what the site's report says: its counts and model, its tool calls and thinking. */
  private withReport(record: TurnRecord, report: StreamReport): TurnRecord {
    const { settings } = this.deps;
    return withSiteWork(report.usage ? withSiteUsage(record, report.usage, settings.catalog, settings.forSite.modelAliases) : record, report);
  }

  private async recordWithUsage(record: TurnRecord): Promise<void> {
    if (record.reported.counts === 'full') {
      this.lastReported = { conversationId: record.conversationId, replyKey: record.replyKey, inputTokens: turnInputTokens(record), reasoningTokens: record.reasoningTokens };
      this.deps.reportedTurn();
    }
    await this.deps.record(record);
  }
}
