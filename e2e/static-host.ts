// A plain static host for e2e specs: serves dist/ as many hosts do, with no Content-Security-Policy header
// (only the built page's meta tag) and .gz files as bytes without Content-Encoding. A spec can answer chosen
// paths itself (a truncated file, a single-page-app fallback page) and later stop, as a fixed server would.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface Answer {
  status: number;
  body: Buffer | string;
  type: string;
}

export interface StaticHost {
  url: string;
  /** Paths asked for, in order (without the query). */
  requested: string[];
  /** Answers `pathname` with `answer` until cleared; null clears it. */
  override(pathname: string, answer: Answer | null): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.gz': 'application/gzip',
  '.wgsl': 'text/plain',
};

export async function startStaticHost(root = path.resolve('dist')): Promise<StaticHost> {
  const overrides = new Map<string, Answer>();
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    requested.push(pathname);
    const send = ({ status, body, type }: Answer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
      response.end(body);
    };
    const override = overrides.get(pathname);
    if (override) return send(override);
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root)) return send({ status: 403, body: 'forbidden', type: 'text/plain' });
    readFile(file).then(
      (body) => send({ status: 200, body, type: TYPES[path.extname(file)] ?? 'application/octet-stream' }),
      () => send({ status: 404, body: 'not found', type: 'text/plain' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    override: (pathname, answer) => (answer ? overrides.set(pathname, answer) : overrides.delete(pathname)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
