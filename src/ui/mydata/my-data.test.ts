import { describe, expect, it } from 'vitest';
import { userInputProblems } from '../../network/dataset-input';
import {
  readMyData,
  roomProblem,
  saveMyData,
  storageUse,
  storageWords,
  storedBytes,
  type DatasetStore,
  type StorageUse,
} from './my-data-storage';
import {
  fromProjectData,
  inputOf,
  newMyData,
  PIXELS,
  splitForTraining,
  toProjectData,
  trainingProblems,
  withShape,
  type MyData,
} from './my-data';

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
    expect(fromProjectData(d.id, project, d.shape)).toEqual(d);
  });
});

describe('colour and other sizes', () => {
  it('converts examples to the chosen shape, and trains and stores them in it', () => {
    const grey = data([3, 2]);
    const colour = withShape(grey, [3, 32, 32]);
    const first = colour.classes[0].examples[0];
    // Grey 0 repeated in each colour, resized from 28 to 32 (a flat image stays flat).
    expect(first.length).toBe(3 * 32 * 32);
    expect(colour.classes[1].examples[1].every((v) => v === 51)).toBe(true);
    expect(inputOf(colour).shape).toEqual([3, 32, 32]);
    expect(userInputProblems(inputOf(colour))).toEqual([]);
    const split = splitForTraining(colour);
    expect(split.pixels).toBe(3072);
    expect(split.shape).toEqual([3, 32, 32]);
    expect(split.train.images.length).toBe(split.train.labels.length * 3072);
    expect(readMyData(structuredClone(colour))).toEqual(colour);
    expect(fromProjectData(colour.id, toProjectData(colour), colour.shape)).toEqual(colour);
    // Back to grey by luminance: a pure red example becomes 0.299 × 255.
    const red = { ...colour, classes: [{ name: 'r', examples: [new Uint8Array(3072).fill(255, 0, 1024)] }] };
    expect(withShape(red, [1, 28, 28]).classes[0].examples[0].every((v) => v === 76)).toBe(true);
  });

  it('reads old records as 28×28 grey and refuses shapes the panel does not make', () => {
    const old = structuredClone(data([2, 2])) as Partial<MyData>;
    delete old.shape;
    expect(readMyData(old)?.shape).toEqual([1, 28, 28]);
    expect(readMyData({ ...data([2, 2]), shape: [2, 28, 28] })).toBeNull();
    expect(readMyData({ ...data([2, 2]), shape: [1, 32, 28] })).toBeNull();
    // The examples must be of the record's shape.
    expect(readMyData({ ...data([2, 2]), shape: [3, 28, 28] })).toBeNull();
  });
});

describe('storage use', () => {
  it('says what is used and free, and warns when nearly full', () => {
    expect(storageWords({ usage: 3.2e6, quota: 1e9 })).toBe(
      "This site's storage in this browser: 3.2 MB used, 996.8 MB free.",
    );
    expect(storageWords({ usage: 95e6, quota: 100e6 })).toBe(
      "This site's storage in this browser: 95.0 MB used, 5.0 MB free. It is nearly full: delete examples or saved weights you no longer need before adding more.",
    );
  });

  it('is unknown where the browser gives no estimate', async () => {
    expect(await storageUse()).toBeNull();
  });
});

describe('saving with the quota in mind', () => {
  /** Records kept in a Map, with the room the browser reports; `refuse` makes the write meet the quota. */
  function memoryStore(use: StorageUse | null, refuse = false) {
    const records = new Map<string, MyData>();
    const store: DatasetStore = {
      put: async (d) => {
        if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        records.set(d.id, d);
      },
      estimate: async () => use,
    };
    return { records, store };
  }

  it('says how much is needed and how much is free, or nothing when it fits or no estimate is known', () => {
    expect(roomProblem('shapes', 3e6, { usage: 9e6, quota: 10e6 })).toBe(
      "“shapes” needs 3.0 MB more in this browser's storage, but only 1.0 MB is free, so it was not saved. Nothing is lost: every example stays on this page (export the project to keep them in a file) and the copy saved before is kept. Delete examples or saved weights you no longer need to make room.",
    );
    expect(roomProblem('shapes', 1e6, { usage: 9e6, quota: 10e6 })).toBeNull();
    expect(roomProblem('shapes', 3e6, null)).toBeNull();
  });

  it('refuses before writing when the dataset will not fit, and keeps the examples in memory', async () => {
    const d = { ...data([500, 500]), id: 'user:big-test' as const, name: 'big' };
    // 1000 examples of 784 bytes: 0.78 MB, with 0.5 MB free.
    const { records, store } = memoryStore({ usage: 9.5e6, quota: 10e6 });
    await expect(saveMyData(d, store)).rejects.toThrow(
      "“big” needs 0.8 MB more in this browser's storage, but only 0.5 MB is free",
    );
    expect(records.size).toBe(0);
    expect(d.classes.map((c) => c.examples.length)).toEqual([500, 500]);
  });

  it('asks room only for what a save adds to the copy it replaces', async () => {
    const d = { ...data([100]), id: 'user:grow-test' as const };
    const roomy = memoryStore({ usage: 0, quota: 1e9 });
    await saveMyData(d, roomy.store);
    expect(roomy.records.get(d.id)).toBe(d);
    // 10 more examples (7840 bytes) with 10 kB free: it fits, though the whole would not.
    const grown = {
      ...d,
      classes: [{ ...d.classes[0], examples: [...d.classes[0].examples, ...data([10]).classes[0].examples] }],
    };
    expect(storedBytes(grown) - storedBytes(d)).toBe(7840);
    const tight = memoryStore({ usage: 990e3, quota: 1e6 });
    await saveMyData(grown, tight.store);
    expect(tight.records.get(d.id)).toBe(grown);
  });

  it("gives the same message when the browser's write meets the quota after all", async () => {
    // The estimate says 1 MB is free; the write of 0.78 MB is refused all the same.
    const { records, store } = memoryStore({ usage: 5e6, quota: 6e6 }, true);
    const d = { ...data([1000]), id: 'user:quota-test' as const, name: 'refused' };
    await expect(saveMyData(d, store)).rejects.toThrow(
      "“refused” needs 0.8 MB more in this browser's storage, but only 1.0 MB is free, so it was not saved.",
    );
    expect(records.size).toBe(0);
  });
});
