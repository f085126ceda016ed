/**
 * Which conversation the page shows, from its address (worked out once per address), and the
 * tokenizer the counts were made with: either changing means cached counts no longer apply. A chat
 * the address never names (a temporary one) is keyed by the page's own id.
 */
import type { SiteAdapter } from '../sites/adapter';

export class ConversationWatch {
  /** The conversation the address names, or null (a new chat, a temporary one). */
  id: string | null;
  private href = '';
  private hrefId: string | null = null;
  private tokenizer = '';

  constructor(
    private readonly adapter: Pick<SiteAdapter, 'conversationId'>,
    href: string,
    /** This page's own id, for a conversation the address never names. */
    readonly pageId: string,
  ) {
    this.id = adapter.conversationId(href);
  }

  /** The conversation's id, or the page's own. */
  get key(): string {
    return this.id ?? this.pageId;
  }

  /**
   * Reads the address; returns true when the page moved to another conversation. A new chat that
   * gets its id after the first send is the same conversation.
   */
  read(href: string): boolean {
    if (href !== this.href) {
      this.href = href;
      this.hrefId = this.adapter.conversationId(href);
    }
    if (this.hrefId === this.id) return false;
    const moved = this.id !== null;
    this.id = this.hrefId;
    return moved;
  }

  /** Notes the tokenizer of the current model; returns true when it differs from the last one. */
  tokenizerChanged(tokenizer: string): boolean {
    if (tokenizer === this.tokenizer) return false;
    this.tokenizer = tokenizer;
    return true;
  }
}
