// Exact usage from the sites' own reply streams, in Chromium and Firefox with the built extension: the
// fixture pages make the sites' real reply requests and the fixture server replays recorded streams
// (tests/fixtures/streams). The ledger gets the site's figures whether the stream or the page
// finishes first, a stream that changed shape falls back to the page's counts and says so, forged
// reports change nothing, and the page's own requests come back unchanged.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPLIES } from './fixtures/sites.js';
import { LATE_STREAM_MS } from './fixtures/server';
import { BROWSER_LABEL, poll, type TestPage } from './driver';
import { newChatUrl, openPopup, settle, siteHealth, todayFigures, useBrowser, waitForPill, waitForToday, waitForTurns } from './steps';
import { modelOf, tokensOn, turnCost } from './expected';

const expected = JSON.parse(readFileSync(resolve(process.cwd(), 'tests', 'fixtures', 'streams', 'expected.json'), 'utf8')) as Record<string, Record<string, number | string>>;

let popup: TestPage;
const b = useBrowser({}, async (d) => {
  popup = await openPopup(d);
});

async function sendOn(host: string, query: string, draft: string): Promise<TestPage> {
  const page = await b.d.newPage(newChatUrl(host, query));
  await page.waitFor('spendmeter-pill');
  await page.fill('[data-fixture-composer]', draft);
  await waitForPill(page, (f) => f.draftTokens > 0);
  await page.press('[data-fixture-composer]', 'Enter');
  return page;
}

/** The conversation id a new chat moves to after its first send. */
async function conversationOf(page: TestPage): Promise<string> {
  await page.waitUntil(() => location.pathname !== '/', undefined, 10_000);
  return page.evaluate(() => location.pathname.split('/').pop()!);
}

const inputOf = (r: Record<string, unknown>) => Number(r.promptTokens) + Number(r.contextTokens) + Number(r.overheadTokens);

/** Cost from the catalog JSON directly: uncached input, cache reads and writes, output and reasoning. */
function reportedCost(modelId: string, t: { input: number; cached: number; written: number; output: number }): number {
  const p = modelOf(modelId).price as { input: number; cachedInput?: number; cacheWrite?: number; output: number };
  return (t.input * p.input + t.cached * (p.cachedInput ?? p.input) + t.written * (p.cacheWrite ?? p.input) + t.output * p.output) / 1e6;
}

describe(`[${BROWSER_LABEL}] site-reported usage`, () => {
  it("Claude: the stream's input, cache reads and writes and output replace the counts; the next draft's context is the reported input", async () => {
    const e = expected.claude!;
    const before = await todayFigures(popup);
    const page = await sendOn('claude.ai', 'net=1&stream=15', 'What does the ledger keep?');
    const [row] = await waitForTurns(popup, 'claude', (rows) => rows.length === 1 && rows[0]!.reportedCounts === 'full');
    expect(row).toMatchObject({ model: e.catalogModel, modelLabel: e.model, overheadTokens: 0, cachedInputTokens: e.cachedInputTokens, cacheWriteTokens: e.cacheWriteTokens, outputTokens: e.outputTokens, reasoningTokens: 0, reportedModel: true, exactPrompt: true, exactContext: true, exactOutput: true });
    expect(inputOf(row!)).toBe(e.inputTokens);
    const usd = reportedCost(String(e.catalogModel), { input: Number(e.inputTokens), cached: Number(e.cachedInputTokens), written: Number(e.cacheWriteTokens), output: Number(e.outputTokens) });
    expect(Number(row!.usd)).toBeCloseTo(usd, 12);
    const after = await waitForToday(popup, (f) => f.turns === before.turns + 1);
    expect(after.usd - before.usd).toBeCloseTo(usd, 10);

    // The next draft re-sends the last turn's whole input (as reported) and its reply.
    const replyTokens = tokensOn(String(e.catalogModel), REPLIES[0]!);
    await page.fill('[data-fixture-composer]', 'And what does it never keep?');
    const pill = await waitForPill(page, (f) => f.contextTokens === Number(e.inputTokens) + Number(e.cachedInputTokens) + Number(e.cacheWriteTokens) + replyTokens);
    expect(pill.model).toBe(e.catalogModel);
    expect(await page.attr('spendmeter-pill', 'data-context-source')).toBe('site');
    await page.click('spendmeter-pill >>> .summary');
    expect(await page.text('spendmeter-pill >>> .details')).toContain("the last turn's input as the site reported it");
    await page.close();
  });

  it('ChatGPT: the model that actually answered replaces the picker\'s, and prices the turn', async () => {
    const e = expected.chatgpt!;
    const page = await sendOn('chatgpt.com', 'gen=E&net=1&stream=15', 'Which model answers this?');
    const [row] = await waitForTurns(popup, 'chatgpt', (rows) => rows.some((r) => r.reportedModel === true));
    expect(row).toMatchObject({ model: e.catalogModel, modelLabel: e.model, reportedCounts: 'none', reportedModel: true });
    expect(Number(row!.usd)).toBeCloseTo(turnCost(String(e.catalogModel), inputOf(row!), Number(row!.outputTokens)), 12);
    await page.close();
  });

  it("DeepSeek: the reported total (input and output together) is the turn's, the split still marked an estimate", async () => {
    const page = await sendOn('chat.deepseek.com', 'net=1&stream=15', 'How many tokens was this?');
    const [row] = await waitForTurns(popup, 'deepseek', (rows) => rows.length === 1 && rows[0]!.reportedCounts === 'total');
    expect(inputOf(row!) + Number(row!.outputTokens) + Number(row!.reasoningTokens)).toBe(expected.deepseek!.totalTokens);
    expect(row).toMatchObject({ exactPrompt: false, exactContext: false, reportedModel: false });
    await page.close();
  });

  it("Gemini (XMLHttpRequest): usageMetadata with reasoning as its own figure, billed as output, shown in the pill and the popup", async () => {
    const e = expected.gemini!;
    const page = await sendOn('gemini.google.com', 'net=1&stream=15', 'Think about this first.');
    const [row] = await waitForTurns(popup, 'gemini', (rows) => rows.length === 1 && rows[0]!.reportedCounts === 'full');
    expect(row).toMatchObject({ model: e.catalogModel, cachedInputTokens: e.cachedInputTokens, outputTokens: e.outputTokens, reasoningTokens: e.reasoningTokens });
    expect(inputOf(row!)).toBe(e.inputTokens);
    const usd = reportedCost(String(e.catalogModel), { input: Number(e.inputTokens), cached: Number(e.cachedInputTokens), written: 0, output: Number(e.outputTokens) + Number(e.reasoningTokens) });
    expect(Number(row!.usd)).toBeCloseTo(usd, 12);

    await page.fill('[data-fixture-composer]', 'Next question.');
    await waitForPill(page, (f) => f.draftTokens > 0);
    await page.click('spendmeter-pill >>> .summary');
    expect(await page.text('spendmeter-pill >>> .details')).toMatch(/Last reply's reasoning\s*412 tokens \(billed as output\)/);
    await popup.reload();
    await popup.waitFor('[data-testid="month-reasoning"]');
    expect(Number(await popup.attr('[data-testid="month-reasoning"]', 'data-value'))).toBeGreaterThanOrEqual(Number(e.reasoningTokens));
    await page.close();
  });

  it('the page first, the stream later: the counted turn is replaced by the reported one, never counted twice', async () => {
    const e = expected.claude!;
    const before = await todayFigures(popup);
    const page = await sendOn('claude.ai', 'net=late&stream=15', 'A slow stream, please.');
    const conversation = await conversationOf(page);
    const counted = await waitForTurns(popup, 'claude', (rows) => rows.some((r) => r.conversationId === conversation), LATE_STREAM_MS);
    expect(counted.filter((r) => r.conversationId === conversation)).toEqual([expect.objectContaining({ reportedCounts: 'none' })]);
    const rows = await waitForTurns(popup, 'claude', (all) => all.some((r) => r.conversationId === conversation && r.reportedCounts === 'full'), LATE_STREAM_MS + 15_000);
    const mine = rows.filter((r) => r.conversationId === conversation);
    expect(mine).toHaveLength(1);
    expect(inputOf(mine[0]!)).toBe(e.inputTokens);
    const usd = reportedCost(String(e.catalogModel), { input: Number(e.inputTokens), cached: Number(e.cachedInputTokens), written: Number(e.cacheWriteTokens), output: Number(e.outputTokens) });
    const after = await waitForToday(popup, (f) => f.turns === before.turns + 1 && Math.abs(f.usd - before.usd - usd) < 1e-9);
    expect(after.turns).toBe(before.turns + 1);
    await page.close();
  });

  it('a stream that changed shape: the page\'s counts are used and the site\'s health says exact usage is unavailable', async () => {
    const page = await sendOn('chat.deepseek.com', 'net=broken&stream=15', 'Is the stream still readable?');
    const conversation = await conversationOf(page);
    const rows = await waitForTurns(popup, 'deepseek', (all) => all.some((r) => r.conversationId === conversation));
    expect(rows.find((r) => r.conversationId === conversation)).toMatchObject({ reportedCounts: 'none', reportedModel: false });
    const note = await poll(async () => (await siteHealth(popup)).deepseek?.note ?? null, (n) => n?.includes('exact usage unavailable') ?? false, 'the health never said exact usage is unavailable', 15_000, 200);
    expect(note).toBe('exact usage unavailable: no accumulated_token_usage; using the counts from the page');
    await popup.reload();
    await popup.waitFor('[data-testid="health"]');
    expect(await popup.text('[data-testid="health"]')).toContain('exact usage unavailable');
    await page.close();
  });

  it('forged usage reports from the page change nothing', async () => {
    const page = await sendOn('claude.ai', 'forge=1&stream=15', 'Can the page fake its usage?');
    const conversation = await conversationOf(page);
    const rows = await waitForTurns(popup, 'claude', (all) => all.some((r) => r.conversationId === conversation));
    // A round trip through the background: whatever the page forged before it has been handled.
    await settle(page);
    const mine = (await waitForTurns(popup, 'claude', () => true)).filter((r) => r.conversationId === conversation);
    expect(rows.filter((r) => r.conversationId === conversation)).toEqual(mine);
    expect(mine).toEqual([expect.objectContaining({ reportedCounts: 'none', reportedModel: false, model: 'anthropic/claude-sonnet-4-5' })]);
    expect(Number(mine[0]!.outputTokens)).toBeLessThan(1000);
    await page.close();
  });
});

describe(`[${BROWSER_LABEL}] the page's own requests are unchanged`, () => {
  for (const [host, kind, type, order] of [
    ['claude.ai', 'fetch', 'text/event-stream; charset=utf-8', ['native promise', 'then 1', 'then 2', 'await', 'first piece', 'end']],
    ['gemini.google.com', 'xhr', 'application/json; charset=utf-8', ['state 1', 'state 2', 'state 3', 'first piece', 'state 4']],
  ] as const) {
    it(`${kind} on ${host}: the same body, headers and order, the first piece before the server sent the rest`, async () => {
      const page = await b.d.newPage(`https://${host}/?verify=${kind}`);
      await page.waitFor('body[data-verify]');
      const result = JSON.parse((await page.attr('body', 'data-verify'))!) as Record<string, unknown>;
      // `hooked` proves the check ran with the extension's hook in place.
      expect(result).toEqual({ hooked: true, order, status: 200, type, digest: result.expected, expected: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(page.errors).toEqual([]);
      await page.close();
    });
  }
});
