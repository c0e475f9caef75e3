// What a classifier reads when the data is the user's own: any of their datasets (kept in this browser
// under a `user:` id), colour or greyscale, of any size in the limits below, with its own class count.
// The built-in datasets stay 1×28×28 with 10 classes. Pure: the design carries the shape, the class count
// and the dataset's name, so a design (or a link to it) is checked without the data.
import { DATASET_NAMES, IMAGE_SHAPE, NUM_CLASSES } from './spec';
import type { DatasetRef, NetworkInput, UserDatasetId } from './spec';

export const INPUT_LIMITS = {
  /** Greyscale or RGB. */
  channels: [1, 3] as readonly number[],
  minSide: 8,
  /** 96×96 colour images take 27,648 values each; the memory guard still checks the whole network. */
  maxSide: 96,
  minClasses: 2,
  /** CIFAR-100's fine labels; a label is one byte. */
  maxClasses: 100,
  maxNameLength: 60,
  /** `user:` and then letters, digits and dashes. */
  maxIdLength: 45,
} as const;

const USER_ID = /^user:[a-z0-9-]{1,40}$/;

export function isUserDataset(id: string): id is UserDatasetId {
  return USER_ID.test(id);
}

export function isDatasetRef(id: unknown): id is DatasetRef {
  return typeof id === 'string' && (Object.hasOwn(DATASET_NAMES, id) || isUserDataset(id));
}

/** Classes the network must score: the user dataset's count, else the built-ins' 10. */
export function classesOf(input: NetworkInput): number {
  return input.classes ?? NUM_CLASSES;
}

/** The input of a built-in dataset's classifier. */
export function builtinInput(id: keyof typeof DATASET_NAMES): NetworkInput {
  return { dataset: id, shape: [...IMAGE_SHAPE] };
}

/** "MNIST", or the user's name for their dataset ("your dataset" when a file lacks one). */
export function datasetName(input: Pick<NetworkInput, 'dataset' | 'name'>): string {
  const id = input.dataset;
  if (isUserDataset(id)) return input.name ?? 'your dataset';
  return DATASET_NAMES[id];
}

/** The input of a classifier of a user dataset. */
export function userInput(
  id: UserDatasetId,
  name: string,
  shape: [number, number, number],
  classes: number,
): NetworkInput {
  return { dataset: id, shape: [...shape], classes, name };
}

/** Problems with a user dataset's input (shape, classes, name), as plain sentences; [] when it is fine. */
export function userInputProblems(input: NetworkInput): string[] {
  const out: string[] = [];
  const { minSide, maxSide, minClasses, maxClasses } = INPUT_LIMITS;
  const [c, h, w] = input.shape as number[];
  if (input.shape.length !== 3 || !INPUT_LIMITS.channels.includes(c))
    out.push(`an image has 1 (greyscale) or 3 (RGB) channels, not the shape ${input.shape.join('×')}`);
  else if (![h, w].every((s) => Number.isInteger(s) && s >= minSide && s <= maxSide))
    out.push(`images are ${minSide}×${minSide} to ${maxSide}×${maxSide} pixels, not ${h}×${w}`);
  const k = input.classes;
  if (k === undefined || !Number.isInteger(k) || k < minClasses || k > maxClasses)
    out.push(`a dataset has ${minClasses} to ${maxClasses} classes, not ${k ?? 'none'}`);
  return out;
}
