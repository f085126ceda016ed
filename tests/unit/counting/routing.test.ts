import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bundledCatalogData } from '../../../lib/catalog';
import { createTokenCounter, roughTokenEstimate } from '../../../lib/counting/client';
import { OffscreenCountingHost } from '../../../lib/counting/offscreen-host';
import { classifySender, routeMessage, type CountingHost, type RouterDeps } from '../../../lib/messaging/router';

const ID = 'spendmeter-test-id';
const ORIGIN = `chrome-extension://${ID}`;

function deps() {
  const count = vi.fn<CountingHost['count']>(async () => ({ status: 'ok', encoding: 'o200k_base', tokens: 2, byCategory: { prose: 2, code: 0, cjk: 0 } }));
  const recordTurn = vi.fn<RouterDeps['recordTurn']>(async () => ({ status: 'ok', added: true, updated: false }));
  const reportHealth = vi.fn<RouterDeps['reportHealth']>(async () => undefined);
  const recordLimits = vi.fn<RouterDeps['recordLimits']>(async () => undefined);
  const refreshStatus = vi.fn<RouterDeps['refreshStatus']>(async () => undefined);
  return { extensionId: ID, extensionOrigin: ORIGIN, counting: { count }, recordTurn, reportHealth, recordLimits, refreshStatus } satisfies RouterDeps;
}

const turn = {
  site: 'claude', conversationId: 'c1', promptKey: 'p', replyKey: 'r', model: 'anthropic/claude-sonnet-5', modelLabel: 'Sonnet 5',
  promptTokens: 10, contextTokens: 0, overheadTokens: 0, outputTokens: 20, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reported: { counts: 'none', model: false },
  exact: { prompt: false, context: true, output: false }, sentAt: 1000, finishedAt: 2000, regenerated: false, modelSource: 'picker', replyOpaque: null,
};

describe('turn and health messages', () => {
  it('records a turn from a content script on the same site', async () => {
    const d = deps();
    expect(await routeMessage({ kind: 'record-turn', turn }, tab('https://claude.ai/chat/1'), d)).toEqual({ status: 'ok', added: true, updated: false });
    expect(d.recordTurn).toHaveBeenCalledOnce();
  });

  it.each([
    ['a content script on another site', tab('https://chatgpt.com/c/1')],
    ['an extension page', { id: ID, origin: ORIGIN }],
    ['a look-alike host', tab('https://claude.ai.evil.example/chat/1')],
    ['another extension', { id: 'other', url: 'https://claude.ai/chat/1', tab: { id: 1 } as never }],
  ])('refuses a turn from %s', async (_name, sender) => {
    const d = deps();
    const reply = (await routeMessage({ kind: 'record-turn', turn }, sender, d)) as { status: string };
    expect(reply.status).toBe('error');
    expect(d.recordTurn).not.toHaveBeenCalled();
  });

  it('redoes the badge and budgets when an extension page changed the ledger, and for nobody else', async () => {
    const d = deps();
    expect(await routeMessage({ kind: 'ledger-changed' }, { id: ID, origin: ORIGIN }, d)).toEqual({ status: 'ok' });
    expect(d.refreshStatus).toHaveBeenCalledOnce();
    // The options page opens in a tab: still an extension page.
    expect(await routeMessage({ kind: 'ledger-changed' }, { id: ID, url: `${ORIGIN}/options.html`, tab: { id: 3, url: `${ORIGIN}/options.html` } as never }, d)).toEqual({ status: 'ok' });
    expect(d.refreshStatus).toHaveBeenCalledTimes(2);
    expect(await routeMessage({ kind: 'ledger-changed' }, tab('https://claude.ai/chat/1'), d)).toMatchObject({ status: 'error' });
    expect(d.refreshStatus).toHaveBeenCalledTimes(2);
  });

  it('rejects a turn with text in it or bad counts, naming the field', async () => {
    const d = deps();
    const reply = (await routeMessage({ kind: 'record-turn', turn: { ...turn, promptTokens: -1 } }, tab('https://claude.ai/chat/1'), d)) as { status: string; message: string };
    expect(reply.status).toBe('error');
    expect(reply.message).toContain('turn.promptTokens');
    const backwards = (await routeMessage({ kind: 'record-turn', turn: { ...turn, finishedAt: 1 } }, tab('https://claude.ai/chat/1'), d)) as { message: string };
    expect(backwards.message).toContain('finishedAt');
    expect(d.recordTurn).not.toHaveBeenCalled();
  });

  it('stores health from the site it describes only', async () => {
    const d = deps();
    const report = { kind: 'health', site: 'claude', found: { composer: true, transcript: false, modelLabel: true }, required: ['composer', 'transcript'], note: null };
    expect(await routeMessage(report, tab('https://claude.ai/chat/1'), d)).toEqual({ status: 'ok' });
    expect(await routeMessage({ ...report, site: 'gemini' }, tab('https://claude.ai/chat/1'), d)).toMatchObject({ status: 'error' });
    expect(d.reportHealth).toHaveBeenCalledOnce();
  });
});
const count = { kind: 'count', session: 'tab-1', text: 'hi there', encoding: 'o200k_base' };
const tab = (url: string) => ({ id: ID, url, tab: { id: 1, url } as never });

describe('routeMessage', () => {
  it('answers a malformed message with an error and does nothing', async () => {
    const d = deps();
    for (const bad of [null, 'count', { kind: 'count' }, { ...count, encoding: 'p50k' }, { ...count, text: 5 }, { kind: 'delete-everything' }]) {
      await expect(routeMessage(bad, { id: ID, origin: ORIGIN }, d)).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/malformed/) });
    }
    expect(d.counting.count).not.toHaveBeenCalled();
  });

  it('counts for an extension page and for a content script on a supported host', async () => {
    const d = deps();
    await expect(routeMessage(count, { id: ID, origin: ORIGIN, url: `${ORIGIN}/popup.html` }, d)).resolves.toMatchObject({ status: 'ok' });
    await expect(routeMessage(count, tab('https://chatgpt.com/c/abc'), d)).resolves.toMatchObject({ status: 'ok' });
    expect(d.counting.count).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['another extension', { id: 'other-extension', origin: ORIGIN }],
    ['a web page (no extension id)', { url: 'https://chatgpt.com/' }],
    ['a look-alike host', tab('https://chatgpt.com.evil.example/')],
    ['a substring host', tab('https://notclaude.ai/')],
    ['plain http', tab('http://chatgpt.com/')],
    ['an unsupported site', tab('https://example.com/')],
    ['a foreign origin without a tab', { id: ID, origin: 'https://chatgpt.com' }],
  ])('refuses %s', async (_label, sender) => {
    const d = deps();
    await expect(routeMessage(count, sender as never, d)).resolves.toEqual({ status: 'error', message: 'sender not allowed' });
    expect(d.counting.count).not.toHaveBeenCalled();
  });

  it('leaves messages addressed to another page alone', () => {
    expect(routeMessage({ target: 'offscreen', request: count }, { id: ID, origin: ORIGIN }, deps())).toBeUndefined();
  });

  it('classifies senders', () => {
    expect(classifySender(tab('https://claude.ai/chat/1'), deps())).toBe('content-script');
    expect(classifySender({ id: ID, origin: ORIGIN }, deps())).toBe('extension-page');
  });
});

describe('createTokenCounter', () => {
  const catalog = bundledCatalogData();
  const reply = { status: 'ok', encoding: 'o200k_base', tokens: 100, byCategory: { prose: 60, code: 40, cjk: 0 } };

  it('is exact for an OpenAI model', async () => {
    const send = vi.fn(async () => reply);
    const counter = createTokenCounter(catalog, send);
    await expect(counter.count('text', 'gpt-5.5', { session: 'd' })).resolves.toMatchObject({ status: 'ok', tokens: 100, exact: true, encoding: 'o200k_base' });
    expect(send).toHaveBeenCalledWith({ kind: 'count', session: 'd', text: 'text', version: 1, encoding: 'o200k_base' });
  });

  it('asks for cl100k for GPT-4', async () => {
    const send = vi.fn(async () => ({ ...reply, encoding: 'cl100k_base' }));
    await createTokenCounter(catalog, send).count('text', 'gpt-4');
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ encoding: 'cl100k_base' }));
  });

  it('estimates other vendors with the catalog factors per kind of text', async () => {
    // A vendor counted as o200k times factors (the catalog's own estimates change as vendors turn exact).
    const factors = { prose: 1.2, code: 1.5, cjk: 1.3 };
    const estimated = { ...catalog, tokenizers: { ...catalog.tokenizers, grok: { exact: false, encoding: 'o200k_base' as const, factors, source: 'test' } } };
    const counter = createTokenCounter(estimated, async () => reply);
    await expect(counter.count('text', 'Grok 4')).resolves.toMatchObject({ status: 'ok', exact: false, tokens: Math.round(60 * factors.prose + 40 * factors.code), tokenizer: 'grok' });
  });

  it('asks for the Claude vocabulary of each generation, exact', async () => {
    for (const [label, encoding] of [['Sonnet 5', 'claude_v5'], ['claude-opus-4-7', 'claude_v4_7'], ['claude-sonnet-4-5', 'claude_v3']] as const) {
      const send = vi.fn(async () => ({ ...reply, encoding }));
      await expect(createTokenCounter(catalog, send).count('text', label)).resolves.toMatchObject({ status: 'ok', exact: true, tokens: 100, encoding });
      expect(send).toHaveBeenCalledWith(expect.objectContaining({ encoding }));
    }
  });

  it('marks an unknown model as an estimate', async () => {
    await expect(createTokenCounter(catalog, async () => reply).count('text', 'Mystery Model')).resolves.toMatchObject({ status: 'ok', exact: false, tokens: 100 });
  });

  it('passes supersession through and turns failures into errors', async () => {
    await expect(createTokenCounter(catalog, async () => ({ status: 'superseded' })).count('t', 'gpt-5')).resolves.toEqual({ status: 'superseded' });
    await expect(createTokenCounter(catalog, async () => { throw new Error('no receiver'); }).count('t', 'gpt-5')).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/no receiver/) });
    await expect(createTokenCounter(catalog, async () => undefined).count('t', 'gpt-5')).resolves.toMatchObject({ status: 'error' });
  });

  it('gives an instant rough estimate of about a token per 4 bytes', () => {
    expect(roughTokenEstimate('abcdefgh')).toBe(2);
    expect(roughTokenEstimate('中文')).toBe(2);
    expect(roughTokenEstimate('😀😀')).toBe(2); // a surrogate pair is 4 UTF-8 bytes
  });
});

describe('OffscreenCountingHost', () => {
  let documents = 0;
  let created = 0;
  let answering = true;
  beforeEach(() => {
    fakeBrowser.reset();
    documents = 0;
    created = 0;
    answering = true;
    Object.assign(fakeBrowser.runtime, { getContexts: async () => Array.from({ length: documents }, () => ({})) });
    Object.assign(fakeBrowser, {
      offscreen: {
        createDocument: async () => void (documents = 1, created++),
        closeDocument: async () => void (documents = 0),
      },
    });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => {
      if (!answering) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { status: 'ok', encoding: 'o200k_base', tokens: 1, byCategory: { prose: 1, code: 0, cjk: 0 } };
    });
  });

  it('creates the document on demand and reuses it', async () => {
    const host = new OffscreenCountingHost();
    await expect(host.count({ kind: 'count', session: null, text: 'a', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    await host.count({ kind: 'count', session: null, text: 'b', encoding: 'o200k_base' });
    expect(created).toBe(1);
  });

  it('recreates a document that stopped answering, and retries once', async () => {
    const host = new OffscreenCountingHost();
    await host.count({ kind: 'count', session: null, text: 'a', encoding: 'o200k_base' });
    answering = false;
    const sendMessage = vi.mocked(fakeBrowser.runtime.sendMessage);
    sendMessage.mockImplementationOnce(async () => { throw new Error('Receiving end does not exist.'); });
    answering = true;
    await expect(host.count({ kind: 'count', session: null, text: 'b', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(created).toBe(2);
  });

  it('creates one document for many concurrent requests, even while one is being created', async () => {
    // Chrome refuses a second offscreen document, and getContexts answers a little later.
    Object.assign(fakeBrowser.runtime, {
      getContexts: async () => {
        const seen = documents;
        await new Promise((r) => setTimeout(r, 4));
        return Array.from({ length: seen }, () => ({}));
      },
    });
    Object.assign(fakeBrowser, {
      offscreen: {
        createDocument: async () => {
          await new Promise((r) => setTimeout(r, 5));
          if (documents) throw new Error('Only a single offscreen document may be created.');
          documents = 1;
          created++;
        },
        closeDocument: async () => void (documents = 0),
      },
    });
    const host = new OffscreenCountingHost();
    const replies = [];
    for (let i = 0; i < 6; i++) {
      replies.push(host.count({ kind: 'count', session: null, text: String(i), encoding: 'o200k_base' }));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect((await Promise.all(replies)).map((r) => r.status)).toEqual(Array(6).fill('ok'));
    expect(created).toBe(1);
  });

  it('asks whether the document is there only until it has answered', async () => {
    const getContexts = vi.fn(async () => Array.from({ length: documents }, () => ({})));
    Object.assign(fakeBrowser.runtime, { getContexts });
    const host = new OffscreenCountingHost();
    for (let i = 0; i < 5; i++) await host.count({ kind: 'count', session: null, text: String(i), encoding: 'o200k_base' });
    expect(getContexts).toHaveBeenCalledTimes(1);
    // A document closed under us: the next request finds no receiver, checks again and recreates it.
    documents = 0;
    vi.mocked(fakeBrowser.runtime.sendMessage).mockImplementationOnce(async () => { throw new Error('Receiving end does not exist.'); });
    await expect(host.count({ kind: 'count', session: null, text: 'x', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok' });
    expect(created).toBe(2);
  });

  it('gives a clear error when the counter cannot be reached at all', async () => {
    answering = false;
    await expect(new OffscreenCountingHost().count({ kind: 'count', session: null, text: 'a', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/not available/) });
  });
});
