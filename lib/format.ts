/** Display formatting shared by the pill, the badge and the popup. Stored values stay exact USD. */

/** 950 → "950", 1234 → "1.2k", 84_400 → "84k", 1_250_000 → "1.3M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 10_000) return `${trimZero((n / 1000).toFixed(1))}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

function trimZero(s: string): string {
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

export interface Currency {
  code: string;
  usdRate: number;
}

export const USD: Currency = { code: 'USD', usdRate: 1 };

/**
 * A money amount for people: enough significant digits that a small cost is not shown as $0.00
 * ($0.0042), cents above a dollar. Amounts are USD converted at the user's rate.
 */
export function formatMoney(usd: number, currency: Currency = USD): string {
  const value = usd * currency.usdRate;
  const symbol = currency.code === 'USD' ? '$' : `${currency.code} `;
  if (value === 0) return `${symbol}0`;
  // Two significant digits for tiny amounts, written out (never 4.4e-7).
  if (value < 0.01) return `${symbol}${value.toFixed(Math.min(20, 1 - Math.floor(Math.log10(value)))).replace(/0+$/, '')}`;
  if (value < 1) return `${symbol}${value.toFixed(3).replace(/0$/, '')}`;
  return `${symbol}${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * A spend as the popup shows it: where attachments were priced as a range, the range
 * ("$0.40–$0.62", never a midpoint); after "≥ " when `lowerBound` of its turns had reasoning the
 * page did not show (their cost is at least that).
 */
export function formatSpend(spend: { usd: number; usdMax?: number }, lowerBound: number, currency: Currency = USD): string {
  const low = formatMoney(spend.usd, currency);
  const range = spend.usdMax !== undefined && spend.usdMax > spend.usd ? `${low}–${formatMoney(spend.usdMax, currency)}` : low;
  return `${lowerBound > 0 ? '≥ ' : ''}${range}`;
}

/** The toolbar badge has room for about four characters: $0.42, $12, $1.2k. Empty for nothing. */
export function badgeText(usd: number): string {
  if (!(usd > 0)) return '';
  if (usd < 0.005) return '<1¢';
  if (usd < 9.995) return `$${usd.toFixed(2)}`;
  if (usd < 1000) return `$${Math.round(usd)}`;
  if (usd < 1_000_000) return `$${trimZero((usd / 1000).toFixed(1))}k`;
  return `$${trimZero((usd / 1_000_000).toFixed(1))}M`;
}
