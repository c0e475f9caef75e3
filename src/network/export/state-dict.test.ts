import { describe, expect, it } from 'vitest';
import { presetSpec } from '../presets';
import type { Conv2dLayer } from '../spec';
import { writeSafetensors } from './safetensors';
import { mapImportedTensors, moduleNames, stateDictLayout, stateDictTensors } from './state-dict';
import { randomWeights } from './testing/random-weights';
import { exportWeights, importWeights } from './weights-file';

const tensorsOf = (entries: [string, number[]][]) =>
  new Map(
    entries.map(([key, shape]) => [key, { shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) }]),
  );

describe('moduleNames', () => {
  it('names layers by kind with a per-kind counter', () => {
    expect(moduleNames(presetSpec('lenet-5').layers)).toEqual([
      'conv1',
      'relu1',
      'pool1',
      'conv2',
      'relu2',
      'pool2',
      'flatten1',
      'fc1',
      'relu3',
      'fc2',
      'relu4',
      'fc3',
    ]);
    expect(moduleNames(presetSpec('dcgan-discriminator').layers)).toEqual([
      'conv1',
      'lrelu1',
      'conv2',
      'bn1',
      'lrelu2',
      'flatten1',
      'fc1',
      'lrelu3',
      'fc2',
    ]);
  });
});

describe('stateDictLayout', () => {
  it("gives PyTorch's keys and shapes, ConvTranspose2d as [in, out, k, k]", () => {
    const layout = stateDictLayout(presetSpec('dcgan-generator'));
    expect(layout.map((e) => [e.key, e.shape])).toEqual([
      ['fc1.weight', [3136, 32]],
      ['fc1.bias', [3136]],
      ['bn1.weight', [64]],
      ['bn1.bias', [64]],
      ['bn1.running_mean', [64]],
      ['bn1.running_var', [64]],
      ['deconv1.weight', [64, 32, 4, 4]],
      ['deconv1.bias', [32]],
      ['bn2.weight', [32]],
      ['bn2.bias', [32]],
      ['bn2.running_mean', [32]],
      ['bn2.running_var', [32]],
      ['deconv2.weight', [32, 1, 4, 4]],
      ['deconv2.bias', [1]],
    ]);
    expect(layout[6]).toMatchObject({
      attribute: 'deconv1',
      role: 'weight',
      layerIndex: 4,
      layerId: 'deconv1',
    });
  });

  it('uses autoWired sizes, not stale stored ones, and drops absent biases', () => {
    const spec = presetSpec('lenet-5');
    (spec.layers[3] as Conv2dLayer).in_channels = 99;
    (spec.layers[3] as Conv2dLayer).bias = false;
    const keys = stateDictLayout(spec).map((e) => `${e.key} [${e.shape}]`);
    expect(keys).toContain('conv2.weight [16,6,5,5]');
    expect(keys).not.toContain('conv2.bias [16]');
  });
});

describe('mapImportedTensors', () => {
  const spec = presetSpec('mlp');
  const good: [string, number[]][] = [
    ['fc1.weight', [128, 784]],
    ['fc1.bias', [128]],
    ['fc2.weight', [10, 128]],
    ['fc2.bias', [10]],
  ];

  it('groups the tensors per layer under their PyTorch names', () => {
    const result = mapImportedTensors(spec, tensorsOf([...good, ['bn9.num_batches_tracked', []]]));
    if (!result.ok) throw new Error(result.error);
    expect(result.weights.map((w) => [w.layerIndex, w.tensors.map((t) => t.name)])).toEqual([
      [1, ['weight', 'bias']],
      [3, ['weight', 'bias']],
    ]);
  });

  it('reports a missing key, a wrong shape and an unexpected key, each by name', () => {
    const result = mapImportedTensors(
      spec,
      tensorsOf([['fc1.weight', [784, 128]], good[1], good[2], ['conv1.weight', [6, 1, 5, 5]]]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'tensor "fc1.weight" has shape [784,128] but this design needs [128,784]',
      'missing tensor "fc2.bias" (shape [10])',
      'unexpected tensor "conv1.weight" not in this design',
    ]);
    expect(result.error).toBe(result.problems.join('; '));
  });

  it('refuses a BatchNorm running_var below zero, naming the tensor, the value and its index', () => {
    const gan = presetSpec('dcgan-generator');
    const tensors = new Map(
      stateDictLayout(gan).map((e) => [
        e.key,
        { shape: e.shape, data: new Float32Array(e.shape.reduce((a, b) => a * b, 1)).fill(1) },
      ]),
    );
    expect(mapImportedTensors(gan, tensors).ok).toBe(true);
    const bn = stateDictLayout(gan).find((e) => e.role === 'running_var')!;
    tensors.get(bn.key)!.data[3] = -0.25;
    const result = mapImportedTensors(gan, tensors);
    expect(result.ok || result.error).toBe(
      `tensor "${bn.key}" holds a negative variance (-0.25 at index 3); a variance is never below zero`,
    );
  });

  it('lists the first five problems and counts the rest', () => {
    const result = mapImportedTensors(presetSpec('dcgan-generator'), new Map());
    expect(result.ok || result.error).toMatch(/^missing tensor "fc1.weight" .*\(and 9 more\)$/);
  });
});

describe('exportWeights / importWeights', () => {
  it('round-trips every tensor of a design exactly', () => {
    const spec = presetSpec('dcgan-generator');
    const weights = randomWeights(spec, 7);
    const result = importWeights(spec, exportWeights(spec, weights));
    if (!result.ok) throw new Error(result.error);
    expect(result.weights).toEqual(weights);
  });

  it("refuses another design's weights, naming the first tensor that does not fit", () => {
    const lenet = presetSpec('lenet-5');
    const result = importWeights(
      presetSpec('pytorch-tutorial-cnn'),
      exportWeights(lenet, randomWeights(lenet, 1)),
    );
    expect(result.ok || result.error).toMatch(
      /^tensor "conv1.weight" has shape \[6,1,5,5\] but this design needs \[32,1,3,3\]/,
    );
  });

  it('passes on file-level refusals: a broken file, a file over the size limit', () => {
    expect(importWeights(presetSpec('mlp'), new Uint8Array(4))).toMatchObject({
      ok: false,
      error: expect.stringContaining('too short'),
    });
    const spec = presetSpec('mlp');
    const file = writeSafetensors(stateDictTensors(spec, randomWeights(spec, 2)));
    expect(importWeights(spec, file, { maxBytes: 1000 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('limit'),
    });
  });

  it('refuses to export weights that do not cover the design', () => {
    const spec = presetSpec('mlp');
    expect(() => stateDictTensors(spec, randomWeights(spec, 3).slice(1))).toThrow(
      'no 100352-value "weight" for layer 2 (fc1.weight)',
    );
  });
});
