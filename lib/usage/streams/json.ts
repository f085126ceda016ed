/** Small JSON and stream helpers shared by the site parsers. Pure code: it runs in the page's world. */
import { createSseReader } from '../sse';
import type { StreamUsage } from '../wire';
import type { StreamOutcome, StreamParser } from './types';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
export const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000_000 ? v : null);
export const name = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' && v.length <= 200 ? v.trim() : null);

/** Visits every object in `value`, depth-first, to a bounded depth. */
export function eachObject(value: Json | undefined, visit: (o: JsonObject) => void, depth = 0): void {
  if (depth > 12 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) eachObject(item, visit, depth + 1);
    return;
  }
  visit(value);
  for (const key in value) eachObject(value[key], visit, depth + 1);
}

export const emptyUsage = (): StreamUsage => ({ model: null, modelMode: null, inputTokens: null, cachedInputTokens: null, cacheWriteTokens: null, outputTokens: null, reasoningTokens: null, totalTokens: null });

/** The usage, or null when it holds nothing. */
export function nonEmpty(usage: StreamUsage): StreamUsage | null {
  return Object.values(usage).some((v) => v !== null) ? usage : null;
}

/** A usage holding only the model, or null without one. */
export const modelOnly = (model: string | null): StreamUsage | null => (model === null ? null : { ...emptyUsage(), model });

/** A parser over an SSE stream: `onData` gets each event's data, `outcome` runs at the end. */
export function sseParser(onData: (data: string) => void, outcome: () => StreamOutcome): StreamParser {
  const sse = createSseReader(({ data }) => onData(data));
  return {
    push: (text) => sse.push(text),
    finish() {
      sse.end();
      return outcome();
    },
  };
}

export function bodyField(body: string | null, field: string): string | null {
  const data = body === null ? undefined : parseJson(body);
  return isObject(data) ? name(data[field]) : null;
}

/**
 * Reads top-level JSON arrays and objects out of text fed in pieces, whatever lies between them
 * (newlines, length lines, a `)]}'` guard): one scan over the text, each value parsed once.
 */
export function jsonValueReader(onValue: (value: Json) => void): { push(text: string): void } {
  let buffer = '';
  let scanned = 0;
  let depth = 0;
  let start = 0;
  let inString = false;
  let escaped = false;
  return {
    push(text) {
      buffer += text;
      for (let i = scanned; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92 /* \ */) escaped = true;
          else if (c === 34 /* " */) inString = false;
        } else if (c === 34) {
          inString = depth > 0;
        } else if (c === 91 /* [ */ || c === 123 /* { */) {
          if (depth++ === 0) start = i;
        } else if ((c === 93 /* ] */ || c === 125 /* } */) && depth > 0 && --depth === 0) {
          const value = parseJson(buffer.slice(start, i + 1));
          if (value !== undefined) onValue(value);
        }
      }
      // Keep only an unfinished value; everything before it has been read.
      if (depth === 0) buffer = '';
      else if (start > 0) buffer = buffer.slice(start);
      if (depth > 0) start = 0;
      scanned = buffer.length;
    },
  };
}
