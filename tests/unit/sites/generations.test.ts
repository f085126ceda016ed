// Every documented DOM generation, built from the same templates the browser-test fixtures use
// (tests/e2e/fixtures/sites.js): messages, keys, streaming state, model label, composer, URL ids.
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/sites';
import { siteForUrl } from '@/lib/sites/hosts';
import { SITES } from '../../e2e/fixtures/sites.js';

interface Gen {
  shell: string;
  composer: string;
  send: string;
  label?: string;
  thread: string;
  user: (id: string, text: string, n: number) => string;
  assistant: (id: string, n: number) => string;
  assistantInto?: string;
  body: string;
  streaming?: (el: Element, on: boolean, id: string) => void;
  stop?: string;
  stopInPlace?: (btn: Element, on: boolean) => void;
  path: (id: string) => string;
}

const CASES = Object.entries(SITES)
  .filter(([host]) => host !== 'chat.openai.com')
  .flatMap(([host, site]) => Object.entries(site.generations as Record<string, Gen>).map(([name, gen]) => ({ host, name, gen, model: site.model, ids: site.ids })));

function build(gen: Gen, ids: (n: number) => string, streamingLast: boolean) {
  const send = gen.send.replace(/^<([\w-]+)/, '<$1 data-fixture-send');
  document.body.innerHTML = `<div id="app">${gen.shell.replace('{{composer}}', gen.composer).replace('{{send}}', send).replace('{{label}}', gen.label ?? '')}</div>`;
  const thread = document.querySelector(gen.thread)!;
  const add = (html: string, into: Element) => {
    const t = document.createElement('template');
    t.innerHTML = html.trim();
    const el = t.content.firstElementChild!;
    into.appendChild(el);
    return el;
  };
  const turns = [['Hello there', 'General Kenobi'], ['Second question', 'Second answer']];
  let n = 0;
  turns.forEach(([q, a], i) => {
    add(gen.user(ids(10 + i * 2), q!, ++n), thread);
    const el = add(gen.assistant(ids(11 + i * 2), ++n), gen.assistantInto === 'last-turn' ? thread.lastElementChild! : thread);
    (gen.body ? el.querySelector(gen.body)! : el).textContent = a!;
    const last = i === turns.length - 1;
    if (!(last && streamingLast)) gen.streaming?.(el, false, ids(11 + i * 2));
  });
  if (streamingLast) {
    const sendButton = document.querySelector('[data-fixture-send]')!;
    if (gen.stopInPlace) gen.stopInPlace(sendButton, true);
    else if (gen.stop) add(gen.stop, document.querySelector('#app')!);
  }
}

describe.each(CASES)('$host ($name)', ({ host, gen, ids, model }) => {
  const adapter = ADAPTERS[siteForUrl(`https://${host}/`)!];

  it('reads finished turns with stable keys, the model label and the composer', () => {
    build(gen, ids, false);
    const url = `https://${host}${gen.path(ids(99))}`;
    const conversation = adapter.conversationId(url);
    expect(conversation).not.toBeNull();
    const turns = adapter.readTurns(document, conversation);
    expect(turns.map((t) => [t.role, t.text, t.streaming])).toEqual([
      ['user', 'Hello there', false],
      ['assistant', 'General Kenobi', false],
      ['user', 'Second question', false],
      ['assistant', 'Second answer', false],
    ]);
    // Keys come from the page's ids (or position), never from text; rebuilding gives the same keys.
    const keys = turns.map((t) => t.key);
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) expect(key).not.toMatch(/Hello|Kenobi|Second/);
    build(gen, ids, false);
    expect(adapter.readTurns(document, conversation).map((t) => t.key)).toEqual(keys);
    expect(adapter.isStreaming(document)).toBe(false);
    expect(adapter.findComposer(document)).not.toBeNull();
    const label = adapter.modelLabel(document);
    if (adapter.spec.modelLabelRequired) expect(label).not.toBeNull();
    expect(model).toMatch(/\//);
  });

  it('sees the last reply streaming', () => {
    build(gen, ids, true);
    expect(adapter.isStreaming(document)).toBe(true);
    expect(adapter.busy(document) || adapter.findMessages(document, null).at(-1)!.streaming).toBe(true);
  });
});

describe('selectors', () => {
  it('every selector of every site is valid CSS', () => {
    for (const adapter of Object.values(ADAPTERS)) {
      const { spec } = adapter;
      const all = [...spec.composer, ...spec.send, ...spec.stop, ...spec.transcript, ...spec.streaming, ...spec.modelLabel.map((m) => m.selector)];
      for (const g of spec.generations) all.push(g.user, g.assistant, ...[g.userText, g.assistantText, g.exclude, g.streaming, g.complete].filter((s): s is string => !!s));
      for (const selector of all) expect(() => document.querySelector(selector), `${spec.id}: ${selector}`).not.toThrow();
    }
  });

  it('each default model is in the catalog', async () => {
    const { bundledCatalogData, findModel } = await import('@/lib/catalog');
    for (const adapter of Object.values(ADAPTERS)) expect(findModel(bundledCatalogData(), adapter.spec.defaultModel).found, adapter.id).toBe(true);
  });

  it('reads conversation ids from each URL form', () => {
    const table: [string, string | null][] = [
      ['https://chatgpt.com/g/g-p-abc/c/6981c6b8-1234-8000-9abc-0123456789ab', '6981c6b8-1234-8000-9abc-0123456789ab'],
      ['https://chatgpt.com/?temporary-chat=true', null],
      ['https://claude.ai/new', null],
      ['https://gemini.google.com/u/2/app/efdb7649143fefda', 'efdb7649143fefda'],
      ['https://gemini.google.com/gem/coach/abc123', 'abc123'],
      ['https://openrouter.ai/chat?room=orc-1765809021-Ky770f22xVCIJI6lqlJJ', 'orc-1765809021-Ky770f22xVCIJI6lqlJJ'],
      ['https://aistudio.google.com/prompts/new_chat', null],
      ['https://www.perplexity.ai/search/what-is-x-AbC123', 'what-is-x-AbC123'],
      ['https://copilot.microsoft.com/chats/Fx12345', 'Fx12345'],
    ];
    for (const [url, id] of table) expect(ADAPTERS[siteForUrl(url)!].conversationId(url), url).toBe(id);
  });
});
