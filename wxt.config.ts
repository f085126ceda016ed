import { defineConfig } from 'wxt';

// Build configuration only: the manifest's permissions are the minimum the code uses, and each one is
// justified in PRIVACY.md. Content scripts declare their own `matches` from lib/sites.
export default defineConfig({
  manifest: {
    name: 'Spendmeter',
    description: 'What your AI chats cost at API prices: live while you type, and in a local ledger.',
    permissions: ['storage', 'offscreen'],
    action: { default_title: 'Spendmeter' },
  },
  // Preact without @preact/preset-vite (it pulls a second Vite): esbuild's automatic JSX runtime.
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
