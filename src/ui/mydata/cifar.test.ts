import { describe, expect, it } from 'vitest';
import {
  CIFAR100_CLASSES,
  CIFAR100_COARSE_CLASSES,
  CIFAR100_RECORD,
  CIFAR10_RECORD,
  looksLikeCifar10,
  looksLikeCifar100,
  readCifar10,
  readCifar100,
} from './cifar';
import { resizePlane } from './image-shape';

/** One CIFAR-10 record: `label`, then red, green and blue planes of one value each. */
function record(label: number, [r, g, b]: [number, number, number]): Uint8Array {
  const out = new Uint8Array(CIFAR10_RECORD);
  out[0] = label;
  out.fill(r, 1, 1025);
  out.fill(g, 1025, 2049);
  out.fill(b, 2049, 3073);
  return out;
}

describe('CIFAR-10 binary files', () => {
  it('resizes by area: a flat image stays flat, and a half-bright one keeps its mean', () => {
    expect(Array.from(resizePlane(new Float32Array(16).fill(9), 4, 4, 3, 3))).toEqual(Array(9).fill(9));
    const half = Float32Array.from({ length: 32 * 32 }, (_, i) => (i % 32 < 16 ? 200 : 0));
    const small = resizePlane(half, 32, 32, 28, 28);
    const mean = small.reduce((a, b) => a + b, 0) / small.length;
    expect(mean).toBeCloseTo(100, 3);
    expect(small[0]).toBeCloseTo(200, 3);
    expect(small[27]).toBeCloseTo(0, 3);
  });

  it('reads each record into its class, grey, 28×28', () => {
    const file = new Uint8Array(3 * CIFAR10_RECORD);
    file.set(record(3, [255, 0, 0]), 0);
    file.set(record(9, [0, 0, 255]), CIFAR10_RECORD);
    file.set(record(3, [10, 10, 10]), 2 * CIFAR10_RECORD);
    expect(looksLikeCifar10('data_batch_1.bin', file.length)).toBe(true);
    const read = readCifar10(file, 'data_batch_1.bin');
    if (typeof read === 'string') throw new Error(read);
    expect(read.get('cat')!.map((e) => [e.length, e[0], e[783]])).toEqual([
      [784, 76, 76],
      [784, 10, 10],
    ]);
    expect(read.get('truck')!.map((e) => e[400])).toEqual([29]);
    expect(read.get('airplane')).toEqual([]);
  });

  it('keeps the colour planes for a colour dataset, at its size', () => {
    const file = record(3, [255, 0, 40]);
    const colour = readCifar10(file, 'data_batch_1.bin', [3, 32, 32]);
    if (typeof colour === 'string') throw new Error(colour);
    const [cat] = colour.get('cat')!;
    expect([cat.length, cat[0], cat[1023], cat[1024], cat[2048], cat[3071]]).toEqual([
      3072, 255, 255, 0, 40, 40,
    ]);
    const small = readCifar10(file, 'data_batch_1.bin', [3, 28, 28]);
    if (typeof small === 'string') throw new Error(small);
    const [resized] = small.get('cat')!;
    expect([resized.length, resized[0], resized[784], resized[1568]]).toEqual([2352, 255, 0, 40]);
  });

  it('names what is wrong with a file that is not CIFAR-10', () => {
    expect(looksLikeCifar10('notes.bin', 100)).toBe(false);
    expect(readCifar10(new Uint8Array(10), 'x.bin')).toBe(
      "x.bin is not in CIFAR-10's binary layout (records of 3073 bytes)",
    );
    expect(readCifar10(record(42, [0, 0, 0]), 'train.bin')).toBe(
      "train.bin: image 1 has label 42; CIFAR-10's labels are 0 to 9 (is this CIFAR-100?)",
    );
  });
});

describe('CIFAR-100 binary files', () => {
  /** One record: coarse and fine labels, then flat red, green and blue planes. */
  const record100 = (coarse: number, fine: number, [r, g, b]: [number, number, number]) => {
    const out = new Uint8Array(CIFAR100_RECORD);
    out.set([coarse, fine]);
    out.fill(r, 2, 1026);
    out.fill(g, 1026, 2050);
    out.fill(b, 2050, 3074);
    return out;
  };

  it('reads each record into its fine class, in label order, only the classes present', () => {
    expect(CIFAR100_CLASSES).toHaveLength(100);
    const file = new Uint8Array(3 * CIFAR100_RECORD);
    file.set(record100(4, 99, [1, 2, 3]), 0);
    file.set(record100(0, 0, [250, 0, 0]), CIFAR100_RECORD);
    file.set(record100(4, 99, [7, 8, 9]), 2 * CIFAR100_RECORD);
    expect(looksLikeCifar100('train.bin', file.length)).toBe(true);
    expect(looksLikeCifar10('train.bin', file.length)).toBe(false);
    const read = readCifar100(file, 'train.bin', [3, 32, 32]);
    if (typeof read === 'string') throw new Error(read);
    expect([...read.keys()]).toEqual(['apple', 'worm']);
    expect(read.get('worm')!.map((e) => [e.length, e[0], e[1024], e[3071]])).toEqual([
      [3072, 1, 2, 3],
      [3072, 7, 8, 9],
    ]);
    // Grey 28×28: 0.299 × 250 = 74.75.
    const grey = readCifar100(file, 'train.bin');
    expect(typeof grey !== 'string' && grey.get('apple')![0][0]).toBe(75);
  });

  it('reads each record into its coarse class (20 superclasses) when asked', () => {
    expect(CIFAR100_COARSE_CLASSES).toHaveLength(20);
    // apple (fine 0) and orange (fine 53) are both fruit_and_vegetables (coarse 4); worm (99) is an invertebrate.
    const file = new Uint8Array(3 * CIFAR100_RECORD);
    file.set(record100(4, 0, [1, 1, 1]), 0);
    file.set(record100(13, 99, [2, 2, 2]), CIFAR100_RECORD);
    file.set(record100(4, 53, [3, 3, 3]), 2 * CIFAR100_RECORD);
    const read = readCifar100(file, 'train.bin', [3, 32, 32], 'coarse');
    if (typeof read === 'string') throw new Error(read);
    expect([...read.keys()]).toEqual(['fruit_and_vegetables', 'non-insect_invertebrates']);
    expect(read.get('fruit_and_vegetables')!.map((e) => e[0])).toEqual([1, 3]);
    expect(read.get('non-insect_invertebrates')!.map((e) => e[0])).toEqual([2]);
    const fine = readCifar100(file, 'train.bin', [3, 32, 32], 'fine');
    expect(typeof fine !== 'string' && [...fine.keys()]).toEqual(['apple', 'orange', 'worm']);
  });

  it('names what is wrong with a file that is not CIFAR-100', () => {
    expect(readCifar100(new Uint8Array(CIFAR10_RECORD), 'data_batch_1.bin')).toBe(
      "data_batch_1.bin is not in CIFAR-100's binary layout (records of 3074 bytes)",
    );
    expect(readCifar100(record100(3, 100, [0, 0, 0]), 'test.bin')).toBe(
      "test.bin: image 1 has labels 3 (coarse) and 100 (fine); CIFAR-100's are 0 to 19 and 0 to 99",
    );
    expect(readCifar100(record100(20, 1, [0, 0, 0]), 'test.bin')).toContain('has labels 20 (coarse)');
    expect(looksLikeCifar100('notes.bin', 100)).toBe(false);
  });
});
