import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The benchmark page: its own root and output, apart from the app's build. scripts/bench.mjs serves
// bench/dist and the prepared datasets (public/data) from one localhost server.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  // Module workers, as the app builds them (the wasm ops' helper threads).
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // TF.js is large; the bench page is never shipped, so the size warning is noise.
    chunkSizeWarningLimit: 8000,
  },
});
