/**
 * The popup, around three questions in this order: what did I spend (today, week, month, budgets,
 * 30 days), how close am I to my limits (the sites' own figures, lib/limits), is my plan worth it
 * (lib/plans); then the details: 30 days of daily spend; where it went (site, model,
 * conversation); this tab's conversation; tracking health; the catalog's date. All figures are
 * API-equivalent and come from the ledger's rollups.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Catalog } from '@/lib/catalog';
import { describeHealth, healthItem, type HealthMap } from '@/lib/background/health';
import { budgetName, evaluateBudgets, type BudgetStatus } from '@/lib/budgets/state';
import { formatMoney, formatSpend, formatTokens, type Currency } from '@/lib/format';
import { localDay, localeWeekStart, monthStartDay } from '@/lib/ledger/days';
import { conversation, openLedgerDb, readSummary, topConversations, UNKNOWN_MODEL, type ConversationRow, type LedgerSummary, type Breakdown as LedgerBreakdown, type PeriodTotal } from '@/lib/ledger';
import { effectiveWeekStart, loadSettings, watchSettings, type Settings } from '@/lib/settings';
import { ADAPTERS } from '@/lib/sites';
import type { SiteId } from '@/lib/sites/hosts';
import { DailyChart } from './DailyChart';
import { LimitsSection } from './LimitsSection';
import { PlanValueSection } from './PlanValueSection';
import { LowerBoundNote, MonthTools } from './ToolsSection';
import { FIGURES_SHOWN_MARK } from './marks';
import { useLive } from './useLive';

const db = openLedgerDb();
// The totals are read while the page is still rendering its first frame (with the locale's week
// start, which the settings rarely change).
const LOCALE_WEEK_START = localeWeekStart(navigator.language);
const firstSummary = readSummary(db, Date.now(), { weekStart: LOCALE_WEEK_START });
const STALE_CATALOG_DAYS = 60;

function siteName(id: string): string {
  return ADAPTERS[id as SiteId]?.name ?? id;
}

/** Model names from the catalog, which loads after the totals are shown (it is the largest module). */
function useCatalog(wanted: boolean): { catalog: Catalog; modelName: (id: string) => string } | undefined {
  const [loaded, setLoaded] = useState<{ catalog: Catalog; modelName: (id: string) => string }>();
  useEffect(() => {
    if (!wanted || loaded) return;
    void Promise.all([import('@/lib/catalog'), import('@/lib/catalog/active')]).then(async ([{ findModel }, { baseCatalog }]) => {
      const catalog = await baseCatalog();
      const modelName = (id: string) => {
        if (id === UNKNOWN_MODEL) return 'Unpriced model';
        const match = findModel(catalog, id);
        return match.found ? match.model.name : id;
      };
      setLoaded({ catalog, modelName });
    });
  }, [wanted]);
  return loaded;
}

function useSettings(): Settings | undefined {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  return settings;
}

function useHealth(): HealthMap {
  const [health, setHealth] = useState<HealthMap>({});
  useEffect(() => {
    void healthItem.getValue().then(setHealth);
    return healthItem.watch((v) => setHealth(v ?? {}));
  }, []);
  return health;
}

function useCurrentTab(): { site: SiteId; conversationId: string | null } | null {
  const [current, setCurrent] = useState<{ site: SiteId; conversationId: string | null } | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        if (tab?.id === undefined) return;
        const answer = (await browser.tabs.sendMessage(tab.id, { kind: 'which-conversation' })) as { site: SiteId; conversationId: string | null } | undefined;
        if (answer && answer.site in ADAPTERS) setCurrent(answer);
      } catch {
        // Not a chat tab (no content script answers): nothing to show.
      }
    })();
  }, []);
  return current;
}

export function Popup() {
  const settings = useSettings();
  const health = useHealth();
  const current = useCurrentTab();
  // The locale's week start until the settings are read (they rarely differ): the ledger is read at
  // once instead of after the settings.
  const weekStart = settings ? effectiveWeekStart(settings, navigator.language) : LOCALE_WEEK_START;
  const summary = useLive(() => readSummary(db, Date.now(), { weekStart }), [weekStart], weekStart === LOCALE_WEEK_START ? firstSummary : undefined);
  const spend = summary?.spend;
  const budgets = useMemo(
    () => (settings && spend ? evaluateBudgets(settings.budgets, spend, localDay(Date.now()), weekStart) : []),
    [settings, spend, weekStart],
  );
  // The totals first: the rest is read once they are on screen, so it does not compete with them.
  const shown = summary !== undefined;
  const catalog = useCatalog(shown);
  const top = useLive(async () => (shown ? topConversations(db, new Date(`${monthStartDay(localDay(Date.now()))}T00:00:00`).getTime(), 8) : undefined), [shown]);
  const currentRow = useLive(
    async () => (shown && current?.conversationId ? ((await conversation(db, current.site, current.conversationId)) ?? null) : null),
    [shown, current?.site, current?.conversationId],
  );
  const currency: Currency = settings?.currency ?? { code: 'USD', usdRate: 1 };
  // Effects run after the browser painted: the first one with figures marks when they were shown.
  useEffect(() => {
    if (summary && performance.getEntriesByName(FIGURES_SHOWN_MARK).length === 0) performance.mark(FIGURES_SHOWN_MARK);
  }, [summary]);

  return (
    <main class="popup">
      <header>
        <h1>Spendmeter</h1>
        <span class="label" title="What the same tokens would cost through each provider's API">API-equivalent</span>
      </header>
      <Totals summary={summary} currency={currency} />
      {budgets.length > 0 && <Budgets statuses={budgets} currency={currency} />}
      {summary && <DailyChart days={summary.days} currency={currency} />}
      {settings && <LimitsSection warnPercent={settings.limits.warnPercent} />}
      {settings && summary && <PlanValueSection settings={settings} bySite={summary.bySite} currency={currency} now={Date.now()} />}
      {current && (
        <section aria-labelledby="tab-h">
          <h2 id="tab-h">This tab</h2>
          <p data-testid="current-conversation" {...(currentRow && current.conversationId !== null ? spendData(currentRow, currentRow.reasoningHiddenTurns) : {})}>
            {siteName(current.site)}
            {current.conversationId === null ? ': new conversation' : currentRow ? `: ${currentRow.turns} turns, ${formatSpend(currentRow, currentRow.reasoningHiddenTurns, currency)}${currentRow.unpricedTurns ? `, ${currentRow.unpricedTurns} unpriced` : ''}` : ': nothing recorded yet'}
          </p>
        </section>
      )}
      {summary && (
        <>
          <MonthTokens tokens={summary.monthTokens} />
          <MonthTools tools={summary.monthTools} currency={currency} />
          <LowerBoundNote turns={summary.month.lowerBoundTurns} />
          <Breakdown title="This month by site" rows={summary.bySite} name={siteName} currency={currency} testid="by-site" />
          {catalog && <Breakdown title="This month by model" rows={summary.byModel} name={catalog.modelName} currency={currency} testid="by-model" sources />}
        </>
      )}
      {top && top.length > 0 && catalog && <Conversations rows={top} currency={currency} modelName={catalog.modelName} />}
      <Health health={health} />
      <footer>
        <CatalogDate dataAsOf={catalog?.catalog.dataAsOf} />
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </footer>
    </main>
  );
}

/** This month's tokens; reasoning on a line of its own, where sites reported it. */
function MonthTokens({ tokens }: { tokens: LedgerSummary['monthTokens'] }) {
  if (tokens.input + tokens.output + tokens.reasoning === 0) return null;
  return (
    <p class="muted tokens" data-testid="month-tokens">
      This month: {formatTokens(tokens.input)} tokens in · {formatTokens(tokens.output)} out
      {tokens.reasoning > 0 && (
        <span data-testid="month-reasoning" data-value={String(tokens.reasoning)}>
          {' '}· {formatTokens(tokens.reasoning)} reasoning (billed as output)
        </span>
      )}
    </p>
  );
}

/** A spend's low and high end and whether it is a lower bound, for tests (the automation contract), beside the text formatSpend makes of them. */
function spendData(total: Pick<PeriodTotal, 'usd' | 'usdMax'>, lowerBound: number): Record<'data-value' | 'data-value-max' | 'data-lower-bound', string> {
  return { 'data-value': String(total.usd), 'data-value-max': String(total.usdMax ?? total.usd), 'data-lower-bound': String(lowerBound > 0) };
}

function Totals({ summary, currency }: { summary: LedgerSummary | undefined; currency: Currency }) {
  const cell = (title: string, total: PeriodTotal | undefined, id?: string) => (
    <div class="total">
      <h2>{title}</h2>
      <p class="usd" data-testid={id ? `${id}-usd` : undefined} {...(total ? spendData(total, total.lowerBoundTurns) : {})}>
        {total ? formatSpend(total, total.lowerBoundTurns, currency) : '…'}
      </p>
      <p class="turns" data-testid={id ? `${id}-turns` : undefined} data-value={total ? String(total.turns) : undefined}>
        {total ? `${total.turns} turn${total.turns === 1 ? '' : 's'}${total.unpricedTurns ? `, ${total.unpricedTurns} unpriced` : ''}` : ''}
      </p>
    </div>
  );
  return (
    <section class="totals" aria-label="What did I spend?">
      {cell('Today', summary?.today, 'today')}
      {cell('This week', summary?.week, 'week')}
      {cell('This month', summary?.month, 'month')}
    </section>
  );
}

const PERIOD_END: Record<BudgetStatus['period'], string> = { day: 'today', week: 'by the end of the week', month: 'by the end of the month' };

function Budgets({ statuses, currency }: { statuses: BudgetStatus[]; currency: Currency }) {
  return (
    <section aria-labelledby="budgets-h" class="budgets">
      <h2 id="budgets-h">Budgets</h2>
      <ul>
        {statuses.map((s) => {
          const name = budgetName(s);
          const percent = Math.round(s.share * 100);
          return (
            <li key={s.id} data-testid={`budget-${s.id}`} data-level={s.level} data-left={String(s.leftUsd)}>
              <div class="budget-head">
                <span>{name.charAt(0).toUpperCase() + name.slice(1)}</span>
                <span>
                  {formatMoney(s.spentUsd, currency)} of {formatMoney(s.limitUsd, currency)}
                </span>
              </div>
              <div class={`bar level-${s.level}`} role="meter" aria-label={name} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(percent, 100)} aria-valuetext={`${percent}% used`}>
                <span style={{ width: `${Math.min(100, s.share * 100)}%` }} />
              </div>
              <p class="budget-note">
                {s.level === 'over' ? `Over by ${formatMoney(s.spentUsd - s.limitUsd, currency)}` : `${formatMoney(s.leftUsd, currency)} left`}
                {s.projectedUsd !== null && s.spentUsd > 0 ? ` · on pace for ${formatMoney(s.projectedUsd, currency)} ${PERIOD_END[s.period]}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Breakdown(props: { title: string; rows: LedgerBreakdown[]; name: (key: string) => string; currency: Currency; testid: string; sources?: boolean }) {
  if (props.rows.length === 0) return null;
  // Bars follow the low end (what a row cost at least, as budgets and the badge count), the figure
  // the rows are sorted by, so a longer bar never sits below a shorter one; the text has the range.
  const max = Math.max(...props.rows.map((r) => r.usd), 0);
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      <ul class="rows" data-testid={props.testid}>
        {props.rows.map((row) => (
          <li key={row.key} data-key={row.key} {...spendData(row, row.lowerBoundTurns)} data-chosen={props.sources ? row.chosenTurns : undefined} data-assumed={props.sources ? row.assumedTurns : undefined}>
            <span class="name">
              {props.name(row.key)}
              {props.sources && <ModelSources row={row} />}
            </span>
            <span class="bar" aria-hidden="true">
              <span style={{ width: `${max > 0 ? (row.usd / max) * 100 : 0}%` }} />
            </span>
            <span class="figure">
              {formatSpend(row, row.lowerBoundTurns, props.currency)} · {row.turns}
              {row.unpricedTurns ? ` (${row.unpricedTurns} unpriced)` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Whether the site named a model or the user chose or we assumed it: "(3 you chose, 2 assumed)".
 * Turns recorded before sources were kept count as neither.
 */
function ModelSources({ row }: { row: LedgerBreakdown }) {
  const parts: string[] = [];
  if (row.chosenTurns) parts.push(`${row.chosenTurns} you chose`);
  if (row.assumedTurns) parts.push(`${row.assumedTurns} assumed: the page named no model`);
  if (parts.length === 0) return null;
  return <span class="muted sources"> ({parts.join(', ')})</span>;
}

function Conversations({ rows, currency, modelName }: { rows: ConversationRow[]; currency: Currency; modelName: (id: string) => string }) {
  return (
    <section aria-label="Top conversations this month">
      <h2>Top conversations this month</h2>
      <ul class="rows" data-testid="top-conversations">
        {rows.map((row) => {
          const adapter = ADAPTERS[row.site];
          const linkable = !row.conversationId.startsWith('page-');
          const label = `${adapter.name} · ${modelName(row.model)}`;
          return (
            <li key={`${row.site}/${row.conversationId}`} data-key={`${row.site}/${row.conversationId}`} {...spendData(row, row.reasoningHiddenTurns)}>
              {linkable ? (
                <a class="name" href={adapter.spec.conversationLink(row.conversationId)} target="_blank" rel="noreferrer">
                  {label}
                </a>
              ) : (
                <span class="name">{label} (unsaved chat)</span>
              )}
              <span class="figure">
                {row.turns} turn{row.turns === 1 ? '' : 's'} · {formatSpend(row, row.reasoningHiddenTurns, currency)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Health({ health }: { health: HealthMap }) {
  const entries = Object.entries(health) as [SiteId, NonNullable<HealthMap[SiteId]>][];
  return (
    <section aria-label="Tracking health">
      <h2>Tracking</h2>
      {entries.length === 0 ? (
        <p class="muted">Open a supported chat site to start tracking.</p>
      ) : (
        <ul class="rows" data-testid="health">
          {entries.map(([site, h]) => (
            <li key={site} data-site={site} data-status={h.status}>
              <span class="name">{siteName(site)}</span>
              <span class={h.status === 'ok' ? 'ok' : 'degraded'}>{describeHealth(h)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CatalogDate({ dataAsOf }: { dataAsOf: string | undefined }) {
  if (!dataAsOf) return <span />;
  const age = Math.floor((Date.now() - Date.parse(`${dataAsOf}T00:00:00Z`)) / 86_400_000);
  return (
    <span data-testid="catalog-date" class={age > STALE_CATALOG_DAYS ? 'stale' : 'muted'}>
      Prices as of {dataAsOf}
      {age > STALE_CATALOG_DAYS ? ` (${age} days old: import a newer catalog in Settings)` : ''}
    </span>
  );
}
