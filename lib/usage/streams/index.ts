/**
 * The reply streams of each site that reports something worth having (exact token usage, or the
 * model that actually answered), as documented in docs/sites.md and seen in real captures: which
 * requests carry them and how to read them, one module a site. Parsers are fed text in pieces of
 * any size and keep the final value of each field, never a sum of events. Pure code with no imports
 * at run time beyond the SSE reader: it runs in the page's world.
 */
import type { SiteId } from '../../sites/hosts';
import { chatgptStream } from './chatgpt';
import { claudeStream } from './claude';
import { copilotStream } from './copilot';
import { deepseekStream } from './deepseek';
import { aistudioStream, geminiStream } from './google';
import { grokRateLimits, grokStream } from './grok';
import { perplexityStream } from './perplexity';
import { qwenStream, qwenXhrStream } from './qwen';
import type { StreamSpec } from './types';

export type { HttpStreamSpec, SocketStreamSpec, StreamOutcome, StreamParser, StreamRequest, StreamSpec } from './types';
export { aistudioStream, chatgptStream, claudeStream, copilotStream, deepseekStream, geminiStream, grokRateLimits, grokStream, perplexityStream, qwenStream, qwenXhrStream };
export { GEMINI_PICKER_IDS } from '../../models/gemini-picker-ids';

export const STREAM_SPECS: readonly StreamSpec[] = [claudeStream, chatgptStream, deepseekStream, geminiStream, aistudioStream, qwenStream, qwenXhrStream, grokStream, grokRateLimits, perplexityStream, copilotStream];

export const streamSpecsFor = (site: SiteId): StreamSpec[] => STREAM_SPECS.filter((s) => s.site === site);
