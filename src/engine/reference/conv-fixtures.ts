// Typed access to the PyTorch golden cases in fixtures/conv.json (made by scripts/fixtures/ops_conv.py).
import { loadFixture } from '../fixtures/load';
import type { Pair } from '../ops/conv-geometry';

export interface ConvFixture {
  name: string;
  xShape: number[];
  wShape: number[];
  yShape: number[];
  x: number[];
  w: number[];
  /** Present only for cases with a bias. */
  b?: number[];
  y: number[];
  /** Upstream gradient; dx, dw and db are the gradients of sum(y * dy). */
  dy: number[];
  dx: number[];
  dw: number[];
  db?: number[];
  stride: number | Pair;
  padding: number | Pair;
  dilation: number | Pair;
  outputPadding?: number | Pair;
  groups: number;
}

export function convFixtures(op: 'conv2d' | 'conv_transpose2d'): ConvFixture[] {
  return loadFixture('conv')[op] as unknown as ConvFixture[];
}

/** The fixture's options in the planners' parameter form. */
export function fixtureParams(f: ConvFixture) {
  return {
    stride: f.stride,
    padding: f.padding,
    dilation: f.dilation,
    outputPadding: f.outputPadding ?? 0,
    groups: f.groups,
  };
}
