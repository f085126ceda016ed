/**
 * The toolbar badge: today's spend, coloured by the most pressing budget (neutral, amber, red),
 * with a tooltip that names the budgets and what is left. Refreshed after every write, on settings
 * changes and at local midnight (an alarm, since a timer dies with the service worker).
 */
import type { BudgetLevel, BudgetStatus } from '../budgets/state';
import { budgetName, worstBudget } from '../budgets/state';
import { badgeText, formatMoney, type Currency } from '../format';
import { localDay, startOfNextDay } from '../ledger/days';
import type { PeriodTotal } from '../ledger';

export const MIDNIGHT_ALARM = 'spendmeter-midnight';

export const BADGE_COLORS: Record<BudgetLevel, string> = { ok: '#3b4252', warning: '#b35c00', over: '#c42b1c' };
/** Neutral: no budget set, or all of them ok. */
export const BADGE_NEUTRAL = BADGE_COLORS.ok;

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

export interface AlarmsApi {
  create(name: string, info: { when: number }): Promise<void> | void;
}

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Text, colour and tooltip for today's spend and the budget states (most pressing first). */
export function badgeLook(today: PeriodTotal, statuses: readonly BudgetStatus[], currency: Currency): BadgeLook {
  const text = badgeText(today.usd);
  const turns = `${today.turns} turn${today.turns === 1 ? '' : 's'}`;
  const lines = [text ? `Spendmeter: ${formatMoney(today.usd, currency)} today (API-equivalent), ${turns}` : 'Spendmeter: nothing spent today'];
  const worst = worstBudget(statuses);
  const ordered = worst ? [worst, ...statuses.filter((s) => s !== worst)] : [];
  for (const s of ordered) {
    const state = s.level === 'over' ? 'over ' : s.level === 'warning' ? `${Math.floor(s.share * 100)}% of ` : '';
    const name = state ? budgetName(s) : capitalize(budgetName(s));
    lines.push(`${capitalize(state)}${name}: ${formatMoney(s.leftUsd, currency)} left of ${formatMoney(s.limitUsd, currency)}`);
  }
  return { text, color: BADGE_COLORS[worst?.level ?? 'ok'], title: lines.join('\n') };
}

export async function showBadge(action: BadgeApi, look: BadgeLook): Promise<void> {
  await action.setBadgeText({ text: look.text });
  await action.setBadgeBackgroundColor({ color: look.color });
  await action.setTitle({ title: look.title });
}

export async function scheduleMidnight(alarms: AlarmsApi, now = Date.now()): Promise<number> {
  const when = startOfNextDay(localDay(now)) + 1000;
  await alarms.create(MIDNIGHT_ALARM, { when });
  return when;
}
