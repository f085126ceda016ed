// What a count's outcome does: a failure shows "counting failed" in the pill and has the loop retry;
// a success clears the note and the retry's back-off; the draft's figures are shown at once, a
// keystroke and a transcript count flush the page in the next frame.
import { describe, expect, it, vi } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { defaultSettings } from '@/lib/settings/schema';
import { CountingStatus } from '@/lib/tracker/counting-status';
import { PillPresenter } from '@/lib/tracker/pill-presenter';
import { aliasChoices, type PillInputs } from '@/lib/tracker/pill-view';

const catalog = bundledCatalogData();
const model = catalog.models.find((m) => m.id === 'openai/gpt-5')!;

function setup() {
  const inputs = (): Omit<PillInputs, 'note' | 'held'> => ({
    site: 'chatgpt', settings: defaultSettings(), settingsEpoch: 0, siteOverheadTokens: 0, catalog, budgets: null,
    draft: { tokens: 3, exact: true, counting: false }, context: { tokens: 0, exact: true, replies: [], reported: false, reasoningTokens: null },
    model: { model, name: model.name, read: 'GPT-5', source: 'picker' }, aliasChoices: () => aliasChoices(catalog, model.id), today: '2026-11-30',
  });
  const pill = { mounted: true, show: vi.fn((_key: string, build: () => unknown) => build()) };
  const shown = new PillPresenter(pill as never, { inputs });
  const loop = { schedule: vi.fn(), retrySoon: vi.fn(), retried: vi.fn() };
  return { status: new CountingStatus(shown, loop), shown, pill, loop };
}

describe('CountingStatus', () => {
  it('shows a failure in the pill and retries; a success clears the note', () => {
    const { status, shown, loop } = setup();
    status.draftEvents.failed('the counter is not available');
    expect(shown.note).toBe('counting failed: the counter is not available');
    expect(loop.retrySoon).toHaveBeenCalledTimes(1);
    status.transcriptEvents.failed('the worker restarted');
    expect(shown.note).toBe('counting failed: the worker restarted');
    expect(loop.retrySoon).toHaveBeenCalledTimes(2);
    status.draftEvents.succeeded();
    expect(shown.note).toBeNull();
    expect(loop.retried).toHaveBeenCalledTimes(1);
  });

  it('leaves another note alone when counting works', () => {
    const { status, shown } = setup();
    shown.setNote('the alias was not saved: storage is full');
    status.succeeded();
    expect(shown.note).toBe('the alias was not saved: storage is full');
  });

  it("shows the draft's figures at once and flushes the rest in the next frame", () => {
    const { status, pill, loop } = setup();
    status.draftEvents.counted();
    expect(pill.show).toHaveBeenCalledTimes(1);
    expect(loop.schedule).not.toHaveBeenCalled();
    status.draftEvents.edited();
    status.transcriptEvents.counted();
    expect(loop.schedule).toHaveBeenCalledTimes(2);
    expect(pill.show).toHaveBeenCalledTimes(1);
  });
});
