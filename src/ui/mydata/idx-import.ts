// MNIST's IDX files as the user downloaded them (EMNIST, KMNIST, Fashion-MNIST, or this playground's own
// export): an images file ([N, H, W], or [N, C, H, W] with 1 or 3 channels) and its labels file ([N]),
// gzipped or not. Every header field is checked before a byte is trusted, so a truncated, foreign or
// hostile file gets a message naming what is wrong and adds nothing. Each image becomes an example of the
// dataset's shape, in a class named by its label.
import { Gunzip } from 'fflate';
import { tr } from '../../i18n';
import { convertImage, type ImageShape } from './image-shape';

/** The most bytes a file may hold once unzipped (MNIST's training images are 47 MB). */
export const IDX_MAX_BYTES = 200e6;
/** The largest image side read (the dataset's side is one of SIDES, at most 96; larger ones are scaled down). */
const MAX_SIDE = 256;
/** Labels become classes, so at most as many as a dataset may have. */
const MAX_LABEL = 99;
const CHUNK = 1 << 16;

export interface IdxArray {
  dims: number[];
  values: Uint8Array;
}

/** True for a name MNIST's files go by (train-images-idx3-ubyte, emnist-letters-train-labels-idx1-ubyte.gz). */
export const looksLikeIdx = (name: string) => /idx\d-ubyte(\.gz)?$|\.idx\d?(\.gz)?$/i.test(name);

/** Gzipped bytes unzipped, refused past IDX_MAX_BYTES while inflating (a bomb stops there). */
export function gunzipLimited(bytes: Uint8Array, name: string, limit = IDX_MAX_BYTES): Uint8Array | string {
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = new Gunzip((data) => {
    total += data.length;
    if (total > limit) throw new RangeError('too big');
    parts.push(data);
  });
  try {
    for (let at = 0; at < bytes.length; at += CHUNK)
      stream.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
  } catch (error) {
    return error instanceof RangeError
      ? tr('ui:idx.tooBig', { name, mb: limit / 1e6 })
      : tr('ui:idx.badGzip', { name });
  }
  // fflate ends a stream cut inside its header quietly, with nothing out: no IDX file is empty.
  if (total === 0) return tr('ui:idx.badGzip', { name });
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An IDX file of unsigned bytes (gzipped or not): its dimensions and values, or what is wrong with it. */
export function parseIdx(raw: Uint8Array, name: string, limit = IDX_MAX_BYTES): IdxArray | string {
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipLimited(raw, name, limit) : raw;
  if (typeof bytes === 'string') return bytes;
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) return tr('ui:idx.notIdx', { name });
  if (bytes[2] !== 0x08) return tr('ui:idx.notBytes', { name, type: `0x${bytes[2].toString(16)}` });
  const rank = bytes[3];
  if (rank < 1 || rank > 4) return tr('ui:idx.badRank', { name, rank });
  const head = 4 + 4 * rank;
  if (bytes.length < head) return tr('ui:idx.truncated', { name, have: bytes.length, want: head });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  // Multiplied as doubles, the product of four 32-bit sizes is exact enough to compare with the limit.
  const count = dims.reduce((a, b) => a * b, 1);
  if (count > limit) return tr('ui:idx.tooBig', { name, mb: limit / 1e6 });
  if (bytes.length - head !== count)
    return tr('ui:idx.wrongLength', { name, dims: dims.join('×'), want: count, have: bytes.length - head });
  return { dims, values: bytes.subarray(head, head + count) };
}

/** When to turn images upright: EMNIST's files hold each image transposed (rows written as columns). */
export type Upright = 'auto' | 'always' | 'never';

/** True when `name`'s images are turned upright: always, never, or (auto) when EMNIST's name is on it. */
export const turnsUpright = (upright: Upright, name: string) =>
  upright === 'always' || (upright === 'auto' && /emnist/i.test(name));

/** Each [h, w] plane of a [c, h, w] image transposed (a pixel at row r, column k moves to row k, column r). */
export function transposed(image: Uint8Array, [channels, h, w]: ImageShape): Uint8Array {
  const out = new Uint8Array(image.length);
  for (let c = 0; c < channels; c++)
    for (let r = 0; r < h; r++)
      for (let k = 0; k < w; k++) out[c * h * w + k * h + r] = image[c * h * w + r * w + k];
  return out;
}

/** The examples of an images file and its labels file, per class name (the label), or what is wrong;
 *  `upright` transposes each image first (EMNIST's), so a w×h file gives h×w images. */
export function readIdxPair(
  images: IdxArray,
  labels: IdxArray,
  names: { images: string; labels: string },
  shape: ImageShape,
  upright = false,
): Map<string, Uint8Array[]> | string {
  const { dims } = images;
  const source: ImageShape | null =
    dims.length === 3
      ? [1, dims[1], dims[2]]
      : dims.length === 4 && (dims[1] === 1 || dims[1] === 3)
        ? [dims[1], dims[2], dims[3]]
        : null;
  if (!source) return tr('ui:idx.notImages', { name: names.images, dims: dims.join('×') });
  const [, h, w] = source;
  if (h < 1 || w < 1 || h > MAX_SIDE || w > MAX_SIDE)
    return tr('ui:idx.badSide', { name: names.images, h, w, max: MAX_SIDE });
  if (labels.dims.length !== 1)
    return tr('ui:idx.notLabels', { name: names.labels, dims: labels.dims.join('×') });
  if (labels.dims[0] !== dims[0])
    return tr('ui:idx.countsDiffer', {
      images: names.images,
      labels: names.labels,
      n: dims[0],
      m: labels.dims[0],
    });
  const bad = labels.values.findIndex((l) => l > MAX_LABEL);
  if (bad >= 0)
    return tr('ui:idx.labelTooLarge', {
      name: names.labels,
      i: bad + 1,
      label: labels.values[bad],
      max: MAX_LABEL,
    });
  const size = source[0] * h * w;
  const out = new Map<string, Uint8Array[]>();
  // Classes in label order, whatever order the images come in.
  for (const label of [...new Set(labels.values)].sort((a, b) => a - b)) out.set(String(label), []);
  const turned: ImageShape = [source[0], w, h];
  labels.values.forEach((label, i) => {
    const image = images.values.slice(i * size, (i + 1) * size);
    out
      .get(String(label))!
      .push(
        upright ? convertImage(transposed(image, source), turned, shape) : convertImage(image, source, shape),
      );
  });
  return out;
}

/** The labels file's name for an images file's (images ↔ labels, idx3 or idx4 ↔ idx1). */
export function labelsNameOf(imagesName: string): string | null {
  if (!/images/i.test(imagesName)) return null;
  return imagesName.replace(/images/i, 'labels').replace(/idx[34]/i, 'idx1');
}

/** IDX files paired images with labels by name; a file without its partner is named in a problem. */
export function pairIdxFiles<F extends { name: string }>(
  files: F[],
): { pairs: { images: F; labels: F }[]; problems: string[] } {
  const pairs: { images: F; labels: F }[] = [];
  const problems: string[] = [];
  const used = new Set<F>();
  for (const images of files) {
    const labelsName = labelsNameOf(images.name);
    if (labelsName === null) continue;
    const labels = files.find((f) => f.name === labelsName);
    if (labels) {
      pairs.push({ images, labels });
      used.add(images).add(labels);
    } else problems.push(tr('ui:idx.noLabels', { name: images.name, labels: labelsName }));
  }
  for (const f of files)
    if (!used.has(f) && labelsNameOf(f.name) === null) problems.push(tr('ui:idx.noImages', { name: f.name }));
  return { pairs, problems };
}
