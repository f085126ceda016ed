import { defineSite } from './adapter';

export const grok = defineSite({
  id: 'grok',
  // grok.com's default model (our pick, 2026-11).
  defaultModel: 'xai/grok-4.7',
  conversationLink: (id) => `https://grok.com/c/${id}`,
  conversationUrl: [/^\/c\/([^/?#]+)/, /^\/share\/([^/?#]+)/],
  composer: ['.tiptap.ProseMirror[contenteditable="true"]', 'form div[contenteditable="true"]', 'textarea[aria-label="Ask Grok anything"]'],
  send: ['button[type="submit"][aria-label="Submit"]', 'button[aria-label="Send"]'],
  stop: ['button:has(path[d^="M4 9.2v5.6c0 1.116"])', 'button[aria-label="Stop model response"]'],
  transcript: ['main', 'body'],
  generations: [
    {
      // div[id^=response-] rows: .items-end (user) / .items-start (assistant), bubble .message-bubble,
      // answer .response-content-markdown; seen 2026-02 (live) and 2026-08.
      seen: '2026-02 (live), 2026-08',
      user: 'div[id^="response-"].items-end',
      assistant: 'div[id^="response-"].items-start',
      assistantText: '.response-content-markdown',
      userText: '.message-bubble',
      idFrom: [{ attribute: 'id', closest: 'div[id^="response-"]', stripPrefix: 'response-' }],
    },
  ],
  streaming: [],
  modelLabelRequired: true,
  modelLabel: [{ selector: '#model-select-trigger' }],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
