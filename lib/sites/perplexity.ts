import { defineSite } from './adapter';

export const perplexity = defineSite({
  id: 'perplexity',
  // Perplexity's default answer model (our pick, 2026-11).
  defaultModel: 'perplexity/sonar',
  conversationLink: (id) => `https://www.perplexity.ai/search/${id}`,
  conversationUrl: [/^\/search\/([^/?#]+)/, /^\/thread\/([^/?#]+)/],
  composer: ['#ask-input[contenteditable="true"]', '#ask-input', 'textarea[placeholder*="Ask"]'],
  send: ['button[aria-label="Submit"]', 'button[data-testid="submit-button"]'],
  stop: ['button[aria-label="Stop"]', 'button[data-testid="stop-generating-response-button"]'],
  transcript: ['main', 'body'],
  generations: [
    {
      // User bubble rebuilt 2026-09-25: [class*="group/user-bubble"] [data-renderer=lm].
      seen: '2026-09-25 (live)',
      user: '[class*="group/user-bubble"]',
      assistant: 'div[id^="markdown-content-"]',
      userText: '[data-renderer="lm"]',
      exclude: '.citation, [data-pplx-citation]',
      idFrom: [{ attribute: 'id', closest: 'div[id^="markdown-content-"]', stripPrefix: 'markdown-content-' }],
    },
    {
      // Seen 2026-02-27 (snapshot): queries h1|div.group/query, answers div#markdown-content-N.
      seen: '2026-02-27 (snapshot)',
      user: '[class~="group/query"]',
      assistant: 'div[id^="markdown-content-"]',
      exclude: '.citation, [data-pplx-citation]',
      idFrom: [{ attribute: 'id', closest: 'div[id^="markdown-content-"]', stripPrefix: 'markdown-content-' }],
    },
  ],
  streaming: [],
  // The picker reads "Model" or "Best" until a specific model is chosen (2026-02-27 snapshot); read
  // as shown. In 2026-05 it is an icon (no text).
  modelLabel: [{ selector: 'button[aria-label="Choose a model"]' }],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
