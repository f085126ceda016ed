/**
 * Options: the plan paid for on each site (pay-as-you-go, a plan from the table in lib/plans, or a
 * price of one's own), its monthly price in the display currency, how the popup shows spend on a
 * plan, and the usage-limit threshold and notices. A bad value is refused with a message and
 * nothing changes.
 */
import { formatMoney } from '@/lib/format';
import { CUSTOM_PLAN, planById, plansFor } from '@/lib/plans/table';
import type { Settings } from '@/lib/settings';
import { ADAPTERS } from '@/lib/sites';
import type { SiteId } from '@/lib/sites/hosts';

const NONE = '';

export function PlanSettings(props: { settings: Settings; save: (s: Settings) => Promise<void>; onError: (text: string) => void }) {
  const { settings, save, onError } = props;
  const { currency } = settings;
  const setPlan = (site: SiteId, next: { plan: string; usdMonthly: number } | null) => {
    const { [site]: _old, ...rest } = settings.plans;
    void save({ ...settings, plans: next === null ? rest : { ...rest, [site]: next } });
  };
  const toDisplay = (usd: number) => Math.round(usd * currency.usdRate * 100) / 100;
  return (
    <section aria-labelledby="plans-h" class="plan-settings">
      <h2 id="plans-h">Plans and limits</h2>
      <p class="muted">
        The plan you pay for on each site, to set this month's API-equivalent spend against it. Prices from a dated, sourced table (lib/plans/plans.json); change
        the price to what you pay, in {currency.code}.
      </p>
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Plan</th>
            <th scope="col">Monthly price ({currency.code})</th>
          </tr>
        </thead>
        <tbody>
          {Object.values(ADAPTERS).map((a) => {
            const chosen = settings.plans[a.id];
            const rows = plansFor(a.id);
            return (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>
                  <select
                    aria-label={`Plan on ${a.name}`}
                    data-testid={`plan-select-${a.id}`}
                    value={chosen?.plan ?? NONE}
                    onChange={(e) => {
                      const id = e.currentTarget.value;
                      if (id === NONE) return setPlan(a.id, null);
                      setPlan(a.id, { plan: id, usdMonthly: planById(id)?.usdMonthly ?? chosen?.usdMonthly ?? 0 });
                    }}
                  >
                    <option value={NONE}>none / pay-as-you-go</option>
                    {rows.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({formatMoney(p.usdMonthly, currency)})
                      </option>
                    ))}
                    <option value={CUSTOM_PLAN}>another plan (my price)</option>
                  </select>
                </td>
                <td>
                  {chosen && (
                    <input
                      type="number"
                      min={0}
                      step="0.01"
                      aria-label={`Monthly price of the plan on ${a.name} in ${currency.code}`}
                      data-testid={`plan-price-${a.id}`}
                      value={toDisplay(chosen.usdMonthly)}
                      onChange={(e) => {
                        const input = e.currentTarget;
                        const value = Number(input.value);
                        if (input.validity.badInput || input.value.trim() === '' || !Number.isFinite(value)) {
                          input.value = String(toDisplay(chosen.usdMonthly));
                          return onError(`Not saved: the price of the plan on ${a.name} must be a number.`);
                        }
                        setPlan(a.id, { plan: chosen.plan, usdMonthly: value / currency.usdRate });
                      }}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label>
        <input
          type="checkbox"
          data-testid="plan-display-share"
          checked={settings.planDisplay === 'share'}
          onChange={(e) => void save({ ...settings, planDisplay: e.currentTarget.checked ? 'share' : 'api' })}
        />{' '}
        On a site with a plan, show spend as a share of the plan instead of API prices
      </label>
      <label>
        Limits: amber from{' '}
        <input
          type="number"
          min={1}
          max={100}
          step={1}
          aria-label="Limit warning threshold in percent"
          value={settings.limits.warnPercent}
          onChange={(e) => void save({ ...settings, limits: { ...settings.limits, warnPercent: Number(e.currentTarget.value) } })}
        />
        % of a window the site reports
      </label>
      <label>
        <input type="checkbox" checked={settings.limits.notify} onChange={(e) => void save({ ...settings, limits: { ...settings.limits, notify: e.currentTarget.checked } })} /> Notify me when a
        site's limit window reaches that share and when it is used up
      </label>
    </section>
  );
}
