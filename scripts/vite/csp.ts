// The Content-Security-Policy of the built app: code, workers, data and styles come only from this origin,
// and strings are never run as code (no 'unsafe-eval', no inline scripts). 'wasm-unsafe-eval' lets the page
// and its workers compile WebAssembly (the CPU kernels, a file of this origin) and nothing else: JavaScript
// eval and new Function stay refused. It is put into the built index.html as a meta tag, so it holds on any
// static host, and sent as a header by `vite preview` and by hosts that read a `_headers` file (Netlify,
// Cloudflare Pages; written by headers.ts). The training worker is under it on any host: it starts from a
// blob: URL, which inherits the page's policy, meta tag included. The dev server is left without it: Vite's
// hot reload runs an inline script and a websocket.
import type { Plugin } from 'vite';

const DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  // blob: for the training worker's one-line bootstrap, which inherits this policy (src/training/create-worker.ts).
  'worker-src': "'self' blob:",
  'connect-src': "'self'",
  'img-src': "'self' data: blob:",
  'style-src': "'self'",
  'font-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
};

const serialise = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** For a meta tag, where browsers ignore frame-ancestors. */
export const CSP_META = serialise(DIRECTIVES);

/** For an HTTP header: the same policy, and no framing by other sites. */
export const CSP_HEADER = serialise({ ...DIRECTIVES, 'frame-ancestors': "'none'" });

/** Adds the policy to the built index.html as the first element of <head>, before any script. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'cnn-playground-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}
