// The inspector's `layer` query (what the explanation's animations draw): a layer's inputs are the outputs
// of the layers it reads (the normalised image for the network's input), its output is the live model's
// activation, and its training-mode output is the engine's own: Dropout's mask of the next step under the
// run's seed, BatchNorm's statistics of this one image.
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { dropoutForward } from '../../engine/reference/dropout';
import { layerSeed } from '../../model/describe';
import { DEFAULT_HYPER } from '../../network/hyper';
import { defaultLayer, IMAGE_SHAPE, type Layer, type NetworkSpec } from '../../network/spec';
import { normalise } from '../normalisation';
import { createHarness } from '../testing/harness';
import type { InspectQuery, InspectResult } from './types';

const hyper = { ...DEFAULT_HYPER, optimizer: 'adam' as const, lr: 0.003, batchSize: 16, epochs: 1, seed: 11 };

const layers: Layer[] = [
  { ...defaultLayer('Conv2d', 'c1'), in_channels: 1, out_channels: 3, kernel_size: 3, padding: 1 },
  { ...defaultLayer('BatchNorm2d', 'bn'), num_features: 3 },
  { ...defaultLayer('MaxPool2d', 'p1'), kernel_size: 2, stride: 2 },
  { ...defaultLayer('Concat', 'cat'), inputs: ['p1', 'p1'] },
  { ...defaultLayer('Flatten', 'f') },
  { ...defaultLayer('Dropout', 'd'), p: 0.5 },
  { ...defaultLayer('Linear', 'fc'), in_features: 6 * 14 * 14, out_features: 10 },
];
const spec: NetworkSpec = {
  version: 2,
  name: 'layer query',
  input: { dataset: 'mnist', shape: IMAGE_SHAPE },
  task: 'classification',
  autoWire: true,
  layers,
};

describe('the inspector answers one layer on one image', () => {
  it('with its inputs, eval and training outputs, and its tensors', { timeout: 120_000 }, async () => {
    const h = createHarness({ reportEvery: 10 });
    let id = 1;
    const ask = async (query: Extract<InspectQuery, { kind: 'layer' }>) => {
      const n = id++;
      const from = h.events.length;
      await h.send({ type: 'inspect', id: n, query });
      const failed = h.events.slice(from).find((e) => e.type === 'requestFailed' && e.id === n);
      if (failed && failed.type === 'requestFailed') throw new Error(failed.message);
      const answer = await h.waitFor('inspected', (e) => e.id === n, { from });
      return answer.result as Extract<InspectResult, { kind: 'layer' }>;
    };
    await h.send({ type: 'init', forceCpu: true });
    await h.send({ type: 'setHyper', hyper });
    await h.send({ type: 'setSpec', spec });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    for (let i = 0; i < 3; i++) await h.send({ type: 'step' });

    const image = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 101) / 100);
    const from = h.events.length;
    await h.send({ type: 'snapshot', id: 900, what: 'activations', image: image.slice() });
    await h.send({ type: 'snapshot', id: 901, what: 'weights' });
    const acts = (await h.waitFor('snapshot', (e) => e.id === 900, { from })).layers;
    const weights = (await h.waitFor('snapshot', (e) => e.id === 901, { from })).layers;
    const close = { atol: 1e-5, rtol: 1e-4 };

    // The first layer reads the normalised image; its tensors are the live weights.
    const conv = await ask({ kind: 'layer', layerIndex: 0, image: image.slice() });
    expect(conv.layerKind).toBe('Conv2d');
    expect(conv.step).toBe(3);
    expectClose(conv.image, image, { atol: 0, rtol: 0 });
    expect(conv.inputs.map((t) => t.shape)).toEqual([[1, 28, 28]]);
    expectClose(conv.inputs[0].data, normalise(image), { atol: 0, rtol: 0 });
    expect(conv.output.shape).toEqual([3, 28, 28]);
    expectClose(conv.output.data, acts[0].tensors[0].data, close);
    expectClose(conv.trainOutput.data, conv.output.data, { atol: 0, rtol: 0 });
    expect(conv.tensors.map((t) => t.name)).toEqual(['weight', 'bias']);
    expectClose(conv.tensors[0].data, weights[0].tensors[0].data, { atol: 0, rtol: 0 });

    // BatchNorm: eval uses the running statistics; training normalises by this image's own.
    const bn = await ask({ kind: 'layer', layerIndex: 1, image: image.slice() });
    expectClose(bn.inputs[0].data, conv.output.data, close);
    expectClose(bn.output.data, acts[1].tensors[0].data, close);
    expect(bn.tensors.map((t) => t.name)).toEqual(['weight', 'bias', 'running_mean', 'running_var']);
    const [gamma, beta] = [bn.tensors[0].data, bn.tensors[1].data];
    const plane = 28 * 28;
    for (let c = 0; c < 3; c++) {
      const x = bn.inputs[0].data.subarray(c * plane, (c + 1) * plane);
      const mean = x.reduce((a, b) => a + b, 0) / plane;
      const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / plane;
      const expected = x.map((v) => ((v - mean) / Math.sqrt(variance + 1e-5)) * gamma[c] + beta[c]);
      expectClose(bn.trainOutput.data.subarray(c * plane, (c + 1) * plane), expected, close);
    }

    // Concat reads the same layer twice: two inputs, both that layer's output.
    const cat = await ask({ kind: 'layer', layerIndex: 3, image: image.slice() });
    expect(cat.inputs.map((t) => t.name)).toEqual(['input0', 'input1']);
    for (const input of cat.inputs) expectClose(input.data, acts[2].tensors[0].data, close);

    // Dropout: eval is the identity; training applies the mask the next step draws for its first image.
    const drop = await ask({ kind: 'layer', layerIndex: 5, image: image.slice() });
    expectClose(drop.output.data, drop.inputs[0].data, { atol: 0, rtol: 0 });
    const expected = new Float32Array(drop.inputs[0].data.length);
    const params = { p: 0.5, seed: layerSeed(hyper.seed, 5), training: true };
    dropoutForward({ x: drop.inputs[0].data, y: expected, params, step: 3 });
    expectClose(drop.trainOutput.data, expected, { atol: 0, rtol: 0 });
    const dropped = drop.trainOutput.data.filter((v, i) => v === 0 && drop.inputs[0].data[i] !== 0).length;
    expect(dropped / expected.length).toBeGreaterThan(0.35);
    expect(dropped / expected.length).toBeLessThan(0.65);

    // Without an image the first test image is used.
    const first = await ask({ kind: 'layer', layerIndex: 6 });
    expect(first.image).toHaveLength(784);
    expect(first.inputs[0].shape).toEqual([6 * 14 * 14]);

    await expect(ask({ kind: 'layer', layerIndex: 7 })).rejects.toThrow(
      'layer 8 is not in the network of 7 layers',
    );
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
