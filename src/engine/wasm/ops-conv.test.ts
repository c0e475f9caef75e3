import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps } from '../cpu-ops';
import {
  conv2dOutputShape,
  convTranspose2dOutputShape,
  type ConvTranspose2dParams,
} from '../ops/conv-geometry';
import { convFixtures } from '../reference/conv-fixtures';
import { checkConvFixture, randomFloat32, type ConvReference } from '../reference/testing/conv';
import type { HostTensor } from '../reference/conv2d';
import type { CpuOps } from '../cpu-ops';
import { wasmSuite } from './testing/suite';

// float32 on both sides, as the GPU conv tests: sums of up to ~9000 products of values in [-1, 1).
const TOL = { atol: 1e-4, rtol: 1e-4 };

interface Case {
  name: string;
  x: number[];
  w: number[];
  params: ConvTranspose2dParams;
  relu?: boolean;
}

const CONV2D: Case[] = [
  { name: 'LeNet conv1 1->6 k5 p2 on 28x28', x: [3, 1, 28, 28], w: [6, 1, 5, 5], params: { padding: 2 } },
  { name: 'LeNet conv2 6->16 k5 on 14x14', x: [3, 6, 14, 14], w: [16, 6, 5, 5], params: {}, relu: true },
  {
    name: 'batch 1, 7x11, 3->5, stride 2',
    x: [1, 3, 7, 11],
    w: [5, 3, 3, 3],
    params: { stride: 2, padding: 1 },
  },
  {
    name: 'stride 3 > kernel 2, 13x13',
    x: [2, 3, 13, 13],
    w: [4, 3, 2, 2],
    params: { stride: 3, padding: 1 },
  },
  { name: 'padding larger than the kernel', x: [1, 2, 5, 6], w: [3, 2, 3, 3], params: { padding: 4 } },
  { name: '1x1 kernel, 3->7', x: [3, 3, 5, 9], w: [7, 3, 1, 1], params: {} },
  { name: '307 outputs (prime), 1 channel', x: [1, 1, 309, 3], w: [1, 1, 3, 3], params: {} },
  {
    name: 'dilation [2,1], rectangular',
    x: [2, 2, 11, 8],
    w: [3, 2, 3, 2],
    params: { dilation: [2, 1], stride: [1, 2], padding: [2, 1] },
  },
  { name: '1x9 kernel', x: [2, 2, 5, 12], w: [3, 2, 1, 9], params: { padding: [0, 4] } },
  { name: 'channels 32->64 3x3 p1', x: [1, 32, 6, 5], w: [64, 32, 3, 3], params: { padding: 1 }, relu: true },
  // Stride 1 reads the taps straight from the padded image (conv_direct.ts), the rest unroll it (im2col):
  // these reach the unrolled path's tiles and row chunks, and the direct path's fallback.
  // 1044 outputs per image beside 150 unrolled rows: the backward passes take three tiles per image.
  { name: 'several tiles per image', x: [2, 6, 40, 33], w: [5, 6, 5, 5], params: {} },
  // At stride 2, 1320 outputs: the forward too takes tiles, the last partial.
  { name: 'several tiles per image, stride 2', x: [1, 6, 80, 66], w: [3, 6, 5, 5], params: { stride: 2 } },
  // 9270 unrolled rows: more than fit beside 8 columns, so the unrolled forward adds up row chunks.
  { name: 'unrolled rows in chunks', x: [1, 1030, 4, 3], w: [3, 1030, 3, 3], params: { padding: 1 } },
  {
    name: 'unrolled rows in chunks, stride 2',
    x: [1, 1030, 5, 4],
    w: [3, 1030, 3, 3],
    params: { stride: 2, padding: 1 },
  },
  // A padded image of 64 x 42 x 42 floats does not fit the scratch: stride 1 falls back to unrolling.
  {
    name: 'stride 1, image larger than the scratch',
    x: [1, 64, 40, 40],
    w: [2, 64, 3, 3],
    params: { padding: 1 },
  },
];

const TRANSPOSED: Case[] = [
  {
    name: 'stride 2, padding 1, output_padding 1, 3->2',
    x: [2, 3, 5, 7],
    w: [3, 2, 3, 3],
    params: { stride: 2, padding: 1, outputPadding: 1 },
  },
  {
    name: 'batch 1, dilation 2',
    x: [1, 2, 7, 11],
    w: [2, 3, 3, 3],
    params: { dilation: 2, outputPadding: 1 },
  },
  { name: 'stride 3 > kernel 2', x: [2, 3, 13, 13], w: [3, 4, 2, 2], params: { stride: 3, padding: 1 } },
  { name: '307 outputs (prime)', x: [1, 1, 305, 1], w: [1, 1, 3, 1], params: {} },
  {
    name: 'rectangular stride [2,3], output_padding [1,2]',
    x: [2, 1, 6, 5],
    w: [1, 6, 3, 4],
    params: { stride: [2, 3], outputPadding: [1, 2], padding: [1, 0] },
  },
  { name: 'DCGAN 16->8 k4 s2 p1', x: [3, 16, 7, 7], w: [16, 8, 4, 4], params: { stride: 2, padding: 1 } },
];

const count = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

const conv2d = (ops: CpuOps): ConvReference => ({
  forward: ops.conv2dForward,
  backwardInput: ops.conv2dBackwardInput,
  backwardWeight: ops.conv2dBackwardWeight,
  backwardBias: ops.conv2dBackwardBias,
  outputShape: conv2dOutputShape,
});

const transposed = (ops: CpuOps): ConvReference => ({
  forward: ops.convTranspose2dForward,
  backwardInput: ops.convTranspose2dBackwardInput,
  backwardWeight: ops.convTranspose2dBackwardWeight,
  backwardBias: ops.convTranspose2dBackwardBias,
  outputShape: convTranspose2dOutputShape,
});

/** Every pass on both backends from the same seeded inputs; wasm outputs start as NaN. */
function compare(wasm: ConvReference, ref: ConvReference, c: Case, seed: number, relu: boolean) {
  const yShape = ref.outputShape(c.x, c.w, c.params);
  const t = (shape: number[], s: number): HostTensor => ({ data: randomFloat32(count(shape), s), shape });
  const x = t(c.x, seed);
  const weight = t(c.w, seed + 1);
  const bias = t([yShape[1]], seed + 2);
  const dy = t(yShape, seed + 3);
  const out = (shape: number[], fill: number) => ({ data: new Float32Array(count(shape)).fill(fill), shape });
  for (const [side, nan] of [
    [ref, 0],
    [wasm, NaN],
  ] as const) {
    const y = out(yShape, nan);
    const dx = out(c.x, nan);
    const dweight = out(c.w, nan);
    const dbias = out([yShape[1]], nan);
    const forward = side.forward as (a: unknown) => void;
    forward({ x, weight, bias, y, params: c.params, relu });
    side.backwardInput({ dy, weight, dx, params: c.params });
    side.backwardWeight({ x, dy, dweight, params: c.params });
    side.backwardBias({ dy, dbias });
    (side as unknown as { last: unknown }).last = { y, dx, dweight, dbias };
  }
  const [a, b] = [wasm, ref].map((s) => (s as unknown as { last: Record<string, HostTensor> }).last);
  for (const key of ['y', 'dx', 'dweight', 'dbias']) expectClose(a[key].data, b[key].data, TOL);
}

/**
 * Float32 central differences of L = sum(y * dy) with step 1: the conv is linear in x, w and b, so the
 * difference is exact up to rounding and checks each backward pass against the forward on its own.
 */
function checkLinearGradients(ops: ConvReference, c: Case, seed: number) {
  const yShape = ops.outputShape(c.x, c.w, c.params);
  const t = (shape: number[], s: number): HostTensor => ({ data: randomFloat32(count(shape), s), shape });
  const x = t(c.x, seed);
  const weight = t(c.w, seed + 1);
  const bias = t([yShape[1]], seed + 2);
  const dy = t(yShape, seed + 3);
  const y = { data: new Float32Array(count(yShape)), shape: yShape };
  const loss = () => {
    ops.forward({ x, weight, bias, y, params: c.params });
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += y.data[i] * dy.data[i];
    return s;
  };
  const grads = {
    x: { data: new Float32Array(count(c.x)), shape: c.x },
    weight: { data: new Float32Array(count(c.w)), shape: c.w },
    bias: { data: new Float32Array(yShape[1]), shape: [yShape[1]] },
  };
  ops.backwardInput({ dy, weight, dx: grads.x, params: c.params });
  ops.backwardWeight({ x, dy, dweight: grads.weight, params: c.params });
  ops.backwardBias({ dy, dbias: grads.bias });
  for (const [v, g] of [
    [x, grads.x],
    [weight, grads.weight],
    [bias, grads.bias],
  ] as const) {
    for (let i = 0; i < v.data.length; i++) {
      const keep = v.data[i];
      v.data[i] = keep + 1;
      const up = loss();
      v.data[i] = keep - 1;
      const down = loss();
      v.data[i] = keep;
      expect(Math.abs((up - down) / 2 - g.data[i])).toBeLessThan(1e-3 * (1 + Math.abs(g.data[i])));
    }
  }
}

describe('wasm conv2d matches the reference on awkward shapes', () => {
  const suite = wasmSuite();
  for (const c of CONV2D) {
    it(c.name, () => compare(conv2d(suite.staged()), conv2d(referenceOps), c, 11, Boolean(c.relu)));
  }
});

describe('wasm conv_transpose2d matches the reference on awkward shapes', () => {
  const suite = wasmSuite();
  for (const c of TRANSPOSED) {
    it(c.name, () => compare(transposed(suite.staged()), transposed(referenceOps), c, 21, false));
  }
});

describe('wasm conv matches the PyTorch golden fixtures (atol 1e-5, rtol 1e-5)', () => {
  const suite = wasmSuite();
  for (const f of convFixtures('conv2d'))
    it(`conv2d: ${f.name}`, () => checkConvFixture(conv2d(suite.staged()), f));
  for (const f of convFixtures('conv_transpose2d')) {
    it(`conv_transpose2d: ${f.name}`, () => checkConvFixture(transposed(suite.staged()), f));
  }
});

describe('wasm conv gradients agree with float32 central differences', () => {
  const suite = wasmSuite();
  const small: [string, (ops: CpuOps) => ConvReference, Case][] = [
    [
      'conv2d',
      conv2d,
      {
        name: 'stride 2, dilation, padding',
        x: [2, 2, 7, 6],
        w: [3, 2, 3, 2],
        params: { stride: 2, padding: 1, dilation: [2, 1] },
      },
    ],
    ['conv2d', conv2d, { name: 'LeNet-like 5x5', x: [1, 2, 9, 9], w: [3, 2, 5, 5], params: { padding: 2 } }],
    [
      'conv_transpose2d',
      transposed,
      {
        name: 'stride 2, output_padding 1',
        x: [2, 3, 4, 3],
        w: [3, 2, 3, 3],
        params: { stride: 2, padding: 1, outputPadding: 1 },
      },
    ],
  ];
  for (const [op, of, c] of small)
    it(`${op}: ${c.name}`, () => checkLinearGradients(of(suite.staged()), c, 31));
});

describe('wasm conv refuses what the reference refuses, and arrays outside its memory', () => {
  const suite = wasmSuite();
  it('names the shape mismatch', () => {
    const ops = suite.ops();
    const t = (shape: number[]) => ({ data: ops.alloc(count(shape)), shape });
    expect(() =>
      ops.conv2dForward({ x: t([1, 2, 5, 5]), weight: t([3, 1, 3, 3]), y: t([1, 3, 3, 3]) }),
    ).toThrow(/expects 1 input channels, input has 2/);
    expect(() =>
      ops.conv2dForward({ x: t([1, 1, 5, 5]), weight: t([3, 1, 3, 3]), y: t([1, 3, 4, 3]) }),
    ).toThrow(/conv2d output has shape \[1,3,4,3\], expected \[1,3,3,3\]/);
  });

  it('refuses a plain array and one shorter than its shape', () => {
    const ops = suite.ops();
    const t = (shape: number[]) => ({ data: ops.alloc(count(shape)), shape });
    const plain = { data: new Float32Array(25), shape: [1, 1, 5, 5] };
    expect(() => ops.conv2dForward({ x: plain, weight: t([1, 1, 3, 3]), y: t([1, 1, 3, 3]) })).toThrow(
      /conv2d: x is not in this backend's memory/,
    );
    const short = { data: ops.alloc(24), shape: [1, 1, 5, 5] };
    expect(() => ops.conv2dForward({ x: short, weight: t([1, 1, 3, 3]), y: t([1, 1, 3, 3]) })).toThrow(
      /conv2d: x has 24 elements, needs 25/,
    );
  });
});
