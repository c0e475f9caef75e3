// The user's dataset inside a project file, so a design trained on drawn shapes travels with its shapes:
// data.json (its name and class names) and data.idx (IDX: 0, 0, 0x08, 4 dimensions [N, C, H, W], the
// pixels) and labels.idx (IDX, [N]). Read back, every part is checked against the design that reads it.
import { INPUT_LIMITS, isUserDataset } from '../dataset-input';
import { writeIdx } from '../export/idx-write';
import type { ZipEntry } from '../export/zip';
import type { NetworkSpec } from '../spec';

export const DATA_ENTRIES = { meta: 'data.json', images: 'data.idx', labels: 'labels.idx' } as const;

/** The examples in one array, each with its class; class names in label order. */
export interface ProjectData {
  name: string;
  classNames: string[];
  /** count × C×H×W bytes, the design's input shape. */
  images: Uint8Array;
  labels: Uint8Array;
}

export function dataEntries(spec: NetworkSpec, data: ProjectData): ZipEntry[] {
  const shape = spec.input.shape;
  const n = data.labels.length;
  const meta = JSON.stringify({ name: data.name, classNames: data.classNames });
  return [
    { name: DATA_ENTRIES.meta, data: new TextEncoder().encode(meta) },
    { name: DATA_ENTRIES.images, data: writeIdx([n, ...shape], data.images) },
    { name: DATA_ENTRIES.labels, data: writeIdx([n], data.labels) },
  ];
}

/** An IDX file of bytes with `rank` dimensions: its dimensions and values, or why not. */
function readIdx(
  bytes: Uint8Array,
  rank: number,
  what: string,
): { dims: number[]; values: Uint8Array } | string {
  const head = 4 + 4 * rank;
  if (bytes.length < head || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 8 || bytes[3] !== rank)
    return `${what} is not an IDX file of bytes with ${rank} dimension${rank === 1 ? '' : 's'}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - head !== count)
    return `${what} says [${dims.join(', ')}] but holds ${bytes.length - head} values`;
  return { dims, values: bytes.subarray(head) };
}

/** The dataset files of a project, checked against its design; null when the project has none. */
export function readProjectData(
  spec: NetworkSpec,
  files: { name: string; data: Uint8Array }[],
): { ok: true; data: ProjectData | null } | { ok: false; error: string } {
  const fail = (error: string) => ({ ok: false as const, error: `the project's dataset: ${error}` });
  const find = (name: string) => files.find((f) => f.name === name)?.data;
  const [meta, images, labels] = [
    find(DATA_ENTRIES.meta),
    find(DATA_ENTRIES.images),
    find(DATA_ENTRIES.labels),
  ];
  if (!meta && !images && !labels) return { ok: true, data: null };
  if (!meta || !images || !labels)
    return fail(`${Object.values(DATA_ENTRIES).join(', ')} come together; some are missing`);
  if (!isUserDataset(spec.input.dataset)) return fail('the design reads a built-in dataset, not this one');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(meta));
  } catch {
    return fail(`${DATA_ENTRIES.meta} is not JSON text`);
  }
  const m = parsed as { name?: unknown; classNames?: unknown };
  const names = m.classNames;
  if (
    typeof m.name !== 'string' ||
    m.name.length > INPUT_LIMITS.maxNameLength ||
    !Array.isArray(names) ||
    !names.every((c) => typeof c === 'string' && c.length <= 40) ||
    names.length !== spec.input.classes
  )
    return fail(`${DATA_ENTRIES.meta} must name the dataset and its ${spec.input.classes} classes`);
  const img = readIdx(images, 4, DATA_ENTRIES.images);
  if (typeof img === 'string') return fail(img);
  const lab = readIdx(labels, 1, DATA_ENTRIES.labels);
  if (typeof lab === 'string') return fail(lab);
  const [n, ...shape] = img.dims;
  if (shape.join('×') !== spec.input.shape.join('×'))
    return fail(`the images are ${shape.join('×')} but the design reads ${spec.input.shape.join('×')}`);
  if (lab.dims[0] !== n) return fail(`${n} images but ${lab.dims[0]} labels`);
  const bad = lab.values.findIndex((l) => l >= names.length);
  if (bad >= 0)
    return fail(`image ${bad} has label ${lab.values[bad]}, but there are ${names.length} classes`);
  return {
    ok: true,
    data: {
      name: m.name,
      classNames: names as string[],
      images: img.values.slice(),
      labels: lab.values.slice(),
    },
  };
}
