import { defineSite } from './adapter';

export const poe = defineSite({
  id: 'poe',
  // Poe's default bot (our pick, 2026-11); the page normally names the bot.
  defaultModel: 'openai/gpt-5.5',
  conversationLink: (id) => `https://poe.com/chat/${id}`,
  conversationUrl: [/^\/chat\/([A-Za-z0-9]+)/],
  // CSS-module class names carry a hash suffix: match them by prefix.
  composer: ['div[class*="InputContainer_textArea"] > textarea', '[class*="ChatMessageInputContainer_textArea"] textarea', 'textarea[class*="GrowingTextArea"]'],
  send: ['button[data-button-send]', 'button[aria-label="Send message"]'],
  stop: ['button[aria-label="Stop message"]', '[class*="ChatStopMessageButton"]'],
  transcript: ['[class*="ChatMessagesView"]', 'main'],
  generations: [
    {
      // [class*=ChatMessage_chatMessage] with a human or bot bubble; data-complete on finished ones.
      seen: '2026-07-23',
      user: '[class*="ChatMessage_chatMessage"]:has([class*="Message_humanMessageBubble"], [class*="rightSideMessageBubble"])',
      assistant: '[class*="ChatMessage_chatMessage"]:has([class*="Message_botMessageBubble"])',
      userText: '[class*="Message_humanMessageBubble"] [class*="messageTextContainer"], [class*="Message_humanMessageBubble"]',
      assistantText: '[class*="Markdown_markdownContainer"], [class*="messageTextContainer"]',
      idFrom: [{ attribute: 'id', closest: '[id^="message-"]', stripPrefix: 'message-' }, { attribute: 'data-message-id' }],
      streaming: '[data-complete="false"]',
    },
  ],
  streaming: [],
  modelLabel: [{ selector: '[class*="BotHeader_textContainer"] p' }, { selector: '[class*="ChatHeader_botName"]' }],
  // Attachment chips: no public source documents this composer's chips (2026-11), so none are
  // read; the page's own file input, drop or paste is read until the draft is sent.
  attachments: { box: [], generations: [], fileInputs: ['input[type="file"]'], unknown: 'chip markup not documented (2026-11)' },
});
