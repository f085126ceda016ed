// What the pill shows: figures and the automation attributes from the same inputs, the budget
// warning (and its held wording), the alias choices for an unknown model, and a key that changes
// when anything shown changes.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { defaultSettings } from '@/lib/settings/schema';

const DEFAULT_SETTINGS = defaultSettings();
import { aliasChoices, pillKey, pillView, type PillInputs } from '@/lib/tracker/pill-view';
import { compactText } from '@/components/Pill';

const catalog = bundledCatalogData();
const model = catalog.models.find((m) => m.id === 'openai/gpt-5')!;

const inputs = (over: Partial<PillInputs> = {}): PillInputs => ({
  site: 'chatgpt', settings: DEFAULT_SETTINGS, settingsEpoch: 0, siteOverheadTokens: 50, catalog, budgets: null,
  draft: { tokens: 100, exact: true, counting: false },
  context: { tokens: 1000, exact: true, replies: [200], reported: false, reasoningTokens: null },
  model: { model, name: model.name, read: 'GPT-5', source: 'picker' },
  aliasChoices: () => aliasChoices(catalog, 'openai/gpt-5'),
  note: null, today: '2026-11-30', held: false, ...over,
});

describe('pillView', () => {
  it('puts the figures on the view and the attributes alike', () => {
    const { view, attributes, warning } = pillView(inputs());
    expect(view).toMatchObject({ draftTokens: 100, contextTokens: 1000, overheadTokens: 50, modelName: model.name, modelSource: 'picker' });
    expect(attributes).toMatchObject({ draftTokens: '100', contextTokens: '1000', model: 'openai/gpt-5', modelSource: 'picker', exact: 'true', contextSource: 'page', counting: 'false', budget: 'ok', held: 'false' });
    expect(Number(attributes.costUsd)).toBeCloseTo(((100 + 1000 + 50) * model.price.input) / 1e6, 12);
    expect(warning).toBeNull();
  });

  it("carries the site's limit line and its share used, and shows a new pill when it changes", () => {
    const limit = { text: '5-hour limit 86% · resets 14:20', level: 'warning' as const, used: 0.8612, fallback: null };
    const { view, attributes } = pillView(inputs({ limit }));
    expect(view.limit).toEqual(limit);
    expect(attributes.limitUsed).toBe('0.8612');
    expect(pillView(inputs()).attributes.limitUsed).toBe('');
    expect(pillKey(inputs({ limit }))).not.toBe(pillKey(inputs({ limit: { ...limit, used: 0.9, text: '5-hour limit 90% · resets 14:20' } })));
  });

  it('marks a lower bound when the model reasons and the site does not count it (issue 18)', () => {
    const pro = catalog.models.find((m) => m.id === 'google/gemini-2.5-pro')!;
    const gemini = pillView(inputs({ site: 'gemini', model: { model: pro, name: pro.name, read: '2.5 Pro', source: 'picker' } }));
    expect(gemini.attributes.reasoningHidden).toBe('true');
    expect(compactText(gemini.view)).toMatch(/ · ≥ \$\d\.\d+ · reasoning not visible$/);
    // GPT-5 always reasons (the catalog's flag) and ChatGPT counts only the visible reply.
    expect(pillView(inputs()).attributes.reasoningHidden).toBe('true');
    // AI Studio reports the thoughts; a reported last turn holds them; GPT-4o does not reason.
    expect(pillView(inputs({ site: 'aistudio', model: { model: pro, name: pro.name, read: null, source: 'picker' } })).attributes.reasoningHidden).toBe('false');
    expect(pillView(inputs({ context: { tokens: 1000, exact: true, replies: [], reported: true, reasoningTokens: 30 } })).attributes.reasoningHidden).toBe('false');
    const gpt4o = catalog.models.find((m) => m.id === 'openai/gpt-4o')!;
    const plain = pillView(inputs({ model: { model: gpt4o, name: gpt4o.name, read: 'GPT-4o', source: 'picker' } }));
    expect(plain.attributes.reasoningHidden).toBe('false');
    expect(compactText(plain.view)).not.toMatch(/≥|reasoning/);
  });

  it("adds a Claude model's message frame to the site's overhead, never to the draft", () => {
    for (const [id, frame] of [['anthropic/claude-sonnet-4-5', 7], ['anthropic/claude-opus-4-7', 11], ['anthropic/claude-sonnet-5', 6]] as const) {
      const claude = catalog.models.find((m) => m.id === id)!;
      const { view } = pillView(inputs({ site: 'claude', model: { model: claude, name: claude.name, read: claude.name, source: 'picker' } }));
      expect([id, view.overheadTokens, view.draftTokens]).toEqual([id, 50 + frame, 100]);
    }
  });

  it("drops the overhead when the context is the site's reported input", () => {
    const { view, attributes } = pillView(inputs({ context: { tokens: 1000, exact: true, replies: [], reported: true, reasoningTokens: 30 } }));
    expect(view.overheadTokens).toBe(0);
    expect(view.lastReasoningTokens).toBe(30);
    expect(attributes.contextSource).toBe('site');
  });

  it('leaves an unknown model unpriced and offers alias choices, the site provider first', () => {
    const { view, attributes } = pillView(inputs({ model: { model: null, name: 'Mystery 9', read: 'Mystery 9', source: 'picker' } }));
    expect(attributes).toMatchObject({ model: 'unknown', costUsd: '' });
    expect(view.aliasChoices?.[0]?.id.startsWith('openai/')).toBe(true);
  });

  it('warns when the draft would cross a budget, and says how to send anyway when held', () => {
    const day = { id: 'day', period: 'day', site: null, limitUsd: 0.01, periodStart: '2026-11-30', periodNext: '2026-12-01', spentUsd: 0.0099, leftUsd: 0.0001, share: 0.99, level: 'warning', projectedUsd: null } as const;
    const budgets = { today: '2026-11-30', computedAt: 0, warnPercent: 80, confirmOverBudget: true, statuses: [day] };
    const shown = pillView(inputs({ budgets }));
    expect(shown.warning?.level).toBe('over');
    expect(shown.attributes.budget).toBe('over');
    expect(shown.view.warning?.text).toMatch(/would take you over/);
    const held = pillView(inputs({ budgets, held: true }));
    expect(held.view.warning?.text).toMatch(/send again to send anyway/);
    expect(held.attributes.held).toBe('true');
    // The next day the budget reads as a fresh period.
    expect(pillView(inputs({ budgets, today: '2026-12-01' })).warning).toBeNull();
  });
});

describe('pillKey', () => {
  it('changes when anything shown changes, not otherwise', () => {
    const base = pillKey(inputs());
    expect(pillKey(inputs())).toBe(base);
    for (const over of [
      { draft: { tokens: 101, exact: true, counting: false } },
      { settingsEpoch: 1 },
      { note: 'counting failed' },
      { held: true },
      { today: '2026-12-01' },
      { model: { model, name: model.name, read: 'GPT-5', source: 'stream' as const } },
    ]) expect(pillKey(inputs(over))).not.toBe(base);
  });
});

describe('error band', () => {
  it('shows an estimate with its band, an exact count without one, and puts the band on the host', async () => {
    const { bandText, draftTokensText } = await import('@/components/Pill');
    expect(draftTokensText({ draftTokens: 1240, draftExact: false, draftBand: 0.15 })).toBe('≈ 1,240 tokens ±15%');
    expect(draftTokensText({ draftTokens: 1240, draftExact: true, draftBand: 0.15 })).toBe('1,240 tokens');
    expect(draftTokensText({ draftTokens: 1240, draftExact: false })).toBe('≈ 1,240 tokens');
    expect(bandText(false, 0.05)).toBe(' ±5%');
    const estimated = pillView(inputs({ draft: { tokens: 1240, exact: false, band: 0.15, counting: false } }));
    expect(estimated.attributes).toMatchObject({ exact: 'false', errorBand: '0.15' });
    expect(estimated.view.draftBand).toBe(0.15);
    const { compactText } = await import('@/components/Pill');
    expect(compactText(estimated.view)).toMatch(/^≈ 1\.2k ±15% \+ /);
    expect(pillView(inputs()).attributes.errorBand).toBe('');
    expect(pillKey(inputs({ draft: { tokens: 1, exact: false, band: 0.1, counting: false } }))).not.toBe(pillKey(inputs({ draft: { tokens: 1, exact: false, band: 0.2, counting: false } })));
  });
});
