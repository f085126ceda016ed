/**
 * The user's price overrides applied to a catalog. An overridden model keeps its ids and labels;
 * its price becomes the user's (flat: the user's figure replaces the long-context tiers too) and its
 * source says "user override", which is how the UI marks it wherever the price shows.
 */
import type { Catalog } from '../catalog';
import type { PriceOverride } from '../settings/schema';

export const OVERRIDE_SOURCE = 'user override';

const applied = new WeakMap<Catalog, { overrides: Record<string, PriceOverride>; result: Catalog }>();

export function withPriceOverrides(catalog: Catalog, overrides: Record<string, PriceOverride>, today = new Date()): Catalog {
  if (Object.keys(overrides).length === 0) return catalog;
  const memo = applied.get(catalog);
  if (memo && memo.overrides === overrides) return memo.result;
  const checkedAt = today.toISOString().slice(0, 10);
  const result: Catalog = {
    ...catalog,
    models: catalog.models.map((model) => {
      const o = overrides[model.id];
      if (!o) return model;
      return { ...model, price: { input: o.input, output: o.output, ...(o.cachedInput !== undefined ? { cachedInput: o.cachedInput } : {}), tiers: [], checkedAt, source: OVERRIDE_SOURCE } };
    }),
  };
  applied.set(catalog, { overrides, result });
  return result;
}

export function isOverridden(price: { source: string }): boolean {
  return price.source === OVERRIDE_SOURCE;
}
