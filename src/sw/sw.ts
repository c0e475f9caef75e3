// The service worker (built by vite-plugin-pwa's injectManifest from this file): the app shell in a cache
// named for this build, and the dataset files in a cache of their own, each checked against the data
// manifest's SHA-256 before it is kept and before it is used (data-cache.ts). MNIST is fetched at install
// so the app works offline after one visit; Fashion-MNIST is kept the first time it is used.
import type { DataManifest } from '../data/catalog';
import { VerifiedDataCache } from './data-cache';

interface PrecacheEntry {
  url: string;
  revision: string | null;
}

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

const SHELL_FILES = self.__WB_MANIFEST;
const scope = self.registration.scope;
/** One cache per build: a new build installs beside the old one and the old is deleted on activation. */
const SHELL_CACHE = `cnn-playground-shell-${fnv1a(JSON.stringify(SHELL_FILES))}`;
const DATA_CACHE = 'cnn-playground-data';
const INDEX = new URL('index.html', scope).href;
const MANIFEST = new URL('data/manifest.json', scope).href;
// A set: the plugin lists the web manifest's icons beside the globbed files, and Cache.addAll refuses repeats.
const shellUrls = new Set(SHELL_FILES.map((entry) => new URL(entry.url, scope).href));

const data = new VerifiedDataCache({
  base: new URL('data/', scope).href,
  cache: () => caches.open(DATA_CACHE),
  fetch: (url, init) => fetch(url, init),
  manifest: readManifest,
});

/** The data manifest as this build shipped it (from the shell cache, else the network). */
async function readManifest(): Promise<DataManifest> {
  const response = (await (await caches.open(SHELL_CACHE)).match(MANIFEST)) ?? (await fetch(MANIFEST));
  return (await response.json()) as DataManifest;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      await shell.addAll([...shellUrls].map((url) => new Request(url, { cache: 'reload' })));
      const mnist = (await readManifest()).datasets.find((d) => d.id === 'mnist');
      await data.precache(Object.values(mnist?.files ?? {}).map((f) => new URL(f.path, data.base).href));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Older shells, and any cache an older version kept (Workbox's precache among them).
      for (const name of await caches.keys())
        if (name !== SHELL_CACHE && name !== DATA_CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const href = url.origin + url.pathname;
  if (href.startsWith(data.base) && href.endsWith('.gz')) {
    // Both at once, while the event is live: the page's answer, and the time to verify and cache a copy.
    const answer = data.respond(href, request.signal);
    event.respondWith(answer.then((a) => a.response));
    event.waitUntil(answer.then((a) => a.caching).catch(() => undefined));
  } else if (request.mode === 'navigate' || shellUrls.has(href)) {
    event.respondWith(fromShell(request.mode === 'navigate' ? INDEX : href, request));
  }
});

async function fromShell(key: string, request: Request): Promise<Response> {
  return (await (await caches.open(SHELL_CACHE)).match(key)) ?? fetch(request);
}

/** A short stable hash of a string (FNV-1a, 32 bits) for the cache name. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
