import { defineSite } from './adapter';

export const copilot = defineSite({
  id: 'copilot',
  // The default "Smart" mode's model, as Microsoft last named it (2025-08-07): lib/models/site-modes.ts.
  defaultModel: 'openai/gpt-5',
  conversationLink: (id) => `https://copilot.microsoft.com/chats/${id}`,
  conversationUrl: [/^\/chats\/([A-Za-z0-9]+)/],
  composer: ['textarea#userInput', '[data-testid="composer-input"]', 'textarea'],
  send: ['button[data-testid="submit-button"]', 'button[aria-label="Submit message"]'],
  stop: ['button[data-testid="stop-button"]'],
  transcript: ['[data-content="conversation"]', 'main'],
  generations: [
    {
      // [data-content=user-message|ai-message]; no end-of-stream flag, the stop button is the signal.
      seen: '2026-08-11 (CodeWebChat)',
      user: '[data-content="user-message"]',
      assistant: '[data-content="ai-message"]',
      exclude: '[data-testid="message-item-reactions"]',
      idFrom: [{ attribute: 'data-message-id' }, { attribute: 'id', closest: '[data-content][id]' }],
    },
  ],
  streaming: [],
  // The picker names modes ("Smart", "Think Deeper"), read as shown.
  modelLabel: [{ selector: 'button[data-testid*="chat-mode-"]', attribute: 'aria-label' }, { selector: 'button[data-testid*="chat-mode-"]' }],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
