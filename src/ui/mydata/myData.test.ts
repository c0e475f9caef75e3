import { describe, expect, it } from 'vitest';
import { userInputProblems } from '../../network/dataset-input';
import { readMyData } from './myDataStorage';
import {
  fromProjectData,
  inputOf,
  newMyData,
  PIXELS,
  splitForTraining,
  toProjectData,
  trainingProblems,
  type MyData,
} from './myData';

const image = (v: number) => new Uint8Array(PIXELS).fill(v);

function data(counts: number[]): MyData {
  return {
    ...newMyData(() => 0.5),
    classes: counts.map((n, c) => ({
      name: `c${c}`,
      examples: Array.from({ length: n }, (_, j) => image(c * 50 + j)),
    })),
  };
}

describe('my data', () => {
  it('keeps every 5th example of a class aside to test, and the last of a small class', () => {
    const split = splitForTraining(data([10, 3]));
    expect(Array.from(split.test.labels)).toEqual([0, 0, 1]);
    // Class 0's examples 4 and 9, class 1's last (its 3rd).
    expect([0, 1, 2].map((i) => split.test.images[i * PIXELS])).toEqual([4, 9, 52]);
    expect(split.train.labels.length).toBe(10);
    expect(split.classNames).toEqual(['c0', 'c1']);
    expect(split.train.images.length).toBe(10 * PIXELS);
  });

  it('says what is missing before it can train', () => {
    expect(trainingProblems(data([5]))).toEqual(['Make at least 2 classes (you have 1).']);
    expect(trainingProblems(data([5, 1]))).toEqual([
      '“c1” has 1 example: add at least 2 (one is kept aside to test).',
    ]);
    const same = data([2, 2]);
    same.classes[1].name = ' c0 ';
    expect(trainingProblems(same)).toEqual(['Two classes are called “c0”: rename one.']);
    expect(() => splitForTraining(data([2, 0]))).toThrow('“c1” has 0 examples');
    expect(trainingProblems(data([2, 2, 2]))).toEqual([]);
  });

  it('gives a design input the network checks accept', () => {
    const input = inputOf(data([2, 2, 2]));
    expect(input).toMatchObject({ shape: [1, 28, 28], classes: 3, name: 'My data' });
    expect(input.dataset).toMatch(/^user:[a-z0-9]{10}$/);
    expect(userInputProblems(input)).toEqual([]);
  });
});

describe('a kept dataset read back', () => {
  it('reads what the playground writes and refuses a damaged record whole', () => {
    const good = data([2, 3]);
    expect(readMyData(structuredClone(good))).toEqual(good);
    const short = structuredClone(good);
    short.classes[1].examples[2] = new Uint8Array(10);
    expect(readMyData(short)).toBeNull();
    expect(readMyData({ ...good, id: 'mnist' })).toBeNull();
    expect(readMyData({ ...good, classes: [{ name: 3, examples: [] }] })).toBeNull();
    expect(readMyData('x')).toBeNull();
  });
});

describe('my data in a project file', () => {
  it('goes into one array of examples and comes back as the same classes', () => {
    const d = data([3, 0, 2]);
    const project = toProjectData(d);
    expect(Array.from(project.labels)).toEqual([0, 0, 0, 2, 2]);
    expect(project.images[3 * PIXELS]).toBe(100);
    expect(fromProjectData(d.id, project)).toEqual(d);
  });
});
