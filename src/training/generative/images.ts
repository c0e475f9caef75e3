// Image helpers of the generative previews and answers: the generator's images for any amount of noise,
// test images as floats, generator outputs as pixels.
import type { HostDataset } from '../backend';
import type { BuiltGan } from './build';

/** The generator's images for any number of noise vectors, a batch at a time. */
export async function generateAll(gan: BuiltGan, noise: Float32Array): Promise<Float32Array> {
  const n = gan.latentDim;
  const count = noise.length / n;
  const out = new Float32Array(count * 784);
  for (let start = 0; start < count; start += gan.engine.batch) {
    const rows = Math.min(gan.engine.batch, count - start);
    const images = await gan.engine.generate(noise.subarray(start * n, (start + rows) * n), rows);
    out.set(images, start * 784);
  }
  return out;
}

/** The first `count` test images as floats in [0, 1]. */
export function testImages(data: HostDataset, count: number): Float32Array {
  return Float32Array.from(data.test.images.subarray(0, count * data.pixels), (v) => v / 255);
}

/** Generator outputs in [-1, 1] to pixels in [0, 1]. */
export function toUnit(images: Float32Array): Float32Array {
  return images.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)));
}
