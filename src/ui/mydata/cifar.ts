// CIFAR-10's binary version (data_batch_1.bin … test_batch.bin, as the user downloaded it): records of
// 3073 bytes, a label 0..9 then 32×32 red, green and blue planes. Each image becomes an example of the
// dataset's shape (colour planes kept or reduced to luminance, then an area-weighted resize), in its class
// by CIFAR-10's own names.
import { tr } from '../../i18n';
import { convertImage, GREY_28, type ImageShape } from './image-shape';

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
const CIFAR_SHAPE: ImageShape = [3, 32, 32];
export const CIFAR10_RECORD = 1 + 3 * 32 * 32;

/** True for a file that has CIFAR-10's binary layout by name and size. */
export function looksLikeCifar10(name: string, size: number): boolean {
  return /\.bin$/i.test(name) && size > 0 && size % CIFAR10_RECORD === 0;
}

/** The examples of a CIFAR-10 binary file per class name, or a message saying what is wrong with it. */
export function readCifar10(
  bytes: Uint8Array,
  name: string,
  shape: ImageShape = GREY_28,
): Map<string, Uint8Array[]> | string {
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD !== 0)
    return tr('ui:cifar.isNotInCifar', { name, CIFAR10_RECORD });
  const out = new Map<string, Uint8Array[]>(CIFAR10_CLASSES.map((c) => [c, []]));
  for (let r = 0; r < bytes.length / CIFAR10_RECORD; r++) {
    const at = r * CIFAR10_RECORD;
    const label = bytes[at];
    if (label >= CIFAR10_CLASSES.length) return tr('ui:cifar.imageHasLabelCifar', { name, r: r + 1, label });
    const rgb = bytes.subarray(at + 1, at + CIFAR10_RECORD);
    out.get(CIFAR10_CLASSES[label])!.push(convertImage(rgb, CIFAR_SHAPE, shape).slice());
  }
  return out;
}
