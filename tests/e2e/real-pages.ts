/**
 * Real pages of the live chat sites, replayed in the browser: the captures in
 * ../shared/snapshots/real/<site>/ (and the older ones in ../shared/snapshots/), read in place at
 * test time and served by the fixture server under the site's real host at a conversation URL.
 *
 * The route (`?realpage=<path under ../shared/snapshots>`, see `renderRealPage`) removes every
 * `<script>` and inline event handler, leaves stylesheets and remote resources to fail, wraps a
 * fragment in a minimal document, and pins the composer to the bottom of the window as the site's
 * own CSS would. A capture without a chat box gets the site's composer from the fixture templates
 * (newest generation in fixtures/sites.js), marked `composer: 'added'`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { ADAPTERS } from '../../lib/sites';
import { SITES } from './fixtures/sites.js';

/** The shared captures, beside the clone (CI has them; a user's own clone may not). */
export const SNAPSHOTS_DIR = resolve(process.cwd(), '..', 'shared', 'snapshots');

export function snapshotsAvailable(): boolean {
  return existsSync(resolve(SNAPSHOTS_DIR, 'real'));
}

/** What Gemini's "Fast"/"Flash" mode prices as (lib/models/site-modes.ts, 2026-09-02). */
export const GEMINI_FAST_MODEL = 'google/gemini-3.8-flash';
/** What Grok's "Auto" mode ("自动模式") prices as (lib/models/site-modes.ts, 2026-09-21). */
export const GROK_AUTO_MODEL = 'xai/grok-4.7';

export interface RealPageCase {
  /** Test name. */
  name: string;
  /** Path under SNAPSHOTS_DIR. */
  file: string;
  host: string;
  /** Path of the conversation URL the page is served at (the adapter's conversationId must match it). */
  path: string;
  /** `real`: the capture's own chat box; `added`: the fixture composer appended to the page. */
  composer: 'real' | 'added';
  /** The element typed into (for `added`, the fixture composer). */
  composerSelector: string;
  /** For a real composer: its box, pinned to the bottom of the window as the site's CSS would. */
  pin?: string;
  /** What the page names, for the report. */
  label: string;
  /** The catalog id the pill must show. */
  model: string;
  /** Where the pill must say the model came from (`data-model-source`). */
  source: 'reply' | 'picker' | 'mode' | 'site default';
  /** The page's messages become context: at least this many tokens. */
  minContextTokens: number;
}

const ADDED = '[data-fixture-composer]';
const uuid = (n: number) => `5e11a7e0-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The captures of 2025-08 → 2026-07 (../shared/snapshots/real/README.md describes each). */
export const REAL_PAGES: RealPageCase[] = [
  {
    name: 'chatgpt formatting showcase (2026-07)',
    file: 'real/chatgpt/nuncaeslupus__ai-chat-exporter__formatting-showcase-2026-07.html',
    host: 'chatgpt.com',
    path: `/c/${uuid(1)}`,
    composer: 'real',
    composerSelector: 'div#prompt-textarea[contenteditable="true"]',
    pin: 'form[data-type="unified-composer"]',
    label: 'slug gpt-5-5',
    model: 'openai/gpt-5.5',
    source: 'reply',
    minContextTokens: 100, // 1/1, a formatting showcase
  },
  {
    name: 'chatgpt 2/2, slug gpt-5-5 (2026-07)',
    file: 'real/chatgpt/YongseopKim__llm-chat-exporter__chatgpt_002.html',
    host: 'chatgpt.com',
    path: `/c/${uuid(2)}`,
    composer: 'added',
    composerSelector: ADDED,
    label: 'slug gpt-5-5',
    model: 'openai/gpt-5.5',
    source: 'reply',
    minContextTokens: 500, // 2/2, long answers
  },
  {
    name: 'chatgpt Korean UI, slug gpt-5-6-thinking (2026-07)',
    file: 'real/chatgpt/YongseopKim__llm-chat-exporter__chatgpt_000.html',
    host: 'chatgpt.com',
    path: `/c/${uuid(3)}`,
    composer: 'added',
    composerSelector: ADDED,
    label: 'slug gpt-5-6-thinking',
    model: 'openai/gpt-5.6-sol',
    source: 'reply',
    minContextTokens: 1000, // 1/1, a long Korean answer
  },
  {
    name: 'claude artifact panel, "Opus 4.8" (2026-07, rebuilt)',
    file: 'real/claude/nuncaeslupus__ai-chat-exporter__artifact-panel.html',
    host: 'claude.ai',
    path: `/chat/${uuid(4)}`,
    composer: 'added',
    composerSelector: ADDED,
    label: 'Opus 4.8',
    model: 'anthropic/claude-opus-4-8',
    source: 'picker',
    minContextTokens: 40, // 1/1, short; the artifact panel is not a message
  },
  {
    name: 'claude "Sonnet 4.5" (before 2026, rebuilt)',
    file: 'real/claude/nuncaeslupus__ai-chat-exporter__real-capture.html',
    host: 'claude.ai',
    path: `/chat/${uuid(5)}`,
    composer: 'added',
    composerSelector: ADDED,
    label: 'Sonnet 4.5',
    model: 'anthropic/claude-sonnet-4-5',
    source: 'picker',
    minContextTokens: 60, // 1/1
  },
  {
    name: 'gemini 3/3, mode "Flash" (2026-01 body, 2026-07 chrome)',
    file: 'real/gemini/nuncaeslupus__ai-chat-exporter__real-capture.html',
    host: 'gemini.google.com',
    path: '/app/5e11a7e000000006',
    composer: 'added',
    composerSelector: ADDED,
    label: 'Flash',
    model: GEMINI_FAST_MODEL,
    source: 'mode',
    minContextTokens: 300, // 3/3
  },
  {
    name: 'grok Chinese UI, "自动模式" (2026-01)',
    file: 'real/grok/urzeye__ophel__grok.html',
    host: 'grok.com',
    path: `/c/${uuid(7)}`,
    composer: 'real',
    composerSelector: '.tiptap.ProseMirror[contenteditable="true"]',
    pin: 'form:has(.tiptap.ProseMirror)',
    label: '自动模式 (Auto)',
    model: GROK_AUTO_MODEL,
    source: 'mode',
    minContextTokens: 300, // 1/1, a long answer
  },
  {
    name: 'qwen "Qwen3.6-Plus" (2026-05)',
    file: 'real/qwen/Covai-Labs__ai-chat-exporter__qwen-chat.html',
    host: 'chat.qwen.ai',
    path: `/c/${uuid(8)}`,
    composer: 'real',
    composerSelector: 'textarea.message-input-textarea',
    pin: '.message-input-container',
    label: 'Qwen3.6-Plus',
    model: 'alibaba/qwen3.6-plus',
    source: 'picker',
    minContextTokens: 200, // 1/1 (the thinking card is not reply text)
  },
  {
    name: 'le chat, no model label (2026-05)',
    file: 'real/mistral/Covai-Labs__ai-chat-exporter__mistral-chat.html',
    host: 'chat.mistral.ai',
    path: `/chat/${uuid(9)}`,
    composer: 'real',
    composerSelector: 'div.ProseMirror[contenteditable="true"]',
    pin: 'form:has(.ProseMirror)',
    label: '(none: site default)',
    model: ADAPTERS.mistral.spec.defaultModel,
    source: 'site default',
    minContextTokens: 100, // 1/1
  },
];

/**
 * The older real pages (2026-02 → 10): real pages that are not in the set the rules were written
 * against, checked the same way.
 */
export const OLDER_PAGES: RealPageCase[] = [
  {
    name: 'chatgpt "GPT-5.2" (2026-02-27)',
    file: 'chatgpt-2026-02-27.html',
    host: 'chatgpt.com',
    path: '/c/6981c6b8-1234-8000-9abc-0123456789ab',
    composer: 'real',
    composerSelector: 'div#prompt-textarea[contenteditable="true"]',
    pin: 'form[data-type="unified-composer"]',
    label: 'GPT-5.2 (and slug gpt-5-2)',
    model: 'openai/gpt-5.2',
    source: 'reply', // the replies carry slug gpt-5-2 too
    minContextTokens: 500, // 5/5
  },
  {
    name: 'claude "Opus 4.5" (2026-02-27)',
    file: 'claude-2026-02-27.html',
    host: 'claude.ai',
    path: '/chat/0c1a5c7e-3b8d-4f0a-9f61-2d5d2b6f7e11',
    composer: 'real',
    composerSelector: 'div[data-testid="chat-input"][contenteditable="true"]',
    pin: 'fieldset:has(div[data-testid="chat-input"][contenteditable="true"])',
    label: 'Opus 4.5',
    model: 'anthropic/claude-opus-4-5',
    source: 'picker',
    minContextTokens: 400, // 7/7
  },
  {
    name: 'gemini Japanese UI, "高速モード" (2026-02-27)',
    file: 'gemini-2026-02-27.html',
    host: 'gemini.google.com',
    // With the account switcher's /u/1, as captured.
    path: '/u/1/app/efdb7649143fefda',
    composer: 'real',
    composerSelector: 'rich-textarea .ql-editor[contenteditable="true"]',
    pin: 'fieldset.input-area-container',
    label: '高速モード (Fast)',
    model: GEMINI_FAST_MODEL,
    source: 'mode',
    minContextTokens: 80, // 3/3, short Japanese answers
  },
  {
    name: 'gemini reduced, no composer or picker (2026-01-19)',
    file: 'gemini-2026-01-19-reduced.html',
    host: 'gemini.google.com',
    path: '/app/5e11a7e000000024',
    composer: 'added',
    composerSelector: ADDED,
    label: '(none: site default)',
    model: ADAPTERS.gemini.spec.defaultModel,
    source: 'site default',
    minContextTokens: 20, // 2/2, model thoughts excluded
  },
  {
    name: 'deepseek Chinese UI (2026-10-03)',
    file: 'deepseek-2026-10-03.html',
    host: 'chat.deepseek.com',
    // The conversation the capture was taken from.
    path: '/a/chat/s/219872f6-17aa-48f6-9fdb-42ddf1f04bb0',
    composer: 'real',
    composerSelector: 'textarea[name="search"]',
    pin: 'div:has(> div > div > textarea[name="search"])',
    label: '(none: site default)',
    model: ADAPTERS.deepseek.spec.defaultModel,
    source: 'site default',
    minContextTokens: 15, // 1/1, one Chinese sentence each
  },
  {
    name: 'perplexity, picker "Model" (2026-02-27)',
    file: 'perplexity-2026-02-27.html',
    host: 'www.perplexity.ai',
    path: '/search/what-is-x-AbC123',
    composer: 'real',
    composerSelector: '#ask-input[contenteditable="true"]',
    pin: '[data-ask-input-container]',
    label: '(generic: site default)',
    model: ADAPTERS.perplexity.spec.defaultModel,
    source: 'site default',
    minContextTokens: 150, // 3/3
  },
];

/** The URL a case is opened at: its conversation URL plus the route's parameters. */
export function realPageUrl(c: RealPageCase): string {
  const q = new URLSearchParams({ realpage: c.file });
  if (c.composer === 'added') q.set('composer', 'added');
  if (c.pin) q.set('pin', c.pin);
  return `https://${c.host}${c.path}?${q.toString()}`;
}

// ---- the route ------------------------------------------------------------------------------------

/**
 * The capture without scripts, inline event handlers or `<meta http-equiv>` (refresh, CSP). A small
 * linear scanner: comments are kept whole (nothing inside them is touched), `<script>` elements are
 * dropped, and each start tag is read attribute by attribute as HTML does (unquoted values run to
 * whitespace or `>`), so a 1 MB capture takes milliseconds and no attribute value is mistaken for one.
 */
export function stripScripts(html: string): string {
  const out: string[] = [];
  const next = /<!--|<script\b|<[a-zA-Z]/gi;
  const name = /[^\s/>]*/y;
  const gap = /[\s/]*/y;
  const attr = /([^\s"'>/=][^\s"'>/=]*|=[^\s"'>/=]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/y;
  let copied = 0;
  for (let m = next.exec(html); m; m = next.exec(html)) {
    out.push(html.slice(copied, m.index));
    let end: number;
    if (m[0] === '<!--') {
      const close = html.indexOf('-->', m.index + 4);
      end = close < 0 ? html.length : close + 3;
      out.push(html.slice(m.index, end));
    } else if (m[0].toLowerCase() === '<script') {
      const close = /<\/script\s*>/gi;
      close.lastIndex = m.index;
      const c = close.exec(html);
      end = c ? c.index + c[0].length : html.length;
    } else {
      name.lastIndex = m.index + 1;
      const tag = name.exec(html)![0];
      let at = name.lastIndex;
      const kept: string[] = [`<${tag}`];
      for (;;) {
        gap.lastIndex = at;
        const ws = gap.exec(html)![0];
        at = gap.lastIndex;
        if (at >= html.length || html[at] === '>') {
          kept.push(ws, '>');
          at = Math.min(at + 1, html.length);
          break;
        }
        attr.lastIndex = at;
        const a = attr.exec(html);
        if (!a) {
          // Not a start tag after all (a stray quote): keep the text as it is.
          kept.push(ws);
          break;
        }
        at = attr.lastIndex;
        if (!/^on/i.test(a[1]!)) kept.push(ws, a[0]);
      }
      end = at;
      const text = kept.join('');
      if (!(tag.toLowerCase() === 'meta' && /\shttp-equiv\s*=/i.test(text))) out.push(text);
    }
    copied = end;
    next.lastIndex = end;
  }
  out.push(html.slice(copied));
  return out.join('');
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The site's composer from the fixture templates (newest generation): the element around
 * `{{composer}}` in the generation's shell, with the composer and send button filled in and no
 * model label (the page's own label, or none, must decide the model).
 */
export function addedComposer(host: string): string {
  const site = SITES[host];
  if (!site) throw new Error(`no fixture site for ${host}`);
  const gen = Object.values(site.generations)[0] as { shell: string; composer: string; send: string };
  const shell = gen.shell.replace('{{label}}', '');
  const at = shell.indexOf('{{composer}}');
  const open: { name: string; start: number; end: number }[] = [];
  for (const m of shell.slice(0, at).matchAll(/<(\/?)([a-z][\w-]*)[^>]*?(\/?)>/gi)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) open.pop();
    else if (!m[3] && !VOID.has(name)) open.push({ name, start: m.index, end: m.index + m[0].length });
  }
  const box = open.pop();
  if (!box) throw new Error(`no element around the composer in ${host}'s shell`);
  let depth = 1;
  let close = -1;
  const tags = new RegExp(String.raw`<(\/?)${box.name}\b[^>]*>`, 'gi');
  tags.lastIndex = at;
  for (let m = tags.exec(shell); m; m = tags.exec(shell)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      close = m.index + m[0].length;
      break;
    }
  }
  if (close < 0) throw new Error(`the composer's box in ${host}'s shell is never closed`);
  const markup = shell.slice(box.start, close).replace('{{composer}}', gen.composer).replace('{{send}}', gen.send);
  // Marked, so the page's style can pin it (the real site's CSS would).
  return markup.replace(/^<[a-z][\w-]*/i, (t) => `${t} data-realpage-composer`);
}

/**
 * Where the site's CSS would put things, as far as the test needs it: the composer's box pinned
 * to the bottom of the window and as wide as it (the sites' chat boxes span the column), icons
 * icon-sized, Tailwind's `hidden` and `sr-only` hidden. Nothing that changes what text is where.
 */
function pageStyle(pin: string | null): string {
  const pinned = ['[data-realpage-composer]', pin].filter(Boolean).join(', ');
  return `<style data-realpage-style>
html body{padding-bottom:200px !important}
svg{max-width:24px;max-height:24px}
img,video,canvas,iframe{max-width:100%;max-height:240px}
.hidden{display:none}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
${pinned}{position:fixed !important;bottom:16px !important;left:16px !important;right:16px !important;top:auto !important;width:auto !important;height:auto !important;max-height:50vh;overflow:auto;z-index:2147482000 !important;border:1px solid #ccc;padding:8px;background:#fff;margin:0;box-sizing:border-box;opacity:1 !important;visibility:visible !important}
:is(${pinned}) textarea{width:100%;box-sizing:border-box}
[data-realpage-composer]{display:flex;gap:8px}
[data-realpage-composer] > :not(button){flex:1}
[data-realpage-composer] rich-textarea{display:block}
[data-realpage-composer] [data-fixture-composer]{min-height:40px;border:1px solid #ddd;padding:4px}
</style>`;
}

/** The text after any leading whitespace and comments (one at a time: no regex backtracking over a 1 MB page). */
function skipLeadingComments(html: string): string {
  let at = 0;
  for (;;) {
    while (at < html.length && /\s/.test(html[at]!)) at++;
    if (!html.startsWith('<!--', at)) return html.slice(at, at + 20);
    const close = html.indexOf('-->', at + 4);
    if (close < 0) return '';
    at = close + 3;
  }
}

/**
 * The page for `GET https://<host>/<conversation path>?realpage=<file>[&composer=added][&pin=<selector>]`,
 * or null when `file` is not a capture under SNAPSHOTS_DIR.
 */
export function renderRealPage(host: string, params: URLSearchParams): string | null {
  const file = resolve(SNAPSHOTS_DIR, params.get('realpage') ?? '');
  if (!file.startsWith(SNAPSHOTS_DIR + sep) || !file.endsWith('.html') || !existsSync(file)) return null;
  let html = stripScripts(readFileSync(file, 'utf8'));
  const style = pageStyle(params.get('pin'));
  const isDocument = /^(?:<!doctype\b|<html[\s>])/i.test(skipLeadingComments(html));
  if (isDocument) {
    const head = /<head\b[^>]*>/i.exec(html) ?? /<html\b[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
    const at = head ? head.index + head[0].length : 0;
    html = `${html.slice(0, at)}${style}${html.slice(at)}`;
  } else {
    html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${host} (real page)</title>${style}</head><body>\n${html}\n</body></html>`;
  }
  if (params.get('composer') === 'added') {
    const composer = addedComposer(host);
    const end = html.toLowerCase().lastIndexOf('</body>');
    html = end < 0 ? `${html}${composer}` : `${html.slice(0, end)}${composer}${html.slice(end)}`;
  }
  return html;
}
