// The CPU model on the WebAssembly ops: LeNet-5 and a graph (residual Add, Concat, fan-out, GroupNorm,
// a depthwise conv: ops the wasm kernels leave to the reference) train like the reference ops, and give
// the same bits on one thread and two.
import { describe, expect, it } from 'vitest';
import type { CpuOps } from '../engine/cpu-ops';
import { referenceOps } from '../engine/cpu-ops';
import { randomFloat32 } from '../engine/reference/testing/conv';
import { expectSameBits } from '../engine/wasm/testing/bits';
import { wasmSuite } from '../engine/wasm/testing/suite';
import { expectClose } from '../gpu/testing/close';
import { CpuModel } from './cpu-model';
import { describeModel, type LayerDesc, type ModelDescription } from './describe';
import { initialState } from './init';

const BATCH = 16;
const STEPS = 6;

const LENET: LayerDesc[] = [
  { kind: 'Conv2d', in_channels: 1, out_channels: 6, kernel_size: 5, padding: 2 },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2 },
  { kind: 'Conv2d', in_channels: 6, out_channels: 16, kernel_size: 5 },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2 },
  { kind: 'Flatten' },
  { kind: 'Linear', in_features: 400, out_features: 120 },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 120, out_features: 84 },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 84, out_features: 10 },
];
const lenet = () => describeModel([1, 28, 28], LENET);

const GRAPH: LayerDesc[] = [
  { kind: 'Conv2d', id: 'a', in_channels: 1, out_channels: 4, kernel_size: 3, padding: 1 },
  { kind: 'ReLU', id: 'r' },
  { kind: 'Conv2d', id: 'dw', in_channels: 4, out_channels: 4, kernel_size: 3, padding: 1, groups: 4 },
  { kind: 'GroupNorm', id: 'g', num_groups: 2, num_channels: 4 },
  { kind: 'Add', id: 's', inputs: ['g', 'r'] },
  { kind: 'Concat', id: 'c', inputs: ['s', 'a'] },
  { kind: 'MaxPool2d', id: 'p', kernel_size: 2, stride: 2 },
  { kind: 'Flatten', id: 'f' },
  { kind: 'Linear', id: 'fc', in_features: 8 * 14 * 14, out_features: 10 },
];

/** Seeded PyTorch-default weights and a few random batches with labels, trained with SGD momentum. */
function train(desc: ModelDescription, ops: CpuOps, lr: number) {
  let s = 7;
  const init = initialState(desc, () => (s = (s * 16807) % 2147483647) / 2147483647);
  const sgd = { kind: 'sgd' as const, lr, momentum: 0.9, nesterov: false, weightDecay: 0 };
  const m = new CpuModel(desc, BATCH, sgd, 3, { ops });
  m.params.set(init.params);
  m.buffers.set(init.buffers);
  const losses: number[] = [];
  for (let k = 0; k < STEPS; k++) {
    m.input.set(randomFloat32(BATCH * 784, 100 + k));
    m.labels.set(Array.from({ length: BATCH }, (_, i) => (i * 3 + k) % 10));
    losses.push(m.step(k).lossSum / BATCH);
  }
  return { losses, params: m.params.slice() };
}

describe('the CPU model on the wasm ops', () => {
  const one = wasmSuite(1);
  const two = wasmSuite(2);
  for (const [name, desc, lr] of [
    ['LeNet-5', lenet, 0.05],
    [
      'a graph with fan-out, Add, Concat, GroupNorm and a depthwise conv',
      () => describeModel([1, 28, 28], GRAPH),
      0.005,
    ],
  ] as const) {
    it(`${name}: trains like the reference ops, step for step`, () => {
      const want = train(desc(), referenceOps, lr);
      const got = train(desc(), one.ops(), lr);
      // Float32 sums in another order: the weights drift apart by rounding only.
      expectClose(got.losses, want.losses, { atol: 1e-4, rtol: 1e-4 });
      expectClose(got.params, want.params, { atol: 1e-4, rtol: 1e-3 });
      expect(got.losses[STEPS - 1]).toBeLessThan(got.losses[0]);
    });

    it(`${name}: the same bits on one thread and two`, () => {
      const a = train(desc(), one.ops(), lr);
      const b = train(desc(), two.ops(), lr);
      expect(b.losses).toEqual(a.losses);
      expectSameBits(b.params, a.params, 'params');
    });
  }
});
