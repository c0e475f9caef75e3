// The installable, offline-capable app (vite-plugin-pwa, Workbox generateSW). After one visit the app shell
// and MNIST are in the precache, so the page, its worker and the default dataset load with the network off.
// The manifest's icons are precached by the plugin itself. Fashion-MNIST (31 MB) is cached the first time it is used rather than downloaded on every first visit.
import { VitePWA } from 'vite-plugin-pwa';

// MNIST's training images are 9.8 MB of gzip; Workbox skips files above 2 MiB unless told otherwise.
const LARGEST_PRECACHED_FILE = 16 * 1024 * 1024;

export const THEME_COLOR = '#1f2937';

export function pwa() {
  return VitePWA({
    registerType: 'autoUpdate',
    // A same-origin script file, not an inline snippet: the Content-Security-Policy forbids inline scripts.
    injectRegister: 'script',
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
    workbox: {
      // wasm: the CPU kernels, so the fallback backend works offline too.
      globPatterns: ['**/*.{js,css,html,webmanifest,wasm}', 'data/manifest.json', 'data/mnist/*.gz'],
      maximumFileSizeToCacheInBytes: LARGEST_PRECACHED_FILE,
      // The new worker takes over at once, so the first visit is already controlled and cached.
      clientsClaim: true,
      skipWaiting: true,
      cleanupOutdatedCaches: true,
      navigateFallback: 'index.html',
      runtimeCaching: [
        {
          urlPattern: ({ sameOrigin, url }) =>
            sameOrigin && /\/data\/fashion-mnist\/[^/]+\.gz$/.test(url.pathname),
          handler: 'CacheFirst',
          options: { cacheName: 'datasets', cacheableResponse: { statuses: [200] } },
        },
      ],
    },
  });
}
