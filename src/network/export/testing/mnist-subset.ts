// Test-only: the first images of MNIST as IDX files, cut from the app's own public/data/mnist (written by
// npm run prepare-data), for train.py and model.py to read as a student's downloaded files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const SOURCE = fileURLToPath(new URL('../../../../public/data/mnist/', import.meta.url));
const STEMS = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

export interface MnistSubset {
  /** count × 784 pixels, 0..255. */
  images: Uint8Array;
  labels: Uint8Array;
}

/** The first `count` images of a split, and their IDX files (header counts rewritten). */
function cut(split: 'train' | 'test', count: number) {
  return STEMS[split].map((stem, i) => {
    const path = join(SOURCE, `${stem}.gz`);
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm run prepare-data`);
    const whole = gunzipSync(readFileSync(path));
    const header = i === 0 ? 16 : 8;
    const idx = Uint8Array.from(whole.subarray(0, header + count * (i === 0 ? 784 : 1)));
    new DataView(idx.buffer).setUint32(4, count, false);
    return { stem, idx, values: idx.subarray(header) };
  });
}

export function mnistSubset(split: 'train' | 'test', count: number): MnistSubset {
  const [images, labels] = cut(split, count);
  return { images: images.values, labels: labels.values };
}

/**
 * Writes the first `counts` of each split into `folder` as IDX files: image files gzipped and label files
 * plain, so one run covers both, under the standard names or, with `dotted`, as some mirrors name them.
 */
export function writeMnistIdx(
  folder: string,
  counts: { train?: number; test?: number },
  options: { dotted?: boolean } = {},
): void {
  mkdirSync(folder, { recursive: true });
  for (const split of ['train', 'test'] as const) {
    const count = counts[split];
    if (count === undefined) continue;
    for (const { stem, idx } of cut(split, count)) {
      const name = options.dotted ? stem.replace('-idx', '.idx') : stem;
      if (stem.includes('images')) writeFileSync(join(folder, `${name}.gz`), gzipSync(idx));
      else writeFileSync(join(folder, name), idx);
    }
  }
}
