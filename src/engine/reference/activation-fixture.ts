// Typed view of the PyTorch activation fixture (src/engine/fixtures/activation.json), shared by the CPU and GPU tests.
import { loadFixture } from '../fixtures/load';
import type { ActivationKind } from './activation';

export interface ActivationCase {
  kind: ActivationKind;
  slope?: number;
  alpha?: number;
  x: number[];
  dy: number[];
  y: number[];
  dx: number[];
}

export function activationCases(): ActivationCase[] {
  return loadFixture('activation').activation as unknown as ActivationCase[];
}

/** erf in float64 on a grid over [-6, 6] (torch.special.erf). */
export function erfCase(): { x: number[]; erf: number[] } {
  return loadFixture('activation').erf[0] as unknown as { x: number[]; erf: number[] };
}
