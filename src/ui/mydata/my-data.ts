// The user's own dataset as the page keeps it: named classes, each a list of examples of one shape (28×28
// grey unless the user picks colour or another size; bytes 0..255, drawings white on black like the draw
// pad), however they came in (drawn, camera, files). Pure: the split the trainer gets, the input the design
// reads, and what is missing before it can train.
import { tr } from '../../i18n';
import { INPUT_LIMITS, userInput } from '../../network/dataset-input';
import type { NetworkInput, UserDatasetId } from '../../network/spec';
import type { UserDatasetData } from '../../training/protocol';
import type { ProjectData } from '../../network/project';
import { convertImage, GREY_28, pixelsOf, type ImageShape } from './image-shape';

/** The draw pad's and the camera's side before an example takes the dataset's shape. */
export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
/** Every 5th example of a class is kept aside to test (a class of 2 to 4 keeps its last). */
const TEST_EVERY = 5;
export const MAX_EXAMPLES_PER_CLASS = 2000;

export interface MyClass {
  name: string;
  /** Each of the dataset's shape. */
  examples: Uint8Array[];
}

export interface MyData {
  id: UserDatasetId;
  name: string;
  /** [channels, height, width] of every example. */
  shape: ImageShape;
  classes: MyClass[];
}

export function newMyData(random: () => number = Math.random): MyData {
  const id = `user:${Array.from({ length: 10 }, () => Math.floor(random() * 36).toString(36)).join('')}`;
  return { id: id as UserDatasetId, name: tr('ui:myData.myData'), shape: GREY_28, classes: [] };
}

/** The data with every example in `shape` (resized; colour made grey by luminance, grey repeated in colour). */
export function withShape(data: MyData, shape: ImageShape): MyData {
  return {
    ...data,
    shape,
    classes: data.classes.map((c) => ({
      ...c,
      examples: c.examples.map((e) => convertImage(e, data.shape, shape)),
    })),
  };
}

export const exampleCount = (data: MyData) => data.classes.reduce((n, c) => n + c.examples.length, 0);

/** What stops training on the data, as sentences; [] when it can train. */
export function trainingProblems(data: MyData): string[] {
  const out: string[] = [];
  const { minClasses, maxClasses } = INPUT_LIMITS;
  if (data.classes.length < minClasses)
    out.push(tr('ui:myData.makeAtLeastClasses', { minClasses, classes: data.classes.length }));
  if (data.classes.length > Math.min(maxClasses, 255))
    out.push(tr('ui:myData.atMostClassesYou', { maxClasses, classes: data.classes.length }));
  const names = new Set<string>();
  for (const c of data.classes) {
    if (c.name.trim() === '') out.push(tr('ui:myData.everyClassNeedsA'));
    else if (names.has(c.name.trim())) out.push(tr('ui:myData.twoClassesAreCalled', { name: c.name.trim() }));
    names.add(c.name.trim());
    if (c.examples.length < 2)
      out.push(
        tr('ui:myData.hasExamples', {
          name: c.name || 'unnamed',
          count: c.examples.length,
        }),
      );
  }
  return out;
}

const isTest = (j: number, count: number) =>
  count < TEST_EVERY ? j === count - 1 : j % TEST_EVERY === TEST_EVERY - 1;

/** The train and test splits the trainer reads (classes in order, examples in order). */
export function splitForTraining(data: MyData): UserDatasetData {
  const problem = trainingProblems(data)[0];
  if (problem) throw new Error(problem);
  const parts = { train: [] as [Uint8Array, number][], test: [] as [Uint8Array, number][] };
  data.classes.forEach((c, label) =>
    c.examples.forEach((image, j) =>
      parts[isTest(j, c.examples.length) ? 'test' : 'train'].push([image, label]),
    ),
  );
  const pixels = pixelsOf(data.shape);
  const pack = (items: [Uint8Array, number][]) => {
    const images = new Uint8Array(items.length * pixels);
    items.forEach(([image], i) => images.set(image, i * pixels));
    return { images, labels: Uint8Array.from(items, ([, label]) => label) };
  };
  return {
    pixels,
    shape: data.shape,
    classNames: data.classes.map((c) => c.name.trim()),
    train: pack(parts.train),
    test: pack(parts.test),
  };
}

/** The design's input for this data: its shape, its class count and name. */
export function inputOf(data: MyData): NetworkInput {
  return userInput(
    data.id,
    data.name,
    [data.shape[0], data.shape[1], data.shape[2]],
    Math.max(data.classes.length, INPUT_LIMITS.minClasses),
  );
}

/** All examples in one array (classes in order), as a project file carries them. */
export function toProjectData(data: MyData): ProjectData {
  const all = data.classes.flatMap((c, label) => c.examples.map((image) => [image, label] as const));
  const pixels = pixelsOf(data.shape);
  const images = new Uint8Array(all.length * pixels);
  all.forEach(([image], i) => images.set(image, i * pixels));
  return {
    name: data.name,
    classNames: data.classes.map((c) => c.name),
    images,
    labels: Uint8Array.from(all, ([, label]) => label),
  };
}

/** A project's dataset (examples of `shape`, the design's input) as classes again, under its design's id. */
export function fromProjectData(id: UserDatasetId, data: ProjectData, shape: ImageShape): MyData {
  const classes: MyClass[] = data.classNames.map((name) => ({ name, examples: [] }));
  const pixels = pixelsOf(shape);
  data.labels.forEach((label, i) =>
    classes[label].examples.push(data.images.slice(i * pixels, (i + 1) * pixels)),
  );
  return { id, name: data.name, shape, classes };
}
