// Typed views of the PyTorch pooling fixtures (src/engine/fixtures/pool.json), shared by the CPU and GPU tests.
import type { AvgPool2dParams, MaxPool2dParams } from '../ops/pool-geometry';

export interface MaxCase {
  shape: number[];
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceil_mode: boolean;
  x: number[];
  x_nan_at: number[];
  y: number[];
  y_nan_at: number[];
  y_shape: number[];
  indices: number[];
  dy: number[];
  dx: number[];
}

export interface AvgCase {
  shape: number[];
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  ceil_mode: boolean;
  count_include_pad: boolean;
  x: number[];
  y: number[];
  y_shape: number[];
  dy: number[];
  dx: number[];
}

export function maxCaseParams(c: MaxCase): MaxPool2dParams {
  return {
    kernelSize: c.kernel,
    stride: c.stride,
    padding: c.padding,
    dilation: c.dilation,
    ceilMode: c.ceil_mode,
  };
}

export function avgCaseParams(c: AvgCase): AvgPool2dParams {
  return {
    kernelSize: c.kernel,
    stride: c.stride,
    padding: c.padding,
    ceilMode: c.ceil_mode,
    countIncludePad: c.count_include_pad,
  };
}

/** JSON holds no NaN: the fixture lists where they go. */
export function withNans(values: number[], nanAt: number[]): Float32Array {
  const out = Float32Array.from(values);
  for (const i of nanAt) out[i] = NaN;
  return out;
}
