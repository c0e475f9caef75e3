import { describe, expect, it } from 'vitest';
import { DatasetError } from './errors';
import { IdxParser, parseIdx, type IdxKind } from './idx';
import { makeIdx } from './testing/fixtures';

function feed(parser: IdxParser, bytes: Uint8Array, cuts: number[]): void {
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    parser.push(bytes.subarray(at, cut));
    at = cut;
  }
}

function errorOf(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error('expected a DatasetError, but nothing was thrown');
}

describe('IdxParser', () => {
  it('parses a whole images file and reports its header', () => {
    const { file, records } = makeIdx('images', { count: 5 });
    const parser = new IdxParser('images');
    const batch = parser.push(file);
    expect(parser.header).toEqual({
      kind: 'images',
      magic: 2051,
      count: 5,
      recordShape: [28, 28],
      recordBytes: 784,
      headerBytes: 16,
    });
    expect(batch).toMatchObject({ start: 0, count: 5 });
    expect(parser.finish()).toEqual(records);
  });

  it('parses labels files, including an empty one', () => {
    const { file, records } = makeIdx('labels', { count: 7 });
    expect(parseIdx(file, 'labels')).toEqual(records);
    expect(parseIdx(makeIdx('labels', { count: 0 }).file, 'labels')).toHaveLength(0);
  });

  for (const kind of ['images', 'labels'] as IdxKind[]) {
    it(`gives the same result for ${kind} split at every pair of offsets in the first 24 bytes`, () => {
      // 2x3 images so the cuts also fall inside and between records.
      const { file, records } = makeIdx(kind, { count: 3, rows: 2, cols: 3, seed: 7 });
      for (let i = 0; i <= 24; i++) {
        for (let j = i; j <= 24; j++) {
          const parser = new IdxParser(kind, { rows: 2, cols: 3 });
          feed(parser, file, [i, j]);
          expect(parser.header?.count).toBe(3);
          expect(parser.finish()).toEqual(records);
        }
      }
    });
  }

  it('hands out contiguous record batches as bytes arrive one at a time', () => {
    const { file, records } = makeIdx('images', { count: 4, rows: 3, cols: 5 });
    const parser = new IdxParser('images', { rows: 3, cols: 5 });
    const batches: { start: number; count: number; data: number[] }[] = [];
    for (let i = 0; i < file.length; i++) {
      const batch = parser.push(file.subarray(i, i + 1));
      if (batch) batches.push({ start: batch.start, count: batch.count, data: [...batch.data] });
    }
    expect(batches.map((b) => b.start)).toEqual([0, 1, 2, 3]);
    expect(batches.flatMap((b) => b.data)).toEqual([...records]);
    expect(parser.records).toBe(4);
  });

  it('refuses a labels file given as images, naming both magic numbers', () => {
    const error = errorOf(() => parseIdx(makeIdx('labels', { count: 5 }).file, 'images', { file: 'x.gz' }));
    expect(error.code).toBe('bad-magic');
    expect(error.message).toBe(
      'dataset file x.gz: expected magic 2051 (images) but found 2049 (a labels file)',
    );
  });

  it('refuses an arbitrary magic number and hints at data that is still gzip', () => {
    const odd = errorOf(() => parseIdx(makeIdx('labels', { count: 1, magic: 0x0d01 }).file, 'labels'));
    expect(odd.message).toContain('expected magic 2049 (labels) but found 3329');
    const gz = errorOf(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]), 'labels'));
    expect(gz.code).toBe('bad-magic');
    expect(gz.message).toContain('still gzip-compressed');
  });

  it('refuses images that are not 28x28', () => {
    const error = errorOf(() => parseIdx(makeIdx('images', { count: 2, rows: 32, cols: 32 }).file, 'images'));
    expect(error.code).toBe('bad-dimensions');
    expect(error.message).toContain('expected 28x28 images but the header says 32x32');
  });

  it('refuses a header announcing an absurd count instead of allocating it', () => {
    const { file } = makeIdx('images', { count: 1, headerCount: 4_000_000_000 });
    const error = errorOf(() => new IdxParser('images').push(file));
    expect(error.code).toBe('bad-dimensions');
    expect(error.message).toContain('4000000000 images');
  });

  it('reports a stream cut inside the records with how far it got', () => {
    const { file } = makeIdx('images', { count: 5 });
    const error = errorOf(() => parseIdx(file.subarray(0, 16 + 3 * 784 + 100), 'images', { file: 'a.gz' }));
    expect(error.code).toBe('truncated');
    expect(error.message).toBe('dataset file a.gz: ended after 3 of 5 images and 100 byte(s) of the next');
  });

  it('reports a stream cut inside the header, and an empty one', () => {
    const { file } = makeIdx('labels', { count: 5 });
    expect(errorOf(() => parseIdx(file.subarray(0, 6), 'labels')).message).toContain(
      'ended inside the header after 6 of 8 bytes',
    );
    const empty = errorOf(() => parseIdx(new Uint8Array(0), 'labels'));
    expect(empty.code).toBe('truncated');
    expect(empty.message).toContain('it is empty');
  });

  it('refuses bytes after the last record, even one', () => {
    const { file } = makeIdx('labels', { count: 5 });
    const parser = new IdxParser('labels');
    parser.push(file);
    const error = errorOf(() => parser.push(new Uint8Array([0])));
    expect(error.code).toBe('trailing-data');
    expect(error.message).toContain('1 unexpected byte(s) after the last of 5 labels');
  });
});
