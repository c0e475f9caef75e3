// A user dataset for PyTorch: the four IDX files (MNIST's format, which model.py's read_idx reads) of its
// train and test splits, gzipped. Images keep their channels: [N, C, H, W] in 4 dimensions.
import { gzipSync } from 'fflate';
import { USER_IDX_FILE_NAMES } from './python-data';

/** One split as the trainer holds it: count × C×H×W bytes, one label byte each. */
export interface SplitBytes {
  images: Uint8Array;
  labels: Uint8Array;
}

export interface DatasetBytes {
  /** [C, H, W]. */
  shape: readonly number[];
  train: SplitBytes;
  test: SplitBytes;
}

/** An IDX file of unsigned bytes: 0, 0, 0x08, the number of dimensions, each big-endian, then the values. */
export function writeIdx(dims: readonly number[], values: Uint8Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count)
    throw new Error(`an IDX file of shape [${dims.join(', ')}] holds ${count} values, not ${values.length}`);
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(values, 4 + 4 * dims.length);
  return out;
}

/** The four gzipped IDX files under their names in data/ (mtime 0: the same dataset gives the same bytes). */
export function datasetIdxFiles(data: DatasetBytes, folder = 'data/'): { name: string; data: Uint8Array }[] {
  const pixels = data.shape.reduce((a, b) => a * b, 1);
  const split = (s: SplitBytes) => {
    const n = s.labels.length;
    if (s.images.length !== n * pixels)
      throw new Error(
        `${n} labels need ${n * pixels} pixels of [${data.shape.join(', ')}], got ${s.images.length}`,
      );
    return [writeIdx([n, ...data.shape], s.images), writeIdx([n], s.labels)];
  };
  const files = [...split(data.train), ...split(data.test)];
  return files.map((bytes, i) => ({
    name: folder + USER_IDX_FILE_NAMES[i],
    data: gzipSync(bytes, { level: 6, mtime: 0 }),
  }));
}
