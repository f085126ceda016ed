/**
 * Reading usage limits out of the sites' own traffic. Pure code with no run-time imports: it runs in
 * the page's world inside the usage reader. Only figures the site states are kept; a cap is never
 * guessed.
 * - Claude: the `message_limit` event of every completion stream, `windows["5h"|"7d"]` with
 *   `utilization` (0–1, unrounded) and `resets_at` (seconds since the epoch).
 * - ChatGPT: `conversation_detail_metadata.limits_progress` (`feature_name`, `remaining`,
 *   `reset_after` ISO 8601), and `model_adjustments` such as `auto:smaller_model:reached_message_cap`.
 * - Grok: the page's own `POST /rest/rate-limits` answer (`remainingQueries`, `totalQueries`,
 *   `windowSizeSeconds`), asked for by `modelName` and `requestKind`.
 * - Gemini: its StreamGenerate carries a `{"28": …}` frame with quota-like counters whose meaning no
 *   public source establishes, so it is not read.
 */
import type { LimitOutcome, LimitWindow } from '../usage/wire';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Window ids are short names; anything else is not one. */
export const WINDOW_ID = /^[A-Za-z0-9_.:-]{1,40}$/;
/** Resets further away than this (a year) or before 2020 are not believable. */
const MAX_AHEAD_MS = 366 * 24 * 3600 * 1000;
const EARLIEST = Date.UTC(2020, 0, 1);

const share = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10 ? Math.min(v, 1) : null);
const uses = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000_000 ? v : null);

/** A reset time: seconds or milliseconds since the epoch, or an ISO 8601 string. */
export function resetTime(v: unknown, now: number): number | null {
  let ms: number | null = null;
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string' && v.length <= 64) {
    const parsed = Date.parse(v);
    ms = Number.isNaN(parsed) ? null : parsed;
  }
  if (ms === null || ms < EARLIEST || ms > now + MAX_AHEAD_MS) return null;
  return Math.round(ms);
}

/** A window's length from its name: `5h` → 18000, `7d` → 604800; null when the name says none. */
export function windowSecondsOf(id: string): number | null {
  const m = /^(\d{1,3})(m|h|d)$/.exec(id);
  if (!m) return null;
  return Number(m[1]) * { m: 60, h: 3600, d: 86400 }[m[2] as 'm' | 'h' | 'd'];
}

/** Claude's `message_limit` event (the event object itself, `{type: "message_limit", message_limit: …}`). */
export function claudeLimits(event: Obj, now: number): LimitWindow[] {
  const limit = event.message_limit;
  if (!isObj(limit) || !isObj(limit.windows)) return [];
  const out: LimitWindow[] = [];
  for (const [id, w] of Object.entries(limit.windows)) {
    if (!WINDOW_ID.test(id) || !isObj(w)) continue;
    const used = share(w.utilization);
    const resetsAt = resetTime(w.resets_at, now);
    if (used === null && resetsAt === null) continue;
    out.push({ window: id, used, remaining: null, total: null, resetsAt, windowSeconds: windowSecondsOf(id) });
    if (out.length >= 8) break;
  }
  return out;
}

/** ChatGPT's `limits_progress` list: uses left per feature, and when they come back. */
export function chatgptLimits(progress: unknown, now: number): LimitWindow[] {
  if (!Array.isArray(progress)) return [];
  const out: LimitWindow[] = [];
  for (const item of progress) {
    if (!isObj(item) || typeof item.feature_name !== 'string' || !WINDOW_ID.test(item.feature_name)) continue;
    const remaining = uses(item.remaining);
    const resetsAt = resetTime(item.reset_after, now);
    if (remaining === null && resetsAt === null) continue;
    out.push({ window: item.feature_name, used: null, remaining, total: null, resetsAt, windowSeconds: null });
    if (out.length >= 16) break;
  }
  return out;
}

/** ChatGPT's model adjustment that says the chat went to a smaller model at the message cap, or null. */
export function chatgptFallback(adjustments: unknown): string | null {
  if (!Array.isArray(adjustments)) return null;
  const hit = adjustments.find((a): a is string => typeof a === 'string' && a.length <= 100 && /smaller_model/.test(a) && /message_cap/.test(a));
  return hit ?? null;
}

/**
 * Grok's rate-limit answer. The window is named after the model asked about (the request body's
 * `modelName`), else `requestKind`, else `queries`. Used share = 1 − remaining ÷ total.
 */
export function grokLimits(answer: unknown, requestBody: string | null): LimitWindow[] {
  if (!isObj(answer)) return [];
  const remaining = uses(answer.remainingQueries);
  const total = uses(answer.totalQueries);
  const seconds = uses(answer.windowSizeSeconds);
  if (remaining === null || total === null || total === 0) return [];
  let id = 'queries';
  try {
    const body: unknown = requestBody === null ? null : JSON.parse(requestBody);
    if (isObj(body)) {
      const named = [body.modelName, body.requestKind].find((v): v is string => typeof v === 'string' && WINDOW_ID.test(v));
      if (named) id = named;
    }
  } catch {
    // a body that is not JSON names nothing
  }
  return [{ window: id, used: Math.min(1, Math.max(0, 1 - remaining / total)), remaining, total, resetsAt: null, windowSeconds: seconds }];
}

/** The outcome's limits, or null when there is nothing to say. */
export function limitOutcome(windows: LimitWindow[], fallback: string | null): LimitOutcome | null {
  return windows.length === 0 && fallback === null ? null : { windows, fallback };
}

/** The outcome's `limits` field, present only when there are limits (streams without them stay as they were). */
export const withLimits = (limits: LimitOutcome | null): { limits?: LimitOutcome } => (limits ? { limits } : {});
