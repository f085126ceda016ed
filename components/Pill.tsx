/**
 * The cost pill beside a chat composer. Compact: `≈ 1.2k + 8.4k ctx · GPT-5 · $0.012`; a click (or
 * Enter/Space when focused) opens the details. Clicking never moves focus out of the composer.
 */
import { useState } from 'preact/hooks';
import type { DraftEstimate } from '@/lib/pricing/estimate';
import { formatMoney, formatTokens, type Currency } from '@/lib/format';
import { SOURCE_PHRASES, type ModelSource } from '@/lib/models/sources';
import type { PillLimit } from '@/lib/limits/page-limits';
import { lowerBound, REASONING_NOT_VISIBLE_NOTE } from '@/lib/pricing/reasoning';

export interface PillView {
  counting: boolean;
  draftTokens: number;
  draftExact: boolean;
  /** The draft estimate's relative error band (0.15 = ±15%); absent for exact counts. */
  draftBand?: number;
  contextTokens: number;
  contextExact: boolean;
  /** The context is the site's own figure for the last turn's input (plus its reply). */
  contextReported: boolean;
  /** Reasoning tokens of the last reply, when the site reported them. */
  lastReasoningTokens: number | null;
  overheadTokens: number;
  modelName: string;
  /** The text the model was read from (a slug, a label, a mode), or null for a default. */
  modelRead: string | null;
  modelSource: ModelSource;
  /** Models the user may price an unknown label as (saved as an alias), when the model is unknown. */
  aliasChoices?: { id: string; name: string }[];
  overridden: boolean;
  estimate: DraftEstimate;
  currency: Currency;
  /** An expected condition worth a word (counting failed, tracking degraded). */
  note: string | null;
  /** Budget warning for this send ("this message would take you over …"), if any. */
  warning: { level: 'warning' | 'over'; text: string } | null;
  /** Usage limits the site reported (lib/limits), or null/absent when it reported none. */
  limit?: PillLimit | null;
  /** The draft's attachments (lib/attachments): the line and its token range, or null/absent. */
  attachments?: { line: string; min: number; max: number; exact: boolean } | null;
  /** The input cost at the top of the attachments' range; null/absent when there is no range. */
  inputMaxUsd?: number | null;
  /** The model reasons and the site does not count it: the cost is a lower bound (issue 18). */
  reasoningHidden?: boolean;
}

const approx = (exact: boolean) => (exact ? '' : '≈ ');

/** The input cost, or its range when attachments are priced as a range ("$0.011–$0.020"), marked as a lower bound when the model's reasoning is not visible. */
export function costText(view: PillView): string {
  if (view.estimate.inputUsd === null) return 'unpriced';
  const low = formatMoney(view.estimate.inputUsd, view.currency);
  const range = view.inputMaxUsd != null && view.inputMaxUsd > view.estimate.inputUsd ? `${low}–${formatMoney(view.inputMaxUsd, view.currency)}` : low;
  return lowerBound(range, view.reasoningHidden);
}

/** " ±15%" for an estimate's band, "" for an exact count or an estimate without a stated band. */
export function bandText(exact: boolean, band: number | undefined): string {
  return exact || band === undefined ? '' : ` ±${Math.round(band * 100)}%`;
}

/** The draft's figure in the details: "1,240 tokens", or "≈ 1,240 tokens ±15%". */
export function draftTokensText(view: Pick<PillView, 'draftTokens' | 'draftExact' | 'draftBand'>): string {
  return `${approx(view.draftExact)}${view.draftTokens.toLocaleString('en-US')} tokens${bandText(view.draftExact, view.draftBand)}`;
}

export function compactText(view: PillView): string {
  const counting = view.counting ? '…' : '';
  const a = view.attachments;
  const files = !a ? '' : a.max === 0 ? ' + files not priced' : ` + ${a.min === a.max ? formatTokens(a.min) : `${formatTokens(a.min)}–${formatTokens(a.max)}`} files`;
  return `${approx(view.draftExact)}${formatTokens(view.draftTokens)}${bandText(view.draftExact, view.draftBand)}${counting} + ${formatTokens(view.contextTokens)} ctx${files} · ${view.modelName} · ${costText(view)}`;
}

export function Pill({ view, onAlias }: { view: PillView; onAlias?: (label: string, modelId: string) => void }) {
  const [open, setOpen] = useState(false);
  const { estimate, currency } = view;
  const money = (usd: number | null) => (usd === null ? 'unpriced' : formatMoney(usd, currency));
  const level = view.warning?.level ?? 'ok';
  return (
    <div class={`pill level-${level}`}>
      <button
        type="button"
        class="summary"
        aria-expanded={open}
        aria-label={`Spendmeter: ${compactText(view)}. API-equivalent cost. Show details`}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setOpen(!open)}
      >
        {compactText(view)}
      </button>
      {view.warning && <div class="warning" role="status">{view.warning.text}</div>}
      {view.attachments && <div class="attachments" data-testid="pill-attachments">{view.attachments.line}</div>}
      {view.limit && <LimitLine limit={view.limit} />}
      {open && (
        <div class="details" role="region" aria-label="Spendmeter cost details">
          <table>
            <tbody>
              <tr><th scope="row">Draft</th><td>{draftTokensText(view)}{view.counting ? ' (counting…)' : ''}</td></tr>
              <tr>
                <th scope="row">Context re-sent</th>
                <td>
                  {approx(view.contextExact)}
                  {view.contextTokens.toLocaleString('en-US')} tokens
                  {view.contextReported ? ' (the last turn\'s input as the site reported it, plus its reply)' : ''}
                </td>
              </tr>
              <tr>
                <th scope="row">Site overhead</th>
                <td>{view.contextReported ? 'included in the reported input' : `${view.overheadTokens.toLocaleString('en-US')} tokens`}</td>
              </tr>
              {view.lastReasoningTokens !== null && view.lastReasoningTokens > 0 && (
                <tr><th scope="row">Last reply's reasoning</th><td>{view.lastReasoningTokens.toLocaleString('en-US')} tokens (billed as output)</td></tr>
              )}
              <tr>
                <th scope="row">Model</th>
                <td data-testid="pill-model">
                  {estimate.priced ? view.modelName : 'unpriced'}
                  {estimate.priced ? ` · ${SOURCE_PHRASES[view.modelSource]}` : ''}
                  {estimate.priced && view.modelRead && view.modelRead !== view.modelName ? ` ("${view.modelRead}")` : ''}
                  {view.overridden ? ' · your price' : ''}
                  {!estimate.priced && view.modelRead ? ` · ${view.modelSource === 'stream' ? 'the site says' : 'page shows'} "${view.modelRead}"` : ''}
                </td>
              </tr>
              {!estimate.priced && view.modelRead && onAlias && view.aliasChoices && view.aliasChoices.length > 0 && (
                <tr>
                  <th scope="row">Price as</th>
                  <td>
                    <AliasPicker label={view.modelRead} choices={view.aliasChoices} onAlias={onAlias} />
                  </td>
                </tr>
              )}
              {view.attachments && (
                <tr>
                  <th scope="row">Attachments</th>
                  <td>{view.attachments.line.replace(/^\+ /, '')} (by the vendor's published rules; a range where none is published)</td>
                </tr>
              )}
              <tr><th scope="row">Input cost now</th><td>{costText(view)}{estimate.upperBound ? ' (upper bound)' : ''}</td></tr>
              {view.reasoningHidden && (
                <tr data-testid="pill-reasoning-hidden"><th scope="row">Reasoning</th><td>{REASONING_NOT_VISIBLE_NOTE}</td></tr>
              )}
              <tr>
                <th scope="row">Typical reply</th>
                <td>{estimate.typicalReplyTokens === null ? 'no replies yet' : `${formatTokens(estimate.typicalReplyTokens)} tokens · ${money(estimate.outputUsd)}`}</td>
              </tr>
              {estimate.cheapest && estimate.priciest && (
                <tr>
                  <th scope="row">Same draft on</th>
                  <td>
                    {estimate.cheapest.model.name} {money(estimate.cheapest.usd)} · {estimate.priciest.model.name} {money(estimate.priciest.usd)}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <p class="fine">
            API-equivalent: what these tokens would cost through the provider's API. {view.draftExact ? 'Exact count.' : '≈ marks an estimate.'}
            {view.note ? ` ${view.note}` : ''}
          </p>
        </div>
      )}
    </div>
  );
}

/** The site's own limit figures: "5-hour limit 86% · resets 14:20", and a smaller-model note. */
function LimitLine({ limit }: { limit: PillLimit }) {
  return (
    <div class={`limit level-${limit.level}`} data-testid="pill-limit" role="status">
      {limit.text && <span>{limit.text}</span>}
      {limit.text && limit.fallback && <br />}
      {limit.fallback && <span data-testid="pill-fallback">{limit.fallback}</span>}
    </div>
  );
}

/** Lets the user price an unknown label as a model they pick; saved as an alias for that label on this site. */
function AliasPicker({ label, choices, onAlias }: { label: string; choices: { id: string; name: string }[]; onAlias: (label: string, modelId: string) => void }) {
  const [chosen, setChosen] = useState('');
  return (
    <form
      class="alias"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onAlias(label, chosen);
      }}
    >
      <select aria-label={`Price "${label}" as`} value={chosen} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
        <option value="">choose a model…</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" disabled={!chosen}>
        Save
      </button>
      <div class="fine">Drafts on this site showing "{label}" will be priced as this model (change it in Settings).</div>
    </form>
  );
}
