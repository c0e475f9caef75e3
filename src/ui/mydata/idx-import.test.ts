// IDX files (MNIST's format) read into classes, and every kind of bad file named: truncated, foreign,
// lying headers, a gzip bomb, mismatched pairs, labels beyond the classes a dataset may have.
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeIdx } from '../../network/export/idx-write';
import {
  labelsNameOf,
  looksLikeIdx,
  pairIdxFiles,
  parseIdx,
  readIdxPair,
  transposed,
  turnsUpright,
  type IdxArray,
} from './idx-import';

const NAMES = { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' };
const ok = (read: IdxArray | string): IdxArray => {
  if (typeof read === 'string') throw new Error(read);
  return read;
};
/** Three 2×2 images (values 10·i + pixel) labelled 5, 1, 5. */
const images = writeIdx(
  [3, 2, 2],
  Uint8Array.from({ length: 12 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4)),
);
const labels = writeIdx([3], Uint8Array.from([5, 1, 5]));

describe('IDX import', () => {
  it('reads an images file and its labels into classes named by label, at the dataset shape', () => {
    const read = readIdxPair(ok(parseIdx(images, 'a')), ok(parseIdx(labels, 'b')), NAMES, [1, 2, 2]);
    if (typeof read === 'string') throw new Error(read);
    expect([...read.keys()]).toEqual(['1', '5']);
    expect(read.get('5')!.map((e) => Array.from(e))).toEqual([
      [0, 1, 2, 3],
      [20, 21, 22, 23],
    ]);
    // Gzipped files read the same; a colour 4×4 dataset gets each image resized and repeated.
    const zipped = readIdxPair(
      ok(parseIdx(gzipSync(images), 'a.gz')),
      ok(parseIdx(gzipSync(labels), 'b.gz')),
      NAMES,
      [3, 4, 4],
    );
    if (typeof zipped === 'string') throw new Error(zipped);
    expect(zipped.get('1')![0].length).toBe(48);
    expect(zipped.get('1')![0][0]).toBe(10);
    // The playground's own export: [N, C, H, W].
    const colour = writeIdx([1, 3, 1, 1], Uint8Array.from([9, 8, 7]));
    const own = readIdxPair(
      ok(parseIdx(colour, 'c')),
      ok(parseIdx(writeIdx([1], Uint8Array.from([0])), 'd')),
      NAMES,
      [3, 1, 1],
    );
    expect(typeof own !== 'string' && Array.from(own.get('0')![0])).toEqual([9, 8, 7]);
  });

  it("turns EMNIST's transposed images upright: a 2×3 file image becomes 3×2", () => {
    // Stored as EMNIST does: the upright image's columns written as rows.
    const stored = writeIdx([1, 2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6]));
    const one = writeIdx([1], Uint8Array.from([7]));
    const read = (upright: boolean) =>
      readIdxPair(ok(parseIdx(stored, 'a')), ok(parseIdx(one, 'b')), NAMES, [1, 3, 2], upright);
    const turned = read(true);
    // Row r of the upright image is column r of the stored one.
    expect(typeof turned !== 'string' && Array.from(turned.get('7')![0])).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(transposed(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2]))).toEqual([
      1, 3, 2, 4, 5, 7, 6, 8,
    ]);
    // Not turned, the 2×3 image is resized into 3×2 instead: not the same pixels.
    const kept = read(false);
    expect(typeof kept !== 'string' && Array.from(kept.get('7')![0])).not.toEqual([1, 4, 2, 5, 3, 6]);
    expect(turnsUpright('auto', 'emnist-letters-train-images-idx3-ubyte.gz')).toBe(true);
    expect(turnsUpright('auto', 'EMNIST-digits-images.idx3')).toBe(true);
    expect(turnsUpright('auto', 'train-images-idx3-ubyte')).toBe(false);
    expect(turnsUpright('always', 'train-images-idx3-ubyte')).toBe(true);
    expect(turnsUpright('never', 'emnist-letters-train-images-idx3-ubyte')).toBe(false);
  });

  it('names what is wrong with a file that is not a good IDX file', () => {
    const header = (type: number, rank: number, ...dims: number[]) => {
      const out = new Uint8Array(4 + 4 * dims.length);
      out.set([0, 0, type, rank]);
      dims.forEach((d, i) => new DataView(out.buffer).setUint32(4 + 4 * i, d));
      return out;
    };
    expect(parseIdx(new Uint8Array(0), 'empty')).toBe(
      'empty is not an IDX file (it must start with two zero bytes)',
    );
    expect(parseIdx(new TextEncoder().encode('<html>'), 'page')).toContain('not an IDX file');
    expect(parseIdx(header(0x0d, 1, 1), 'floats')).toBe(
      'floats holds values of type 0xd; only IDX files of unsigned bytes (0x8) are read',
    );
    expect(parseIdx(header(8, 0), 'zero')).toContain('says it has 0 dimensions');
    expect(parseIdx(header(8, 9), 'nine')).toContain('says it has 9 dimensions');
    expect(parseIdx(header(8, 3, 60000), 'cut')).toBe('cut ends after 8 bytes, inside its 16-byte header');
    expect(parseIdx(header(8, 3, 0xffffffff, 0xffffffff, 0xffffffff), 'liar')).toBe(
      'liar is over 200 MB unzipped. Nothing in it was added.',
    );
    const short = new Uint8Array([...header(8, 3, 2, 2, 2), 1, 2, 3]);
    expect(parseIdx(short, 'short')).toBe(
      'short: its header says 2×2×2 (8 values) but it holds 3 (truncated or damaged?)',
    );
    expect(parseIdx(new Uint8Array([...labels, 7]), 'long')).toContain('holds 4 (truncated or damaged?)');
    expect(parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), 'bad.gz')).toBe(
      'bad.gz is not a readable gzip file',
    );
    // A gzip bomb stops at the limit while inflating.
    expect(parseIdx(gzipSync(new Uint8Array(100_000)), 'bomb.gz', 1000)).toBe(
      'bomb.gz is over 0.001 MB unzipped. Nothing in it was added.',
    );
  });

  it('refuses pairs that do not go together', () => {
    const read = (i: Uint8Array, l: Uint8Array) =>
      readIdxPair(ok(parseIdx(i, 'i')), ok(parseIdx(l, 'l')), NAMES, [1, 28, 28]);
    expect(read(images, writeIdx([2], new Uint8Array(2)))).toBe(
      'train-images-idx3-ubyte has 3 images but train-labels-idx1-ubyte has 2 labels',
    );
    expect(read(images, writeIdx([3], Uint8Array.from([0, 1, 200])))).toBe(
      'train-labels-idx1-ubyte: label 3 is 200; labels from 0 to 99 become classes',
    );
    expect(read(labels, labels)).toContain('holds 3 values, not images');
    expect(read(images, images)).toContain('not one label per image');
    expect(read(writeIdx([1, 2, 2, 2], new Uint8Array(8)), labels)).toContain('not images [N, H, W]');
    expect(read(writeIdx([1, 300, 1], new Uint8Array(300)), writeIdx([1], new Uint8Array(1)))).toBe(
      'train-images-idx3-ubyte holds 300×1 images; sides from 1 to 256 are read',
    );
  });

  it('knows the files by name and pairs images with labels', () => {
    expect(looksLikeIdx('emnist-letters-train-images-idx3-ubyte.gz')).toBe(true);
    expect(looksLikeIdx('t10k-labels-idx1-ubyte')).toBe(true);
    expect(looksLikeIdx('photo.png')).toBe(false);
    expect(labelsNameOf('emnist-letters-train-images-idx3-ubyte.gz')).toBe(
      'emnist-letters-train-labels-idx1-ubyte.gz',
    );
    expect(labelsNameOf('train-images-idx4-ubyte.gz')).toBe('train-labels-idx1-ubyte.gz');
    expect(labelsNameOf('t10k-labels-idx1-ubyte')).toBeNull();
    const files = [
      't10k-images-idx3-ubyte',
      'train-labels-idx1-ubyte.gz',
      'train-images-idx3-ubyte.gz',
      'x-labels-idx1-ubyte',
    ].map((name) => ({ name }));
    const { pairs, problems } = pairIdxFiles(files);
    expect(pairs.map((p) => [p.images.name, p.labels.name])).toEqual([
      ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'],
    ]);
    expect(problems).toEqual([
      't10k-images-idx3-ubyte needs its labels file (t10k-labels-idx1-ubyte) picked with it',
      'x-labels-idx1-ubyte is a labels file: pick its images file with it',
    ]);
  });
});
