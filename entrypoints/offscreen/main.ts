// Chrome's offscreen document: counts in its own thread and answers the background's requests and
// the content scripts' ports (lib/counting/thread-host.ts).
import { browser } from 'wxt/browser';
import { serveOffscreenCounting } from '@/lib/counting/offscreen-server';
import { ThreadCountingHost } from '@/lib/counting/thread-host';
import { loadVocabulary } from '@/lib/counting/vocabularies';

serveOffscreenCounting(browser, new ThreadCountingHost(loadVocabulary));
