// Typed views of the PyTorch BatchNorm2d, GroupNorm and Dropout fixtures (src/engine/fixtures/norm.json).
import { loadFixture } from '../fixtures/load';

export interface BatchNormStep {
  training: boolean;
  x: number[];
  dy: number[];
  y: number[];
  running_mean: number[];
  running_var: number[];
  dx: number[];
  /** Absent without affine parameters. */
  dweight?: number[];
  dbias?: number[];
}

export interface BatchNormCase {
  shape: number[];
  momentum: number;
  eps: number;
  affine: boolean;
  /** Absent without affine parameters. */
  weight?: number[];
  bias?: number[];
  running_mean0: number[];
  running_var0: number[];
  /** Two training steps, then one eval step, each with its own input and upstream gradient. */
  steps: BatchNormStep[];
}

export interface DropoutCase {
  p: number;
  training: boolean;
  x: number[];
  y: number[];
}

export interface GroupNormCase {
  shape: number[];
  groups: number;
  eps: number;
  affine: boolean;
  x: number[];
  dy: number[];
  y: number[];
  dx: number[];
  /** Absent without affine parameters. */
  weight?: number[];
  bias?: number[];
  dweight?: number[];
  dbias?: number[];
}

export function batchNormCases(): BatchNormCase[] {
  return loadFixture('norm').batch_norm2d as unknown as BatchNormCase[];
}

export function groupNormCases(): GroupNormCase[] {
  return loadFixture('norm').group_norm as unknown as GroupNormCase[];
}
