import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Served by the API under /resident/; shared/ is bundled in, nothing is fetched from a CDN.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/resident/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
