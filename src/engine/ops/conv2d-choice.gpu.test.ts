// Which conv kernel each planner takes by shape and device, and how split-K cuts the weight gradient's sum.
import { describe, expect, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { conv2dGeometry } from './conv-geometry';
import {
  chooseConvKernel,
  correlateKernel,
  correlateTransposedKernel,
  isDepthwise,
  planCorrelateTransposed,
} from './conv-passes';
import { chooseWeightGradKernel, splitK } from './conv-grad-passes';
import { gpuRun } from './testing/conv-gpu';

describe('forward kernel choice', () => {
  const unit = conv2dGeometry([2, 6, 14, 14], [16, 6, 5, 5]);
  const strided = conv2dGeometry([2, 6, 14, 14], [16, 6, 5, 5], { stride: 2 });
  it('takes the quad kernel for 5+ channels where the device has quad lanes, else the direct ones', () => {
    expect(chooseConvKernel(unit, 16, true)).toBe('quad');
    expect(chooseConvKernel(unit, 5, true)).toBe('quad');
    expect(chooseConvKernel(unit, 4, true)).toBe('direct');
    expect(chooseConvKernel(unit, 16, false)).toBe('direct');
    expect(chooseConvKernel(unit, 6, false)).toBe('direct3');
    expect(chooseConvKernel(strided, 16, true)).toBe(4);
  });

  it("takes the depthwise kernels for one input channel a group, and the others by a group's channels", () => {
    const depthwise = conv2dGeometry([2, 8, 9, 9], [16, 1, 3, 3], { groups: 8, padding: 1 });
    expect(isDepthwise(depthwise)).toBe(true);
    expect(correlateKernel(depthwise, true)).toBe('depthwise');
    expect(correlateTransposedKernel(depthwise)).toBe('depthwise');
    expect(chooseWeightGradKernel(depthwise, true)).toBe('depthwise');
    // Stride 2: the forward and the transposed pass take the one-channel tile, the weight gradient stays.
    const strided = conv2dGeometry([2, 8, 9, 9], [8, 1, 3, 3], { groups: 8, stride: 2 });
    expect(correlateKernel(strided, true)).toBe(1);
    expect(correlateTransposedKernel(strided)).toBe(1);
    expect(chooseWeightGradKernel(strided, true)).toBe('depthwise');
    // groups = 1 with one input channel (LeNet conv1) keeps its dense kernels.
    const lenet1 = conv2dGeometry([2, 1, 28, 28], [6, 1, 5, 5], { padding: 2 });
    expect(isDepthwise(lenet1)).toBe(false);
    expect(correlateKernel(lenet1, true)).toBe('quad');
    expect(correlateTransposedKernel(lenet1)).toBe(1);
    const grouped = conv2dGeometry([2, 16, 14, 14], [32, 8, 5, 5], { groups: 2 });
    expect(isDepthwise(grouped)).toBe(false);
    expect(chooseWeightGradKernel(grouped, true)).toBe('quad');
    expect(chooseWeightGradKernel(conv2dGeometry([2, 16, 14, 14], [8, 4, 5, 5], { groups: 4 }), true)).toBe(
      'direct5',
    );
  });

  it('takes the quad weight-gradient kernel for 8+ channels where the device has quad lanes', () => {
    expect(chooseWeightGradKernel(unit, true)).toBe('quad');
    expect(chooseWeightGradKernel(unit, false)).toBe('direct5');
    expect(chooseWeightGradKernel(conv2dGeometry([2, 6, 14, 14], [6, 6, 5, 5]), true)).toBe('direct5');
    expect(chooseWeightGradKernel(strided, true)).toBe('tile');
  });

  it('refuses the quad kernel for a transposed pass', async () => {
    await gpuCheck((device) => {
      const r = gpuRun(device, 'quad-transposed');
      const [x, weight, y] = [
        r.put('x', [2, 6, 14, 14]),
        r.put('w', [16, 6, 5, 5]),
        r.put('y', [2, 16, 10, 10]),
      ];
      expect(() =>
        planCorrelateTransposed(r.ctx, 'bwd', unit, { x: y, weight, bias: null, y: x }, 'quad'),
      ).toThrow(/conv2d forward kernel only/);
    });
  });
});

describe('split-K sizing', () => {
  it('covers the reduction exactly, with no empty split and at most 256 partials', () => {
    for (const [length, tiles] of [
      [1792, 10],
      [640, 120],
      [1, 1],
      [307, 3],
      [100000, 1],
    ]) {
      const [splits, chunk] = splitK(length, tiles, 1);
      expect(splits * chunk).toBeGreaterThanOrEqual(length);
      expect((splits - 1) * chunk).toBeLessThan(length);
      expect(splits).toBeLessThanOrEqual(256);
    }
  });
});
