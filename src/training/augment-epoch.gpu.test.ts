// Each epoch's augmented images reach the GPU: a backend given them through syncDataset trains as the CPU
// backend does on the same host arrays (which it reads directly), epoch after epoch.
import { describe, expect, it } from 'vitest';
import { expectClose } from '../gpu/testing/close';
import { getTestGpu } from '../gpu/testing/test-device';
import { describeModel } from '../model/describe';
import { initialState } from '../model/init';
import { wireSpec } from '../network/analyze';
import { DEFAULT_HYPER } from '../network/hyper';
import { L, net } from '../network/testing/build';
import { augmentEpoch } from './augment-epoch';
import type { TrainerBackend } from './backend';
import { CpuBackend } from './cpu-backend';
import { GpuBackend } from './gpu-backend';
import { userHostDataset } from './host-dataset';
import { permutation, Prng } from './prng';

describe('augmented epochs on the GPU', () => {
  it('train as on the CPU, the images re-sent at each epoch', async () => {
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
    const spec = net([L('Flatten'), L('Linear', { in_features: 300, out_features: 3 })]);
    const desc = describeModel(
      [3, 10, 10],
      wireSpec({ ...spec, input: { ...spec.input, shape: [3, 10, 10] } }).layers,
    );
    const hyper = { ...DEFAULT_HYPER, batchSize: 16, optimizer: 'sgd' as const, lr: 0.05 };
    const prng = new Prng(1);
    const state = initialState(desc, () => prng.next());
    const settings = {
      shift: 2,
      rotate: 20,
      scale: 0.2,
      flip: true,
      brightness: 0.2,
      contrast: 0.2,
      noise: 0.05,
    };
    const backends: TrainerBackend[] = [gpu, cpu];
    for (const b of backends) {
      b.syncDataset(data, 'train', 0, data.train.available);
      b.syncDataset(data, 'test', 0, data.test.available);
      b.build(desc, hyper, { params: state.params.slice(), buffers: state.buffers.slice() });
    }
    for (let epoch = 0; epoch < 2; epoch++) {
      expect(augmentEpoch(data, settings, 11, epoch)).toBe(true);
      const order = permutation(data.train.available, new Prng(epoch));
      for (const b of backends) {
        b.syncDataset(data, 'train', 0, data.train.available);
        b.setOrder(order);
        for (let s = 0; s < 3; s++) b.step(s * 16, epoch * 3 + s);
      }
    }
    const [g, c] = [await gpu.readState(), await cpu.readState()];
    expectClose(g.params, c.params, { atol: 2e-5, rtol: 1e-3 });
    expect(errors).toEqual([]);
    gpu.destroy();
    cpu.destroy();
  });
});
