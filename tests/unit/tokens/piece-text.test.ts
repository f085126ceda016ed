// The piece structure a session's draft is held in (lib/tokens/piece-text.ts), against a plain
// string model: every edit, slice and prefix/suffix comparison gives what the string gives, pieces
// stay non-empty and bounded, an older version is unchanged by newer edits, and an edit leaves the
// pieces away from it as they were. Then widenRange, which accumulates edits into the range the
// counter re-counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { widenRange, type ChangedRange } from '../../../lib/tokens/incremental';
import { PIECE_MAX, PIECE_TARGET, PieceText } from '../../../lib/tokens/piece-text';

const ALPHABET = 'abc xyz\n中文😀';
/** The plain-string model of the prefix/suffix comparisons, character by character. */
const commonPrefixLength = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};
const commonSuffixLength = (a: string, b: string, floor: number) => {
  let i = 0;
  while (i < Math.min(a.length, b.length) - floor && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
};
const chars = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ALPHABET[(i * 7 + seed) % ALPHABET.length]).join('');

interface Edit {
  at: number;
  removed: number;
  inserted: string;
}
/** Positions at the ends, anywhere, or a few characters around a multiple of PIECE_TARGET (piece edges). */
const where = fc.oneof(
  fc.constant({ kind: 'start' as const, x: 0 }),
  fc.constant({ kind: 'end' as const, x: 0 }),
  fc.record({ kind: fc.constant('any' as const), x: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('edge' as const), x: fc.integer({ min: -3, max: 3 }) }),
);
const edit = fc.record({
  where,
  removed: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 100, max: 12_000 })),
  inserted: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 500, max: 20_000 })).map((n) => (typeof n === 'string' ? n : chars(n, n))),
});

function resolve(length: number, e: { where: { kind: string; x: number }; removed: number; inserted: string }): Edit {
  let at: number;
  if (e.where.kind === 'start') at = 0;
  else if (e.where.kind === 'end') at = length;
  else if (e.where.kind === 'any') at = Math.min(length, Math.floor(e.where.x * (length + 1)));
  else at = Math.min(length, Math.max(0, Math.floor(length / 2 / PIECE_TARGET) * PIECE_TARGET + e.where.x));
  return { at, removed: Math.min(e.removed, length - at), inserted: e.inserted };
}

const applyTo = (s: string, e: Edit) => s.slice(0, e.at) + e.inserted + s.slice(e.at + e.removed);

describe('PieceText', () => {
  it('equals a plain string after every edit of random edit sequences, with bounded pieces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.array(edit, { minLength: 1, maxLength: 30 }), (start, edits) => {
        let model = chars(start, 3);
        let text = PieceText.fromString(model);
        for (const raw of edits) {
          const e = resolve(model.length, raw);
          model = applyTo(model, e);
          text = text.edit(e.at, e.removed, e.inserted);
          expect(text.length).toBe(model.length);
          expect(text.toString()).toBe(model);
          const lengths = text.pieceLengths();
          expect(lengths.every((n) => n > 0 && n <= PIECE_MAX)).toBe(true);
          expect(lengths.reduce((a, b) => a + b, 0)).toBe(model.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('slices like the string, within a piece and across pieces', () => {
    const model = chars(50_000, 1);
    const whole = PieceText.fromString(model);
    const edited = whole.edit(10_000, 5, 'XY').edit(30_000, 0, 'Z'); // no longer backed by one string
    const edModel = applyTo(applyTo(model, { at: 10_000, removed: 5, inserted: 'XY' }), { at: 30_000, removed: 0, inserted: 'Z' });
    fc.assert(
      fc.property(fc.nat({ max: 50_000 }), fc.nat({ max: 20_000 }), (from, n) => {
        expect(whole.slice(from, from + n)).toBe(model.slice(from, from + n));
        expect(edited.slice(from, from + n)).toBe(edModel.slice(from, from + n));
      }),
      { numRuns: 500 },
    );
    expect(edited.slice(-5, 3)).toBe(edModel.slice(0, 3));
    expect(edited.slice(49_990, 60_000)).toBe(edModel.slice(49_990));
  });

  it('finds the same common prefix and suffix as the string functions', () => {
    const base = chars(30_000, 2);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 0, maxLength: 3 }), fc.array(edit, { minLength: 0, maxLength: 3 }), (ea, eb) => {
        let a = base;
        let pa = PieceText.fromString(base);
        for (const raw of ea) {
          const e = resolve(a.length, raw);
          a = applyTo(a, e);
          pa = pa.edit(e.at, e.removed, e.inserted);
        }
        let b = base;
        for (const raw of eb) b = applyTo(b, resolve(b.length, raw));
        const prefix = commonPrefixLength(a, b);
        expect(pa.commonPrefixWith(b)).toBe(prefix);
        expect(pa.commonSuffixWith(b, prefix)).toBe(commonSuffixLength(a, b, prefix));
      }),
      { numRuns: 300 },
    );
    expect(PieceText.empty.commonPrefixWith('abc')).toBe(0);
    expect(PieceText.fromString('abc').commonSuffixWith('abc', 3)).toBe(0);
    expect(PieceText.fromString('abcabc').commonSuffixWith('abc', 0)).toBe(3);
  });

  it('leaves older versions as they were (a counting job keeps its snapshot)', () => {
    const model = chars(20_000, 4);
    const v1 = PieceText.fromString(model);
    const v2 = v1.edit(9_000, 3, 'new');
    const v3 = v2.edit(0, 15_000, '');
    expect(v1.toString()).toBe(model);
    expect(v2.toString()).toBe(applyTo(model, { at: 9_000, removed: 3, inserted: 'new' }));
    expect(v3.length).toBe(20_000 - 15_000);
    expect(v1.edit(5, 0, '')).toBe(v1); // an empty edit is the same text
  });

  it('rebuilds only the pieces around an edit', () => {
    let text = PieceText.fromString(chars(200_000, 5));
    const before = text.pieceLengths();
    text = text.edit(100_000, 0, 'k');
    const after = text.pieceLengths();
    const changed = after.filter((n, k) => n !== before[k]).length;
    expect(after.length).toBe(before.length);
    expect(changed).toBe(1);
    // Deleting characters one by one never leaves crumbs: pieces merge with a neighbour.
    for (let i = 0; i < 5_000; i++) text = text.edit(100_000, 1, '');
    expect(Math.min(...text.pieceLengths())).toBeGreaterThan(100);
  });
});

describe('widenRange', () => {
  it('keeps the committed text and the new text equal outside the range, over random edit sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat({ max: 40 }), inserted: fc.string({ maxLength: 30 }) }), { maxLength: 12 }), (n, edits) => {
        const committed = chars(n, 6);
        let text = committed;
        let range: ChangedRange | null = null;
        for (const raw of edits) {
          const at = Math.min(text.length, Math.floor(raw.at * (text.length + 1)));
          const removed = Math.min(raw.removed, text.length - at);
          range = widenRange(range, committed.length, text.length, at, removed, raw.inserted.length);
          text = applyTo(text, { at, removed, inserted: raw.inserted });
          expect(range.from).toBeLessThanOrEqual(range.oldTo);
          expect(range.from).toBeLessThanOrEqual(range.newTo);
          expect(text.slice(0, range.from)).toBe(committed.slice(0, range.from));
          expect(text.slice(range.newTo)).toBe(committed.slice(range.oldTo));
          expect(text.length - range.newTo).toBe(committed.length - range.oldTo);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is the edit itself from a clean state, and the union of two edits after it', () => {
    expect(widenRange(null, 100, 100, 40, 2, 5)).toEqual({ from: 40, oldTo: 42, newTo: 45 });
    expect(widenRange({ from: 40, oldTo: 42, newTo: 45 }, 100, 103, 90, 0, 1)).toEqual({ from: 40, oldTo: 87, newTo: 91 });
  });
});
