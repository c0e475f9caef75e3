import { describe, expect, it } from 'vitest';
import { loadFixture } from '../fixtures/load';
import { expectClose } from '../../gpu/testing/close';
import { maxPool2dGeometry, avgPool2dGeometry, pooledShape } from '../ops/pool-geometry';
import type { AvgPool2dParams, MaxPool2dParams } from '../ops/pool-geometry';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from './pool';
import { dot, numericGradient, seededValues } from './gradcheck';
import { avgCaseParams, maxCaseParams, type AvgCase, type MaxCase, withNans } from './pool-fixture';

const fixtures = loadFixture('pool');
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('max_pool2d reference against PyTorch', () => {
  for (const [i, c] of (fixtures.max_pool2d as unknown as MaxCase[]).entries()) {
    it(`case ${i}: ${JSON.stringify(maxCaseParams(c))} on [${c.shape}]`, () => {
      const params = maxCaseParams(c);
      expect(pooledShape(maxPool2dGeometry(c.shape, params))).toEqual(c.y_shape);
      const y = new Float32Array(size(c.y_shape));
      const indices = new Uint32Array(y.length);
      maxPool2dForward({ x: withNans(c.x, c.x_nan_at), y, indices, shape: c.shape, params });
      expect(Array.from(indices)).toEqual(c.indices);
      expect(Array.from(y)).toEqual(Array.from(withNans(c.y, c.y_nan_at)));
      const dx = new Float32Array(size(c.shape));
      maxPool2dBackward({ dy: Float32Array.from(c.dy), indices, dx, shape: c.shape, params });
      expectClose(dx, c.dx, { atol: 1e-6, rtol: 1e-6 });
    });
  }
});

describe('avg_pool2d reference against PyTorch', () => {
  for (const [i, c] of (fixtures.avg_pool2d as unknown as AvgCase[]).entries()) {
    it(`case ${i}: ${JSON.stringify(avgCaseParams(c))} on [${c.shape}]`, () => {
      const params = avgCaseParams(c);
      expect(pooledShape(avgPool2dGeometry(c.shape, params))).toEqual(c.y_shape);
      const y = new Float32Array(size(c.y_shape));
      avgPool2dForward({ x: Float32Array.from(c.x), y, shape: c.shape, params });
      expectClose(y, c.y, { atol: 1e-6, rtol: 1e-6 });
      const dx = new Float32Array(size(c.shape));
      avgPool2dBackward({ dy: Float32Array.from(c.dy), dx, shape: c.shape, params });
      expectClose(dx, c.dx, { atol: 1e-6, rtol: 1e-6 });
    });
  }
});

const shapes: [number[], MaxPool2dParams][] = [
  [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }],
  [[2, 3, 5, 5], { kernelSize: 2 }],
  [[1, 2, 9, 7], { kernelSize: [3, 2], stride: [4, 3], padding: 1, ceilMode: true }],
  [[1, 1, 8, 8], { kernelSize: 3, stride: [1, 2], padding: [1, 0], dilation: 2 }],
];

describe('pooling reference gradients by finite differences (float64)', () => {
  for (const [shape, params] of shapes) {
    it(`max_pool2d ${JSON.stringify(params)} on [${shape}]`, () => {
      const n = size(shape);
      // A shuffled ramp with gaps of 1/n: no ties, and no window max changes under a 1e-6 step.
      const x = Float64Array.from(seededValues(n, 7), (v, i) => ((i * 7919) % n) / n + v * 1e-3);
      const outShape = pooledShape(maxPool2dGeometry(shape, params));
      const y = new Float64Array(size(outShape));
      const indices = new Uint32Array(y.length);
      const r = seededValues(y.length, 3);
      const loss = (xs: Float64Array) => {
        maxPool2dForward({ x: xs, y, indices, shape, params });
        return dot(y, r);
      };
      const numeric = numericGradient(loss, x);
      loss(x);
      const dx = new Float64Array(n);
      maxPool2dBackward({ dy: r, indices, dx, shape, params });
      expectClose(dx, numeric, { atol: 1e-7, rtol: 1e-6 });
    });
  }

  const avgShapes: [number[], AvgPool2dParams][] = [
    [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
    [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }],
    [[2, 3, 5, 5], { kernelSize: 2, stride: 3, padding: 1, ceilMode: true }],
    [[1, 2, 6, 7], { kernelSize: [4, 5], stride: [3, 2], padding: 2, countIncludePad: false }],
  ];
  for (const [shape, params] of avgShapes) {
    it(`avg_pool2d ${JSON.stringify(params)} on [${shape}]`, () => {
      const x = seededValues(size(shape), 11);
      const y = new Float64Array(size(pooledShape(avgPool2dGeometry(shape, params))));
      const r = seededValues(y.length, 5);
      const numeric = numericGradient((xs) => {
        avgPool2dForward({ x: xs, y, shape, params });
        return dot(y, r);
      }, x);
      const dx = new Float64Array(x.length);
      avgPool2dBackward({ dy: r, dx, shape, params });
      expectClose(dx, numeric, { atol: 1e-8, rtol: 1e-6 });
    });
  }
});

describe('pooling geometry', () => {
  it('applies ceil_mode only while the last window starts inside the input or left padding', () => {
    // 5 wide, kernel 2, stride 2: floor gives 2, ceil gives 3 (window 2 starts at 4, inside the input).
    expect(maxPool2dGeometry([1, 1, 5, 5], { kernelSize: 2, ceilMode: true }).ow).toBe(3);
    expect(maxPool2dGeometry([1, 1, 5, 5], { kernelSize: 2 }).ow).toBe(2);
    // 5 wide, kernel 2, stride 3, padding 1: a 3rd window would start at 5 = input + left pad, so dropped.
    expect(avgPool2dGeometry([1, 1, 5, 5], { kernelSize: 2, stride: 3, padding: 1, ceilMode: true }).ow).toBe(
      2,
    );
  });

  it('refuses padding above half the kernel, as PyTorch does', () => {
    expect(() => maxPool2dGeometry([1, 1, 8, 8], { kernelSize: 3, padding: 2 })).toThrow(
      /padding \[2, 2\] must be at most half the kernel size \[3, 3\]/,
    );
    expect(() => avgPool2dGeometry([1, 1, 8, 8], { kernelSize: [4, 2], padding: [2, 2] })).toThrow(
      /at most half/,
    );
  });

  it('refuses inputs too small for the window, bad sizes and bad shapes', () => {
    expect(() => maxPool2dGeometry([1, 1, 2, 2], { kernelSize: 3 })).toThrow(/too small/);
    expect(() => maxPool2dGeometry([1, 1, 4, 4], { kernelSize: 0 })).toThrow(
      /kernelSize must be integers >= 1/,
    );
    expect(() => maxPool2dGeometry([1, 1, 4, 4], { kernelSize: 2, stride: 1.5 })).toThrow(/stride/);
    expect(() => maxPool2dGeometry([4, 4], { kernelSize: 2 })).toThrow(/NCHW/);
  });

  it('refuses dilated windows that fall entirely in padding', () => {
    expect(() =>
      maxPool2dGeometry([1, 1, 4, 4], { kernelSize: 2, stride: 1, padding: 1, dilation: 5 }),
    ).toThrow(/lies entirely in padding/);
  });
});
