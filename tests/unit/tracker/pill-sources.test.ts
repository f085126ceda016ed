// Where the pill's figures come from: the view's inputs read from the parts at each render (the
// context of the conversation's key with the last reported turn, the limit of the conversation the
// address names, today's day), and the models to price an unknown label as, worked out once.
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_SUMMARY } from '@/lib/attachments/rules';
import { bundledCatalogData } from '@/lib/catalog';
import { localDay } from '@/lib/ledger/days';
import { DEFAULT_SITE_SETTINGS, defaultSettings } from '@/lib/settings/schema';
import { PillSources, type PillSourceParts } from '@/lib/tracker/pill-sources';
import { aliasChoices } from '@/lib/tracker/pill-view';

const catalog = bundledCatalogData();
const model = catalog.models.find((m) => m.id === 'openai/gpt-5')!;

function parts() {
  const context = { tokens: 1200, exact: true, replies: [300], reported: true, reasoningTokens: null };
  const reported = { conversationId: 'c1', replyKey: 'a1', inputTokens: 900, reasoningTokens: 0 };
  const limit = { text: '3 of 40 messages left', level: 'warning', used: 0.93, fallback: null };
  const p = {
    adapter: { id: 'chatgpt', spec: { defaultModel: 'openai/gpt-5' } },
    baseCatalog: catalog,
    settings: { settings: defaultSettings(), epoch: 3, forSite: { ...DEFAULT_SITE_SETTINGS, overheadTokens: 12 }, catalog, budgets: null },
    composer: { draft: { text: 'how much', tokens: 2, exact: true, counting: false } },
    transcript: { context: vi.fn(() => context) },
    turns: { lastReported: reported },
    conversation: { id: null as string | null, key: 'page-1' },
    models: { current: { model, read: 'GPT-5', source: 'picker' }, name: 'GPT-5 (catalog)' },
    limits: { view: vi.fn(() => limit) },
    attachments: { summary: EMPTY_SUMMARY },
  };
  return { p, context, reported, limit };
}

describe('PillSources', () => {
  it('reads the figures from the parts', () => {
    const { p, context, reported, limit } = parts();
    const now = Date.UTC(2026, 10, 30, 12);
    const inputs = new PillSources(p as unknown as PillSourceParts).inputs(now);
    expect(inputs).toMatchObject({
      site: 'chatgpt', settingsEpoch: 3, siteOverheadTokens: 12, catalog, budgets: null, today: localDay(now),
      draft: p.composer.draft, context, limit, attachments: EMPTY_SUMMARY,
      model: { model, name: 'GPT-5 (catalog)', read: 'GPT-5', source: 'picker' },
    });
    expect(inputs.settings).toBe(p.settings.settings);
    // The context is the conversation's, keyed by the page's id while the address names none;
    // the site's limits are asked for the conversation the address names.
    expect(p.transcript.context).toHaveBeenCalledWith(reported, 'page-1');
    expect(p.limits.view).toHaveBeenCalledWith(null);
  });

  it('reads them again at each render', () => {
    const { p } = parts();
    const sources = new PillSources(p as unknown as PillSourceParts);
    expect(sources.inputs(0).settingsEpoch).toBe(3);
    p.settings.epoch = 4;
    p.conversation = { id: 'c1', key: 'c1' };
    expect(sources.inputs(0).settingsEpoch).toBe(4);
    expect(p.limits.view).toHaveBeenLastCalledWith('c1');
  });

  it('has no limit on a site that reports none', () => {
    const { p } = parts();
    expect(new PillSources({ ...p, limits: null } as unknown as PillSourceParts).inputs(0).limit).toBeNull();
  });

  it('works out the models to offer once, from the bundled catalog and the site default', () => {
    const { p } = parts();
    const sources = new PillSources(p as unknown as PillSourceParts);
    const first = sources.inputs(0).aliasChoices();
    expect(first).toEqual(aliasChoices(catalog, 'openai/gpt-5'));
    expect(first[0]!.id.startsWith('openai/')).toBe(true);
    expect(sources.inputs(1).aliasChoices()).toBe(first);
  });
});
