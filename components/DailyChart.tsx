/** 30 days of daily spend as bars; each bar is focusable and names its day and figure. */
import { useState } from 'preact/hooks';
import { formatSpend, type Currency } from '@/lib/format';

/** "Nov 30" from "2026-11-30" (a local day; no time-zone shift). */
export function shortDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
}

/** A day's bar: its low end (as the totals' bars), its range's high end, its lower-bound turns. */
export interface ChartDay {
  day: string;
  usd: number;
  usdMax?: number;
  turns: number;
  lowerBoundTurns?: number;
}

export function DailyChart({ days, currency }: { days: ChartDay[]; currency: Currency }) {
  const [active, setActive] = useState<number | null>(null);
  const max = Math.max(...days.map((d) => d.usd), 0);
  const shown = active === null ? null : days[active];
  return (
    <section aria-label="Daily spend, last 30 days" class="chart">
      <h2>Last 30 days</h2>
      <p class="chart-readout" aria-live="polite">
        {shown ? `${shortDate(shown.day)}: ${formatSpend(shown, shown.lowerBoundTurns ?? 0, currency)}, ${shown.turns} turns` : 'Hover or focus a bar for its day'}
      </p>
      <div class="bars" role="list" data-testid="daily-chart">
        {days.map((d, i) => (
          <div
            key={d.day}
            role="listitem"
            tabIndex={0}
            class="bar-slot"
            aria-label={`${d.day}: ${formatSpend(d, d.lowerBoundTurns ?? 0, currency)}, ${d.turns} turns`}
            data-day={d.day}
            data-value={String(d.usd)}
            data-value-max={String(d.usdMax ?? d.usd)}
            onMouseEnter={() => setActive(i)}
            onFocus={() => setActive(i)}
            onMouseLeave={() => setActive(null)}
            onBlur={() => setActive(null)}
          >
            <span class="bar-fill" style={{ height: `${max > 0 ? Math.max((d.usd / max) * 100, d.usd > 0 ? 3 : 0) : 0}%` }} />
          </div>
        ))}
      </div>
      {days.length > 0 && (
        <div class="chart-axis" aria-hidden="true" data-testid="chart-axis">
          {[...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].map((i) => (
            <span key={i}>{shortDate(days[i]!.day)}</span>
          ))}
        </div>
      )}
    </section>
  );
}
