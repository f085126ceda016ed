/**
 * Chrome: the counting worker lives in an offscreen document (reason WORKERS), because a content
 * script cannot start an extension worker and a service worker cannot start a dedicated worker.
 * The background creates the document on demand, reuses it, and recreates it when it is gone.
 */
import { browser, type Browser } from 'wxt/browser';
import type { CountMessage, OffscreenCountMessage } from '../messaging/protocol';
import type { CountingHost } from '../messaging/router';
import type { CountAnswer } from '../tokens/counting-service';

const OFFSCREEN_PATH = '/offscreen.html';

export class OffscreenCountingHost implements CountingHost {
  private ensuring: Promise<void> | undefined;
  /** Documents created (health and tests). */
  created = 0;
  /**
   * The document was there at the last request: the next one goes straight to it, with no
   * `getContexts` round trip first. A request that finds no receiver clears it.
   */
  private present = false;

  async count(request: CountMessage): Promise<CountAnswer> {
    if (!request.profile) return this.countOnce(request);
    const start = performance.now();
    const answer = await this.countOnce(request);
    return { ...answer, took: { ...answer.took, background: performance.now() - start } };
  }

  private async countOnce(request: CountMessage): Promise<CountAnswer> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.ensureDocument();
        const reply = (await browser.runtime.sendMessage({ target: 'offscreen', request } satisfies OffscreenCountMessage)) as
          | CountAnswer
          | undefined;
        if (reply) return reply;
      } catch (err) {
        if (attempt === 1) return { status: 'error', message: `the counter is not available: ${String(err)}` };
      }
      // No receiver: the document was closed under us. Close what is left and create it anew.
      await this.closeDocument();
    }
    return { status: 'error', message: 'the counter is not available' };
  }

  private async hasDocument(): Promise<boolean> {
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
      documentUrls: [browser.runtime.getURL(OFFSCREEN_PATH)],
    });
    return contexts.length > 0;
  }

  /**
   * One check-and-create at a time: concurrent requests share it, so a request that asks while the
   * document is being created never tries to create a second one (Chrome allows one per extension).
   */
  private ensureDocument(): Promise<void> {
    if (this.present) return Promise.resolve();
    this.ensuring ??= (async () => {
      if (await this.hasDocument()) {
        this.present = true;
        return;
      }
      try {
        await browser.offscreen.createDocument({
          url: OFFSCREEN_PATH,
          reasons: ['WORKERS' as Browser.offscreen.Reason],
          justification: 'Counts tokens of chat drafts in a Web Worker, off every page\'s main thread.',
        });
        this.created++;
        this.present = true;
      } catch (err) {
        // Created meanwhile by an earlier background instance: use it.
        if (!(await this.hasDocument())) throw err;
        this.present = true;
      }
    })().finally(() => (this.ensuring = undefined));
    return this.ensuring;
  }

  private async closeDocument(): Promise<void> {
    this.present = false;
    try {
      if (await this.hasDocument()) await browser.offscreen.closeDocument();
    } catch {
      // already gone
    }
  }
}
