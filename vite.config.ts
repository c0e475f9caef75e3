import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pwa } from './scripts/vite/pwa';
import { contentSecurityPolicy, CSP_HEADER } from './scripts/vite/csp';

// `base: './'` keeps every asset URL relative, so the bundle works from any static host or sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), pwa(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { fs: { allow: ['.'] } },
  preview: { headers: { 'Content-Security-Policy': CSP_HEADER } },
});
