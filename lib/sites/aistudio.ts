import { defineSite } from './adapter';

export const aistudio = defineSite({
  id: 'aistudio',
  // AI Studio's default model (our pick, 2026-11).
  defaultModel: 'google/gemini-3.5-flash',
  conversationLink: (id) => `https://aistudio.google.com/prompts/${id}`,
  conversationUrl: [/^\/prompts\/((?!new_chat)[^/?#]+)/],
  composer: ['textarea[formcontrolname="promptText"]', 'ms-chunk-input textarea', 'textarea[aria-label="Enter a prompt"]', 'textarea.textarea[placeholder="Start typing a prompt"]'],
  send: ['ms-run-button button', 'button[aria-label="Run"]', 'button[mattooltip*="Run"]'],
  stop: ['ms-run-button button.stoppable', 'button[aria-label="Stop"]', 'ms-run-button button:has(mat-icon[fonticon="stop"])'],
  transcript: ['ms-chat-session', 'ms-autoscroll-container', 'main'],
  generations: [
    {
      // ms-chat-turn > .chat-turn-container.user|.model, text in ms-text-chunk, reasoning in
      // ms-thought-chunk; 2026-05 → 2026-08.
      seen: '2026-05-29, 2026-08-11',
      user: 'ms-chat-turn:has(.chat-turn-container.user)',
      assistant: 'ms-chat-turn:has(.chat-turn-container.model)',
      assistantText: 'ms-text-chunk, ms-cmark-node',
      userText: 'ms-text-chunk, ms-cmark-node',
      exclude: 'ms-thought-chunk, ms-chat-turn-options, .turn-footer',
      idFrom: [{ attribute: 'id', closest: 'ms-chat-turn[id]' }],
    },
  ],
  streaming: [],
  modelLabelRequired: true,
  modelLabel: [{ selector: 'button.model-selector-card .title' }, { selector: 'button.model-selector-card' }, { selector: 'ms-model-selector' }],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
