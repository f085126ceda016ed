// Which conversation the address names: a new chat that gets its id is the same conversation, any
// other change is another one; the key (the page's own id while the address names none); the
// tokenizer change that makes cached counts stale.
import { describe, expect, it } from 'vitest';
import { ConversationWatch } from '@/lib/tracker/conversation';

const adapter = { conversationId: (href: string) => /\/c\/(\w+)/.exec(href)?.[1] ?? null };

describe('ConversationWatch', () => {
  it('tells a new chat getting its id from a move to another conversation', () => {
    const watch = new ConversationWatch(adapter, 'https://chatgpt.com/', 'page-1');
    expect(watch.read('https://chatgpt.com/')).toBe(false);
    expect(watch.read('https://chatgpt.com/c/abc')).toBe(false); // the first send named it
    expect(watch.id).toBe('abc');
    expect(watch.read('https://chatgpt.com/c/abc')).toBe(false);
    expect(watch.read('https://chatgpt.com/c/def')).toBe(true);
    expect(watch.read('https://chatgpt.com/')).toBe(true);
    expect(watch.id).toBeNull();
  });

  it("keys a conversation the address never names by the page's own id", () => {
    const watch = new ConversationWatch(adapter, 'https://chatgpt.com/', 'page-1');
    expect(watch.key).toBe('page-1');
    watch.read('https://chatgpt.com/c/abc');
    expect(watch.key).toBe('abc');
    watch.read('https://chatgpt.com/');
    expect(watch.key).toBe('page-1');
  });

  it('notes tokenizer changes', () => {
    const watch = new ConversationWatch(adapter, 'https://chatgpt.com/', 'page-1');
    expect(watch.tokenizerChanged('o200k')).toBe(true);
    expect(watch.tokenizerChanged('o200k')).toBe(false);
    expect(watch.tokenizerChanged('claude')).toBe(true);
  });
});
