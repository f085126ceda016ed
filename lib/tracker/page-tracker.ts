/**
 * Everything the content script does on a chat page: watch the composer and the transcript, keep
 * the pill up to date, detect turns and send them to the background. One MutationObserver, flushed
 * at most once per animation frame; every listener, timer and observer goes through WXT's `ctx`, so
 * an updated or removed extension leaves nothing behind. Nothing here may throw into the page:
 * expected conditions become health reports or a note in the pill.
 */
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { FLUSH_MEASURE } from '@/components/marks';
import { Pill, type PillView } from '@/components/Pill';
import { draftWarning, type DraftWarning } from '../budgets/state';
import { budgetSnapshotItem, currentStatuses, type BudgetSnapshot } from '../budgets/store';
import type { Catalog } from '../catalog';
import { createTokenCounter, roughTokenEstimate, type CountOutcome } from '../counting/client';
import { formatMoney } from '../format';
import { localDay } from '../ledger/days';
import { turnInputTokens } from '../ledger/types';
import type { HealthMessage, TurnRecord } from '../messaging/protocol';
import type { ModelSource } from '../models/sources';
import { estimateDraft } from '../pricing/estimate';
import { isOverridden, withPriceOverrides } from '../pricing/overrides';
import { aliasKey } from '../models/resolve';
import { loadSettings, saveSettings, siteSettings, watchSettings, type Settings } from '../settings';
import type { MessageRef, SiteAdapter } from '../sites/adapter';
import type { UsageBridge } from '../usage/bridge';
import type { PageLimits } from '../limits/page-limits';
import { reportFitsTurn, withSiteUsage } from '../usage/merge';
import type { StreamReport } from '../usage/wire';
import { ModelWatch } from './model-watch';
import { createRecorder } from './recorder';
import { TurnDetector, type DetectedTurn } from './turn-detector';

/** Missing parts are reported only after the page had this long to render. */
export const HEALTH_GRACE_MS = 4000;
/** Drafts above this size show a rough estimate at once, marked, until the exact count arrives. */
const ROUGH_FIRST_CHARS = 20_000;
/** A send held for confirmation goes through on a second Enter or click within this time. */
export const CONFIRM_WINDOW_MS = 30_000;

type Send = (message: unknown) => Promise<unknown>;

export interface TrackerDeps {
  adapter: SiteAdapter;
  catalog: Catalog;
  send: Send;
  /** What the site's own streams report (exact usage, the model that answered), where it does. */
  usage?: UsageBridge | null;
  /** Usage limits the site reported, for the pill (lib/limits/page-limits). */
  limits?: PageLimits | null;
}

/** A report or a recorded turn waits this long for its other half. */
const REPORT_MATCH_WINDOW_MS = 10 * 60_000;

interface MessageCount {
  length: number;
  outcome: Promise<CountOutcome>;
  tokens: number | null;
  exact: boolean;
}

/** The model a send went out with, kept for its turn. */
interface SentModel {
  id: string | null;
  read: string | null;
  source: ModelSource;
}

export interface PageTracker {
  /** The conversation this page shows (for the popup's "this tab"). */
  conversation(): { site: string; conversationId: string | null };
}

export async function startPageTracker(ctx: ContentScriptContext, deps: TrackerDeps): Promise<PageTracker> {
  const { adapter } = deps;
  let settings: Settings = await loadSettings();
  let budgets: BudgetSnapshot | null = await budgetSnapshotItem.getValue();
  const tracker: PageTracker = { conversation: () => ({ site: adapter.id, conversationId: adapter.conversationId(location.href) }) };
  if (!ctx.isValid) return tracker;
  let catalog = withPriceOverrides(deps.catalog, settings.priceOverrides);
  const counter = createTokenCounter(deps.catalog, (m) => deps.send(m));
  const recorder = createRecorder({
    send: (m) => deps.send(m),
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    onError: (message) => setNote(message),
  });
  const detector = new TurnDetector();
  const startedAt = Date.now();
  // A conversation the URL never names (temporary chats) still needs a stable id on this page.
  const pageConversationId = `page-${crypto.randomUUID()}`;
  const draftSession = `draft-${crypto.randomUUID()}`;
  // The benchmark's fixture page asks for each flush to be timed (user timing); real sites never do.
  const profiling = document.documentElement.hasAttribute('data-spendmeter-profile');

  let composer: Element | null = null;
  let conversationId: string | null = adapter.conversationId(location.href);
  let refs: MessageRef[] = [];
  const texts = new WeakMap<Element, string>();
  let counts = new Map<string, MessageCount>();
  let countsTokenizer = '';
  let note: string | null = null;
  let lastHealth = '';

  const draft = { text: '', tokens: 0, exact: true, counting: false, seq: 0, dirty: true, stale: false, composing: false };
  const sends = new Map<number, { prompt: Promise<CountOutcome>; model: SentModel; overheadTokens: number }>();
  let sendSeq = 0;
  let lastSend = { text: '', at: 0 };
  // The budget warning the pill shows for the draft, and a send held until confirmed.
  let warning: DraftWarning | null = null;
  let heldAt: number | null = null;

  // Site-reported usage: reports not yet matched to a turn, turns recorded without a report (one
  // may still come), the last turn the site reported in full, and the last stream problem.
  const unmatchedReports: StreamReport[] = [];
  const recentTurns: { record: TurnRecord; reported: boolean }[] = [];
  let lastReported: { conversationId: string; replyKey: string; inputTokens: number; reasoningTokens: number } | null = null;
  let streamProblem: string | null = null;
  let turnsSeen = 0;

  // ---- pill -------------------------------------------------------------------------------------
  let ui: ShadowRootContentScriptUi<void> | null = null;
  let pillHost: HTMLElement | null = null;
  let pillContainer: HTMLElement | null = null;
  let positionObserver: ResizeObserver | null = null;

  const site = () => siteSettings(settings, adapter.id);

  let mounting = false;
  async function mountPill() {
    if (ui || mounting || !site().pill || !site().enabled) return;
    mounting = true;
    ui = await createShadowRootUi(ctx, {
      name: 'spendmeter-pill',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      // WXT's own reset is `all: initial !important`, which would beat the host's inline position;
      // pill.css resets the host without !important instead.
      inheritStyles: true,
      onMount(container, _shadow, host) {
        pillHost = host;
        pillContainer = container;
        themeDirty = true;
        renderedKey = '';
      },
      onRemove() {
        if (pillContainer) render(null, pillContainer);
        pillHost = null;
        pillContainer = null;
      },
    });
    mounting = false;
    if (!ctx.isValid) return;
    ui.mount();
    placePill();
    renderPill();
  }

  function unmountPill() {
    ui?.remove();
    ui = null;
  }

  function placePill() {
    if (!pillHost) return;
    const rect = composer?.getBoundingClientRect();
    if (!rect || (rect.width === 0 && rect.height === 0)) {
      pillHost.style.display = 'none';
      return;
    }
    // Above the composer's top edge, right-aligned: never over the send button inside the box.
    // (Set on every placement: mounting resets the host's inline position.)
    const box = composerBox(composer!) ?? rect;
    const right = Math.max(window.innerWidth - box.right, 4);
    Object.assign(pillHost.style, {
      position: 'fixed',
      zIndex: '2147483000',
      transform: 'translateY(-100%)',
      display: 'block',
      top: `${Math.max(box.top - 6, 28)}px`,
      right: `${right}px`,
      left: 'auto',
      // Never past the window's left edge when the composer's box is narrow.
      maxWidth: `${Math.max(window.innerWidth - right - 4, 160)}px`,
    });
    // Reading colours walks computed styles: only when the composer or the window changed, not on scroll.
    if (themeDirty) {
      themeDirty = false;
      pillHost.dataset.theme = pageTheme(composer!);
    }
  }

  let themeDirty = true;
  function watchComposerBox() {
    positionObserver?.disconnect();
    themeDirty = true;
    if (!composer) return;
    positionObserver = new ResizeObserver(() => schedulePlacement());
    positionObserver.observe(composer);
  }

  let placementPending = false;
  function schedulePlacement() {
    if (placementPending) return;
    placementPending = true;
    ctx.requestAnimationFrame(() => {
      placementPending = false;
      safely(placePill);
    });
  }

  // ---- model ------------------------------------------------------------------------------------
  const models = new ModelWatch(adapter, catalog, site());
  const currentModelId = () => models.current.model?.id ?? null;
  const sentModel = (): SentModel => ({ id: currentModelId(), read: models.current.read, source: models.current.source });

  // ---- counting ---------------------------------------------------------------------------------
  function countMessage(key: string, text: string): MessageCount {
    const known = counts.get(key);
    if (known && known.length === text.length) return known;
    const entry: MessageCount = { length: text.length, tokens: null, exact: false, outcome: counter.count(text, currentModelId()) };
    counts.set(key, entry);
    entry.outcome.then((outcome) => {
      if (counts.get(key) !== entry) return;
      if (outcome.status === 'ok') {
        entry.tokens = outcome.tokens;
        entry.exact = outcome.exact;
        scheduleFlush();
      } else if (outcome.status === 'error') {
        counts.delete(key);
        setNote(`counting failed: ${outcome.message}`);
        retryCountingSoon();
      }
    }, () => counts.delete(key));
    return entry;
  }

  // A failed count (the counter was still starting, or was restarted) is tried again, less and
  // less often, instead of leaving a figure of 0 until the next keystroke.
  let countRetryMs = 0;
  function retryCountingSoon() {
    countRetryMs = Math.min(countRetryMs ? countRetryMs * 2 : 500, 30_000);
    ctx.setTimeout(scheduleFlush, countRetryMs);
  }

  function countDraft(text: string) {
    const seq = ++draft.seq;
    draft.text = text;
    if (text.length > ROUGH_FIRST_CHARS) {
      draft.tokens = roughTokenEstimate(text);
      draft.exact = false;
      draft.counting = true;
      renderPill();
    }
    counter.count(text, currentModelId(), { session: draftSession }).then((outcome) => {
      if (seq !== draft.seq || outcome.status === 'superseded') return;
      draft.counting = false;
      if (outcome.status === 'ok') {
        draft.tokens = outcome.tokens;
        draft.exact = outcome.exact;
        countRetryMs = 0;
        if (note?.startsWith('counting failed')) note = null;
      } else {
        setNote(`counting failed: ${outcome.message}`);
        draft.stale = true;
        draft.dirty = true;
        retryCountingSoon();
      }
      renderPill();
    }, () => undefined);
  }

  /**
   * The context the next send re-sends. From the page: every finished message counted. When the site
   * reported the last turn in full and its reply is still the newest message: that turn's exact
   * input (hidden system prompt and tools included) plus its reply.
   */
  function contextFigures(): { tokens: number; exact: boolean; replies: number[]; reported: boolean; reasoningTokens: number | null } {
    let tokens = 0;
    let exact = true;
    const replies: number[] = [];
    let lastReply: Pick<MessageRef, 'key'> | null = null;
    for (const ref of refs) {
      if (ref.role === 'assistant') lastReply = ref;
      if (ref.streaming) continue;
      const count = counts.get(ref.key);
      if (!count || count.tokens === null) {
        exact = false;
        continue;
      }
      tokens += count.tokens;
      exact &&= count.exact;
      if (ref.role === 'assistant') replies.push(count.tokens);
    }
    const last = lastReported;
    if (last && last.conversationId === (conversationId ?? pageConversationId) && lastReply?.key === last.replyKey && refs[refs.length - 1]?.key === last.replyKey) {
      const reply = counts.get(last.replyKey);
      return { tokens: last.inputTokens + (reply?.tokens ?? 0), exact: reply?.tokens != null && reply.exact, replies, reported: true, reasoningTokens: last.reasoningTokens };
    }
    return { tokens, exact, replies, reported: false, reasoningTokens: null };
  }

  // ---- rendering --------------------------------------------------------------------------------
  // Flushes come once per frame while a reply streams; the pill is re-priced and re-rendered only
  // when something it shows changed. Bumped when settings (prices, currency) change.
  let renderedKey = '';
  let settingsEpoch = 0;

  function renderPill() {
    safely(() => {
      if (!pillHost || !pillContainer) return;
      const context = contextFigures();
      // A reported input already holds the site's hidden overhead.
      const overheadTokens = context.reported ? 0 : site().overheadTokens;
      const today = localDay(Date.now());
      const held = heldAt !== null && Date.now() - heldAt < CONFIRM_WINDOW_MS;
      const limit = deps.limits?.view(conversationId) ?? null; // usage limits (lib/limits)
      const key = JSON.stringify([limit, settingsEpoch, draft.tokens, draft.exact, draft.counting, context.tokens, context.exact, context.replies, context.reported, context.reasoningTokens, models.current.model?.id, models.current.read, models.current.source, note, today, held]);
      if (key === renderedKey) return;
      renderedKey = key;
      const estimate = estimateDraft(
        { model: models.current.model, draftTokens: draft.tokens, contextTokens: context.tokens, overheadTokens, replyTokens: context.replies, contextPricing: settings.contextPricing },
        catalog,
      );
      // What sending would cost in all: input now plus a reply of this conversation's typical length.
      const draftUsd = draft.tokens > 0 && estimate.inputUsd !== null ? estimate.inputUsd + (estimate.outputUsd ?? 0) : null;
      warning = draftWarning(currentStatuses(budgets, today), adapter.id, draftUsd, settings.budgets.warnPercent, (usd) => formatMoney(usd, settings.currency));
      const warningText = warning && (held ? `${warning.message}. Press Enter or click send again to send anyway.` : warning.message);
      const view: PillView = {
        counting: draft.counting,
        draftTokens: draft.tokens,
        draftExact: draft.exact,
        contextTokens: context.tokens,
        contextExact: context.exact,
        contextReported: context.reported,
        lastReasoningTokens: context.reasoningTokens,
        overheadTokens,
        modelName: models.name,
        modelRead: models.current.read,
        modelSource: models.current.source,
        aliasChoices: models.current.model ? undefined : aliasChoices(),
        overridden: models.current.model ? isOverridden(models.current.model.price) : false,
        estimate,
        currency: settings.currency,
        note,
        warning: warning && { level: warning.level, text: warningText! },
        limit,
      };
      // The automation contract (README): figures on the host element, updated with each estimate.
      pillHost.dataset.draftTokens = String(draft.tokens);
      pillHost.dataset.contextTokens = String(context.tokens);
      pillHost.dataset.model = models.current.model?.id ?? 'unknown';
      pillHost.dataset.modelSource = models.current.source;
      pillHost.dataset.costUsd = estimate.inputUsd === null ? '' : String(estimate.inputUsd);
      pillHost.dataset.exact = String(draft.exact);
      pillHost.dataset.contextSource = context.reported ? 'site' : 'page';
      pillHost.dataset.counting = String(draft.counting);
      pillHost.dataset.budget = warning?.level ?? 'ok';
      pillHost.dataset.held = String(held);
      pillHost.dataset.limitUsed = limit?.used == null ? '' : String(limit.used);
      render(h(Pill, { view, onAlias: (label, modelId) => void saveAlias(label, modelId) }), pillContainer);
    });
  }

  /** Models to offer for an unknown label: the site's own provider first, then the rest, by name. */
  let choices: { id: string; name: string }[] | null = null;
  function aliasChoices() {
    if (choices) return choices;
    const provider = deps.catalog.models.find((m) => m.id === adapter.spec.defaultModel)?.provider;
    const rank = (p: string) => (p === provider ? 0 : 1);
    choices = [...deps.catalog.models].sort((a, b) => rank(a.provider) - rank(b.provider) || a.name.localeCompare(b.name)).map((m) => ({ id: m.id, name: m.name }));
    return choices;
  }

  /** Saves "price this label as that model" for this site; the settings watcher re-prices the pill. */
  async function saveAlias(label: string, modelId: string) {
    const current = site();
    const next = { ...settings, sites: { ...settings.sites, [adapter.id]: { ...current, modelAliases: { ...current.modelAliases, [aliasKey(label)]: modelId } } } };
    const saved = await saveSettings(next);
    if (!saved.ok) setNote(`the alias was not saved: ${saved.message}`);
  }

  function setNote(message: string | null) {
    note = message;
    renderPill();
  }

  // ---- turns ------------------------------------------------------------------------------------
  function textOf(ref: MessageRef, fresh: boolean): string {
    if (!fresh) {
      const cached = texts.get(ref.element);
      if (cached !== undefined) return cached;
    }
    const text = adapter.messageText(ref);
    texts.set(ref.element, text);
    return text;
  }

  /**
   * The length the turn detector watches for a message that may still change. While it grows, the
   * cheap textContent length stands in (negative, so it never reads as an empty reply), sparing a
   * walk of the whole reply on every frame of a stream; once it holds still between two flushes,
   * the visible text is read once and cached for counting.
   */
  const contentLengths = new WeakMap<Element, { content: number; visible: number | null }>();
  function changingLength(ref: MessageRef): number {
    const content = ref.element.textContent?.length ?? 0;
    const seen = contentLengths.get(ref.element);
    if (!seen || seen.content !== content) {
      contentLengths.set(ref.element, { content, visible: null });
      return -1 - content;
    }
    seen.visible ??= textOf(ref, true).length;
    return seen.visible;
  }

  async function recordDetected(turn: DetectedTurn, snapshot: MessageRef[]) {
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
    const sent = turn.send ? sends.get(turn.send.token) : undefined;
    if (turn.send) sends.delete(turn.send.token);
    const turnModel = sent?.model ?? sentModel();
    const modelId = turnModel.id;
    const reply = textOf(snapshot[replyIndex]!, true);
    const promptText = promptIndex >= 0 ? textOf(snapshot[promptIndex]!, false) : '';
    const [prompt, output, ...context] = await Promise.all([
      sent?.prompt ?? counter.count(turn.send?.draft ?? promptText, modelId),
      counter.count(reply, modelId),
      ...contextRefs.map((r) => countMessage(r.key, textOf(r, false)).outcome),
    ]);
    if (prompt.status !== 'ok' || output.status !== 'ok' || context.some((c) => c.status !== 'ok')) {
      setNote('a finished turn could not be counted, so it was not recorded');
      return;
    }
    const ok = (c: CountOutcome) => c as Extract<CountOutcome, { status: 'ok' }>;
    const counted: TurnRecord = {
      site: adapter.id,
      conversationId: conversationId ?? pageConversationId,
      promptKey: promptIndex >= 0 ? snapshot[promptIndex]!.key : `${turn.replyKey}:prompt`,
      replyKey: turn.replyKey,
      model: modelId,
      modelLabel: turnModel.read,
      modelSource: turnModel.source,
      promptTokens: ok(prompt).tokens,
      contextTokens: context.reduce((sum, c) => sum + ok(c).tokens, 0),
      overheadTokens: sent?.overheadTokens ?? site().overheadTokens,
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
    };
    turnsSeen++;
    // The site's report of this reply, if it came first; otherwise it may still come (onReport).
    const now = Date.now();
    const index = unmatchedReports.findIndex((r) => reportFitsTurn(r, counted, counted.conversationId === pageConversationId));
    const report = index >= 0 ? unmatchedReports.splice(index, 1)[0]! : null;
    const record = report?.usage ? withSiteUsage(counted, report.usage, catalog, site().modelAliases) : counted;
    recentTurns.push({ record: counted, reported: report !== null });
    while (recentTurns.length > 10 || (recentTurns.length > 0 && now - recentTurns[0]!.record.finishedAt > REPORT_MATCH_WINDOW_MS)) recentTurns.shift();
    await recordTurnWithUsage(record);
  }

  async function recordTurnWithUsage(record: TurnRecord) {
    if (record.reported.counts === 'full') {
      lastReported = { conversationId: record.conversationId, replyKey: record.replyKey, inputTokens: turnInputTokens(record), reasoningTokens: record.reasoningTokens };
      renderPill();
    }
    await recorder.record(record);
  }

  /** A stream report from the usage reader: joined with its turn, now or when the page shows it. */
  function onReport(report: StreamReport) {
    streamProblem = report.problem;
    if (report.usage) models.noteStream(report.conversationId ?? conversationId ?? pageConversationId, report.usage);
    scheduleFlush(); // health, and the model the stream named
    if (!report.usage) return;
    const now = Date.now();
    // The page finished first: the turn is recorded again with the site's figures (the ledger
    // replaces the counted version; recording the same report twice changes nothing).
    const late = recentTurns.find((t) => !t.reported && reportFitsTurn(report, t.record, t.record.conversationId === pageConversationId));
    if (late) {
      late.reported = true;
      void recordTurnWithUsage(withSiteUsage(late.record, report.usage, catalog, site().modelAliases)).catch(() => undefined);
      return;
    }
    unmatchedReports.push(report);
    while (unmatchedReports.length > 10 || (unmatchedReports.length > 0 && now - unmatchedReports[0]!.endedAt > REPORT_MATCH_WINDOW_MS)) unmatchedReports.shift();
  }

  /** Why the site's own figures are not being used, or null when they are (or the site has none). */
  function usageNote(): string | null {
    const usage = deps.usage;
    if (!usage) return null;
    const state = usage.state();
    if (state === 'failed' || (state === 'starting' && turnsSeen > 0)) return 'exact usage unavailable: the usage reader did not start; using the counts from the page';
    if (streamProblem) return `exact usage unavailable: ${streamProblem}; using the counts from the page`;
    return null;
  }

  /**
   * With "confirm before sending when over budget" on, the first Enter or click on send for a draft
   * that would cross a budget is held (the page never sees it) and the pill asks for a second one.
   * Typing is never blocked.
   */
  function holdSend(): boolean {
    if (!settings.budgets.confirmOverBudget || warning?.level !== 'over' || !site().enabled || !draft.text.trim()) return false;
    const now = Date.now();
    if (heldAt !== null && now - heldAt < CONFIRM_WINDOW_MS) {
      heldAt = null;
      renderPill();
      return false;
    }
    heldAt = now;
    renderPill();
    return true;
  }

  function onSend() {
    if (!site().enabled) return;
    const text = composer ? adapter.composerText(composer) : draft.text;
    if (!text.trim()) return; // an empty composer's button is "stop" on some sites
    const now = Date.now();
    if (text === lastSend.text && now - lastSend.at < 1000) return; // Enter and click for one send
    lastSend = { text, at: now };
    const token = ++sendSeq;
    sends.set(token, { prompt: counter.count(text, currentModelId()), model: sentModel(), overheadTokens: site().overheadTokens });
    if (sends.size > 20) sends.delete(sends.keys().next().value!);
    detector.noteSend({ draft: text, at: now, token });
    scheduleFlush();
  }

  // ---- health -----------------------------------------------------------------------------------
  function reportHealth(label: string | null) {
    const now = Date.now();
    if (now - startedAt < HEALTH_GRACE_MS) return;
    const found = { composer: composer !== null, transcript: adapter.findTranscript(document) !== null || refs.length > 0, modelLabel: label !== null };
    const required: HealthMessage['required'] = ['composer'];
    if (conversationId !== null) required.push('transcript');
    if (adapter.spec.modelLabelRequired) required.push('modelLabel');
    const report: HealthMessage = { kind: 'health', site: adapter.id, found, required, note: usageNote(), unrecognisedModel: models.unrecognised(now) };
    const key = JSON.stringify(report);
    if (key === lastHealth) return;
    lastHealth = key;
    deps.send(report).catch(() => {
      lastHealth = ''; // try again on a later flush
    });
  }

  // ---- the flush --------------------------------------------------------------------------------
  let flushScheduled = false;
  let recheckTimer: { id: number; due: number } | undefined;
  let lastHref = '';
  let unknownCheckAt: number | null = null;
  let hrefConversation: string | null = null;

  function scheduleFlush() {
    if (flushScheduled || !ctx.isValid) return;
    flushScheduled = true;
    // Animation frames do not run in background tabs; a reply finishing there is still recorded.
    if (document.hidden) ctx.setTimeout(flush, 250);
    else ctx.requestAnimationFrame(flush);
  }

  function flush() {
    flushScheduled = false;
    if (!profiling) return safely(flushNow);
    const start = performance.now();
    safely(flushNow);
    performance.measure(FLUSH_MEASURE, { start, end: performance.now() });
  }

  function flushNow() {
    if (!site().enabled) return;
    const now = Date.now();
    const found = adapter.findComposer(document);
    if (found !== composer) {
      composer = found;
      draft.dirty = true;
      watchComposerBox();
      schedulePlacement();
    }

    // The address changes rarely; its conversation id is worked out once per address.
    if (location.href !== lastHref) {
      lastHref = location.href;
      hrefConversation = adapter.conversationId(lastHref);
    }
    const conv = hrefConversation;
    if (conv !== conversationId) {
      // A new chat gets its id after the first send: same conversation. Any other change is a
      // different conversation, whose messages are context only.
      if (conversationId !== null) {
        detector.reset();
        counts = new Map();
      }
      conversationId = conv;
    }

    const evidence = models.readPage(document);
    const label = evidence.picker;
    if (models.update(evidence, conversationId ?? pageConversationId, now)) {
      const tokenizer = models.current.model?.tokenizer ?? 'generic';
      if (tokenizer !== countsTokenizer) {
        countsTokenizer = tokenizer;
        counts = new Map();
        draft.dirty = true;
        draft.stale = true; // the draft's count belongs to the old tokenizer
      }
    }

    refs = adapter.findMessages(document, conversationId);
    const busy = adapter.busy(document);
    const last = refs[refs.length - 1];
    const observed = refs.map((ref) => ({
      key: ref.key,
      role: ref.role,
      streaming: ref.streaming,
      // An image or a framed report has no text to wait for.
      opaque: ref.opaque !== undefined,
      // Only the newest message can still change; older ones keep their cached text.
      textLength: ref === last || ref.streaming ? changingLength(ref) : textOf(ref, false).length,
    }));
    const turn = detector.observe({ messages: observed, busy, now });
    if (turn) void recordDetected(turn, refs).catch((err: unknown) => setNote(`recording failed: ${String(err)}`));
    const recheck = detector.recheckIn(now);
    // One pending recheck at most; an earlier one is kept (the flush it brings schedules the next),
    // so a stream does not create and cancel a timer on every frame.
    const due = recheck === null ? null : now + recheck;
    if (recheckTimer && (due === null || recheckTimer.due > due)) {
      clearTimeout(recheckTimer.id);
      recheckTimer = undefined;
    }
    if (due !== null && !recheckTimer) {
      const timer = { id: 0, due };
      timer.id = ctx.setTimeout(() => {
        if (recheckTimer === timer) recheckTimer = undefined;
        scheduleFlush();
      }, due - now);
      recheckTimer = timer;
    }

    // Count every finished message once; the streaming reply is counted when it is done.
    for (const ref of refs) if (!ref.streaming && !(busy && ref === last && ref.role === 'assistant')) countMessage(ref.key, textOf(ref, false));

    if (draft.dirty && !draft.composing && composer) {
      draft.dirty = false;
      const text = adapter.composerText(composer);
      if (text !== draft.text || draft.stale) {
        draft.stale = false;
        countDraft(text);
      }
    }
    // An unknown model name is reported once it has stayed a while, even if nothing else changes.
    const unknownDue = models.unrecognisedDueAt;
    if (unknownDue !== null && unknownDue !== unknownCheckAt && unknownDue > now) {
      unknownCheckAt = unknownDue;
      ctx.setTimeout(scheduleFlush, unknownDue - now + 50);
    }
    reportHealth(label);
    // The pill lives at a composer: none is mounted on a page without one.
    if (composer && !ui) void mountPill().catch(() => undefined);
    if (ui && !pillHost?.isConnected) ui.mount();
    renderPill();
  }

  // ---- wiring -----------------------------------------------------------------------------------
  const observer = new MutationObserver((records) => {
    if (composer && !draft.dirty) {
      for (const record of records) {
        if (composer.contains(record.target)) {
          draft.dirty = true;
          break;
        }
      }
    }
    scheduleFlush();
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-is-streaming', 'data-message-streaming', 'data-complete', 'aria-busy', 'aria-label', 'data-stop-generating', 'id', 'class', 'aria-disabled'] });
  ctx.onInvalidated(() => {
    observer.disconnect();
    positionObserver?.disconnect();
    unmountPill();
  });

  const inComposer = (target: EventTarget | null) => !!composer && target instanceof Node && composer.contains(target);
  ctx.addEventListener(document, 'input', (e: Event) => {
    if (!inComposer(e.target)) return;
    draft.dirty = true;
    if (!(e as InputEvent).isComposing) scheduleFlush();
  }, { capture: true });
  ctx.addEventListener(document, 'compositionstart', (e: Event) => {
    if (inComposer(e.target)) draft.composing = true;
  }, { capture: true });
  ctx.addEventListener(document, 'compositionend', (e: Event) => {
    if (!inComposer(e.target)) return;
    draft.composing = false;
    draft.dirty = true;
    scheduleFlush();
  }, { capture: true });
  // Sends are captured before the page handles them, while the composer still holds the draft.
  ctx.addEventListener(window, 'keydown', (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229 || !inComposer(e.target)) return;
    if (holdSend()) return stopEvent(e);
    safely(onSend);
  }, { capture: true });
  ctx.addEventListener(window, 'click', (e: MouseEvent) => {
    if (!(e.target instanceof Element) || !adapter.isSendControl(e.target)) return;
    if (holdSend()) return stopEvent(e);
    safely(onSend);
  }, { capture: true });
  ctx.addEventListener(window, 'wxt:locationchange', () => scheduleFlush());
  ctx.addEventListener(window, 'resize', () => {
    themeDirty = true;
    schedulePlacement();
  }, { passive: true });
  ctx.addEventListener(window, 'scroll', () => schedulePlacement(), { passive: true, capture: true });
  ctx.setTimeout(scheduleFlush, HEALTH_GRACE_MS + 50);

  const stopWatchingBudgets = budgetSnapshotItem.watch((next) => {
    budgets = next;
    settingsEpoch++;
    scheduleFlush();
  });
  ctx.onInvalidated(stopWatchingBudgets);

  const stopWatching = watchSettings((next) => {
    settings = next;
    settingsEpoch++;
    catalog = withPriceOverrides(deps.catalog, settings.priceOverrides);
    models.configure(catalog, site());
    if (!site().enabled || !site().pill) unmountPill();
    scheduleFlush();
  });
  ctx.onInvalidated(stopWatching);

  if (deps.usage) ctx.onInvalidated(deps.usage.onReport((report) => safely(() => onReport(report))));
  if (deps.limits) ctx.onInvalidated(deps.limits.onChange(renderPill));

  scheduleFlush();
  return tracker;
}

function stopEvent(e: Event) {
  e.preventDefault();
  e.stopImmediatePropagation();
}

/** Runs `fn`, swallowing anything it throws: the chat page must never see our errors. */
function safely(fn: () => void) {
  try {
    fn();
  } catch {
    // Expected conditions are reported through health; anything else must not reach the page.
  }
}

/** The visible box around the composer (its form or field wrapper), else the composer itself. */
function composerBox(composer: Element): DOMRect | null {
  const box = composer.closest('form, fieldset, [data-composer-surface], rich-textarea, [data-ask-input-container]') ?? composer;
  const rect = box.getBoundingClientRect();
  return rect.width > 0 ? rect : null;
}

/** Light or dark, from the page's own colours where it has them. */
function pageTheme(near: Element): 'light' | 'dark' {
  for (let el: Element | null = near; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    const m = /rgba?\((\d+)[, ]+(\d+)[, ]+(\d+)(?:[, /]+([\d.]+))?/.exec(bg);
    if (!m || (m[4] !== undefined && Number(m[4]) === 0)) continue;
    const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
