// Chrome's offscreen document: owns the counting worker and answers the background's requests.
import { browser } from 'wxt/browser';
import { spawnCountWorker, WorkerHost } from '@/lib/counting/worker-host';
import { serveOffscreenCounting } from '@/lib/counting/offscreen-server';

serveOffscreenCounting(browser, new WorkerHost(spawnCountWorker));
