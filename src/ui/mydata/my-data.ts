// The user's own dataset as the page keeps it: named classes, each a list of 28×28 greyscale examples
// (bytes 0..255, white on black like the draw pad), however they came in (drawn, camera, files). Pure:
// the split the trainer gets, the input the design reads, and what is missing before it can train.
import { tr } from '../../i18n';
import { INPUT_LIMITS, userInput } from '../../network/dataset-input';
import type { NetworkInput, UserDatasetId } from '../../network/spec';
import type { UserDatasetData } from '../../training/protocol';
import type { ProjectData } from '../../network/project';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
/** Every 5th example of a class is kept aside to test (a class of 2 to 4 keeps its last). */
const TEST_EVERY = 5;
export const MAX_EXAMPLES_PER_CLASS = 2000;

export interface MyClass {
  name: string;
  /** Each PIXELS bytes. */
  examples: Uint8Array[];
}

export interface MyData {
  id: UserDatasetId;
  name: string;
  classes: MyClass[];
}

export function newMyData(random: () => number = Math.random): MyData {
  const id = `user:${Array.from({ length: 10 }, () => Math.floor(random() * 36).toString(36)).join('')}`;
  return { id: id as UserDatasetId, name: tr('ui:myData.myData'), classes: [] };
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
  const pack = (items: [Uint8Array, number][]) => {
    const images = new Uint8Array(items.length * PIXELS);
    items.forEach(([image], i) => images.set(image, i * PIXELS));
    return { images, labels: Uint8Array.from(items, ([, label]) => label) };
  };
  return {
    pixels: PIXELS,
    shape: [1, SIDE, SIDE],
    classNames: data.classes.map((c) => c.name.trim()),
    train: pack(parts.train),
    test: pack(parts.test),
  };
}

/** The design's input for this data: one greyscale channel of SIDE×SIDE, its class count and name. */
export function inputOf(data: MyData): NetworkInput {
  return userInput(
    data.id,
    data.name,
    [1, SIDE, SIDE],
    Math.max(data.classes.length, INPUT_LIMITS.minClasses),
  );
}

/** All examples in one array (classes in order), as a project file carries them. */
export function toProjectData(data: MyData): ProjectData {
  const all = data.classes.flatMap((c, label) => c.examples.map((image) => [image, label] as const));
  const images = new Uint8Array(all.length * PIXELS);
  all.forEach(([image], i) => images.set(image, i * PIXELS));
  return {
    name: data.name,
    classNames: data.classes.map((c) => c.name),
    images,
    labels: Uint8Array.from(all, ([, label]) => label),
  };
}

/** A project's dataset as classes of examples again, under the id its design names. */
export function fromProjectData(id: UserDatasetId, data: ProjectData): MyData {
  const classes: MyClass[] = data.classNames.map((name) => ({ name, examples: [] }));
  data.labels.forEach((label, i) =>
    classes[label].examples.push(data.images.slice(i * PIXELS, (i + 1) * PIXELS)),
  );
  return { id, name: data.name, classes };
}
