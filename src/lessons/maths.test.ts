import { describe, expect, it } from 'vitest';
import { convOut, convTransposeOut, poolOut } from '../engine/geometry';
import { conv2dForward } from '../engine/reference/conv2d';
import { convTranspose2dForward } from '../engine/reference/conv_transpose2d';
import { avgPool2dForward, maxPool2dForward } from '../engine/reference/pool';
import { lessonDigit, DIGIT_SIZE } from './digit';
import {
  conv2d,
  convOutSize,
  convTranspose2d,
  KERNELS,
  pool2d,
  transposedOutSize,
  type Map2d,
} from './maths';

// Odd sizes on purpose: a ragged last window and a stride that does not divide the size.
const map = (height: number, width: number): Map2d => ({
  height,
  width,
  data: Float32Array.from({ length: height * width }, (_, i) => Math.sin(i * 1.7) * 3),
});
const kernel5 = Array.from({ length: 25 }, (_, i) => Math.cos(i * 0.9));

describe('lesson maths against the engine reference', () => {
  it.each([
    [1, 0],
    [2, 1],
    [3, 2],
  ])('conv2d, stride %i padding %i, on a 13×11 map', (stride, padding) => {
    const x = map(13, 11);
    const got = conv2d(x, kernel5, 5, stride, padding);
    const oh = convOut(13, 5, stride, padding, 1);
    const ow = convOut(11, 5, stride, padding, 1);
    expect([got.height, got.width]).toEqual([oh, ow]);
    const y = new Float32Array(oh * ow);
    conv2dForward({
      x: { data: x.data, shape: [1, 1, 13, 11] },
      weight: { data: Float32Array.from(kernel5), shape: [1, 1, 5, 5] },
      y: { data: y, shape: [1, 1, oh, ow] },
      params: { stride, padding },
    });
    for (let i = 0; i < y.length; i++) expect(got.data[i]).toBeCloseTo(y[i], 4);
  });

  it.each([2, 3])('max and average pooling %i×%i on a 13×11 map', (k) => {
    const x = map(13, 11);
    const oh = poolOut(13, k, k, 0, 1, false);
    const ow = poolOut(11, k, k, 0, 1, false);
    const max = new Float32Array(oh * ow);
    maxPool2dForward({
      x: x.data,
      y: max,
      indices: new Uint32Array(oh * ow),
      shape: [1, 1, 13, 11],
      params: { kernelSize: [k, k] },
    });
    const avg = new Float32Array(oh * ow);
    avgPool2dForward({ x: x.data, y: avg, shape: [1, 1, 13, 11], params: { kernelSize: [k, k] } });
    expect(Array.from(pool2d(x, k, 'max').data)).toEqual(Array.from(max));
    pool2d(x, k, 'avg').data.forEach((v, i) => expect(v).toBeCloseTo(avg[i], 5));
  });

  it.each([
    [2, 1, 1],
    [3, 0, 2],
    [1, 2, 0],
  ])('transposed conv, stride %i padding %i output_padding %i, on a 5×7 map', (stride, padding, op) => {
    const x = map(5, 7);
    const got = convTranspose2d(x, kernel5, 5, stride, padding, op);
    const oh = convTransposeOut(5, 5, stride, padding, 1, op);
    const ow = convTransposeOut(7, 5, stride, padding, 1, op);
    expect([got.height, got.width]).toEqual([oh, ow]);
    expect(transposedOutSize(5, 5, stride, padding, op)).toBe(oh);
    const y = new Float32Array(oh * ow);
    convTranspose2dForward({
      x: { data: x.data, shape: [1, 1, 5, 7] },
      weight: { data: Float32Array.from(kernel5), shape: [1, 1, 5, 5] },
      y: { data: y, shape: [1, 1, oh, ow] },
      params: { stride, padding, outputPadding: op },
    });
    for (let i = 0; i < y.length; i++) expect(got.data[i]).toBeCloseTo(y[i], 4);
  });

  it('sizes follow PyTorch: 28 with k 3, s 2, p 1 gives 14; 7 transposed with k 4, s 2, p 1 gives 14', () => {
    expect(convOutSize(28, 3, 2, 1)).toBe(14);
    expect(transposedOutSize(7, 4, 2, 1, 0)).toBe(14);
    expect(transposedOutSize(7, 3, 2, 1, 1)).toBe(14);
    expect(() => conv2d(map(2, 2), kernel5, 5, 1, 0)).toThrow(/does not fit/);
  });

  it('the digit is a real 7 and the edge kernel sums to zero, so flat regions give 0', () => {
    const digit = lessonDigit();
    expect(digit.length).toBe(DIGIT_SIZE * DIGIT_SIZE);
    expect(Math.max(...digit)).toBe(1);
    expect(KERNELS.edge.reduce((a, b) => a + b, 0)).toBe(0);
    const edges = conv2d({ data: digit, height: 28, width: 28 }, KERNELS.edge, 3, 1, 1);
    expect(edges.data[0]).toBe(0);
  });
});
