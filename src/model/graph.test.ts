// Graph models on the CPU backend: a residual Add and a Concat over outputs that fan out, and a U-Net-like
// skip path, give PyTorch's outputs and gradients, and their gradients agree with finite differences.
import { describe, it } from 'vitest';
import { dot, seededValues } from '../engine/reference/gradcheck';
import { expectClose } from '../gpu/testing/close';
import { CpuModel } from './cpu-model';
import { describeModel, type LayerDesc } from './describe';
import { graphCases, paramSlices } from './testing/graph-fixtures';

const SGD = { kind: 'sgd' as const, lr: 0, momentum: 0, nesterov: false, weightDecay: 0 };
const TOL = { atol: 1e-4, rtol: 1e-4 };

function model(c: ReturnType<typeof graphCases>[number]): CpuModel {
  const m = new CpuModel(c.desc, c.batch, SGD, 1, { loss: 'none', inputGrad: true });
  m.params.set(c.params);
  m.input.set(c.x);
  return m;
}

describe('graph models on the CPU backend', () => {
  for (const c of graphCases()) {
    it(`${c.name}: forward, parameter and input gradients match PyTorch`, () => {
      const m = model(c);
      expectClose(m.forward(false), c.y, TOL);
      m.forward(true, 0);
      m.outputGrad.set(c.dy);
      m.backward(0);
      paramSlices(c.desc).forEach((s, i) =>
        expectClose(m.grads.subarray(s.offset, s.offset + s.size), c.dparams[i], TOL),
      );
      expectClose(m.inputGrad, c.dx, TOL);
    });
  }
});

// Smooth everywhere (no ReLU or max kinks), so central differences converge: fan-out into an Add and a
// Concat, a skip from the network input, GroupNorm, Upsample and AvgPool.
const SMOOTH: LayerDesc[] = [
  { kind: 'Conv2d', id: 'a', in_channels: 2, out_channels: 4, kernel_size: 3, padding: 1 },
  { kind: 'Tanh', id: 't' },
  { kind: 'Conv2d', id: 'b', in_channels: 4, out_channels: 4, kernel_size: 3, padding: 1, groups: 2 },
  { kind: 'Add', id: 's', inputs: ['b', 't', 'a'] },
  { kind: 'GroupNorm', id: 'g', num_groups: 2, num_channels: 4 },
  { kind: 'AvgPool2d', id: 'p', kernel_size: 2, stride: 2 },
  { kind: 'Upsample', id: 'u', scale_factor: 2, mode: 'bilinear' },
  { kind: 'Concat', id: 'c', inputs: ['u', 't', 'input'] },
  { kind: 'SiLU', id: 'act' },
  { kind: 'Flatten', id: 'f' },
  { kind: 'Linear', id: 'fc', in_features: 10 * 4 * 4, out_features: 3 },
];

describe('graph gradients on the CPU backend', () => {
  it('agree with central finite differences of Σ y·dy for every parameter and input value', () => {
    const batch = 2;
    const desc = describeModel([2, 4, 4], SMOOTH);
    const m = new CpuModel(desc, batch, SGD, 1, { loss: 'none', inputGrad: true });
    m.params.set(seededValues(m.params.length, 3, -0.5, 0.5));
    m.input.set(seededValues(m.input.length, 4));
    const dy = Float32Array.from(seededValues(batch * 3, 5));
    const objective = () => dot(m.forward(true, 0), dy);
    m.forward(true, 0);
    m.outputGrad.set(dy);
    m.backward(0);
    const analytic = Float64Array.from(m.grads);
    const input = Float64Array.from(m.inputGrad);
    const h = 1e-2;
    const probe = (array: Float32Array, i: number) => {
      const keep = array[i];
      array[i] = keep + h;
      const up = objective();
      array[i] = keep - h;
      const down = objective();
      array[i] = keep;
      return (up - down) / (2 * h);
    };
    const numeric = (array: Float32Array, indices: number[]) => indices.map((i) => probe(array, i));
    const paramIndices = paramSlices(desc).flatMap((s) =>
      Array.from({ length: s.size }, (_, k) => s.offset + k),
    );
    expectClose(
      numeric(m.params, paramIndices),
      paramIndices.map((i) => analytic[i]),
      { atol: 2e-3, rtol: 2e-2 },
    );
    const inputIndices = Array.from({ length: m.input.length }, (_, i) => i);
    expectClose(
      numeric(m.input, inputIndices),
      inputIndices.map((i) => input[i]),
      { atol: 2e-3, rtol: 2e-2 },
    );
  });
});
