import { defineSite } from './adapter';

export const qwen = defineSite({
  id: 'qwen',
  // Qwen Chat's default model (our pick, 2026-11).
  defaultModel: 'alibaba/qwen3.8-max',
  conversationLink: (id) => `https://chat.qwen.ai/c/${id}`,
  conversationUrl: [/^\/c\/([0-9a-f-]{36})/],
  composer: ['textarea.message-input-textarea', '#chat-input', 'textarea'],
  send: ['button.send-button', 'button.omni-button-content-btn', 'div.message-input-right-button-send button'],
  // Qwen keeps a stop-like control around; the stop button plus text stability decide.
  stop: ['button.stop-button'],
  transcript: ['#chat-message-container', '#chat-messages-scroll-container'],
  generations: [
    {
      // #qwen-chat-message-user-<uuid> / #qwen-chat-message-assistant-<uuid>; the thinking and tool
      // status cards above an answer ("Thought completed", 2026-05-21) are not its text.
      seen: '2026-02-09, 2026-05-21 (real page), 2026-08-11',
      user: '.qwen-chat-message-user',
      assistant: '.qwen-chat-message-assistant',
      userText: '.user-message-content, .user-message-text-content',
      exclude: '.qwen-chat-package-comp-new-action-control-icons, .qwen-chat-tool-status-card, [class*="qwen-chat-thinking"]',
      idFrom: [{ attribute: 'id', closest: '.qwen-chat-message-user[id], .qwen-chat-message-assistant[id]' }],
    },
    {
      seen: '2025 (legacy)',
      user: '.chat-user',
      assistant: '.chat-response-message',
    },
  ],
  streaming: [],
  modelLabelRequired: true,
  modelLabel: [
    { selector: '.header-left .ant-dropdown-trigger [class*="model-name-text"]' }, // 2026-08
    { selector: '.header-left [class*="model-selector-text"]' }, // "Qwen3.6-Plus", 2026-05-21
    { selector: '.header-left .ant-dropdown-trigger' },
  ],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
