// CIFAR-10's binary version (data_batch_1.bin … test_batch.bin, as the user downloaded it): records of
// 3073 bytes, a label 0..9 then 32×32 red, green and blue planes; CIFAR-100's (train.bin, test.bin): 3074
// bytes, a coarse label 0..19, a fine label 0..99, then the planes. Each image becomes an example of the
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
/** CIFAR-100's records: a coarse label, a fine label, then the planes. */
export const CIFAR100_RECORD = 2 + 3 * 32 * 32;

/** CIFAR-100's fine labels, in label order (its meta file's fine_label_names). */
export const CIFAR100_CLASSES = [
  'apple',
  'aquarium_fish',
  'baby',
  'bear',
  'beaver',
  'bed',
  'bee',
  'beetle',
  'bicycle',
  'bottle',
  'bowl',
  'boy',
  'bridge',
  'bus',
  'butterfly',
  'camel',
  'can',
  'castle',
  'caterpillar',
  'cattle',
  'chair',
  'chimpanzee',
  'clock',
  'cloud',
  'cockroach',
  'couch',
  'crab',
  'crocodile',
  'cup',
  'dinosaur',
  'dolphin',
  'elephant',
  'flatfish',
  'forest',
  'fox',
  'girl',
  'hamster',
  'house',
  'kangaroo',
  'keyboard',
  'lamp',
  'lawn_mower',
  'leopard',
  'lion',
  'lizard',
  'lobster',
  'man',
  'maple_tree',
  'motorcycle',
  'mountain',
  'mouse',
  'mushroom',
  'oak_tree',
  'orange',
  'orchid',
  'otter',
  'palm_tree',
  'pear',
  'pickup_truck',
  'pine_tree',
  'plain',
  'plate',
  'poppy',
  'porcupine',
  'possum',
  'rabbit',
  'raccoon',
  'ray',
  'road',
  'rocket',
  'rose',
  'sea',
  'seal',
  'shark',
  'shrew',
  'skunk',
  'skyscraper',
  'snail',
  'snake',
  'spider',
  'squirrel',
  'streetcar',
  'sunflower',
  'sweet_pepper',
  'table',
  'tank',
  'telephone',
  'television',
  'tiger',
  'tractor',
  'train',
  'trout',
  'tulip',
  'turtle',
  'wardrobe',
  'whale',
  'willow_tree',
  'wolf',
  'woman',
  'worm',
] as const;

/** CIFAR-100's coarse labels (superclasses), in label order (its meta file's coarse_label_names). */
export const CIFAR100_COARSE_CLASSES = [
  'aquatic_mammals',
  'fish',
  'flowers',
  'food_containers',
  'fruit_and_vegetables',
  'household_electrical_devices',
  'household_furniture',
  'insects',
  'large_carnivores',
  'large_man-made_outdoor_things',
  'large_natural_outdoor_scenes',
  'large_omnivores_and_herbivores',
  'medium_mammals',
  'non-insect_invertebrates',
  'people',
  'reptiles',
  'small_mammals',
  'trees',
  'vehicles_1',
  'vehicles_2',
] as const;

/** Which of CIFAR-100's two labels names an image's class: fine (100 classes) or coarse (20). */
export type Cifar100Labels = 'fine' | 'coarse';

/** True for a file that has CIFAR-10's binary layout by name and size. */
export function looksLikeCifar10(name: string, size: number): boolean {
  return /\.bin$/i.test(name) && size > 0 && size % CIFAR10_RECORD === 0;
}

/** True for CIFAR-100's binary files (train.bin, test.bin) by name and size. */
export function looksLikeCifar100(name: string, size: number): boolean {
  if (!/\.bin$/i.test(name) || size === 0 || size % CIFAR100_RECORD !== 0) return false;
  return /^(train|test)\.bin$/i.test(name) || size % CIFAR10_RECORD !== 0;
}

/** The examples of a CIFAR-100 binary file per class name (its fine or coarse label), or a message saying
 *  what is wrong with it. */
export function readCifar100(
  bytes: Uint8Array,
  name: string,
  shape: ImageShape = GREY_28,
  labels: Cifar100Labels = 'fine',
): Map<string, Uint8Array[]> | string {
  const names: readonly string[] = labels === 'fine' ? CIFAR100_CLASSES : CIFAR100_COARSE_CLASSES;
  if (bytes.length === 0 || bytes.length % CIFAR100_RECORD !== 0)
    return tr('ui:cifar.notCifar100', { name, record: CIFAR100_RECORD });
  const out = new Map<string, Uint8Array[]>();
  for (let r = 0; r < bytes.length / CIFAR100_RECORD; r++) {
    const at = r * CIFAR100_RECORD;
    const [coarse, fine] = [bytes[at], bytes[at + 1]];
    if (coarse >= 20 || fine >= CIFAR100_CLASSES.length)
      return tr('ui:cifar.badLabel100', { name, r: r + 1, coarse, fine });
    const rgb = bytes.subarray(at + 2, at + CIFAR100_RECORD);
    const cls = names[labels === 'fine' ? fine : coarse];
    const examples = out.get(cls) ?? [];
    examples.push(convertImage(rgb, CIFAR_SHAPE, shape).slice());
    out.set(cls, examples);
  }
  // Classes in label order, only those the file holds (a dataset has at most 100, each needs examples).
  return new Map(names.filter((c) => out.has(c)).map((c) => [c, out.get(c)!]));
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
