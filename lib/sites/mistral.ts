import { defineSite } from './adapter';

export const mistral = defineSite({
  id: 'mistral',
  // Le Chat's default model (our pick, 2026-11).
  defaultModel: 'mistral/mistral-medium-2604',
  conversationLink: (id) => `https://chat.mistral.ai/chat/${id}`,
  conversationUrl: [/^\/chat\/([0-9a-f-]{36})/],
  composer: ['div.ProseMirror[contenteditable="true"]', 'textarea[name="message.text"]'],
  send: ['button[aria-label="Send question"]', 'form button[type="submit"]'],
  stop: ['form button:has(rect[rx="2"])', 'button[aria-label="Stop"]'], // stop square in the composer form, 2026-08
  transcript: ['main', 'body'],
  generations: [
    {
      // [data-message-author-role], answer parts [data-message-part-type=answer], 2026-08.
      seen: '2026-08-11 (CodeWebChat)',
      user: '[data-message-author-role="user"]',
      assistant: '[data-message-author-role="assistant"]',
      assistantText: '[data-message-part-type="answer"]',
      idFrom: [{ attribute: 'data-message-id' }],
    },
  ],
  streaming: [],
  modelLabel: [{ selector: 'button[data-testid="model-selector"]' }, { selector: 'form button[aria-haspopup="menu"]:has(path[d="M16 10.5L12 14.5L8 10.5"])' }],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
