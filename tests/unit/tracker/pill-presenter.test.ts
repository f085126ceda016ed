// The pill presenter: shows the figures only when the pill is mounted and something shown changed,
// keeps the note ("counting failed" goes once counting works), remembers the draft's budget
// warning, and holds the first send over budget (when asked to confirm) until a second one.
import { describe, expect, it, vi } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { defaultSettings } from '@/lib/settings/schema';
import type { PillShown } from '@/lib/tracker/pill-controller';
import { PillPresenter } from '@/lib/tracker/pill-presenter';
import { aliasChoices, type PillInputs } from '@/lib/tracker/pill-view';
import { CONFIRM_WINDOW_MS } from '@/lib/tracker/send-capture';

const catalog = bundledCatalogData();
const model = catalog.models.find((m) => m.id === 'openai/gpt-5')!;
const day = { id: 'day', period: 'day', site: null, limitUsd: 0.01, periodStart: '2026-11-30', periodNext: '2026-12-01', spentUsd: 0.0099, leftUsd: 0.0001, share: 0.99, level: 'warning', projectedUsd: null } as const;
const overBudget = { today: '2026-11-30', computedAt: 0, warnPercent: 80, confirmOverBudget: true, statuses: [day] };

function presenter(over: Partial<PillInputs> = {}) {
  let now = 1_000;
  const draft = { tokens: 100, exact: true, counting: false };
  const inputs = (): Omit<PillInputs, 'note' | 'held'> => ({
    site: 'chatgpt', settings: defaultSettings(), settingsEpoch: 0, siteOverheadTokens: 0, catalog, budgets: null, draft,
    context: { tokens: 1000, exact: true, replies: [200], reported: false, reasoningTokens: null },
    model: { model, name: model.name, read: 'GPT-5', source: 'picker' },
    aliasChoices: () => aliasChoices(catalog, 'openai/gpt-5'), today: '2026-11-30', ...over,
  });
  let shownKey = '';
  const pill = {
    mounted: true,
    shown: [] as PillShown[],
    show: vi.fn((key: string, build: () => PillShown) => {
      if (key === shownKey) return null;
      shownKey = key;
      const s = build();
      pill.shown.push(s);
      return s;
    }),
  };
  const p = new PillPresenter(pill, { inputs, now: () => now });
  return { p, pill, draft, advance: (ms: number) => (now += ms) };
}

describe('PillPresenter', () => {
  it('shows the figures once per change, and nothing while the pill is not mounted', () => {
    const { p, pill, draft } = presenter();
    pill.mounted = false;
    p.render();
    expect(pill.show).not.toHaveBeenCalled();
    pill.mounted = true;
    p.render();
    p.render();
    expect(pill.shown).toHaveLength(1);
    expect(pill.shown[0]!.attributes.draftTokens).toBe('100');
    draft.tokens = 101;
    p.render();
    expect(pill.shown.map((s) => s.attributes.draftTokens)).toEqual(['100', '101']);
  });

  it('shows a counting failure until counting works again, and keeps other notes', () => {
    const { p, pill } = presenter();
    p.countFailed('the counter is not available');
    expect(pill.shown.at(-1)!.view.note).toBe('counting failed: the counter is not available');
    p.countWorks();
    p.render();
    expect(pill.shown.at(-1)!.view.note).toBeNull();
    p.setNote('the alias was not saved: bad id');
    p.countWorks();
    p.render();
    expect(pill.shown.at(-1)!.view.note).toBe('the alias was not saved: bad id');
  });

  it('holds the first send over budget when asked to confirm, lets the second through, and says so', () => {
    const { p, pill, advance } = presenter({ budgets: overBudget });
    p.render();
    expect(p.warning?.level).toBe('over');
    expect(p.holdSend(false, 'a draft')).toBe(false); // not asked to confirm
    expect(p.holdSend(true, '   ')).toBe(false); // nothing to send
    expect(p.holdSend(true, 'a draft')).toBe(true);
    expect(pill.shown.at(-1)!.attributes.held).toBe('true');
    expect(p.holdSend(true, 'a draft')).toBe(false);
    expect(p.holdSend(true, 'a draft')).toBe(true); // a new send is held again
    advance(CONFIRM_WINDOW_MS);
    p.render();
    expect(pill.shown.at(-1)!.attributes.held).toBe('false'); // the window passed
  });

  it('holds nothing under budget', () => {
    const { p } = presenter();
    p.render();
    expect(p.warning).toBeNull();
    expect(p.holdSend(true, 'a draft')).toBe(false);
  });
});
