// Per-batch augmentation on the GPU: the GPU backend augments each training batch in its gather kernel
// and trains as the CPU backend does with the reference gather on the same host arrays, the images never
// re-sent; a mid-run change of the amounts, noise turned off included, reaches both.
import { describe, expect, it } from 'vitest';
import { expectClose } from '../gpu/testing/close';
import { getTestGpu } from '../gpu/testing/test-device';
import { describeModel } from '../model/describe';
import { initialState } from '../model/init';
import { wireSpec } from '../network/analyze';
import { DEFAULT_HYPER } from '../network/hyper';
import { L, net } from '../network/testing/build';
import type { TrainerBackend } from './backend';
import { CpuBackend } from './cpu-backend';
import { GpuBackend } from './gpu-backend';
import { userHostDataset } from './host-dataset';
import { permutation, Prng } from './prng';

describe('augmented batches on the GPU', () => {
  it('train as on the CPU, the images uploaded once', async () => {
    const { device } = await getTestGpu();
    const errors: string[] = [];
    const gpu = new GpuBackend(
      device,
      () => errors.push('lost'),
      (m) => errors.push(m),
    );
    const cpu = new CpuBackend();
    const p = new Prng(7);
    const split = (n: number) => ({
      images: Uint8Array.from({ length: n * 300 }, () => (p.next() < 0.7 ? 0 : p.int(256))),
      labels: Uint8Array.from({ length: n }, (_, i) => i % 3),
    });
    // 3×10×10 colour images, 37 of them repeated to a whole largest batch.
    const data = userHostDataset(
      { pixels: 300, shape: [3, 10, 10], classNames: ['a', 'b', 'c'], train: split(37), test: split(5) },
      64,
    );
    const given = data.train.images.slice();
    const spec = net([L('Flatten'), L('Linear', { in_features: 300, out_features: 3 })]);
    const desc = describeModel(
      [3, 10, 10],
      wireSpec({ ...spec, input: { ...spec.input, shape: [3, 10, 10] } }).layers,
    );
    const augment = {
      shift: 2,
      rotate: 20,
      scale: 0.2,
      flip: true,
      brightness: 0.2,
      contrast: 0.2,
      noise: 0.05,
    };
    const hyper = { ...DEFAULT_HYPER, batchSize: 15, optimizer: 'sgd' as const, lr: 0.05, seed: 11, augment };
    const prng = new Prng(1);
    const state = initialState(desc, () => prng.next());
    const backends: TrainerBackend[] = [gpu, cpu];
    for (const b of backends) {
      b.syncDataset(data, 'train', 0, data.train.available);
      b.syncDataset(data, 'test', 0, data.test.available);
      b.build(desc, hyper, { params: state.params.slice(), buffers: state.buffers.slice() });
    }
    for (let epoch = 0; epoch < 3; epoch++) {
      const order = permutation(data.train.available, new Prng(epoch));
      for (const b of backends) {
        // The second epoch with other amounts (only the gather's uniforms change), the third without
        // noise (the GPU gathers through another pipeline).
        if (epoch === 1) b.setHyper({ ...hyper, augment: { ...augment, shift: 1, rotate: 40 } });
        if (epoch === 2) b.setHyper({ ...hyper, augment: { ...augment, noise: 0 } });
        b.setOrder(order);
        for (let s = 0; s < 3; s++) b.step(s * 15, epoch * 3 + s);
      }
    }
    const [g, c] = [await gpu.readState(), await cpu.readState()];
    expectClose(g.params, c.params, { atol: 2e-5, rtol: 1e-3 });
    // Without augmentation the same steps end elsewhere: the augmentation did change the batches.
    const plain = new CpuBackend();
    plain.syncDataset(data);
    plain.build(
      desc,
      { ...hyper, augment: undefined },
      { params: state.params.slice(), buffers: state.buffers.slice() },
    );
    for (let epoch = 0; epoch < 3; epoch++) {
      plain.setOrder(permutation(data.train.available, new Prng(epoch)));
      for (let s = 0; s < 3; s++) plain.step(s * 15, epoch * 3 + s);
    }
    const off = await plain.readState();
    expect(Math.max(...off.params.map((v, i) => Math.abs(v - c.params[i])))).toBeGreaterThan(1e-3);
    expect(data.train.images).toEqual(given);
    expect(errors).toEqual([]);
    gpu.destroy();
    cpu.destroy();
    plain.destroy();
  });

  it('train 96×96 colour images through a convolution as on the CPU', async () => {
    const { device } = await getTestGpu();
    const errors: string[] = [];
    const gpu = new GpuBackend(
      device,
      () => errors.push('lost'),
      (m) => errors.push(m),
    );
    const cpu = new CpuBackend();
    const p = new Prng(3);
    const pixels = 3 * 96 * 96;
    const split = (n: number) => ({
      images: Uint8Array.from({ length: n * pixels }, () => p.int(256)),
      labels: Uint8Array.from({ length: n }, (_, i) => i % 2),
    });
    const data = userHostDataset(
      { pixels, shape: [3, 96, 96], classNames: ['a', 'b'], train: split(3), test: split(2) },
      4,
    );
    const spec = net([
      L('Conv2d', { in_channels: 3, out_channels: 2, kernel_size: 5, stride: 4 }),
      L('Flatten'),
      L('Linear', { in_features: 2 * 23 * 23, out_features: 2 }),
    ]);
    const desc = describeModel(
      [3, 96, 96],
      wireSpec({ ...spec, input: { ...spec.input, shape: [3, 96, 96] } }).layers,
    );
    const augment = {
      shift: 4,
      rotate: 10,
      scale: 0.1,
      flip: true,
      brightness: 0.1,
      contrast: 0.1,
      noise: 0.02,
    };
    const hyper = { ...DEFAULT_HYPER, batchSize: 2, optimizer: 'sgd' as const, lr: 0.01, seed: 4, augment };
    const prng = new Prng(2);
    const state = initialState(desc, () => prng.next());
    for (const b of [gpu, cpu] as TrainerBackend[]) {
      b.syncDataset(data, 'train', 0, data.train.available);
      b.syncDataset(data, 'test', 0, data.test.available);
      b.build(desc, hyper, { params: state.params.slice(), buffers: state.buffers.slice() });
      b.setOrder(Uint32Array.from([2, 0, 1, 3]));
      b.step(0, 0);
      b.step(2, 1);
    }
    const [g, c] = [await gpu.readState(), await cpu.readState()];
    expectClose(g.params, c.params, { atol: 2e-5, rtol: 1e-3 });
    expect(errors).toEqual([]);
    gpu.destroy();
    cpu.destroy();
  });
});
