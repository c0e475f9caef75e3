// MNIST for the bench page: loaded once per page from the prepared files (public/data, served at /data),
// as the app loads it, and handed to both sides in the forms they train from.
import { loadDataset, type Dataset } from '../src/data';
import type { HostDataset } from '../src/training/backend';
import { NORMALISATION } from '../src/training/normalisation';
import { permutation, Prng } from '../src/training/prng';

export const DATA_URL = '/data';
export const PIXELS = 28 * 28;

let mnist: Promise<Dataset> | null = null;

export function loadMnist(): Promise<Dataset> {
  mnist ??= loadDataset('mnist', DATA_URL);
  return mnist;
}

/** The dataset as the training runtime holds it on the host: every record complete. */
export function hostDataset(d: Dataset): HostDataset {
  const split = (s: Dataset['train']) => ({
    images: s.images,
    labels: s.labels,
    capacity: s.count,
    available: s.count,
  });
  return { pixels: PIXELS, train: split(d.train), test: split(d.test) };
}

/** Images [first, first + count) as normalised floats, exactly as our GPU gather normalises them. */
export function normalisedImages(images: Uint8Array, first: number, count: number): Float32Array {
  const out = new Float32Array(count * PIXELS);
  const { mean, std } = NORMALISATION;
  const src = images.subarray(first * PIXELS, (first + count) * PIXELS);
  for (let i = 0; i < src.length; i++) out[i] = (src[i] / 255 - mean) / std;
  return out;
}

/** A seeded shuffle of [0, n): both sides train on the same batches in the same order. */
export function sampleOrder(n: number, seed: number): Uint32Array {
  return permutation(n, new Prng(seed));
}
