import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from '../hyper';
import { presetSpec } from '../presets';
import { exportBundle, exportSamples } from './bundle';
import { exportConvertPy } from './convert-code';
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

  it('zips model.py, weights, samples, train.py, the converter and a README, each exactly as exported alone', () => {
    const files = unzip(exportBundle(spec, DEFAULT_HYPER, weights, { samples }));
    expect(files.map((f) => f.name)).toEqual([
      'model.py',
      'weights.safetensors',
      'samples.safetensors',
      'train.py',
      'convert_pt.py',
      'README.txt',
    ]);
    // Text deflated, float tensors stored.
    expect(files.map((f) => f.method)).toEqual([8, 0, 0, 8, 8, 8]);
    expect(text(files[0].data)).toBe(exportModelPy(spec));
    expect(files[1].data).toEqual(exportWeights(spec, weights));
    expect(text(files[3].data)).toBe(exportTrainPy(spec, DEFAULT_HYPER));
    expect(text(files[4].data)).toBe(exportConvertPy());
    const readme = text(files[5].data);
    expect(readme.startsWith('LeNet5: "LeNet-5" exported from CNN Playground.\n')).toBe(true);
    expect(readme).toContain('python3 train.py');
    // Where the data comes from, for a student who has no torchvision or no network.
    expect(readme).toContain(
      '  https://ossci-datasets.s3.amazonaws.com/mnist/\n  train-images-idx3-ubyte.gz\n',
    );
    expect(readme).toContain('  torchrun --nproc_per_node=2 train.py\n');
    expect(readme).toContain('python3 convert_pt.py model.pt');
  });

  it('says where Fashion-MNIST comes from for a Fashion-MNIST design', () => {
    const fashion = { ...spec, input: { ...spec.input, dataset: 'fashion-mnist' as const } };
    const files = unzip(exportBundle(fashion, DEFAULT_HYPER, weights));
    const readme = text(files.find((f) => f.name === 'README.txt')!.data);
    expect(readme).toContain('train.py reads Fashion-MNIST from its four IDX files');
    expect(readme).toContain('github.com/zalandoresearch/fashion-mnist');
    expect(readme).toContain('(data/FashionMNIST/raw/)');
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
    expect(files.map((f) => f.name)).toEqual([
      'model.py',
      'weights.safetensors',
      'convert_pt.py',
      'README.txt',
    ]);
    expect(text(files[3].data)).not.toContain('train.py');
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
