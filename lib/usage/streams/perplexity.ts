import { eachObject, isObject, modelOnly, name, parseJson, sseParser } from './json';
import { toolCounter } from '../tools';
import type { HttpStreamSpec, StreamParser } from './types';

/**
 * CRLF SSE of `event: message` frames, each repeating the thread's fields (`display_model`,
 * `user_selected_model`, `thread_url_slug`, `backend_uuid`, …) around growing blocks, then
 * `event: end_of_stream`. Each frame is parsed once (a search reply is several hundred KB). No
 * token counts. The conversation is `thread_url_slug`, the id in the page's `/search/<slug>`
 * address (`backend_uuid` names the entry, not the thread).
 * Searches: the `workflow_root` block's steps list `WORKFLOW_ITEM_QUERIES` items whose
 * `queries_payload.queries` are the queries it ran ("capital of Australia", …); each distinct query
 * is one web search, however often the frames repeat it (whole blocks or `diff_block` patches).
 */
function perplexityParser(): StreamParser {
  let frames = 0;
  let display: string | null = null;
  let selected: string | null = null;
  let thread: string | null = null;
  const searches = toolCounter();
  return sseParser(
    (data) => {
      const frame = parseJson(data);
      if (!isObject(frame)) return;
      frames++;
      display = name(frame.display_model) ?? display;
      selected = name(frame.user_selected_model) ?? selected;
      thread = name(frame.thread_url_slug) ?? thread;
      // Only the blocks are walked: the rest of a frame is the thread's fields, repeated.
      if (Array.isArray(frame.blocks)) {
        for (const block of frame.blocks) {
          if (!isObject(block) || (block.intended_usage !== 'workflow_root' && !isObject(block.workflow_block))) continue;
          eachObject(block, (o) => {
            const payload = o.queries_payload;
            if (isObject(payload) && Array.isArray(payload.queries)) for (const q of payload.queries) if (typeof q === 'string') searches.add(q, 'web_search');
          });
        }
      }
    },
    () => ({ conversationId: thread, problem: frames === 0 ? 'no message events' : null, usage: modelOnly(display ?? selected), tools: searches.calls() }),
  );
}

export const perplexityStream: HttpStreamSpec = {
  site: 'perplexity',
  transport: 'fetch',
  matches: (method, url) => method === 'POST' && url.pathname === '/rest/sse/perplexity_ask',
  start: perplexityParser,
};
