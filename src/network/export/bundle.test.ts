import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from '../hyper';
import { presetSpec } from '../presets';
import { exportBundle, exportSamples } from './bundle';
import { exportModelPy } from './pytorch-code';
import { readSafetensors } from './safetensors';
import { randomWeights } from './testing/random-weights';
import { unzip } from './testing/unzip';
import { exportTrainPy } from './train-code';
import { exportWeights } from './weights-file';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('exportBundle', () => {
  const spec = presetSpec('lenet-5');
  const weights = randomWeights(spec, 11);
  const samples = { images: new Float32Array(2 * 784).fill(0.5), labels: [3, 7] };

  it('zips model.py, weights, samples, train.py and a README, each exactly as exported alone', () => {
    const files = unzip(exportBundle(spec, DEFAULT_HYPER, weights, { samples }));
    expect(files.map((f) => f.name)).toEqual([
      'model.py',
      'weights.safetensors',
      'samples.safetensors',
      'train.py',
      'README.txt',
    ]);
    expect(text(files[0].data)).toBe(exportModelPy(spec));
    expect(files[1].data).toEqual(exportWeights(spec, weights));
    expect(text(files[3].data)).toBe(exportTrainPy(spec, DEFAULT_HYPER));
    const readme = text(files[4].data);
    expect(readme.startsWith('LeNet5: "LeNet-5" exported from CNN Playground.\n')).toBe(true);
    expect(readme).toContain('python3 train.py');
  });

  it('is byte-for-byte reproducible, and dated when asked', () => {
    const a = exportBundle(spec, DEFAULT_HYPER, weights);
    expect(exportBundle(spec, DEFAULT_HYPER, weights)).toEqual(a);
    const dated = exportBundle(spec, DEFAULT_HYPER, weights, { modified: new Date(Date.UTC(2026, 10, 25)) });
    expect(unzip(dated)[0].date).toBe(((2026 - 1980) << 9) | (11 << 5) | 25);
  });

  it('leaves train.py out for a GAN half and the samples out when none are given', () => {
    const generator = presetSpec('dcgan-generator');
    const files = unzip(exportBundle(generator, DCGAN_HYPER, randomWeights(generator, 1)));
    expect(files.map((f) => f.name)).toEqual(['model.py', 'weights.safetensors', 'README.txt']);
    expect(text(files[2].data)).not.toContain('train.py');
  });
});

describe('exportSamples', () => {
  it('writes images as [N, 1, 28, 28] and labels as [N]', () => {
    const file = readSafetensors(exportSamples({ images: new Float32Array(3 * 784), labels: [1, 2, 9] }));
    if (!file.ok) throw new Error(file.error);
    expect(file.tensors.get('images')!.shape).toEqual([3, 1, 28, 28]);
    expect([...file.tensors.get('labels')!.data]).toEqual([1, 2, 9]);
  });

  it('refuses images that do not match the labels', () => {
    expect(() => exportSamples({ images: new Float32Array(784), labels: [1, 2] })).toThrow(
      'samples: 2 labels need 1568 pixels, got 784',
    );
  });
});
