// The usage reader, injected into the chat page's own world at document_start by the content
// script (lib/usage/bridge.ts). It takes the page's token from its own script element and starts
// observing; the work is in lib/usage/reader.ts.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startUsageReader } from '@/lib/usage/reader';
import { TOKEN_ATTRIBUTE } from '@/lib/usage/wire';

export default defineUnlistedScript(() => {
  try {
    const script = document.currentScript;
    const token = script?.getAttribute(TOKEN_ATTRIBUTE);
    script?.removeAttribute(TOKEN_ATTRIBUTE);
    if (token) startUsageReader(window, token);
  } catch {
    // Never throw into the page: without the reader, tracking falls back to what the page shows.
  }
});
