// The tracker's settings: this site's part, the catalog re-priced by the user's overrides, an
// epoch that moves with every change, and saving a model alias for this site only.
import { describe, expect, it, vi } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { defaultSettings } from '@/lib/settings/schema';
import { TrackerSettings, withModelAlias } from '@/lib/tracker/tracker-settings';

const catalog = bundledCatalogData();

describe('TrackerSettings', () => {
  it("gives this site's settings, and re-prices the catalog when the overrides change", () => {
    const s = new TrackerSettings('claude', catalog, defaultSettings(), null);
    expect(s.forSite).toMatchObject({ enabled: true, pill: true });
    const gpt = 'openai/gpt-5';
    const before = s.catalog.models.find((m) => m.id === gpt)!.price.input;
    s.setSettings({ ...defaultSettings(), priceOverrides: { [gpt]: { input: before * 2 } } } as never);
    expect(s.catalog.models.find((m) => m.id === gpt)!.price.input).toBe(before * 2);
    expect(s.epoch).toBe(1);
    s.setBudgets(null);
    expect(s.epoch).toBe(2);
  });

  it('saves an alias for this site only, and says why one was not saved', async () => {
    const save = vi.fn(async (_next: ReturnType<typeof defaultSettings>) => ({ ok: true as const }));
    const s = new TrackerSettings('claude', catalog, defaultSettings(), null, save);
    expect(await s.saveAlias('Sonnet  9', 'anthropic/claude-sonnet-5')).toBeNull();
    const saved = save.mock.calls[0]![0];
    expect(Object.values(saved.sites.claude!.modelAliases)).toEqual(['anthropic/claude-sonnet-5']);
    expect(saved.sites.chatgpt!.modelAliases).toEqual({});
    const refused = new TrackerSettings('claude', catalog, defaultSettings(), null, async () => ({ ok: false, message: 'unknown model' }));
    expect(await refused.saveAlias('x', 'nope')).toBe('the alias was not saved: unknown model');
  });
});

describe('withModelAlias', () => {
  it('adds the alias under its normalised label and keeps the others', () => {
    const first = withModelAlias(defaultSettings(), 'poe', 'GPT-5', 'openai/gpt-5');
    const second = withModelAlias(first, 'poe', 'Claude', 'anthropic/claude-sonnet-5');
    expect(Object.values(second.sites.poe!.modelAliases).sort()).toEqual(['anthropic/claude-sonnet-5', 'openai/gpt-5']);
  });
});
