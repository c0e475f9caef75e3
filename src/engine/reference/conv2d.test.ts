import { describe, expect, it } from 'vitest';
import { conv2dBackwardBias, conv2dBackwardInput, conv2dBackwardWeight, conv2dForward } from './conv2d';
import { conv2dGeometry, conv2dOutputShape, type Conv2dParams } from '../ops/conv-geometry';
import { checkConvFixture, checkConvGradients, host, type ConvReference } from './testing/conv';
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
  { name: 'groups 2', x: [2, 4, 5, 4], w: [6, 2, 3, 3], params: { groups: 2, padding: 1 } },
  { name: 'depthwise', x: [2, 3, 5, 5], w: [3, 1, 3, 3], params: { groups: 3, padding: 1 } },
  {
    name: 'depthwise x2, stride 2, dilation',
    x: [1, 2, 7, 6],
    w: [4, 1, 2, 3],
    params: { groups: 2, stride: 2, dilation: [1, 2], padding: [0, 1] },
  },
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

  it('names a groups mismatch the way PyTorch does', () => {
    expect(() => conv2dGeometry([1, 4, 5, 5], [6, 1, 3, 3], { groups: 3 })).toThrow(
      /in_channels 4 must be divisible by groups 3/,
    );
    expect(() => conv2dGeometry([1, 4, 5, 5], [3, 2, 3, 3], { groups: 2 })).toThrow(
      /out_channels 3 must be divisible by groups 2/,
    );
    expect(() => conv2dGeometry([1, 4, 5, 5], [4, 1, 3, 3], { groups: 2 })).toThrow(
      /expects 2 input channels \(1 per group x 2 groups\), input has 4/,
    );
    expect(() => conv2dGeometry([1, 4, 5, 5], [4, 1, 3, 3], { groups: 0 })).toThrow(
      /groups must be an integer >= 1, got 0/,
    );
  });

  it('computes a grouped conv as its groups run apart, each a dense conv on its channel slice (bit for bit)', () => {
    const [x, w] = [host([2, 4, 5, 4], 5), host([6, 2, 3, 3], 6)];
    const y = host([2, 6, 5, 4]);
    conv2dForward({ x, weight: w, y, params: { groups: 2, padding: 1 } });
    for (const g of [0, 1]) {
      const xs = host([2, 2, 5, 4]);
      const ws = { data: w.data.slice(g * 54, (g + 1) * 54), shape: [3, 2, 3, 3] };
      for (let b = 0; b < 2; b++)
        xs.data.set(x.data.subarray((b * 4 + 2 * g) * 20, (b * 4 + 2 * g + 2) * 20), b * 40);
      const ys = host([2, 3, 5, 4]);
      conv2dForward({ x: xs, weight: ws, y: ys, params: { padding: 1 } });
      for (let b = 0; b < 2; b++) {
        const part = y.data.subarray((b * 6 + 3 * g) * 20, (b * 6 + 3 * g + 3) * 20);
        expect(Array.from(part)).toEqual(Array.from(ys.data.subarray(b * 60, (b + 1) * 60)));
      }
    }
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
