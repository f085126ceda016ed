import { defineSite } from './adapter';

export const gemini = defineSite({
  id: 'gemini',
  // Gemini's default ("Fast") model (our pick, 2026-11).
  defaultModel: 'google/gemini-3.5-flash',
  stripPath: /^\/u\/\d+/,
  conversationLink: (id) => `https://gemini.google.com/app/${id}`,
  conversationUrl: [/^\/app\/([^/?#]+)/, /^\/gem\/[^/]+\/([^/?#]+)/, /^\/share\/([^/?#]+)/],
  composer: [
    'rich-textarea .ql-editor[contenteditable="true"]', // Quill, 2025 → 2026-09
    'div[role="textbox"][aria-label="Enter a prompt for Gemini"]', // 2026-09-03
    'div[role="textbox"][aria-label="Enter a prompt here"]',
    '.ql-editor[contenteditable="true"]',
  ],
  send: ['button[aria-label="Send message"]', 'button.send-button:not(.stop)', '[data-send-button]', 'button:has(mat-icon[fonticon="send"])'],
  stop: [
    'button[aria-label="Stop response"]', // 2026-09-03
    'button[aria-label="Stop generation"]', // before 2026-09
    'button:has(mat-icon[fonticon="stop"])',
    '.send-button.stop',
  ],
  transcript: ['infinite-scroller[data-test-id="chat-history-container"]', '#chat-history', 'infinite-scroller'],
  generations: [
    {
      // user-query / model-response custom elements in .conversation-container[id], 2026-01-19 and
      // 2026-02-27 (snapshots); reasoning in model-thoughts is not reply text.
      seen: '2026-01-19, 2026-02-27 (snapshots)',
      user: 'user-query',
      assistant: 'model-response',
      userText: '.query-text',
      assistantText: 'message-content',
      exclude: 'model-thoughts, .thoughts-container, .cdk-visually-hidden, .sr-only',
      idFrom: [{ attribute: 'id', closest: '.conversation-container[id]' }],
      streaming: '[aria-busy="true"]',
    },
  ],
  streaming: ['model-response [aria-busy="true"]'],
  modelLabelRequired: true,
  modelLabel: [
    // 2026 redesign: the pill shows "model" and the thinking level on two lines; keep the first.
    { selector: '[data-test-id="bard-mode-menu-button"] .input-area-switch-label', normalize: (s) => s.split('\n')[0] ?? s },
    { selector: '[data-test-id="bard-mode-menu-button"]', normalize: (s) => s.split('\n')[0] ?? s },
    { selector: 'bard-mode-switcher button' },
    { selector: '[data-test-id="model-selector"]' },
  ],
});
