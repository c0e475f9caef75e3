import { describe, expect, it } from 'vitest';
import { conv2dBackwardBias, conv2dBackwardInput, conv2dBackwardWeight, conv2dForward } from './conv2d';
import { conv2dGeometry, conv2dOutputShape, type Conv2dParams } from '../ops/conv-geometry';
import { checkConvFixture, checkConvGradients, type ConvReference } from './conv-testing';
import { convFixtures } from './conv-fixtures';

const CASES: { name: string; x: number[]; w: number[]; params: Conv2dParams }[] = [
  { name: 'plain 3x3', x: [2, 2, 5, 4], w: [3, 2, 3, 3], params: {} },
  { name: 'stride 2 with padding', x: [1, 2, 7, 6], w: [2, 2, 3, 3], params: { stride: 2, padding: 1 } },
  { name: 'dilation 2', x: [1, 1, 7, 7], w: [2, 1, 3, 2], params: { dilation: 2, padding: [2, 1] } },
  {
    name: 'stride > kernel, max padding',
    x: [2, 3, 5, 5],
    w: [1, 3, 2, 2],
    params: { stride: 3, padding: 1 },
  },
  {
    name: 'rectangular options',
    x: [1, 2, 6, 9],
    w: [2, 2, 2, 3],
    params: { stride: [1, 2], dilation: [2, 1] },
  },
  { name: '1x1 kernel', x: [2, 3, 3, 2], w: [2, 3, 1, 1], params: {} },
];

const CONV2D: ConvReference = {
  forward: conv2dForward,
  backwardInput: conv2dBackwardInput,
  backwardWeight: conv2dBackwardWeight,
  backwardBias: conv2dBackwardBias,
  outputShape: conv2dOutputShape,
};

describe('conv2d CPU reference gradients match float64 central differences', () => {
  for (const c of CASES) it(c.name, () => checkConvGradients(CONV2D, c, 1));

  it('applies the fused ReLU after the bias', () => {
    const x = { data: new Float32Array([1, -2]), shape: [1, 1, 1, 2] };
    const weight = { data: new Float32Array([1]), shape: [1, 1, 1, 1] };
    const bias = { data: new Float32Array([0.5]), shape: [1] };
    const y = { data: new Float32Array(2), shape: [1, 1, 1, 2] };
    conv2dForward({ x, weight, bias, y, relu: true });
    expect(Array.from(y.data)).toEqual([1.5, 0]);
  });
});

describe('conv2d CPU reference matches PyTorch golden fixtures (atol 1e-5, rtol 1e-5)', () => {
  for (const f of convFixtures('conv2d')) it(f.name, () => checkConvFixture(CONV2D, f));
});

describe('conv2d geometry rejects bad input with a specific message', () => {
  it('names the mismatch', () => {
    expect(() => conv2dGeometry([1, 2, 5, 5], [3, 1, 3, 3])).toThrow(/expects 1 input channels, input has 2/);
    expect(() => conv2dGeometry([1, 1, 2, 2], [1, 1, 3, 3])).toThrow(/output would be 0x0/);
    expect(() => conv2dGeometry([1, 1, 5, 5], [1, 1, 3, 3], { stride: 0 })).toThrow(
      /stride must be integers >= 1/,
    );
    expect(() => conv2dGeometry([1, 5, 5], [1, 1, 3, 3])).toThrow(/4 positive dimensions/);
    expect(() => conv2dGeometry([1, 1, 5, 5], [1, 1, 3, 3], { padding: -1 })).toThrow(
      /padding must be integers >= 0/,
    );
  });

  it('computes PyTorch output sizes with separate height and width options', () => {
    const shape = conv2dOutputShape([2, 3, 13, 11], [4, 3, 3, 2], {
      stride: [2, 3],
      padding: [1, 0],
      dilation: [2, 1],
    });
    // floor((13 + 2 - 4 - 1) / 2) + 1 = 6, floor((11 - 1 - 1) / 3) + 1 = 4
    expect(shape).toEqual([2, 4, 6, 4]);
  });
});
