import { defineSite } from './adapter';

export const openrouter = defineSite({
  id: 'openrouter',
  // OpenRouter rooms name their model on each message; this is only the fallback (our pick, 2026-11).
  defaultModel: 'openai/gpt-5.5',
  conversationParam: 'room',
  conversationLink: (id) => `https://openrouter.ai/chat?room=${encodeURIComponent(id)}`,
  conversationUrl: [],
  composer: ['textarea[data-testid="composer-input"]', 'textarea[placeholder="Start a new message..."]', 'main textarea'],
  send: ['button[data-testid="send-button"]', 'button[aria-label="Send message"]', 'button[aria-label="Send prompt"]'],
  stop: ['button[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  transcript: ['main'],
  generations: [
    {
      seen: '2026-01-17, 2026-08-11',
      user: 'div[data-testid="user-message"]',
      assistant: 'div[data-testid="assistant-message"]',
      exclude: '[data-testid="message-model"], button[id^="toggle-reasoning-"]',
      idFrom: [{ attribute: 'data-message-id' }],
    },
  ],
  streaming: ['div[data-testid="assistant-message"] .animate-spin'],
  modelLabel: [{ selector: '[data-testid="model-selector"]' }],
  // A room answers with several models: each reply carries its model chip (⚠ per docs/sites.md).
  replyModel: [{ selector: 'div[data-testid="assistant-message"] [data-testid="message-model"]' }],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
