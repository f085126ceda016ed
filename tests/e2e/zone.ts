/**
 * The time zone the test browsers run in: a fixed-offset zone where it is about noon when the
 * browser starts, so the extension's "today", "this week" and "this month" cannot end during a test
 * file (local midnight is 11½ hours or more away), at whatever hour CI runs. A test that read the
 * popup's day before and after a send failed when local midnight fell between the two. The day and
 * period boundaries themselves are unit-tested at fixed instants (ledger, budgets, limits).
 */
export function middayZone(now = Date.now()): string {
  const at = new Date(now);
  // local = UTC + offset; offsets from -12 to +12 h exist as Etc/GMT zones (whose sign is inverted).
  const offset = Math.round(12 - (at.getUTCHours() + at.getUTCMinutes() / 60));
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** The hour (0–23) it is in `zone` at `now`. */
export function hourIn(zone: string, now = Date.now()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(now)));
}
