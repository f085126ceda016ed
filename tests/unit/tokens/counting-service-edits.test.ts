// Edits through CountingService.submit, as the worker receives them, against whole-text counts:
// random edit sequences (typing, deletions, replacements, multi-KB pastes and cuts, at the start,
// the end, the middle and around piece edges) for o200k (js-tiktoken), Gemma 3's SPM, Llama 3 and
// Claude v4.7 (our whole-text count: the oracle tests check that one), several edits submitted
// before the drain runs or while a paste is still counted (supersession), whole texts mixed with
// edits, resync cases and sessions dropped by the LRU; the next keys' table a draft's count carries.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaudeVocabFile } from '../../../lib/tokens/claude';
import { counterFor, CountingService, type CountReply, type CountRequest, type VocabFile } from '../../../lib/tokens/counting-service';
import type { TextCounter } from '../../../lib/tokens/incremental';
import { CUT_CONTEXT } from '../../../lib/tokens/chunking';
import { predictFromTable, type LookAhead } from '../../../lib/tokens/lookahead';
import { PIECE_TARGET } from '../../../lib/tokens/piece-text';
import type { ClassTokens } from '../../../lib/tokens/text-class';
import { CORPORA, ENCODINGS, referenceCount } from './reference';
import { vendorVocab } from './vendor-reference';

const CLAUDE = JSON.parse(readFileSync('lib/tokens/vocab/claude_v4_7.json', 'utf8')) as ClaudeVocabFile;

async function load(encoding: string): Promise<VocabFile> {
  if (encoding in ENCODINGS) return ENCODINGS[encoding as keyof typeof ENCODINGS];
  if (encoding === 'claude_v4_7') return CLAUDE;
  return vendorVocab(encoding);
}

const wholeCounters = new Map<string, TextCounter>();
async function wholeCount(encoding: string, text: string): Promise<number> {
  if (encoding === 'o200k_base') return referenceCount('o200k_base', text);
  let counter = wholeCounters.get(encoding);
  if (!counter) wholeCounters.set(encoding, (counter = counterFor(await load(encoding))));
  return counter.count(text);
}

/** A service whose slices yield to the test: `tick` lets the drain run one slice. */
function setup() {
  const replies: CountReply[] = [];
  const service = new CountingService(load as never, (r) => replies.push(r), () => new Promise((r) => setTimeout(r, 0)));
  const answered = async (id: number) => {
    for (let i = 0; i < 100_000 && !replies.some((r) => r.id === id); i++) await new Promise((r) => setTimeout(r, 0));
    return replies.find((r) => r.id === id)!;
  };
  return { service, replies, answered };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const { longRuns: _longRuns, ...editable } = CORPORA;
const LINES = Object.values(editable).join('\n');
/** About 20 KB of mixed text: several pieces, many chunks. */
const BASE = LINES.repeat(Math.ceil(20_000 / LINES.length)).slice(0, 20_000);
const pasteOf = (n: number, seed: number) => {
  const from = (seed * 131) % LINES.length;
  return LINES.repeat(Math.ceil((n + from) / LINES.length) + 1).slice(from, from + n);
};

type Step = { kind: 'start' | 'end' | 'any' | 'edge'; x: number; removed: number; inserted: number; seed: number; whole: boolean; wait: boolean };
const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('start', 'end', 'any', 'any', 'edge'),
  x: fc.double({ min: 0, max: 1, noNaN: true }),
  removed: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 500, max: 8_000 }) }),
  inserted: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }) }),
  seed: fc.nat({ max: 1000 }),
  /** Send the whole text instead of the edit (a resync or a streamed reply does). */
  whole: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))).chain((b) => (b ? fc.boolean() : fc.constant(false))),
  /** Let the drain run a slice before the next request (else requests pile up and supersede). */
  wait: fc.boolean(),
});

function editOf(text: string, s: Step): { offset: number; removed: number; inserted: string } {
  let offset: number;
  if (s.kind === 'start') offset = 0;
  else if (s.kind === 'end') offset = text.length;
  else if (s.kind === 'any') offset = Math.min(text.length, Math.floor(s.x * (text.length + 1)));
  else offset = Math.min(text.length, Math.max(0, PIECE_TARGET * Math.floor((s.x * text.length) / PIECE_TARGET) + (s.seed % 7) - 3));
  // Never split a surrogate pair: the client's edits never do.
  const low = (i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
  if (low(offset)) offset--;
  let removed = Math.min(s.removed, text.length - offset);
  if (low(offset + removed)) removed++;
  let inserted = pasteOf(s.inserted, s.seed);
  if ((inserted.charCodeAt(inserted.length - 1) & 0xfc00) === 0xd800) inserted = inserted.slice(0, -1);
  if ((inserted.charCodeAt(0) & 0xfc00) === 0xdc00) inserted = inserted.slice(1);
  return { offset, removed, inserted };
}

/**
 * Plays `steps` into one session: batches of requests (each an edit of the latest text, or the
 * whole text), submitted back to back or a slice apart; every request answered 'ok' must carry its
 * own version's exact count, the last of each batch must be answered 'ok'.
 */
async function play(encoding: string, start: string, batches: Step[][]): Promise<void> {
  const { service, answered } = setup();
  let id = 0;
  let version = 1;
  let text = start;
  const sent = new Map<number, string>();
  service.submit({ id: ++id, session: 's', text, version, encoding: encoding as never });
  sent.set(id, text);
  for (const batch of batches) {
    for (const s of batch) {
      const e = editOf(text, s);
      const next = text.slice(0, e.offset) + e.inserted + text.slice(e.offset + e.removed);
      const request: CountRequest = s.whole
        ? { id: ++id, session: 's', text: next, version: version + 1, encoding: encoding as never }
        : { id: ++id, session: 's', edit: { base: version, ...e, length: next.length }, version: version + 1, encoding: encoding as never };
      service.submit(request);
      text = next;
      version++;
      sent.set(id, text);
      if (s.wait) await tick();
    }
    const last = await answered(id);
    expect(last).toMatchObject({ status: 'ok', tokens: await wholeCount(encoding, text) });
  }
  for (const [rid, t] of sent) {
    const reply = await answered(rid);
    expect(['ok', 'superseded']).toContain(reply.status);
    if (reply.status === 'ok') expect(reply.tokens).toBe(await wholeCount(encoding, t));
  }
}

const batches = fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

describe.each([
  ['o200k_base', 25],
  ['gemma3', 12],
  ['llama3', 12],
  ['claude_v4_7', 10],
] as const)('CountingService edits, %s', (encoding, numRuns) => {
  it('counts exactly after random edit sequences, superseded edits and whole texts mixed in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), batches, async (fromEmpty, steps) => {
        await play(encoding, fromEmpty ? '' : BASE, steps);
      }),
      { numRuns },
    );
  }, 300_000);
});

describe('CountingService edits: superseding, resync, eviction', () => {
  it('drops a paste still being counted for the next keystroke, and keeps what the paste changed', async () => {
    const { service, replies, answered } = setup();
    const base = BASE;
    service.submit({ id: 1, session: 'd', text: base, version: 1, encoding: 'o200k_base' });
    expect(await answered(1)).toMatchObject({ status: 'ok' });
    const paste = pasteOf(200_000, 3); // many slices
    const pasted = `${base.slice(0, 5_000)}${paste}${base.slice(5_000)}`;
    service.submit({ id: 2, session: 'd', edit: { base: 1, offset: 5_000, removed: 0, inserted: paste, length: pasted.length }, version: 2, encoding: 'o200k_base' });
    await tick();
    await tick();
    expect(replies.some((r) => r.id === 2)).toBe(false); // still counting
    const typed = `${pasted}!`;
    service.submit({ id: 3, session: 'd', edit: { base: 2, offset: pasted.length, removed: 0, inserted: '!', length: typed.length }, version: 3, encoding: 'o200k_base' });
    expect(await answered(3)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', typed) });
    expect(await answered(2)).toEqual({ id: 2, status: 'superseded' });
  });

  it('answers resync for a wrong base, an edit out of range or a wrong length, and changes nothing', async () => {
    const { service, replies, answered } = setup();
    service.submit({ id: 1, session: 'd', text: BASE, version: 1, encoding: 'o200k_base' });
    await answered(1);
    const bad: CountRequest['edit'][] = [
      { base: 7, offset: 0, removed: 0, inserted: 'x', length: BASE.length + 1 },
      { base: 1, offset: BASE.length, removed: 1, inserted: '', length: BASE.length - 1 },
      { base: 1, offset: 3, removed: 0, inserted: 'x', length: BASE.length + 2 },
      { base: 1, offset: -1, removed: 0, inserted: 'x', length: BASE.length + 1 },
    ];
    bad.forEach((edit, k) => service.submit({ id: 10 + k, session: 'd', edit, version: 2, encoding: 'o200k_base' }));
    expect(replies.filter((r) => r.id >= 10).map((r) => r.status)).toEqual(['resync', 'resync', 'resync', 'resync']);
    // An edit with no session, or for a session never seen, is a resync too.
    service.submit({ id: 20, session: 'other', edit: { base: 1, offset: 0, removed: 0, inserted: 'x', length: 1 }, version: 2, encoding: 'o200k_base' });
    service.submit({ id: 21, session: 'd', edit: { base: 1, offset: 0, removed: 0, inserted: 'x', length: BASE.length + 1 }, version: 2, encoding: 'cl100k_base' });
    expect(replies.filter((r) => r.id >= 20).map((r) => r.status)).toEqual(['resync', 'resync']);
    // The held text is still version 1: a right edit of it counts exactly.
    const next = `${BASE.slice(0, 100)}typed${BASE.slice(100)}`;
    service.submit({ id: 30, session: 'd', edit: { base: 1, offset: 100, removed: 0, inserted: 'typed', length: next.length }, version: 2, encoding: 'o200k_base' });
    expect(await answered(30)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', next) });
  });

  it('refuses an edit that would make the text too large, and keeps the session as it was', async () => {
    const { service, answered } = setup();
    service.submit({ id: 1, session: 'd', text: 'small', version: 1, encoding: 'o200k_base' });
    await answered(1);
    const huge = 'x'.repeat(32 * 1024 * 1024);
    service.submit({ id: 2, session: 'd', edit: { base: 1, offset: 5, removed: 0, inserted: huge, length: 5 + huge.length }, version: 2, encoding: 'o200k_base' });
    expect(await answered(2)).toMatchObject({ status: 'error', message: expect.stringMatching(/too large/) });
    service.submit({ id: 3, session: 'd', edit: { base: 1, offset: 5, removed: 0, inserted: ' text', length: 10 }, version: 2, encoding: 'o200k_base' });
    expect(await answered(3)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', 'small text') });
  });

  it('drops the least recently used session beyond 64: its edits resync, its whole text starts over exactly', async () => {
    const { service, answered } = setup();
    service.submit({ id: 1, session: 'old', text: BASE, version: 1, encoding: 'o200k_base' });
    await answered(1);
    // A queued edit of the old session, then 64 other sessions: it is dropped while its task waits.
    const edited = `${BASE}more`;
    service.submit({ id: 2, session: 'old', edit: { base: 1, offset: BASE.length, removed: 0, inserted: 'more', length: edited.length }, version: 2, encoding: 'o200k_base' });
    for (let k = 0; k < 64; k++) service.submit({ id: 100 + k, session: `tab-${k}`, text: `draft ${k}`, version: 1, encoding: 'o200k_base' });
    expect(await answered(2)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', edited) });
    expect(await answered(163)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', 'draft 63') });
    service.submit({ id: 3, session: 'old', edit: { base: 2, offset: 0, removed: 0, inserted: 'x', length: edited.length + 1 }, version: 3, encoding: 'o200k_base' });
    expect(await answered(3)).toEqual({ id: 3, status: 'resync' });
    const again = `x${edited}`;
    service.submit({ id: 4, session: 'old', text: again, version: 3, encoding: 'o200k_base' });
    expect(await answered(4)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', again) });
    // A recently used session was kept: its edits still apply.
    service.submit({ id: 5, session: 'tab-63', edit: { base: 1, offset: 8, removed: 0, inserted: '!', length: 9 }, version: 2, encoding: 'o200k_base' });
    expect(await answered(5)).toMatchObject({ status: 'ok', tokens: referenceCount('o200k_base', 'draft 63!') });
  });
});

describe('window cuts', () => {
  it('every counter cuts a window (a chunk edge to CUT_CONTEXT past the limit) as it cuts the whole text', async () => {
    const text = `${pasteOf(30_000, 1)}\n    indented\n\n  x\n${'word '.repeat(300)}${pasteOf(5_000, 9)}`;
    for (const encoding of ['o200k_base', 'gemma3', 'llama3', 'claude_v4_7']) {
      const counter = counterFor(await load(encoding));
      const edges = [0];
      while (edges.at(-1)! < text.length) edges.push(counter.nextChunkEnd(text, edges.at(-1)!, text.length));
      fc.assert(
        fc.property(fc.nat({ max: edges.length - 2 }), fc.nat({ max: 2_000 }), (k, span) => {
          const from = edges[k]!;
          const limit = Math.min(text.length, from + span);
          const windowEnd = Math.min(text.length, limit + CUT_CONTEXT);
          const local = counter.nextChunkEnd(text.slice(from, windowEnd), 0, limit - from) + from;
          expect(local).toBe(counter.nextChunkEnd(text, from, limit));
        }),
        { numRuns: 300 },
      );
    }
  }, 120_000);
});

describe('CountingService look-ahead', () => {
  it("answers a draft's count with the next keys' table at the caret it names", async () => {
    const { service, answered } = setup();
    service.submit({ id: 1, session: 'd', text: BASE, version: 1, encoding: 'o200k_base', ahead: 100 });
    const reply = await answered(1);
    expect(reply).toMatchObject({ status: 'ok', ahead: { at: 100 } });
    const ahead = (reply as { ahead: LookAhead; byClass: ClassTokens }).ahead;
    const byClass = (reply as { byClass: ClassTokens }).byClass;
    // Typing "x" there: the table's figure is the service's own count of that edit.
    const typed = `${BASE.slice(0, 100)}x${BASE.slice(100)}`;
    const predicted = predictFromTable(ahead, byClass, BASE, { offset: 100, removed: 0, inserted: 'x' })!;
    service.submit({ id: 2, session: 'd', edit: { base: 1, offset: 100, removed: 0, inserted: 'x', length: typed.length }, version: 2, encoding: 'o200k_base', ahead: 101 });
    const confirmed = await answered(2);
    expect(confirmed).toMatchObject({ status: 'ok', byClass: predicted, tokens: referenceCount('o200k_base', typed), ahead: { at: 101 } });
  });

  it('counts no table unless asked, or past the text; a superseded count carries none; other tabs do not stop it', async () => {
    const { service, replies, answered } = setup();
    service.submit({ id: 1, session: 'd', text: BASE, version: 1, encoding: 'o200k_base' });
    expect(await answered(1)).not.toHaveProperty('ahead');
    service.submit({ id: 2, session: 'd', text: 'short', version: 2, encoding: 'o200k_base', ahead: 6 });
    expect(await answered(2)).not.toHaveProperty('ahead');
    // A paste still counting when the next key comes: the key's count supersedes it; only the
    // key's reply, the latest, carries a table.
    const paste = pasteOf(200_000, 5);
    service.submit({ id: 3, session: 'd', text: paste, version: 3, encoding: 'o200k_base', ahead: paste.length });
    await tick();
    service.submit({ id: 4, session: 'd', edit: { base: 3, offset: paste.length, removed: 0, inserted: '!', length: paste.length + 1 }, version: 4, encoding: 'o200k_base', ahead: paste.length + 1 });
    expect(await answered(4)).toMatchObject({ status: 'ok', ahead: { at: paste.length + 1 } });
    expect(replies.find((r) => r.id === 3)).toEqual({ id: 3, status: 'superseded' });
    // Another tab's request waiting in the queue does not stop a draft's table.
    service.submit({ id: 5, session: 'e', text: 'first', version: 1, encoding: 'o200k_base', ahead: 5 });
    service.submit({ id: 6, session: 'other', text: 'another tab', version: 1, encoding: 'o200k_base', ahead: 11 });
    expect(await answered(5)).toMatchObject({ status: 'ok', ahead: { at: 5 } });
    expect(await answered(6)).toMatchObject({ status: 'ok', ahead: { at: 11 } });
  });
});
