// The user's own images through TrainerCore (CPU backend): three drawn-like classes train a classifier
// that scores three classes, and a malformed dataset is refused without losing the one in use.
import { describe, expect, it } from 'vitest';
import { userInput } from '../network/dataset-input';
import { switchDataset } from '../network/dataset-switch';
import { DEFAULT_HYPER } from '../network/hyper';
import { L, net } from '../network/testing/build';
import type { UserDatasetData } from './protocol';
import { userHostDataset } from './host-dataset';
import { createHarness } from './testing/harness';

/** A 28×28 image of one stroke: class 0 a horizontal bar, 1 a vertical bar, 2 a diagonal; `k` moves it. */
function stroke(label: number, k: number): Uint8Array {
  const img = new Uint8Array(784);
  for (let t = 4; t < 24; t++) {
    const at = 8 + (k % 12);
    const [y, x] = label === 0 ? [at, t] : label === 1 ? [t, at] : [t, (t + k) % 28];
    img[y * 28 + x] = 255;
  }
  return img;
}

function shapes(perClass: number, offset: number): { images: Uint8Array; labels: Uint8Array } {
  const labels = Uint8Array.from({ length: 3 * perClass }, (_, i) => i % 3);
  const images = new Uint8Array(labels.length * 784);
  labels.forEach((label, i) => images.set(stroke(label, Math.floor(i / 3) + offset), i * 784));
  return { images, labels };
}

const data = (): UserDatasetData => ({
  pixels: 784,
  shape: [1, 28, 28],
  classNames: ['flat', 'tall', 'slant'],
  train: shapes(8, 0),
  // Strokes in places the training saw: this checks the pipeline, not a linear model's generalisation.
  test: shapes(2, 3),
});

describe('a user dataset in the trainer', () => {
  it('repeats a small train split to a whole batch, and refuses labels beyond the classes', () => {
    const host = userHostDataset(data(), 64);
    expect(host.train.available).toBe(72);
    expect(Array.from(host.train.labels.subarray(24, 27))).toEqual([0, 1, 2]);
    expect(host.test.available).toBe(6);
    const bad = data();
    bad.test.labels[1] = 3;
    expect(() => userHostDataset(bad, 64)).toThrow('test image 1 has label 3, but there are 3 classes');
  });

  it('trains a 3-class classifier on it and predicts 3 probabilities', { timeout: 60_000 }, async () => {
    const h = createHarness({ reportEvery: 5 });
    await h.send({ type: 'init', forceCpu: true });
    await h.waitFor('ready');
    await h.send({
      type: 'setHyper',
      hyper: { ...DEFAULT_HYPER, optimizer: 'adam', lr: 0.01, batchSize: 8 },
    });
    const mnist = net([L('Flatten'), L('Linear', { out_features: 10 })]);
    const spec = switchDataset(mnist, userInput('user:shapes', 'Shapes', [1, 28, 28], 3));
    expect(spec.layers[1]).toMatchObject({ out_features: 3 });
    await h.send({ type: 'setSpec', spec });
    await h.send({ type: 'useDataset', data: data() });
    const ready = await h.waitFor('datasetReady');
    expect(ready).toMatchObject({ train: 24, test: 6, classNames: ['flat', 'tall', 'slant'] });
    for (let i = 0; i < 40; i++) await h.send({ type: 'step' });
    const from = h.events.length;
    await h.send({ type: 'evaluate' });
    const evaluation = await h.waitFor('evaluation', () => true, { from });
    expect(evaluation.confusion).toHaveLength(9);
    expect(evaluation.testAccuracy).toBe(1);
    const image = Float32Array.from(stroke(1, 3), (v) => v / 255);
    await h.send({ type: 'predict', id: 1, image });
    const prediction = await h.waitFor('prediction');
    expect(prediction.probabilities).toHaveLength(3);
    expect(prediction.probabilities[1]).toBeGreaterThan(0.5);

    const bad = data();
    bad.train.labels[0] = 7;
    await h.send({ type: 'useDataset', data: bad });
    const error = await h.waitFor('datasetError');
    expect(error.message).toBe('your dataset: train image 0 has label 7, but there are 3 classes');
    expect(h.core.current.data.test.available).toBe(6);
    await h.send({ type: 'dispose' });
  });

  it('trains on colour images of another size, augmented, and refuses a drawing of the wrong size', async () => {
    const h = createHarness({ reportEvery: 100 });
    await h.send({ type: 'init', forceCpu: true });
    await h.waitFor('ready');
    const augment = {
      shift: 1,
      rotate: 10,
      scale: 0.1,
      flip: true,
      brightness: 0.1,
      contrast: 0.1,
      noise: 0.05,
    };
    await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 64, augment } });
    const input = userInput('user:colours', 'Colours', [3, 12, 12], 2);
    const spec = switchDataset(net([L('Conv2d', { out_channels: 4 }), L('Flatten'), L('Linear')]), input);
    await h.send({ type: 'setSpec', spec });
    // Class 0 red, class 1 blue: a 3×12×12 image is its red, green and blue planes.
    const split = (n: number) => {
      const labels = Uint8Array.from({ length: n }, (_, i) => i % 2);
      const images = new Uint8Array(n * 432);
      labels.forEach((label, i) => images.fill(200, i * 432 + label * 288, i * 432 + label * 288 + 144));
      return { images, labels };
    };
    await h.send({
      type: 'useDataset',
      data: { pixels: 432, shape: [3, 12, 12], classNames: ['red', 'blue'], train: split(8), test: split(4) },
    });
    await h.waitFor('datasetReady');
    for (let i = 0; i < 3; i++) await h.send({ type: 'step' });
    // Augmented as gathered: the dataset's own images stay as they were given.
    expect(h.core.current.data.imageShape).toEqual([3, 12, 12]);
    await h.send({ type: 'predict', id: 1, image: new Float32Array(432).fill(0.5) });
    expect((await h.waitFor('prediction')).probabilities).toHaveLength(2);
    await h.send({ type: 'predict', id: 2, image: new Float32Array(784) });
    expect((await h.waitFor('requestFailed')).message).toBe(
      'the image has 784 values but the network reads 3×12×12 (432 values)',
    );
    await h.send({ type: 'dispose' });
  });
});
