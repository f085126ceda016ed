/**
 * Settings in WXT storage (`local:settings`), read by every context and written only through
 * `saveSettings`, which validates first: a bad value is rejected and the old one kept.
 */
import { storage } from 'wxt/utils/storage';
import { localeWeekStart } from '../ledger/days';
import { checkSettings, defaultSettings, SETTINGS_VERSION, type Settings } from './schema';

export * from './schema';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings(),
  version: SETTINGS_VERSION,
  migrations: {},
});

/** The stored settings, with any site or field added since they were saved filled from the defaults. */
export async function loadSettings(): Promise<Settings> {
  const stored = await settingsItem.getValue();
  return withDefaults(stored);
}

export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  const defaults = defaultSettings();
  if (!stored || typeof stored !== 'object') return defaults;
  const merged = { ...defaults, ...stored, sites: { ...defaults.sites, ...(stored.sites ?? {}) }, budgets: { ...defaults.budgets, ...(stored.budgets ?? {}) }, limits: { ...defaults.limits, ...(stored.limits ?? {}) } };
  const check = checkSettings(merged);
  return check.ok ? check.settings : defaults;
}

export async function saveSettings(next: unknown): Promise<{ ok: true } | { ok: false; message: string }> {
  const check = checkSettings(next);
  if (!check.ok) return check;
  await settingsItem.setValue(check.settings);
  return { ok: true };
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => callback(withDefaults(value)));
}

/** The first day of the week in effect: the user's choice, else the locale's (0 = Sunday … 6 = Saturday). */
export function effectiveWeekStart(settings: Pick<Settings, 'weekStart'>, locale?: string): number {
  return settings.weekStart === 'locale' ? localeWeekStart(locale) : settings.weekStart;
}
