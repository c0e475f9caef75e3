// A fetch for the bench in Node: the prepared datasets (public/data) answered from disk at /data/..., as
// the app's server answers them, so the trainer streams MNIST exactly as in the page.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/data');

export const fileFetch: typeof fetch = async (input) => {
  const url = new URL(String(input instanceof Request ? input.url : input), 'http://bench.local');
  if (!url.pathname.startsWith('/data/')) return new Response('not found', { status: 404 });
  const file = path.join(DATA_DIR, path.normalize(url.pathname.slice('/data/'.length)));
  if (!file.startsWith(DATA_DIR + path.sep)) return new Response('not found', { status: 404 });
  try {
    return new Response(await readFile(file));
  } catch {
    return new Response('not found', { status: 404 });
  }
};
