// Dataset files in the offline cache, each checked against its SHA-256 in data/manifest.json before it is
// cached and again before it is used: a truncated download, or a single-page-app fallback's index.html
// served in its place, is never kept, and a damaged copy already cached is evicted and fetched again. A
// file may match either digest: of the .gz as stored, or of the IDX bytes where the host sent the .gz with
// Content-Encoding: gzip and the browser decoded it.
import type { DataManifest } from '../data/catalog';

export type CacheLike = Pick<Cache, 'match' | 'put' | 'delete'>;

export interface DataCacheDeps {
  cache: () => Promise<CacheLike>;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** The data manifest; it throws (and nothing is cached) when it cannot be read. */
  manifest: () => Promise<DataManifest>;
  /** The data folder's absolute URL, ending in '/'. */
  base: string;
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/** URL -> the digests its bytes may have, from a manifest checked to hold them. */
export function expectedDigests(manifest: unknown, base: string): Map<string, string[]> {
  const datasets = (manifest as Partial<DataManifest> | null)?.datasets;
  if (!Array.isArray(datasets)) throw new Error('the data manifest lists no datasets');
  const digests = new Map<string, string[]>();
  for (const dataset of datasets) {
    for (const file of Object.values(dataset?.files ?? {})) {
      const { path, sha256, rawSha256 } = file ?? {};
      if (typeof path !== 'string' || !HEX_DIGEST.test(sha256) || !HEX_DIGEST.test(rawSha256))
        throw new Error(`the data manifest gives no SHA-256 digests for ${String(path)}`);
      digests.set(new URL(path, base).href, [sha256, rawSha256]);
    }
  }
  return digests;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class VerifiedDataCache {
  private digests: Promise<Map<string, string[]>> | null = null;

  constructor(private readonly deps: DataCacheDeps) {}

  /** The data folder's absolute URL. */
  get base(): string {
    return this.deps.base;
  }

  /** The digests `url` may have; null for a file the manifest does not list (or no readable manifest). */
  async expected(url: string): Promise<string[] | null> {
    this.digests ??= this.deps.manifest().then((m) => expectedDigests(m, this.deps.base));
    try {
      return (await this.digests).get(url) ?? null;
    } catch {
      this.digests = null; // read the manifest again next time
      return null;
    }
  }

  /**
   * The file for the page: the cached copy if it still verifies, else the network's answer, which is
   * passed on as it streams while a copy is verified and cached (`caching` settles when that is done).
   */
  async respond(url: string, signal?: AbortSignal): Promise<{ response: Response; caching: Promise<void> }> {
    const expected = await this.expected(url);
    if (!expected) return { response: await this.deps.fetch(url, { signal }), caching: Promise.resolve() };
    const verified = await this.cached(url, expected).catch(() => null);
    if (verified) return { response: fileResponse(verified), caching: Promise.resolve() };
    // no-cache: the server is asked again, so a Retry after it was fixed never gets the old answer.
    const response = await this.deps.fetch(url, { cache: 'no-cache', signal });
    if (!response.ok) return { response, caching: Promise.resolve() };
    const copy = response.clone();
    const caching = this.store(url, copy, expected).catch(() => undefined);
    return { response, caching };
  }

  /** The cached bytes of `url` if they still match; a copy that does not is evicted. */
  private async cached(url: string, expected: string[]): Promise<Uint8Array<ArrayBuffer> | null> {
    const cache = await this.deps.cache();
    const cached = await cache.match(url);
    if (!cached) return null;
    const bytes = new Uint8Array(await cached.arrayBuffer());
    if (expected.includes(await sha256Hex(bytes))) return bytes;
    await cache.delete(url);
    return null;
  }

  /** Fetches, verifies and caches `urls` (install time); a file that fails is left for its first use. */
  async precache(urls: readonly string[]): Promise<void> {
    await Promise.all(
      urls.map(async (url) => {
        const expected = await this.expected(url);
        if (!expected) return;
        const response = await this.deps.fetch(url, { cache: 'no-cache' }).catch(() => null);
        if (response?.ok) await this.store(url, response, expected).catch(() => undefined);
      }),
    );
  }

  private async store(url: string, response: Response, expected: string[]): Promise<void> {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (expected.includes(await sha256Hex(bytes)))
      await (await this.deps.cache()).put(url, fileResponse(bytes));
  }
}

/** The verified bytes as a response; no Content-Encoding, since they are the bytes the page is to read. */
function fileResponse(bytes: Uint8Array<ArrayBuffer>): Response {
  return new Response(bytes, {
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
  });
}
