// The conditional GAN's packing on the host: the generator reads [z ‖ onehot(digit)], the discriminator
// the image followed by one constant plane per digit (all 1 for the digit asked for, all 0 otherwise).
// A pair is conditional when D reads CONDITION_CLASSES more channels than G makes.
import type { ModelDescription } from '../../model/describe';
import { CONDITION_CLASSES } from '../../network/cgan-presets';
import type { Prng } from '../prng';
import { gaussianNoise } from './common';

/** 0 for a plain GAN, CONDITION_CLASSES for a conditional pair; throws when the shapes fit neither. */
export function conditionClasses(g: ModelDescription, d: ModelDescription): number {
  const [gc, ...gRest] = g.outputShape;
  const [dc, ...dRest] = d.inputShape;
  const extra = dc - gc;
  const sameImage = gRest.join('×') === dRest.join('×');
  if (sameImage && extra === 0) return 0;
  if (sameImage && extra === CONDITION_CLASSES) {
    if (g.inputShape.length !== 1 || g.inputShape[0] <= CONDITION_CLASSES) {
      throw new Error(
        `a conditional generator reads noise then ${CONDITION_CLASSES} one-hot digit values, its input is [${g.inputShape.join('×')}]`,
      );
    }
    return CONDITION_CLASSES;
  }
  throw new Error(
    `the generator makes [${g.outputShape.join('×')}] but the discriminator reads [${d.inputShape.join('×')}] (the same, or with ${CONDITION_CLASSES} digit planes more for a conditional GAN)`,
  );
}

/** The digit each row of generator inputs asks for: the largest of its last `classes` values. */
export function digitsOf(z: Float32Array, width: number, classes: number, out: Uint32Array): void {
  const rows = z.length / width;
  for (let r = 0; r < rows; r++) {
    const from = r * width + width - classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (z[from + c] > z[from + best]) best = c;
    out[r] = best;
  }
}

/** Generator inputs [noise row ‖ onehot(digits[row])] for `digits.length` rows of `noiseLen` values. */
export function withDigits(noise: Float32Array, noiseLen: number, digits: ArrayLike<number>): Float32Array {
  const width = noiseLen + CONDITION_CLASSES;
  const out = new Float32Array(digits.length * width);
  for (let r = 0; r < digits.length; r++) {
    out.set(noise.subarray(r * noiseLen, (r + 1) * noiseLen), r * width);
    out[r * width + noiseLen + digits[r]] = 1;
  }
  return out;
}

/** The conditional sample grid's generator inputs: one row per digit, column c from noise vector c of
 *  `columns` (so a column is one "handwriting" drawn as every digit). */
export function digitGrid(columns: Float32Array, noiseLen: number, classes: number): Float32Array {
  const count = columns.length / noiseLen;
  const noise = new Float32Array(classes * count * noiseLen);
  for (let i = 0; i < classes * count; i++)
    noise.set(columns.subarray((i % count) * noiseLen, ((i % count) + 1) * noiseLen), i * noiseLen);
  return withDigits(
    noise,
    noiseLen,
    Array.from({ length: classes * count }, (_, i) => Math.floor(i / count)),
  );
}

/** A training batch's generator inputs: N(0, I) noise and uniformly drawn digits, from one stream. */
export function conditionalNoise(prng: Prng, rows: number, noiseLen: number): Float32Array {
  const noise = gaussianNoise(prng, rows * noiseLen);
  const digits = Array.from({ length: rows }, () => Math.floor(prng.next() * CONDITION_CLASSES));
  return withDigits(noise, noiseLen, digits);
}

/** out[b] = [images[b], one plane of `planes` values per class, 1 for labels[b]]: D's conditioned input. */
export function packPlanes(
  images: Float32Array,
  labels: ArrayLike<number>,
  batch: number,
  imageSize: number,
  planes: number,
  classes: number,
  out: Float32Array,
): void {
  const row = imageSize + classes * planes;
  for (let b = 0; b < batch; b++) {
    out.set(images.subarray(b * imageSize, (b + 1) * imageSize), b * row);
    out.fill(0, b * row + imageSize, (b + 1) * row);
    const at = b * row + imageSize + labels[b] * planes;
    out.fill(1, at, at + planes);
  }
}

/** The image part of each row of the discriminator's input gradient: the generator's output gradient. */
export function imageGrads(dx: Float32Array, batch: number, imageSize: number, out: Float32Array): void {
  const row = dx.length / batch;
  for (let b = 0; b < batch; b++) out.set(dx.subarray(b * row, b * row + imageSize), b * imageSize);
}
