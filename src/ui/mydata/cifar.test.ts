import { describe, expect, it } from 'vitest';
import { CIFAR10_RECORD, looksLikeCifar10, readCifar10 } from './cifar';
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
