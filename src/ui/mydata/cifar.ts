// CIFAR-10's binary version (data_batch_1.bin … test_batch.bin, as the user downloaded it): records of
// 3073 bytes, a label 0..9 then 32×32 red, green and blue planes. Each image becomes a 28×28 grey example
// (luminance, then an area-weighted resize), in its class by CIFAR-10's own names.
import { PIXELS, SIDE } from './myData';

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;
const CIFAR_SIDE = 32;
const PLANE = CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR10_RECORD = 1 + 3 * PLANE;

/** True for a file that has CIFAR-10's binary layout by name and size. */
export function looksLikeCifar10(name: string, size: number): boolean {
  return /\.bin$/i.test(name) && size > 0 && size % CIFAR10_RECORD === 0;
}

/** A grey sw×sh image resized to dw×dh, each output pixel the area-weighted mean of the input it covers. */
export function resizeGrey(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const out = new Float32Array(dw * dh);
  const fx = sw / dw;
  const fy = sh / dh;
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let sy = Math.floor(y * fy); sy < Math.ceil((y + 1) * fy); sy++) {
        const wy = Math.min(sy + 1, (y + 1) * fy) - Math.max(sy, y * fy);
        for (let sx = Math.floor(x * fx); sx < Math.ceil((x + 1) * fx); sx++) {
          const wx = Math.min(sx + 1, (x + 1) * fx) - Math.max(sx, x * fx);
          sum += wx * wy * src[sy * sw + sx];
        }
      }
      out[y * dw + x] = sum / (fx * fy);
    }
  }
  return out;
}

/** The examples of a CIFAR-10 binary file per class name, or a message saying what is wrong with it. */
export function readCifar10(bytes: Uint8Array, name: string): Map<string, Uint8Array[]> | string {
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD !== 0)
    return `${name} is not in CIFAR-10's binary layout (records of ${CIFAR10_RECORD} bytes)`;
  const out = new Map<string, Uint8Array[]>(CIFAR10_CLASSES.map((c) => [c, []]));
  const grey = new Float32Array(PLANE);
  for (let r = 0; r < bytes.length / CIFAR10_RECORD; r++) {
    const at = r * CIFAR10_RECORD;
    const label = bytes[at];
    if (label >= CIFAR10_CLASSES.length)
      return `${name}: image ${r + 1} has label ${label}; CIFAR-10's labels are 0 to 9 (is this CIFAR-100?)`;
    for (let i = 0; i < PLANE; i++)
      grey[i] =
        0.299 * bytes[at + 1 + i] + 0.587 * bytes[at + 1 + PLANE + i] + 0.114 * bytes[at + 1 + 2 * PLANE + i];
    const small = resizeGrey(grey, CIFAR_SIDE, CIFAR_SIDE, SIDE, SIDE);
    const example = Uint8Array.from(small, (v) => Math.round(v));
    if (example.length !== PIXELS) return `${name}: an image did not resize to ${SIDE}×${SIDE}`;
    out.get(CIFAR10_CLASSES[label])!.push(example);
  }
  return out;
}
