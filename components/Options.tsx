/**
 * Settings: per-site tracking, pill and default model, hidden overhead, context pricing, display
 * currency, price overrides, the catalog (import a newer one), and the data (export, import,
 * clear). Every change is validated before it is stored; a rejected value shows why and the
 * stored settings stay as they were.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { findModel, type Catalog } from '@/lib/catalog';
import { baseCatalog, importCatalog, resetCatalog } from '@/lib/catalog/active';
import { clearAll, clearBefore, openLedgerDb } from '@/lib/ledger';
import { exportCsv, exportJson, importJson } from '@/lib/ledger/transfer';
import { formatMoney } from '@/lib/format';
import { localeWeekStart } from '@/lib/ledger/days';
import type { LedgerChangedMessage } from '@/lib/messaging/protocol';
import { loadSettings, saveSettings, type BudgetPeriod, type Settings } from '@/lib/settings';
import { ADAPTERS } from '@/lib/sites';
import type { SiteId } from '@/lib/sites/hosts';
import { Aliases } from './Aliases';
import { PlanSettings } from './PlanSettings';

const db = openLedgerDb();

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The badge and budget states follow the ledger; the background redoes them on this word. */
function ledgerChanged() {
  browser.runtime.sendMessage({ kind: 'ledger-changed' } satisfies LedgerChangedMessage).catch(() => undefined);
}

/** A file picker for JSON files that hands over the chosen file's text. */
function JsonFileInput({ onText }: { onText: (text: string) => Promise<void> }) {
  return (
    <input
      type="file"
      accept="application/json,.json"
      onChange={async (e) => {
        const file = e.currentTarget.files?.[0];
        if (file) await onText(await file.text());
      }}
    />
  );
}

export function Options() {
  const [settings, setSettings] = useState<Settings>();
  const [catalog, setCatalog] = useState<Catalog>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void loadSettings().then(setSettings);
    void baseCatalog().then(setCatalog);
  }, []);

  async function save(next: Settings) {
    const result = await saveSettings(next);
    if (result.ok) {
      setSettings(next);
      setMessage({ kind: 'ok', text: 'Saved.' });
    } else {
      setMessage({ kind: 'error', text: `Not saved: ${result.message}` });
      setSettings(await loadSettings());
    }
  }

  if (!settings || !catalog) return <main class="options">Loading…</main>;
  const sites = Object.values(ADAPTERS);
  const setSite = (id: SiteId, patch: Partial<Settings['sites'][SiteId]>) => void save({ ...settings, sites: { ...settings.sites, [id]: { ...settings.sites[id], ...patch } } });

  return (
    <main class="options">
      <h1>Spendmeter settings</h1>
      <p role="status" aria-live="polite" data-testid="options-message" class={message?.kind === 'error' ? 'degraded' : 'ok'}>
        {message?.text ?? ''}
      </p>

      <section aria-labelledby="sites-h">
        <h2 id="sites-h">Sites</h2>
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Track</th>
              <th scope="col">Show pill</th>
              <th scope="col">Default model (when the page shows none)</th>
              <th scope="col">Hidden overhead tokens</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((a) => {
              const s = settings.sites[a.id];
              return (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <input type="checkbox" aria-label={`Track ${a.name}`} checked={s.enabled} onChange={(e) => setSite(a.id, { enabled: e.currentTarget.checked })} />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`Show the pill on ${a.name}`} checked={s.pill} onChange={(e) => setSite(a.id, { pill: e.currentTarget.checked })} />
                  </td>
                  <td>
                    <input
                      list="models"
                      aria-label={`Default model for ${a.name}`}
                      placeholder={a.spec.defaultModel}
                      value={s.defaultModel ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value.trim();
                        if (value && !findModel(catalog, value).found) {
                          setMessage({ kind: 'error', text: `Not saved: "${value}" is not a model in the catalog` });
                          e.currentTarget.value = s.defaultModel ?? '';
                          return;
                        }
                        setSite(a.id, { defaultModel: value || null });
                      }}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      step={1}
                      aria-label={`Hidden overhead tokens on ${a.name}`}
                      value={s.overheadTokens}
                      onChange={(e) => setSite(a.id, { overheadTokens: Number(e.currentTarget.value) })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="muted">
          Hidden overhead is what a site adds to every request (system prompt, tool definitions). No researched figures are bundled, so it
          starts at 0; costs are a lower bound until you set it.
        </p>
        <datalist id="models">
          {catalog.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </datalist>
      </section>

      <section aria-labelledby="pricing-h">
        <h2 id="pricing-h">Pricing</h2>
        <fieldset>
          <legend>Re-sent context is billed at</legend>
          {(['input', 'cached'] as const).map((mode) => (
            <label key={mode}>
              <input type="radio" name="context" checked={settings.contextPricing === mode} onChange={() => void save({ ...settings, contextPricing: mode })} />
              {mode === 'input' ? ' the full input price' : ' the cached-input price, where the model has one'}
            </label>
          ))}
        </fieldset>
        <label>
          Display currency{' '}
          <input aria-label="Currency code" size={4} value={settings.currency.code} onChange={(e) => void save({ ...settings, currency: { ...settings.currency, code: e.currentTarget.value.trim().toUpperCase() } })} />
        </label>{' '}
        <label>
          units per US dollar{' '}
          <input type="number" step="any" min="0" aria-label="Units of the display currency per US dollar" value={settings.currency.usdRate} onChange={(e) => void save({ ...settings, currency: { ...settings.currency, usdRate: Number(e.currentTarget.value) } })} />
        </label>
        <p class="muted">Amounts are stored in USD; this changes only how they are shown.</p>
      </section>

      <Budgets settings={settings} save={save} onError={(text) => setMessage({ kind: 'error', text })} />
      <PlanSettings settings={settings} save={save} onError={(text) => setMessage({ kind: 'error', text })} />

      <Overrides settings={settings} catalog={catalog} save={save} onError={(text) => setMessage({ kind: 'error', text })} />

      <Aliases settings={settings} catalog={catalog} save={save} onError={(text) => setMessage({ kind: 'error', text })} />

      <section aria-labelledby="catalog-h">
        <h2 id="catalog-h">Price catalog</h2>
        <p data-testid="catalog-info">
          Version {catalog.version}, prices as of {catalog.dataAsOf}, {catalog.models.length} models.
        </p>
        <label>
          Import a newer catalog file{' '}
          <JsonFileInput
            onText={async (text) => {
              const result = await importCatalog(text);
              if (result.ok) {
                setCatalog(result.catalog);
                setMessage({ kind: 'ok', text: `Catalog imported: ${result.catalog.models.length} models, prices as of ${result.catalog.dataAsOf}.` });
              } else setMessage({ kind: 'error', text: `Catalog rejected, the old one is kept: ${result.message}` });
            }}
          />
        </label>{' '}
        <button type="button" onClick={async () => (await resetCatalog(), setCatalog(await baseCatalog()), setMessage({ kind: 'ok', text: 'Using the bundled catalog.' }))}>
          Use the bundled catalog
        </button>
      </section>

      <section aria-labelledby="data-h">
        <h2 id="data-h">Your data</h2>
        <p class="muted">The ledger holds ids, token counts, costs and times; never chat text.</p>
        <button type="button" onClick={async () => download('spendmeter-ledger.csv', 'text/csv', await exportCsv(db))}>
          Export CSV
        </button>{' '}
        <button type="button" onClick={async () => download('spendmeter-ledger.json', 'application/json', await exportJson(db))}>
          Export JSON
        </button>{' '}
        <label>
          Import a JSON export{' '}
          <JsonFileInput
            onText={async (text) => {
              const result = await importJson(db, text);
              if (result.ok) ledgerChanged();
              setMessage(result.ok ? { kind: 'ok', text: `Imported ${result.added} turns (${result.skipped} were already there).` } : { kind: 'error', text: result.message });
            }}
          />
        </label>
        <ClearData onDone={(text) => setMessage({ kind: 'ok', text })} />
      </section>
    </main>
  );
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A budget amount field: empty means no budget. Text the browser cannot read as a number is
 * reported, never saved as "no budget".
 */
function AmountInput(props: { label: string; value: number | null; onValue: (usd: number | null) => void; onError: (text: string) => void }) {
  return (
    <input
      type="number"
      step="any"
      min="0"
      placeholder="none"
      aria-label={props.label}
      value={props.value ?? ''}
      onChange={(e) => {
        const input = e.currentTarget;
        if (input.validity.badInput) return props.onError(`Not saved: ${props.label} must be a number.`);
        props.onValue(input.value.trim() === '' ? null : Number(input.value));
      }}
    />
  );
}

function Budgets(props: { settings: Settings; save: (s: Settings) => Promise<void>; onError: (text: string) => void }) {
  const { settings, save, onError } = props;
  const budgets = settings.budgets;
  const set = (patch: Partial<Settings['budgets']>) => void save({ ...settings, budgets: { ...budgets, ...patch } });
  const setSiteBudget = (id: SiteId, next: { period: BudgetPeriod; usd: number | null }) => {
    const { [id]: _old, ...rest } = budgets.sites;
    set({ sites: next.usd === null ? rest : { ...rest, [id]: { period: next.period, usd: next.usd } } });
  };
  const shown = settings.currency.code === 'USD' ? null : settings.currency;
  const inCurrency = (usd: number | null) => (shown && usd !== null ? ` = ${formatMoney(usd, shown)}` : '');
  return (
    <section aria-labelledby="budgets-h" class="budget-settings">
      <h2 id="budgets-h">Budgets</h2>
      <p class="muted">Amounts in US dollars of API-equivalent spend; leave a field empty for no budget.</p>
      <div class="budget-fields">
        {(
          [
            ['daily', 'Daily budget (USD)'],
            ['weekly', 'Weekly budget (USD)'],
            ['monthly', 'Monthly budget (USD)'],
          ] as const
        ).map(([key, label]) => (
          <label key={key}>
            {label}{' '}
            <AmountInput label={label} value={budgets[key]} onValue={(usd) => set({ [key]: usd })} onError={onError} />
            {inCurrency(budgets[key])}
          </label>
        ))}
      </div>
      <label>
        Warn at{' '}
        <input type="number" min={1} max={100} step={1} aria-label="Warning threshold in percent" value={budgets.warnPercent} onChange={(e) => set({ warnPercent: Number(e.currentTarget.value) })} />
        % of a budget
      </label>
      <label>
        Weeks start on{' '}
        <select
          aria-label="First day of the week"
          value={String(settings.weekStart)}
          onChange={(e) => void save({ ...settings, weekStart: e.currentTarget.value === 'locale' ? 'locale' : Number(e.currentTarget.value) })}
        >
          <option value="locale">the locale's first day ({WEEKDAYS[localeWeekStart(navigator.language)]})</option>
          {WEEKDAYS.map((day, i) => (
            <option key={day} value={String(i)}>
              {day}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={budgets.notify} onChange={(e) => set({ notify: e.currentTarget.checked })} /> Notify me when a budget reaches the warning level and
        when it is used up (once per budget and period)
      </label>
      <label>
        <input type="checkbox" checked={budgets.confirmOverBudget} onChange={(e) => set({ confirmOverBudget: e.currentTarget.checked })} /> Confirm before sending a
        message that would go over a budget (the first Enter or click is held; typing never is)
      </label>
      <table class="grid">
        <caption>Per-site budgets</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Budget (USD)</th>
            <th scope="col">Per</th>
          </tr>
        </thead>
        <tbody>
          {Object.values(ADAPTERS).map((a) => {
            const b = budgets.sites[a.id];
            return (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>
                  <AmountInput label={`Budget for ${a.name} (USD)`} value={b?.usd ?? null} onValue={(usd) => setSiteBudget(a.id, { period: b?.period ?? 'month', usd })} onError={onError} />
                </td>
                <td>
                  <select aria-label={`Budget period for ${a.name}`} value={b?.period ?? 'month'} disabled={!b} onChange={(e) => b && setSiteBudget(a.id, { period: e.currentTarget.value as BudgetPeriod, usd: b.usd })}>
                    <option value="day">day</option>
                    <option value="week">week</option>
                    <option value="month">month</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Overrides(props: { settings: Settings; catalog: Catalog; save: (s: Settings) => Promise<void>; onError: (text: string) => void }) {
  const { settings, catalog, save } = props;
  const [draft, setDraft] = useState({ model: '', input: '', cachedInput: '', output: '' });
  const entries = Object.entries(settings.priceOverrides);
  return (
    <section aria-labelledby="overrides-h">
      <h2 id="overrides-h">Price overrides</h2>
      <p class="muted">Your own prices (USD per million tokens) replace the catalog's for a model, and are marked "your price" wherever they show.</p>
      {entries.length > 0 && (
        <ul class="rows" data-testid="overrides">
          {entries.map(([id, o]) => (
            <li key={id}>
              <span class="name">{id}</span>
              <span class="figure">
                in ${o.input} · cached {o.cachedInput === undefined ? '—' : `$${o.cachedInput}`} · out ${o.output}
              </span>
              <button
                type="button"
                onClick={() => {
                  const { [id]: _gone, ...rest } = settings.priceOverrides;
                  void save({ ...settings, priceOverrides: rest });
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const match = findModel(catalog, draft.model);
          if (!match.found) {
            props.onError(`Not saved: "${draft.model}" is not a model in the catalog`);
            return;
          }
          const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
          const override = { input: num(draft.input), output: num(draft.output), ...(draft.cachedInput.trim() ? { cachedInput: num(draft.cachedInput) } : {}) };
          void save({ ...settings, priceOverrides: { ...settings.priceOverrides, [match.model.id]: override } });
        }}
      >
        <input list="models" aria-label="Model" placeholder="model id" value={draft.model} onInput={(e) => setDraft({ ...draft, model: e.currentTarget.value })} />{' '}
        <input aria-label="Input price" placeholder="input" size={7} value={draft.input} onInput={(e) => setDraft({ ...draft, input: e.currentTarget.value })} />{' '}
        <input aria-label="Cached input price" placeholder="cached" size={7} value={draft.cachedInput} onInput={(e) => setDraft({ ...draft, cachedInput: e.currentTarget.value })} />{' '}
        <input aria-label="Output price" placeholder="output" size={7} value={draft.output} onInput={(e) => setDraft({ ...draft, output: e.currentTarget.value })} />{' '}
        <button type="submit">Add override</button>
      </form>
    </section>
  );
}

function ClearData({ onDone }: { onDone: (text: string) => void }) {
  const [before, setBefore] = useState('');
  return (
    <div class="clear">
      <label>
        Delete data older than <input type="date" aria-label="Delete data older than" value={before} onInput={(e) => setBefore(e.currentTarget.value)} />
      </label>{' '}
      <button
        type="button"
        disabled={!before}
        onClick={async () => {
          if (!confirm(`Delete every turn before ${before}? This cannot be undone.`)) return;
          onDone(`Deleted ${await clearBefore(db, before)} turns.`);
          ledgerChanged();
        }}
      >
        Delete older data
      </button>{' '}
      <button
        type="button"
        onClick={async () => {
          if (!confirm('Delete all recorded turns? This cannot be undone.')) return;
          await clearAll(db);
          onDone('All data deleted.');
          ledgerChanged();
        }}
      >
        Delete all data
      </button>
    </div>
  );
}
