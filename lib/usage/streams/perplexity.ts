import { isObject, modelOnly, name, parseJson, sseParser } from './json';
import type { HttpStreamSpec, StreamParser } from './types';

/**
 * CRLF SSE of `event: message` frames, each repeating the thread's fields (`display_model`,
 * `user_selected_model`, `thread_url_slug`, `backend_uuid`, …) around growing blocks, then
 * `event: end_of_stream`. Each frame is parsed once (a search reply is several hundred KB). No
 * token counts. The conversation is `thread_url_slug`, the id in the page's `/search/<slug>`
 * address (`backend_uuid` names the entry, not the thread).
 */
function perplexityParser(): StreamParser {
  let frames = 0;
  let display: string | null = null;
  let selected: string | null = null;
  let thread: string | null = null;
  return sseParser(
    (data) => {
      const frame = parseJson(data);
      if (!isObject(frame)) return;
      frames++;
      display = name(frame.display_model) ?? display;
      selected = name(frame.user_selected_model) ?? selected;
      thread = name(frame.thread_url_slug) ?? thread;
    },
    () => ({ conversationId: thread, problem: frames === 0 ? 'no message events' : null, usage: modelOnly(display ?? selected) }),
  );
}

export const perplexityStream: HttpStreamSpec = {
  site: 'perplexity',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && url.pathname === '/rest/sse/perplexity_ask',
  start: perplexityParser,
};
