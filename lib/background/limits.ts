/**
 * Limit readings in the background: keep the latest per site and window (lib/limits/store), note a
 * smaller-model fallback, and announce a window the first time it reaches the user's threshold and
 * the first time it is used up, once per window (per reset) and level, through the same
 * notifications as the budget notices.
 */
import { limitBookItem, limitFallbackItem, limitNoticesItem, type LimitNotices } from '../limits/store';
import { addReadings, SAME_RESET_MS, isStale, limitKey, limitLevel, usedShare, windowName, clockTime, type LimitReading } from '../limits/state';
import type { LimitsMessage } from '../messaging/protocol';
import { loadSettings } from '../settings';
import { SUPPORTED_SITES } from '../sites/hosts';
import type { Notifier } from './budgets';

const siteName = (site: string) => SUPPORTED_SITES.find((s) => s.id === site)?.name ?? site;
const RANK = { warning: 1, over: 2 } as const;

/** The notification for a window at `level`; its id is fixed per window, reset and level. */
export function limitNotice(r: LimitReading, level: 'warning' | 'over', now: number): { id: string; title: string; message: string } {
  const used = usedShare(r) ?? 1;
  const resets = r.resetsAt === null ? '' : ` It resets at ${clockTime(r.resetsAt, now)}.`;
  const id = `spendmeter-limit:${limitKey(r.site, r.window)}@${r.resetsAt ?? 'open'}:${level}`;
  return level === 'over'
    ? { id, title: `${siteName(r.site)}: ${windowName(r.window)} reached`, message: `The site reports this window used up.${resets}` }
    : { id, title: `${siteName(r.site)}: ${windowName(r.window)} at ${Math.floor(used * 100)}%`, message: `The site reports ${Math.floor(used * 100)}% of this window used.${resets}` };
}

function sameReset(stored: string, resetsAt: number | null): boolean {
  if (stored === 'open' || resetsAt === null) return stored === 'open' && resetsAt === null;
  return Math.abs(Number(stored) - resetsAt) <= SAME_RESET_MS;
}

export async function recordLimits(message: LimitsMessage, notifier: Notifier | null, now = Date.now()): Promise<string[]> {
  const book = addReadings(await limitBookItem.getValue(), message.site, message.windows, message.seenAt);
  await limitBookItem.setValue(book);
  if (message.fallback !== null) {
    const notes = await limitFallbackItem.getValue();
    await limitFallbackItem.setValue({ ...notes, [message.site]: { conversationId: message.conversationId, note: message.fallback, seenAt: message.seenAt } });
  }
  const settings = await loadSettings();
  const stored = await limitNoticesItem.getValue();
  const notices: LimitNotices = {};
  for (const [key, n] of Object.entries(stored)) if (n.until > now) notices[key] = n;
  const due: { reading: LimitReading; level: 'warning' | 'over' }[] = [];
  for (const w of message.windows) {
    const reading = book[limitKey(message.site, w.window)];
    if (!reading || reading.seenAt !== message.seenAt || isStale(reading, now)) continue;
    const level = limitLevel(reading, settings.limits.warnPercent);
    if (level === 'ok') continue;
    // The same window is the same reset give or take a few minutes (Claude's resets_at can move by seconds).
    const prefix = `${limitKey(reading.site, reading.window)}@`;
    const same = Object.keys(notices).find((k) => k.startsWith(prefix) && sameReset(k.slice(prefix.length), reading.resetsAt));
    const key = same ?? `${prefix}${reading.resetsAt ?? 'open'}`;
    const had = notices[key];
    if (had && RANK[had.level] >= RANK[level]) continue;
    notices[key] = { level, until: reading.resetsAt ?? now + (reading.windowSeconds ?? 86400) * 1000 };
    due.push({ reading, level });
  }
  if (due.length > 0 || Object.keys(notices).length !== Object.keys(stored).length) await limitNoticesItem.setValue(notices);
  const shown: string[] = [];
  if (!settings.limits.notify || !notifier) return shown;
  for (const { reading, level } of due) {
    const notice = limitNotice(reading, level, now);
    try {
      await notifier.api.create(notice.id, { type: 'basic', iconUrl: notifier.iconUrl, title: notice.title, message: notice.message });
      shown.push(notice.id);
    } catch {
      // A blocked notification is not worth failing for; the pill and the popup still say it.
    }
  }
  return shown;
}
