/**
 * The popup's "Is my plan worth it?": per site with a plan, this month's API-equivalent spend set
 * against the plan's price (or, by choice, spend as a share of the plan), a projection to the
 * month's end, and overall whether paying per token would have been cheaper. Left out when no plan
 * is set.
 */
import { formatMoney, type Currency } from '@/lib/format';
import type { Breakdown } from '@/lib/ledger';
import { formatRatio, overallVerdict, planLine, planValue, shareLine } from '@/lib/plans/value';
import { planById } from '@/lib/plans/table';
import type { Settings } from '@/lib/settings';
import { siteName, type SiteId } from '@/lib/sites/hosts';

export function PlanValueSection({ settings, bySite, currency, now }: { settings: Settings; bySite: Breakdown[]; currency: Currency; now: number }) {
  const plans = Object.entries(settings.plans) as [SiteId, NonNullable<Settings['plans'][SiteId]>][];
  if (plans.length === 0) return null;
  const rows = plans.map(([site, plan]) => ({ site, plan, monthUsd: bySite.find((b) => b.key === site)?.usd ?? 0 }));
  const verdict = overallVerdict(rows.map((r) => ({ monthUsd: r.monthUsd, planUsd: r.plan.usdMonthly })), currency);
  const share = settings.planDisplay === 'share';
  return (
    <section aria-labelledby="plans-h" class="plans" data-testid="plans">
      <h2 id="plans-h">Is my plan worth it?</h2>
      <ul>
        {rows.map(({ site, plan, monthUsd }) => {
          const value = planValue(monthUsd, plan.usdMonthly, now);
          const name = planById(plan.plan)?.name ?? 'your plan';
          return (
            <li key={site} data-testid={`plan-value-${site}`} data-ratio={value.ratio === null ? '' : String(value.ratio)}>
              <div class="budget-head">
                <span>
                  {siteName(site)} · {name}
                </span>
                {value.ratio !== null && !share && <span class="ratio">{formatRatio(value.ratio)}</span>}
              </div>
              <p class="budget-note">{share ? shareLine(monthUsd, plan.usdMonthly) : planLine(monthUsd, plan.usdMonthly, currency, value)}</p>
              {monthUsd > 0 && value.projectedRatio !== null && (
                <p class="budget-note muted">
                  {share
                    ? `On pace for ${Math.round(value.projectedRatio * 100)}% by the month's end`
                    : `On pace for ${formatMoney(value.projectedUsd, currency)} by the month's end (${formatRatio(value.projectedRatio)})`}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {verdict && !share && (
        <p data-testid="plan-verdict" data-cheaper-per-token={String(verdict.cheaperPerToken)}>
          {verdict.text}
        </p>
      )}
    </section>
  );
}
