import { defineSite } from './adapter';

export const gemini = defineSite({
  id: 'gemini',
  // The default Flash ("Fast") mode runs 3.8 Flash since 2026-09-02: lib/models/site-modes.ts.
  defaultModel: 'google/gemini-3.8-flash',
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
      // Share pages, seen 2026-07-18 (real page): share-turn-viewer[id] > user-query +
      // response-container (no model-response); the answer in message-content.
      seen: '2026-07-18 (real page, /share)',
      user: 'share-turn-viewer user-query',
      assistant: 'share-turn-viewer response-container',
      userText: '.query-text',
      assistantText: 'message-content',
      exclude: 'model-thoughts, .thoughts-container, .cdk-visually-hidden, .sr-only',
      idFrom: [{ attribute: 'id', closest: 'share-turn-viewer[id]' }],
    },
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
  // A shared conversation says which mode made it: "Created with <strong>3.1 Pro</strong>" (2026-07-18).
  replyModel: [{ selector: '[data-test-id="created-with-bard-mode-from-config"] strong' }],
  attachments: {
    box: ['input-container', 'input-area-v2', '.input-area-container'],
    generations: [
      {
        // <uploader-file-preview> per file, an image as <gem-media-attachment> with an <img>
        // (public automation code, 2026). Where the file name sits is not documented: the close
        // button's label ("close <name>"?) is not confirmed, so names come from the page's own file.
        seen: '2026 (public automation code)',
        chip: 'uploader-file-preview',
        name: [{ attribute: 'aria-label' }, { attribute: 'title' }],
        image: 'gem-media-attachment, img',
      },
    ],
    // The uploader's input, in the composer or in the upload menu's overlay (2026, public automation code).
    fileInputs: ['images-files-uploader input[type="file"]', '.cdk-overlay-container input[type="file"]', 'input-container input[type="file"]'],
  },
});
