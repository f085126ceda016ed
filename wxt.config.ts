import { defineConfig } from 'wxt';
import { USAGE_READER_MATCHES } from './lib/usage/sites';
import { noDynamicCode } from './scripts/vite-no-dynamic-code';

// Build configuration only: the manifest's permissions are the minimum the code uses. Chrome hosts
// the counting worker in an offscreen document; Firefox (no offscreen documents) in its background.
/**
 * The oldest Firefox with every API and manifest key the code uses: MV3 background scripts (109),
 * module workers in the background page (114), `data_collection_permissions` (140).
 */
const FIREFOX_MIN_VERSION = '140.0';
/** Firefox for Android reads `data_collection_permissions` from 142. */
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export default defineConfig({
  manifestVersion: 3,
  // Every module imports what it uses; WXT's auto-import scan also misreads JSX text in components.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Spendmeter',
    description: 'What your AI chats cost at API prices: live while you type, and in a local ledger.',
    permissions: browser === 'firefox' ? ['storage', 'alarms', 'notifications'] : ['storage', 'alarms', 'notifications', 'offscreen'],
    action: { default_title: 'Spendmeter' },
    // The usage reader is injected into the chat page's own world as a script element (lib/usage).
    web_accessible_resources: [{ resources: ['usage-reader.js'], matches: USAGE_READER_MATCHES }],
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'spendmeter@spendmeter.dev', strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } }, gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION } } } : {}),
  }),
  // `npm run zip`: store packages for Chrome and Firefox, and the sources archive Firefox's review
  // asks for (build with `npm ci && npm run build:firefox`).
  zip: { excludeSources: ['artifacts/**', 'scratch/**', 'docs/screenshots/**', 'bench/corpora/**'] },
  vite: () => ({
    plugins: [noDynamicCode()],
    // Preact without @preact/preset-vite (it pulls a second Vite): esbuild's automatic JSX runtime.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // An ES-module worker keeps each rank file a separate chunk, fetched the first time an
    // encoding is needed (an IIFE worker would inline both).
    worker: { format: 'es' as const },
  }),
});
