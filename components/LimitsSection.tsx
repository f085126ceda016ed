/**
 * The popup's "How close am I to my limits?": one bar per window a site reported in its own
 * traffic, with the reset countdown and the pace; a reading older than its window is shown as
 * stale. Nothing at all for sites that reported nothing (the section is left out when none did).
 */
import { useEffect, useState } from 'preact/hooks';
import { clockTime, isStale, limitLevel, limitNote, readingsBySite, usedShare, windowName, FALLBACK_TEXT, type LimitBook, type LimitReading } from '@/lib/limits/state';
import { limitBookItem, limitFallbackItem } from '@/lib/limits/store';
import type { FallbackNote } from '@/lib/limits/state';
import { siteName, type SiteId } from '@/lib/sites/hosts';

function useStored<T>(item: { getValue(): Promise<T>; watch(cb: (v: T) => void): () => void }, empty: T): T {
  const [value, setValue] = useState<T>(empty);
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch((v) => setValue(v ?? empty));
  }, []);
  return value;
}

/** The time, moved on every half minute so countdowns stay true while the popup is open. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function LimitsSection({ warnPercent }: { warnPercent: number }) {
  const book = useStored<LimitBook>(limitBookItem, {});
  const fallbacks = useStored<Partial<Record<SiteId, FallbackNote>>>(limitFallbackItem, {});
  const now = useNow();
  const bySite = readingsBySite(book);
  const notes = Object.entries(fallbacks).filter(([, n]) => n && now - n.seenAt < 7 * 86_400_000) as [SiteId, FallbackNote][];
  if (bySite.size === 0 && notes.length === 0) return null;
  return (
    <section aria-labelledby="limits-h" class="limits" data-testid="limits">
      <h2 id="limits-h">How close am I to my limits?</h2>
      {[...bySite].map(([site, readings]) => (
        <div key={site} class="limit-site">
          <h3>{siteName(site)}</h3>
          <ul>
            {readings.map((r) => (
              <LimitRow key={r.window} reading={r} now={now} warnPercent={warnPercent} />
            ))}
          </ul>
        </div>
      ))}
      {notes.map(([site, n]) => (
        <p key={site} class="muted" data-testid={`limit-fallback-${site}`}>
          {site === 'chatgpt' ? FALLBACK_TEXT : `${siteName(site)} answered with a smaller model (message cap)`}, {clockTime(n.seenAt, now)}.
        </p>
      ))}
    </section>
  );
}

function LimitRow({ reading: r, now, warnPercent }: { reading: LimitReading; now: number; warnPercent: number }) {
  const stale = isStale(r, now);
  const used = usedShare(r);
  const level = stale ? 'stale' : limitLevel(r, warnPercent);
  const name = windowName(r.window);
  const percent = used === null ? null : Math.floor(used * 100);
  const figure = percent !== null ? `${percent}% used` : r.remaining !== null ? `${r.remaining} left` : 'reported';
  return (
    <li data-testid={`limit-${r.site}-${r.window}`} data-used={r.used === null ? '' : String(r.used)} data-resets-at={r.resetsAt === null ? '' : new Date(r.resetsAt).toISOString()} data-level={level}>
      <div class="budget-head">
        <span>{name.charAt(0).toUpperCase() + name.slice(1)}</span>
        <span>{figure}</span>
      </div>
      {percent !== null && (
        <div class={`bar level-${level}`} role="meter" aria-label={`${siteName(r.site)} ${name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(percent, 100)} aria-valuetext={`${percent}% used`}>
          <span style={{ width: `${Math.min(100, (used ?? 0) * 100)}%` }} />
        </div>
      )}
      <p class="budget-note">{limitNote(r, now)}</p>
    </li>
  );
}
