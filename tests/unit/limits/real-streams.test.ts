// Limits read from every real reply stream in ../shared/streams/real that carries them (read in
// place, never copied here), whole and cut at seeded random points; the streams that carry none
// give none. Skipped, saying why, when that folder is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatgptStream, claudeStream, type HttpStreamSpec } from '@/lib/usage/streams';
import type { LimitOutcome, LimitWindow } from '@/lib/usage/wire';
import { cutAtRandom, random } from '../random-cuts';

const REAL = resolve(process.cwd(), '..', 'shared', 'streams', 'real');
const present = existsSync(REAL);
if (!present) console.warn(`[limits real-streams] ${REAL} not found: the limit tests on real reply streams are skipped`);

const CLAUDE_URL = 'https://claude.ai/api/organizations/5b8f2c1e-0d3a-4e6b-9f7a-1c2d3e4f5a6b/chat_conversations/4d7c6a51-9e2b-4f0c-8a13-6b0e2f7d9c21/completion';
const CHATGPT_URL = 'https://chatgpt.com/backend-api/f/conversation';
const w = (window: string, over: Partial<LimitWindow>): LimitWindow => ({ window, used: null, remaining: null, total: null, resetsAt: null, windowSeconds: null, ...over });

const CASES: { file: string; spec: HttpStreamSpec; url: string; expected: LimitOutcome | null }[] = [
  {
    file: 'claude/mrboups__xbrain__phase09-capture-2026-05-12-pong.txt',
    spec: claudeStream,
    url: CLAUDE_URL,
    expected: { windows: [w('5h', { used: 0.09, resetsAt: 1778593800_000, windowSeconds: 18000 }), w('7d', { used: 0.33, resetsAt: 1779001200_000, windowSeconds: 604800 })], fallback: null },
  },
  {
    file: 'claude/unresolved__findstring-52159654799__claude-web-sse-2026-04-29-mcp-tools-ABRIDGED.txt',
    spec: claudeStream,
    url: CLAUDE_URL,
    expected: { windows: [w('5h', { used: 0.86, resetsAt: 1777464600_000, windowSeconds: 18000 }), w('7d', { used: 0.11, resetsAt: 1777824000_000, windowSeconds: 604800 })], fallback: null },
  },
  {
    file: 'claude/unresolved__findstring-53562704864__useChat-doc-2026-03-09-hi-modelEmpty.txt',
    spec: claudeStream,
    url: CLAUDE_URL,
    expected: { windows: [w('5h', { used: 0.01, resetsAt: 1773039600_000, windowSeconds: 18000 })], fallback: null },
  },
  { file: 'claude/unresolved__findstring-52338344927__claude-web-sse-2026-04-08-weather-tool.txt', spec: claudeStream, url: CLAUDE_URL, expected: null },
  { file: 'claude/unresolved__findstring-71101593264__claude-web-sse-2025-07-30-thinking-padded-ABRIDGED.txt', spec: claudeStream, url: CLAUDE_URL, expected: null },
  {
    file: 'chatgpt/unresolved__findstring-51821992107__chatgpt-web-2026-03-22-team-token_count-ABRIDGED.txt',
    spec: chatgptStream,
    url: CHATGPT_URL,
    expected: {
      windows: [
        w('deep_research', { remaining: 20, resetsAt: Date.parse('2026-04-17T15:31:47.278Z') }),
        w('odyssey', { remaining: 40, resetsAt: Date.parse('2026-04-21T13:52:14.278Z') }),
        w('image_gen', { remaining: 120, resetsAt: Date.parse('2026-03-23T13:52:14.278Z') }),
      ],
      fallback: null,
    },
  },
  {
    file: 'chatgpt/unresolved__findstring-67565816582__chatgpt-web-2026-06-19-android-free-bio-toolcalls-ABRIDGED.txt',
    spec: chatgptStream,
    url: CHATGPT_URL,
    expected: { windows: [], fallback: 'auto:smaller_model:reached_message_cap' },
  },
  { file: 'chatgpt/tja414312570__ml-demo__test.txt-2024-10-16-v1delta.txt', spec: chatgptStream, url: CHATGPT_URL, expected: null },
];

function run(c: (typeof CASES)[number], pieces: string[]): LimitOutcome | null {
  const parser = c.spec.start({ method: 'POST', url: new URL(c.url), headers: {}, body: JSON.stringify({ model: 'auto' }) });
  for (const piece of pieces) parser.push(piece);
  return parser.finish().limits ?? null;
}

describe.skipIf(!present)('limits in real reply streams', () => {
  for (const c of CASES) {
    const read = () => readFileSync(join(REAL, c.file), 'utf8');
    it(`${c.file}: whole`, () => {
      expect(run(c, [read()])).toEqual(c.expected);
    });
    it(`${c.file}: cut at 20 sets of random points`, () => {
      const text = read();
      const next = random(text.length);
      for (let i = 0; i < 20; i++) {
        expect(run(c, cutAtRandom(text, next))).toEqual(c.expected);
      }
    });
  }

  it('every real Claude or ChatGPT stream that mentions a limit is in the table', () => {
    const named = new Set(CASES.map((c) => c.file));
    for (const dir of ['claude', 'chatgpt']) {
      for (const f of readdirSync(join(REAL, dir))) {
        const text = readFileSync(join(REAL, dir, f), 'utf8');
        if (/message_limit|limits_progress|model_adjustments/.test(text)) expect(named.has(`${dir}/${f}`), `${dir}/${f}`).toBe(true);
      }
    }
  });
});
