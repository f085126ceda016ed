import { describe, expect, it } from 'vitest';
import { badgeText, formatMoney, formatSpend, formatTokens } from '@/lib/format';

describe('badgeText', () => {
  it.each([
    [0, ''],
    [-1, ''],
    [0.001, '<1¢'],
    [0.42, '$0.42'],
    [9.99, '$9.99'],
    [9.996, '$10'],
    [12.4, '$12'],
    [999.4, '$999'],
    [1234, '$1.2k'],
    [12_345, '$12.3k'],
    [2_500_000, '$2.5M'],
  ])('%f → %s', (usd, text) => {
    expect(badgeText(usd)).toBe(text);
    expect(badgeText(usd).length).toBeLessThanOrEqual(6);
  });
});

describe('formatTokens', () => {
  it.each([[0, '0'], [950, '950'], [1234, '1.2k'], [1000, '1k'], [84_400, '84k'], [1_250_000, '1.3M']])('%i → %s', (n, s) => {
    expect(formatTokens(n)).toBe(s);
  });
});

describe('formatMoney', () => {
  it.each([
    [0, '$0'],
    [0.0042, '$0.0042'],
    [0.00000044, '$0.00000044'],
    [0.000026, '$0.000026'],
    [0.012, '$0.012'],
    [0.5, '$0.50'],
    [1234.5, '$1,234.50'],
  ])('%f → %s', (usd, s) => {
    expect(formatMoney(usd)).toBe(s);
  });

  it('converts at the user rate and names the currency', () => {
    expect(formatMoney(2, { code: 'EUR', usdRate: 0.5 })).toBe('EUR 1.00');
  });
});

describe('formatSpend', () => {
  it.each<[{ usd: number; usdMax?: number }, number, string]>([
    [{ usd: 0.5 }, 0, '$0.50'],
    [{ usd: 0.5, usdMax: 0.5 }, 0, '$0.50'], // no range: one figure
    [{ usd: 0.08, usdMax: 0.13 }, 0, '$0.08–$0.13'], // a range, never a midpoint
    [{ usd: 0.135 }, 1, '≥ $0.135'], // a turn's reasoning was not visible: at least this
    [{ usd: 0.08, usdMax: 0.13 }, 2, '≥ $0.08–$0.13'],
    [{ usd: 0, usdMax: 0 }, 0, '$0'],
  ])('%j with %i lower-bound turns → %s', (spend, lowerBound, s) => {
    expect(formatSpend(spend, lowerBound)).toBe(s);
  });

  it('converts both ends at the user rate', () => {
    expect(formatSpend({ usd: 2, usdMax: 3 }, 0, { code: 'EUR', usdRate: 0.5 })).toBe('EUR 1.00–EUR 1.50');
  });
});
