/**
 * What a plan is worth, as pure functions: this month's API-equivalent spend on a site set against
 * the plan's monthly price (the ratio), its projection to the month's end, and, over all sites with
 * a plan, whether paying per token would have been cheaper.
 */
import { formatMoney, type Currency } from '../format';

export interface PlanValue {
  /** API-equivalent spend this month ÷ the plan's monthly price; null on a free plan. */
  ratio: number | null;
  /** This month's spend carried on at its pace to the month's end. */
  projectedUsd: number;
  projectedRatio: number | null;
}

/**
 * Days in the local month of `now`, and how far into it `now` is in local calendar days: the whole
 * days before today and today's share of its own length (23 or 25 hours on a clock change), so a
 * month with a clock change still says 15 at midnight of the 16th.
 */
export function monthProgress(now: number): { days: number; elapsed: number } {
  const d = new Date(now);
  const dayStart = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const dayEnd = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  return { days: new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate(), elapsed: d.getDate() - 1 + (now - dayStart) / (dayEnd - dayStart) };
}

/**
 * The month so far against the plan. The projection divides by at least one day, so a first
 * morning's spend is not blown up into a month of it.
 */
export function planValue(monthUsd: number, planUsd: number, now: number): PlanValue {
  const { days, elapsed } = monthProgress(now);
  const projectedUsd = (monthUsd / Math.max(1, elapsed)) * days;
  const ratio = planUsd > 0 ? monthUsd / planUsd : null;
  return { ratio, projectedUsd: Math.max(projectedUsd, monthUsd), projectedRatio: planUsd > 0 ? Math.max(projectedUsd, monthUsd) / planUsd : null };
}

/** "2.4×" (two significant digits below 10, whole above). */
export const formatRatio = (ratio: number): string => `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toString()}×`;

/** "This month: $47.10 at API prices on a $20 plan: 2.4×". */
export function planLine(monthUsd: number, planUsd: number, currency: Currency, value: PlanValue): string {
  const plan = planUsd > 0 ? `a ${formatMoney(planUsd, currency)} plan` : 'a free plan';
  return `This month: ${formatMoney(monthUsd, currency)} at API prices on ${plan}${value.ratio === null ? '' : `: ${formatRatio(value.ratio)}`}`;
}

/** "12% of the plan" (spend as a share of the plan, for those who prefer it to API prices). */
export function shareLine(monthUsd: number, planUsd: number): string {
  return planUsd > 0 ? `This month: ${Math.round((monthUsd / planUsd) * 100)}% of the plan's price used at API prices` : 'This month: on a free plan';
}

/** Over all sites with a plan: the API-equivalent total against the plans' total. */
export function overallVerdict(sites: readonly { monthUsd: number; planUsd: number }[], currency: Currency): { cheaperPerToken: boolean; text: string } | null {
  const paid = sites.filter((s) => s.planUsd > 0);
  if (paid.length === 0) return null;
  const api = paid.reduce((a, s) => a + s.monthUsd, 0);
  const plans = paid.reduce((a, s) => a + s.planUsd, 0);
  const cheaper = api < plans;
  return {
    cheaperPerToken: cheaper,
    text: cheaper
      ? `Paying per token would have cost ${formatMoney(api, currency)} this month, less than your plans' ${formatMoney(plans, currency)}.`
      : `Paying per token would have cost ${formatMoney(api, currency)} this month, more than your plans' ${formatMoney(plans, currency)}: the plans are worth it.`,
  };
}
