// The app's HTTP headers on every server that serves it, from one place:
// - cross-origin isolation (COOP same-origin, COEP require-corp), which lets pages and workers share memory
//   (SharedArrayBuffer), so the WebAssembly CPU backend can train on several threads. Everything the app
//   loads is same-origin, so require-corp costs nothing; without these headers the backend runs single-threaded.
// - the Content-Security-Policy (csp.ts), on `vite preview` and in `_headers`.
// The dev server sends the isolation headers only (see csp.ts for why it has no policy). `_headers` is read
// by static hosts such as Netlify and Cloudflare Pages; hosts that cannot set headers (GitHub Pages) serve
// the app without isolation, single-threaded.
import type { Plugin } from 'vite';
import { CSP_HEADER } from './csp.ts';

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export const APP_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP_HEADER,
  ...ISOLATION_HEADERS,
};

/** `_headers` for every path, in Netlify's and Cloudflare Pages' format. */
export function headersFileText(): string {
  const lines = Object.entries(APP_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return `/*\n${lines.join('\n')}\n`;
}

/** Writes `_headers` into the build. */
export function headersFile(): Plugin {
  return {
    name: 'cnn-playground-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFileText() });
    },
  };
}
