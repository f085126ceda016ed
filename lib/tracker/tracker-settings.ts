/**
 * What the page tracker knows of the user's choices: the settings and the budget snapshot, loaded
 * once and kept current by the storage watchers, with the catalog re-priced by the user's price
 * overrides. `epoch` changes with every change, so the pill's key holds it instead of their content.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { budgetSnapshotItem, type BudgetSnapshot } from '../budgets/store';
import type { Catalog } from '../catalog';
import { aliasKey } from '../models/resolve';
import { withPriceOverrides } from '../pricing/overrides';
import { loadSettings, saveSettings, siteSettings, watchSettings, type Settings, type SiteSettings } from '../settings';
import type { SiteId } from '../sites/hosts';

/** What changed: the settings (models, prices, pill, site switched off) or only the budgets. */
export type SettingsChange = 'settings' | 'budgets';

export class TrackerSettings {
  epoch = 0;
  catalog: Catalog;

  constructor(
    private readonly site: SiteId,
    private readonly baseCatalog: Catalog,
    public settings: Settings,
    public budgets: BudgetSnapshot | null,
    private readonly save: (next: Settings) => Promise<{ ok: true } | { ok: false; message: string }> = saveSettings,
  ) {
    this.catalog = withPriceOverrides(baseCatalog, settings.priceOverrides);
  }

  /** Reads both from storage. */
  static async load(site: SiteId, baseCatalog: Catalog): Promise<TrackerSettings> {
    const [settings, budgets] = await Promise.all([loadSettings(), budgetSnapshotItem.getValue()]);
    return new TrackerSettings(site, baseCatalog, settings, budgets);
  }

  /** This site's settings (switched on, pill shown, aliases, overhead). */
  get forSite(): SiteSettings {
    return siteSettings(this.settings, this.site);
  }

  setSettings(next: Settings): void {
    this.settings = next;
    this.catalog = withPriceOverrides(this.baseCatalog, next.priceOverrides);
    this.epoch++;
  }

  setBudgets(next: BudgetSnapshot | null): void {
    this.budgets = next;
    this.epoch++;
  }

  /** Follows storage until the context ends; `changed` after each change. */
  watch(ctx: Pick<ContentScriptContext, 'onInvalidated'>, changed: (what: SettingsChange) => void): void {
    ctx.onInvalidated(budgetSnapshotItem.watch((next) => {
      this.setBudgets(next);
      changed('budgets');
    }));
    ctx.onInvalidated(watchSettings((next) => {
      this.setSettings(next);
      changed('settings');
    }));
  }

  /**
   * Saves "price this label as that model" for this site (the settings watcher then re-prices the
   * pill). Resolves to null, or to why it was not saved.
   */
  async saveAlias(label: string, modelId: string): Promise<string | null> {
    const saved = await this.save(withModelAlias(this.settings, this.site, label, modelId));
    return saved.ok ? null : `the alias was not saved: ${saved.message}`;
  }
}

/** The settings with `label` priced as `modelId` on `site` (labels are matched by aliasKey). */
export function withModelAlias(settings: Settings, site: SiteId, label: string, modelId: string): Settings {
  const current = siteSettings(settings, site);
  return { ...settings, sites: { ...settings.sites, [site]: { ...current, modelAliases: { ...current.modelAliases, [aliasKey(label)]: modelId } } } };
}
