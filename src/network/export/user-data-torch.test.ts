// A design reading the user's own dataset, exported for PyTorch: the bundle carries the data as IDX files
// in data/ (images [N, C, H, W]), and train.py, with PyTorch alone, reads them and trains the design's
// classes with the playground's augmentation, whose torch transform gives the reference's pixels. Also the design's own checks: a user dataset's input round-trips and is refused when out of
// its limits.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { userInput } from '../dataset-input';
import { switchDataset } from '../dataset-switch';
import { augmentImage, type ImageTransform } from '../../engine/reference/augment-batch';
import { DEFAULT_HYPER } from '../hyper';
import { presetSpec } from '../presets';
import { parseSpec, serializeSpec } from '../serialize';
import { L, messages, net } from '../testing/build';
import { exportBundle } from './bundle';
import { writeIdx, type DatasetBytes } from './idx-write';
import { PYTHON, probeTorch, withoutTorchvision } from './testing/python';
import { randomWeights } from './testing/random-weights';
import { unzip } from './testing/unzip';
import { importWeights } from './weights-file';

const torch = probeTorch();
const shapes = userInput('user:shapes', 'Shapes', [1, 28, 28], 3);

/** n images per class of 3: a bright row, column or diagonal at a place that moves with the index. */
function dataset(n: number): DatasetBytes {
  const split = (count: number, offset: number) => {
    const labels = Uint8Array.from({ length: 3 * count }, (_, i) => i % 3);
    const images = new Uint8Array(labels.length * 784);
    labels.forEach((label, i) => {
      const at = 6 + ((Math.floor(i / 3) + offset) % 16);
      for (let t = 4; t < 24; t++) {
        const [y, x] = label === 0 ? [at, t] : label === 1 ? [t, at] : [t, (t + at) % 28];
        images[i * 784 + y * 28 + x] = 255;
      }
    });
    return { images, labels };
  };
  return { shape: [1, 28, 28], train: split(n, 0), test: split(8, 3) };
}

/** train.py's torch transform on a 3-channel 5×7 image gives augmentImage's bytes (to rounding). */
function expectSameTransform(dir: string): void {
  const shape = [3, 5, 7] as const;
  const image = Uint8Array.from({ length: 105 }, (_, i) => (i * 73 + 19) % 256);
  const cases: ImageTransform[] = [
    { dx: 1, dy: -2, angle: 0, zoom: 1, flip: false, brightness: 0, contrast: 1, noise: 0 },
    { dx: 0, dy: 1, angle: 0, zoom: 1.3, flip: true, brightness: 0.1, contrast: 1.3, noise: 0 },
    { dx: -1, dy: 0, angle: 0.3, zoom: 0.8, flip: false, brightness: -0.05, contrast: 0.8, noise: 0 },
    { dx: 2, dy: 1, angle: -0.7, zoom: 1, flip: true, brightness: 0, contrast: 1, noise: 0 },
  ];
  const column = (key: keyof ImageTransform) => JSON.stringify(cases.map((c) => Number(c[key])));
  const script = `
import json, torch, train
image = torch.tensor(${JSON.stringify(Array.from(image))}, dtype=torch.float64).view(1, 3, 5, 7) / 255
images = image.repeat(${cases.length}, 1, 1, 1)
t = lambda values, dtype=torch.float64: torch.tensor(values, dtype=dtype)
out = train.transform(images, t(${column('dx')}), t(${column('dy')}), t(${column('angle')}), t(${column('zoom')}),
                      t(${column('flip')}, torch.bool), t(${column('brightness')}), t(${column('contrast')}))
print(json.dumps((out * 255).flatten(1).tolist()))
`;
  const run = spawnSync(PYTHON, ['-c', script], { cwd: dir, env: withoutTorchvision(dir), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const torchImages = JSON.parse(run.stdout) as number[][];
  cases.forEach((c, k) => {
    const ours = augmentImage(image, shape, c);
    const worst = Math.max(...torchImages[k].map((v, i) => Math.abs(v - ours[i])));
    // Ours is rounded to bytes: at most half a level apart.
    expect(worst, `case ${k}`).toBeLessThanOrEqual(0.5 + 1e-6);
  });
}

describe('a design that reads the user dataset', () => {
  it('round-trips through a file and is refused outside its limits', () => {
    const spec = switchDataset(presetSpec('lenet-5'), shapes);
    expect(spec.layers.at(-1)).toMatchObject({ out_features: 3 });
    expect(messages(spec)).toEqual([]);
    const back = parseSpec(serializeSpec(spec));
    expect(back.ok && back.spec.input).toEqual(shapes);
    const bad = (input: object) => parseSpec(serializeSpec({ ...spec, input } as typeof spec));
    // Reading bounds magnitudes and kinds; the design's checks say what makes sense.
    expect(bad({ ...shapes, classes: 101 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('input.classes must be a whole number up to 100'),
    });
    expect(bad({ dataset: 'user:Bad Name', shape: [1, 28, 28], classes: 3, name: 'x' })).toMatchObject({
      ok: false,
    });
    expect(bad({ dataset: 'mnist', shape: [1, 28, 28], classes: 3 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('belong to your own datasets'),
    });
    expect(messages({ ...spec, input: { ...shapes, classes: 1 } }).join(' ')).toContain(
      'a dataset has 2 to 100 classes, not 1',
    );
    expect(messages({ ...spec, input: { ...shapes, shape: [2, 28, 28] } }).join(' ')).toContain(
      '1 (greyscale) or 3 (RGB) channels',
    );
    // Ten outputs for three classes: the checks say so.
    const wrong = net([L('Flatten'), L('Linear', { out_features: 10 })]);
    expect(messages({ ...wrong, input: shapes }).join(' ')).toContain('Shapes has 3 classes');
  });

  it('writes IDX files with the header MNIST readers expect', () => {
    const idx = writeIdx([2, 1, 2, 2], Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(Array.from(idx.subarray(0, 4))).toEqual([0, 0, 8, 4]);
    expect(new DataView(idx.buffer).getUint32(4)).toBe(2);
    expect(new DataView(idx.buffer).getUint32(16)).toBe(2);
    expect(Array.from(idx.subarray(20))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => writeIdx([3], new Uint8Array(2))).toThrow('holds 3 values, not 2');
  });

  it.skipIf(!torch.version && !torch.required)(
    'bundles the data, and train.py trains the three classes from it, augmented, with PyTorch alone',
    { timeout: 180_000 },
    () => {
      const spec = switchDataset(presetSpec('tiny-cnn'), shapes);
      const hyper = {
        ...DEFAULT_HYPER,
        batchSize: 16,
        epochs: 4,
        seed: 3,
        optimizer: 'adam' as const,
        lr: 0.003,
        augment: {
          shift: 2,
          rotate: 10,
          scale: 0.1,
          flip: false,
          brightness: 0.1,
          contrast: 0.1,
          noise: 0.05,
        },
      };
      const files = unzip(exportBundle(spec, hyper, randomWeights(spec, 5), { dataset: dataset(40) }));
      const data = files.filter((f) => f.name.startsWith('data/'));
      expect(data.map((f) => f.name)).toEqual([
        'data/train-images-idx4-ubyte.gz',
        'data/train-labels-idx1-ubyte.gz',
        'data/t10k-images-idx4-ubyte.gz',
        'data/t10k-labels-idx1-ubyte.gz',
      ]);
      expect(gunzipSync(data[1].data).length).toBe(8 + 120);
      const dir = mkdtempSync(join(tmpdir(), 'cnn-user-data-'));
      try {
        for (const f of files) {
          mkdirSync(dirname(join(dir, f.name)), { recursive: true });
          writeFileSync(join(dir, f.name), f.data);
        }
        const run = spawnSync(PYTHON, ['train.py', '--device', 'cpu'], {
          cwd: dir,
          env: withoutTorchvision(dir),
          encoding: 'utf8',
          timeout: 170_000,
        });
        expect(run.stderr).toBe('');
        const epochs = [
          ...run.stdout.matchAll(/^epoch (\d): train loss ([\d.]+), test accuracy ([\d.]+)%$/gm),
        ];
        expect(epochs.map((m) => m[1])).toEqual(['1', '2', '3', '4']);
        // Three classes: 33% is chance.
        expect(Number(epochs[3][3])).toBeGreaterThan(80);
        expect(importWeights(spec, readFileSync(join(dir, 'trained.safetensors'))).ok).toBe(true);
        expect(readFileSync(join(dir, 'train.py'), 'utf8')).toContain('images = augment(images)');
        expectSameTransform(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
