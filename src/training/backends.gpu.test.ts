// The WebGPU backend against the CPU backend on the same model description, weights and batches: one
// training step must give the same weights (to float tolerance), and evaluation the same logits.
import { describe, expect, it } from 'vitest';
import { describeModel } from '../model/describe';
import { initialState } from '../model/init';
import { expectClose } from '../gpu/testing/close';
import { getTestGpu } from '../gpu/testing/test-device';
import { DEFAULT_HYPER, type Hyperparams } from '../network/hyper';
import { wireSpec } from '../network/analyze';
import { presetSpec, type PresetId } from '../network/presets';
import { defaultLayer, emptySpec, type NetworkSpec } from '../network/spec';
import type { HostDataset, TrainerBackend } from './backend';
import { CpuBackend } from './cpu-backend';
import { GpuBackend } from './gpu-backend';
import { permutation, Prng } from './prng';
import { sampleIndices } from './test-sample';

function syntheticDataset(count: number): HostDataset {
  const p = new Prng(99);
  const images = Uint8Array.from({ length: count * 784 }, () => (p.next() < 0.8 ? 0 : p.int(256)));
  const labels = Uint8Array.from({ length: count }, () => p.int(10));
  const split = { images, labels, capacity: count, available: count };
  return { pixels: 784, train: split, test: { ...split } };
}

async function compare(preset: PresetId | NetworkSpec, hyper: Hyperparams, steps: number) {
  const { device } = await getTestGpu();
  const errors: string[] = [];
  const gpu = new GpuBackend(
    device,
    () => errors.push('lost'),
    (m) => errors.push(m),
  );
  const cpu = new CpuBackend();
  const spec = typeof preset === 'string' ? presetSpec(preset) : preset;
  const desc = describeModel([1, 28, 28], wireSpec(spec).layers);
  const data = syntheticDataset(101);
  const order = permutation(101, new Prng(3));
  const prng = new Prng(1);
  const state = initialState(desc, () => prng.next());
  const backends: TrainerBackend[] = [gpu, cpu];
  for (const b of backends) {
    b.syncDataset(data, 'train', 0, 101);
    b.syncDataset(data, 'test', 0, 101);
    b.build(desc, hyper, { params: state.params.slice(), buffers: state.buffers.slice() });
    b.setOrder(order);
    for (let s = 0; s < steps; s++) b.step(s * hyper.batchSize, s);
  }
  const [g, c] = [await gpu.readState(), await cpu.readState()];
  expectClose(g.params, c.params, { atol: 2e-5, rtol: 1e-3 });
  // BatchNorm running statistics live in the buffers array.
  expectClose(g.buffers, c.buffers, { atol: 1e-5, rtol: 1e-4 });
  const [gs, cs] = [await gpu.takeSums(), await cpu.takeSums()];
  expect(gs.samples).toBe(cs.samples);
  expect(gs.correct).toBe(cs.correct);
  expect(gs.loss).toBeCloseTo(cs.loss, 3);
  const full = await gpu.evaluate(101);
  expectClose(full, await cpu.evaluate(101), { atol: 1e-4, rtol: 1e-3 });
  // The test sample (37 records, not a whole number of batches) gives those records' rows of the full
  // evaluation on both; afterwards the full evaluation is unchanged (the GPU's test order grew).
  const indices = sampleIndices(101, 37);
  const rows = Float32Array.from(
    { length: 37 * 10 },
    (_, k) => full[indices[Math.floor(k / 10)] * 10 + (k % 10)],
  );
  expectClose(await gpu.evaluateSample(indices), rows, { atol: 1e-5, rtol: 1e-4 });
  expectClose(await cpu.evaluateSample(indices), rows, { atol: 1e-4, rtol: 1e-3 });
  expectClose(await gpu.evaluate(101), full, { atol: 0, rtol: 0 });
  // Predictions and per-layer activations for one image (the draw pad and the feature-map views).
  const image = Float32Array.from({ length: 784 }, () => prng.next() * 3 - 0.5);
  expectClose(await gpu.predict(image, 1), await cpu.predict(image, 1), { atol: 1e-4, rtol: 1e-3 });
  const [ga, ca] = [await gpu.activations(image), await cpu.activations(image)];
  expect(ga.map((a) => a.length)).toEqual(desc.layers.map((l) => l.outShape.reduce((x, y) => x * y, 1)));
  ga.forEach((a, i) => expectClose(a, ca[i], { atol: 1e-4, rtol: 1e-3 }));
  gpu.destroy();
  cpu.destroy();
  expect(errors).toEqual([]);
}

describe('WebGPU backend = CPU backend', () => {
  const adam: Hyperparams = { ...DEFAULT_HYPER, optimizer: 'adam', lr: 0.003, batchSize: 16 };
  const sgd: Hyperparams = { ...DEFAULT_HYPER, optimizer: 'sgd', lr: 0.05, momentum: 0.9, batchSize: 13 };
  it('tiny-cnn, Adam, 3 steps', () => compare('tiny-cnn', adam, 3));
  it('LeNet-5 (pools), SGD with momentum, batch 13, 3 steps', () => compare('lenet-5', sgd, 3));
  it('MLP, SGD, batch 1, 2 steps', () => compare('mlp', { ...sgd, batchSize: 1 }, 2));
  // SGD here: a conv bias before BatchNorm has a gradient that is pure rounding noise, which Adam would
  // normalise into full-size steps of arbitrary sign on each backend.
  it('BatchNorm2d, Dropout, AvgPool2d and LeakyReLU, SGD with weight decay, 3 steps', () => {
    const spec = emptySpec();
    spec.layers = [
      { ...defaultLayer('Conv2d'), out_channels: 4, padding: 1 },
      { ...defaultLayer('BatchNorm2d'), num_features: 4 },
      { ...defaultLayer('LeakyReLU'), negative_slope: 0.1 },
      { ...defaultLayer('AvgPool2d') },
      { ...defaultLayer('Dropout'), p: 0.3 },
      defaultLayer('Flatten'),
      { ...defaultLayer('Linear'), in_features: 4 * 14 * 14, out_features: 10 },
    ];
    return compare(spec, { ...sgd, weightDecay: 0.01 }, 3);
  });
  it('Unflatten, ConvTranspose2d, Tanh and Sigmoid, Adam, 2 steps', () => {
    const spec = emptySpec();
    spec.layers = [
      defaultLayer('Flatten'),
      { ...defaultLayer('Linear'), in_features: 784, out_features: 64 },
      defaultLayer('Tanh'),
      { ...defaultLayer('Unflatten'), unflattened_size: [1, 8, 8] },
      {
        ...defaultLayer('ConvTranspose2d'),
        out_channels: 2,
        stride: 2,
        padding: 1,
        output_padding: 1,
      },
      defaultLayer('Sigmoid'),
      defaultLayer('Flatten'),
      { ...defaultLayer('Linear'), in_features: 2 * 16 * 16, out_features: 10 },
    ];
    return compare(spec, adam, 2);
  });
});

describe('WebGPU backend metrics', () => {
  it('reads requested faster than they come back each cover exactly the steps before them', async () => {
    const { device } = await getTestGpu();
    const errors: string[] = [];
    const gpu = new GpuBackend(
      device,
      () => errors.push('lost'),
      (m) => errors.push(m),
    );
    const hyper: Hyperparams = { ...DEFAULT_HYPER, optimizer: 'sgd', lr: 0.05, batchSize: 8 };
    const desc = describeModel([1, 28, 28], wireSpec(presetSpec('mlp')).layers);
    const data = syntheticDataset(64);
    const prng = new Prng(5);
    gpu.syncDataset(data, 'train', 0, 64);
    gpu.build(
      desc,
      hyper,
      initialState(desc, () => prng.next()),
    );
    gpu.setOrder(permutation(64, new Prng(6)));
    // Five reports in flight at once: a step, then a read, without waiting.
    const reads = [];
    for (let s = 0; s < 5; s++) {
      gpu.step(s * 8, s);
      reads.push(gpu.takeSums());
    }
    const sums = await Promise.all(reads);
    gpu.destroy();
    expect(errors).toEqual([]);
    // Each read holds the one step queued since the read before it, however many are still mapped (a read
    // that waited for a busy buffer took the later steps too, and the trainer showed them under its step).
    for (const m of sums) {
      expect(m.steps).toBe(1);
      expect(m.samples).toBe(8);
    }
  });
});
