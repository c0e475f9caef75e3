import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pwa } from './scripts/vite/pwa.ts';
import { contentSecurityPolicy } from './scripts/vite/csp.ts';
import { APP_HEADERS, headersFile, ISOLATION_HEADERS } from './scripts/vite/headers.ts';
import { preloadPageChunks } from './scripts/vite/preload.ts';

// `base: './'` keeps every asset URL relative, so the bundle works from any static host or sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), pwa(), contentSecurityPolicy(), headersFile(), preloadPageChunks()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { fs: { allow: ['.'] }, headers: ISOLATION_HEADERS },
  preview: { headers: APP_HEADERS },
});
