/**
 * What the adapters must read on each real page in ../shared/snapshots/real (captured from the live
 * sites 2025-08 → 2026-07; that folder's README.md says what each shows). One entry per file, path
 * relative to that folder; real-pages.test.ts fails when a capture is added without an entry.
 *
 * `model` is the catalog id the page's model should price as (ids from lib/catalog/catalog.json):
 * null when the page names no model at all; for a mode word ("Flash", "自动模式") our best guess,
 * marked as such, from lib/models/site-modes.ts: the lead finalises those.
 */
import type { OpaqueKind } from '@/lib/sites/adapter';
import type { SiteId } from '@/lib/sites/hosts';

export interface RealPageCase {
  /** Path under ../shared/snapshots/real. */
  file: string;
  site: SiteId;
  /** A conversation URL of the site's real shape (a share URL for a share page). */
  url: string;
  users: number;
  assistants: number;
  /** The first user message starts with this (when the page holds one). */
  firstUser?: string;
  /** Text that must not be in any message (panels, thinking, tool rows, sources, hidden headings). */
  forbidden: string[];
  /** findComposer finds a chat box. */
  composer: boolean;
  /** modelLabel: the picker as shown, or null. */
  label: string | null;
  /** replyModel: the model named on the last reply, or null. */
  slug: string | null;
  /** The opaque kinds of the replies that have one, in document order. */
  opaque: OpaqueKind[];
  /** Catalog id the page's model should price as; null when the page names no model. */
  model: string | null;
}

const uuid = (n: number) => `5e11a7e0-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const REAL_PAGE_CASES: RealPageCase[] = [
  // ---- ChatGPT ----------------------------------------------------------------------------------
  {
    // Logged-out share page: composer and header ("ChatGPT"), no rendered turns.
    file: 'chatgpt/UjjwalTiwari00__threadlift__chatgpt.html',
    site: 'chatgpt',
    url: 'https://chatgpt.com/share/6a5aacf8-3648-83ee-b0cf-0f244fe98e93',
    users: 0,
    assistants: 0,
    forbidden: [],
    composer: true,
    label: 'ChatGPT',
    slug: null,
    opaque: [],
    // "ChatGPT" names no model (the site default applies).
    model: null,
  },
  {
    file: 'chatgpt/YongseopKim__llm-chat-exporter__chatgpt.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(1)}`,
    users: 1,
    assistants: 1,
    firstUser: '전체 복사는 확실히 너무 사이즈가 크다.',
    forbidden: ['ChatGPT의 말', '나의 말'],
    composer: false,
    label: null,
    slug: 'gpt-5-1-thinking',
    opaque: [],
    model: 'openai/gpt-5.1',
  },
  {
    file: 'chatgpt/YongseopKim__llm-chat-exporter__chatgpt_000.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(2)}`,
    users: 1,
    assistants: 1,
    firstUser: '인터넷에서 본 아래 글에 대한 너의 생각은?',
    forbidden: ['ChatGPT의 말', '나의 말'],
    composer: false,
    label: null,
    slug: 'gpt-5-6-thinking',
    opaque: [],
    // gpt-5-6 is an alias of GPT-5.6 Sol; "-thinking" is a mode of the same model.
    model: 'openai/gpt-5.6-sol',
  },
  {
    // Turns 2 (empty) and 3 answer the first prompt: one reply. Turn 13 answers a prompt inside
    // the unmounted turns 4–12 (empty shells), so it is a reply of its own: 3 prompts shown, 4 replies.
    file: 'chatgpt/YongseopKim__llm-chat-exporter__chatgpt_001.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(3)}`,
    users: 3,
    assistants: 4,
    firstUser: '반도체 수요에 비해 데이터센터가 부족하다고 들었음.',
    forbidden: ['ChatGPT의 말', '나의 말'],
    composer: false,
    label: null,
    slug: 'gpt-5-6-thinking',
    opaque: [],
    model: 'openai/gpt-5.6-sol',
  },
  {
    file: 'chatgpt/YongseopKim__llm-chat-exporter__chatgpt_002.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(4)}`,
    users: 2,
    assistants: 2,
    firstUser: '신용대출 상품안내 _ 신한은행 개인뱅킹.pdf', // the attachment chip's file name (NFD on the page)
    forbidden: ['ChatGPT의 말', '나의 말'],
    composer: false,
    label: null,
    slug: 'gpt-5-5',
    opaque: [],
    model: 'openai/gpt-5.5',
  },
  {
    // Image generation: two assistant turns (the image, then an empty one), no author role: one
    // opaque reply with no text.
    file: 'chatgpt/YongseopKim__llm-chat-exporter__chatgpt_003.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(5)}`,
    users: 1,
    assistants: 1,
    firstUser: '대화를 통해 추측해 볼 수 있는 나',
    forbidden: ['ChatGPT의 말', '편집'],
    composer: false,
    label: null,
    slug: null,
    opaque: ['image'],
    // Nothing on the page names the image model (no slug on image turns).
    model: null,
  },
  {
    // Deep Research: the report is in a sandboxed iframe (opaque frame, no text outside it); the
    // follow-up answer names gpt-5-5.
    file: 'chatgpt/nuncaeslupus__ai-chat-exporter__deep-research-2026-07.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(6)}`,
    users: 2,
    assistants: 2,
    firstUser: 'Deep research How did tidal mills grind grain',
    forbidden: ['ChatGPT said', 'You said'],
    composer: false,
    label: null,
    slug: 'gpt-5-5',
    opaque: ['frame'],
    // The page's current model is the last reply's; the report turn itself names none.
    model: 'openai/gpt-5.5',
  },
  {
    file: 'chatgpt/nuncaeslupus__ai-chat-exporter__formatting-showcase-2026-07.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(7)}`,
    users: 1,
    assistants: 1,
    firstUser: 'Reply with a short formatting showcase',
    forbidden: ['ChatGPT said', 'You said', 'Copy table', 'Run code'],
    composer: true,
    label: null,
    slug: 'gpt-5-5',
    opaque: [],
    model: 'openai/gpt-5.5',
  },
  {
    file: 'chatgpt/nuncaeslupus__ai-chat-exporter__longcode-160-lines-2026-07.html',
    site: 'chatgpt',
    url: `https://chatgpt.com/c/${uuid(8)}`,
    users: 1,
    assistants: 1,
    firstUser: 'Output one fenced python code block with exactly 160 lines',
    forbidden: ['ChatGPT said', 'You said'],
    composer: true,
    label: null,
    slug: 'gpt-5-5',
    opaque: [],
    model: 'openai/gpt-5.5',
  },

  // ---- Claude -----------------------------------------------------------------------------------
  {
    file: 'claude/YongseopKim__llm-chat-exporter__claude.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(11)}`,
    users: 1,
    assistants: 1,
    firstUser: '전체 복사는 확실히 너무 사이즈가 크다.',
    forbidden: ['Claude responded'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    // One answer; its two thinking panels (nested .font-claude-response) are not its text.
    file: 'claude/YongseopKim__llm-chat-exporter__claude_000.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(12)}`,
    users: 0,
    assistants: 1,
    forbidden: ['메모리를 보면', '이제 구체적으로 정리해서 사용자에게 알려주자'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    // The h2.sr-only "Claude responded: …" heading, the tool status row and the MCP app frame
    // ([data-find-omitted]) are not reply text.
    file: 'claude/YongseopKim__llm-chat-exporter__claude_002.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(13)}`,
    users: 0,
    assistants: 1,
    forbidden: ['Claude responded', 'show_widget', 'visualize', '야경 책상 장면을 시각적으로 구성했습니다'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    // The artifact side panel alone: rendered markdown that is no message.
    file: 'claude/YongseopKim__llm-chat-exporter__claude_artifact_000.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(14)}`,
    users: 0,
    assistants: 0,
    forbidden: ['삶의 선택 프레임워크'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    file: 'claude/revivalstack__ai-chat-exporter__claude-codeblock-larger-dom.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(15)}`,
    users: 0,
    assistants: 1,
    forbidden: ['Retry'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    // The inline artifact card (a button) is not a message nor text.
    file: 'claude/revivalstack__ai-chat-exporter__claude-single-user-response-with-artifact-dom.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(16)}`,
    users: 0,
    assistants: 1,
    forbidden: ['DeepSeek Model Variants Comparison Table', 'Retry'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    // REBUILT: one turn each plus the open artifact panel outside the turns.
    file: 'claude/nuncaeslupus__ai-chat-exporter__artifact-panel.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(17)}`,
    users: 1,
    assistants: 1,
    firstUser: 'Draft me a tide table helper',
    forbidden: ['Claude responded', 'Every column in a printed tide table', 'Highs and lows', 'Code · JSX', 'Download'],
    composer: false,
    label: 'Opus 4.8',
    slug: null,
    opaque: [],
    model: 'anthropic/claude-opus-4-8',
  },
  {
    // REBUILT, older user layout; a web-search widget and artifact cards inside the answer.
    file: 'claude/nuncaeslupus__ai-chat-exporter__real-capture.html',
    site: 'claude',
    url: `https://claude.ai/chat/${uuid(18)}`,
    users: 1,
    assistants: 1,
    firstUser: 'This is invented placeholder text for a DOM fixture.',
    forbidden: ['Placeholder search result title', '10 resultados', 'Placeholder SVG Artifact', 'Artefacto interactivo', '18:40'],
    composer: false,
    label: 'Sonnet 4.5',
    slug: null,
    opaque: [],
    model: 'anthropic/claude-sonnet-4-5',
  },

  // ---- Gemini -----------------------------------------------------------------------------------
  {
    // Share page: share-turn-viewer › user-query + response-container, no model-response.
    file: 'gemini/UjjwalTiwari00__threadlift__gemini.html',
    site: 'gemini',
    url: 'https://gemini.google.com/share/61e1c5a8d372',
    users: 2,
    assistants: 2,
    firstUser: 'hi',
    forbidden: ['You said', 'Created with', 'Published July 18', 'Greeting and Offer of Assistance'],
    composer: false,
    label: null,
    // The share header's "Created with 3.1 Pro": the mode that made these replies.
    slug: '3.1 Pro',
    opaque: [],
    model: 'google/gemini-3.1-pro',
  },
  {
    file: 'gemini/YongseopKim__llm-chat-exporter__gemini.html',
    site: 'gemini',
    url: 'https://gemini.google.com/app/5e11a7e000000021',
    users: 1,
    assistants: 1,
    firstUser: '전체 복사는 확실히 너무 사이즈가 크다.',
    forbidden: ['You said'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    // Deep Research: the thinking panel, the source lists and the immersive report panel sit
    // outside the turns; none of it is reply text.
    file: 'gemini/nuncaeslupus__ai-chat-exporter__deep-research-2026-07.html',
    site: 'gemini',
    url: 'https://gemini.google.com/app/5e11a7e000000022',
    users: 2,
    assistants: 2,
    firstUser: 'How costly is a rules-based European equity sleeve to run?',
    forbidden: ['You said', 'brokerfees.example.test', 'Fee schedule for retail equity accounts', 'Opens in a new window', 'Broker Fee Breakdown', 'Turnover Sensitivity', 'Thoughts', 'Feasibility Report'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    file: 'gemini/nuncaeslupus__ai-chat-exporter__real-capture.html',
    site: 'gemini',
    url: 'https://gemini.google.com/app/5e11a7e000000023',
    users: 3,
    assistants: 3,
    firstUser: 'How does a wing actually generate lift?',
    forbidden: ['You said', 'Show thinking'],
    composer: false,
    label: 'Flash',
    slug: null,
    opaque: [],
    // Mode word "Flash": best guess per lib/models/site-modes.ts (Flash mode = 3.8 Flash since 2026-09-02).
    model: 'google/gemini-3.8-flash',
  },

  // ---- DeepSeek ---------------------------------------------------------------------------------
  {
    // Share page: no composer; the "Read 12 web pages" row and citation badges are not text.
    file: 'deepseek/UjjwalTiwari00__threadlift__deepseek.html',
    site: 'deepseek',
    url: 'https://chat.deepseek.com/share/ofrek2m6qghr5i30r6',
    users: 3,
    assistants: 3,
    firstUser: 'hii',
    forbidden: ['Read 12 web pages', '波澜-1', 'Shared Conversation', 'This shared conversation is generated by AI'],
    composer: false,
    // The share header's mode badge (icon + "Instant").
    label: 'Instant',
    slug: null,
    opaque: [],
    model: 'deepseek/deepseek-flash',
  },

  // ---- Grok -------------------------------------------------------------------------------------
  {
    // One rendered mermaid block, no turns: nothing is read.
    file: 'grok/YongseopKim__llm-chat-exporter__mermaid-grok.html',
    site: 'grok',
    url: `https://grok.com/c/${uuid(31)}`,
    users: 0,
    assistants: 0,
    forbidden: [],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    file: 'grok/revivalstack__ai-chat-exporter__grok-dom-2question-ans-pairs.html',
    site: 'grok',
    url: `https://grok.com/c/${uuid(32)}`,
    users: 2,
    assistants: 2,
    firstUser: 'what version of grok are you?',
    forbidden: ['1.3s', 'Demonstrate with current crypto price'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },
  {
    // Chinese UI; the source chips and follow-up suggestions are not reply text.
    file: 'grok/urzeye__ophel__grok.html',
    site: 'grok',
    url: `https://grok.com/c/${uuid(33)}`,
    users: 1,
    assistants: 1,
    firstUser: '怎么成为厉害的人',
    forbidden: ['20 sources', '解释刻意练习方法', '推荐成长型思维书籍'],
    composer: true,
    label: '自动模式',
    slug: null,
    opaque: [],
    // Mode word "自动模式" (Auto): best guess per lib/models/site-modes.ts.
    model: 'xai/grok-4.7',
  },

  // ---- Copilot ----------------------------------------------------------------------------------
  {
    file: 'copilot/revivalstack__ai-chat-exporter__copilot-chat-dom.html',
    site: 'copilot',
    url: 'https://copilot.microsoft.com/chats/Fx5e11a7e0000000000001',
    users: 2,
    assistants: 2,
    firstUser: "I'm inspecting the html dom of copilot",
    forbidden: ['You said', 'Copilot said', 'Edit in a page', 'Today'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },

  // ---- Le Chat ----------------------------------------------------------------------------------
  {
    // The "Worked for 3s" / "Thought for 3s" reasoning is not reply text. The composer's mode
    // button reads "Work" (not read: no model label on this page).
    file: 'mistral/Covai-Labs__ai-chat-exporter__mistral-chat.html',
    site: 'mistral',
    url: `https://chat.mistral.ai/chat/${uuid(41)}`,
    users: 1,
    assistants: 1,
    firstUser: 'Please write a short response that includes:',
    forbidden: ['Worked for', 'Thought for 3s', 'The user wants a short response', 'Let me think of realistic'],
    composer: true,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },

  // ---- Perplexity -------------------------------------------------------------------------------
  {
    file: 'perplexity/Covai-Labs__ai-chat-exporter__perplexity-chat.html',
    site: 'perplexity',
    url: 'https://www.perplexity.ai/search/please-write-a-short-response-5e11a7e0',
    users: 1,
    assistants: 1,
    firstUser: 'Please write a short response that includes:',
    forbidden: ['Show more', 'Copy query'],
    composer: false,
    label: null,
    slug: null,
    opaque: [],
    model: null,
  },

  // ---- Qwen -------------------------------------------------------------------------------------
  {
    // The thinking card ("Thought completed") is not reply text.
    file: 'qwen/Covai-Labs__ai-chat-exporter__qwen-chat.html',
    site: 'qwen',
    url: `https://chat.qwen.ai/c/${uuid(51)}`,
    users: 1,
    assistants: 1,
    firstUser: 'Please write a short response that includes:',
    forbidden: ['Thought completed'],
    composer: true,
    label: 'Qwen3.6-Plus',
    slug: null,
    opaque: [],
    model: 'alibaba/qwen3.6-plus',
  },
];
