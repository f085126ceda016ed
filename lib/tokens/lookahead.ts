/**
 * Counting the next key ahead of time. Once a draft's count is in, the counting worker (when the
 * request names the caret) also counts the draft with each likely next key there: every printable
 * ASCII character, a line break, the non-ASCII characters typed just before the caret, and
 * Backspace. The figures go back with the count as a small table; when the person types one of
 * those keys, the content script shows its count at once, before the page has even applied the key,
 * and the worker's own count of the edit confirms it a few milliseconds later.
 *
 * A figure in the table is the exact count of the edited text (the same incremental job the worker
 * would run for that edit, never committed), so it equals what the worker answers for it.
 */
import { IncrementalCounter, widenRange } from './incremental';
import { TEXT_CLASSES, type ClassTokens, type TextClass } from './text-class';

/** How each class of text's tokens change: only the classes that change are named. */
export type ClassDelta = Partial<Record<TextClass, number>>;

export interface LookAhead {
  /** The caret the table is for: keys typed here, Backspace removes the character before it. */
  at: number;
  /** Characters typed at `at`, grouped by what they do to the count (most share a few deltas). */
  inserts: { chars: string; delta: ClassDelta }[];
  /** Backspace at `at`: the characters it removes (2 for a surrogate pair) and its delta; absent at the start. */
  back?: { removed: number; delta: ClassDelta };
}

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
/** How far before the caret typed non-ASCII characters are looked for, and how many are taken. */
export const RECENT_CHARS = 400;
const RECENT_MAX = 32;

/**
 * The keys to count ahead at `at`: printable ASCII, a line break, and up to RECENT_MAX distinct
 * single-unit non-ASCII characters from the text just before the caret (a person writing French or
 * Russian types the letters already in their draft).
 */
export function likelyKeys(before: string): string[] {
  const keys = new Set<string>(PRINTABLE_ASCII);
  keys.add('\n');
  let recent = 0;
  for (let i = before.length - 1; i >= 0 && recent < RECENT_MAX; i--) {
    const c = before.charCodeAt(i);
    if (c < 0x80 || (c >= 0xd800 && c <= 0xdfff)) continue;
    const ch = before[i]!;
    if (!keys.has(ch)) {
      keys.add(ch);
      recent++;
    }
  }
  return [...keys];
}

/**
 * The look-ahead table for `counter`'s committed text with the caret at `at`. Runs one incremental
 * job per key (each re-counts only the chunks around the caret) and commits none of them.
 */
export function countAhead(counter: IncrementalCounter, at: number): LookAhead {
  const text = counter.committedText;
  const length = text.length;
  const base = counter.tokensByClass;
  const deltaAfter = (offset: number, removed: number, inserted: string): ClassDelta => {
    const job = counter.planEdit(text.edit(offset, removed, inserted), widenRange(null, length, length, offset, removed, inserted.length));
    job.run(Infinity);
    return classDelta(base, job.totals().byClass);
  };
  const groups = new Map<string, { chars: string; delta: ClassDelta }>();
  for (const key of likelyKeys(text.slice(Math.max(0, at - RECENT_CHARS), at))) {
    const delta = deltaAfter(at, 0, key);
    const id = JSON.stringify(delta);
    const group = groups.get(id);
    if (group) group.chars += key;
    else groups.set(id, { chars: key, delta });
  }
  const table: LookAhead = { at, inserts: [...groups.values()] };
  const removed = backspaceLength(text.slice(Math.max(0, at - 2), at));
  if (removed > 0) table.back = { removed, delta: deltaAfter(at - removed, removed, '') };
  return table;
}

/** Characters Backspace removes at the end of `before`: a surrogate pair whole, else one unit. */
function backspaceLength(before: string): number {
  if (before.length === 0) return 0;
  const last = before.charCodeAt(before.length - 1);
  const prev = before.length > 1 ? before.charCodeAt(before.length - 2) : 0;
  return last >= 0xdc00 && last <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff ? 2 : 1;
}

function classDelta(base: ClassTokens, after: ClassTokens): ClassDelta {
  const delta: ClassDelta = {};
  for (const c of TEXT_CLASSES) if (after[c] !== base[c]) delta[c] = after[c] - base[c];
  return delta;
}

/** An edit of a text: `removed` characters at `offset` replaced by `inserted`. */
export interface Edit {
  offset: number;
  removed: number;
  inserted: string;
}

/**
 * The class totals after `edit` of `from` (whose totals are `base`), if `table` has them; null if
 * the edit is not a key the table holds. An edit found at another offset is the same text when
 * only copies of its character lie between (typing "l" after "hel" or after "he" gives "hell").
 */
export function predictFromTable(table: LookAhead, base: ClassTokens, from: string, edit: Edit): ClassTokens | null {
  const delta = deltaFor(table, from, edit);
  if (!delta) return null;
  const out = { ...base };
  for (const c of TEXT_CLASSES) out[c] += delta[c] ?? 0;
  return out;
}

function deltaFor(table: LookAhead, from: string, edit: Edit): ClassDelta | null {
  const { offset, removed, inserted } = edit;
  if (removed === 0 && inserted.length === 1) {
    if (!sameRun(from, Math.min(offset, table.at), Math.max(offset, table.at), inserted)) return null;
    return table.inserts.find((g) => g.chars.includes(inserted))?.delta ?? null;
  }
  if (inserted === '' && table.back !== undefined && removed === table.back.removed) {
    const start = table.at - removed;
    if (start < 0 || !sameRun(from, Math.min(offset, start), Math.max(offset, start) + removed, from.slice(start, table.at))) return null;
    return table.back.delta;
  }
  return null;
}

/** Whether `from[start, end)` is copies of `unit` (any edit within such a run gives the same text). */
function sameRun(from: string, start: number, end: number, unit: string): boolean {
  if (end > from.length || (end - start) % unit.length !== 0) return false;
  for (let i = start; i < end; i += unit.length) if (from.slice(i, i + unit.length) !== unit) return false;
  return true;
}
