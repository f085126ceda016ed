// The draft's model on one page: the page's evidence and the streams', kept per conversation, and
// given up when the person picks something else.
import { describe, expect, it } from 'vitest';
import { bundledCatalogData } from '@/lib/catalog';
import { DEFAULT_SITE_SETTINGS } from '@/lib/settings/schema';
import { ADAPTERS } from '@/lib/sites';
import { ModelWatch, UNRECOGNISED_GRACE_MS } from '@/lib/tracker/model-watch';

const catalog = bundledCatalogData();
const chatgpt = ADAPTERS.chatgpt;
const page = (picker: string | null, reply: string | null = null) => ({ picker, reply });

describe('ModelWatch', () => {
  it('starts at the site default and follows the page', () => {
    const watch = new ModelWatch(chatgpt, catalog, DEFAULT_SITE_SETTINGS);
    expect(watch.current).toMatchObject({ source: 'site default', model: { id: chatgpt.spec.defaultModel } });
    expect(watch.update(page('ChatGPT', 'gpt-5-5'), 'c1', 0)).toBe(true);
    expect(watch.current).toMatchObject({ source: 'reply', read: 'gpt-5-5', model: { id: 'openai/gpt-5.5' } });
    expect(watch.modelId).toBe('openai/gpt-5.5');
    expect(watch.update(page('ChatGPT', 'gpt-5-5'), 'c1', 10)).toBe(false);
  });

  it("takes the stream's model for its conversation only, until the picker changes", () => {
    const watch = new ModelWatch(chatgpt, catalog, DEFAULT_SITE_SETTINGS);
    watch.update(page('ChatGPT', 'gpt-5-5'), 'c1', 0);
    watch.noteStream('c1', { model: 'gpt-5-3', modelMode: null });
    watch.update(page('ChatGPT', 'gpt-5-5'), 'c1', 1);
    expect(watch.current).toMatchObject({ source: 'stream', read: 'gpt-5-3', model: { id: 'openai/gpt-5.3' } });
    // Another conversation in the same tab has no stream of its own yet.
    watch.update(page('ChatGPT', 'gpt-5-5'), 'c2', 2);
    expect(watch.current).toMatchObject({ source: 'reply', model: { id: 'openai/gpt-5.5' } });
    // Back in c1, the person picks a model: what the stream and the reply said no longer applies.
    watch.update(page('ChatGPT', 'gpt-5-5'), 'c1', 3);
    expect(watch.current.source).toBe('stream');
    watch.update(page('GPT-5.4 Thinking', 'gpt-5-5'), 'c1', 4);
    expect(watch.current).toMatchObject({ source: 'picker', read: 'GPT-5.4 Thinking', model: { id: 'openai/gpt-5.4' } });
  });

  it('reports a name the catalog does not know to health only after it stayed a while', () => {
    const watch = new ModelWatch(chatgpt, catalog, DEFAULT_SITE_SETTINGS);
    watch.update(page('Ultra 7'), 'c1', 1000);
    expect(watch.current).toMatchObject({ model: null, source: 'picker', read: 'Ultra 7' });
    expect(watch.name).toBe('Ultra 7');
    expect(watch.modelId).toBeNull();
    expect(watch.unrecognised(1000 + UNRECOGNISED_GRACE_MS - 1)).toBeNull();
    watch.update(page('Ultra 7'), 'c1', 2000);
    expect(watch.unrecognised(1000 + UNRECOGNISED_GRACE_MS)).toBe('Ultra 7');
    watch.update(page('GPT-5.5'), 'c1', 9000);
    expect(watch.unrecognised(99_000)).toBeNull();
  });

  it("uses the user's alias and default from the site settings", () => {
    const watch = new ModelWatch(chatgpt, catalog, { ...DEFAULT_SITE_SETTINGS, modelAliases: { 'ultra 7': 'openai/gpt-5.5-pro' }, defaultModel: 'openai/gpt-5.4' });
    watch.update(page('Ultra 7'), 'c1', 0);
    expect(watch.current).toMatchObject({ source: 'user alias', model: { id: 'openai/gpt-5.5-pro' } });
    watch.update(page(null), 'c1', 1);
    expect(watch.current).toMatchObject({ source: 'user default', model: { id: 'openai/gpt-5.4' } });
    watch.configure(catalog, DEFAULT_SITE_SETTINGS);
    watch.update(page(null), 'c1', 2);
    expect(watch.current.source).toBe('site default');
  });
});
