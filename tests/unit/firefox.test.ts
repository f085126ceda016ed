// The Firefox-specific paths: counting in the background page (no offscreen documents), the
// Firefox manifest, and senders as Firefox describes them (moz-extension origins, no `origin`).
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import config from '../../wxt.config';
import { createCountingHost } from '@/lib/counting/hosts';
import { OffscreenCountingHost } from '@/lib/counting/offscreen-host';
import { classifySender } from '@/lib/messaging/router';
import type { CountRequest } from '@/lib/tokens/counting-service';

class AnsweringWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(request: CountRequest) {
    queueMicrotask(() => this.onmessage?.({ data: { id: request.id, status: 'ok', encoding: request.encoding, tokens: 2, byCategory: { prose: 2, code: 0, cjk: 0 } } } as MessageEvent));
  }
  terminate() {}
}

type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Record<string, unknown>;
const manifestFor = (browser: string) => (config.manifest as ManifestFn)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });

beforeEach(() => fakeBrowser.reset());

describe('Firefox', () => {
  it('counts in the background page with its own worker, never asking for an offscreen document', async () => {
    const getContexts = vi.fn();
    Object.assign(fakeBrowser.runtime, { getContexts });
    const spawn = vi.fn(() => new AnsweringWorker() as unknown as Worker);
    const host = createCountingHost('firefox', spawn);
    expect(host).not.toBeInstanceOf(OffscreenCountingHost);
    await expect(host.count({ kind: 'count', session: 'draft-1', text: 'hi there', encoding: 'o200k_base' })).resolves.toMatchObject({ status: 'ok', tokens: 2 });
    await host.count({ kind: 'count', session: null, text: 'again', encoding: 'cl100k_base' });
    expect(spawn).toHaveBeenCalledOnce();
    expect(getContexts).not.toHaveBeenCalled();
  });

  it('keeps the offscreen document on Chrome', () => {
    expect(createCountingHost('chrome')).toBeInstanceOf(OffscreenCountingHost);
  });

  it('asks Firefox for no offscreen permission, and names its add-on id and minimum versions', () => {
    const firefox = manifestFor('firefox');
    expect(firefox.permissions).toEqual(['storage', 'alarms', 'notifications']);
    expect(firefox.browser_specific_settings).toEqual({
      gecko: { id: 'spendmeter@spendmeter.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
    expect(manifestFor('chrome').permissions).toEqual(['storage', 'alarms', 'notifications', 'offscreen']);
    expect(manifestFor('chrome').browser_specific_settings).toBeUndefined();
  });

  it('tells its own pages from content scripts by moz-extension origin', () => {
    const deps = { extensionId: 'spendmeter@spendmeter.dev', extensionOrigin: 'moz-extension://0c6f2a44-1d1e-4bb8-9d55-0f6a5b7c1e2d' };
    const optionsInTab = { id: deps.extensionId, url: `${deps.extensionOrigin}/options.html`, tab: { id: 4, url: `${deps.extensionOrigin}/options.html` } };
    const popup = { id: deps.extensionId, url: `${deps.extensionOrigin}/popup.html` };
    const contentScript = { id: deps.extensionId, url: 'https://claude.ai/chat/1', tab: { id: 5, url: 'https://claude.ai/chat/1' } };
    const lookAlike = { id: deps.extensionId, url: 'moz-extension://another-uuid/options.html' };
    expect([optionsInTab, popup, contentScript, lookAlike].map((s) => classifySender(s as never, deps))).toEqual(['extension-page', 'extension-page', 'content-script', 'untrusted']);
  });
});
