import { defineSite, first } from './adapter';

const PRIMARY_BUTTON = 'div[role="button"].ds-button--primary.ds-button--circle';

export const deepseek = defineSite({
  id: 'deepseek',
  // DeepSeek's default chat model (our pick, 2026-11).
  defaultModel: 'deepseek/deepseek-chat',
  conversationLink: (id) => `https://chat.deepseek.com/a/chat/s/${id}`,
  conversationUrl: [/^\/a\/chat\/s\/([0-9a-f-]{36})/, /^\/share\/([^/?#]+)/],
  composer: ['textarea[name="search"]', 'textarea#chat-input', 'textarea'],
  // The same round primary button sends, and while a reply streams, stops (2026-10-03).
  send: [PRIMARY_BUTTON, 'input[type="file"] + div[aria-disabled]'],
  stop: ['div[role="button"]:has(path[d^="M2 4.88C2 3.68"])'], // legacy stop-square icon
  transcript: ['.ds-virtual-list-items', '.ds-virtual-list'],
  generations: [
    {
      // Seen 2026-10-03 (snapshot): .ds-virtual-list-items > [data-virtual-list-item-key] > .ds-message;
      // classes are hashed, so the assistant is the message that holds .ds-markdown.
      seen: '2026-10-03 (snapshot)',
      user: '.ds-message',
      assistant: '.ds-message:has(.ds-markdown)',
      assistantText: '.ds-markdown',
      exclude: '.ds-think-content',
      idFrom: [{ attribute: 'data-virtual-list-item-key' }, { attribute: 'data-um-id' }],
    },
  ],
  streaming: [],
  modelLabel: [
    // Mode radios (Instant / Expert / Vision), 2026-08; the DeepThink toggle.
    { selector: 'div[data-model-type][aria-checked="true"]' },
  ],
  // While a reply streams the composer is empty and the primary button is enabled (it is "stop").
  isStreamingExtra(root) {
    const button = first(root, [PRIMARY_BUTTON]);
    const composer = first(root, ['textarea[name="search"]', 'textarea#chat-input', 'textarea']) as HTMLTextAreaElement | null;
    if (!button || !composer) return false;
    const disabled = button.classList.contains('ds-button--disabled') || button.getAttribute('aria-disabled') === 'true';
    return composer.value === '' && !disabled;
  },
});
