// A small static server on 127.0.0.1 (no other network): the bench page from bench/dist at /, the built
// app from dist/ at /app/, and the prepared datasets from public/data at /data/. The bench page is
// cross-origin isolated (COOP/COEP) so TF.js's wasm backend may use threads.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.gz': 'application/gzip',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under one of `mounts` ({prefix, dir, isolated}); null when outside them. */
function resolve(mounts, urlPath) {
  const mount = mounts.find((m) => urlPath === m.prefix.slice(0, -1) || urlPath.startsWith(m.prefix));
  if (!mount) return null;
  let rest = decodeURIComponent(urlPath.slice(mount.prefix.length));
  if (rest === '' || rest.endsWith('/')) rest += 'index.html';
  const file = normalize(join(mount.dir, rest));
  if (!file.startsWith(normalize(mount.dir) + sep)) return null;
  return { file, mount };
}

/** Starts the server on a free port; resolves with its origin and a close function. */
export async function startServer(mounts) {
  // Longest prefix first, so /app/ and /data/ win over /.
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const hit = resolve(sorted, urlPath);
    const info = hit && (await stat(hit.file).catch(() => null));
    if (!hit || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[extname(hit.file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-store',
    };
    if (hit.mount.isolated) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
      headers['cross-origin-resource-policy'] = 'same-origin';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(hit.file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
