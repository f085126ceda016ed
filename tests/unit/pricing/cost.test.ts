import { describe, expect, it } from 'vitest';
import { bundledCatalogData, type Price } from '../../../lib/catalog';
import { cost, costAtPrice, ratesFor, type Usage } from '../../../lib/pricing/cost';

const catalog = bundledCatalogData();

// Expected values are computed by hand from the catalog prices (USD per million tokens):
// gpt-5.5 5 / cached 0.5 / out 30, from 272,000 prompt tokens 10 / 1 / 45;
// claude-sonnet-5 2 / cached 0.2 / write 2.5 / out 10; sonar 1 / out 1, no cached price.
describe('cost', () => {
  it.each<[string, string, Usage, number, Partial<{ upperBound: boolean; tier: number }>]>([
    ['plain input and output', 'gpt-5.5', { inputTokens: 1000, outputTokens: 500 }, 0.02, {}],
    ['zero tokens', 'gpt-5.5', { inputTokens: 0, outputTokens: 0 }, 0, {}],
    ['just below the long-context tier', 'gpt-5.5', { inputTokens: 271_999, outputTokens: 0 }, 1.359995, {}],
    ['exactly at the tier threshold', 'gpt-5.5', { inputTokens: 272_000, outputTokens: 0 }, 2.72, { tier: 272_000 }],
    ['above the tier: the whole request at the higher rates', 'gpt-5.5', { inputTokens: 300_000, outputTokens: 1000 }, 3.045, { tier: 272_000 }],
    ['cached input at its own price', 'gpt-5.5', { inputTokens: 10_000, cachedInputTokens: 90_000, outputTokens: 1000 }, 0.125, {}],
    ['cached tokens count toward the tier', 'gpt-5.5', { inputTokens: 100_000, cachedInputTokens: 200_000, outputTokens: 0 }, 1.2, { tier: 272_000 }],
    ['reasoning billed as output', 'gpt-5.5', { inputTokens: 1000, outputTokens: 100, reasoningTokens: 900 }, 0.035, {}],
    ['cache reads and writes', 'claude-sonnet-5', { inputTokens: 1000, cacheWriteTokens: 2000, cachedInputTokens: 3000, outputTokens: 500 }, 0.0126, {}],
    ['no cached price: full input price, an upper bound', 'sonar', { inputTokens: 1000, cachedInputTokens: 1000, outputTokens: 10 }, 0.00201, { upperBound: true }],
    ['matched by UI label', 'Sonnet 5', { inputTokens: 1_000_000, outputTokens: 0 }, 2, {}],
  ])('%s (%s)', (_label, model, usage, usd, extra) => {
    const result = cost({ ...usage, model }, catalog);
    expect(result.priced).toBe(true);
    if (!result.priced) return;
    expect(result.usd).toBeCloseTo(usd, 12);
    expect(result.upperBound).toBe(extra.upperBound ?? false);
    expect(result.tierFromInputTokens).toBe(extra.tier);
    const b = result.breakdown;
    expect(b.input + b.cachedInput + b.cacheWrite + b.output + b.reasoning).toBeCloseTo(result.usd, 12);
  });

  it.each(['gpt-99-turbo', 'claude', 'My Custom Bot', '', null])('an unknown model (%j) is unpriced, never $0', (model) => {
    const result = cost({ model, inputTokens: 1000, outputTokens: 1000 }, catalog);
    expect(result.priced).toBe(false);
    expect(result).not.toHaveProperty('usd');
    if (!result.priced) expect(result.reason.length).toBeGreaterThan(5);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a token count of %d', (n) => {
    expect(() => cost({ model: 'gpt-5.5', inputTokens: n, outputTokens: 0 }, catalog)).toThrow(RangeError);
  });
});

describe('ratesFor with two tiers', () => {
  const price: Price = {
    input: 1.2,
    output: 6,
    tiers: [
      { fromInputTokens: 32_001, input: 2.4, output: 12 },
      { fromInputTokens: 128_001, input: 3, output: 15 },
    ],
    checkedAt: '2026-10-07',
    source: 'test',
  };
  it.each([
    [32_000, 1.2, 6],
    [32_001, 2.4, 12],
    [128_000, 2.4, 12],
    [128_001, 3, 15],
  ])('a prompt of %d tokens pays %d / %d', (prompt, input, output) => {
    const r = ratesFor(price, prompt);
    expect([r.input, r.output]).toEqual([input, output]);
  });

  it('keeps the base rate for a field the tier leaves out', () => {
    const r = costAtPrice({ inputTokens: 40_000, cachedInputTokens: 0, outputTokens: 0 }, { ...price, cachedInput: 0.3 }, 'x');
    expect(r.usd).toBeCloseTo(40_000 * 2.4e-6, 12);
    expect(ratesFor({ ...price, cachedInput: 0.3 }, 40_000).cachedInput).toBe(0.3);
  });
});
