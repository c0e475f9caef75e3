import { describe, expect, it } from 'vitest';
import {
  convTranspose2dBackwardBias,
  convTranspose2dBackwardInput,
  convTranspose2dBackwardWeight,
  convTranspose2dForward,
} from './conv-transpose2d';
import { convTranspose2dGeometry, type ConvTranspose2dParams } from '../ops/conv-geometry';
import { checkConvFixture, checkConvGradients, type ConvReference } from './testing/conv';
import { convFixtures } from './conv-fixtures';

const CASES: { name: string; x: number[]; w: number[]; params: ConvTranspose2dParams }[] = [
  { name: 'plain 3x3', x: [2, 2, 3, 4], w: [2, 3, 3, 3], params: {} },
  {
    name: 'stride 2, padding, output_padding',
    x: [1, 2, 3, 3],
    w: [2, 2, 3, 3],
    params: { stride: 2, padding: 1, outputPadding: 1 },
  },
  {
    name: 'dilation 2 with output_padding',
    x: [1, 1, 4, 3],
    w: [1, 2, 2, 3],
    params: { dilation: 2, outputPadding: [1, 0], stride: [1, 2] },
  },
  { name: 'stride > kernel', x: [2, 3, 3, 2], w: [3, 1, 2, 2], params: { stride: 3, padding: 1 } },
  { name: '1x1 kernel', x: [1, 3, 2, 3], w: [3, 2, 1, 1], params: {} },
  {
    name: 'groups 2, stride 2',
    x: [2, 4, 3, 3],
    w: [4, 3, 3, 3],
    params: { groups: 2, stride: 2, padding: 1, outputPadding: 1 },
  },
  { name: 'depthwise', x: [1, 3, 3, 4], w: [3, 1, 3, 2], params: { groups: 3, padding: [1, 0] } },
];

const CONV_TRANSPOSE2D: ConvReference = {
  forward: convTranspose2dForward,
  backwardInput: convTranspose2dBackwardInput,
  backwardWeight: convTranspose2dBackwardWeight,
  backwardBias: convTranspose2dBackwardBias,
  outputShape: (xShape, wShape, params) => {
    const g = convTranspose2dGeometry(xShape, wShape, params);
    return [g.n, g.cin, g.h, g.w];
  },
};

describe('conv_transpose2d CPU reference gradients match float64 central differences', () => {
  for (const c of CASES) it(c.name, () => checkConvGradients(CONV_TRANSPOSE2D, c, 5));
});

describe('conv_transpose2d CPU reference matches PyTorch golden fixtures (atol 1e-5, rtol 1e-5)', () => {
  for (const f of convFixtures('conv_transpose2d')) it(f.name, () => checkConvFixture(CONV_TRANSPOSE2D, f));
});

describe('conv_transpose2d geometry', () => {
  it('computes PyTorch output size (H-1)s - 2p + d(k-1) + output_padding + 1', () => {
    const g = convTranspose2dGeometry([1, 1, 5, 4], [1, 1, 3, 2], {
      stride: 2,
      padding: 1,
      dilation: [1, 2],
      outputPadding: 1,
    });
    expect([g.h, g.w]).toEqual([(5 - 1) * 2 - 2 + 2 + 1 + 1, (4 - 1) * 2 - 2 + 2 + 1 + 1]);
  });

  it('rejects in_channels that groups do not divide', () => {
    expect(() => convTranspose2dGeometry([1, 3, 3, 3], [3, 1, 3, 3], { groups: 2 })).toThrow(
      /conv_transpose2d: in_channels 3 must be divisible by groups 2/,
    );
    expect(convTranspose2dGeometry([1, 4, 3, 3], [4, 3, 3, 3], { groups: 2 }).cin).toBe(6);
  });

  it('rejects output_padding not smaller than stride or dilation', () => {
    expect(() =>
      convTranspose2dGeometry([1, 1, 3, 3], [1, 1, 3, 3], { stride: 2, outputPadding: 2 }),
    ).toThrow(/output_padding \[2,2\] must be smaller than stride \[2,2\] or dilation \[1,1\]/);
    expect(() =>
      convTranspose2dGeometry([1, 1, 3, 3], [1, 1, 3, 3], { dilation: 2, outputPadding: 1 }),
    ).not.toThrow();
  });

  it('rejects padding that leaves no output', () => {
    expect(() => convTranspose2dGeometry([1, 1, 1, 1], [1, 1, 1, 1], { padding: 1 })).toThrow(
      /output would be -1x-1/,
    );
  });
});
