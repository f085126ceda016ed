/**
 * Limit readings over time, as pure functions: keeping the latest reading per site and window with a
 * short history, the level a reading is at for the user's threshold, whether it is stale, and the
 * pace (when the window runs out at the rate of the recent readings).
 */
import type { LimitWindow } from '../usage/wire';
import type { SiteId } from '../sites/hosts';

/** One stored reading: the site's figures, when it was seen, and the recent shares used. */
export interface LimitReading extends LimitWindow {
  site: SiteId;
  seenAt: number;
  /** Earlier shares used in this same window (same reset), oldest first, with when they were seen. */
  history: { at: number; used: number }[];
}

/** `<site>:<window>` → the latest reading. */
export type LimitBook = Record<string, LimitReading>;

/** A chat the site answered with a smaller model at a cap (ChatGPT), per site. */
export interface FallbackNote {
  conversationId: string | null;
  note: string;
  seenAt: number;
}

export const HISTORY_LIMIT = 12;
export const limitKey = (site: string, window: string) => `${site}:${window}`;

/** A window's readings share a reset time within this much (Claude's resets_at moves by seconds). */
export const SAME_RESET_MS = 5 * 60 * 1000;

/** The book with `windows` from `site` seen at `seenAt`; an older reading never replaces a newer one. */
export function addReadings(book: LimitBook, site: SiteId, windows: readonly LimitWindow[], seenAt: number): LimitBook {
  const next: LimitBook = { ...book };
  for (const w of windows) {
    const key = limitKey(site, w.window);
    const had = next[key];
    if (had && had.seenAt > seenAt) continue;
    const sameWindow = had && had.used !== null && (had.resetsAt === null || w.resetsAt === null || Math.abs(had.resetsAt - w.resetsAt) <= SAME_RESET_MS);
    const history = sameWindow ? [...had.history, { at: had.seenAt, used: had.used! }].slice(-HISTORY_LIMIT) : [];
    next[key] = { ...w, site, seenAt, history };
  }
  return next;
}

export type LimitLevel = 'ok' | 'warning' | 'over';

/** The share used, from the site's share or its counts (remaining 0 is all used); null when unknown. */
export function usedShare(r: Pick<LimitWindow, 'used' | 'remaining' | 'total'>): number | null {
  if (r.used !== null) return r.used;
  if (r.remaining !== null && r.total !== null && r.total > 0) return Math.min(1, Math.max(0, 1 - r.remaining / r.total));
  if (r.remaining === 0) return 1;
  return null;
}

/** `warning` from the user's threshold (percent), `over` at 100%. */
export function limitLevel(r: Pick<LimitWindow, 'used' | 'remaining' | 'total'>, warnPercent: number): LimitLevel {
  const used = usedShare(r);
  if (used === null) return 'ok';
  if (used >= 1) return 'over';
  return used * 100 >= warnPercent ? 'warning' : 'ok';
}

/**
 * A reading is stale once its window has reset since it was seen, or when it is older than the
 * window is long: the site's meter has moved on and we have not seen it.
 */
export function isStale(r: Pick<LimitReading, 'seenAt' | 'resetsAt' | 'windowSeconds'>, now: number): boolean {
  if (r.resetsAt !== null && now >= r.resetsAt) return true;
  if (r.windowSeconds !== null && now - r.seenAt > r.windowSeconds * 1000) return true;
  return false;
}

export type Pace = { kind: 'runs-out'; at: number } | { kind: 'lasts' } | { kind: 'unknown' };

/**
 * At the rate of the recent readings in this window (the first and the latest), when the window
 * would be used up: before it resets ("runs out at"), or not ("lasts"). With one reading only, the
 * rate since the window began (reset − length) stands in. Unknown without a share or a reset.
 */
export function pace(r: Pick<LimitReading, 'used' | 'resetsAt' | 'windowSeconds' | 'seenAt' | 'history'>): Pace {
  if (r.used === null || r.resetsAt === null) return { kind: 'unknown' };
  if (r.used >= 1) return { kind: 'runs-out', at: r.seenAt };
  let rate: number | null = null; // share per ms
  const first = r.history.find((h) => r.seenAt - h.at > 0);
  if (first && r.used > first.used) rate = (r.used - first.used) / (r.seenAt - first.at);
  else if (first && r.used <= first.used) rate = 0;
  else if (r.windowSeconds !== null) {
    const start = r.resetsAt - r.windowSeconds * 1000;
    if (r.seenAt > start) rate = r.used / (r.seenAt - start);
  }
  if (rate === null) return { kind: 'unknown' };
  if (rate <= 0) return { kind: 'lasts' };
  const at = Math.round(r.seenAt + (1 - r.used) / rate);
  return at < r.resetsAt ? { kind: 'runs-out', at } : { kind: 'lasts' };
}

/** The most pressing current reading of a site (highest share used), or null. */
export function mostPressing(book: LimitBook, site: SiteId, now: number): LimitReading | null {
  let best: LimitReading | null = null;
  for (const r of Object.values(book)) {
    if (r.site !== site || isStale(r, now)) continue;
    const used = usedShare(r);
    if (used === null) continue;
    if (!best || used > usedShare(best)!) best = r;
  }
  return best;
}

/** The readings of each site, in a stable order (site, then window). */
export function readingsBySite(book: LimitBook): Map<SiteId, LimitReading[]> {
  const out = new Map<SiteId, LimitReading[]>();
  for (const r of Object.values(book).sort((a, b) => a.site.localeCompare(b.site) || a.window.localeCompare(b.window))) {
    out.set(r.site, [...(out.get(r.site) ?? []), r]);
  }
  return out;
}

/** The window's name in words: `5h` → "5-hour limit", `7d` → "7-day limit", a feature → its words. */
export function windowName(window: string): string {
  const m = /^(\d{1,3})(m|h|d)$/.exec(window);
  if (m) return `${m[1]}-${{ m: 'minute', h: 'hour', d: 'day' }[m[2] as 'm' | 'h' | 'd']} limit`;
  return `${window.replace(/[_:]+/g, ' ')} limit`;
}

/** "14:20" today, else "Tue 14:20"; the hour after midnight is "00" (`hour12: false` says "24" in en-US on some engines). */
export function clockTime(at: number, now: number, locale?: string): string {
  const time = new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? time : `${new Date(at).toLocaleDateString(locale, { weekday: 'short' })} ${time}`;
}

/** "2 h 05 min", "3 d 4 h", "12 min". */
export function countdown(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A window's length in words: 7200 → "2-hour window", 1800 → "30-minute window", 86400 → "1-day window". */
export function windowLength(seconds: number): string {
  const [n, unit] = seconds % 86400 === 0 ? [seconds / 86400, 'day'] : seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${n}-${unit} window`;
}

/**
 * The popup's note under a window: the reset countdown and the pace, or that the reading is stale.
 * A site that names no reset time (Grok) gets what it did say, uses left of the total and the
 * window's length, and the plain fact that no reset time was given, rather than an empty line.
 */
export function limitNote(r: LimitReading, now: number, locale?: string): string {
  if (isStale(r, now)) return `Stale: seen ${clockTime(r.seenAt, now, locale)}; the window has moved on since.`;
  if (r.resetsAt === null) {
    return [
      r.remaining !== null && r.total !== null ? `${r.remaining} of ${r.total} left` : null,
      r.windowSeconds !== null && r.windowSeconds > 0 ? windowLength(r.windowSeconds) : null,
      'the site gives no reset time',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  const p = pace(r);
  return [
    `Resets in ${countdown(r.resetsAt - now)} (${clockTime(r.resetsAt, now, locale)})`,
    p.kind === 'runs-out' ? `at this rate the window runs out at ${clockTime(p.at, now, locale)}` : p.kind === 'lasts' ? 'at this pace it lasts' : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The pill's compact line: "5-hour limit 86% · resets 14:20". */
export function limitLine(r: LimitReading, now: number, locale?: string): string {
  const used = usedShare(r);
  const parts = [`${windowName(r.window)} ${used === null ? `${r.remaining ?? '?'} left` : `${Math.floor(used * 100)}%`}`];
  if (r.resetsAt !== null) parts.push(`resets ${clockTime(r.resetsAt, now, locale)}`);
  return parts.join(' · ');
}

/** What ChatGPT's model adjustment says, in words. */
export const FALLBACK_TEXT = 'ChatGPT switched this chat to a smaller model (message cap)';
