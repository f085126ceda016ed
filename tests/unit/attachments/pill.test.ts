// The pill with attachments: the line, the range on the cost and the attributes of the automation
// contract (data-attachment-tokens-min/max, data-cost-usd-max); a range is never a midpoint.
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { compactText, Pill } from '@/components/Pill';
import { summarize } from '@/lib/attachments/rules';
import { bundledCatalogData, turnOverheadTokens } from '@/lib/catalog';
import { defaultSettings } from '@/lib/settings/schema';
import { aliasChoices, pillKey, pillView, type PillInputs } from '@/lib/tracker/pill-view';

const catalog = bundledCatalogData();
const model = catalog.models.find((m) => m.id === 'anthropic/claude-sonnet-4-5')!;
const inputs = (over: Partial<PillInputs> = {}): PillInputs => ({
  site: 'claude', settings: defaultSettings(), settingsEpoch: 0, siteOverheadTokens: 0, catalog, budgets: null,
  draft: { tokens: 100, exact: false, counting: false },
  context: { tokens: 1000, exact: false, replies: [], reported: false, reasoningTokens: null },
  model: { model, name: model.name, read: 'Sonnet 4.5', source: 'picker' },
  aliasChoices: () => aliasChoices(catalog, model.id),
  note: null, today: '2026-11-30', held: false, ...over,
});

const attached = summarize([
  { kind: 'image', name: 'a.png', width: 1000, height: 1000 },
  { kind: 'image', name: 'b.png', width: 200, height: 200 },
  { kind: 'pdf', name: 'r.pdf', pages: 12 },
], model.id);

describe('the pill with attachments', () => {
  it('joins the input cost as a range and says so in the line and the attributes', () => {
    const { view, attributes } = pillView(inputs({ attachments: attached }));
    const per = model.price.input / 1e6;
    // Claude ≤ 4.6's message frame (7 tokens) joins the input beside draft and context.
    const input = 1100 + turnOverheadTokens(catalog, model, 0);
    expect(input).toBe(1107);
    expect(attributes).toMatchObject({ attachmentTokensMin: String(1388 + 18000), attachmentTokensMax: String(1388 + 36000), draftTokens: '100' });
    expect(Number(attributes.costUsd)).toBeCloseTo((input + 19388) * per, 12);
    expect(Number(attributes.costUsdMax)).toBeCloseTo((input + 37388) * per, 12);
    expect(view.attachments?.line).toBe('+ 2 images ≈ 1.4k tokens, 1 PDF (12 pages) 18k–36k tokens');
    expect(compactText(view)).toMatch(/\+ 19k–37k files · .* · \$0\.06[0-9]*–\$0\.1[0-9]*$/);
  });

  it('without attachments: 0 and 0, the cost is one figure, and the key changes when one is attached', () => {
    const { view, attributes } = pillView(inputs());
    expect(attributes).toMatchObject({ attachmentTokensMin: '0', attachmentTokensMax: '0' });
    expect(attributes.costUsdMax).toBe(attributes.costUsd);
    expect(view.attachments).toBeNull();
    expect(pillKey(inputs())).not.toBe(pillKey(inputs({ attachments: attached })));
  });

  it('an attachment it cannot price is said so and adds nothing to the cost', () => {
    const unknown = summarize([{ kind: 'image', name: 'x.png' }], model.id);
    const { view, attributes } = pillView(inputs({ attachments: unknown }));
    expect(view.attachments?.line).toBe('+ 1 image not priced');
    expect(compactText(view)).toContain(' + files not priced · ');
    expect(attributes).toMatchObject({ attachmentTokensMin: '0', attachmentTokensMax: '0' });
    expect(attributes.costUsdMax).toBe(attributes.costUsd);
  });

  it('renders the line inside the pill', () => {
    const root = document.createElement('div');
    render(h(Pill, { view: pillView(inputs({ attachments: attached })).view }), root);
    expect(root.querySelector('[data-testid="pill-attachments"]')?.textContent).toBe('+ 2 images ≈ 1.4k tokens, 1 PDF (12 pages) 18k–36k tokens');
  });
});
