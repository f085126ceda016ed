/**
 * The catalog in force: a catalog file the user imported (validated when imported, and again when
 * read), else the bundled one; the user's price overrides applied on top.
 */
import { storage } from 'wxt/utils/storage';
import { bundledCatalogData, parseCatalog, type Catalog } from './index';
import { withPriceOverrides } from '../pricing/overrides';
import type { Settings } from '../settings/schema';

export const importedCatalogItem = storage.defineItem<unknown>('local:importedCatalog', { fallback: null });

export async function baseCatalog(): Promise<Catalog> {
  const imported = await importedCatalogItem.getValue();
  if (imported) {
    try {
      return parseCatalog(imported);
    } catch {
      // A stored catalog that no longer validates (a schema change) falls back to the bundled one.
    }
  }
  return bundledCatalogData();
}

export async function activeCatalog(settings: Settings): Promise<Catalog> {
  return withPriceOverrides(await baseCatalog(), settings.priceOverrides);
}

/** Validates and stores a catalog file; a bad file is rejected with the reasons, the old one kept. */
export async function importCatalog(text: string): Promise<{ ok: true; catalog: Catalog } | { ok: false; message: string }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `not a JSON file: ${err instanceof Error ? err.message : String(err)}` };
  }
  let catalog: Catalog;
  try {
    catalog = parseCatalog(data);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  await importedCatalogItem.setValue(catalog);
  return { ok: true, catalog };
}

export async function resetCatalog(): Promise<void> {
  await importedCatalogItem.setValue(null);
}
