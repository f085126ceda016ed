import { defineSite, first } from './adapter';

const PRIMARY_BUTTON = 'div[role="button"].ds-button--primary.ds-button--circle';

export const deepseek = defineSite({
  id: 'deepseek',
  // DeepSeek's default chat model (our pick, 2026-11).
  // The web app's default "Instant" mode runs V4 Flash (DeepSeek V4 release note, 2026-04-24; the
  // deepseek-chat alias was retired 2026-07-24): lib/models/site-modes.ts.
  defaultModel: 'deepseek/deepseek-flash',
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
      // classes are hashed, so the assistant is the message that holds .ds-markdown. Share pages
      // (2026-07-19) are the same list; citation badges (.ds-markdown-cite) are not text.
      seen: '2026-10-03 (snapshot), 2026-07-19 (real page, /share)',
      user: '.ds-message',
      assistant: '.ds-message:has(.ds-markdown)',
      assistantText: '.ds-markdown',
      exclude: '.ds-think-content, .ds-markdown-cite',
      idFrom: [{ attribute: 'data-virtual-list-item-key' }, { attribute: 'data-um-id' }],
    },
  ],
  streaming: [],
  modelLabel: [
    // Mode radios (Instant / Expert / Vision), 2026-08.
    { selector: 'div[data-model-type][aria-checked="true"]' },
    // The mode badge beside the title: an icon, then the mode's name (hashed classes only; seen
    // 2026-05 "Expert" and on a 2026-07 share page "Instant"). Other icon + text pairs are skipped.
    { selector: '.ds-icon + span', pattern: /^\s*(Instant|Expert|Vision|快速模式|专家模式|识图模式)\s*$/ },
    // Without a checked radio, the DeepThink toggle when pressed ("DeepThink" / "深度思考", 2026-08);
    // a pressed Search toggle ("Search" / "联网搜索") is no model and is skipped.
    { selector: '.ds-toggle-button[aria-pressed="true"]', pattern: /^((?:DeepThink|深度思考).*)$/is },
  ],
  // While a reply streams the composer is empty and the primary button is enabled (it is "stop").
  isStreamingExtra(root) {
    const button = first(root, [PRIMARY_BUTTON]);
    const composer = first(root, ['textarea[name="search"]', 'textarea#chat-input', 'textarea']) as HTMLTextAreaElement | null;
    if (!button || !composer) return false;
    const disabled = button.classList.contains('ds-button--disabled') || button.getAttribute('aria-disabled') === 'true';
    return composer.value === '' && !disabled;
  },
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
