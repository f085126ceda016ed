/**
 * The toolbar badge: today's spend, refreshed after every write and at local midnight (an alarm,
 * since a timer dies with the service worker).
 */
import { badgeText } from '../format';
import { localDay, startOfNextDay } from '../ledger/days';
import { todaySpend, type LedgerDb } from '../ledger';

export const MIDNIGHT_ALARM = 'spendmeter-midnight';

/** Neutral until budgets exist; budget states will add their colours. */
export const BADGE_NEUTRAL = '#3b4252';

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

export interface AlarmsApi {
  create(name: string, info: { when: number }): Promise<void> | void;
}

export async function refreshBadge(db: LedgerDb, action: BadgeApi, now = Date.now()): Promise<string> {
  const today = await todaySpend(db, now);
  const text = badgeText(today.usd);
  await action.setBadgeText({ text });
  await action.setBadgeBackgroundColor({ color: BADGE_NEUTRAL });
  const turns = `${today.turns} turn${today.turns === 1 ? '' : 's'}`;
  await action.setTitle({ title: text ? `Spendmeter: ${text} today (API-equivalent), ${turns}` : `Spendmeter: nothing spent today` });
  return text;
}

export async function scheduleMidnight(alarms: AlarmsApi, now = Date.now()): Promise<number> {
  const when = startOfNextDay(localDay(now)) + 1000;
  await alarms.create(MIDNIGHT_ALARM, { when });
  return when;
}
