import { defineSite } from './adapter';

export const claude = defineSite({
  id: 'claude',
  // claude.ai's default model for new chats (our pick, 2026-11).
  defaultModel: 'anthropic/claude-sonnet-5-5',
  conversationLink: (id) => `https://claude.ai/chat/${id}`,
  conversationUrl: [/^\/chat\/([0-9a-f-]{36})/, /^\/share\/([0-9a-f-]{36})/],
  composer: [
    // ProseMirror/TipTap in the composer fieldset. Never the first .ProseMirror on the page: the
    // chat-rename field is one too.
    'div[data-testid="chat-input"][contenteditable="true"]', // 2026-02 → 2026-10
    '[data-testid="chat-input"]',
    'fieldset div.ProseMirror[contenteditable="true"]',
  ],
  send: ['button[aria-label="Send message"]', 'button[aria-label="Send Message"]', 'fieldset button[type="submit"]'],
  stop: [
    'button[aria-label="Stop response"]', // 2026-08
    'button[data-testid*="stop-button" i]',
    'button:has(path[d^="M128,20A108,108"])', // stop-circle icon, language independent
  ],
  transcript: [
    'div[role="feed"][aria-label="Chat messages"]', // hub, 2026-10-07
    '[data-autoscroll-container="true"]',
    '[data-testid="transcript-sizer"]',
    'main',
  ],
  generations: [
    {
      // Hub layout, seen 2026-10-07: [data-cds=UserMessage][data-turn-key] [data-testid=user-message];
      // [data-testid=assistant-message][data-cds=AssistantMessage][data-is-streaming], body .standard-markdown.
      seen: '2026-10-07 (live, hub)',
      user: '[data-cds="UserMessage"] [data-testid="user-message"]',
      assistant: '[data-testid="assistant-message"][data-cds="AssistantMessage"]',
      assistantText: '.standard-markdown',
      exclude: '.sr-only, [data-cds="TurnStatus"]',
      idFrom: [{ attribute: 'data-turn-key' }],
      streaming: '[data-is-streaming="true"]',
    },
    {
      // Classic layout, seen 2026-02-27 (snapshot) to 2026-09: [data-testid=user-message] and
      // .font-claude-response inside a [data-is-streaming] wrapper (in the turn wrapper
      // [data-test-render-count]). The artifact viewer renders the same class outside any turn:
      // not a reply (2026-02-09, 2026-07). Inside a reply, not text: chrome Claude marks
      // [data-find-omitted] (the h2.sr-only "Claude responded: …", tool status rows, app frames;
      // 2026-07-19), the thinking panel (a .font-claude-response nested in the reply, 2025-12-01)
      // and artifact cards (title and kind, 2026-07).
      seen: '2026-02-27 (snapshot) → 2026-09, 2025-12 → 2026-07 (real pages)',
      user: '[data-testid="user-message"]',
      assistant: '[data-is-streaming] .font-claude-response, .font-claude-response[data-is-streaming], [data-test-render-count] .font-claude-response',
      exclude: '.sr-only, [data-testid="action-bar-copy"], [data-find-omitted], .font-claude-response .font-claude-response, .artifact-block-cell, [class*="group/artifact-block"]',
      idFrom: [{ attribute: 'data-turn-key' }],
      streaming: '[data-is-streaming="true"]',
    },
    {
      // Legacy classes, 2025 (gone 2026-08).
      seen: '2025 (legacy)',
      user: '.font-user-message',
      assistant: '.font-claude-message',
      streaming: '[data-is-streaming="true"]',
    },
  ],
  streaming: ['[data-is-streaming="true"]'],
  modelLabelRequired: true,
  modelLabel: [
    // "Opus 4.5" in the model menu trigger, 2026-02 → 2026-07.
    { selector: '[data-testid="model-selector-dropdown"] .whitespace-nowrap' },
    { selector: '[data-testid="model-selector-dropdown"]' },
  ],
  attachments: {
    box: ['fieldset', 'form', '[data-testid="chat-input-container"]'],
    generations: [
      {
        // [data-testid="file-thumbnail"] with the name in an <h3> (text files and PDFs) or an <img>
        // (images); used by public exporters and automation code, 2025-2026. What else the tile
        // shows (a type, a line or page count) is not documented: not read.
        seen: '2025-2026 (public exporters and automation code)',
        chip: '[data-testid="file-thumbnail"]',
        name: [{ selector: 'h3' }, { attribute: 'aria-label' }, { selector: 'img', attribute: 'alt' }],
        image: 'img',
      },
    ],
    // input#chat-input-file-upload-onpage[data-testid="file-upload"], 2026 (public automation code).
    fileInputs: ['input[data-testid="file-upload"]', 'input#chat-input-file-upload-onpage', 'fieldset input[type="file"]'],
  },
});
