// Limit readings as tables: thresholds, stale readings, pace, the pill's line, and the parsers'
// edge cases (Grok's rate-limit answer, bad figures) and the reader message's checks.
import { describe, expect, it } from 'vitest';
import { chatgptFallback, chatgptLimits, claudeLimits, grokLimits, resetTime, windowSecondsOf } from '@/lib/limits/parse';
import { addReadings, clockTime, countdown, isStale, limitLevel, limitLine, limitNote, mostPressing, pace, usedShare, windowLength, windowName, type LimitReading } from '@/lib/limits/state';
import { parseReaderMessage } from '@/lib/usage/report';
import type { LimitWindow } from '@/lib/usage/wire';

const H = 3600_000;
const T0 = Date.UTC(2026, 10, 30, 12, 0);
const win = (over: Partial<LimitWindow>): LimitWindow => ({ window: '5h', used: null, remaining: null, total: null, resetsAt: null, windowSeconds: 18000, ...over });
const reading = (over: Partial<LimitReading>): LimitReading => ({ ...win({}), site: 'claude', seenAt: T0, history: [], ...over });

describe('thresholds', () => {
  it.each([
    [{ used: 0.5 }, 80, 'ok'],
    [{ used: 0.79999 }, 80, 'ok'],
    [{ used: 0.8 }, 80, 'warning'],
    [{ used: 0.99 }, 80, 'warning'],
    [{ used: 1 }, 80, 'over'],
    [{ used: 0.5 }, 50, 'warning'],
    [{ remaining: 0 }, 80, 'over'],
    [{ remaining: 5 }, 80, 'ok'],
    [{ remaining: 10, total: 100 }, 80, 'warning'],
    [{}, 80, 'ok'],
  ] as const)('%o at %i%% is %s', (over, warn, level) => {
    expect(limitLevel(win(over), warn)).toBe(level);
  });

  it('takes the share from counts when the site gives no share', () => {
    expect(usedShare(win({ remaining: 25, total: 100 }))).toBe(0.75);
    expect(usedShare(win({ remaining: 3 }))).toBeNull();
  });
});

describe('stale readings', () => {
  it.each([
    ['fresh, reset ahead', { seenAt: T0, resetsAt: T0 + 2 * H }, T0 + H, false],
    ['its window has reset', { seenAt: T0, resetsAt: T0 + 2 * H }, T0 + 2 * H, true],
    ['older than the window is long', { seenAt: T0, resetsAt: null, windowSeconds: 18000 }, T0 + 5 * H + 1, true],
    ['no reset, no length: never', { seenAt: T0, resetsAt: null, windowSeconds: null }, T0 + 1000 * H, false],
  ] as const)('%s', (_label, over, now, stale) => {
    expect(isStale(reading(over), now)).toBe(stale);
  });

  it('the most pressing window leaves stale ones out', () => {
    const book = {
      'claude:5h': reading({ used: 0.9, resetsAt: T0 - 1 }),
      'claude:7d': reading({ window: '7d', used: 0.4, resetsAt: T0 + 100 * H, windowSeconds: 604800 }),
      'chatgpt:x': reading({ site: 'chatgpt', window: 'x', used: 0.99, resetsAt: T0 + H }),
    };
    expect(mostPressing(book, 'claude', T0)?.window).toBe('7d');
    expect(mostPressing(book, 'gemini', T0)).toBeNull();
  });
});

describe('pace', () => {
  it.each([
    // readings 0.2 → 0.4 over an hour: 0.6 left at 0.2/h runs out 3 h after the latest, before a reset 4 h away
    ['runs out before the reset', { used: 0.4, seenAt: T0 + H, resetsAt: T0 + 5 * H, history: [{ at: T0, used: 0.2 }] }, { kind: 'runs-out', at: T0 + 4 * H }],
    ['lasts to the reset', { used: 0.4, seenAt: T0 + H, resetsAt: T0 + 2 * H, history: [{ at: T0, used: 0.2 }] }, { kind: 'lasts' }],
    ['no rise lasts', { used: 0.4, seenAt: T0 + H, resetsAt: T0 + 2 * H, history: [{ at: T0, used: 0.4 }] }, { kind: 'lasts' }],
    // one reading: the rate since the window began (reset − 5 h): 0.5 in 2.5 h, runs out 2.5 h later = at the reset → lasts
    ['one reading, even pace: lasts', { used: 0.5, seenAt: T0, resetsAt: T0 + 2.5 * H }, { kind: 'lasts' }],
    // 0.8 in 2 h: 0.2 left at 0.4/h = 30 min, before the reset 3 h away
    ['one reading, fast: runs out', { used: 0.8, seenAt: T0, resetsAt: T0 + 3 * H }, { kind: 'runs-out', at: T0 + 0.5 * H }],
    ['used up', { used: 1, seenAt: T0, resetsAt: T0 + 3 * H }, { kind: 'runs-out', at: T0 }],
    ['no share', { used: null, remaining: 3, resetsAt: T0 + H }, { kind: 'unknown' }],
    ['no reset', { used: 0.3, resetsAt: null }, { kind: 'unknown' }],
  ] as const)('%s', (_label, over, expected) => {
    expect(pace(reading(over as Partial<LimitReading>))).toEqual(expected);
  });
});

describe('keeping readings', () => {
  it('keeps a history within one window and starts again after a reset', () => {
    let book = addReadings({}, 'claude', [win({ used: 0.1, resetsAt: T0 + 5 * H })], T0);
    book = addReadings(book, 'claude', [win({ used: 0.2, resetsAt: T0 + 5 * H + 1000 })], T0 + H);
    expect(book['claude:5h']!).toMatchObject({ used: 0.2, seenAt: T0 + H, history: [{ at: T0, used: 0.1 }] });
    book = addReadings(book, 'claude', [win({ used: 0.01, resetsAt: T0 + 10 * H })], T0 + 6 * H);
    expect(book['claude:5h']!).toMatchObject({ used: 0.01, history: [] });
  });

  it('an older reading never replaces a newer one', () => {
    const book = addReadings({}, 'claude', [win({ used: 0.5 })], T0);
    expect(addReadings(book, 'claude', [win({ used: 0.1 })], T0 - 1)['claude:5h']!.used).toBe(0.5);
  });
});

describe('words', () => {
  it('names windows and counts down', () => {
    expect(windowName('5h')).toBe('5-hour limit');
    expect(windowName('7d')).toBe('7-day limit');
    expect(windowName('deep_research')).toBe('deep research limit');
    expect(countdown(125 * 60_000)).toBe('2 h 05 min');
    expect(countdown(12 * 60_000)).toBe('12 min');
    expect(countdown(76 * H)).toBe('3 d 4 h');
  });

  it('writes the pill line with the share floored and the reset time', () => {
    const at = new Date(2026, 10, 30, 14, 20).getTime();
    expect(limitLine(reading({ used: 0.869, resetsAt: at }), new Date(2026, 10, 30, 10, 0).getTime(), 'en-GB')).toBe('5-hour limit 86% · resets 14:20');
  });

  it('writes the hour after midnight as 00 in every locale, with the weekday when it is another day', () => {
    const sunday = new Date(2026, 10, 29, 23, 40).getTime();
    for (const locale of ['en-US', 'en-GB', 'de-DE', undefined]) {
      expect(clockTime(new Date(2026, 10, 30, 0, 19).getTime(), new Date(2026, 10, 30, 0, 5).getTime(), locale)).toBe('00:19');
      expect(clockTime(new Date(2026, 10, 30, 0, 19).getTime(), sunday, locale)).toMatch(/^\S+ 00:19$/);
    }
    expect(clockTime(new Date(2026, 10, 30, 0, 19).getTime(), sunday, 'en-US')).toBe('Mon 00:19');
  });
});

describe("the popup's note under a window", () => {
  const noon = new Date(2026, 10, 30, 12, 0).getTime();
  const grok = (over: Partial<LimitReading>) => reading({ site: 'grok', window: 'grok-4', used: 0.85, remaining: 3, total: 20, resetsAt: null, windowSeconds: 7200, seenAt: noon, ...over });
  it.each([
    ['Grok: counts and length, no reset', grok({}), '3 of 20 left · 2-hour window · the site gives no reset time'],
    ['no counts', grok({ remaining: null, total: null }), '2-hour window · the site gives no reset time'],
    ['no length either', grok({ remaining: null, total: null, windowSeconds: null }), 'the site gives no reset time'],
    ['a reset and one reading at the window-average pace', reading({ used: 0.5, resetsAt: noon + 2 * H, windowSeconds: 4 * 3600, seenAt: noon }), 'Resets in 2 h 00 min (14:00) · at this pace it lasts'],
    ['a reset, running out first', reading({ used: 0.9, resetsAt: noon + 2 * H, windowSeconds: 4 * 3600, seenAt: noon }), 'Resets in 2 h 00 min (14:00) · at this rate the window runs out at 12:13'],
    ['older than its window', grok({ seenAt: noon - 3 * H }), 'Stale: seen 09:00; the window has moved on since.'],
  ])('%s', (_name, r, note) => {
    expect(limitNote(r, noon, 'en-GB')).toBe(note);
  });

  it('says a window length in its largest whole unit', () => {
    expect([7200, 1800, 86400, 5400, 90].map(windowLength)).toEqual(['2-hour window', '30-minute window', '1-day window', '90-minute window', '90-second window']);
  });
});

describe('parsers', () => {
  it('reads Grok rate-limit answers, named after the model asked about', () => {
    expect(grokLimits({ windowSizeSeconds: 7200, remainingQueries: 35, totalQueries: 140 }, JSON.stringify({ requestKind: 'DEFAULT', modelName: 'grok-4' }))).toEqual([
      { window: 'grok-4', used: 0.75, remaining: 35, total: 140, resetsAt: null, windowSeconds: 7200 },
    ]);
    expect(grokLimits({ remainingQueries: 1, totalQueries: 0 }, null)).toEqual([]);
    expect(grokLimits({ remainingQueries: '5', totalQueries: 10 }, null)).toEqual([]);
    expect(grokLimits({ remainingQueries: 5, totalQueries: 10 }, 'not json')[0]!.window).toBe('queries');
  });

  it('drops figures that are not believable', () => {
    const now = T0;
    expect(claudeLimits({ message_limit: { windows: { '5h': { utilization: 'high', resets_at: 'x' }, 'bad id!': { utilization: 0.5 } } } }, now)).toEqual([]);
    expect(claudeLimits({ message_limit: { windows: { '5h': { utilization: 1.4, resets_at: null } } } }, now)[0]!.used).toBe(1);
    expect(resetTime(now / 1000 + 3600, now)).toBe(now + 3600_000);
    expect(resetTime(now + 400 * 24 * H, now)).toBeNull();
    expect(resetTime('2019-01-01T00:00:00Z', now)).toBeNull();
    expect(windowSecondsOf('deep_research')).toBeNull();
    expect(chatgptLimits([{ feature_name: 'x y', remaining: 1 }, { feature_name: 'ok', remaining: -1 }], now)).toEqual([]);
    expect(chatgptFallback(['auto:smaller_model:reached_message_cap'])).toBe('auto:smaller_model:reached_message_cap');
    expect(chatgptFallback(['something_else'])).toBeNull();
  });
});

describe('the reader message', () => {
  const expected = { site: 'claude', origin: 'https://claude.ai' };
  const good = { kind: 'limits', site: 'claude', origin: 'https://claude.ai', conversationId: null, seenAt: T0, windows: [win({ used: 0.86, resetsAt: T0 + H })], fallback: null };
  it('accepts a well-formed limit report', () => {
    expect(parseReaderMessage(JSON.stringify(good), expected)).toEqual(good);
  });
  it.each([
    ['a share above 1', { windows: [win({ used: 1.5 })] }],
    ['a window name with spaces', { windows: [win({ window: 'a b' })] }],
    ['too many windows', { windows: Array.from({ length: 17 }, () => win({})) }],
    ['another site', { site: 'chatgpt' }],
    ['another origin', { origin: 'https://evil.example' }],
  ])('drops %s', (_label, over) => {
    expect(parseReaderMessage(JSON.stringify({ ...good, ...over }), expected)).toBeNull();
  });
});
