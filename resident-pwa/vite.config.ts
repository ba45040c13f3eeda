import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { drawIcon, ICON_SIZES } from './icons.ts';

const BASE = '/resident/';

/** Emits the icons into the build, where the service worker's precache finds them. */
function icons(): Plugin {
  return {
    name: 'resident-icons',
    apply: 'build',
    generateBundle() {
      for (const size of ICON_SIZES) {
        this.emitFile({ type: 'asset', fileName: `icon-${size}.png`, source: drawIcon(size) });
      }
      this.emitFile({ type: 'asset', fileName: 'apple-touch-icon.png', source: drawIcon(180) });
    },
  };
}

// Served by the API under /resident/; shared/ and the QR encoder are bundled in and precached:
// after the first visit the app opens with no network (showing the last balance), and nothing
// is ever fetched from a CDN.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: BASE,
  plugins: [
    preact(),
    icons(),
    VitePWA({
      strategies: 'generateSW',
      // main.tsx registers the worker itself.
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        id: BASE,
        name: '文明积分',
        short_name: '文明积分',
        description: '查看积分，出示积分码在联盟商户抵扣消费',
        lang: 'zh-CN',
        start_url: BASE,
        scope: BASE,
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f6f4ef',
        theme_color: '#c41e1e',
        icons: [
          ...ICON_SIZES.map((size) => ({
            src: `icon-${size}.png`,
            sizes: `${size}x${size}`,
            type: 'image/png',
          })),
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        navigateFallback: `${BASE}index.html`,
        // The API lives beside the app: never answer /v1 or the JWKS from the cache.
        navigateFallbackDenylist: [/^\/v1\//, /^\/\.well-known\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
