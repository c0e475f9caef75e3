// The offline cache's data files, below the service worker: real SHA-256 digests and Responses, an
// in-memory Cache, and a server that answers each URL as a test sets it.
import { describe, expect, it } from 'vitest';
import { gzip, makeIdx } from '../data/testing/fixtures';
import { expectedDigests, sha256Hex, VerifiedDataCache, type CacheLike } from './data-cache';

const BASE = 'https://host/app/data/';
const URL_ = `${BASE}mnist/train-labels-idx1-ubyte.gz`;
const idx = new Uint8Array(makeIdx('labels', { count: 300 }).file);
const gz = new Uint8Array(gzip(idx));

class MemoryCache implements CacheLike {
  readonly entries = new Map<string, Uint8Array>();
  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    const bytes = this.entries.get(String(request));
    return bytes && new Response(bytes.slice());
  }
  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(String(request), new Uint8Array(await response.arrayBuffer()));
  }
  async delete(request: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(String(request));
  }
}

async function setup(served: () => Response, openCache?: () => Promise<CacheLike>) {
  const file = {
    path: 'mnist/train-labels-idx1-ubyte.gz',
    sha256: await sha256Hex(gz),
    rawSha256: await sha256Hex(idx),
  };
  const manifest = { format: 1, datasets: [{ id: 'mnist', files: { trainLabels: file } }] };
  const cache = new MemoryCache();
  const requests: RequestInit[] = [];
  const data = new VerifiedDataCache({
    base: BASE,
    cache: openCache ?? (async () => cache),
    manifest: async () => manifest as never,
    fetch: async (_url, init) => {
      requests.push(init);
      return served();
    },
  });
  /** The page's view of one request: status and bytes, once the copy has been cached (or not). */
  const get = async (url = URL_) => {
    const { response, caching } = await data.respond(url);
    const body = new Uint8Array(await response.arrayBuffer());
    await caching;
    return { status: response.status, body };
  };
  return { data, cache, requests, get };
}

const html = () => new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } });

describe('the verified data cache', () => {
  it('caches a file that matches its digest, as stored or as decoded, and serves it from the cache', async () => {
    for (const bytes of [gz, idx]) {
      const { cache, requests, get } = await setup(() => new Response(bytes.slice()));
      expect(await get()).toEqual({ status: 200, body: bytes });
      expect(cache.entries.get(URL_)).toEqual(bytes);
      expect(await get()).toEqual({ status: 200, body: bytes });
      expect(requests).toHaveLength(1);
      // The server is asked again rather than the HTTP cache.
      expect(requests[0].cache).toBe('no-cache');
    }
  });

  it('passes a truncated file, an HTML fallback page and a 500 on to the page but never caches them', async () => {
    const bad = [
      () => new Response(gz.slice(0, gz.length >> 1)),
      html,
      () => new Response('oops', { status: 500 }),
    ];
    for (const served of bad) {
      const { cache, get } = await setup(served);
      const first = await get();
      expect(first.status).toBe(await served().status);
      expect(cache.entries.size).toBe(0);
    }
  });

  it('refetches after a failure: once the server is fixed, the next request gets and caches the good file', async () => {
    let fixed = false;
    const { cache, get } = await setup(() => (fixed ? new Response(gz.slice()) : html()));
    expect((await get()).body).not.toEqual(gz);
    fixed = true;
    expect((await get()).body).toEqual(gz);
    expect(cache.entries.get(URL_)).toEqual(gz);
  });

  it('checks a cached copy before use: a damaged one is evicted and fetched again', async () => {
    const { cache, requests, get } = await setup(() => new Response(gz.slice()));
    cache.entries.set(URL_, gz.slice(0, 100));
    expect(await get()).toEqual({ status: 200, body: gz });
    expect(requests).toHaveLength(1);
    expect(cache.entries.get(URL_)).toEqual(gz);
  });

  it('serves the network when the cache itself fails (storage cleared, a disk error)', async () => {
    const broken = async () => {
      throw new DOMException('the cache is gone', 'UnknownError');
    };
    const { requests, get } = await setup(() => new Response(gz.slice()), broken);
    expect(await get()).toEqual({ status: 200, body: gz });
    expect(requests).toHaveLength(1);
  });

  it('leaves files the manifest does not list to the network, uncached', async () => {
    const { cache, get } = await setup(() => new Response(gz.slice()));
    const other = `${BASE}mnist/unlisted.gz`;
    expect((await get(other)).body).toEqual(gz);
    expect(cache.entries.size).toBe(0);
  });

  it('precaches what verifies and leaves the rest for its first use', async () => {
    let good = false;
    const { data, cache } = await setup(() => new Response(good ? gz.slice() : gz.slice(0, 10)));
    await data.precache([URL_]);
    expect(cache.entries.size).toBe(0);
    good = true;
    await data.precache([URL_]);
    expect(cache.entries.get(URL_)).toEqual(gz);
  });
});

describe('the manifest digests', () => {
  it('maps each listed file to its two digests, and refuses a manifest without them', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const manifest = {
      datasets: [{ files: { trainLabels: { path: 'mnist/x.gz', sha256: a, rawSha256: b } } }],
    };
    expect(expectedDigests(manifest, BASE)).toEqual(new Map([[`${BASE}mnist/x.gz`, [a, b]]]));
    expect(() =>
      expectedDigests({ datasets: [{ files: { t: { path: 'x.gz', sha256: a } } }] }, BASE),
    ).toThrow('the data manifest gives no SHA-256 digests for x.gz');
    expect(() => expectedDigests('<!doctype html>', BASE)).toThrow('the data manifest lists no datasets');
  });
});
