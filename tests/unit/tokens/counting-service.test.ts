import { describe, expect, it } from 'vitest';
import { CountingService, MAX_TEXT_CHARS, type CountReply, type VocabFile } from '../../../lib/tokens/counting-service';
import { CORPORA, ENCODINGS, referenceCount } from './reference';
import { oracleCount, vendorVocab } from './vendor-reference';

function setup(options: { failFirstLoad?: boolean } = {}) {
  const replies: CountReply[] = [];
  let loads = 0;
  let waiting: (() => void)[] = [];
  const service = new CountingService(
    async (encoding) => {
      loads++;
      if (options.failFirstLoad && loads === 1) throw new Error('rank file missing');
      const file = (ENCODINGS as Partial<Record<string, VocabFile>>)[encoding] ?? (await vendorVocab(encoding));
      return file;
    },
    (r) => replies.push(r),
    // Yields are released by the test, so it can interleave requests exactly.
    () => new Promise<void>((resolve) => waiting.push(resolve)),
  );
  const releaseYields = async (rounds = 1) => {
    for (let i = 0; i < rounds; i++) {
      const w = waiting;
      waiting = [];
      w.forEach((r) => r());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  const settle = async () => {
    for (let i = 0; i < 10_000 && (waiting.length > 0 || replies.length === 0); i++) await releaseYields();
  };
  return { service, replies, releaseYields, settle, loads: () => loads };
}

const byId = (replies: CountReply[], id: number) => replies.find((r) => r.id === id);

describe('CountingService', () => {
  it('counts a text exactly', async () => {
    const { service, replies, settle } = setup();
    service.submit({ id: 1, session: null, text: CORPORA.english!, encoding: 'o200k_base' });
    await settle();
    expect(replies).toEqual([{ id: 1, status: 'ok', encoding: 'o200k_base', tokens: referenceCount('o200k_base', CORPORA.english!), byCategory: expect.any(Object), byClass: expect.any(Object) }]);
  });

  it('counts with a vendor vocabulary (Gemma 3 SPM) exactly, in a session too', async () => {
    const { service, replies, settle } = setup();
    const text = `${CORPORA.english!}${CORPORA.code!}${CORPORA.cjk!}`;
    service.submit({ id: 1, session: 'gemini-draft', text, encoding: 'gemma3' });
    await settle();
    expect(replies).toEqual([{ id: 1, status: 'ok', encoding: 'gemma3', tokens: await oracleCount('gemma3', text), byCategory: expect.any(Object), byClass: expect.any(Object) }]);
  });

  it('lets a newer request of the same session supersede a big paste still being counted', async () => {
    const { service, replies, releaseYields, settle } = setup();
    const big = CORPORA.english!.repeat(2000); // ~450 KB: many slices
    service.submit({ id: 1, session: 'draft', text: big, encoding: 'o200k_base' });
    await releaseYields(2);
    expect(replies).toEqual([]); // still counting in slices
    service.submit({ id: 2, session: 'draft', text: 'short draft', encoding: 'o200k_base' });
    await settle();
    expect(byId(replies, 1)).toEqual({ id: 1, status: 'superseded' });
    expect(byId(replies, 2)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', 'short draft') });
  });

  it('serves another session while a big paste is counted, and finishes the paste exactly', async () => {
    const { service, replies, releaseYields, settle } = setup();
    const big = CORPORA.code!.repeat(3000);
    service.submit({ id: 1, session: 'tab-1', text: big, encoding: 'o200k_base' });
    await releaseYields(1);
    service.submit({ id: 2, session: 'tab-2', text: 'hello', encoding: 'o200k_base' });
    await releaseYields(3);
    expect(replies.map((r) => r.id)).toEqual([2]);
    while (!byId(replies, 1)) await settle();
    expect(byId(replies, 1)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', big) });
  });

  it('counts incrementally within a session', async () => {
    const { service, replies, settle } = setup();
    service.submit({ id: 1, session: 's', text: 'Hello there', encoding: 'cl100k_base' });
    await settle();
    service.submit({ id: 2, session: 's', text: 'Hello there, friend', encoding: 'cl100k_base' });
    await settle();
    expect(byId(replies, 2)).toMatchObject({ status: 'ok', tokens: referenceCount('cl100k_base', 'Hello there, friend') });
  });

  it('refuses a text over the size limit with a clear error', async () => {
    const { service, replies } = setup();
    service.submit({ id: 7, session: null, text: 'x'.repeat(MAX_TEXT_CHARS + 1), encoding: 'o200k_base' });
    expect(replies).toEqual([{ id: 7, status: 'error', message: expect.stringMatching(/too large/) }]);
  });

  it('answers a non-string text with an error', () => {
    const { service, replies } = setup();
    service.submit({ id: 8, session: null, text: 42 as unknown as string, encoding: 'o200k_base' });
    expect(replies).toEqual([{ id: 8, status: 'error', message: 'text must be a string' }]);
  });

  it('reports a failed rank load and recovers on the next request', async () => {
    const { service, replies, settle, loads } = setup({ failFirstLoad: true });
    service.submit({ id: 1, session: null, text: 'a', encoding: 'o200k_base' });
    await settle();
    expect(byId(replies, 1)).toMatchObject({ status: 'error', message: expect.stringMatching(/rank file missing/) });
    service.submit({ id: 2, session: null, text: 'a', encoding: 'o200k_base' });
    await settle();
    await new Promise((r) => setTimeout(r, 0));
    while (!byId(replies, 2)) await settle();
    expect(byId(replies, 2)).toMatchObject({ status: 'ok', tokens: 1 });
    expect(loads()).toBe(2);
  });

  it('counts unusual input: lone surrogates, NUL, and 10 MB', async () => {
    const { service, replies, settle } = setup();
    const odd = '\ud800\udfff\udc00 \u0000\u0000 <|endoftext|>';
    service.submit({ id: 1, session: null, text: odd, encoding: 'o200k_base' });
    await settle();
    expect(byId(replies, 1)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', odd) });
    const tenMb = (CORPORA.english! + CORPORA.cjk! + CORPORA.code!).repeat(Math.ceil(10_000_000 / 800)).slice(0, 10_000_000);
    service.submit({ id: 2, session: null, text: tenMb, encoding: 'o200k_base' });
    while (!byId(replies, 2)) await settle();
    expect(byId(replies, 2)).toMatchObject({ status: 'ok', tokens: expect.any(Number) });
    expect((byId(replies, 2) as { tokens: number }).tokens).toBeGreaterThan(1_000_000);
  });
});
