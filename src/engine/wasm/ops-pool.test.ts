import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps } from '../cpu-ops';
import { loadFixture } from '../fixtures/load';
import {
  avgPool2dGeometry,
  maxPool2dGeometry,
  pooledShape,
  type AvgPool2dParams,
  type MaxPool2dParams,
} from '../ops/pool-geometry';
import { randomFloat32 } from '../reference/testing/conv';
import {
  avgCaseParams,
  maxCaseParams,
  withNans,
  type AvgCase,
  type MaxCase,
} from '../reference/pool-fixture';
import { expectSameBits } from './testing/bits';
import { wasmSuite } from './testing/suite';

const fixtures = loadFixture('pool');
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

const MAX: [number[], MaxPool2dParams][] = [
  // LeNet's pools: the 2x2 stride-2 path, 4 outputs at a time, the last group partial (14 = 3*4 + 2,
  // 5 = 4 + 1).
  [[3, 6, 28, 28], { kernelSize: 2, stride: 2 }],
  [[2, 16, 10, 10], { kernelSize: 2, stride: 2 }],
  // Odd input: the last row and column are never read.
  [[1, 3, 11, 19], { kernelSize: 2 }],
  [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }],
  [[2, 3, 5, 5], { kernelSize: 2, ceilMode: true }],
  [[1, 2, 9, 7], { kernelSize: [3, 2], stride: [4, 3], padding: 1, ceilMode: true }],
  [[1, 1, 8, 8], { kernelSize: 3, stride: [1, 2], padding: [1, 0], dilation: 2 }],
];

const AVG: [number[], AvgPool2dParams][] = [
  [[2, 3, 10, 10], { kernelSize: 2 }],
  [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
  [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }],
  [[2, 3, 5, 5], { kernelSize: 2, stride: 3, padding: 1, ceilMode: true }],
  [[1, 2, 6, 7], { kernelSize: [4, 5], stride: [3, 2], padding: 2, countIncludePad: false }],
];

/** Values with ties and NaNs, so the scan-order and NaN rules are exercised. */
function awkward(n: number, seed: number): Float32Array {
  const x = randomFloat32(n, seed).map((v) => Math.round(v * 4) / 4);
  for (let i = 5; i < n; i += 97) x[i] = NaN;
  return x;
}

describe('wasm max_pool2d matches the reference bit for bit (ties, NaN, every window shape)', () => {
  const suite = wasmSuite();
  for (const [shape, params] of MAX) {
    it(`${JSON.stringify(params)} on [${shape}]`, () => {
      const w = suite.staged();
      const x = awkward(size(shape), 3);
      const out = size(pooledShape(maxPool2dGeometry(shape, params)));
      const [y, yRef] = [new Float32Array(out).fill(-1), new Float32Array(out)];
      const [indices, indicesRef] = [new Uint32Array(out).fill(9999), new Uint32Array(out)];
      w.maxPool2dForward({ x, y, indices, shape, params });
      referenceOps.maxPool2dForward({ x, y: yRef, indices: indicesRef, shape, params });
      expectSameBits(indices, indicesRef, 'indices');
      expectSameBits(y, yRef, 'y');
      const dy = randomFloat32(out, 4);
      // -0 must come back as +0 (the reference adds it to 0), and NaN as NaN.
      dy.set([-0, NaN], out - 2);
      const [dx, dxRef] = [new Float32Array(size(shape)).fill(NaN), new Float32Array(size(shape))];
      w.maxPool2dBackward({ dy, indices, dx, shape, params });
      referenceOps.maxPool2dBackward({ dy, indices, dx: dxRef, shape, params });
      expectSameBits(dx, dxRef, 'dx');
    });
  }
});

describe('wasm avg_pool2d matches the reference', () => {
  const suite = wasmSuite();
  for (const [shape, params] of AVG) {
    it(`${JSON.stringify(params)} on [${shape}]`, () => {
      const w = suite.staged();
      const x = randomFloat32(size(shape), 5);
      const out = size(pooledShape(avgPool2dGeometry(shape, params)));
      const [y, yRef] = [new Float32Array(out).fill(NaN), new Float32Array(out)];
      w.avgPool2dForward({ x, y, shape, params });
      referenceOps.avgPool2dForward({ x, y: yRef, shape, params });
      expectClose(y, yRef, { atol: 0, rtol: 0 });
      const dy = randomFloat32(out, 6);
      const [dx, dxRef] = [new Float32Array(size(shape)).fill(NaN), new Float32Array(size(shape))];
      w.avgPool2dBackward({ dy, dx, shape, params });
      referenceOps.avgPool2dBackward({ dy, dx: dxRef, shape, params });
      expectClose(dx, dxRef, { atol: 0, rtol: 0 });
    });
  }
});

describe('wasm pooling matches the PyTorch golden fixtures', () => {
  const suite = wasmSuite();
  for (const [i, c] of (fixtures.max_pool2d as unknown as MaxCase[]).entries()) {
    it(`max_pool2d case ${i}`, () => {
      const w = suite.staged();
      const params = maxCaseParams(c);
      const y = new Float32Array(size(c.y_shape));
      const indices = new Uint32Array(y.length);
      w.maxPool2dForward({ x: withNans(c.x, c.x_nan_at), y, indices, shape: c.shape, params });
      expect(Array.from(indices)).toEqual(c.indices);
      expect(Array.from(y)).toEqual(Array.from(withNans(c.y, c.y_nan_at)));
      const dx = new Float32Array(size(c.shape));
      w.maxPool2dBackward({ dy: Float32Array.from(c.dy), indices, dx, shape: c.shape, params });
      expectClose(dx, c.dx, { atol: 1e-6, rtol: 1e-6 });
    });
  }
  for (const [i, c] of (fixtures.avg_pool2d as unknown as AvgCase[]).entries()) {
    it(`avg_pool2d case ${i}`, () => {
      const w = suite.staged();
      const params = avgCaseParams(c);
      const y = new Float32Array(size(c.y_shape));
      w.avgPool2dForward({ x: Float32Array.from(c.x), y, shape: c.shape, params });
      expectClose(y, c.y, { atol: 1e-6, rtol: 1e-6 });
      const dx = new Float32Array(size(c.shape));
      w.avgPool2dBackward({ dy: Float32Array.from(c.dy), dx, shape: c.shape, params });
      expectClose(dx, c.dx, { atol: 1e-6, rtol: 1e-6 });
    });
  }
});

describe('wasm pooling refuses bad input with the reference messages', () => {
  const suite = wasmSuite();
  it('names the wrong length and the window outside the input', () => {
    const ops = suite.ops();
    const idx = (n: number) => new Uint32Array(ops.alloc(n).buffer, 0, n);
    expect(() =>
      ops.maxPool2dForward({
        x: ops.alloc(15),
        y: ops.alloc(4),
        indices: idx(4),
        shape: [1, 1, 4, 4],
        params: { kernelSize: 2 },
      }),
    ).toThrow(/max_pool2d: x has 15 elements, expected 16/);
    expect(() =>
      ops.avgPool2dForward({
        x: ops.alloc(4),
        y: ops.alloc(1),
        shape: [1, 1, 2, 2],
        params: { kernelSize: 3 },
      }),
    ).toThrow(/too small for this window/);
  });
});
