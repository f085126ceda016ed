/**
 * The popup: today, this week and this month; 30 days of daily spend; where it went (site, model,
 * conversation); this tab's conversation; tracking health; the catalog's date. All figures are
 * API-equivalent and come from the ledger's rollups.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { bundledCatalogData, findModel } from '@/lib/catalog';
import { baseCatalog } from '@/lib/catalog/active';
import { describeHealth, healthItem, type HealthMap } from '@/lib/background/health';
import { budgetName, evaluateBudgets, type BudgetStatus } from '@/lib/budgets/state';
import { formatMoney, type Currency } from '@/lib/format';
import { localDay, monthStartDay } from '@/lib/ledger/days';
import { conversation, openLedgerDb, readSummary, spendByPeriod, topConversations, UNKNOWN_MODEL, type ConversationRow, type LedgerSummary, type PeriodTotal } from '@/lib/ledger';
import { effectiveWeekStart, loadSettings, watchSettings, type Settings } from '@/lib/settings';
import { ADAPTERS } from '@/lib/sites';
import type { SiteId } from '@/lib/sites/hosts';
import { DailyChart } from './DailyChart';
import { useLive } from './useLive';

const db = openLedgerDb();
const STALE_CATALOG_DAYS = 60;

function siteName(id: string): string {
  return ADAPTERS[id as SiteId]?.name ?? id;
}

function modelName(id: string): string {
  if (id === UNKNOWN_MODEL) return 'Unpriced model';
  const match = findModel(bundledCatalogData(), id);
  return match.found ? match.model.name : id;
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
  const weekStart = settings ? effectiveWeekStart(settings, navigator.language) : undefined;
  const summary = useLive(async () => (weekStart === undefined ? undefined : readSummary(db, Date.now(), { weekStart })), [weekStart]);
  const spend = useLive(async () => (weekStart === undefined ? undefined : spendByPeriod(db, Date.now(), { weekStart })), [weekStart]);
  const budgets = useMemo(
    () => (settings && spend && weekStart !== undefined ? evaluateBudgets(settings.budgets, spend, localDay(Date.now()), weekStart) : []),
    [settings, spend, weekStart],
  );
  const top = useLive(() => topConversations(db, new Date(`${monthStartDay(localDay(Date.now()))}T00:00:00`).getTime(), 8), []);
  const currentRow = useLive(async () => (current?.conversationId ? ((await conversation(db, current.site, current.conversationId)) ?? null) : null), [current?.site, current?.conversationId]);
  const [dataAsOf, setDataAsOf] = useState<string>();
  useEffect(() => {
    void baseCatalog().then((c) => setDataAsOf(c.dataAsOf));
  }, []);
  const currency: Currency = settings?.currency ?? { code: 'USD', usdRate: 1 };

  return (
    <main class="popup">
      <header>
        <h1>Spendmeter</h1>
        <span class="label" title="What the same tokens would cost through each provider's API">API-equivalent</span>
      </header>
      <Totals summary={summary} currency={currency} />
      {budgets.length > 0 && <Budgets statuses={budgets} currency={currency} />}
      {summary && <DailyChart days={summary.days} currency={currency} />}
      {current && (
        <section aria-labelledby="tab-h">
          <h2 id="tab-h">This tab</h2>
          <p data-testid="current-conversation">
            {siteName(current.site)}
            {current.conversationId === null ? ': new conversation' : currentRow ? `: ${currentRow.turns} turns, ${formatMoney(currentRow.usd, currency)}${currentRow.unpricedTurns ? `, ${currentRow.unpricedTurns} unpriced` : ''}` : ': nothing recorded yet'}
          </p>
        </section>
      )}
      {summary && (
        <>
          <Breakdown title="This month by site" rows={summary.bySite} name={siteName} currency={currency} testid="by-site" />
          <Breakdown title="This month by model" rows={summary.byModel} name={modelName} currency={currency} testid="by-model" />
        </>
      )}
      {top && top.length > 0 && <Conversations rows={top} currency={currency} />}
      <Health health={health} />
      <footer>
        <CatalogDate dataAsOf={dataAsOf} />
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </footer>
    </main>
  );
}

function Totals({ summary, currency }: { summary: LedgerSummary | undefined; currency: Currency }) {
  const cell = (title: string, total: PeriodTotal | undefined, id?: string) => (
    <div class="total">
      <h2>{title}</h2>
      <p class="usd" data-testid={id ? `${id}-usd` : undefined} data-value={total ? String(total.usd) : undefined}>
        {total ? formatMoney(total.usd, currency) : '…'}
      </p>
      <p class="turns" data-testid={id ? `${id}-turns` : undefined} data-value={total ? String(total.turns) : undefined}>
        {total ? `${total.turns} turn${total.turns === 1 ? '' : 's'}${total.unpricedTurns ? `, ${total.unpricedTurns} unpriced` : ''}` : ''}
      </p>
    </div>
  );
  return (
    <section class="totals" aria-label="Spend">
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

function Breakdown(props: { title: string; rows: (PeriodTotal & { key: string })[]; name: (key: string) => string; currency: Currency; testid: string }) {
  if (props.rows.length === 0) return null;
  const max = Math.max(...props.rows.map((r) => r.usd), 0);
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      <ul class="rows" data-testid={props.testid}>
        {props.rows.map((row) => (
          <li key={row.key}>
            <span class="name">{props.name(row.key)}</span>
            <span class="bar" aria-hidden="true">
              <span style={{ width: `${max > 0 ? (row.usd / max) * 100 : 0}%` }} />
            </span>
            <span class="figure">
              {formatMoney(row.usd, props.currency)} · {row.turns}
              {row.unpricedTurns ? ` (${row.unpricedTurns} unpriced)` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Conversations({ rows, currency }: { rows: ConversationRow[]; currency: Currency }) {
  return (
    <section aria-label="Top conversations this month">
      <h2>Top conversations this month</h2>
      <ul class="rows" data-testid="top-conversations">
        {rows.map((row) => {
          const adapter = ADAPTERS[row.site];
          const linkable = !row.conversationId.startsWith('page-');
          const label = `${adapter.name} · ${modelName(row.model)}`;
          return (
            <li key={`${row.site}/${row.conversationId}`}>
              {linkable ? (
                <a class="name" href={adapter.spec.conversationLink(row.conversationId)} target="_blank" rel="noreferrer">
                  {label}
                </a>
              ) : (
                <span class="name">{label} (unsaved chat)</span>
              )}
              <span class="figure">
                {row.turns} turn{row.turns === 1 ? '' : 's'} · {formatMoney(row.usd, currency)}
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
