// Typed views of the PyTorch graph-op fixtures (src/engine/fixtures/graph.json, scripts/fixtures/ops_graph.py),
// shared by the CPU and GPU tests. Tensors are flat lists in row-major order.
import { loadFixture } from '../fixtures/load';
import type { Upsample2dParams } from '../ops/upsample-geometry';

export interface AddCase {
  shape: number[];
  a: number[];
  b: number[];
  y: number[];
  dy: number[];
  da: number[];
  db: number[];
}

/** x feeds y1 = x + a and y2 = x + b; dx is autograd's sum of dy1 and dy2. */
export interface FanOutCase {
  shape: number[];
  dy1: number[];
  dy2: number[];
  dx: number[];
}

export interface ConcatCase {
  shapes: number[][];
  xs: number[][];
  y_shape: number[];
  y: number[];
  dy: number[];
  dxs: number[][];
}

export interface UpsampleCase {
  shape: number[];
  scale: [number, number];
  mode: 'nearest' | 'bilinear';
  align_corners: boolean;
  x: number[];
  y: number[];
  dy: number[];
  dx: number[];
}

export function upsampleCaseParams(c: UpsampleCase): Upsample2dParams {
  return {
    mode: c.mode,
    scaleFactor: c.scale,
    alignCorners: c.mode === 'bilinear' ? c.align_corners : undefined,
  };
}

export interface AdaptiveAvgPoolCase {
  shape: number[];
  output_size: [number, number];
  x: number[];
  y: number[];
  dy: number[];
  dx: number[];
}

export interface SoftmaxCase {
  shape: number[];
  x: number[];
  y: number[];
  dy: number[];
  dx: number[];
}

interface GraphFixture {
  add: AddCase[];
  fan_out: FanOutCase[];
  concat: ConcatCase[];
  upsample: UpsampleCase[];
  adaptive_avg_pool2d: AdaptiveAvgPoolCase[];
  softmax: SoftmaxCase[];
}

export function graphCases(): GraphFixture {
  return loadFixture('graph') as unknown as GraphFixture;
}
