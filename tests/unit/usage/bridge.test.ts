// The content script's end of the usage reader: only well-formed reports for this site and page,
// dispatched under this page's token, get through; everything else is dropped and counted.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { beforeEach, describe, expect, it } from 'vitest';
import { startUsageBridge } from '@/lib/usage/bridge';
import { parseReaderMessage } from '@/lib/usage/report';
import { MAX_REPORT_CHARS, readerEventName, type StreamReport } from '@/lib/usage/wire';

const ORIGIN = location.origin;
const report = (over: Partial<StreamReport> = {}): StreamReport => ({
  kind: 'stream', site: 'claude', origin: ORIGIN, conversationId: 'c1', startedAt: 1000, endedAt: 2000, problem: null,
  usage: { model: 'claude-opus-4-5', modelMode: null, inputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 5, reasoningTokens: null, totalTokens: null },
  tools: [],
  thinking: false,
  ...over,
});
const expected = { site: 'claude', origin: ORIGIN };

describe('parseReaderMessage', () => {
  it('accepts a well-formed report for this site and origin', () => {
    expect(parseReaderMessage(JSON.stringify(report()), expected)).toEqual(report());
    expect(parseReaderMessage(JSON.stringify({ kind: 'hello', site: 'claude', origin: ORIGIN }), expected)).toEqual({ kind: 'hello', site: 'claude', origin: ORIGIN });
  });

  const bad: [string, unknown][] = [
    ['an object instead of a string', report()],
    ['not JSON', '{"kind":"stream"'],
    ['too long', JSON.stringify({ ...report(), pad: 'x'.repeat(MAX_REPORT_CHARS) })],
    ['another site', JSON.stringify(report({ site: 'chatgpt' }))],
    ['another origin', JSON.stringify(report({ origin: 'https://evil.example' }))],
    ['an unknown kind', JSON.stringify({ ...report(), kind: 'record-turn' })],
    ['negative tokens', JSON.stringify(report({ usage: { ...report().usage!, inputTokens: -1 } }))],
    ['fractional tokens', JSON.stringify(report({ usage: { ...report().usage!, outputTokens: 1.5 } }))],
    ['absurd tokens', JSON.stringify(report({ usage: { ...report().usage!, outputTokens: 1e12 } }))],
    ['a string count', JSON.stringify(report({ usage: { ...report().usage!, outputTokens: '5' as unknown as number } }))],
    ['an end before the start', JSON.stringify(report({ startedAt: 2000, endedAt: 1000 }))],
    ['a missing field', JSON.stringify({ ...report(), usage: undefined })],
  ];
  for (const [what, detail] of bad) {
    it(`drops ${what}`, () => expect(parseReaderMessage(detail, expected)).toBeNull());
  }
});

describe('startUsageBridge', () => {
  beforeEach(() => fakeBrowser.reset());

  function start(inject: (token: string) => Promise<void>) {
    const ctx = new ContentScriptContext('test');
    let token = '';
    const bridge = startUsageBridge(ctx, 'claude', (t) => {
      token = t;
      return inject(t);
    });
    const post = (detail: unknown, name = readerEventName(token)) => window.dispatchEvent(new CustomEvent(name, { detail }));
    return { ctx, bridge, post, token: () => token };
  }

  it('hands the reader a fresh random token and passes on its reports, those before listening first', () => {
    const { bridge, post, token } = start(async () => undefined);
    expect(token()).toMatch(/^[0-9a-f-]{36}$/);
    expect(bridge.state()).toBe('starting');
    post(JSON.stringify({ kind: 'hello', site: 'claude', origin: ORIGIN }));
    expect(bridge.state()).toBe('running');
    post(JSON.stringify(report({ conversationId: 'early' })));
    const seen: StreamReport[] = [];
    bridge.onReport((r) => seen.push(r));
    post(JSON.stringify(report({ conversationId: 'late' })));
    expect(seen.map((r) => r.conversationId)).toEqual(['early', 'late']);
  });

  it('drops forged and malformed messages: another token, a non-string detail, bad JSON, the wrong shape', () => {
    const { bridge, post } = start(async () => undefined);
    const seen: StreamReport[] = [];
    bridge.onReport((r) => seen.push(r));
    post(JSON.stringify(report()), readerEventName('00000000-0000-4000-8000-000000000000'));
    post(JSON.stringify(report()), 'spendmeter-usage');
    post(report());
    post('{');
    post(JSON.stringify({ kind: 'stream' }));
    expect(seen).toEqual([]);
    expect(bridge.dropped()).toBe(3); // the ones under other names never reach the listener at all
  });

  it('says so when the reader could not be injected', async () => {
    const { bridge } = start(() => Promise.reject(new Error('blocked')));
    await Promise.resolve();
    await Promise.resolve();
    expect(bridge.state()).toBe('failed');
  });

  it('stops listening when the extension context goes away', () => {
    const { ctx, bridge, post } = start(async () => undefined);
    const seen: StreamReport[] = [];
    bridge.onReport((r) => seen.push(r));
    ctx.abort();
    post(JSON.stringify(report()));
    expect(seen).toEqual([]);
  });
});
