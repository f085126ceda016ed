/**
 * What the pill shows, as a pure function of the figures: the draft's and the context's counts,
 * the model, the price, the budget warning and any note. No DOM; the controller shows the result.
 */
import type { PillView } from '@/components/Pill';
import { attachmentsLine } from '../attachments/line';
import type { AttachmentSummary } from '../attachments/rules';
import { draftWarning, type DraftWarning } from '../budgets/state';
import { currentStatuses, type BudgetSnapshot } from '../budgets/store';
import { turnOverheadTokens, type Catalog } from '../catalog';
import { formatMoney } from '../format';
import type { ModelResolution } from '../models/resolve';
import type { ModelSource } from '../models/sources';
import { estimateDraft } from '../pricing/estimate';
import { isOverridden } from '../pricing/overrides';
import { draftReasoningHidden } from '../pricing/reasoning';
import type { Settings } from '../settings';
import type { SiteId } from '../sites/hosts';
import type { DraftFigures } from './composer-watcher';
import type { PillShown } from './pill-controller';
import type { ContextFigures } from './transcript';
import type { PillLimit } from '../limits/page-limits';

export interface PillInputs {
  site: SiteId;
  settings: Settings;
  /** Bumped when settings or budgets change (their content is not part of the key). */
  settingsEpoch: number;
  siteOverheadTokens: number;
  catalog: Catalog;
  budgets: BudgetSnapshot | null;
  draft: Omit<DraftFigures, 'text'>;
  context: ContextFigures;
  model: { model: ModelResolution['model']; name: string; read: string | null; source: ModelSource };
  aliasChoices: () => { id: string; name: string }[];
  note: string | null;
  today: string;
  held: boolean;
  /** The site's own usage-limit line for this conversation (lib/limits), or null. */
  limit?: PillLimit | null;
  /** The draft's attachments priced for the model (lib/attachments), or null/absent. */
  attachments?: AttachmentSummary | null;
}

/** Everything the pill's view depends on, as a string: the same key shows the same pill. */
export function pillKey(i: PillInputs): string {
  const a = i.attachments;
  return JSON.stringify([a ? [a.counts, a.min, a.max, a.unpriced, a.pdfPages, a.exact] : null, i.limit ?? null, i.settingsEpoch, i.draft.tokens, i.draft.exact, i.draft.band, i.draft.counting, i.context.tokens, i.context.exact, i.context.replies, i.context.reported, i.context.reasoningTokens, i.model.model?.id, i.model.read, i.model.source, i.note, i.today, i.held]);
}

/** The pill's view, its automation attributes, and the budget warning for the draft. */
export function pillView(i: PillInputs): PillShown & { warning: DraftWarning | null } {
  const { settings, context, draft, model } = i;
  // A reported input already holds the site's hidden overhead and the message frame.
  const overheadTokens = context.reported ? 0 : turnOverheadTokens(i.catalog, model.model, i.siteOverheadTokens);
  // Attachments join the input; a range of tokens makes the cost a range (min … max).
  const att = i.attachments && attachmentsLine(i.attachments) !== null ? i.attachments : null;
  const estimateWith = (extra: number) => estimateDraft(
    { model: model.model, draftTokens: draft.tokens + extra, contextTokens: context.tokens, overheadTokens, replyTokens: context.replies, contextPricing: settings.contextPricing },
    i.catalog,
  );
  const estimate = estimateWith(att?.min ?? 0);
  const estimateMax = att && att.max > att.min ? estimateWith(att.max) : null;
  const inputMaxUsd = estimateMax ? estimateMax.inputUsd : estimate.inputUsd;
  // What sending would cost in all: input now plus a reply of this conversation's typical length
  // (the top of a range: a budget warning must not miss what the send may cost).
  const draftUsd = (draft.tokens > 0 || att) && inputMaxUsd !== null ? inputMaxUsd + (estimate.outputUsd ?? 0) : null;
  const warning = draftWarning(currentStatuses(i.budgets, i.today), i.site, draftUsd, settings.budgets.warnPercent, (usd) => formatMoney(usd, settings.currency));
  const warningText = warning && (i.held ? `${warning.message}. Press Enter or click send again to send anyway.` : warning.message);
  const reasoningHidden = draftReasoningHidden(i.site, model.model, model.read, context.reported);
  const view: PillView = {
    counting: draft.counting,
    draftTokens: draft.tokens,
    draftExact: draft.exact,
    draftBand: draft.exact ? undefined : draft.band,
    contextTokens: context.tokens,
    contextExact: context.exact,
    contextReported: context.reported,
    lastReasoningTokens: context.reasoningTokens,
    overheadTokens,
    modelName: model.name,
    modelRead: model.read,
    modelSource: model.source,
    aliasChoices: model.model ? undefined : i.aliasChoices(),
    overridden: model.model ? isOverridden(model.model.price) : false,
    estimate,
    currency: settings.currency,
    note: i.note,
    warning: warning && { level: warning.level, text: warningText! },
    limit: i.limit ?? null,
    attachments: att && { line: attachmentsLine(att)!, min: att.min, max: att.max, exact: att.exact },
    inputMaxUsd: estimateMax ? estimateMax.inputUsd : null,
    reasoningHidden,
  };
  return {
    view,
    warning,
    attributes: {
      draftTokens: String(draft.tokens),
      contextTokens: String(context.tokens),
      model: model.model?.id ?? 'unknown',
      modelSource: model.source,
      costUsd: estimate.inputUsd === null ? '' : String(estimate.inputUsd),
      exact: String(draft.exact),
      errorBand: draft.exact || draft.band === undefined ? '' : String(draft.band),
      contextSource: context.reported ? 'site' : 'page',
      counting: String(draft.counting),
      budget: warning?.level ?? 'ok',
      held: String(i.held),
      limitUsed: i.limit?.used == null ? '' : String(i.limit.used),
      attachmentTokensMin: String(att?.min ?? 0),
      attachmentTokensMax: String(att?.max ?? 0),
      costUsdMax: inputMaxUsd === null ? '' : String(inputMaxUsd),
      reasoningHidden: String(reasoningHidden),
    },
  };
}

/** Models to offer for an unknown label: the site's own provider first, then the rest, by name. */
export function aliasChoices(catalog: Catalog, defaultModel: string): { id: string; name: string }[] {
  const provider = catalog.models.find((m) => m.id === defaultModel)?.provider;
  const rank = (p: string) => (p === provider ? 0 : 1);
  return [...catalog.models].sort((a, b) => rank(a.provider) - rank(b.provider) || a.name.localeCompare(b.name)).map((m) => ({ id: m.id, name: m.name }));
}
