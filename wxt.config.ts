import { defineConfig } from 'wxt';

// Build configuration only: the manifest's permissions are the minimum the code uses. Chrome hosts
// the counting worker in an offscreen document; Firefox (no offscreen documents) in its background.
export default defineConfig({
  manifestVersion: 3,
  // Every module imports what it uses; WXT's auto-import scan also misreads JSX text in components.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Spendmeter',
    description: 'What your AI chats cost at API prices: live while you type, and in a local ledger.',
    permissions: browser === 'firefox' ? ['storage', 'alarms', 'notifications'] : ['storage', 'alarms', 'notifications', 'offscreen'],
    action: { default_title: 'Spendmeter' },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'spendmeter@spendmeter.dev', data_collection_permissions: { required: ['none'] } } } } : {}),
  }),
  vite: () => ({
    // Preact without @preact/preset-vite (it pulls a second Vite): esbuild's automatic JSX runtime.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // An ES-module worker keeps each rank file a separate chunk, fetched the first time an
    // encoding is needed (an IIFE worker would inline both).
    worker: { format: 'es' as const },
  }),
});
