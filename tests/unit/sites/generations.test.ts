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
      const all = [...spec.composer, ...spec.send, ...spec.stop, ...spec.transcript, ...spec.streaming, ...spec.modelLabel.map((m) => m.selector), ...(spec.replyModel ?? []).map((m) => m.selector)];
      for (const g of spec.generations) {
        all.push(g.user, g.assistant, ...[g.userText, g.assistantText, g.exclude, g.streaming, g.complete, g.mergeReplies?.breakAt].filter((s): s is string => !!s));
        all.push(...(g.opaque ?? []).map((o) => o.selector));
      }
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

// Rules the real pages (../shared/snapshots/real, 2025-08 → 2026-07) asked for, on minimal markup of
// each rule, so they hold without the captures too.
describe('replies made of several messages, opaque replies, reply models, picker words', () => {
  const { chatgpt, deepseek, openrouter, copilot } = ADAPTERS;
  const turn = (id: string, role: string, inner: string, attrs = '') =>
    `<div data-turn-id-container="${id}" data-is-intersecting="true"><section data-turn-id="${id}" data-turn-id-container="${id}" data-turn="${role}" ${attrs}><h4 class="sr-only">${role} said:</h4>${inner}</section></div>`;
  const answer = (id: string, slug: string, text: string, cls = 'markdown') =>
    `<div data-message-author-role="assistant" data-message-id="m-${id}" data-message-model-slug="${slug}"><div class="${cls}"><p>${text}</p></div></div>`;

  it('ChatGPT: assistant turns in a row are one reply (first key, texts joined); an unmounted turn between keeps them apart', () => {
    document.body.innerHTML = `<main>
      ${turn('u1', 'user', '<div data-message-author-role="user" data-message-id="u1">First question</div>')}
      ${turn('a1', 'assistant', '')}
      ${turn('a2', 'assistant', answer('a2', 'gpt-5-6-thinking', 'First answer'))}
      <div data-turn-id-container="hidden-1" data-is-intersecting="false"></div>
      ${turn('a3', 'assistant', answer('a3', 'gpt-5-5', 'Answer to a prompt not rendered'))}
      ${turn('u2', 'user', '<div data-message-author-role="user" data-message-id="u2">Second question</div>')}
      ${turn('a4', 'assistant', answer('a4', 'gpt-5-5', 'Second answer, part one'))}
      ${turn('a5', 'assistant', answer('a5', 'gpt-5-5', 'part two', 'markdown result-streaming'))}
    </main>`;
    const refs = chatgpt.findMessages(document, 'c1');
    expect(refs.map((r) => [r.role, r.key, r.parts?.length ?? 1, r.streaming])).toEqual([
      ['user', 'u1:user', 1, false],
      ['assistant', 'a1:assistant', 2, false],
      ['assistant', 'a3:assistant', 1, false],
      ['user', 'u2:user', 1, false],
      ['assistant', 'a4:assistant', 2, true],
    ]);
    expect(refs[1]!.element).toBe(refs[1]!.parts![1]);
    expect(chatgpt.readTurns(document, 'c1').map((t) => t.text)).toEqual([
      'First question',
      'First answer',
      'Answer to a prompt not rendered',
      'Second question',
      'Second answer, part one\npart two',
    ]);
    expect(chatgpt.replyModel(document)).toBe('gpt-5-5');
  });

  it('ChatGPT: image and Deep Research answers (no author role) are opaque replies', () => {
    document.body.innerHTML = `<main>
      <section data-turn-id="u1" data-turn="user"><div data-message-author-role="user" data-message-id="u1">Draw me</div></section>
      <section data-turn-id="a1" data-turn="assistant"><div class="group/imagegen-image" id="image-a1"><img src="https://example.test/x.png"><div data-testid="image-gen-overlay-actions"></div><button>Edit</button></div></section>
      <section data-turn-id="u2" data-turn="user"><div data-message-author-role="user" data-message-id="u2">Deep research tides</div></section>
      <section data-turn-id="a2" data-turn="assistant"><iframe sandbox="allow-scripts" title="internal://deep-research"></iframe></section>
    </main>`;
    expect(chatgpt.readTurns(document, 'c2').map((t) => [t.role, t.text, t.opaque ?? null])).toEqual([
      ['user', 'Draw me', null],
      ['assistant', '', 'image'],
      ['user', 'Deep research tides', null],
      ['assistant', '', 'frame'],
    ]);
    expect(chatgpt.replyModel(document)).toBeNull();
  });

  it('ChatGPT octane: a generated image in an assistant li is opaque', () => {
    document.body.innerHTML = `<ol data-conversation-transcript>
      <li data-message-role="user" id="u1"><button data-user-message-bubble><p data-user-message-copy>Draw</p></button></li>
      <li data-message-role="assistant" id="a1"><div class="group/imagegen-image"><img src="https://example.test/x.png"></div></li>
    </ol>`;
    expect(chatgpt.findMessages(document, 'c3').map((r) => [r.key, r.opaque ?? null])).toEqual([['u1:user', null], ['a1:assistant', 'image']]);
  });

  it('ChatGPT: the header reads "ChatGPT" when its label names no model', () => {
    document.body.innerHTML = `<header><button data-testid="model-switcher-dropdown-button" aria-label="Model selector"><span>ChatGPT</span></button></header>`;
    expect(chatgpt.modelLabel(document)).toBe('ChatGPT');
    document.body.innerHTML = `<header><button data-testid="model-switcher-dropdown-button" aria-label="Model selector, current model is 5.2"><span>ChatGPT</span></button></header>`;
    expect(chatgpt.modelLabel(document)).toBe('GPT-5.2');
  });

  it.each([
    ['a checked mode radio', '<div data-model-type="expert" aria-checked="true">Expert</div><div class="ds-toggle-button" aria-pressed="true">DeepThink</div>', 'Expert'],
    ['DeepThink on, no radio', '<div class="ds-toggle-button" aria-pressed="true">Search</div><div class="ds-toggle-button" aria-pressed="true">DeepThink</div>', 'DeepThink'],
    ['深度思考 on, no radio', '<div class="ds-toggle-button" aria-pressed="true">深度思考</div>', '深度思考'],
    ['only Search on', '<div class="ds-toggle-button" aria-pressed="true">联网搜索</div><div class="ds-toggle-button" aria-pressed="false">深度思考</div>', null],
  ])('DeepSeek label with %s', (_name, html, label) => {
    document.body.innerHTML = `<div>${html}</div><textarea name="search"></textarea>`;
    expect(deepseek.modelLabel(document)).toBe(label);
  });

  it('OpenRouter: each reply names its model (the last one counts); the picker is the label', () => {
    document.body.innerHTML = `<main>
      <div data-testid="user-message" data-message-id="1">q1</div>
      <div data-testid="assistant-message" data-message-id="2"><span data-testid="message-model">GPT-5.5</span><p>a1</p></div>
      <div data-testid="user-message" data-message-id="3">q2</div>
      <div data-testid="assistant-message" data-message-id="4"><span data-testid="message-model">Claude Sonnet 4.5</span><p>a2</p></div>
      <button data-testid="model-selector">Auto Router</button>
    </main>`;
    expect(openrouter.replyModel(document)).toBe('Claude Sonnet 4.5');
    expect(openrouter.modelLabel(document)).toBe('Auto Router');
    expect(openrouter.readTurns(document, 'r').map((t) => t.text)).toEqual(['q1', 'a1', 'q2', 'a2']);
  });

  it('returns a mode word as shown (the resolver decides what it means)', () => {
    document.body.innerHTML = `<button data-testid="chat-mode-smart" aria-label="Smart">Smart</button>`;
    expect(copilot.modelLabel(document)).toBe('Smart');
    expect(copilot.replyModel(document)).toBeNull();
  });
});
