/**
 * Where the counting worker lives, per browser. Chrome's service worker cannot start a dedicated
 * worker, so an offscreen document owns it; Firefox has no offscreen documents, but its background
 * is an event page that can start the worker itself.
 */
import type { CountingHost } from '../messaging/router';
import { OffscreenCountingHost } from './offscreen-host';
import { spawnCountWorker, WorkerHost } from './worker-host';

export type BrowserFamily = 'chrome' | 'firefox';

export function createCountingHost(family: BrowserFamily, spawn: () => Worker = spawnCountWorker): CountingHost {
  if (family === 'chrome') return new OffscreenCountingHost();
  const host = new WorkerHost(spawn);
  return { count: ({ session, text, edit, version, encoding, profile, ahead }) => host.count({ session, text, edit, version, encoding, profile, ahead }) };
}
