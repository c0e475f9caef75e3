// Typed view of the PyTorch activation fixture (src/engine/fixtures/activation.json), shared by the CPU and GPU tests.
import { loadFixture } from '../fixtures/load';
import type { ActivationKind } from './activation';

export interface ActivationCase {
  kind: ActivationKind;
  slope?: number;
  x: number[];
  dy: number[];
  y: number[];
  dx: number[];
}

export function activationCases(): ActivationCase[] {
  return loadFixture('activation').activation as unknown as ActivationCase[];
}
