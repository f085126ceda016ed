/**
 * Calendar arithmetic in the user's time zone. Days are `YYYY-MM-DD` strings of the local date, so
 * they sort, compare and index as strings; a turn belongs to the day its reply finished.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(key, f);
  }
  return f;
}

/** The local calendar day of an instant. */
export function localDay(at: number, timeZone?: string): string {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function toUtcNoon(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` moved by `n` calendar days (DST never shifts a calendar day). */
export function addDays(day: string, n: number): string {
  const date = toUtcNoon(day);
  date.setUTCDate(date.getUTCDate() + n);
  return fromUtc(date);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return toUtcNoon(day).getUTCDay();
}

/** First day of the week containing `day`, for weeks starting on `weekStart` (0 = Sunday, 1 = Monday …). */
export function weekStartDay(day: string, weekStart: number): string {
  const back = (weekday(day) - weekStart + 7) % 7;
  return addDays(day, -back);
}

export function monthStartDay(day: string): string {
  return `${day.slice(0, 8)}01`;
}

export function nextMonthStartDay(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The locale's first day of the week (Intl week info where the engine has it; else Monday). */
export function localeWeekStart(locale?: string): number {
  try {
    const l = new Intl.Locale(locale ?? Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info) return info.firstDay % 7; // Intl: 1 = Monday … 7 = Sunday
  } catch {
    // fall through
  }
  return 1;
}

/**
 * The first instant (ms) at which the local day is after `day`: local midnight, found by search so
 * that DST changes at midnight (some zones skip 00:00) are handled.
 */
export function startOfNextDay(day: string, timeZone?: string): number {
  const next = addDays(day, 1);
  // Local midnight is within ±14 h of UTC midnight of that date.
  const [y, m, d] = next.split('-').map(Number) as [number, number, number];
  let lo = Date.UTC(y, m - 1, d) - 15 * 3600_000;
  let hi = lo + 30 * 3600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(mid, timeZone) >= next) hi = mid;
    else lo = mid;
  }
  return hi;
}
