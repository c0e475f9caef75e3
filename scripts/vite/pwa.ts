// The installable, offline-capable app (vite-plugin-pwa). The service worker is our own,
// src/sw/sw.ts, into which the plugin injects the app shell's file list (injectManifest): the
// shell is cached per build, and the dataset files are cached only once they match the SHA-256 in
// data/manifest.json, and checked again before each use (src/sw/data-cache.ts). After one visit the page,
// its worker and MNIST load with the network off; Fashion-MNIST (31 MB) is cached the first time it is used.
import { VitePWA } from 'vite-plugin-pwa';

export const THEME_COLOR = '#1f2937';

export function pwa() {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/sw',
    filename: 'sw.ts',
    registerType: 'autoUpdate',
    // The page registers it itself once the first dataset is in (src/ui/shell/register-sw.ts).
    injectRegister: false,
    manifest: {
      name: 'CNN Playground',
      short_name: 'CNN Playground',
      description: 'Build, train and inspect convolutional networks in your browser on WebGPU.',
      theme_color: THEME_COLOR,
      background_color: THEME_COLOR,
      display: 'standalone',
      start_url: './',
      scope: './',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    injectManifest: {
      // The shell only: the dataset files are the service worker's own, checked against their digests.
      // wasm: the CPU kernels, so the fallback backend works offline too; models/: the digit judge and the
      // trained generators (about 6 MB), so scoring and the trained checkpoints work offline as well.
      globPatterns: ['**/*.{js,css,html,webmanifest,png,wasm}', 'data/manifest.json', 'models/*.safetensors'],
      // Workbox leaves out files over 2 MiB; the DCGAN's discriminator checkpoint is 3.4 MB.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      globIgnores: ['sw.js'],
    },
  });
}
