// A project carrying the user's dataset: written and read back byte for byte, and refused with a
// specific message when its parts disagree with each other or with the design.
import { describe, expect, it } from 'vitest';
import { userInput } from '../dataset-input';
import { switchDataset } from '../dataset-switch';
import { readZip } from './zip-read';
import { writeZip } from '../export/zip';
import { DEFAULT_HYPER } from '../hyper';
import { presetSpec } from '../presets';
import { DATA_ENTRIES, type ProjectData } from './project-data';
import { readProject, writeProject } from './project';
import { decodeShareState, encodeShareState } from '../share';

const spec = switchDataset(presetSpec('lenet-5'), userInput('user:abc123', 'Shapes', [1, 28, 28], 3));
const data: ProjectData = {
  name: 'Shapes',
  classNames: ['bar', 'pole', 'vee'],
  images: Uint8Array.from({ length: 5 * 784 }, (_, i) => i % 251),
  labels: Uint8Array.from([0, 1, 2, 2, 0]),
};

/** The project's entries with `name` replaced (or removed when `bytes` is null). */
function tampered(name: string, bytes: Uint8Array | null): Uint8Array {
  const limits = { maxEntries: 8, maxNameBytes: 64, maxEntryBytes: 1e8, maxTotalBytes: 1e8 };
  const zip = readZip(writeProject({ spec, hyper: DEFAULT_HYPER, data }), limits);
  if (!zip.ok) throw new Error(zip.error);
  const files = zip.files.flatMap((f) => (f.name !== name ? [f] : bytes ? [{ name, data: bytes }] : []));
  return writeZip(files);
}
const errorOf = (bytes: Uint8Array) => {
  const read = readProject(bytes);
  return read.ok ? 'read' : read.error;
};

describe('a project with the user dataset', () => {
  it('reads back its design, class names, images and labels exactly', () => {
    const read = readProject(writeProject({ spec, hyper: DEFAULT_HYPER, data }));
    expect(read.ok && read.project.data).toEqual(data);
    expect(read.ok && read.project.spec.input).toEqual(spec.input);
    const plain = readProject(writeProject({ spec: presetSpec('lenet-5'), hyper: DEFAULT_HYPER }));
    expect(plain.ok && plain.project.data).toBeNull();
  });

  it('carries a colour 32×32 dataset and the augmentation settings, as a share link carries the settings', () => {
    const colour = switchDataset(presetSpec('lenet-5'), userInput('user:abc123', 'Shapes', [3, 32, 32], 3));
    const hyper = {
      ...DEFAULT_HYPER,
      augment: { shift: 2, rotate: 10, scale: 0.1, flip: true, brightness: 0.1, contrast: 0.2, noise: 0.05 },
    };
    const images = Uint8Array.from({ length: 5 * 3072 }, (_, i) => (i * 7) % 256);
    const read = readProject(writeProject({ spec: colour, hyper, data: { ...data, images } }));
    expect(read.ok && read.project.data?.images).toEqual(images);
    expect(read.ok && read.project.spec.input.shape).toEqual([3, 32, 32]);
    expect(read.ok && read.project.hyper.augment).toEqual(hyper.augment);
    // Grey images do not fit the colour design: not written.
    expect(() => writeProject({ spec: colour, hyper, data })).toThrow('holds 15360 values, not 3920');
    const shared = decodeShareState(`#${encodeShareState({ spec: colour, hyper })}`);
    expect(shared.ok && shared.hyper.augment).toEqual(hyper.augment);
  });

  it('refuses parts missing, a label beyond the classes, and images of another shape', () => {
    expect(errorOf(tampered(DATA_ENTRIES.labels, null))).toBe(
      "the project's dataset: data.json, data.idx, labels.idx come together; some are missing",
    );
    const labels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 5, 0, 1, 2, 2, 9]);
    expect(errorOf(tampered(DATA_ENTRIES.labels, labels))).toBe(
      "the project's dataset: image 4 has label 9, but there are 3 classes",
    );
    const square = new Uint8Array(4 + 16 + 5 * 3 * 28 * 28);
    square.set([0, 0, 8, 4]);
    new DataView(square.buffer).setUint32(4, 5);
    new DataView(square.buffer).setUint32(8, 3);
    new DataView(square.buffer).setUint32(12, 28);
    new DataView(square.buffer).setUint32(16, 28);
    expect(errorOf(tampered(DATA_ENTRIES.images, square))).toBe(
      "the project's dataset: the images are 3×28×28 but the design reads 1×28×28",
    );
    expect(
      errorOf(tampered(DATA_ENTRIES.meta, new TextEncoder().encode('{"name":"x","classNames":["a"]}'))),
    ).toBe("the project's dataset: data.json must name the dataset and its 3 classes");
    expect(errorOf(tampered(DATA_ENTRIES.images, Uint8Array.from([0, 0, 8, 4, 0])))).toBe(
      "the project's dataset: data.idx is not an IDX file of bytes with 4 dimensions",
    );
  });
});
