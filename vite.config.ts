import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pwa } from './scripts/vite/pwa';

// `base: './'` keeps every asset URL relative, so the bundle works from any static host or sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), pwa()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { fs: { allow: ['.'] } },
});
