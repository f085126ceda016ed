import { defineSite, type MessageGeneration } from './adapter';

/**
 * Replies whose content is not text: a generated image (image-gen overlay, 2026-07-19) or a report
 * in a sandboxed `<iframe>` (Deep Research, 2026-07-29). Same markers in every generation.
 */
const OPAQUE: MessageGeneration['opaque'] = [
  { selector: '[data-testid="image-gen-overlay-actions"], [class*="group/imagegen-image"]', kind: 'image' },
  { selector: 'iframe', kind: 'frame' },
];

/** "5.2" (the switcher's "current model is 5.2") → "GPT-5.2"; full names pass through. */
export function chatgptLabel(label: string): string {
  return /^\d+(\.\d+)?\b/.test(label) ? `GPT-${label}` : label;
}

export const chatgpt = defineSite({
  id: 'chatgpt',
  // ChatGPT's default chat model, as the API's moving alias (our pick, 2026-11).
  defaultModel: 'openai/gpt-chat-latest',
  conversationLink: (id) => `https://chatgpt.com/c/${id}`,
  conversationUrl: [
    /^\/(?:g\/[^/]+\/)?(?:c|uc)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/,
    /^\/share\/(?:e\/)?([^/?#]+)/,
  ],
  composer: [
    'div#prompt-textarea[contenteditable="true"]', // ProseMirror, 2024 → 2026-09
    'textarea#mobile-composer-prompt', // octane shell, 2026-10-03
    '[data-composer-editor-host] [contenteditable="true"]', // octane Lexical host, 2026-10-03
    '[data-octane-lexical-host] [contenteditable="true"]',
    'div#prompt-textarea',
    'form .ProseMirror[contenteditable="true"]',
    'textarea[name="prompt-textarea"]', // pre-hydration fallback, 2026-02
  ],
  send: [
    'button[data-testid="send-button"]', // 2024 → 2026-07
    'button#composer-submit-button',
    'button[data-composer-submit]:not([data-stop-generating])', // octane, 2026-10-03
  ],
  stop: [
    'button[data-testid="stop-button"]', // 2024 → 2026-07
    'button[data-composer-submit][data-stop-generating]', // octane, 2026-10-03
    'button[aria-label="Stop streaming"]', // data-turn-key UI keeps only the label, 2026-09-22
    'button[aria-label="Stop generating"]',
  ],
  transcript: [
    'ol[data-conversation-transcript]', // octane, 2026-10-03
    'div[data-app-action-timeline-scroll]', // data-turn-key, 2026-09-26
    '[data-scroll-root]', // 2026-02
    'main',
  ],
  generations: [
    {
      // E, octane, seen 2026-10-03: ol[data-conversation-transcript] > li[data-message-role]#<uuid>;
      // streaming as li#pending-<uuid>[data-message-streaming], done with [data-message-complete].
      seen: '2026-10-03 (live, logged out)',
      user: 'li[data-message-role="user"]',
      assistant: 'li[data-message-role="assistant"]',
      userText: '[data-user-message-copy]',
      assistantText: '[data-assistant-markdown]',
      exclude: 'h4, [data-message-attribution]',
      idFrom: [{ attribute: 'id', closest: 'li[data-message-role]', stripPrefix: 'pending-' }],
      streaming: '[data-message-streaming]',
      opaque: OPAQUE,
      mergeReplies: {},
    },
    {
      // D, seen 2026-09-26: div[data-turn-key=<user-msg-uuid>] holds prompt and answer; user bubble
      // [data-user-message-bubble], answer [data-markdown-text-style="assistant-message"].
      seen: '2026-09-26 (live)',
      user: '[data-turn-key] [data-user-message-bubble]',
      assistant: '[data-turn-key] [data-markdown-text-style="assistant-message"]',
      userText: '.whitespace-pre-wrap',
      exclude: '.sr-only',
      idFrom: [{ attribute: 'data-turn-key' }],
      opaque: OPAQUE,
      mergeReplies: {},
    },
    {
      // C, virtualized, seen 2026-07: div[data-turn-id-container] > section[data-turn=user|assistant];
      // off-screen turns are empty shells (no [data-turn]), so they are simply not read. A thinking
      // model answers one prompt with several assistant turns, some empty (2026-07-19): one reply,
      // unless a shell (possibly the user's next prompt) lies between them.
      seen: '2026-07 (houyanchao timeline adapter), 2026-07-19 (real pages)',
      user: '[data-turn-id-container] [data-turn="user"]',
      assistant: '[data-turn-id-container] [data-turn="assistant"]',
      assistantText: '.markdown',
      exclude: '.sr-only',
      idFrom: [{ attribute: 'data-message-id' }, { attribute: 'data-turn-id-container' }],
      streaming: '.result-streaming, [data-is-streaming="true"]',
      opaque: OPAQUE,
      mergeReplies: { breakAt: '[data-turn-id-container]:not([data-turn]):not(:has([data-turn]))' },
    },
    {
      // A/B, seen 2026-02-27 (snapshot) and 2026-03: article|section[data-testid^=conversation-turn]
      // > div[data-message-author-role][data-message-id]. An assistant turn without an author-role
      // message is the answer itself: generated images (2026-07-19), a Deep Research report in an
      // <iframe> (2026-07-29). Several assistant turns in a row answer one prompt.
      seen: '2026-02-27 (snapshot), 2026-03-20, 2026-07-19/29 (real pages)',
      user: '[data-message-author-role="user"]',
      assistant: '[data-message-author-role="assistant"], [data-turn="assistant"]:not(:has([data-message-author-role]))',
      assistantText: '.markdown',
      exclude: '.sr-only',
      idFrom: [{ attribute: 'data-message-id' }, { attribute: 'data-turn-id' }],
      streaming: '.result-streaming, [data-is-streaming="true"]',
      opaque: OPAQUE,
      mergeReplies: {},
    },
  ],
  streaming: ['li[id^="pending-"][data-message-streaming]', '.result-streaming'],
  modelLabelRequired: true,
  modelLabel: [
    // Composer pill with the mode (Instant / Thinking / Pro), 2026-09-16.
    { selector: 'button.__composer-pill[aria-haspopup="menu"]' },
    // Header switcher: aria-label "Model selector, current model is 5.2", text "ChatGPT", 2026-02.
    { selector: 'button[data-testid="model-switcher-dropdown-button"]', attribute: 'aria-label', pattern: /current model is (.+)$/i, normalize: chatgptLabel },
    { selector: 'button[aria-label*="current model is" i]', attribute: 'aria-label', pattern: /current model is (.+)$/i, normalize: chatgptLabel },
    // The same header button when its label names no model: its text ("ChatGPT"), 2026-07-19.
    { selector: 'button[data-testid="model-switcher-dropdown-button"]' },
  ],
  // Each answer names the model that wrote it: data-message-model-slug ("gpt-5-5",
  // "gpt-5-6-thinking") on the author-role message, 2025-11 → 2026-07 (generations A/B/C; not
  // documented for D and E, which dropped data-message-author-role).
  replyModel: [{ selector: '[data-message-author-role="assistant"][data-message-model-slug]', attribute: 'data-message-model-slug' }],
  attachments: {
    box: ['form', '[data-composer-surface]', '[data-type="unified-composer"]'],
    generations: [
      {
        // The file tile: div[role=group][aria-label=<file name>].group/file-tile, a name line
        // (.font-semibold) and a type line ("PDF") in .text-token-text-secondary; an image tile holds
        // its thumbnail <img> (an estuary URL, not the original: no dimensions). Seen on a sent
        // message 2026-07-19 (real page chatgpt_002) and in the composer by public automation code
        // (2026: `form [class*="group/file-tile"]`, remove button "Remove file 1: notes.md").
        seen: '2026-07-19 (real page), 2026 (composer, public automation code)',
        chip: '[class*="group/file-tile"]',
        name: [{ attribute: 'aria-label' }, { selector: '.font-semibold' }],
        typeLabel: '.text-token-text-secondary',
        image: 'img',
      },
    ],
    // "upload-files" (any file) and "upload-photos" (images), 2026-07-19 (real page, logged out).
    fileInputs: ['input#upload-files', 'input#upload-photos', 'input[data-testid="upload-photos-input"]', 'form input[type="file"]'],
  },
});
